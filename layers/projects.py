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


# Each group: badge text, colour, Vietnamese and English label.
KIND_GROUPS: dict[str, tuple[str, str, str, str]] = {
    "border": ("CK", "#b03a2e", "Cửa khẩu", "Border gate"),
    "industry": ("CN", "#6c3483", "Khu/cụm công nghiệp, khu kinh tế", "Industry / economic zone"),
    "port": ("C", "#1f618d", "Cảng, logistics", "Port / logistics"),
    "transport": ("GT", "#b9770e", "Nút giao, ga, cầu", "Interchange / station / bridge"),
    "urban": ("ĐT", "#7b7d7d", "Đô thị, hành chính, chợ", "Urban / administrative / market"),
    "social": ("XH", "#148f77", "Y tế, giáo dục", "Health / education"),
    "culture": ("VH", "#a04000", "Di tích, công viên, du lịch", "Heritage / park / tourism"),
    "energy": ("ĐL", "#212f3d", "Năng lượng, khác", "Energy / other"),
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
KIND_LABELS: dict[str, tuple[str, str]] = {
    "industrial_cluster": ("Cụm công nghiệp", "Industrial cluster"),
    "industrial_park": ("Khu công nghiệp", "Industrial park"),
    "economic_zone": ("Khu kinh tế", "Economic zone"), "border_gate": ("Cửa khẩu", "Border gate"),
    "port": ("Cảng", "Port"), "logistics": ("Logistics", "Logistics"), "road": ("Đường", "Road"),
    "expressway": ("Cao tốc", "Expressway"), "interchange": ("Nút giao", "Interchange"),
    "railway": ("Đường sắt", "Railway"),
    "canal": ("Kênh, luồng", "Canal / channel"), "bridge": ("Cầu", "Bridge"), "embankment": ("Kè", "Embankment"),
    "urban_area": ("Khu đô thị", "Urban area"), "park": ("Công viên", "Park"), "hospital": ("Bệnh viện", "Hospital"),
    "school": ("Trường học", "School"), "administrative_centre": ("Trung tâm hành chính", "Administrative centre"),
    "heritage": ("Di tích", "Heritage"), "power_plant": ("Nhà máy điện", "Power plant"), "market": ("Chợ", "Market"),
    "tourism": ("Du lịch", "Tourism"), "other": ("Khác", "Other"),
}  # fmt: skip
PRECISION_LABELS: dict[str, tuple[str, str]] = {
    "surveyed": ("Toạ độ công bố", "Published coordinates"),
    "approximate": ("Vị trí gần đúng", "Approximate location"),
    "commune-centroid": ("Chỉ biết đến cấp xã (tâm xã)", "Known to commune only (commune centre)"),
    "schematic": ("Sơ đồ, không phải tuyến thực", "Schematic, not the alignment"),
    "unknown": ("Chưa xác định vị trí", "Location not known"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "planned": ("Quy hoạch", "Planned"),
    "under construction": ("Đang xây dựng", "Under construction"),
    "operating": ("Đang hoạt động", "Operating"),
    "unknown": ("Chưa rõ", "Unknown"),
}
_TOOLTIP = {"vi": ("Dự án", "Loại", "Độ chính xác vị trí"), "en": ("Project", "Kind", "Location precision")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def kind_label(kind: str, lang: str) -> str:
    """Display label of a project kind."""
    return _pick(KIND_LABELS.get(kind, (kind, kind)), lang)


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
    out["precision_label"] = out["precision"].map(lambda p: _pick(PRECISION_LABELS[p], lang))
    return out


def projects_layer(projects: gpd.GeoDataFrame, lang: str, *, name: str) -> folium.FeatureGroup:
    """FeatureGroup of the located projects; a click returns the project ``id``."""
    group = folium.FeatureGroup(name=name, show=True)
    located = _prepare(projects, lang)
    if located.empty:
        return group
    labels = _TOOLTIP.get(lang, _TOOLTIP["vi"])
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
        text, color, vi, en = KIND_GROUPS[group]
        rows.append(LegendEntry(f"{text} – {en if lang == 'en' else vi}", color, shape="circle"))
    for kind in dict.fromkeys(located.loc[located.geom_type != "Point", "kind"]):
        if kind in LINE_COLORS:
            rows.append(LegendEntry(kind_label(kind, lang), LINE_COLORS[kind], shape="line"))
    if (located["precision"] == "schematic").any():
        rows.append(LegendEntry(_pick(PRECISION_LABELS["schematic"], lang), "#555555", shape="dashed"))
    if (located["precision"] == "commune-centroid").any():
        rows.append(LegendEntry(_pick(PRECISION_LABELS["commune-centroid"], lang), "#555555", shape="ring"))
    if (located["area_ha"].notna() & (located.geom_type == "Point")).any():
        rows.append(
            LegendEntry(
                "Vòng tròn cùng diện tích quanh tâm sơ đồ (không phải ranh giới)"
                if lang != "en"
                else "Circle of the zone's area around a schematic centre (not its boundary)",
                KIND_GROUPS["industry"][1],
                shape="ring",
            )
        )
    return rows
