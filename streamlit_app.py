"""Planning Atlas: entry point (page config, navigation, locality picker)."""

from __future__ import annotations

import streamlit as st

from geo.errors import CacheMissingError
from layers.i18n import tr

st.set_page_config(page_title="Planning Atlas", page_icon="🗺️", layout="wide")

from pages._state import lang, locality_picker  # noqa: E402  (after set_page_config)

try:
    locality_picker()
except CacheMissingError:
    st.error(tr("cache_missing", lang()))
    st.stop()

pages = [
    st.Page("pages/map.py", title=tr("page_map", lang()), icon="🗺️", url_path="map", default=True),
    st.Page("pages/urban.py", title=tr("page_urban", lang()), icon="🏙️", url_path="urban"),
]
st.navigation(pages).run()
