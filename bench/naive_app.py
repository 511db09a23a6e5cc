"""The naive app of the side-by-side benchmark: what a competent user writes in twenty lines.

``folium.GeoJson(units, tooltip=…)`` inside ``st_folium``, Leaflet served locally, reading the
same built layer as the app (data/cache/units_map.parquet). ``?district=`` / ``?province=`` /
``?country=VN`` choose the units; a picker changes them; a click names the unit.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.io import load_units

LEAFLET = "/app/static/vendor/leaflet-1.9.3"
CHOICES = {
    "district=817": "Cai Lậy",
    "province=84": "Trà Vinh",
    "province=01": "Hà Nội",
    "province=38": "Thanh Hóa",
    "country=VN": "Cả nước",
}

units = st.cache_resource(lambda: load_units(simplified=True))()
start = next(
    (f"{k}={st.query_params[k]}" for k in ("district", "province", "country") if k in st.query_params), "district=817"
)
keys = list(CHOICES)
key = str(st.sidebar.selectbox("Địa bàn", keys, index=keys.index(start), format_func=lambda k: CHOICES[k]))
level, code = key.split("=")
shown = units if level == "country" else units[units[f"{level}_code"] == code]
shown = shown[shown.geometry.notna()][["code", "name", "unit_type", "geometry"]]
minx, miny, maxx, maxy = shown.total_bounds
fmap = folium.Map(tiles=None)
fmap.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
fmap.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
folium.GeoJson(shown, tooltip=folium.GeoJsonTooltip(["name", "code", "unit_type"])).add_to(fmap)
fmap.fit_bounds([[miny, minx], [maxy, maxx]])
event = st_folium(fmap, height=640, use_container_width=True, returned_objects=["last_active_drawing"])
if event and event.get("last_active_drawing"):
    st.subheader(event["last_active_drawing"]["properties"]["name"])
