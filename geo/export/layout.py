"""The page frame of a map snapshot, drawn by the app itself (no screenshot, no web tiles).

Like a desktop GIS print layout: a title band (editable title, subtitle naming
the document), the map body (:mod:`geo.export.body`), a side (landscape) or
bottom (portrait) panel with the furniture of :mod:`geo.export.furniture` (locator
map of Vietnam, legend, scale bar, north arrow) and key figures, and a footer
with the sources, licences, date and the count of projects whose location is
not known.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from geo.crs import CrsChoice
from geo.errors import InvalidInputError
from geo.export.body import body_crs, body_extent, draw_body, draw_raster_layer, rc_context
from geo.export.furniture import draw_legend, draw_locator, draw_raster_legend, legend_rows, north_arrow, scale_bar
from geo.style import format_number, format_percent
from geo.text import PRINT_TEXT, Lang, lookup

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from pyproj import CRS

    from geo.export.bundle import ExportBundle

__all__ = [
    "PAGE_MM",
    "PageSize",
    "Orientation",
    "page_inches",
    "render_page",
    "save_figure",
    "write_snapshot",
    "raster_source_line",
]

PageSize = Literal["A4", "A3"]
Orientation = Literal["landscape", "portrait"]

# Landscape width × height in millimetres (ISO 216).
PAGE_MM: Final[dict[str, tuple[float, float]]] = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}


def _t(key: str, lang: str, **values: object) -> str:
    return lookup(PRINT_TEXT, key, lang, **values)


def page_inches(size: PageSize, orientation: Orientation) -> tuple[float, float]:
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


def _figures(bundle: ExportBundle, *, lang: str) -> list[str]:
    from geo.metrics import Urbanisation, WardRatio

    lines = []
    ratio = bundle.ratio
    if isinstance(ratio, WardRatio):
        parts = []
        counted = list(zip((ratio.wards, ratio.townships, ratio.communes), ("phường", "thị trấn", "xã")))
        if bundle.vintage == "2025":  # no thị trấn, and a đặc khu is neither phường nor xã
            types = bundle.units["unit_type"]
            counted = [(int((types == t).sum()), t) for t in ("phường", "xã", "đặc khu")]
        for count, unit_type in counted:
            if count:
                parts.append(_t(f"count_{unit_type}", lang, n=count))
        lines.append(_t("units_count", lang, total=ratio.total, parts=", ".join(parts)))
        area = float(bundle.units["area_km2"].sum())
        lines.append(_t("area", lang, area=format_number(area, lang, digits=1)))
        after = bundle.ratio_after
        if isinstance(after, WardRatio):
            lines.append(
                _t("ratio_after", lang, now=format_percent(ratio.ratio, lang), after=format_percent(after.ratio, lang))
            )
        else:
            lines.append(_t("ratio", lang, now=format_percent(ratio.ratio, lang)))
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
                    now=format_percent(urban.rate, lang),
                    after=format_percent(bundle.urban_after.rate, lang),
                )
            )
        else:
            lines.append(_t("urban", lang, year=year, now=format_percent(urban.rate, lang)))
    return lines


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"{crs.name} (EPSG:{epsg})" if epsg else crs.name


def raster_source_line(bundle: ExportBundle, *, lang: str) -> str:
    """The footer's line naming the raster layer, its unit, source and year ("" without a raster)."""
    r = bundle.raster
    if r is None:
        return ""
    return _t("raster_source", lang, name=r.name, unit=r.unit, source=r.source, year=r.year)


def _footer_lines(bundle: ExportBundle, *, lang: str, crs: CRS) -> list[str]:
    docs = (
        "; ".join(
            f"{d.kind}{' ' + d.number if isinstance(d.number, str) and d.number else ''} – {d.issuing_body}"
            for d in bundle.documents.itertuples()
        )
        or "–"
    )
    # The unit list and how the boundaries were made differ by vintage (geo.text_2025 for 2025).
    sources = "sources_2025" if bundle.vintage == "2025" else "sources"
    lines = [_t(sources, lang, docs=docs)]
    if bundle.raster is not None:
        lines.append(raster_source_line(bundle, lang=lang))
    lines.append(_t("crs", lang, crs=_crs_label(crs)))
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
    size: PageSize = "A4",
    orientation: Orientation = "landscape",
    lang: Lang = "vi",
    crs: CrsChoice = "wgs84",
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
    target = body_crs(crs, bundle.units, meridians=bundle.meridians, refusals=bundle.meridian_refusals)
    with rc_context():
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
            figures_at = (pw - margin - panel_w + 2 * s, 105 * s + 4.6 * s * (legend_rows(bundle) + 1.5))
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
        raster_classes = draw_raster_layer(ax, bundle, crs=target, extent=extent)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(1.0 * s)
        scale_bar(ax, crs=target, extent=extent, width_mm=body[2], lang=lang, scale=s)
        north_arrow(ax, lang=lang, scale=s)
        draw_raster_legend(ax, bundle, raster_classes, lang=lang, scale=s)

        draw_locator(fig.add_axes(_mm(fig, *locator, page_mm)), bundle, lang=lang, scale=s)
        draw_legend(fig.add_axes(_mm(fig, *legend, page_mm)), drawn, bundle, lang=lang, scale=s)
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
    with rc_context():
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
    size: PageSize = "A4",
    orientation: Orientation = "landscape",
    dpi: int = 150,
    crs: CrsChoice = "wgs84",
    lang: Lang = "vi",
    **_: object,
) -> None:
    """Render the page of ``bundle`` and write it to ``tmp`` as ``.png`` or ``.pdf``."""
    fig = render_page(bundle, size=size, orientation=orientation, lang=lang, crs=crs)
    save_figure(fig, tmp, fmt=fmt.lstrip("."), dpi=dpi)
