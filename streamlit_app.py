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
    st.Page("pages/targets.py", title=tr("page_targets", lang()), icon="🎯", url_path="targets"),
    st.Page("pages/projects.py", title=tr("page_projects", lang()), icon="🏗️", url_path="projects"),
    st.Page("pages/urban.py", title=tr("page_urban", lang()), icon="🏙️", url_path="urban"),
    st.Page("pages/export.py", title=tr("page_export", lang()), icon="🖨️", url_path="export"),
]
st.navigation(pages).run()
