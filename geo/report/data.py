"""The data of a progress report: a document's targets with their latest actuals, counts and display rows.

For each target: the verbatim quote, comparator and value, target year, the
latest actual with its year and source, and a status (met / not met / no data
yet, from :func:`geo.progress.target_status`); counts by status and by
category come first. The same :class:`ReportData` feeds the three writers, so
the PDF (:mod:`geo.report.pdf`), the editable DOCX (:mod:`geo.report.docx`) and
the statistics office's XLSX (:mod:`geo.report.xlsx`, one row per target) hold
the same figures.

Edits entered in the living register since the baseline are a parameter
(``edits_since_baseline``, a frame with :data:`EDIT_COLUMNS`), rendered as a
section when not empty; the writers read no store themselves (the command line
and the Export page pass :func:`geo.store.register.load_edited_report`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import pandas as pd

from geo.errors import InvalidInputError
from geo.progress import STATUSES, target_status
from geo.style import format_number
from geo.text import REPORT_TEXT, localised, lookup

__all__ = [
    "REPORT_FORMATS",
    "EDIT_COLUMNS",
    "CATEGORY_KEYS",
    "ReportData",
    "collect_report",
    "load_report",
    "goal_text",
    "value_text",
    "status_counts",
    "category_counts",
    "report_rows",
    "Progress",
]

REPORT_FORMATS: Final[dict[str, str]] = {
    ".pdf": "progress report (PDF, fonts embedded)",
    ".docx": "progress report (Word, editable)",
    ".xlsx": "one row per target (Excel)",
}
EDIT_COLUMNS: Final[tuple[str, ...]] = ("target_id", "value", "year", "source", "user", "at")
CATEGORY_KEYS: Final[frozenset[str]] = frozenset(
    {"economy", "society", "environment", "urban", "infrastructure", "defence-security", "party"}
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ReportData:
    """Everything one progress report shows.

    Attributes
    ----------
    document
        The document's row (id, kind, number, issuing_body, date, period, title_vi).
    targets
        Its targets in register order, with ``actual``, ``actual_year``,
        ``actual_source`` and ``status`` ('met' | 'not met' | 'no data').
    actuals
        Every actual of those targets (for the charts), by target and year.
    edits_since_baseline
        Actuals entered in the living register since the baseline
        (:data:`EDIT_COLUMNS`); empty when there are none or no store.
    made_on
        The date printed on the report.
    """

    document: dict[str, Any]
    targets: pd.DataFrame
    actuals: pd.DataFrame
    edits_since_baseline: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(EDIT_COLUMNS)))
    made_on: date = field(default_factory=date.today)

    def t(self, key: str, lang: str, **values: object) -> str:
        """The report's text for ``key`` in ``lang``."""
        return lookup(REPORT_TEXT, key, lang, **values)

    def category_label(self, category: str, lang: str) -> str:
        """The display name of a register category (the code itself when unnamed)."""
        return self.t(category, lang) if category in CATEGORY_KEYS else str(category)

    @property
    def document_label(self) -> str:
        """'Nghị quyết 01-NQ/TU – Tỉnh ủy Trà Vinh' (the number only when stated)."""
        doc = self.document
        number = f" {doc['number']}" if isinstance(doc.get("number"), str) and doc["number"] else ""
        return f"{doc['kind']}{number} – {doc['issuing_body']}"

    @property
    def title(self) -> str:
        """The document's title, without the editorial brackets."""
        return str(self.document["title_vi"]).strip("[]")


def collect_report(
    document_id: str,
    *,
    documents: pd.DataFrame,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    edits_since_baseline: pd.DataFrame | None = None,
    made_on: date | None = None,
) -> ReportData:
    """The report of ``document_id`` from the register frames (pure).

    Raises
    ------
    InvalidInputError
        No document has that id, or the edits frame lacks a column of :data:`EDIT_COLUMNS`.
    """
    known = list(documents["id"])
    if document_id not in known:
        raise InvalidInputError(f"No document has the id '{document_id}'; known ids: {', '.join(sorted(known))}.")
    edits = pd.DataFrame(columns=list(EDIT_COLUMNS)) if edits_since_baseline is None else edits_since_baseline
    missing = [c for c in EDIT_COLUMNS if c not in edits.columns]
    if missing:
        raise InvalidInputError(f"The edits since the baseline lack the column(s) {', '.join(missing)}.")
    document = documents.loc[documents["id"] == document_id].iloc[0].to_dict()
    own = targets[targets["document_id"] == document_id].reset_index(drop=True)
    mine = actuals[actuals["target_id"].isin(set(own["id"]))].sort_values(["target_id", "year"]).reset_index(drop=True)
    return ReportData(
        document=document,
        targets=target_status(own, mine),
        actuals=mine,
        edits_since_baseline=edits[edits["target_id"].isin(set(own["id"]))].reset_index(drop=True),
        made_on=made_on or date.today(),
    )


def load_report(
    document_id: str, *, edits_since_baseline: pd.DataFrame | None = None, made_on: date | None = None
) -> ReportData:
    """The report of ``document_id`` from the curated register (data/documents.yaml, targets.csv, actuals.csv)."""
    from geo.io import load_actuals, load_documents, load_targets

    return collect_report(
        document_id,
        documents=load_documents(),
        targets=load_targets(),
        actuals=load_actuals(),
        edits_since_baseline=edits_since_baseline,
        made_on=made_on,
    )


def value_text(value: object, lang: str) -> str:
    """A figure with the language's separators, without trailing zeros ('' when missing)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return format_number(float(value), lang, trim=True)  # type: ignore[arg-type]


def goal_text(row: Any, lang: str) -> str:
    """'≥ 8.986 tỷ đồng', '10–12 %', or 'hoàn thành' for a milestone."""
    unit = f" {row.unit}" if isinstance(row.unit, str) and row.unit else ""
    comparator = row.comparator.strip() if isinstance(row.comparator, str) else ""
    if comparator == "range":
        return f"{value_text(row.value_min, lang)}–{value_text(row.value_max, lang)}{unit}"
    if not comparator:
        return lookup(REPORT_TEXT, "done", lang)
    symbol = {">=": "≥", "<=": "≤"}.get(comparator, comparator)
    return f"{symbol} {value_text(row.value, lang)}{unit}"


def status_counts(targets: pd.DataFrame) -> dict[str, int]:
    """Targets per status, in the order of :data:`geo.progress.STATUSES` (zeros kept)."""
    counts = targets["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def category_counts(targets: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per category (in register order of first appearance): counts per status and the total."""
    out: dict[str, dict[str, int]] = {}
    for category in dict.fromkeys(targets["category"]):
        chosen = targets[targets["category"] == category]
        out[str(category)] = {**status_counts(chosen), "total": len(chosen)}
    return out


def report_rows(data: ReportData, *, lang: str) -> list[dict[str, str]]:
    """The displayed fields of every target, shared by the three writers (so they hold the same figures)."""
    rows = []
    for row in data.targets.itertuples():
        label = localised(row, "label", lang)
        has_actual = not pd.isna(row.actual)
        rows.append(
            {
                "id": str(row.id),
                "label": str(label),
                "quote": str(row.quote),
                "section": data.t("section", lang, section=row.section),
                "category": data.category_label(row.category, lang),
                "goal": goal_text(row, lang),
                "target_year": "" if pd.isna(row.target_year) else str(int(row.target_year)),
                "actual": f"{value_text(row.actual, lang)} ({int(row.actual_year)})" if has_actual else "",
                "actual_source": str(row.actual_source) if has_actual else "",
                "status": data.t(row.status, lang),
                "status_key": str(row.status),
            }
        )
    return rows
