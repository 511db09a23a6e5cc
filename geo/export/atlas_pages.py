"""The pages of an atlas as matplotlib Figures: the frame, the map of a page and the text panel.

Every page has the same frame: a title band, the map body (drawn by
:func:`geo.export.layout.draw_body`, so units and project precision look as on
the snapshot and the web map), a side (landscape) or bottom (portrait) panel
with the page's figures and the legend, and a footer with the sources, the
GADM licence and the page number. The texts of the panel come from
:mod:`geo.export.atlas_facts`; this module only places them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from geo.export.atlas_furniture import FOCUS_COLOR, legend, north_arrow, scale_bar, wrap_lines
from geo.export.body import RC_PARAMS, body_extent, draw_body
from geo.export.layout import page_inches
from geo.style import NEIGHBOUR_FILL
from geo.text import ATLAS_TEXT, lookup

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure
    from pyproj import CRS

    from geo.export.bundle import ExportBundle
    from geo.export.layout import Orientation, PageSize

__all__ = [
    "AtlasContext",
    "draw_context",
    "PageGeometry",
    "page_geometry",
    "index_capacity",
    "new_page",
    "draw_map",
    "draw_panel",
    "draw_index",
]

Rect = tuple[float, float, float, float]  # x, y from the top-left corner, width, height; millimetres

# Font size (pt) and line height (mm at scale 1) of each panel line style.
_STYLES: Final[dict[str, tuple[float, float, dict[str, Any]]]] = {
    "head": (8.2, 4.6, {"fontweight": "bold", "color": "#111111"}),
    "body": (7.0, 3.55, {"color": "#222222"}),
    "small": (6.0, 3.0, {"color": "#444444"}),
    "quote": (6.4, 3.2, {"color": "#333333", "style": "italic"}),
    "banner": (9.0, 4.8, {"color": "#a93226", "fontweight": "bold"}),
}
_INDEX_PT: Final[float] = 5.9
_INDEX_LINE_MM: Final[float] = 2.65
_CHAR_EM: Final[float] = 0.56  # mean advance of DejaVu Sans, in em


@dataclass(frozen=True)
class PageGeometry:
    """Where things go on a page, in millimetres from the top-left corner."""

    size: str
    orientation: str
    width: float
    height: float
    scale: float
    body: Rect
    panel: Rect
    legend: Rect
    index_area: Rect

    def fraction(self, rect: Rect) -> tuple[float, float, float, float]:
        """``rect`` as a figure fraction (left, bottom, width, height)."""
        x, y, w, h = rect
        return (x / self.width, 1 - (y + h) / self.height, w / self.width, h / self.height)


def page_geometry(size: str, orientation: str) -> PageGeometry:
    """The frame of an A4/A3 page, landscape or portrait (A3 is A4 enlarged)."""
    w_in, h_in = page_inches(cast("PageSize", size), cast("Orientation", orientation))  # validates both
    width, height = w_in * 25.4, h_in * 25.4
    s = width / (297.0 if orientation == "landscape" else 210.0)
    m, top, foot = 10 * s, 33 * s, 24 * s
    if orientation == "landscape":
        panel_w = 88 * s
        body = (m, top, width - 2 * m - panel_w - 5 * s, height - top - foot)
        panel = (width - m - panel_w, top, panel_w, body[3] - 50 * s)
        legend_rect = (width - m - panel_w, top + body[3] - 47 * s, panel_w, 47 * s)
    else:
        body = (m, top, width - 2 * m, 140 * s)
        below = top + body[3] + 5 * s
        panel = (m, below, width - 2 * m - 62 * s, height - below - foot)
        legend_rect = (width - m - 58 * s, below, 58 * s, panel[3])
    index_area = (m, top, width - 2 * m, height - top - foot)
    return PageGeometry(size, orientation, width, height, s, body, panel, legend_rect, index_area)


def _chars(width_mm: float, pt: float, scale: float) -> int:
    return max(8, int(width_mm / (pt * scale * 0.3528 * _CHAR_EM)))


def _index_columns(geom: PageGeometry, kind: str, *, first: bool) -> tuple[Rect, int, int]:
    """The area, column count and rows per column of the index on the overview (first) or a later page."""
    s = geom.scale
    area = (geom.panel[0], geom.panel[1] + 10 * s, geom.panel[2], geom.panel[3] - 10 * s) if first else geom.index_area
    column_mm = 27 * s if kind == "units" else 88 * s
    columns = max(1, int(area[2] // column_mm))
    rows = max(1, int((area[3] - (0 if first else 8 * s)) // (_INDEX_LINE_MM * s)))
    return area, columns, rows


def index_capacity(geom: PageGeometry, kind: str, *, first: bool) -> int:
    """How many index entries fit on the overview page (``first``) or on a continuation page."""
    _, columns, rows = _index_columns(geom, kind, first=first)
    return columns * rows


def new_page(geom: PageGeometry, *, title: str, subtitle: str, footer: list[str], page_label: str) -> Figure:
    """A blank page with its title band and footer."""
    import textwrap

    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    s, w, h = geom.scale, geom.width, geom.height
    fig = Figure(figsize=(w / 25.4, h / 25.4))
    fig.patch.set_facecolor("white")
    m = 10 * s
    title_pt = min(17.0, (w - 2 * m) / (max(len(title), 1) * 0.3528 * 0.6 * s)) * s
    fig.text(m / w, 1 - (m + 0.5 * s) / h, title, fontsize=title_pt, fontweight="bold", va="top", ha="left")
    chars = _chars(w - 2 * m, 8.5, s)
    fig.text(
        m / w,
        1 - (m + 10 * s) / h,
        textwrap.fill(subtitle, width=chars, max_lines=2, placeholder=" …"),
        fontsize=8.5 * s,
        va="top",
        ha="left",
        color="#333333",
        linespacing=1.2,
    )
    y_rule = 1 - 29.5 * s / h
    fig.add_artist(Line2D([m / w, 1 - m / w], [y_rule, y_rule], color="#333333", lw=0.8 * s))
    y_foot = 1 - (h - 22 * s) / h
    fig.add_artist(Line2D([m / w, 1 - m / w], [y_foot, y_foot], color="#999999", lw=0.5 * s))
    chars = _chars(w - 2 * m - 30 * s, 5.8, s)
    lines = [piece for line in footer for piece in textwrap.wrap(line, width=chars)][:5]
    fig.text(m / w, m / h, "\n".join(lines), fontsize=5.8 * s, va="bottom", ha="left", color="#444444", linespacing=1.3)
    fig.text(1 - m / w, m / h, page_label, fontsize=8 * s, fontweight="bold", va="bottom", ha="right")
    return fig


def _in_view(frame: gpd.GeoDataFrame, frame_xy: gpd.GeoDataFrame, extent: tuple[float, float, float, float]) -> Any:
    from shapely.geometry import box

    view = box(*extent)
    keep = frame_xy.geometry.notna() & frame_xy.geometry.intersects(view)
    return frame[keep.to_numpy()]


def draw_map(
    fig: Figure,
    geom: PageGeometry,
    bundle: ExportBundle,
    *,
    units_xy: gpd.GeoDataFrame,
    crs: CRS,
    bounds: tuple[float, float, float, float],
    lang: str,
    projects_xy: gpd.GeoDataFrame | None = None,
    context: AtlasContext | None = None,
    rect: Rect | None = None,
    projects: bool = True,
    unit_labels: dict[str, str] | None = None,
    project_labels: dict[str, str] | None = None,
    focus_unit: str | None = None,
    focus_project: Any = None,
    note: str | None = None,
    legend_focus: str | None = None,
) -> dict[str, int]:
    """Draw the map body for ``bounds`` (in ``crs``) with scale bar, north arrow and the legend.

    Only the units that reach into the view are drawn (a page of a province stays
    small), and with ``projects_xy`` (the projects in ``crs``) only the projects in view;
    ``unit_labels`` / ``project_labels`` replace names / ids by page numbers
    on an overview. ``focus_unit`` (a code) and ``focus_project`` (a geometry in
    ``crs``) are highlighted.

    Returns
    -------
    dict
        The counts :func:`geo.export.layout.draw_body` drew, by legend key.
    """
    from matplotlib.patches import PathPatch
    from shapely.geometry import box
    from shapely.plotting import patch_from_polygon

    s = geom.scale
    rect = rect or geom.body
    ax = fig.add_axes(geom.fraction(rect))
    extent = body_extent(bounds, aspect=rect[2] / rect[3], pad=0.08)
    units = _in_view(bundle.units, units_xy, extent)
    if unit_labels is not None:
        units = units.assign(name=[unit_labels.get(code, "") for code in units["code"]])
    shown = bundle.projects
    if projects_xy is not None:
        near = projects_xy.geometry.intersects(box(*extent))
        shown = shown[shown["id"].isin(set(projects_xy.loc[near.to_numpy(), "id"]))]
    if project_labels is not None:
        shown = shown.assign(id=[project_labels.get(pid, "") for pid in shown["id"]])
    page_bundle = dataclasses.replace(bundle, units=units.reset_index(drop=True), projects=shown)
    drawn = draw_body(
        ax, page_bundle, crs=crs, extent=extent, lang=lang, scale=s, labels=True, projects=projects,
        context=context is None,
    )  # fmt: skip
    if context is not None:
        drawn.update(draw_context(ax, context, own=set(bundle.units["district_code"]), extent=extent, scale=s))
    if focus_unit is not None:
        shape = units_xy.loc[units_xy["code"] == focus_unit].geometry
        if not shape.empty and shape.iloc[0] is not None:
            unit = shape.iloc[0]
            mask = box(*extent).difference(unit)
            if not mask.is_empty:
                ax.add_patch(patch_from_polygon(mask, facecolor="white", edgecolor="none", alpha=0.42, zorder=6.5))
            ax.add_patch(patch_from_polygon(unit, facecolor="none", edgecolor=FOCUS_COLOR, lw=3.6 * s, zorder=7))
            ax.add_patch(patch_from_polygon(unit, facecolor="none", edgecolor="#111111", lw=1.1 * s, zorder=7.2))
    if focus_project is not None:
        _highlight(ax, focus_project, scale=s, patch=PathPatch)
    if note:
        ax.text(
            0.5,
            0.5,
            note,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=13 * s,
            fontweight="bold",
            color="#a93226",
            zorder=25,
            bbox={"facecolor": "white", "edgecolor": "#a93226", "boxstyle": "round,pad=0.6", "alpha": 0.92},
        )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.9 * s)
    scale_bar(ax, crs=crs, extent=extent, width_mm=rect[2], lang=lang, scale=s)
    north_arrow(ax, lang=lang, scale=s)
    legend(fig.add_axes(geom.fraction(geom.legend)), drawn, lang=lang, scale=s, focus=legend_focus)
    return drawn


@dataclass(frozen=True)
class AtlasContext:
    """District and province outlines in the page CRS, read and projected once per atlas."""

    districts: gpd.GeoDataFrame
    provinces: gpd.GeoDataFrame

    @classmethod
    def of(cls, bundle: ExportBundle, crs: CRS) -> AtlasContext | None:
        """The bundle's outlines projected to ``crs`` (None when the bundle carries none)."""
        if bundle.districts is None or bundle.provinces is None:
            return None
        return cls(bundle.districts.to_crs(crs), bundle.provinces.to_crs(crs))


