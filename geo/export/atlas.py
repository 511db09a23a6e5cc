"""The atlas: one page per unit or per project of a locality, with cover, overview and index.

As a desktop GIS print atlas does, a coverage layer (the locality's units, or
its projects) gives one page per feature. Page 1 is the cover (title,
locality, documents, vintage, date); page 2 the overview map with every
feature numbered by its page and the index (continued on further pages when it
does not fit); then the feature pages. Projects whose location is not known
come last, each on a plain page that says so.

The PDF is one file with the fonts embedded (TrueType); the PPTX has one
slide per page, the page as a picture and its text in the slide notes. Pages
are written one at a time; ``progress`` is called before each and may raise
:class:`ExportCancelled` to stop: the temporary file is then removed and
nothing is left behind.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from geo.errors import InvalidInputError, PlanningAtlasError
from geo.export.atlas_facts import cover_lines, documents_text, project_lines, unit_lines
from geo.export.atlas_pages import (
    AtlasContext,
    PageGeometry,
    draw_index,
    draw_map,
    draw_panel,
    index_capacity,
    new_page,
    page_geometry,
    rc_params,
)
from geo.export.writable import check_writable
from geo.text import ATLAS_TEXT, lookup

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from matplotlib.figure import Figure
    from pyproj import CRS

    from geo.export.bundle import ExportBundle

__all__ = [
    "ATLAS_KINDS",
    "ATLAS_FORMATS",
    "AtlasEntry",
    "AtlasPlan",
    "ExportCancelled",
    "Progress",
    "check_atlas_kind",
    "plan_atlas",
    "render_atlas_pages",
    "write_atlas",
    "export_atlas",
    "check_writable",
]

ATLAS_KINDS: Final[tuple[str, ...]] = ("units", "projects")
ATLAS_FORMATS: Final[tuple[str, ...]] = (".pdf", ".pptx")

Progress = Callable[[int, int, str], None]
"""Called with (page number, page count, what the page shows) before each page is drawn."""


class ExportCancelled(PlanningAtlasError):
    """The user stopped a long export; nothing was written."""


@dataclass(frozen=True)
class AtlasEntry:
    """One feature page: its page number, the feature's key (unit code or project id) and label."""

    page: int
    key: str
    label: str
    located: bool = True


@dataclass(frozen=True)
class AtlasPlan:
    """The page order of an atlas, known before anything is drawn (so the index can cite pages)."""

    kind: str
    entries: tuple[AtlasEntry, ...]
    index_pages: int
    first_index_entries: int
    more_index_entries: int

    @property
    def total(self) -> int:
        """Pages in all: cover, overview/index pages, feature pages."""
        return 1 + self.index_pages + len(self.entries)


def check_atlas_kind(kind: str) -> str:
    """``kind`` if it is one of :data:`ATLAS_KINDS`; else :class:`InvalidInputError`."""
    if kind not in ATLAS_KINDS:
        raise InvalidInputError(f"The atlas kind must be one of {', '.join(ATLAS_KINDS)}; got '{kind}'.")
    return kind


