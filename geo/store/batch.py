"""Reading a batch file (CSV UTF-8 or XLSX) of actuals, and the one-sentence summary of its problems."""

from __future__ import annotations

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
    """The rows of a CSV (UTF-8) or XLSX (the sheet open when saved) file as dicts keyed by the header.

    Read by :func:`geo.upload.read_upload_table`, so a batch has the same caps (size, rows, columns,
    cell length) and the same hardened XLSX reading as a population upload.
    """
    from geo.errors import InvalidInputError
    from geo.upload import read_upload_table

    try:
        table = [cells for _, cells in read_upload_table(data, filename).rows]
    except InvalidInputError as error:
        raise StoreInputError(str(error)) from None
    if not table:
        raise StoreInputError(f"File {filename} is empty.")
    header = [str(h).strip().lower() for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise StoreInputError(f"File {filename} lacks the column(s) {', '.join(missing)}.")
    return [dict(zip(header, [str(c) for c in row] + [""] * (len(header) - len(row)))) for row in table[1:]]
