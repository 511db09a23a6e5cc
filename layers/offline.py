"""Offline first: the map's scripts and styles come from the app, not from a CDN.

Streamlit serves ``static/`` at ``/app/static/`` (``enableStaticServing``).
folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs on every
map; this module keeps Leaflet only, served locally, because the app draws its
icons as inline SVG and needs none of the others.
"""

from __future__ import annotations

from pathlib import Path

import folium

__all__ = ["STATIC_URL", "LOCAL_JS", "LOCAL_CSS", "localise_assets", "vendored_files"]

STATIC_URL = "/app/static/vendor"
_LEAFLET = "leaflet-1.9.3"
LOCAL_JS: list[tuple[str, str]] = [("leaflet", f"{STATIC_URL}/{_LEAFLET}/leaflet.js")]
LOCAL_CSS: list[tuple[str, str]] = [("leaflet_css", f"{STATIC_URL}/{_LEAFLET}/leaflet.css")]


def vendored_files(root: Path) -> list[Path]:
    """The files that :data:`LOCAL_JS` and :data:`LOCAL_CSS` point at, under the project root."""
    prefix = "/app/"
    return [root / url[len(prefix) :] for _, url in LOCAL_JS + LOCAL_CSS]


def localise_assets(fmap: folium.Map) -> folium.Map:
    """Point every element of ``fmap`` at local assets instead of CDNs (in place; returns it).

    Instance attributes shadow folium's class-level lists, so no other map is affected.
    Every map also loads ``pa-map.js`` (:mod:`layers.assets`) after Leaflet: the offline
    background of :func:`layers.basemap.base_map` and the static layers are drawn by it.
    """
    from layers.assets import map_script_url

    map_js = [*LOCAL_JS, ("pa_map", map_script_url())]

    def walk(element: object) -> None:
        if hasattr(element, "default_js"):
            element.default_js = map_js if isinstance(element, folium.Map) else []
        if hasattr(element, "default_css"):
            element.default_css = LOCAL_CSS if isinstance(element, folium.Map) else []
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(fmap)
    return fmap
