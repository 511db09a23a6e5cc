"""The floor of the side-by-side benchmark: an empty Streamlit page holding a one-marker folium map.

Leaflet is served locally, as in the app; nothing else is drawn. Run by bench/bench_side_by_side.py.
"""

import folium
from streamlit_folium import st_folium

LEAFLET = "/app/static/vendor/leaflet-1.9.3"

fmap = folium.Map(location=(16.0, 106.0), zoom_start=5, tiles=None)
fmap.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
fmap.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
folium.Marker((16.0, 106.0)).add_to(fmap)
st_folium(fmap, height=640, use_container_width=True, returned_objects=[])
