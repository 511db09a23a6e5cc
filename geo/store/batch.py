"""Reading a batch file (CSV UTF-8 or XLSX) of actuals, and the one-sentence summary of its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo.store.errors import StoreInputError

__all__ = ["LISTED_PROBLEMS", "problems_sentence", "read_rows"]

LISTED_PROBLEMS = 20
ACTUAL_COLUMNS = ("target_id", "value", "year", "source")


def problems_sentence(problems: list[str], *, what: str) -> str:
    """``"The actuals were not saved: row 2: …; row 5: … (and 3 more problems)."``"""
    shown = "; ".join(p.rstrip(".") for p in problems[:LISTED_PROBLEMS])
    rest = len(problems) - LISTED_PROBLEMS
    more = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest > 0 else ""
    return f"The {what} were not saved, nothing was written: {shown}{more}."


def read_rows(data: bytes, filename: str, *, required: tuple[str, ...] = ACTUAL_COLUMNS) -> list[dict[str, Any]]:
    """The rows of a CSV (UTF-8) or XLSX (first sheet) file as dicts keyed by the header."""
    from geo.population_upload import _read_csv_rows, _read_xlsx_rows

    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        table = _read_csv_rows(data, filename)
    elif suffix == ".xlsx":
        table = _read_xlsx_rows(data, filename)
    else:
        raise StoreInputError(f"File {filename} is neither .csv nor .xlsx.")
    table = [row for row in table if any(str(c).strip() for c in row)]
    if not table:
        raise StoreInputError(f"File {filename} is empty.")
    header = [str(h).strip().lower() for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise StoreInputError(f"File {filename} lacks the column(s) {', '.join(missing)}.")
    return [dict(zip(header, [str(c) for c in row] + [""] * (len(header) - len(row)))) for row in table[1:]]
