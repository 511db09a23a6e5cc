"""Parsing a user's population file (CSV or Excel): every row is checked and reported.

The bytes are read by :func:`geo.upload.read_upload_table`, which bounds the
time and memory (file, unpacked size, rows, columns and cell length capped;
XLSX streamed read-only from the sheet open when the file was saved, its
``<dimension>`` ignored; XML through defusedxml). Its cells, all strings, become
a pandas frame (``dtype=str``) indexed by the row a spreadsheet shows (the
header is row 1), checked row by row. An import is checked as a whole and
nothing is taken unless every row is valid; the first 20 problems are listed
and the rest counted.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd

from geo.errors import InvalidInputError
from geo.names import nfc
from geo.population import IMPORTED_SOURCE_DEFAULT
from geo.upload import RowErrors, plain, read_upload_table

__all__ = ["MAX_COMMUNE_POPULATION", "FIRST_UPLOAD_YEAR", "upload_year_range", "read_population_upload"]

_CODE = re.compile(r"^\d{5}$")
_INT = re.compile(r"^\d+$")
_NEGATIVE = re.compile(r"^-\d+(?:[.,]\d+)*$")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)+$")
_UPLOAD_REQUIRED = ("code", "population", "year")
_UPLOAD_OPTIONAL = ("source",)

# Plausible ranges of an imported figure. The most populous commune-level unit counted by the 2019
# census had well under 200,000 people, and the merged communes of 1/7/2025 stay below a million;
# 2,000,000 leaves room for any real unit while refusing typing slips and hostile numbers (10^18).
MAX_COMMUNE_POPULATION: Final[int] = 2_000_000
# From the first census of the reunified country (1/10/1979) to the current year: a count cannot be
# of a year that has not come.
FIRST_UPLOAD_YEAR: Final[int] = 1979


def upload_year_range() -> tuple[int, int]:
    """First and last year an imported figure may carry (the last is the current year)."""
    from datetime import date

    return FIRST_UPLOAD_YEAR, date.today().year


def _excel_code(text: str, *, from_excel: bool) -> str:
    """Excel stores 02641 as the number 2641; restore the zeros only for Excel numbers."""
    if from_excel and text.isdigit() and len(text) < 5:
        return text.zfill(5)
    return text


def _body_frame(body: list[tuple[int, list[str]]], idx: dict[str, int]) -> pd.DataFrame:
    """The data rows as text, one column per header name used, indexed by spreadsheet row number."""
    columns = list(idx)
    cells = [[row[idx[c]] if idx[c] < len(row) else "" for c in columns] for _, row in body]
    return pd.DataFrame(cells, columns=columns, index=[n for n, _ in body], dtype=str)


def read_population_upload(data: bytes, filename: str, *, known_codes: set[str]) -> pd.DataFrame:
    """Validate a user's population file and return its rows.

    The whole file is checked (within the caps of :func:`geo.upload.read_upload_table`);
    the first 20 problems are listed with the row number the user sees in a
    spreadsheet (the header is row 1) and the rest are counted. Nothing is
    returned unless every row is valid. A population above
    :data:`MAX_COMMUNE_POPULATION` or a year outside :func:`upload_year_range`
    is refused as implausible.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name; ``.csv`` (UTF-8, with or without BOM) or ``.xlsx`` (the sheet open
        when the file was saved; its name is in ``attrs["sheet"]`` of the result).
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
        Kinds: unreadable, oversized or hostile file, wrong encoding, missing
        columns, no data rows, malformed or unknown codes, duplicate codes,
        missing, non-numeric, fractional, negative or implausible populations,
        invalid years.
    """
    table = read_upload_table(data, filename)
    from_excel = table.from_excel
    numbered = table.rows  # blank rows already left out, row numbers kept
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
    if len(numbered) == 1:
        raise _failure(filename, [f"File {filename} has no data rows below the header row."])
    body = _body_frame(numbered[1:], idx)

    problems = RowErrors()
    first_seen: dict[str, int] = {}
    records: list[dict[str, object]] = []
    first_year, last_year = upload_year_range()
    for rownum, row in zip(body.index, body.to_dict("records"), strict=True):
        code = _excel_code(row["code"].strip(), from_excel=from_excel)
        pop_text = row["population"].strip()
        year_text = row["year"].strip()
        source = nfc(row["source"].strip()) if "source" in row else ""
        ok = True
        if not code:
            problems.add(f"Row {rownum}: the unit code (column code) is empty.")
            ok = False
        elif not _CODE.match(code):
            problems.add(f"Row {rownum}: code '{plain(code)}' is not a 5-digit commune code.")
            ok = False
        elif code not in known_codes:
            problems.add(f"Row {rownum}: code {code} is not in the list of administrative units.")
            ok = False
        elif code in first_seen:
            problems.add(f"Row {rownum}: code {code} repeats row {first_seen[code]}.")
            ok = False
        else:
            first_seen[code] = rownum
        population = _parse_count(pop_text)
        if isinstance(population, str):
            problems.add(f"Row {rownum}: population {population}.")
            ok = False
        elif population > MAX_COMMUNE_POPULATION:
            problems.add(
                f"Row {rownum}: population {plain(pop_text)} is not plausible for one commune-level unit "
                f"(at most {MAX_COMMUNE_POPULATION:,})."
            )
            ok = False
        year = _parse_count(year_text)
        if isinstance(year, str):
            problems.add(f"Row {rownum}: year {year}.")
            ok = False
        elif not first_year <= year <= last_year:
            problems.add(f"Row {rownum}: year {plain(year_text)} is outside {first_year}–{last_year}.")
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
    if problems.count:
        raise problems.failure(filename)
    out = pd.DataFrame.from_records(records, columns=["code", "population", "year", "source", "origin"])
    out.attrs["sheet"] = table.sheet  # the XLSX sheet read (the one open when saved); None for CSV
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
        # Python ints do not overflow; the length cap keeps int() fast and the value comparable.
        return int(candidate) if len(candidate) <= 18 else 10**18
    if _NEGATIVE.match(candidate):
        return f"'{plain(text)}' is negative"
    if _DECIMAL.match(candidate):
        return f"'{plain(text)}' is not a whole number (write digits only, without thousands separators)"
    return f"'{plain(text)}' is not a number"


def _failure(filename: str, problems: list[str]) -> InvalidInputError:
    errors = RowErrors()
    for problem in problems:
        errors.add(problem)
    return errors.failure(filename)