def draw_context(
    ax: Any, context: AtlasContext, *, own: set[str], extent: tuple[float, float, float, float], scale: float
) -> dict[str, int]:
    """Neighbouring districts (grey, named) and province boundaries in view, as the snapshot draws them."""
    import numpy as np
    from shapely.geometry import box
    from shapely.plotting import patch_from_polygon

    view = box(*extent)
    x0, y0, x1, y1 = extent
    drawn: dict[str, int] = {}
    near = context.districts.iloc[context.districts.sindex.query(view, predicate="intersects")]
    near = near[~near["district_code"].isin(own)]
    for geometry, name in zip(near.geometry, near["district_name"], strict=True):
        ax.add_patch(
            patch_from_polygon(geometry, facecolor=NEIGHBOUR_FILL, edgecolor="#b9b4aa", lw=0.5 * scale, zorder=1)
        )
        point = geometry.intersection(view).representative_point()
        if x0 < point.x < x1 and y0 < point.y < y1:
            ax.text(point.x, point.y, name, fontsize=6.5 * scale, color="#8a857c", style="italic", ha="center",
                    va="center", zorder=2, clip_on=True)  # fmt: skip
    if len(near):
        drawn["neighbours"] = len(near)
    provinces = context.provinces.iloc[context.provinces.sindex.query(view, predicate="intersects")]
    for line in provinces.boundary.intersection(view.buffer((x1 - x0) * 0.05)):
        for part in getattr(line, "geoms", [line]):
            if part.is_empty or part.geom_type != "LineString":
                continue
            xy = np.asarray(part.coords)
            ax.plot(xy[:, 0], xy[:, 1], color="#6d6d6d", lw=1.3 * scale, ls=(0, (6, 2, 1, 2)), zorder=5)
    if len(provinces):
        drawn["provinces"] = len(provinces)
    return drawn


