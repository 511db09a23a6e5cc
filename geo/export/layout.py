"""The page layout of a map snapshot, drawn by the app itself (no screenshot, no web tiles).

Like a desktop GIS print layout: a title band (editable title, subtitle naming
the document), the map body, a side (landscape) or bottom (portrait) panel with
a locator map of Vietnam, the legend and key figures, and a footer with the
sources, licences, date and the count of projects whose location is not known.

The map body is drawn in EPSG:3857 (or VN-2000 TM-3 with ``crs="vn2000"``)
with limits set exactly, so the GeoTIFF of :mod:`geo.export.raster` can state
its bounds. Text uses DejaVu Sans, which ships with matplotlib and has the
Vietnamese glyphs; PDFs embed it as TrueType (``pdf.fonttype = 42``).

Hoàng Sa and Trường Sa are not in the polygon data; the locator draws them as
labelled point symbols (:data:`ARCHIPELAGOS`).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from geo.errors import InvalidInputError
from geo.text import PRINT_TEXT, lookup

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType
    from pyproj import CRS

    from geo.export import ExportBundle

__all__ = [
    "PAGE_MM",
    "UNIT_COLORS",
    "UPGRADED_COLOR",
    "PROJECT_COLOR",
    "ARCHIPELAGOS",
    "RC_PARAMS",
    "page_inches",
    "body_crs",
    "body_extent",
    "draw_body",
    "render_page",
    "save_figure",
    "write_snapshot",
]

# Landscape width × height in millimetres (ISO 216).
PAGE_MM: Final[dict[str, tuple[float, float]]] = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}

# The palette of layers/units.py (UNIT_COLORS, UPGRADED_COLOR); tests keep the two equal.
UNIT_COLORS: Final[dict[str, str]] = {"phường": "#c0392b", "thị trấn": "#e67e22", "xã": "#6aa84f"}
UPGRADED_COLOR: Final[str] = "#7b3294"
PROJECT_COLOR: Final[str] = "#1d3557"
OUTLINE_COLOR: Final[str] = "#222222"
NEIGHBOUR_FILL: Final[str] = "#efebe3"
BACKGROUND: Final[str] = "#f7f8f9"

# Hoàng Sa and Trường Sa: (label, [(lon, lat), …]) — a few well-known features of each
# archipelago, rounded to ~0.05°, as given by public gazetteers (the Wikipedia/GeoNames
# coordinates of Đảo Hoàng Sa 16°32′N 111°37′E, Đảo Phú Lâm 16°50′N 112°20′E, Đảo Tri Tôn
# 15°47′N 111°12′E; Đảo Trường Sa Lớn 8°38′N 111°55′E, Đảo Song Tử Tây 11°26′N 114°20′E,
# Đảo Sinh Tồn 9°53′N 114°20′E, Đảo Nam Yết 10°11′N 114°22′E, Đảo An Bang 7°53′N 112°55′E).
# They agree with the extents in the issue (Hoàng Sa ≈ 16.5°N 112°E; Trường Sa ≈ 8.6–10.5°N
# 111.5–115°E). Administrative attachment: huyện Hoàng Sa (TP Đà Nẵng), huyện Trường Sa (tỉnh Khánh Hòa).
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

RC_PARAMS: Final[dict[RcKeyType, Any]] = {
    "pdf.fonttype": 42,  # TrueType, embedded: diacritics survive copy and print
    "ps.fonttype": 42,
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "hatch.linewidth": 0.8,
    "text.parse_math": False,  # titles and project names are user text: "$5 tỷ" is drawn as typed
}


def _t(key: str, lang: str, **values: object) -> str:
    return lookup(PRINT_TEXT, key, lang, **values)


def _num(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "vi" else text


def _pct(ratio: float | None, lang: str) -> str:
    if ratio is None:
        return "–"
    return f"{_num(ratio * 100, lang)} %" if lang == "vi" else f"{_num(ratio * 100, lang)}%"


def page_inches(size: str, orientation: str) -> tuple[float, float]:
    """Page width and height in inches.

    Raises
    ------
    InvalidInputError
        An unknown size or orientation.
    """
    if size not in PAGE_MM:
        raise InvalidInputError(f"The page size must be one of {', '.join(PAGE_MM)}; got '{size}'.")
    if orientation not in ("landscape", "portrait"):
        raise InvalidInputError(f"The orientation must be landscape or portrait; got '{orientation}'.")
    width, height = PAGE_MM[size]
    if orientation == "portrait":
        width, height = height, width
    return width / 25.4, height / 25.4


def body_crs(crs: str, units: Any = None) -> CRS:
    """The CRS the map body is drawn in: EPSG:3857, or VN-2000 TM-3 of the units' province."""
    from pyproj import CRS

    if crs == "vn2000":
        from geo.export.data import vn2000_crs

        return vn2000_crs(units)
    return CRS.from_epsg(3857)


