"""Static map layers by URL: the map script names files the browser fetches once and keeps.

``python -m geo build`` writes the files (:mod:`geo.web_assets`); this module
finds their URLs and wires ``static/js/pa-map.js``, which draws them, into a
folium map. A map that references layers by URL stays a few kilobytes, so the
rerun after a click or a panel change resends almost nothing.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement, Template

from geo.config import ASSET_MANIFEST, PROJECT_ROOT
from geo.io import load_asset_manifest

__all__ = [
    "BUILD_URL",
    "MAP_SCRIPT",
    "asset_url",
    "asset_manifest",
    "map_script_url",
    "AssetCall",
    "DrawnCounter",
    "background_group",
    "unit_files",
]

BUILD_URL = "/app/static/build"
MAP_SCRIPT = PROJECT_ROOT / "static" / "js" / "pa-map.js"


@lru_cache(maxsize=4)
def _manifest(path: Path, mtime_ns: int) -> dict[str, Any]:
    return load_asset_manifest(path)


def asset_manifest() -> dict[str, Any]:
    """The manifest of the built map assets (re-read when a build rewrites it)."""
    try:
        mtime_ns = ASSET_MANIFEST.stat().st_mtime_ns
    except FileNotFoundError:
        return load_asset_manifest(ASSET_MANIFEST)  # raises the one CacheMissingError sentence
    return _manifest(ASSET_MANIFEST, mtime_ns)


def asset_url(name: str) -> str:
    """URL of one built asset, e.g. ``asset_url("units-legacy")``."""
    return f"{BUILD_URL}/{asset_manifest()['files'][name]}"


@lru_cache(maxsize=4)
def _script_version(mtime_ns: int) -> str:
    return hashlib.sha256(MAP_SCRIPT.read_bytes()).hexdigest()[:12]


def map_script_url() -> str:
    """URL of the drawing script, versioned by its content."""
    return f"/app/static/js/pa-map.js?v={_script_version(MAP_SCRIPT.stat().st_mtime_ns)}"


_CALL_TEMPLATE = """
{% macro script(this, kwargs) %}
PA.{{ this.function }}({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, {{ this.config_json }});
{% endmacro %}
"""


class AssetCall(MacroElement):
    """Calls ``PA.<function>(group, map, config)`` of ``pa-map.js``; add it to a FeatureGroup on the map.

    ``config`` is JSON-encoded with ``</`` escaped, so no value can close the script block.
    """

    _template = Template(_CALL_TEMPLATE)

    def __init__(self, function: str, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AssetCall"
        self.function = function
        self.config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")


_COUNT_TEMPLATE = """
{% macro script(this, kwargs) %}
PA.countDrawn({{ this._parent.get_name() }}, {{ this.selector_json }});
{% endmacro %}
"""


class DrawnCounter(MacroElement):
    """Sets ``data-drawn`` on the map container to the number of elements matching ``selector``."""

    _template = Template(_COUNT_TEMPLATE)

    def __init__(self, selector: str) -> None:
        super().__init__()
        self._name = "DrawnCounter"
        self.selector_json = json.dumps(selector)


def unit_files(province_codes: list[str]) -> list[str]:
    """URLs of the per-province unit files of ``province_codes`` (one per province the build wrote)."""
    files = asset_manifest()["files"]
    return [asset_url(f"units-p{code}") for code in sorted(set(province_codes)) if f"units-p{code}" in files]


def _province_files(bounds: tuple[float, float, float, float], margin: float) -> list[str]:
    minx, miny, maxx, maxy = bounds
    boxes = asset_manifest()["province_bounds"]
    return [
        asset_url(f"outlines-p{code}")
        for code, (x0, y0, x1, y1) in sorted(boxes.items())
        if x0 <= maxx + margin and x1 >= minx - margin and y0 <= maxy + margin and y1 >= miny - margin
    ]


def background_group(bounds: tuple[float, float, float, float], *, name: str, margin: float) -> folium.FeatureGroup:
    """The offline background of a locality: the outline files of the provinces near ``bounds``.

    A base layer (``overlay=False``) so the layer control can swap it for web tiles.
    """
    group = folium.FeatureGroup(name=name, overlay=False, control=True, show=True)
    config = {
        "urls": _province_files(bounds, margin),
        # Outside Vietnam (sea or a neighbouring country) stays the neutral container grey:
        # the boundary data cannot tell the two apart, so the map does not pretend to.
        "province_style": {"fillColor": "#f7f4ec", "fillOpacity": 1, "color": "#9a8f7a", "weight": 1.2},
        "district_style": {"fillOpacity": 0, "color": "#b9b0a0", "weight": 0.6, "dashArray": "3 3"},
    }
    group.add_child(AssetCall("background", config))
    return group
