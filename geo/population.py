"""Population figures: the curated census table, user imports and their merge.

The curated table ``data/population.csv`` holds the 1/4/2019 census figures of
the commune-level units of the seed localities, one row per unit of the legacy
(2024) list; where a unit changed since 2019 its ``note`` says how the figure
was carried over. Users may import newer figures (CSV or Excel); an import is
checked as a whole and nothing is taken unless every row is valid.

Examples
--------
>>> pop = load_population()
>>> int(pop.loc[pop["district_code"] == "817", "population"].sum())
125615
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import pandas as pd

from geo.config import DATA_DIR
from geo.errors import DataValidationError, InvalidInputError
from geo.names import nfc
from geo.upload import MAX_ROW_ERRORS, RowErrors, plain, read_upload_table

__all__ = [
    "POPULATION_CSV",
    "POPULATION_COLUMNS",
    "IMPORTED_SOURCE_DEFAULT",
    "load_population",
    "read_population_upload",
    "merge_population",
    "MAX_COMMUNE_POPULATION",
    "upload_year_range",
]

POPULATION_CSV: Path = DATA_DIR / "population.csv"
POPULATION_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "district_code",
    "population",
    "year",
    "source",
    "note",
)
IMPORTED_SOURCE_DEFAULT = "Nhập bởi người dùng"

_CODE = re.compile(r"^\d{5}$")
_DISTRICT = re.compile(r"^\d{3}$")
_INT = re.compile(r"^\d+$")
_NEGATIVE = re.compile(r"^-\d+(?:[.,]\d+)*$")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)+$")
_YEAR_RANGE = (1900, 2100)
_UPLOAD_REQUIRED = ("code", "population", "year")
_UPLOAD_OPTIONAL = ("source",)
_MAX_LISTED = MAX_ROW_ERRORS  # the problems list is capped so a wrong file does not flood the page

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


def load_population(path: Path | str = POPULATION_CSV) -> pd.DataFrame:
    """Read the curated population table.

    Parameters
    ----------
    path
        CSV with the columns ``code,name,district_code,population,year,source,note``
        (UTF-8).

    Returns
    -------
    pandas.DataFrame
        One row per unit: ``code`` (5-digit str), ``name``, ``district_code``
        (3-digit str), ``population`` (int, persons), ``year`` (int),
        ``source``, ``note`` (str, may be empty) and ``origin`` = ``"census"``.

    Raises
    ------
    DataValidationError
        When the file is missing, lacks a column or a row breaks the schema;
        the message names the file, the row and the field.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataValidationError(f"The population file {path} was not found.") from exc
    except UnicodeDecodeError as exc:
        raise DataValidationError(f"The population file {path} is not UTF-8 text.") from exc
    missing = [c for c in POPULATION_COLUMNS if c not in raw.columns]
    if missing:
        raise DataValidationError(f"File {path.name} is missing the column(s) {', '.join(missing)}.")
    seen: dict[str, int] = {}
    for i, row in enumerate(raw.itertuples(index=False), start=2):
        where = f"File {path.name}, row {i}"
        if not _CODE.match(row.code):
            raise DataValidationError(f"{where}, column code: '{row.code}' is not a 5-digit commune code.")
        if row.code in seen:
            raise DataValidationError(f"{where}, column code: code {row.code} already appears in row {seen[row.code]}.")
        seen[row.code] = i
        if not _DISTRICT.match(row.district_code):
            raise DataValidationError(
                f"{where}, column district_code: '{row.district_code}' is not a 3-digit district code."
            )
        if not _INT.match(row.population):
            raise DataValidationError(f"{where}, column population: '{row.population}' is not a non-negative integer.")
        if not _INT.match(row.year) or not _YEAR_RANGE[0] <= int(row.year) <= _YEAR_RANGE[1]:
            raise DataValidationError(
                f"{where}, column year: '{row.year}' is not a year from {_YEAR_RANGE[0]} to {_YEAR_RANGE[1]}."
            )
        if not row.source.strip():
            raise DataValidationError(f"{where}, column source: the source is empty.")
    out = raw[list(POPULATION_COLUMNS)].copy()
    out["name"] = out["name"].map(nfc)
    out["population"] = out["population"].astype("int64")
    out["year"] = out["year"].astype("int64")
    out["origin"] = "census"
    return out.reset_index(drop=True)


