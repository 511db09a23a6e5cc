"""The map furniture: scale bar, north arrow, locator map (with Hoàng Sa and Trường Sa) and legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from geo.export.body import _add_polygons as add_polygons
from geo.export.body import halo_text
from geo.style import NEIGHBOUR_FILL, OUTLINE_COLOR, PROJECT_COLOR, UNIT_COLORS, UPGRADED_COLOR, format_number
from geo.text import PRINT_TEXT, lookup

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from pyproj import CRS

    from geo.export.bundle import ExportBundle
    from geo.raster.render import RasterClass

__all__ = [
    "ARCHIPELAGOS",
    "scale_bar",
    "north_arrow",
    "draw_locator",
    "draw_legend",
    "draw_raster_legend",
    "raster_class_label",
    "legend_rows",
]

# Hoàng Sa and Trường Sa: (label, [(lon, lat), …]) — a few well-known features of each
# archipelago, rounded to ~0.05°, as given by public gazetteers (the Wikipedia/GeoNames
# coordinates of Đảo Hoàng Sa 16°32′N 111°37′E, Đảo Phú Lâm 16°50′N 112°20′E, Đảo Tri Tôn
# 15°47′N 111°12′E; Đảo Trường Sa Lớn 8°38′N 111°55′E, Đảo Song Tử Tây 11°26′N 114°20′E,
# Đảo Sinh Tồn 9°53′N 114°20′E, Đảo Nam Yết 10°11′N 114°22′E, Đảo An Bang 7°53′N 112°55′E).
# Administrative attachment: huyện Hoàng Sa (TP Đà Nẵng), huyện Trường Sa (tỉnh Khánh Hòa).
ARCHIPELAGOS: Final[dict[str, tuple[str, str, tuple[tuple[float, float], ...]]]] = {
    "hoang_sa": (
        "Quần đảo Hoàng Sa",
        "(TP Đà Nẵng)",
        ((111.62, 16.53), (112.33, 16.83), (111.20, 15.78), (111.75, 16.45), (112.55, 16.55)),
    ),
    "truong_sa": (
        "Quần đảo Trường Sa",
        "(tỉnh Khánh Hòa)",
        (
            (111.92, 8.64),
            (114.33, 11.43),
            (114.33, 9.88),
            (114.36, 10.18),
            (112.92, 7.89),
            (113.40, 9.20),
            (114.80, 10.60),
            (115.50, 9.00),
        ),
    ),
}


def _t(key: str, lang: str, **values: object) -> str:
    return lookup(PRINT_TEXT, key, lang, **values)


def _halo(width: float = 2.2) -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _ground_metres_per_unit(crs: CRS, extent: tuple[float, float, float, float]) -> float:
    """Geodesic metres per map unit along the horizontal through the middle of ``extent``."""
    from pyproj import Geod, Transformer

    x0, y0, x1, y1 = extent
    cy = (y0 + y1) / 2
    to_lonlat = Transformer.from_crs(crs, 4326, always_xy=True)
    (lon0, lon1), (lat0, lat1) = to_lonlat.transform([x0, x1], [cy, cy])
    _, _, dist = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)
    return float(dist / (x1 - x0))


def _nice(value: float) -> float:
    steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500]
    return max([s for s in steps if s <= value] or [steps[0]])


def scale_bar(
    ax: Axes, *, crs: CRS, extent: tuple[float, float, float, float], width_mm: float, lang: str, scale: float
) -> None:
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = extent
    per_unit = _ground_metres_per_unit(crs, extent)
    ground_km = (x1 - x0) * per_unit / 1000
    km = _nice(ground_km / 5)
    segments = 4 if km in (1, 2, 10, 20, 100, 200, 0.2, 0.1) else 5 if km in (5, 50, 500, 0.5) else 2
    length = km * 1000 / per_unit
    left, base = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    height = (y1 - y0) * 0.009
    ax.add_patch(
        Rectangle(
            (left - (x1 - x0) * 0.012, base - (y1 - y0) * 0.022),
            length + (x1 - x0) * 0.05,
            (y1 - y0) * 0.075,
            facecolor="white",
            edgecolor="#999999",
            alpha=0.85,
            lw=0.5 * scale,
            zorder=20,
        )
    )
    for i in range(segments):
        ax.add_patch(
            Rectangle(
                (left + i * length / segments, base),
                length / segments,
                height,
                facecolor="#222222" if i % 2 == 0 else "white",
                edgecolor="#222222",
                lw=0.6 * scale,
                zorder=21,
            )
        )
    for i in (0, segments // 2, segments) if segments > 2 else (0, segments):
        value = km * i / segments
        text = format_number(value, lang, digits=0 if float(value).is_integer() else 1)
        ax.text(
            left + i * length / segments,
            base + height * 1.6,
            text + (" km" if i == segments else ""),
            fontsize=6.5 * scale,
            ha="center",
            va="bottom",
            zorder=22,
        )
    denominator = ground_km * 1e6 / width_mm
    rounded = int(round(denominator, -int(np.floor(np.log10(denominator))) + 1))
    ax.text(
        left,
        base - height * 0.6,
        _t("scale", lang, n=format_number(rounded, lang, digits=0)),
        fontsize=6 * scale,
        ha="left",
        va="top",
        zorder=22,
        color="#333333",
    )


def north_arrow(ax: Axes, *, lang: str, scale: float) -> None:
    from matplotlib.patches import Polygon

    cx, top = 0.955, 0.95
    w, h = 0.018, 0.085
    kw: dict[str, Any] = {"transform": ax.transAxes, "zorder": 22, "lw": 0.7 * scale, "edgecolor": "#222222"}
    ax.add_patch(Polygon([(cx, top), (cx - w, top - h), (cx, top - h * 0.72)], facecolor="#222222", **kw))
    ax.add_patch(Polygon([(cx, top), (cx + w, top - h), (cx, top - h * 0.72)], facecolor="white", **kw))
    ax.text(
        cx,
        top + 0.012,
        _t("north", lang),
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=10 * scale,
        fontweight="bold",
        zorder=22,
        path_effects=_halo(2.5 * scale),
    )


def draw_locator(ax: Axes, bundle: ExportBundle, *, lang: str, scale: float) -> None:
    ax.set_facecolor("#eaf2f8")
    provinces = bundle.provinces
    if provinces is None:
        provinces = bundle.units.iloc[0:0]
    add_polygons(ax, provinces.geometry, facecolor="#ffffff", edgecolor="#9a9a9a", linewidth=0.25 * scale)
    mine = provinces[provinces["province_code"].isin(bundle.units["province_code"])]
    add_polygons(ax, mine.geometry, facecolor="#f3d5d0", edgecolor="#9a9a9a", linewidth=0.3 * scale)
    outline = bundle.units.geometry.union_all()
    add_polygons(ax, [outline], facecolor="#c0392b", edgecolor="#c0392b", linewidth=0.4 * scale)
    c = outline.centroid
    ax.scatter([c.x], [c.y], s=90 * scale**2, facecolors="none", edgecolors="#c0392b", linewidths=1.3 * scale, zorder=5)
    for name, admin, points in ARCHIPELAGOS.values():
        xs, ys = zip(*points, strict=True)
        ax.scatter(xs, ys, s=5 * scale**2, color="#333333", marker="o", linewidths=0, zorder=5)
        lx, ly = np.mean(xs), max(ys) + 0.45
        halo_text(
            ax,
            lx,
            ly,
            f"{name}\n{admin}",
            halo=1.6 * scale,
            fontsize=5.6 * scale,
            ha="center",
            va="bottom",
            color="#1a1a1a",
            zorder=6,
            linespacing=1.0,
        )
    ax.set_xlim(101.8, 117.6)
    ax.set_ylim(7.4, 23.6)
    ax.set_aspect(1 / np.cos(np.radians(15.5)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(_t("locator", lang), fontsize=7.5 * scale, pad=3 * scale)


def raster_class_label(raster_class: RasterClass, unit: str, lang: str) -> str:
    """A raster class in the page's number format: "< 0,5 m", "0,5 – 1 m", "≥ 2 m" (vi)."""

    def num(value: float | None) -> str:
        return format_number(value or 0.0, lang, digits=2, trim=True)

    lower, upper = raster_class.lower, raster_class.upper
    if lower is None and upper is not None:
        text = f"< {num(upper)}"
    elif upper is None and lower is not None:
        text = f"≥ {num(lower)}"
    else:
        text = f"{num(lower)} – {num(upper)}"
    return f"{text} {unit}".strip()


