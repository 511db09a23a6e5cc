"""The commune-level unit layer: fill by unit type (or scenario), names as labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement, Template

from geo.style import MISSING_COLOR, UNIT_COLORS, UPGRADED_COLOR
from geo.text import NUMBER_FORMAT
from layers.assets import AssetCall, unit_files
from layers.base import LayerSpec, LegendEntry, MarkerBatch, build_feature_group, escape
from layers.i18n import tr, unit_type_label

__all__ = [
    "UNIT_COLORS",
    "UPGRADED_COLOR",
    "units_spec",
    "units_layer",
    "labels_layer",
    "LABEL_MIN_ZOOM",
    "add_label_zoom",
    "asset_units_layer",
    "asset_labels_layer",
]

LABEL_MIN_ZOOM = 11


def _unit_style(props: Mapping[str, Any]) -> dict[str, Any]:
    upgraded = props.get("style_upgraded") == "True"
    color = UPGRADED_COLOR if upgraded else UNIT_COLORS.get(props.get("style_type", ""), MISSING_COLOR)
    # className marks unit shapes in the DOM (browser tests count them; projects are separate).
    return {
        "fillColor": color,
        "color": "#333333",
        "weight": 1,
        "fillOpacity": 0.45,
        "dashArray": "4 3" if upgraded else None,
        "className": "pa-unit",
    }


def units_spec(lang: str, *, with_upgrades: bool = False) -> LayerSpec:
    """Spec of the unit layer in ``lang``; ``with_upgrades`` adds the scenario colour to the legend."""
    legend = [LegendEntry(unit_type_label(t, lang), c) for t, c in UNIT_COLORS.items()]
    if with_upgrades:
        legend.append(LegendEntry(tr("upgraded_legend", lang), UPGRADED_COLOR))
    return LayerSpec(
        name=tr("units_layer", lang),
        style=_unit_style,
        tooltip_fields={
            "name": tr("name", lang),
            "type_label": tr("unit_type", lang),
            "code": tr("code", lang),
            "area_label": tr("area", lang),
        },
        legend=legend,
        id_field="code",
    )


def units_layer(units: gpd.GeoDataFrame, lang: str, *, upgraded: frozenset[str] = frozenset()) -> folium.FeatureGroup:
    """FeatureGroup of the units that have a polygon, styled by type (scenario upgrades dashed purple)."""
    drawn = units[units.geometry.notna()].copy()
    drawn["type_label"] = drawn["unit_type"].map(lambda t: unit_type_label(t, lang))
    drawn["area_label"] = drawn["area_km2"].map(lambda a: f"{a:,.2f}")
    drawn["style_type"] = drawn["unit_type"]
    drawn["style_upgraded"] = drawn["code"].map(lambda c: str(c in upgraded))
    return build_feature_group(units_spec(lang, with_upgrades=bool(upgraded)), drawn)


def _asset_source(units: gpd.GeoDataFrame) -> dict[str, Any]:
    drawn = units[units.geometry.notna()]
    return {"urls": unit_files([str(c) for c in drawn["province_code"]]), "codes": [str(c) for c in drawn["code"]]}


def asset_units_layer(
    units: gpd.GeoDataFrame, lang: str, *, upgraded: frozenset[str] = frozenset()
) -> folium.FeatureGroup:
    """The units of ``units`` drawn from the build's per-province files (the map script holds only their codes).

    Same look, tooltip and click as :func:`units_layer`; a click returns the unit's
    ``code`` in ``last_active_drawing`` as before. The frame must be (a selection of)
    the build's map layer: its codes and ``province_code`` name what to draw.
    """
    spec = units_spec(lang, with_upgrades=bool(upgraded))
    group = folium.FeatureGroup(name=spec.name, show=spec.show, control=spec.control)
    style = _unit_style({})
    config = {
        **_asset_source(units),
        "upgraded": sorted(upgraded),
        "colours": dict(UNIT_COLORS),
        "missing": MISSING_COLOR,
        "upgraded_colour": UPGRADED_COLOR,
        "style": {k: style[k] for k in ("color", "weight", "fillOpacity")},
        "highlight": dict(spec.highlight),
        "fields": {key: escape(label) for key, label in spec.tooltip_fields.items()},
        "types": {t: unit_type_label(t, lang) for t in UNIT_COLORS},
        "number": dict(NUMBER_FORMAT.get(lang, NUMBER_FORMAT["vi"])),
    }
    group.add_child(AssetCall("units", config))
    return group


def asset_labels_layer(units: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Unit names at each unit's label point in the per-province files (see :func:`asset_units_layer`)."""
    group = folium.FeatureGroup(name=tr("labels_layer", lang), show=True)
    group.add_child(AssetCall("unitLabels", _asset_source(units)))
    return group


_LABEL_SCRIPT = """
{% macro script(this, kwargs) %}
(function() {
  var map = {{ this._parent.get_name() }};
  // From min_zoom on, show each label unless it would overlap one already shown.
  function declutter() {
    var nodes = document.querySelectorAll('.pa-unit-label');
    var show = map.getZoom() >= {{ this.min_zoom }};
    var placed = [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      node.style.visibility = 'hidden';
      node.style.display = show ? 'inline-block' : 'none';
      if (!show) { continue; }
      var r = node.getBoundingClientRect();
      var clash = false;
      for (var j = 0; j < placed.length && !clash; j++) {
        var q = placed[j];
        clash = !(r.right + 2 < q.left || r.left - 2 > q.right || r.bottom < q.top || r.top > q.bottom);
      }
      if (!clash) { placed.push(r); node.style.visibility = 'visible'; }
    }
  }
  map.on('zoomend moveend overlayadd pa:labels', declutter);
  map.whenReady(function() { setTimeout(declutter, 50); });
})();
{% endmacro %}
"""


class _LabelZoom(MacroElement):
    """Shows unit names only from ``min_zoom`` on, where they no longer overlap."""

    _template = Template(_LABEL_SCRIPT)

    def __init__(self, min_zoom: int) -> None:
        super().__init__()
        self._name = "LabelZoom"
        self.min_zoom = int(min_zoom)


def labels_layer(units: gpd.GeoDataFrame, lang: str, *, min_zoom: int = LABEL_MIN_ZOOM) -> folium.FeatureGroup:
    """Unit names at a point inside each polygon, shown from ``min_zoom`` on (one batch element)."""
    group = folium.FeatureGroup(name=tr("labels_layer", lang), show=True)
    drawn = units[units.geometry.notna()]
    markers = [
        (
            point.y,
            point.x,
            '<div class="pa-unit-label" style="display:inline-block;font:600 11px Arial,sans-serif;color:#222;'
            'text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;transform:translate(-50%,-50%);">'
            f"{escape(name)}</div>",
            None,
        )
        for name, point in zip(drawn["name"], drawn.geometry.representative_point())
    ]
    group.add_child(MarkerBatch(markers, class_name="pa-unit-label-icon"))
    return group


def add_label_zoom(fmap: folium.Map, *, min_zoom: int = LABEL_MIN_ZOOM) -> None:
    """Attach the zoom rule for unit labels to ``fmap``."""
    fmap.add_child(_LabelZoom(min_zoom))
