"""The progress report as an Excel workbook: one row per target, for the statistics office.

Figures are written as numbers; text cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are neutralised
with a leading apostrophe, unless the text is a genuine number, which is
then written as a number (OWASP, CSV/formula injection).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

import pandas as pd

from geo.report.data import Progress, ReportData, category_counts, status_counts
from geo.text import localised

__all__ = ["FORMULA_PREFIXES", "safe_cell", "target_table", "write_xlsx"]

FORMULA_PREFIXES: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
_NUMBER: Final[re.Pattern[str]] = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: numbers as numbers, missing as empty, formula-like text neutralised."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        stripped = text.strip()
        if _NUMBER.match(stripped):
            return float(stripped)
        return "'" + text
    return text


def target_table(data: ReportData, *, lang: str) -> list[list[Any]]:
    """The header and one row per target, in the order of the register."""
    head = data.t("xlsx_head", lang).split("|")
    rows: list[list[Any]] = [head]
    for row in data.targets.itertuples():
        label = localised(row, "label", lang)
        category = data.category_label(row.category, lang)
        year = None if pd.isna(row.target_year) else int(row.target_year)
        actual_year = None if pd.isna(row.actual_year) else int(row.actual_year)
        rows.append(
            [
                row.id,
                row.document_id,
                row.section,
                category,
                label,
                row.quote,
                row.comparator or "",
                row.value,
                row.value_min,
                row.value_max,
                row.unit,
                year,
                row.actual,
                actual_year,
                row.actual_source or "",
                data.t(row.status, lang),
            ]  # fmt: skip
        )
    return rows


def write_xlsx(data: ReportData, tmp: Path, *, lang: str = "vi", progress: Progress | None = None) -> None:
    """Write the report of ``data`` to ``tmp`` as an .xlsx (targets, counts, edits)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = data.t("sheet_targets", lang)
    table = target_table(data, lang=lang)
    for i, values in enumerate(table):
        if progress is not None and i:
            progress(i, len(table) - 1, str(values[0]))
        sheet.append([safe_cell(v) for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in zip(
        "ABCDEFGHIJKLMNOP", (9, 14, 8, 16, 48, 60, 6, 10, 10, 10, 14, 8, 12, 8, 40, 16), strict=True
    ):
        sheet.column_dimensions[column].width = width

    counts = book.create_sheet(data.t("sheet_counts", lang))
    counts.append([safe_cell(data.document_label)])
    counts.append([safe_cell(data.title)])
    counts.append([])
    counts.append([data.t("by_status", lang)])
    for status, n in status_counts(data.targets).items():
        counts.append([data.t(status, lang), n])
    counts.append([data.t("total", lang), len(data.targets)])
    counts.append([])
    counts.append([data.t("by_category", lang), data.t("met", lang), data.t("not met", lang),
                   data.t("no data", lang), data.t("total", lang)])  # fmt: skip
    for category, row in category_counts(data.targets).items():
        counts.append([data.category_label(category, lang), row["met"], row["not met"], row["no data"], row["total"]])
    counts.append([])
    counts.append([safe_cell(data.t("sources", lang) + " " + data.t("made", lang, date=f"{data.made_on:%d/%m/%Y}"))])

    if not data.edits_since_baseline.empty:
        edits = book.create_sheet(data.t("sheet_edits", lang))
        edits.append(data.t("edits_head", lang).split("|"))
        for e in data.edits_since_baseline.itertuples():
            edits.append([safe_cell(v) for v in (e.target_id, e.value, e.year, e.source, e.user, str(e.at))])
    book.save(str(tmp))