def plan_atlas(bundle: ExportBundle, kind: str, *, geom: PageGeometry) -> AtlasPlan:
    """The pages of the ``kind`` atlas of ``bundle``: units in register order, or located projects then the rest."""
    check_atlas_kind(kind)
    if kind == "units":
        units = bundle.units.sort_values(["district_code", "code"])
        items = [(code, name, True) for code, name in zip(units["code"], units["name"], strict=True)]
    else:
        projects = bundle.projects
        located = projects.geometry.notna() & (projects["precision"] != "unknown")
        items = [
            (p, f"{p} {n}", True)
            for p, n in zip(projects.loc[located, "id"], projects.loc[located, "name_vi"], strict=True)
        ]
        items += [
            (p, f"{p} {n}", False)
            for p, n in zip(projects.loc[~located, "id"], projects.loc[~located, "name_vi"], strict=True)
        ]
    first = index_capacity(geom, kind, first=True)
    more = index_capacity(geom, kind, first=False)
    index_pages = 1 + max(0, -(-(len(items) - first) // more))
    start = 2 + index_pages
    entries = tuple(AtlasEntry(start + i, key, label, located) for i, (key, label, located) in enumerate(items))
    return AtlasPlan(kind, entries, index_pages, first, more)


@dataclass(frozen=True)
class _Context:
    bundle: ExportBundle
    plan: AtlasPlan
    geom: PageGeometry
    crs: CRS
    units_xy: gpd.GeoDataFrame
    projects_xy: gpd.GeoDataFrame
    population: pd.DataFrame | None
    lang: str
    outlines: AtlasContext | None

    def t(self, key: str, **values: object) -> str:
        return lookup(ATLAS_TEXT, key, self.lang, **values)

    def page(self, number: int, *, title: str, subtitle: str | None = None) -> Figure:
        footer = [
            self.t("footer_sources", docs=documents_text(self.bundle)),
            self.t("licence") + " " + self.t("cover_date", date=f"{self.bundle.made_on:%d/%m/%Y}") + ".",
        ]
        heading = (
            subtitle if subtitle is not None else f"{self.t(f'kind_{self.plan.kind}')} · {self.bundle.locality.name_vi}"
        )
        return new_page(
            self.geom,
            title=title,
            subtitle=heading,
            footer=footer,
            page_label=self.t("page", n=number, total=self.plan.total),
        )

    def locality_bounds(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = (float(v) for v in self.units_xy.total_bounds)
        return x0, y0, x1, y1

    def draw_map(self, fig: Figure, *, bounds: Any, outlines: bool, **options: Any) -> dict[str, int]:
        """:func:`draw_map` of this atlas's layers; ``outlines`` adds the neighbouring context."""
        return draw_map(
            fig,
            self.geom,
            self.bundle,
            units_xy=self.units_xy,
            projects_xy=self.projects_xy,
            context=self.outlines if outlines else None,
            crs=self.crs,
            bounds=bounds,
            lang=self.lang,
            **options,
        )


def _cover(ctx: _Context) -> Figure:
    fig = ctx.page(1, title=ctx.bundle.title, subtitle=ctx.t(f"kind_{ctx.plan.kind}"))
    ctx.draw_map(fig, bounds=ctx.locality_bounds(), outlines=False, projects=ctx.plan.kind == "projects")
    draw_panel(
        fig, ctx.geom, cover_lines(ctx.bundle, kind=ctx.plan.kind, pages=ctx.plan.total, lang=ctx.lang), lang=ctx.lang
    )
    return fig


def _index_entries(ctx: _Context) -> list[tuple[int, str]]:
    return [(e.page, e.label if e.located else f"{e.label} (?)") for e in ctx.plan.entries]


def _overview(ctx: _Context) -> Figure:
    plan = ctx.plan
    fig = ctx.page(2, title=ctx.t("overview"))
    numbers = {e.key: str(e.page) for e in plan.entries}
    units = plan.kind == "units"
    ctx.draw_map(
        fig,
        bounds=ctx.locality_bounds(),
        outlines=True,
        projects=not units,
        unit_labels=numbers if units else {},
        project_labels=None if units else numbers,
    )
    entries = _index_entries(ctx)[: plan.first_index_entries]
    draw_index(
        fig,
        ctx.geom,
        entries,
        kind=plan.kind,
        first=True,
        heading=ctx.t("index"),
        note=ctx.t(f"overview_note_{plan.kind}"),
    )
    return fig


def _index_page(ctx: _Context, number: int) -> Figure:
    plan = ctx.plan
    fig = ctx.page(number, title=ctx.t("index_cont"))
    start = plan.first_index_entries + (number - 3) * plan.more_index_entries
    entries = _index_entries(ctx)[start : start + plan.more_index_entries]
    draw_index(fig, ctx.geom, entries, kind=plan.kind, first=False, heading=ctx.t("index_cont"))
    return fig


def _padded(bounds: Any, *, minimum: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half = max(x1 - x0, y1 - y0, minimum) / 2
    hw, hh = max((x1 - x0) / 2, half * 0.6), max((y1 - y0) / 2, half * 0.6)
    return cx - hw, cy - hh, cx + hw, cy + hh


def _unit_page(ctx: _Context, entry: AtlasEntry) -> Figure:
    fig = ctx.page(entry.page, title=entry.label)
    shape = ctx.units_xy.loc[ctx.units_xy["code"] == entry.key].geometry.iloc[0]
    x0, y0, x1, y1 = shape.bounds
    pad = max(x1 - x0, y1 - y0) * 0.35
    bounds = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    ctx.draw_map(fig, bounds=bounds, outlines=False, focus_unit=entry.key, legend_focus="unit")
    draw_panel(
        fig, ctx.geom, unit_lines(ctx.bundle, entry.key, population=ctx.population, lang=ctx.lang), lang=ctx.lang
    )
    return fig


def _project_page(ctx: _Context, entry: AtlasEntry) -> Figure:
    project = ctx.bundle.projects.loc[ctx.bundle.projects["id"] == entry.key].iloc[0]
    fig = ctx.page(entry.page, title=str(project["name_vi"]))
    touched = ctx.units_xy[ctx.units_xy["code"].isin(list(project["unit_codes"]))]
    if entry.located:
        geometry = ctx.projects_xy.loc[ctx.projects_xy["id"] == entry.key].geometry.iloc[0]
        x0, y0, x1, y1 = geometry.bounds
        if project["precision"] == "commune-centroid" and not touched.empty:
            tx0, ty0, tx1, ty1 = touched.total_bounds
            x0, y0, x1, y1 = min(x0, tx0), min(y0, ty0), max(x1, tx1), max(y1, ty1)
        bounds = _padded((x0, y0, x1, y1), minimum=3000.0)
        ctx.draw_map(fig, bounds=bounds, outlines=True, focus_project=geometry, legend_focus="project")
    else:
        bounds = tuple(touched.total_bounds) if not touched.empty else ctx.locality_bounds()
        ctx.draw_map(fig, bounds=bounds, outlines=True, projects=False, note=ctx.t("unlocated_map"))
    draw_panel(fig, ctx.geom, project_lines(ctx.bundle, entry.key, lang=ctx.lang), lang=ctx.lang)
    return fig


def render_atlas_pages(
    bundle: ExportBundle,
    *,
    kind: str,
    size: str = "A4",
    orientation: str = "landscape",
    lang: str = "vi",
    population: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> Any:
    """Yield the atlas pages of ``bundle`` in order, each a matplotlib Figure (pure: nothing is written).

    The first value yielded is the :class:`AtlasPlan`; then one Figure per page.
    """
    from geo.export.body import body_crs

    geom = page_geometry(size, orientation)
    plan = plan_atlas(bundle, kind, geom=geom)
    crs = body_crs("wgs84", bundle.units, meridians=bundle.meridians)
    units_xy = bundle.units[bundle.units.geometry.notna()].to_crs(crs)
    projects_xy = bundle.projects[bundle.projects.geometry.notna()].to_crs(crs)
    ctx = _Context(bundle, plan, geom, crs, units_xy, projects_xy, population, lang, AtlasContext.of(bundle, crs))
    yield plan

    def report(number: int, what: str) -> None:
        if progress is not None:
            progress(number, plan.total, what)

    report(1, ctx.t("cover"))
    yield _cover(ctx)
    report(2, ctx.t("overview"))
    yield _overview(ctx)
    for number in range(3, 2 + plan.index_pages):
        report(number, ctx.t("index_cont"))
        yield _index_page(ctx, number)
    draw = _unit_page if kind == "units" else _project_page
    for entry in plan.entries:
        report(entry.page, entry.label)
        yield draw(ctx, entry)


def _page_text(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.texts if t.get_text())


def write_atlas(
    bundle: ExportBundle,
    tmp: Path,
    *,
    kind: str,
    fmt: str,
    size: str = "A4",
    orientation: str = "landscape",
    lang: str = "vi",
    dpi: int = 150,
    population: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> AtlasPlan:
    """Write the atlas to ``tmp`` as ``.pdf`` (one file, fonts embedded) or ``.pptx`` (one slide per page)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    pages = render_atlas_pages(
        bundle, kind=kind, size=size, orientation=orientation, lang=lang, population=population, progress=progress
    )
    with matplotlib.rc_context(rc_params()):
        plan: AtlasPlan = next(pages)
        if fmt == ".pdf":
            from matplotlib.backends.backend_pdf import PdfPages

            metadata = {
                "Creator": "Planning Atlas",
                "Title": f"{bundle.title} – {lookup(ATLAS_TEXT, f'kind_{kind}', lang)}",
            }
            with PdfPages(tmp, metadata=metadata) as pdf:
                for fig in pages:
                    FigureCanvasAgg(fig)
                    pdf.savefig(fig, facecolor="white")
            return plan
        from pptx import Presentation
        from pptx.util import Emu

        geom = page_geometry(size, orientation)
        prs = Presentation()
        prs.slide_width, prs.slide_height = Emu(int(geom.width * 36000)), Emu(int(geom.height * 36000))
        blank = prs.slide_layouts[6]
        for fig in pages:
            FigureCanvasAgg(fig)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
            slide = prs.slides.add_slide(blank)
            slide.shapes.add_picture(
                io.BytesIO(buffer.getvalue()), 0, 0, width=prs.slide_width, height=prs.slide_height
            )
            slide.notes_slide.notes_text_frame.text = _page_text(fig)
        prs.save(str(tmp))
        return plan


def export_atlas(
    bundle: ExportBundle,
    path: Path | str,
    *,
    kind: str,
    size: str = "A4",
    orientation: str = "landscape",
    lang: str = "vi",
    dpi: int = 150,
    population: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> AtlasPlan:
    """Validate the options, then write the atlas to ``path`` atomically (temporary file + rename).

    Raises
    ------
    InvalidInputError
        An unknown kind, extension, size or orientation, or a folder that does not
        exist or cannot be written.
    ExportCancelled
        ``progress`` stopped the export; no file is left.
    """
    from geo.build import atomic_write
    from geo.export import check_options

    path = Path(path)
    check_atlas_kind(kind)
    suffix = path.suffix.lower()
    if suffix not in ATLAS_FORMATS:
        raise InvalidInputError(f"Cannot write an atlas to '{path.name}': the extension must be .pdf or .pptx.")
    check_options(size=size, orientation=orientation, dpi=dpi, crs="wgs84")
    check_writable(path)
    result: list[AtlasPlan] = []

    def write(tmp: Path) -> None:
        result.append(
            write_atlas(
                bundle,
                tmp,
                kind=kind,
                fmt=suffix,
                size=size,
                orientation=orientation,
                lang=lang,
                dpi=dpi,
                population=population,
                progress=progress,
            )  # fmt: skip
        )

    try:
        atomic_write(path, write)
    except PermissionError:
        raise InvalidInputError(f"Cannot write '{path}': permission denied.") from None
    except OSError as error:
        raise InvalidInputError(f"Cannot write '{path}': {error.strerror or error}.") from None
    return result[0]
