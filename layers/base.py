"""One builder turns a declarative layer spec and a GeoDataFrame into a folium FeatureGroup.

Every text that reaches the browser goes through :func:`escape` first:
folium's tooltips and popups insert property values as HTML.
"""

from __future__ import annotations

import html
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
{% macro html(this, kwargs) %}
<div class="pa-legend" style="position:absolute; bottom:24px; right:10px; z-index:9999; background:rgba(255,255,255,.94);
 padding:8px 10px; border-radius:6px; box-shadow:0 1px 4px rgba(0,0,0,.3); font:12px/1.45 'Noto Sans',Arial,sans-serif;
 max-width:280px;">
  <div style="font-weight:600; margin-bottom:4px;">{{ this.title }}</div>
  {% for row in this.rows %}
  <div style="display:flex; align-items:center; gap:6px; margin:2px 0;">{{ row.symbol }}<span>{{ row.label }}</span></div>
  {% endfor %}
  {% if this.note %}<div style="margin-top:4px; color:#555; font-size:11px;">{{ this.note }}</div>{% endif %}
</div>
{% endmacro %}
"""


def _symbol(entry: LegendEntry) -> str:
    color = escape(entry.color)
    if entry.shape == "line":
        return f'<svg width="22" height="10"><line x1="1" y1="5" x2="21" y2="5" stroke="{color}" stroke-width="3"/></svg>'
    if entry.shape == "dashed":
        return (f'<svg width="22" height="10"><line x1="1" y1="5" x2="21" y2="5" stroke="{color}" stroke-width="3" '
                'stroke-dasharray="5 3"/></svg>')
    if entry.shape == "circle":
        return f'<svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="{color}" stroke="#333"/></svg>'
    if entry.shape == "ring":
        return (f'<svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="white" stroke="{color}" '
                'stroke-width="2" stroke-dasharray="2 1.5"/></svg>')
    return (f'<svg width="16" height="12"><rect x="1" y="1" width="14" height="10" fill="{color}" '
            f'fill-opacity="{entry.fill_opacity}" stroke="{color}"/></svg>')


class Legend(MacroElement):
    """A legend box drawn inside the map, for exactly the entries given (escaped)."""

    _template = Template(_LEGEND_TEMPLATE)

    def __init__(self, title: str, entries: Sequence[LegendEntry], *, note: str = "") -> None:
        super().__init__()
        self._name = "Legend"
        self.title = escape(title)
        self.note = escape(note)
        self.rows = [{"symbol": _symbol(e), "label": escape(e.label)} for e in entries]
