"""Parsing a user's population file (CSV or Excel): pandas reads it, every row is checked and reported.

An import is checked as a whole and nothing is taken unless every row is
valid; every problem names the row a spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from geo.errors import InvalidInputError
from geo.names import nfc
from geo.population import IMPORTED_SOURCE_DEFAULT, YEAR_RANGE

__all__ = ["read_population_upload"]

_CODE = re.compile(r"^\d{5}$")
_INT = re.compile(r"^\d+$")
_NEGATIVE = re.compile(r"^-\d+(?:[.,]\d+)*$")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)+$")
_UPLOAD_REQUIRED = ("code", "population", "year")
_UPLOAD_OPTIONAL = ("source",)
_MAX_LISTED = 200  # the problems list is capped so a wrong file does not flood the page


def _grid(frame: pd.DataFrame) -> list[list[str]]:
    """The cells of a header-less frame read with ``dtype=str``, missing cells as ""."""
    return [[str(v).strip() for v in row] for row in frame.fillna("").itertuples(index=False)]


def _read_csv_rows(data: bytes, filename: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Excel's "CSV" on Vietnamese Windows writes cp1258 (or latin-1/cp1252);
        # guessing the code page would silently corrupt names, so refuse.
        raise InvalidInputError(
            f"File {filename} is not UTF-8 encoded (it may be Windows-1258 or Latin-1); "
            "save it again as 'CSV UTF-8' and import it again."
        ) from exc
    if not text.strip():
        return []
    width = len(next(csv.reader(io.StringIO(text, newline=""))))
    try:
        frame = pd.read_csv(
            io.StringIO(text, newline=""),
            dtype=str,
            header=None,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="python",
            # Cells beyond the header's width belong to no column; keep the row, drop them.
            on_bad_lines=lambda cells: cells[:width],
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InvalidInputError(f"File {filename} is not a readable CSV file ({exc}).") from exc
    return _grid(frame)


def _read_xlsx_rows(data: bytes, filename: str) -> list[list[str]]:
    import zipfile

    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=str, engine="openpyxl")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InvalidInputError(f"File {filename} is not a readable Excel .xlsx file.") from exc
    return _grid(frame)


def _excel_code(text: str, *, from_excel: bool) -> str:
    """Excel stores 02641 as the number 2641; restore the zeros only for Excel numbers."""
    if from_excel and text.isdigit() and len(text) < 5:
        return text.zfill(5)
    return text


def read_population_upload(data: bytes, filename: str, *, known_codes: set[str]) -> pd.DataFrame:
    """Validate a user's population file and return its rows.

    The whole file is checked and every problem is listed with the row number
    the user sees in a spreadsheet (the header is row 1). Nothing is returned
    unless every row is valid.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name; ``.csv`` (UTF-8, with or without BOM) or ``.xlsx`` (first sheet).
    known_codes
        The commune codes (5-digit str) an import may name.

    Returns
    -------
    pandas.DataFrame
        ``code`` (str), ``population`` (int, persons), ``year`` (int),
        ``source`` (str; "Nhập bởi người dùng" when the column is absent or
        empty) and ``origin`` = ``"imported"``, in file order.

    Raises
    ------
    InvalidInputError
        One sentence summarising; ``.problems`` lists one sentence per problem.
        Kinds: unreadable file or encoding, missing columns, no data rows,
        malformed or unknown codes, duplicate codes, missing, non-numeric,
        fractional or negative populations, invalid years.
    """
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        rows = _read_csv_rows(data, filename)
        from_excel = False
    elif suffix == ".xlsx":
        rows = _read_xlsx_rows(data, filename)
        from_excel = True
    else:
        raise InvalidInputError(f"File {filename} is not supported; use a .csv (UTF-8) or .xlsx file.")
    # Drop fully empty trailing/blank rows but keep row numbering.
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise _failure(filename, [f"File {filename} is empty."])
    header_row, header = numbered[0]
    names = [nfc(h).strip().lower() for h in header]
    missing = [c for c in _UPLOAD_REQUIRED if c not in names]
    if missing:
        raise _failure(
            filename,
            [f"Row {header_row}: missing required column(s) {', '.join(missing)} (needed: code, population, year)."],
        )
    dupe_cols = sorted({n for n in names if n and names.count(n) > 1})
    if dupe_cols:
        raise _failure(
            filename, [f"Row {header_row}: the header names the column(s) {', '.join(dupe_cols)} more than once."]
        )
    idx = {n: names.index(n) for n in (*_UPLOAD_REQUIRED, *_UPLOAD_OPTIONAL) if n in names}
    body = numbered[1:]
    if not body:
        raise _failure(filename, [f"File {filename} has no data rows below the header row."])

    problems: list[str] = []
    first_seen: dict[str, int] = {}
    records: list[dict[str, object]] = []

    def cell(row: list[str], col: str) -> str:
        j = idx.get(col)
        return row[j].strip() if j is not None and j < len(row) else ""

    for rownum, row in body:
        code = _excel_code(cell(row, "code"), from_excel=from_excel)
        pop_text = cell(row, "population")
        year_text = cell(row, "year")
        source = nfc(cell(row, "source")) if "source" in idx else ""
        ok = True
        if not code:
            problems.append(f"Row {rownum}: the unit code (column code) is empty.")
            ok = False
        elif not _CODE.match(code):
            problems.append(f"Row {rownum}: code '{code}' is not a 5-digit commune code.")
            ok = False
        elif code not in known_codes:
            problems.append(f"Row {rownum}: code {code} is not in the list of administrative units.")
            ok = False
        elif code in first_seen:
            problems.append(f"Row {rownum}: code {code} repeats row {first_seen[code]}.")
            ok = False
        else:
            first_seen[code] = rownum
        population = _parse_count(pop_text)
        if isinstance(population, str):
            problems.append(f"Row {rownum}: population {population}.")
            ok = False
        year = _parse_count(year_text)
        if isinstance(year, str):
            problems.append(f"Row {rownum}: year {year}.")
            ok = False
        elif not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            problems.append(f"Row {rownum}: year {year} is outside {YEAR_RANGE[0]}–{YEAR_RANGE[1]}.")
            ok = False
        if ok:
            records.append(
                {
                    "code": code,
                    "population": population,
                    "year": year,
                    "source": source or IMPORTED_SOURCE_DEFAULT,
                    "origin": "imported",
                }
            )
    if problems:
        raise _failure(filename, problems)
    out = pd.DataFrame.from_records(records, columns=["code", "population", "year", "source", "origin"])
    out["population"] = out["population"].astype("int64")
    out["year"] = out["year"].astype("int64")
    return out


def _parse_count(text: str) -> int | str:
    """A non-negative integer, or the reason (a phrase after "population"/"year") why ``text`` is not one.

    Only plain digits are accepted: "12.345" could mean twelve thousand (Vietnamese
    grouping) or twelve point three, so it is refused rather than guessed.
    """
    if not text:
        return "is empty"
    candidate = text.replace(" ", "")
    if _INT.match(candidate):
        return int(candidate)
    if _NEGATIVE.match(candidate):
        return f"'{text}' is negative"
    if _DECIMAL.match(candidate):
        return f"'{text}' is not a whole number (write digits only, without thousands separators)"
    return f"'{text}' is not a number"


def _failure(filename: str, problems: list[str]) -> InvalidInputError:
    n = len(problems)
    shown = problems[:_MAX_LISTED]
    if n > _MAX_LISTED:
        shown.append(f"… and {n - _MAX_LISTED} more problems.")
    err = InvalidInputError(f"File {filename} has {n} problem{'' if n == 1 else 's'}; no row was imported.")
    err.problems = shown  # type: ignore[attr-defined]
    return err