def _highlight(ax: Any, geometry: Any, *, scale: float, patch: Any) -> None:
    import numpy as np
    from shapely.plotting import patch_from_polygon

    kind = geometry.geom_type
    if kind in ("LineString", "MultiLineString"):
        for part in getattr(geometry, "geoms", [geometry]):
            xy = np.asarray(part.coords)
            ax.plot(xy[:, 0], xy[:, 1], color=FOCUS_COLOR, lw=9 * scale, alpha=0.75, solid_capstyle="round", zorder=8.5)
    elif kind in ("Polygon", "MultiPolygon"):
        ax.add_patch(
            patch_from_polygon(
                geometry, facecolor=FOCUS_COLOR, alpha=0.25, edgecolor=FOCUS_COLOR, lw=4 * scale, zorder=8.5
            )
        )
    else:
        point = geometry.centroid
        ax.scatter([point.x], [point.y], s=520 * scale**2, color=FOCUS_COLOR, alpha=0.7, linewidths=0, zorder=8.5)


def draw_panel(
    fig: Figure, geom: PageGeometry, lines: list[tuple[str, str]], *, lang: str, rect: Rect | None = None
) -> None:
    """Place ``(style, text)`` lines top-down in the panel, wrapped to its width and cut to its height."""
    s = geom.scale
    x, y, w, h = rect or geom.panel
    width = _chars(w, _STYLES["body"][0], s)
    line_mm = _STYLES["body"][1] * s
    wrapped = wrap_lines(lines, width=width, max_lines=10_000, lang=lang)
    used, placed = 0.0, []
    for i, (style, text) in enumerate(wrapped):
        step = _STYLES[style][1] * s + (1.2 * s if style == "head" and i else 0.0)
        if used + step > h - line_mm and i < len(wrapped) - 1:
            placed.append(
                ("small", lookup(ATLAS_TEXT, "more", lang, n=len(wrapped) - i), used + _STYLES["small"][1] * s)
            )
            break
        used += step
        placed.append((style, text, used))
    for style, text, bottom in placed:
        pt, _, kw = _STYLES[style]
        fig.text(x / geom.width, 1 - (y + bottom) / geom.height, text, fontsize=pt * s, va="baseline", ha="left", **kw)


