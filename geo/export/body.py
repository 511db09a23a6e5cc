"""The map body: units, boundaries and projects drawn in the body CRS with exact limits.

Shared by the print page (:mod:`geo.export.layout`) and the GeoTIFF
(:mod:`geo.export.raster`): the body is drawn in EPSG:3857 (or VN-2000 TM-3
with ``crs="vn2000"``) with limits set exactly, so the GeoTIFF can state its
bounds. Text uses DejaVu Sans, which ships with matplotlib and has the
Vietnamese glyphs; PDFs embed it as TrueType (``pdf.fonttype = 42``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from geo.crs import CrsChoice, vn2000_crs
from geo.style import ALL_UNIT_COLORS, BACKGROUND, NEIGHBOUR_FILL, OUTLINE_COLOR, PROJECT_COLOR, UPGRADED_COLOR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType
    from pyproj import CRS

    from geo.export.bundle import ExportBundle
    from geo.raster.render import RasterClass

__all__ = ["RC_PARAMS", "rc_context", "body_crs", "body_extent", "draw_body", "draw_raster_layer", "halo_text"]

RC_PARAMS: Final[dict[RcKeyType, Any]] = {
    "pdf.fonttype": 42,  # TrueType, embedded: diacritics survive copy and print
    "ps.fonttype": 42,
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "hatch.linewidth": 0.8,
    "text.parse_math": False,  # titles and project names are user text: "$5 tỷ" is drawn as typed
}


@contextmanager
def rc_context() -> Iterator[None]:
    """Matplotlib settings of every export (embedded TrueType fonts with Vietnamese glyphs)."""
    import matplotlib

    with matplotlib.rc_context(RC_PARAMS):
        yield


def body_crs(
    crs: CrsChoice,
    units: Any = None,
    *,
    meridians: Mapping[str, tuple[str, float]],
    refusals: Mapping[str, str] | None = None,
) -> CRS:
    """The CRS the map body is drawn in: EPSG:3857, or VN-2000 TM-3 of the units' province."""
    from pyproj import CRS

    if crs == "vn2000":
        return vn2000_crs(units, meridians=meridians, refusals=refusals)
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


def _add_polygons(ax: Axes, geoms: Any, **style: Any) -> None:
    """Draw the (Multi)Polygons of ``geoms`` with geopandas' own plotting; the axes limits stay as set."""
    import geopandas as gpd

    series = gpd.GeoSeries([g for g in geoms if g is not None and not g.is_empty])
    polygonal = series[series.geom_type.isin(["Polygon", "MultiPolygon"])]
    if not polygonal.empty:
        polygonal.plot(ax=ax, aspect=None, add_labels=False, **style)


def halo_text(ax: Axes, x: float, y: float, text: str, *, halo: float, annotate: bool = False, **kw: Any) -> None:
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

    drawn: dict[str, int] = {}
    x0, y0, x1, y1 = extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(BACKGROUND)
    view_4326 = gpd.GeoSeries([box(x0, y0, x1, y1)], crs=crs).to_crs(4326).iloc[0].envelope

    if context and bundle.districts is not None:
        districts = bundle.districts
        near = districts[districts.intersects(view_4326)]
        near = near[~near["district_code"].isin(bundle.units["district_code"])]
        if not near.empty:
            _add_polygons(
                ax,
                near.to_crs(crs).geometry,
                facecolor=NEIGHBOUR_FILL,
                edgecolor="#b9b4aa",
                linewidth=0.5 * scale,
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
    for unit_type, color in ALL_UNIT_COLORS.items():
        chosen = units[(units["unit_type"] == unit_type) & ~units["upgraded"]]
        if not chosen.empty:
            _add_polygons(ax, chosen.geometry, facecolor=color, alpha=0.55, edgecolor="none", zorder=3)
            drawn[unit_type] = len(chosen)
    upgraded = units[units["upgraded"]]
    if not upgraded.empty:
        _add_polygons(
            ax,
            upgraded.geometry,
            facecolor=UPGRADED_COLOR + "66",
            edgecolor=UPGRADED_COLOR,
            hatch="///",
            linewidth=0.0,
            zorder=3,
        )
        drawn["upgraded"] = len(upgraded)
    _add_polygons(ax, units.geometry, facecolor="none", edgecolor="#444444", linewidth=0.6 * scale, zorder=4)
    if context and bundle.provinces is not None:
        provinces = bundle.provinces
        near = provinces[provinces.intersects(view_4326)]
        if not near.empty:
            near.to_crs(crs).boundary.plot(
                ax=ax,
                aspect=None,
                add_labels=False,
                color="#6d6d6d",
                linewidth=1.3 * scale,
                linestyle=(0, (6, 2, 1, 2)),
                zorder=5,
            )
        drawn["provinces"] = len(near)
    outline = units.geometry.union_all()
    if units["district_code"].nunique() > 1:
        districts = units.dissolve("district_code").geometry
        _add_polygons(
            ax,
            districts,
            facecolor="none",
            edgecolor="#555555",
            linewidth=1.3 * scale,
            zorder=5,
            linestyle=(0, (4, 1.5)),
        )
        drawn["districts"] = len(districts)
    _add_polygons(ax, [outline], facecolor="none", edgecolor=OUTLINE_COLOR, linewidth=1.8 * scale, zorder=6)
    drawn["boundary"] = 1

    size = _label_size(len(units), scale)
    if labels and size:
        for name, point in zip(units["name"], units.geometry.representative_point(), strict=True):
            halo_text(
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


def draw_raster_layer(
    ax: Axes, bundle: ExportBundle, *, crs: CRS, extent: tuple[float, float, float, float]
) -> tuple[RasterClass, ...]:
    """Draw the bundle's raster over the unit fills and under the boundaries; its classes for the legend.

    Warped onto the body's grid by :func:`geo.raster.figure.draw_raster`, nodata transparent; nothing
    is drawn (and no class returned) when the bundle has no raster.
    """
    raster = bundle.raster
    if raster is None:
        return ()
    from geo.raster.figure import draw_raster

    return draw_raster(
        ax,
        raster.path,
        crs=crs,
        extent=extent,
        band=raster.band,
        colormap=raster.colormap,
        breaks=raster.breaks,
        alpha=raster.opacity,
        zorder=3.5,  # above the unit fills (3), below the unit outlines (4) and the labels
    )


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
                facecolor="none",
                edgecolor=PROJECT_COLOR,
                linewidth=1.6 * scale,
                linestyle="--" if row.precision == "schematic" else "-",
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
        halo_text(
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
