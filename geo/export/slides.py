"""The meeting pack (PPTX): title, map, targets with their status, projects, ward ratio and urbanisation.

Slides, 16:9: a title slide; the map snapshot (the PNG of
:mod:`geo.export.layout`); the targets as tables (status met / not met / no
data yet, from the latest actual); the projects with kind, status, location
precision and communes; the ward ratio and urban population share, before and
after the scenario when one is set. Long tables continue on further slides.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.crs import CrsChoice
from geo.style import format_number
from geo.text import SLIDE_TEXT, Lang, localised, lookup, register_label

if TYPE_CHECKING:
    from geo.export.bundle import ExportBundle

__all__ = ["TARGET_ROWS_PER_SLIDE", "PROJECT_ROWS_PER_SLIDE", "target_rows", "project_rows", "build_pptx", "write_pptx"]

TARGET_ROWS_PER_SLIDE = 9
PROJECT_ROWS_PER_SLIDE = 10

_STATUS_COLORS = {"met": "2E7D32", "not met": "C62828", "no data": "757575"}


def _t(key: str, lang: str, **values: object) -> str:
    return lookup(SLIDE_TEXT, key, lang, **values)


def _number(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return format_number(float(value), lang, digits=2, trim=True)  # type: ignore[arg-type]


def _goal(row: Any, lang: str) -> str:
    unit = f" {row.unit}" if isinstance(row.unit, str) and row.unit else ""
    year = f" ({row.target_year})" if not pd.isna(row.target_year) else ""
    comparator = row.comparator if isinstance(row.comparator, str) else ""
    if comparator == "range":
        return f"{_number(row.value_min, lang)}–{_number(row.value_max, lang)}{unit}{year}"
    if not comparator:
        return _t("done", lang) + year
    symbol = {">=": "≥", "<=": "≤"}.get(comparator, comparator)
    return f"{symbol} {_number(row.value, lang)}{unit}{year}"


def target_rows(targets: pd.DataFrame, *, lang: str = "vi") -> list[list[str]]:
    """Table rows: id, label, goal, latest actual (with year), status (translated)."""
    rows = []
    for row in targets.itertuples():
        label = localised(row, "label", lang)
        actual = "" if pd.isna(row.actual) else f"{_number(row.actual, lang)} ({row.actual_year})"
        rows.append([row.id, str(label), _goal(row, lang), actual, _t(row.status, lang)])
    return rows


def project_rows(bundle: ExportBundle, *, lang: str = "vi") -> list[list[str]]:
    """Table rows: id, name, kind, status, precision (labels in ``lang``), communes (by name)."""
    names = dict(zip(bundle.units["code"], bundle.units["name"], strict=True))
    rows = []
    for row in bundle.projects.itertuples():
        communes = ", ".join(names.get(c, c) for c in row.unit_codes if c in names)
        outside = sum(1 for c in row.unit_codes if c not in names)
        if outside:
            communes += f" (+{outside})" if communes else f"+{outside}"
        rows.append(
            [
                row.id,
                row.name_vi,
                register_label("kind", row.kind, lang),
                register_label("status", row.status, lang),
                register_label("precision", row.precision, lang),
                communes or "–",
            ]
        )
    return rows


def _table(
    slide: Any,
    rows: list[list[str]],
    head: list[str],
    widths: list[float],
    *,
    top: float,
    font_pt: float = 11,
    status_col: int | None = None,
    statuses: list[str] | None = None,
) -> Any:
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_table(
        len(rows) + 1, len(head), Inches(0.4), Inches(top), Inches(sum(widths)), Inches(0.35 * (len(rows) + 1))
    )
    table = shape.table
    for i, width in enumerate(widths):
        table.columns[i].width = Inches(width)
    for r, values in enumerate([head, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_pt if r else font_pt + 0.5)
                    run.font.bold = r == 0
                    if r and status_col == c and statuses:
                        run.font.color.rgb = RGBColor.from_string(_STATUS_COLORS[statuses[r - 1]])
                        run.font.bold = True
    return shape


def _title(slide: Any, text: str) -> None:
    from pptx.util import Pt

    slide.shapes.title.text = text
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(26)


def _note(slide: Any, text: str, *, top: float) -> None:
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(0.4), Inches(top), Inches(12.5), Inches(0.5))
    box.text_frame.word_wrap = True
    box.text_frame.text = text
    for paragraph in box.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10)


def _chunks(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


def build_pptx(bundle: ExportBundle, *, map_png: bytes, lang: str = "vi") -> Any:
    """The presentation (a ``pptx.Presentation``) of ``bundle``; ``map_png`` is the snapshot."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from geo.export.layout import raster_source_line
    from geo.metrics import Urbanisation, WardRatio

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_layout, title_only = prs.slide_layouts[0], prs.slide_layouts[5]
    docs = (
        "; ".join(
            f"{d.kind}{' ' + d.number if isinstance(d.number, str) and d.number else ''} – {d.issuing_body}"
            for d in bundle.documents.itertuples()
        )
        or "–"
    )
    when = f"{bundle.made_on:%d/%m/%Y}"
    raster_line = raster_source_line(bundle, lang=lang)

    slide = prs.slides.add_slide(title_layout)
    slide.shapes.title.text = bundle.title
    slide.placeholders[1].text = f"{bundle.subtitle}\n{when}"
    for paragraph in slide.placeholders[1].text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)

    slide = prs.slides.add_slide(title_only)
    _title(slide, f"{_t('map', lang)}: {bundle.title}")
    top, height = Inches(1.25), Inches(6.1)
    picture = slide.shapes.add_picture(io.BytesIO(map_png), 0, top, height=height)
    picture.left = int((prs.slide_width - picture.width) / 2)

    rows = target_rows(bundle.targets, lang=lang)
    statuses = list(bundle.targets["status"])
    head = _t("target_head", lang).split("|")
    chunks = _chunks(list(zip(rows, statuses, strict=True)), TARGET_ROWS_PER_SLIDE)
    for i, chunk in enumerate(chunks):
        slide = prs.slides.add_slide(title_only)
        _title(slide, _t("targets", lang) + (f" {_t('cont', lang)}" if i else ""))
        if not chunk:
            _note(slide, _t("no_targets", lang), top=1.5)
            continue
        _table(
            slide,
            [r for r, _ in chunk],
            head,
            [1.0, 6.0, 2.2, 1.9, 1.4],
            top=1.35,
            font_pt=11,
            status_col=4,
            statuses=[s for _, s in chunk],
        )

    rows = project_rows(bundle, lang=lang)
    head = _t("project_head", lang).split("|")
    for i, chunk in enumerate(_chunks(rows, PROJECT_ROWS_PER_SLIDE)):
        slide = prs.slides.add_slide(title_only)
        _title(slide, _t("projects", lang) + (f" {_t('cont', lang)}" if i else ""))
        if chunk:
            _table(slide, chunk, head, [0.8, 4.6, 1.6, 1.5, 1.6, 2.4], top=1.35, font_pt=10)
        if i == 0 and bundle.unlocated:
            _note(slide, _t("unlocated", lang, n=bundle.unlocated), top=6.85)

    ratio, after = bundle.ratio, bundle.ratio_after
    if isinstance(ratio, WardRatio):
        slide = prs.slides.add_slide(title_only)
        _title(slide, _t("ratio", lang))
        scenario = isinstance(after, WardRatio)
        head = [_t("indicator", lang), _t("now", lang)] + ([_t("after", lang)] if scenario else [])

        def pct(value: float | None) -> str:
            return "–" if value is None else f"{_number(round(value * 100, 1), lang)} %"

        table = [[_t("wards", lang), f"{ratio.wards} / {ratio.total}"], [_t("ward_ratio", lang), pct(ratio.ratio)]]
        if isinstance(after, WardRatio):  # i.e. scenario
            table[0].append(f"{after.wards} / {after.total}")
            table[1].append(pct(after.ratio))
        urban, urban_after = bundle.urban, bundle.urban_after
        if isinstance(urban, Urbanisation):

            def people(u: Urbanisation) -> str:
                if u.urban_population is None:
                    return "–"
                return f"{_number(u.urban_population, lang)} / {_number(u.total_population, lang)}"

            table.append([_t("urban", lang), people(urban)])
            table.append([_t("urban_rate", lang), pct(urban.rate)])
            if scenario and isinstance(urban_after, Urbanisation):
                table[2].append(people(urban_after))
                table[3].append(pct(urban_after.rate))
            elif scenario:
                table[2].append("–")
                table[3].append("–")
        _table(slide, table, head, [5.0, 3.0] + ([3.0] if scenario else []), top=1.5, font_pt=16)
        notes = _t("ratio_note", lang)
        if scenario:
            notes = _t("scenario", lang, codes=", ".join(bundle.upgrade)) + " " + notes
        _note(slide, notes, top=4.4)

    for slide in prs.slides:
        if slide is prs.slides[0]:
            continue
        _note(slide, " ".join(filter(None, [_t("sources", lang, docs=docs, date=when), raster_line])), top=7.0)
    return prs


def write_pptx(
    bundle: ExportBundle, tmp: Path, *, dpi: int = 150, lang: Lang = "vi", crs: CrsChoice = "wgs84", **_: object
) -> None:
    """Render the map (A4 landscape) and write the meeting pack of ``bundle`` to ``tmp``."""
    from geo.export.layout import render_page, save_figure

    fig = render_page(bundle, size="A4", orientation="landscape", lang=lang, crs=crs)
    buffer = io.BytesIO()
    save_figure(fig, buffer, fmt="png", dpi=dpi)  # type: ignore[arg-type]
    build_pptx(bundle, map_png=buffer.getvalue(), lang=lang).save(str(tmp))
