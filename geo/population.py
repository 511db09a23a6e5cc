"""Population figures: the curated census table and its merge with a user's import.

The curated table ``data/population.csv`` holds the 1/4/2019 census figures of
the commune-level units of the seed localities, one row per unit of the legacy
(2024) list; where a unit changed since 2019 its ``note`` says how the figure
was carried over. Users may import newer figures (:mod:`geo.population_upload`);
:func:`merge_population` lets them win over the census.

Examples
--------
>>> from geo.io import load_population
>>> pop = load_population()
>>> int(pop.loc[pop["district_code"] == "817", "population"].sum())
125615
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from geo.errors import DataValidationError, InvalidInputError
from geo.names import nfc

__all__ = [
    "POPULATION_COLUMNS",
    "IMPORTED_SOURCE_DEFAULT",
    "population_frame",
    "merge_population",
]

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
YEAR_RANGE = (1900, 2100)


def population_frame(raw: pd.DataFrame, *, name: str) -> pd.DataFrame:
    """Validate the curated population table (read as text by :func:`geo.io.load_population`).

    Parameters
    ----------
    raw
        Every cell a string, with the columns ``code,name,district_code,population,year,source,note``.
    name
        The file name the messages cite.

    Returns
    -------
    pandas.DataFrame
        One row per unit: ``code`` (5-digit str), ``name``, ``district_code``
        (3-digit str), ``population`` (int, persons), ``year`` (int),
        ``source``, ``note`` (str, may be empty) and ``origin`` = ``"census"``.

    Raises
    ------
    DataValidationError
        When a column is missing or a row breaks the schema; the message names
        the file, the row and the field.
    """
    missing = [c for c in POPULATION_COLUMNS if c not in raw.columns]
    if missing:
        raise DataValidationError(f"File {name} is missing the column(s) {', '.join(missing)}.")
    seen: dict[str, int] = {}
    for i, row in enumerate(raw.itertuples(index=False), start=2):
        where = f"File {name}, row {i}"
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
        if not _INT.match(row.year) or not YEAR_RANGE[0] <= int(row.year) <= YEAR_RANGE[1]:
            raise DataValidationError(
                f"{where}, column year: '{row.year}' is not a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}."
            )
        if not row.source.strip():
            raise DataValidationError(f"{where}, column source: the source is empty.")
    out = raw[list(POPULATION_COLUMNS)].copy()
    out["name"] = out["name"].map(nfc)
    out["population"] = out["population"].astype("int64")
    out["year"] = out["year"].astype("int64")
    out["origin"] = "census"
    return out.reset_index(drop=True)


def merge_population(base: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """Combine curated and imported figures; imported rows win.

    Parameters
    ----------
    base
        As returned by :func:`geo.io.load_population`.
    imported
        As returned by :func:`geo.population_upload.read_population_upload` (``code``, ``population``,
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