def body_extent(
    bounds: tuple[float, float, float, float], *, aspect: float | None, pad: float = 0.06
) -> tuple[float, float, float, float]:
    """``bounds`` (x0, y0, x1, y1) padded by ``pad`` and widened to ``aspect`` (width / height)."""
    x0, y0, x1, y1 = bounds
    w, h = (x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad)
    w, h = max(w, 1.0), max(h, 1.0)
    if aspect is not None:
        if w / h < aspect:
            w = h * aspect
        else:
            h = w / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _orient(poly: Any) -> Any:
    from shapely.geometry.polygon import orient

    return orient(poly, 1.0)


def _path(geom: Any) -> Any:
    """A matplotlib Path of a (Multi)Polygon, holes included."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        poly = _orient(poly)
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)[:, :2]
            code = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            code[0], code[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            verts.append(xy)
            codes.append(code)
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _add_polygons(ax: Axes, geoms: Any, **style: Any) -> None:
    from matplotlib.collections import PathCollection

    paths = [p for p in (_path(g) for g in geoms if g is not None) if p is not None]
    if paths:
        ax.add_collection(PathCollection(paths, **style))


def _halo(width: float = 2.2) -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _halo_text(ax: Axes, x: float, y: float, text: str, *, halo: float, annotate: bool = False, **kw: Any) -> None:
    """Text with a white halo: the halo is drawn as a path, the text itself stays real (searchable) text."""
    from matplotlib import patheffects

    draw = ax.annotate if annotate else ax.text
    args = (text, (x, y)) if annotate else (x, y, text)
    zorder = kw.pop("zorder", 8)
    halo_kw = dict(kw, color="white", zorder=zorder - 0.1)
    draw(*args, path_effects=[patheffects.withStroke(linewidth=halo, foreground="white")], **halo_kw)
    draw(*args, zorder=zorder, **kw)


def _wrap_name(name: str) -> str:
    if len(name) <= 13 or " " not in name:
        return name
    words = name.split(" ")
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def _label_size(count: int, scale: float) -> float:
    base = 7.0 if count <= 20 else 6.0 if count <= 40 else 5.0 if count <= 90 else 4.2 if count <= 160 else 0.0
    return base * scale


def draw_body(
    ax: Axes,
    bundle: ExportBundle,
    *,
    crs: CRS,
    extent: tuple[float, float, float, float],
    lang: str = "vi",
    scale: float = 1.0,
    labels: bool = True,
    projects: bool = True,
    context: bool = True,
) -> dict[str, int]:
    """Draw units, boundaries and projects of ``bundle`` on ``ax`` (in ``crs``), limits set to ``extent``.

    Returns
    -------
    dict
        What was drawn, for the legend: counts by legend key (only non-zero keys).
    """
    import geopandas as gpd
    from shapely.geometry import box

    from geo.boundaries import load_outlines

    drawn: dict[str, int] = {}
    x0, y0, x1, y1 = extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(BACKGROUND)
    view_4326 = gpd.GeoSeries([box(x0, y0, x1, y1)], crs=crs).to_crs(4326).iloc[0].envelope

    if context:
        districts = load_outlines("district")
        near = districts[districts.intersects(view_4326)]
        near = near[~near["district_code"].isin(bundle.units["district_code"])]
        if not near.empty:
            _add_polygons(
                ax,
                near.to_crs(crs).geometry,
                facecolors=NEIGHBOUR_FILL,
                edgecolors="#b9b4aa",
                linewidths=0.5 * scale,
                zorder=1,
            )
            drawn["neighbours"] = len(near)
            for name, point in zip(
                near["district_name"], near.to_crs(crs).geometry.representative_point(), strict=True
            ):
                if x0 < point.x < x1 and y0 < point.y < y1:
                    ax.text(
                        point.x,
                        point.y,
                        name,
                        fontsize=6.5 * scale,
                        color="#8a857c",
                        style="italic",
                        ha="center",
                        va="center",
                        zorder=2,
                        clip_on=True,
                    )

    units = bundle.units[bundle.units.geometry.notna()].to_crs(crs)
    for unit_type, color in UNIT_COLORS.items():
        chosen = units[(units["unit_type"] == unit_type) & ~units["upgraded"]]
        if not chosen.empty:
            _add_polygons(ax, chosen.geometry, facecolors=color, alpha=0.55, edgecolors="none", zorder=3)
            drawn[unit_type] = len(chosen)
    upgraded = units[units["upgraded"]]
    if not upgraded.empty:
        _add_polygons(
            ax,
            upgraded.geometry,
            facecolors=UPGRADED_COLOR + "66",
            edgecolors=UPGRADED_COLOR,
            hatch="///",
            linewidths=0.0,
            zorder=3,
        )
        drawn["upgraded"] = len(upgraded)
    _add_polygons(ax, units.geometry, facecolors="none", edgecolors="#444444", linewidths=0.6 * scale, zorder=4)
    if context:
        provinces = load_outlines("province")
        near = provinces[provinces.intersects(view_4326)]
        boundary_lines = near.to_crs(crs).boundary
        for line in boundary_lines:
            for part in getattr(line, "geoms", [line]):
                xy = np.asarray(part.coords)
                ax.plot(xy[:, 0], xy[:, 1], color="#6d6d6d", lw=1.3 * scale, ls=(0, (6, 2, 1, 2)), zorder=5)
        drawn["provinces"] = len(near)
    outline = units.geometry.union_all()
    if units["district_code"].nunique() > 1:
        districts = units.dissolve("district_code").geometry
        _add_polygons(
            ax,
            districts,
            facecolors="none",
            edgecolors="#555555",
            linewidths=1.3 * scale,
            zorder=5,
            linestyles=(0, (4, 1.5)),
        )
        drawn["districts"] = len(districts)
    _add_polygons(ax, [outline], facecolors="none", edgecolors=OUTLINE_COLOR, linewidths=1.8 * scale, zorder=6)
    drawn["boundary"] = 1

    size = _label_size(len(units), scale)
    if labels and size:
        for name, point in zip(units["name"], units.geometry.representative_point(), strict=True):
            _halo_text(
                ax,
                point.x,
                point.y,
                _wrap_name(name),
                halo=2.0 * scale,
                fontsize=size,
                ha="center",
                va="center",
                color="#1a1a1a",
                zorder=8,
                linespacing=0.95,
                clip_on=True,
            )

    if projects:
        drawn.update(_draw_projects(ax, bundle, crs=crs, scale=scale, extent=extent))
    return drawn


def _draw_projects(
    ax: Axes, bundle: ExportBundle, *, crs: CRS, scale: float, extent: tuple[float, float, float, float]
) -> dict[str, int]:
    drawn: dict[str, int] = {}
    located = bundle.projects[bundle.projects.geometry.notna()]
    if located.empty:
        return drawn
    located = located.to_crs(crs)
    x0, y0, x1, y1 = extent
    ids_at: dict[tuple[float, float], list[str]] = {}
    for row in located.itertuples():
        geom = row.geometry
        if geom.geom_type in ("LineString", "MultiLineString"):
            key = "line_schematic" if row.precision == "schematic" else "line"
            for part in getattr(geom, "geoms", [geom]):
                xy = np.asarray(part.coords)
                ax.plot(xy[:, 0], xy[:, 1], color="white", lw=4.2 * scale, solid_capstyle="round", zorder=9)
                ax.plot(
                    xy[:, 0],
                    xy[:, 1],
                    color=PROJECT_COLOR,
                    lw=2.2 * scale,
                    zorder=10,
                    ls=(0, (5, 2.5)) if key == "line_schematic" else "-",
                )
            anchor = geom.interpolate(0.5, normalized=True)
        elif geom.geom_type in ("Polygon", "MultiPolygon"):
            key = "area"
            _add_polygons(
                ax,
                [geom],
                facecolors="none",
                edgecolors=PROJECT_COLOR,
                linewidths=1.6 * scale,
                linestyles="--" if row.precision == "schematic" else "-",
                zorder=9,
            )
            anchor = geom.representative_point()
        else:
            anchor = geom.centroid
            if row.precision == "commune-centroid":
                key = "centroid"
                ax.scatter(
                    [anchor.x],
                    [anchor.y],
                    s=70 * scale**2,
                    facecolors="white",
                    edgecolors=PROJECT_COLOR,
                    linewidths=1.8 * scale,
                    zorder=11,
                )
            else:
                key = "point_surveyed" if row.precision == "surveyed" else "point"
                ax.scatter(
                    [anchor.x],
                    [anchor.y],
                    s=42 * scale**2,
                    color=PROJECT_COLOR,
                    edgecolors="white",
                    linewidths=0.9 * scale,
                    zorder=11,
                    marker="s" if key == "point_surveyed" else "o",
                )
        drawn[key] = drawn.get(key, 0) + 1
        if x0 < anchor.x < x1 and y0 < anchor.y < y1:
            ids_at.setdefault((round(anchor.x, -1), round(anchor.y, -1)), []).append(row.id)
    for (x, y), ids in ids_at.items():
        _halo_text(
            ax,
            x,
            y,
            ", ".join(ids),
            halo=2.0 * scale,
            annotate=True,
            xytext=(5 * scale, 4 * scale),
            textcoords="offset points",
            fontsize=6.2 * scale,
            color=PROJECT_COLOR,
            fontweight="bold",
            zorder=12,
            annotation_clip=True,
        )
    return drawn


def _ground_metres_per_unit(crs: CRS, extent: tuple[float, float, float, float]) -> float:
    """Geodesic metres per map unit along the horizontal through the middle of ``extent``."""
    from pyproj import Geod, Transformer

    x0, y0, x1, y1 = extent
    cy = (y0 + y1) / 2
    to_lonlat = Transformer.from_crs(crs, 4326, always_xy=True)
    (lon0, lon1), (lat0, lat1) = to_lonlat.transform([x0, x1], [cy, cy])
    _, _, dist = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)
    return dist / (x1 - x0)


def _nice(value: float) -> float:
    steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500]
    return max([s for s in steps if s <= value] or [steps[0]])


def _scale_bar(
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
        text = _num(value, lang, 0 if float(value).is_integer() else 1)
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
        _t("scale", lang, n=_num(rounded, lang, 0)),
        fontsize=6 * scale,
        ha="left",
        va="top",
        zorder=22,
        color="#333333",
    )


def _north_arrow(ax: Axes, *, lang: str, scale: float) -> None:
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


def _draw_locator(ax: Axes, bundle: ExportBundle, *, lang: str, scale: float) -> None:
    from geo.boundaries import load_outlines

    provinces = load_outlines("province")
    ax.set_facecolor("#eaf2f8")
    _add_polygons(ax, provinces.geometry, facecolors="#ffffff", edgecolors="#9a9a9a", linewidths=0.25 * scale)
    mine = provinces[provinces["province_code"].isin(bundle.units["province_code"])]
    _add_polygons(ax, mine.geometry, facecolors="#f3d5d0", edgecolors="#9a9a9a", linewidths=0.3 * scale)
    outline = bundle.units.geometry.union_all()
    _add_polygons(ax, [outline], facecolors="#c0392b", edgecolors="#c0392b", linewidths=0.4 * scale)
    c = outline.centroid
    ax.scatter([c.x], [c.y], s=90 * scale**2, facecolors="none", edgecolors="#c0392b", linewidths=1.3 * scale, zorder=5)
    for name, admin, points in ARCHIPELAGOS.values():
        xs, ys = zip(*points, strict=True)
        ax.scatter(xs, ys, s=5 * scale**2, color="#333333", marker="o", linewidths=0, zorder=5)
        lx, ly = np.mean(xs), max(ys) + 0.45
        _halo_text(
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


def _legend(ax: Axes, drawn: dict[str, int], bundle: ExportBundle, *, lang: str, scale: float) -> None:
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


def _legend_rows(bundle: ExportBundle) -> int:
    """An upper bound of the legend's rows (unit types, scenario, boundaries, project kinds)."""
    types = bundle.units["unit_type"].nunique() + int(bundle.units["upgraded"].any())
    located = bundle.projects[bundle.projects.geometry.notna()]
    kinds = len({(g.geom_type[:4], p) for g, p in zip(located.geometry, located["precision"], strict=True)})
    return types + 3 + int(bundle.units["district_code"].nunique() > 1) + (kinds + 1 if kinds else 0)


