"""The progress report as a PDF (A4 portrait, fonts embedded): counts first, then target by target.

Pages are laid out before they are drawn, so each carries 'page n of N'. A
target's block holds its label, the verbatim quote, goal, target year, latest
actual with year and source, and the status; a small chart sits beside it
when actuals exist.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from geo.report.chart import STATUS_COLORS, draw_chart, has_chart
from geo.report.data import Progress, ReportData, category_counts, report_rows, status_counts, value_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PAGE_MM", "write_pdf"]

PAGE_MM: Final[tuple[float, float]] = (210.0, 297.0)
_MARGIN: Final[float] = 15.0
_TOP: Final[float] = 22.0  # first line of the body on pages after the first
_BOTTOM: Final[float] = 280.0
_LINE: Final[float] = 3.6  # mm per body line (7.2 pt)
_TEXT_CHARS: Final[int] = 118
_CHART_TEXT_CHARS: Final[int] = 84
_CHART_MM: Final[tuple[float, float]] = (48.0, 27.0)


def _block_lines(row: dict[str, str], data: ReportData, *, lang: str, chart: bool) -> list[tuple[str, str]]:
    width = _CHART_TEXT_CHARS if chart else _TEXT_CHARS
    lines = [("head", piece) for piece in textwrap.wrap(f"{row['id']}  {row['label']}", width=int(width * 0.86))]
    quote = textwrap.wrap(f"“{row['quote']}” ({row['section']})", width=int(width * 1.08))
    lines += [("quote", piece) for piece in quote[:6]]
    if len(quote) > 6:
        lines[-1] = ("quote", lines[-1][1].rstrip() + " …")
    facts = (
        f"{data.t('goal', lang)}: {row['goal']} · {data.t('target_year', lang)}: {row['target_year'] or '–'} · "
        f"{data.t('actual', lang)}: {row['actual'] or data.t('actual_none', lang)}"
    )
    lines += [("body", piece) for piece in textwrap.wrap(facts, width=width)]
    if row["actual_source"]:
        source = f"{data.t('source', lang)}: {row['actual_source']}"
        lines += [("small", piece) for piece in textwrap.wrap(source, width=int(width * 1.2), break_long_words=True)]
    lines.append(("status", f"{data.t('status', lang)}: {row['status']}"))
    return lines


def _block_height(lines: list[tuple[str, str]], *, chart: bool) -> float:
    height = sum(_LINE * (1.12 if style == "head" else 0.92 if style == "small" else 1.0) for style, _ in lines) + 4.0
    return max(height, _CHART_MM[1] + 5.0) if chart else height


def _layout(blocks: list[float], *, first_top: float) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    y = first_top
    for i, height in enumerate(blocks):
        if y + height > _BOTTOM and pages[-1]:
            pages.append([])
            y = _TOP
        pages[-1].append(i)
        y += height
    return pages


def _text(fig: Figure, x: float, y: float, text: str, *, pt: float, **kw: Any) -> None:
    w, h = PAGE_MM
    fig.text(x / w, 1 - y / h, text, fontsize=pt, va="baseline", ha="left", **kw)


def _frame(data: ReportData, *, number: int, total: int, lang: str) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    w, h = PAGE_MM
    fig = Figure(figsize=(w / 25.4, h / 25.4))
    fig.patch.set_facecolor("white")
    _text(fig, _MARGIN, 12, f"{data.t('title', lang)} · {data.document_label}", pt=7, color="#555555")
    fig.add_artist(Line2D([_MARGIN / w, 1 - _MARGIN / w], [1 - 14 / h] * 2, color="#999999", lw=0.5))
    footer = data.t("sources", lang) + " " + data.t("made", lang, date=f"{data.made_on:%d/%m/%Y}")
    _text(fig, _MARGIN, 289, textwrap.fill(footer, width=150), pt=5.8, color="#444444")
    fig.text(1 - _MARGIN / w, 1 - 289 / h, data.t("page", lang, n=number, total=total), fontsize=7.5,
             fontweight="bold", ha="right", va="baseline")  # fmt: skip
    return fig


def _first_page(fig: Figure, data: ReportData, *, lang: str) -> float:
    """Title, document and the two count tables; returns where the body may start (mm)."""
    y = 24.0
    _text(fig, _MARGIN, y, data.t("title", lang), pt=16, fontweight="bold")
    y += 8
    for piece in textwrap.wrap(data.title, width=95):
        _text(fig, _MARGIN, y, piece, pt=10, fontweight="bold", color="#222222")
        y += 5
    doc = data.document
    when = doc.get("date") if isinstance(doc.get("date"), str) and doc.get("date") else data.t("no_date", lang)
    _text(fig, _MARGIN, y, data.t("document", lang, doc=data.document_label), pt=8)
    y += 4.2
    _text(fig, _MARGIN, y, data.t("issued", lang, body=doc["issuing_body"], date=when, period=doc["period"]), pt=8)
    y += 9
    counts = status_counts(data.targets)
    _text(fig, _MARGIN, y, data.t("by_status", lang), pt=10, fontweight="bold")
    y += 6
    for status, n in counts.items():
        _text(fig, _MARGIN + 2, y, data.t(status, lang), pt=8.5, color=STATUS_COLORS[status], fontweight="bold")
        _text(fig, _MARGIN + 45, y, str(n), pt=8.5)
        y += 4.6
    _text(fig, _MARGIN + 2, y, data.t("total", lang), pt=8.5)
    _text(fig, _MARGIN + 45, y, str(len(data.targets)), pt=8.5, fontweight="bold")
    y += 9
    _text(fig, _MARGIN, y, data.t("by_category", lang), pt=10, fontweight="bold")
    y += 6
    columns = [("met", 75.0), ("not met", 100.0), ("no data", 125.0), ("total", 155.0)]
    for key, x in columns:
        _text(fig, _MARGIN + x, y, data.t(key, lang), pt=7.5, fontweight="bold")
    y += 4.6
    for category, row in category_counts(data.targets).items():
        _text(fig, _MARGIN + 2, y, data.category_label(category, lang), pt=8)
        for key, x in columns:
            _text(fig, _MARGIN + x, y, str(row[key]), pt=8)
        y += 4.4
    y += 3
    for piece in textwrap.wrap(data.t("status_rule", lang), width=130):
        _text(fig, _MARGIN, y, piece, pt=6.8, color="#444444", style="italic")
        y += 3.4
    return y + 8


_STYLE: Final[dict[str, tuple[float, dict[str, Any]]]] = {
    "head": (8.2, {"fontweight": "bold"}),
    "quote": (7.0, {"style": "italic", "color": "#333333"}),
    "body": (7.2, {}),
    "small": (6.0, {"color": "#555555"}),
    "status": (7.6, {"fontweight": "bold"}),
}


def _draw_block(fig: Figure, y: float, lines: list[tuple[str, str]], row: dict[str, str], target: Any,
                data: ReportData, *, lang: str, chart: bool) -> None:  # fmt: skip
    from matplotlib.lines import Line2D

    w, h = PAGE_MM
    fig.add_artist(Line2D([_MARGIN / w, 1 - _MARGIN / w], [1 - (y + 0.5) / h] * 2, color="#dddddd", lw=0.4))
    cursor = y + 4.2
    for style, text in lines:
        pt, kw = _STYLE[style]
        if style == "status":
            kw = {**kw, "color": STATUS_COLORS.get(row["status_key"], "#222222")}
        _text(fig, _MARGIN, cursor, text, pt=pt, **kw)
        cursor += _LINE * (1.12 if style == "head" else 0.92 if style == "small" else 1.0)
    if chart:
        cw, ch = _CHART_MM
        ax = fig.add_axes(((w - _MARGIN - cw) / w, 1 - (y + 2.5 + ch) / h, cw / w, ch / h))
        draw_chart(ax, target, data.actuals, lang=lang, scale=0.9)


def _edits_page(fig: Figure, data: ReportData, *, lang: str) -> None:
    y = 24.0
    _text(fig, _MARGIN, y, data.t("edits", lang), pt=12, fontweight="bold")
    y += 8
    head = data.t("edits_head", lang).split("|")
    xs = [0, 22, 45, 60, 130, 155]
    for x, text in zip(xs, head, strict=True):
        _text(fig, _MARGIN + x, y, text, pt=7.5, fontweight="bold")
    for edit in data.edits_since_baseline.itertuples():
        y += 4.4
        if y > _BOTTOM:
            break
        source = textwrap.shorten(str(edit.source), width=48, placeholder="…")
        values = [str(edit.target_id), value_text(edit.value, lang), str(edit.year), source, str(edit.user)]
        values.append(str(edit.at)[:16])
        for x, text in zip(xs, values, strict=True):
            _text(fig, _MARGIN + x, y, text, pt=7)


def write_pdf(data: ReportData, tmp: Path, *, lang: str = "vi", progress: Progress | None = None) -> None:
    """Write the report of ``data`` to ``tmp`` as one PDF."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_pdf import PdfPages

    from geo.export.body import RC_PARAMS

    rows = report_rows(data, lang=lang)
    charts = [has_chart(r["id"], data.actuals) for r in rows]
    blocks = [_block_lines(r, data, lang=lang, chart=c) for r, c in zip(rows, charts, strict=True)]
    heights = [_block_height(b, chart=c) for b, c in zip(blocks, charts, strict=True)]
    edits = not data.edits_since_baseline.empty
    with matplotlib.rc_context(RC_PARAMS):
        probe = _frame(data, number=1, total=1, lang=lang)
        first_top = _first_page(probe, data, lang=lang)
        pages = _layout(heights, first_top=first_top)
        total = len(pages) + int(edits)
        targets = list(data.targets.itertuples())
        metadata = {"Creator": "Planning Atlas", "Title": f"{data.t('title', lang)} – {data.document_label}"}
        with PdfPages(tmp, metadata=metadata) as pdf:
            for number, chosen in enumerate(pages, start=1):
                if progress is not None:
                    progress(number, total, data.t("page", lang, n=number, total=total))
                fig = _frame(data, number=number, total=total, lang=lang)
                y = _first_page(fig, data, lang=lang) if number == 1 else _TOP
                for i in chosen:
                    _draw_block(fig, y, blocks[i], rows[i], targets[i], data, lang=lang, chart=charts[i])
                    y += heights[i]
                FigureCanvasAgg(fig)
                pdf.savefig(fig, facecolor="white")
            if edits:
                if progress is not None:
                    progress(total, total, data.t("edits", lang))
                fig = _frame(data, number=total, total=total, lang=lang)
                _edits_page(fig, data, lang=lang)
                FigureCanvasAgg(fig)
                pdf.savefig(fig, facecolor="white")
