"""folium's Draw plugin with Leaflet.draw served by the app (static/vendor), not from a CDN.

:func:`layers.offline.localise_assets` empties every element's CDN lists; this
module then gives the Draw element its local script and style, so call it
after localising the map.
"""

from __future__ import annotations

import folium
from folium.plugins import Draw

from layers.offline import STATIC_URL

__all__ = ["DRAW_JS", "DRAW_CSS", "add_local_draw"]

_DRAW = "leaflet.draw-1.0.2"
DRAW_JS = [("leaflet_draw_js", f"{STATIC_URL}/{_DRAW}/leaflet.draw.js")]
DRAW_CSS = [("leaflet_draw_css", f"{STATIC_URL}/{_DRAW}/leaflet.draw.css")]


def add_local_draw(fmap: folium.Map) -> Draw:
    """Add a Draw control (point, line, polygon) whose assets are local; returns it."""
    draw = Draw(
        export=False,
        position="topleft",
        draw_options={"circle": False, "circlemarker": False, "rectangle": False},
        edit_options={"edit": False},
    )
    draw.default_js = DRAW_JS
    draw.default_css = DRAW_CSS
    draw.add_to(fmap)
    return draw