def draw_raster_legend(
    ax: Axes, bundle: ExportBundle, raster_classes: Sequence[RasterClass], *, lang: str, scale: float
) -> None:
    """The raster's legend in the lower right corner of the map body: its name, unit and classes.

    Inside the body rather than in the side panel, so that the panel's legend, figures and the footer
    keep their places on every page size and orientation.
    """
    from matplotlib.patches import Patch

    raster = bundle.raster
    if raster is None or not raster_classes:
        return
    handles = [
        Patch(
            facecolor=raster_class.color,
            alpha=raster.opacity,
            edgecolor="#888888",
            lw=0.5,
            label=raster_class_label(raster_class, raster.unit, lang),
        )
        for raster_class in raster_classes
    ]
    legend = ax.legend(
        handles=handles,
        loc="lower right",
        title=_t("raster_legend", lang, name=raster.name, unit=raster.unit),
        fontsize=6.5 * scale,
        title_fontsize=7 * scale,
        frameon=True,
        framealpha=0.92,
        edgecolor="#999999",
        fancybox=False,
        alignment="left",
        handlelength=1.8,
        borderaxespad=0.6,
        labelspacing=0.35,
    )
    legend.set_zorder(13)
    legend.get_frame().set_linewidth(0.6 * scale)


def draw_legend(ax: Axes, drawn: dict[str, int], bundle: ExportBundle, *, lang: str, scale: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    for unit_type, color in UNIT_COLORS.items():
        if drawn.get(unit_type):
            handles.append(
                Patch(
                    facecolor=color,
                    alpha=0.55,
                    edgecolor="#444444",
                    lw=0.6,
                    label=f"{_t(unit_type, lang)} ({drawn[unit_type]})",
                )
            )
    if drawn.get("upgraded"):
        handles.append(
            Patch(
                facecolor=UPGRADED_COLOR + "66",
                edgecolor=UPGRADED_COLOR,
                hatch="///",
                label=f"{_t('upgraded', lang)} ({drawn['upgraded']})",
            )
        )
    handles.append(Line2D([], [], color=OUTLINE_COLOR, lw=1.8, label=_t("boundary", lang)))
    if drawn.get("districts"):
        handles.append(Line2D([], [], color="#555555", lw=1.3, ls=(0, (4, 1.5)), label=_t("districts", lang)))
    if drawn.get("provinces"):
        handles.append(Line2D([], [], color="#6d6d6d", lw=1.3, ls=(0, (6, 2, 1, 2)), label=_t("provinces", lang)))
    if drawn.get("neighbours"):
        handles.append(Patch(facecolor=NEIGHBOUR_FILL, edgecolor="#b9b4aa", label=_t("neighbours", lang)))
    project_keys = [k for k in ("line", "line_schematic", "point_surveyed", "point", "centroid") if drawn.get(k)]
    if project_keys:
        handles.append(Patch(facecolor="none", edgecolor="none", label=_t("projects", lang)))
    for key in project_keys:
        label = f"{_t(key, lang)} ({drawn[key]})"
        if key == "line":
            handles.append(Line2D([], [], color=PROJECT_COLOR, lw=2.2, label=label))
        elif key == "line_schematic":
            handles.append(Line2D([], [], color=PROJECT_COLOR, lw=2.2, ls=(0, (5, 2.5)), label=label))
        elif key == "centroid":
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="o",
                    markersize=8,
                    markerfacecolor="white",
                    markeredgecolor=PROJECT_COLOR,
                    markeredgewidth=1.8,
                    label=label,
                )
            )
        else:
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="s" if key == "point_surveyed" else "o",
                    markersize=7,
                    markerfacecolor=PROJECT_COLOR,
                    markeredgecolor="white",
                    label=label,
                )
            )
    ax.axis("off")
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        title=_t("legend", lang),
        fontsize=7 * scale,
        title_fontsize=8.5 * scale,
        frameon=False,
        alignment="left",
        handlelength=2.4,
        borderaxespad=0.0,
        labelspacing=0.55 * 1.0,
    )
    for text in legend.get_texts():
        if text.get_text() == _t("projects", lang):
            text.set_fontweight("bold")
            text.set_position((-30 * scale, 0))


def legend_rows(bundle: ExportBundle) -> int:
    """An upper bound of the legend's rows (unit types, scenario, boundaries, project kinds)."""
    types = bundle.units["unit_type"].nunique() + int(bundle.units["upgraded"].any())
    located = bundle.projects[bundle.projects.geometry.notna()]
    kinds = len({(g.geom_type[:4], p) for g, p in zip(located.geometry, located["precision"], strict=True)})
    return int(types + 3 + int(bundle.units["district_code"].nunique() > 1) + (kinds + 1 if kinds else 0))