def draw_index(
    fig: Figure,
    geom: PageGeometry,
    entries: list[tuple[int, str]],
    *,
    kind: str,
    first: bool,
    heading: str,
    note: str = "",
) -> None:
    """The index: ``(page, label)`` entries in columns, the page number first."""
    s = geom.scale
    (x, y, w, _), columns, rows = _index_columns(geom, kind, first=first)
    fig.text(x / geom.width, 1 - (y - 5 * s) / geom.height, heading, fontsize=8.5 * s, fontweight="bold", va="bottom")
    if note:
        fig.text(x / geom.width, 1 - (y - 1 * s) / geom.height, note, fontsize=6 * s, color="#444444", va="bottom")
    column_w = w / columns
    chars = _chars(column_w - 8 * s, _INDEX_PT, s)
    for i, (page, label) in enumerate(entries):
        column, row = divmod(i, rows)
        if column >= columns:
            break
        text = label if len(label) <= chars else label[: chars - 1] + "…"
        number = str(page).rjust(3, "\u2007")  # figure spaces keep the numbers aligned
        fig.text(
            (x + column * column_w) / geom.width,
            1 - (y + 2 * s + (row + 1) * _INDEX_LINE_MM * s) / geom.height,
            f"{number}  {text}",
            fontsize=_INDEX_PT * s,
            va="baseline",
            ha="left",
            color="#111111",
        )


def rc_params() -> dict[Any, Any]:
    """The matplotlib settings every page is drawn and saved under (TrueType fonts, DejaVu Sans)."""
    return dict(RC_PARAMS)
