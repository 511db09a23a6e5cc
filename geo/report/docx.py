"""The progress report as an editable Word file (python-docx), for staff to adjust before the meeting.

The same sections as the PDF: title and document, counts by status and by
category, then one heading per target with its quote, a table of goal, target
year, latest actual, source and status, and the chart where actuals exist;
the edits since the baseline close it when there are any.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from geo.report.chart import STATUS_COLORS, chart_png, has_chart
from geo.report.data import Progress, ReportData, category_counts, report_rows, status_counts, value_text

__all__ = ["write_docx"]


def _table(document: Any, rows: list[list[str]], *, bold_first: bool = True) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            if r == 0 and bold_first:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def write_docx(data: ReportData, tmp: Path, *, lang: str = "vi", progress: Progress | None = None) -> None:
    """Write the report of ``data`` to ``tmp`` as a .docx."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9.5)
    document.core_properties.title = f"{data.t('title', lang)} – {data.document_label}"
    document.core_properties.author = "Planning Atlas"
    document.add_heading(data.t("title", lang), level=0)
    document.add_paragraph(data.title).runs[0].bold = True
    doc = data.document
    when = doc.get("date") if isinstance(doc.get("date"), str) and doc.get("date") else data.t("no_date", lang)
    document.add_paragraph(data.t("document", lang, doc=data.document_label))
    document.add_paragraph(data.t("issued", lang, body=doc["issuing_body"], date=when, period=doc["period"]))

    document.add_heading(data.t("by_status", lang), level=1)
    counts = status_counts(data.targets)
    rows = [[data.t("status", lang), "n"]] + [[data.t(s, lang), str(n)] for s, n in counts.items()]
    _table(document, rows + [[data.t("total", lang), str(len(data.targets))]])
    document.add_heading(data.t("by_category", lang), level=1)
    head = ["", data.t("met", lang), data.t("not met", lang), data.t("no data", lang), data.t("total", lang)]
    by_category = [
        [data.category_label(c, lang), str(v["met"]), str(v["not met"]), str(v["no data"]), str(v["total"])]
        for c, v in category_counts(data.targets).items()
    ]
    _table(document, [head, *by_category])
    document.add_paragraph(data.t("status_rule", lang)).runs[0].italic = True

    document.add_heading(data.t("targets", lang), level=1)
    rows_out = report_rows(data, lang=lang)
    targets = list(data.targets.itertuples())
    for i, (row, target) in enumerate(zip(rows_out, targets, strict=True), start=1):
        if progress is not None:
            progress(i, len(rows_out), row["id"])
        document.add_heading(f"{row['id']}  {row['label']}", level=2)
        quote = document.add_paragraph()
        quote.add_run(f"“{row['quote']}”").italic = True
        quote.add_run(f" ({row['section']})")
        table = _table(
            document,
            [
                [data.t("goal", lang), row["goal"]],
                [data.t("target_year", lang), row["target_year"] or "–"],
                [data.t("actual", lang), row["actual"] or data.t("actual_none", lang)],
                [data.t("source", lang), row["actual_source"] or "–"],
                [data.t("status", lang), row["status"]],
            ],
            bold_first=False,
        )
        for run in table.cell(4, 1).paragraphs[0].runs:
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(STATUS_COLORS[row["status_key"]].lstrip("#").upper())
        if has_chart(row["id"], data.actuals):
            document.add_picture(io.BytesIO(chart_png(target, data.actuals, lang=lang)), width=Cm(7))

    if not data.edits_since_baseline.empty:
        document.add_heading(data.t("edits", lang), level=1)
        head = data.t("edits_head", lang).split("|")
        edits = [
            [str(e.target_id), value_text(e.value, lang), str(e.year), str(e.source), str(e.user), str(e.at)]
            for e in data.edits_since_baseline.itertuples()
        ]
        _table(document, [head, *edits])
    document.add_paragraph(data.t("sources", lang) + " " + data.t("made", lang, date=f"{data.made_on:%d/%m/%Y}"))
    document.save(str(tmp))
