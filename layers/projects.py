"""The project layer: badges by kind, lines for roads and canals, area circles for zones.

Precision is always visible: schematic lines are dashed, points known only to
the commune are hollow badges with a dashed ring, and zones known only by a
centre and an area are drawn as a dashed circle of that area.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd

from geo.text import register_label, tr
from layers.base import LegendEntry, MarkerBatch, escape, escaped_properties

__all__ = [
    "KIND_GROUPS",
    "LINE_COLORS",
    "kind_group",
    "projects_layer",
    "projects_legend",
    "kind_label",
    "project_id_from_tooltip",
]

_PROJECT_ID = re.compile(r"\b([A-Z]{2}\d?-\d+)\b")


def project_id_from_tooltip(text: str | None) -> str | None:
    """The project id a marker's tooltip starts with (what a click on a point returns)."""
    match = _PROJECT_ID.search(text or "")
    return match.group(1) if match else None


# Each group: badge text and colour (labels: geo.text, "group.<group>").
KIND_GROUPS: dict[str, tuple[str, str]] = {
    "border": ("CK", "#b03a2e"),
    "industry": ("CN", "#6c3483"),
    "port": ("C", "#1f618d"),
    "transport": ("GT", "#b9770e"),
    "urban": ("ĐT", "#7b7d7d"),
    "social": ("XH", "#148f77"),
    "culture": ("VH", "#a04000"),
    "energy": ("ĐL", "#212f3d"),
}
_KIND_TO_GROUP: dict[str, str] = {
    "border_gate": "border", "industrial_cluster": "industry", "industrial_park": "industry",
    "economic_zone": "industry", "port": "port", "logistics": "port", "interchange": "transport",
    "railway": "transport", "bridge": "transport", "urban_area": "urban", "administrative_centre": "urban",
    "market": "urban", "hospital": "social", "school": "social", "heritage": "culture", "park": "culture",
    "tourism": "culture", "power_plant": "energy", "other": "energy", "road": "transport",
    "expressway": "transport", "canal": "port", "embankment": "energy",
}  # fmt: skip
LINE_COLORS: dict[str, str] = {
    "road": "#d35400",
    "expressway": "#8e44ad",
    "railway": "#34495e",
    "canal": "#2471a3",
    "embankment": "#117a65",
}
def kind_label(kind: str, lang: str) -> str:
    """Display label of a project kind."""
    return register_label("kind", kind, lang)


def kind_group(kind: str) -> str:
    """The icon group of a project kind."""
    return _KIND_TO_GROUP.get(kind, "energy")


def _badge(group: str, *, hollow: bool) -> str:
    text, color = KIND_GROUPS[group][0], KIND_GROUPS[group][1]
    if hollow:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" viewBox="0 0 30 30">'
            f'<circle cx="15" cy="15" r="12" fill="white" fill-opacity="0.85" stroke="{color}" stroke-width="2.5" '
            f'stroke-dasharray="4 2.5"/><text x="15" y="19" text-anchor="middle" font-family="Arial" '
            f'font-weight="700" font-size="10" fill="{color}">{text}</text></svg>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28">'
        f'<circle cx="14" cy="14" r="12" fill="{color}" stroke="white" stroke-width="2"/>'
        f'<text x="14" y="18" text-anchor="middle" font-family="Arial" font-weight="700" font-size="10" '
        f'fill="white">{text}</text></svg>'
    )


def _line_style(props: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "color": LINE_COLORS.get(props.get("kind", ""), "#555555"),
        "weight": 4,
        "opacity": 0.9,
        "dashArray": "8 6" if props.get("precision") == "schematic" else None,
    }


def _prepare(projects: gpd.GeoDataFrame, lang: str) -> gpd.GeoDataFrame:
    out = projects[projects.geometry.notna()].copy()
    out["kind_label"] = out["kind"].map(lambda k: kind_label(k, lang))
    out["precision_label"] = out["precision"].map(lambda p: register_label("precision", p, lang))
    return out


