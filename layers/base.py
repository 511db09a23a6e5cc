"""One builder turns a declarative layer spec and a GeoDataFrame into a folium FeatureGroup.

Every text that reaches the browser goes through :func:`escape` first:
folium's tooltips and popups insert property values as HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

__all__ = [
    "LegendEntry",
    "LayerSpec",
    "escape",
    "escaped_properties",
    "build_feature_group",
    "Legend",
    "MarkerBatch",
]


def escape(value: object) -> str:
    """HTML-escape any value for display; missing values become an empty string."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: a label and how the symbol is drawn."""

    label: str
    color: str
    shape: str = "square"  # square | line | dashed | circle | ring
    fill_opacity: float = 0.5


@dataclass(frozen=True)
class LayerSpec:
    """What a layer is: its name, style, tooltip and legend.

    ``style`` receives a GeoJSON feature's properties and returns a Leaflet
    path style. ``tooltip_fields`` maps a property to its (already translated)
    label. ``id_field`` is the property a click returns to the app.
    """

    name: str
    style: Callable[[Mapping[str, Any]], dict[str, Any]]
    tooltip_fields: Mapping[str, str]
    legend: Sequence[LegendEntry]
    id_field: str
    highlight: Mapping[str, Any] = field(default_factory=lambda: {"weight": 3, "color": "#000000"})
    show: bool = True
    control: bool = True


def escaped_properties(frame: gpd.GeoDataFrame, fields: Sequence[str]) -> gpd.GeoDataFrame:
    """A copy with ``fields`` escaped for HTML and every other non-geometry column dropped."""
    out = gpd.GeoDataFrame({f: frame[f].map(escape) for f in fields}, geometry=frame.geometry, crs=frame.crs)
    return out


def build_feature_group(spec: LayerSpec, frame: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Build the FeatureGroup of a layer from its spec and data (EPSG:4326 for Leaflet)."""
    group = folium.FeatureGroup(name=spec.name, show=spec.show, control=spec.control)
    if frame.empty:
        return group
    fields = list(dict.fromkeys([spec.id_field, *spec.tooltip_fields, *_style_fields(frame)]))
    data = escaped_properties(frame.to_crs(4326), fields)

    def style(feature: Mapping[str, Any]) -> dict[str, Any]:
        return spec.style(feature["properties"])

    folium.GeoJson(
        data,
        name=spec.name,
        style_function=style,
        highlight_function=lambda _: dict(spec.highlight),
        tooltip=folium.GeoJsonTooltip(
            fields=list(spec.tooltip_fields),
            aliases=[escape(v) for v in spec.tooltip_fields.values()],
            sticky=True,
            localize=False,
        ),
        zoom_on_click=False,
        embed=True,
    ).add_to(group)
    return group


def _style_fields(frame: gpd.GeoDataFrame) -> list[str]:
    """Columns prefixed ``style_`` carry per-feature style inputs."""
    return [c for c in frame.columns if c.startswith("style_")]


_LEGEND_TEMPLATE = """
{% macro script(this, kwargs) %}
(function() {
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'pa-legend');
    div.style.cssText = "background:rgba(255,255,255,.94);padding:8px 10px;border-radius:6px;" +
      "box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.45 'Noto Sans',Arial,sans-serif;max-width:260px;";
    div.innerHTML = {{ this.html_json }};
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""


def _symbol(entry: LegendEntry) -> str:
    color = escape(entry.color)
    if entry.shape == "line":
        return (
            f'<svg width="22" height="10"><line x1="1" y1="5" x2="21" y2="5" stroke="{color}" stroke-width="3"/></svg>'
        )
    if entry.shape == "dashed":
        return (
            f'<svg width="22" height="10"><line x1="1" y1="5" x2="21" y2="5" stroke="{color}" stroke-width="3" '
            'stroke-dasharray="5 3"/></svg>'
        )
    if entry.shape == "circle":
        return f'<svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="{color}" stroke="#333"/></svg>'
    if entry.shape == "ring":
        return (
            f'<svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="white" stroke="{color}" '
            'stroke-width="2" stroke-dasharray="2 1.5"/></svg>'
        )
    return (
        f'<svg width="16" height="12"><rect x="1" y="1" width="14" height="10" fill="{color}" '
        f'fill-opacity="{entry.fill_opacity}" stroke="{color}"/></svg>'
    )


class Legend(MacroElement):
    """A legend drawn as a Leaflet control inside the map, for exactly the entries given (escaped)."""

    _template = Template(_LEGEND_TEMPLATE)

    def __init__(self, title: str, entries: Sequence[LegendEntry], *, note: str = "") -> None:
        super().__init__()
        self._name = "Legend"
        rows = "".join(
            f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0;">{_symbol(e)}'
            f"<span>{escape(e.label)}</span></div>"
            for e in entries
        )
        note_html = f'<div style="margin-top:4px;color:#555;font-size:11px;">{escape(note)}</div>' if note else ""
        html_ = f'<div style="font-weight:600;margin-bottom:4px;">{escape(title)}</div>{rows}{note_html}'
        self.html_json = json.dumps(html_, ensure_ascii=False).replace("</", "<\\/")


_BATCH_TEMPLATE = """
{% macro script(this, kwargs) %}
(function() {
  var target = {{ this._parent.get_name() }};
  {{ this.markers_json }}.forEach(function(m) {
    var marker = L.marker([m[0], m[1]], {
      icon: L.divIcon({className: {{ this.class_name_json }}, html: m[2], iconSize: m[4], iconAnchor: m[5]}),
      interactive: m[3] !== null, keyboard: false
    });
    if (m[3] !== null) { marker.bindTooltip(m[3], {sticky: true}); }
    marker.addTo(target);
  });
})();
{% endmacro %}
"""


class MarkerBatch(MacroElement):
    """Many DivIcon markers in one element, added to the parent FeatureGroup in a JS loop.

    One folium Marker per label costs a template compile on every render
    (about 8 ms each); a batch costs one. ``html`` and ``tooltip`` must be
    escaped by the caller; a marker without tooltip is not interactive.
    """

    _template = Template(_BATCH_TEMPLATE)

    def __init__(
        self,
        markers: Sequence[tuple[float, float, str, str | None]],
        *,
        class_name: str,
        icon_size: tuple[int, int] = (0, 0),
        icon_anchor: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self._name = "MarkerBatch"
        anchor = list(icon_anchor) if icon_anchor else None
        rows = [[round(lat, 6), round(lon, 6), html_, tip, list(icon_size), anchor] for lat, lon, html_, tip in markers]
        # json.dumps escapes "</" only if asked: keep a name like "</script>" from closing the script block.
        self.markers_json = json.dumps(rows, ensure_ascii=False).replace("</", "<\\/")
        self.class_name_json = json.dumps(class_name)
