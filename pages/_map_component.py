"""streamlit-folium without the per-rerun render: a cached map is turned into text once.

``st_folium`` deep-copies nothing but renders the whole folium tree to HTML and
JavaScript on every rerun (for Hà Nội's 525 units about 0.3 s of server time on
each click). A map taken from ``st.cache_resource`` never changes, so its text is
kept beside it and the component is called with the same arguments
``st_folium`` 0.27.4 would pass (requirements.txt pins that version).
"""

from __future__ import annotations

import copy
import weakref
from typing import Any

import folium
import streamlit_folium as sf

__all__ = ["show_cached_map"]

_RENDERED: weakref.WeakKeyDictionary[folium.Map, dict[str, Any]] = weakref.WeakKeyDictionary()
_RETURNED = (
    "last_clicked",
    "last_object_clicked",
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
    "last_circle_radius",
    "last_circle_polygon",
    "selected_layers",
    "selected_tags",
    "last_geocoder_result",
)


def _render(fmap: folium.Map) -> dict[str, Any]:
    """What ``st_folium`` computes from a map before calling its component (on a copy: it renames ids)."""
    folium_map = copy.deepcopy(fmap)
    folium_map.get_root().render()
    folium_map.render()
    html = sf._get_html(folium_map)
    header = sf._get_header(folium_map)
    script = sf._get_map_string(folium_map)
    css_links: list[str] = []
    js_links: list[str] = []

    def walk(element: object):  # noqa: ANN202 - generator of elements
        if isinstance(element, folium.elements.JSCSSMixin):
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(folium_map):
        css_links.extend(href for _, href in getattr(element, "default_css", []))
        js_links.extend(src for _, src in getattr(element, "default_js", []))
    (south, west), (north, east) = folium_map.get_bounds()
    bounds = {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": sf.get_full_id(folium_map),
        "css_links": list(dict.fromkeys(css_links)),
        "js_links": list(dict.fromkeys(js_links)),
        "bounds": bounds,
        "zoom": folium_map.options.get("zoom"),
    }


def show_cached_map(
    fmap: folium.Map, *, key: str, height: int, returned_objects: list[str], **view: Any
) -> dict | None:
    """Draw a map that never changes (from ``st.cache_resource``), rendering its text only once."""
    import streamlit as st

    rendered = _RENDERED.get(fmap)
    if rendered is None:
        rendered = _RENDERED[fmap] = _render(fmap)
    defaults: dict[str, Any] = {k: None for k in _RETURNED if k in returned_objects}
    if "bounds" in returned_objects:
        defaults["bounds"] = rendered["bounds"]
    if "zoom" in returned_objects:
        defaults["zoom"] = rendered["zoom"]
    hash_key = sf.generate_js_hash(rendered["script"], key, False)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=rendered["script"],
        header=rendered["header"],
        html=rendered["html"],
        id=rendered["id"],
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=defaults,
        zoom=view.get("zoom"),
        center=view.get("center"),
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=rendered["css_links"],
        js_links=rendered["js_links"],
        on_change=on_change,
        wrap_longitude=False,
    )