def projects_layer(projects: gpd.GeoDataFrame, lang: str, *, name: str) -> folium.FeatureGroup:
    """FeatureGroup of the located projects; a click returns the project ``id``."""
    group = folium.FeatureGroup(name=name, show=True)
    located = _prepare(projects, lang)
    if located.empty:
        return group
    labels = (tr("project_panel", lang), tr("kind", lang), tr("precision", lang))
    fields = ["id", "name_vi", "kind_label", "precision_label", "kind", "precision"]

    def tooltip() -> folium.GeoJsonTooltip:  # a folium element has one parent: one tooltip per layer
        return folium.GeoJsonTooltip(
            fields=["name_vi", "kind_label", "precision_label"], aliases=[escape(a) for a in labels], sticky=True
        )

    # Zones known by a centre and an area: a dashed circle of that area, not a boundary.
    for row in located[located["area_ha"].notna() & (located.geom_type == "Point")].itertuples():
        radius_m = math.sqrt(float(row.area_ha) * 10_000 / math.pi)
        folium.Circle(
            location=(row.geometry.y, row.geometry.x),
            radius=radius_m,
            color=KIND_GROUPS["industry"][1],
            weight=1.5,
            dash_array="6 4",
            fill=True,
            fill_opacity=0.06,
            interactive=False,
        ).add_to(group)

    lines = located[located.geom_type.isin(["LineString", "MultiLineString"])]
    if not lines.empty:
        folium.GeoJson(
            escaped_properties(lines, fields),
            style_function=lambda f: _line_style(f["properties"]),
            highlight_function=lambda _: {"weight": 7},
            tooltip=tooltip(),
        ).add_to(group)
    areas = located[located.geom_type.isin(["Polygon", "MultiPolygon"])]
    if not areas.empty:
        folium.GeoJson(
            escaped_properties(areas, fields),
            style_function=lambda f: {
                "color": KIND_GROUPS[kind_group(f["properties"]["kind"])][1],
                "weight": 2,
                "fillOpacity": 0.1,
                "dashArray": "6 4" if f["properties"]["precision"] == "schematic" else None,
            },
            tooltip=tooltip(),
        ).add_to(group)
    # Points are one batch of markers (streamlit-folium mis-orders GeoJson layers that use
    # ``marker=``). The tooltip starts with the project id, which the page reads back from a click.
    points = located[located.geom_type == "Point"]
    markers = [
        (
            row.geometry.y,
            row.geometry.x,
            _badge(kind_group(row.kind), hollow=row.precision == "commune-centroid"),
            f"<b>{escape(row.id)}</b> · {escape(row.name_vi)}"
            f"<br>{escape(row.kind_label)} · {escape(row.precision_label)}",
        )
        for row in points.itertuples()
    ]
    if markers:
        group.add_child(MarkerBatch(markers, class_name="pa-project-icon", icon_size=(30, 30), icon_anchor=(15, 15)))
    return group


def projects_legend(projects: gpd.GeoDataFrame, lang: str) -> list[LegendEntry]:
    """Legend rows for the kinds and precisions actually drawn."""
    located = projects[projects.geometry.notna()]
    rows: list[LegendEntry] = []
    for group in dict.fromkeys(located.loc[located.geom_type == "Point", "kind"].map(kind_group)):
        text, color = KIND_GROUPS[group]
        rows.append(LegendEntry(f"{text} – {register_label('group', group, lang)}", color, shape="circle"))
    for kind in dict.fromkeys(located.loc[located.geom_type != "Point", "kind"]):
        if kind in LINE_COLORS:
            rows.append(LegendEntry(kind_label(kind, lang), LINE_COLORS[kind], shape="line"))
    if (located["precision"] == "schematic").any():
        rows.append(LegendEntry(register_label("precision", "schematic", lang), "#555555", shape="dashed"))
    if (located["precision"] == "commune-centroid").any():
        rows.append(LegendEntry(register_label("precision", "commune-centroid", lang), "#555555", shape="ring"))
    if (located["area_ha"].notna() & (located.geom_type == "Point")).any():
        rows.append(
            LegendEntry(tr("zone_circle_legend", lang), KIND_GROUPS["industry"][1], shape="ring")
        )
    return rows