def _figures(bundle: ExportBundle, *, lang: str) -> list[str]:
    from geo.metrics import Urbanisation, WardRatio

    lines = []
    ratio = bundle.ratio
    if isinstance(ratio, WardRatio):
        parts = []
        words = ("phường", "thị trấn", "xã") if lang == "vi" else ("wards", "townships", "communes")
        for count, word in zip((ratio.wards, ratio.townships, ratio.communes), words, strict=True):
            if count:
                parts.append(f"{count} {word}")
        lines.append(_t("units_count", lang, total=ratio.total, parts=", ".join(parts)))
        area = float(bundle.units["area_km2"].sum())
        lines.append(_t("area", lang, area=_num(area, lang, 1)))
        after = bundle.ratio_after
        if isinstance(after, WardRatio):
            lines.append(_t("ratio_after", lang, now=_pct(ratio.ratio, lang), after=_pct(after.ratio, lang)))
        else:
            lines.append(_t("ratio", lang, now=_pct(ratio.ratio, lang)))
    urban = bundle.urban
    if isinstance(urban, Urbanisation):
        year = "–".join(str(y) for y in urban.population_years) or "–"
        if urban.rate is None:
            lines.append(_t("urban_missing", lang))
        elif isinstance(bundle.urban_after, Urbanisation):
            lines.append(
                _t(
                    "urban_after",
                    lang,
                    year=year,
                    now=_pct(urban.rate, lang),
                    after=_pct(bundle.urban_after.rate, lang),
                )
            )
        else:
            lines.append(_t("urban", lang, year=year, now=_pct(urban.rate, lang)))
    return lines


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"{crs.name} (EPSG:{epsg})" if epsg else crs.name


