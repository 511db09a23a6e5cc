"""The progress report of one document: every target against its latest actual.

For each target: the verbatim quote, comparator and value, target year, the
latest actual with its year and source, and a status (met / not met / no data
yet, from :func:`geo.progress.target_status`); counts by status and by
category come first. The same :class:`ReportData` (:mod:`geo.report.data`)
feeds the three writers, so the PDF (:mod:`geo.report.pdf`), the editable DOCX
(:mod:`geo.report.docx`) and the statistics office's XLSX
(:mod:`geo.report.xlsx`, one row per target) hold the same figures.

Edits entered in the living register since the baseline are a parameter
(``edits_since_baseline``, a frame with :data:`EDIT_COLUMNS`), rendered as a
section when not empty; the writers read no store themselves (the command line
and the Export page pass :func:`geo.store.register.load_edited_report`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geo.errors import InvalidInputError
from geo.report.data import (
    CATEGORY_KEYS,
    EDIT_COLUMNS,
    REPORT_FORMATS,
    Progress,
    ReportData,
    category_counts,
    collect_report,
    goal_text,
    load_report,
    report_rows,
    status_counts,
    value_text,
)

__all__ = [
    "REPORT_FORMATS",
    "EDIT_COLUMNS",
    "CATEGORY_KEYS",
    "Progress",
    "ReportData",
    "collect_report",
    "load_report",
    "goal_text",
    "value_text",
    "status_counts",
    "category_counts",
    "report_rows",
    "check_report_path",
    "export_report",
]


def _writer(suffix: str) -> Callable[..., None]:
    if suffix == ".pdf":
        from geo.report.pdf import write_pdf

        return write_pdf
    if suffix == ".docx":
        from geo.report.docx import write_docx

        return write_docx
    from geo.report.xlsx import write_xlsx

    return write_xlsx


def check_report_path(path: Path) -> str:
    """The lower-case extension of ``path`` if a report can be written there, before any work.

    Raises
    ------
    InvalidInputError
        Another extension, or a path that is a folder, lies in a missing folder or cannot be written.
    """
    from geo.export.writable import check_writable

    suffix = path.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise InvalidInputError(
            f"Cannot write a report to '{path.name}': the extension must be one of {', '.join(REPORT_FORMATS)}."
        )
    check_writable(path)
    return suffix


def export_report(data: ReportData, path: Path | str, *, lang: str = "vi", progress: Progress | None = None) -> Path:
    """Write ``data`` to ``path`` (.pdf, .docx or .xlsx) atomically: temporary file, then rename.

    Raises
    ------
    InvalidInputError
        An unknown extension or an unwritable path; nothing is written.
    """
    from geo.build import atomic_write

    path = Path(path)
    suffix = check_report_path(path)
    writer = _writer(suffix)
    try:
        atomic_write(path, lambda tmp: writer(data, tmp, lang=lang, progress=progress))
    except PermissionError:
        raise InvalidInputError(f"Cannot write '{path}': permission denied.") from None
    except OSError as error:
        raise InvalidInputError(f"Cannot write '{path}': {error.strerror or error}.") from None
    return path
