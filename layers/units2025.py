"""The 2025 unit layer (approximate boundaries dashed) and the legacy outline drawn over it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd

from geo.style import MISSING_COLOR, UNIT_2025_COLORS
from layers.base import LayerSpec, LegendEntry, build_feature_group
from layers.i18n import fmt_num, tr, unit_type_label

__all__ = ["UNIT_2025_COLORS", "units_2025_spec", "units_2025_layer", "legacy_outline_layer"]

LEGACY_OUTLINE_COLOR = "#1a1a1a"


def _style(props: Mapping[str, Any]) -> dict[str, Any]:
    approximate = props.get("style_approximate") == "True"
    return {
        "fillColor": UNIT_2025_COLORS.get(props.get("style_type", ""), MISSING_COLOR),
        "color": "#333333",
        "weight": 1,
        "fillOpacity": 0.45,
        "dashArray": "5 4" if approximate else None,
        # Browser tests count unit shapes by this class, as on the legacy layer.
        "className": "pa-unit pa-unit-2025",
    }


def units_2025_spec(lang: str) -> LayerSpec:
    """Spec of the 2025 unit layer in ``lang``."""
    legend = [LegendEntry(unit_type_label(t, lang), c) for t, c in UNIT_2025_COLORS.items()]
    legend.append(LegendEntry(tr("approximate_legend", lang), "#ffffff"))
    return LayerSpec(
        name=tr("units_2025_layer", lang),
        style=_style,
        tooltip_fields={
            "name": tr("name", lang),
            "type_label": tr("unit_type", lang),
            "code": tr("code", lang),
            "area_label": tr("area", lang),
            "approximate_label": tr("approximate", lang),
        },
        legend=legend,
        id_field="code",
    )


def units_2025_layer(units: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """FeatureGroup of the 2025 units that have a polygon."""
    drawn = units[units.geometry.notna()].copy()
    drawn["type_label"] = drawn["unit_type"].map(lambda t: unit_type_label(t, lang))
    drawn["area_label"] = drawn["area_km2"].map(lambda a: fmt_num(a, lang))
    drawn["approximate_label"] = drawn["approximate_boundary"].map(lambda a: tr("approximate", lang) if a else "—")
    drawn["style_type"] = drawn["unit_type"]
    drawn["style_approximate"] = drawn["approximate_boundary"].map(str)
    return build_feature_group(units_2025_spec(lang), drawn)


def legacy_outline_layer(outlines: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """The legacy boundaries drawn over the 2025 units: no fill, no click."""
    group = folium.FeatureGroup(name=tr("legacy_outline_layer", lang), show=True)
    drawn = outlines[outlines.geometry.notna()][["geometry"]]
    if drawn.empty:
        return group
    folium.GeoJson(
        drawn.to_crs(4326),
        style_function=lambda _: {
            "fill": False,
            "color": LEGACY_OUTLINE_COLOR,
            "weight": 2.5,
            "dashArray": "8 4",
            "interactive": False,
            "className": "pa-legacy-outline",
        },
        interactive=False,
        embed=True,
    ).add_to(group)
    return group