def _footer_lines(bundle: ExportBundle, *, lang: str, crs: CRS) -> list[str]:
    docs = (
        "; ".join(
            f"{d.kind}{' ' + d.number if isinstance(d.number, str) and d.number else ''} – {d.issuing_body}"
            for d in bundle.documents.itertuples()
        )
        or "–"
    )
    lines = [_t("sources", lang, docs=docs), _t("crs", lang, crs=_crs_label(crs))]
    tail = _t("made", lang, date=f"{bundle.made_on:%d/%m/%Y}")
    if bundle.unlocated:
        tail = _t("unlocated", lang, n=bundle.unlocated) + " " + tail
    lines.append(tail)
    return lines


def _mm(
    fig: Figure, x: float, y_top: float, w: float, h: float, page_mm: tuple[float, float]
) -> tuple[float, float, float, float]:
    """Figure fraction (left, bottom, width, height) of a box given in mm from the top-left corner."""
    pw, ph = page_mm
    return (x / pw, 1 - (y_top + h) / ph, w / pw, h / ph)


def render_page(
    bundle: ExportBundle,
    *,
    size: str = "A4",
    orientation: str = "landscape",
    lang: str = "vi",
    crs: str = "wgs84",
    labels: bool = True,
    projects: bool = True,
) -> Figure:
    """The map snapshot page of ``bundle`` as a matplotlib Figure (pure: nothing is written).

    Parameters
    ----------
    size, orientation
        ``"A4"``/``"A3"`` and ``"landscape"``/``"portrait"``.
    lang
        ``"vi"`` or ``"en"`` for the page's own text (names stay Vietnamese).
    crs
        ``"wgs84"`` draws the body in EPSG:3857; ``"vn2000"`` in VN-2000 TM-3.
    labels, projects
        Draw unit names; draw the project layer.

    Returns
    -------
    matplotlib.figure.Figure
        Sized to the page in inches; save it with :func:`save_figure`.
    """
    from matplotlib.figure import Figure

    width_in, height_in = page_inches(size, orientation)
    page_mm = (width_in * 25.4, height_in * 25.4)
    scale = page_mm[0] / (297.0 if orientation == "landscape" else 210.0)  # A3 = A4 enlarged
    s = scale
    target = body_crs(crs, bundle.units)
    with _rc():
        fig = Figure(figsize=(width_in, height_in))
        fig.patch.set_facecolor("white")
        pw, ph = page_mm
        margin = 10 * s
        if orientation == "landscape":
            panel_w = 74 * s
            title_w = pw - 2 * margin
            body = (margin, 35 * s, pw - 2 * margin - panel_w - 6 * s, ph - 35 * s - 27 * s)
            locator = (pw - margin - panel_w, 39 * s, panel_w, 62 * s)
            legend = (pw - margin - panel_w + 2 * s, 105 * s, panel_w - 2 * s, 58 * s)
            figures_at = (pw - margin - panel_w + 2 * s, 105 * s + 4.6 * s * (_legend_rows(bundle) + 1.5))
        else:
            title_w = pw - 2 * margin
            body = (margin, 35 * s, pw - 2 * margin, 163 * s)
            locator = (margin, 203 * s, 62 * s, 64 * s)
            legend = (margin + 70 * s, 203 * s, pw - 2 * margin - 70 * s, 48 * s)
            figures_at = (margin + 70 * s + (pw - 2 * margin - 70 * s) * 0.55, 206 * s)

        chars = int(title_w / (9 * s * 0.353 * 0.55))
        title_pt = min(19.0, title_w / (len(bundle.title) * 0.353 * 0.62 * s)) * s
        fig.text(
            margin / pw,
            1 - (margin + 1 * s) / ph,
            bundle.title,
            fontsize=title_pt,
            fontweight="bold",
            va="top",
            ha="left",
            color="#111111",
        )
        subtitle = textwrap.fill(bundle.subtitle, width=chars, max_lines=2, placeholder=" …")
        fig.text(
            margin / pw,
            1 - (margin + 10.5 * s) / ph,
            subtitle,
            fontsize=9 * s,
            va="top",
            ha="left",
            color="#333333",
            linespacing=1.25,
        )
        from matplotlib.lines import Line2D

        y_rule = 1 - 31.5 * s / ph
        fig.add_artist(Line2D([margin / pw, 1 - margin / pw], [y_rule, y_rule], color="#333333", lw=0.8 * s))

        ax = fig.add_axes(_mm(fig, *body, page_mm))
        units_xy = bundle.units[bundle.units.geometry.notna()].to_crs(target)
        extent = body_extent(tuple(units_xy.total_bounds), aspect=body[2] / body[3])
        drawn = draw_body(ax, bundle, crs=target, extent=extent, lang=lang, scale=s, labels=labels, projects=projects)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(1.0 * s)
        _scale_bar(ax, crs=target, extent=extent, width_mm=body[2], lang=lang, scale=s)
        _north_arrow(ax, lang=lang, scale=s)

        _draw_locator(fig.add_axes(_mm(fig, *locator, page_mm)), bundle, lang=lang, scale=s)
        _legend(fig.add_axes(_mm(fig, *legend, page_mm)), drawn, bundle, lang=lang, scale=s)
        fig.text(
            figures_at[0] / pw,
            1 - figures_at[1] / ph,
            "\n".join(_figures(bundle, lang=lang)),
            fontsize=7.2 * s,
            va="top",
            ha="left",
            color="#222222",
            linespacing=1.45,
        )

        footer_chars = int((pw - 2 * margin) / (6.3 * s * 0.353 * 0.55))
        footer = "\n".join(
            textwrap.fill(line, width=footer_chars) for line in _footer_lines(bundle, lang=lang, crs=target)
        )
        fig.text(
            margin / pw, margin / ph, footer, fontsize=6.3 * s, va="bottom", ha="left", color="#444444", linespacing=1.3
        )
    return fig


