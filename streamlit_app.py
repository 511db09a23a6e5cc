"""Planning Atlas: entry point (page config, navigation, locality picker).

Start it with ``make run`` (or ``python tools/serve.py``), which also makes a
first request to a page URL such as ``/targets`` open through this navigation.
"""

from __future__ import annotations

import streamlit as st

from geo.errors import CacheMissingError
from layers.i18n import tr

# A local favicon: a Material page icon would otherwise be fetched from a font CDN.
st.set_page_config(page_title="Planning Atlas", page_icon="static/favicon.png", layout="wide")

from pages._state import lang, locality_picker  # noqa: E402  (after set_page_config)

PAGES = {
    "pages/map.py": ("page_map", ":material/map:", "map"),
    "pages/targets.py": ("page_targets", ":material/flag:", "targets"),
    "pages/projects.py": ("page_projects", ":material/construction:", "projects"),
    "pages/urban.py": ("page_urban", ":material/location_city:", "urban"),
    "pages/export.py": ("page_export", ":material/print:", "export"),
    "pages/edit.py": ("page_edit", ":material/edit_location:", "edit"),
    "pages/actuals.py": ("page_actuals", ":material/fact_check:", "actuals"),
    "pages/raster.py": ("page_raster", ":material/layers:", "raster"),
}

try:
    locality_picker()
except CacheMissingError:
    st.error(tr("cache_missing", lang()))
    st.stop()

from pages._auth import account_sidebar  # noqa: E402  (log in / log out, in the sidebar)

account_sidebar(lang())

st.navigation(
    [
        st.Page(path, title=tr(key, lang()), icon=icon, url_path=url, default=(url == "map"))
        for path, (key, icon, url) in PAGES.items()
    ]
).run()