def _excel_code(text: str, *, from_excel: bool) -> str:
    """Excel stores 02641 as the number 2641; restore the zeros only for Excel numbers."""
    if from_excel and text.isdigit() and len(text) < 5:
        return text.zfill(5)
    return text


def read_population_upload(data: bytes, filename: str, *, known_codes: set[str]) -> pd.DataFrame:
    """Validate a user's population file and return its rows.

    The whole file is checked (read by :func:`geo.upload.read_upload_table`,
    within its caps); the first 20 problems are listed with the row number the
    user sees in a spreadsheet (the header is row 1) and the rest are counted.
    Nothing is returned unless every row is valid. A population above
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
        Kinds: unreadable file or encoding, missing columns, no data rows,
        malformed or unknown codes, duplicate codes, missing, non-numeric,
        fractional or negative populations, invalid years.
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
    body = numbered[1:]
    if not body:
        raise _failure(filename, [f"File {filename} has no data rows below the header row."])

    problems = RowErrors()
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
            problems.add(f"Row {rownum}: the unit code (column code) is empty.")
            ok = False
        elif not _CODE.match(code):
            problems.add(f"Row {rownum}: code '{code}' is not a 5-digit commune code.")
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
        first_year, last_year = upload_year_range()
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
    n = len(problems)
    shown = problems[:_MAX_LISTED]
    if n > _MAX_LISTED:
        shown.append(f"… and {n - _MAX_LISTED} more problems.")
    err = InvalidInputError(f"File {filename} has {n} problem{'' if n == 1 else 's'}; no row was imported.")
    err.problems = shown  # type: ignore[attr-defined]
    return err


def merge_population(base: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """Combine curated and imported figures; imported rows win.

    Parameters
    ----------
    base
        As returned by :func:`load_population`.
    imported
        As returned by :func:`read_population_upload` (``code``, ``population``,
        ``year``, optional ``source``).

    Returns
    -------
    pandas.DataFrame
        One row per code, sorted by code, with the columns of ``base``. Imported
        rows carry ``origin="imported"``, their own year and source ("Nhập bởi
        người dùng" when none was given) and take ``name``/``district_code``
        from ``base`` when the code is there; other rows keep their origin.
    """
    for frame, label in ((base, "base"), (imported, "imported")):
        for col in ("code", "population", "year"):
            if col not in frame.columns:
                raise InvalidInputError(f"The population table '{label}' is missing the column {col}.")
    imp = imported.copy()
    if "source" not in imp.columns:
        imp["source"] = IMPORTED_SOURCE_DEFAULT
    imp["source"] = imp["source"].fillna("").astype(str).str.strip()
    imp.loc[imp["source"] == "", "source"] = IMPORTED_SOURCE_DEFAULT
    imp["origin"] = "imported"
    imp["note"] = ""
    lookup = base.set_index("code")
    for col in ("name", "district_code"):
        if col in base.columns:
            imp[col] = imp["code"].map(lookup[col])
    kept = base[~base["code"].isin(set(imp["code"]))].copy()
    if "origin" not in kept.columns:
        kept["origin"] = "census"
    columns = _ordered_union(base.columns, ["origin"])
    merged = pd.concat([kept.reindex(columns=columns), imp.reindex(columns=columns)], ignore_index=True)
    merged["population"] = merged["population"].astype("int64")
    merged["year"] = merged["year"].astype("int64")
    return merged.sort_values("code", kind="stable").reset_index(drop=True)


def _ordered_union(first: Iterable[str], extra: Iterable[str]) -> list[str]:
    out = list(first)
    for col in extra:
        if col not in out:
            out.append(col)
    return out