@contextmanager
def _rc() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(RC_PARAMS):
        yield


def save_figure(fig: Figure, path: Path, *, fmt: str, dpi: int) -> None:
    """Save ``fig`` as ``png`` or ``pdf`` (fonts embedded as TrueType), at ``dpi``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.canvas is None or not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    metadata = {"Creator": "Planning Atlas", "Title": fig.texts[0].get_text() if fig.texts else ""}
    if fmt == "png":
        metadata = {"Software": "Planning Atlas", "Title": metadata["Title"]}
        # Agg truncates inches × dpi; nudge the size so A4 at 150 dpi is 1754 × 1240 px, as ISO 216 implies.
        w, h = fig.get_size_inches()
        fig.set_size_inches((round(w * dpi) + 0.01) / dpi, (round(h * dpi) + 0.01) / dpi)
    buffer = io.BytesIO()  # drawn in memory: a full disk then fails in one plain write, with no file left open
    with _rc():
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    if hasattr(path, "write"):  # a caller's own buffer (the page preview)
        path.write(buffer.getvalue())
    else:
        Path(path).write_bytes(buffer.getvalue())


def write_snapshot(
    bundle: ExportBundle,
    tmp: Path,
    *,
    fmt: str,
    size: str = "A4",
    orientation: str = "landscape",
    dpi: int = 150,
    crs: str = "wgs84",
    lang: str = "vi",
    **_: object,
) -> None:
    """Render the page of ``bundle`` and write it to ``tmp`` as ``.png`` or ``.pdf``."""
    fig = render_page(bundle, size=size, orientation=orientation, lang=lang, crs=crs)
    save_figure(fig, tmp, fmt=fmt.lstrip("."), dpi=dpi)
