"""The crosswalk both ways: what a legacy unit became, and what a 2025 unit is made of.

Each function takes the frames it needs (load them with :func:`geo.io.load_units_2025`,
:func:`geo.io.load_crosswalk_2025` and :func:`geo.io.load_units`) and returns plain dicts ready for JSON;
every code in them travels with its vintage.
"""

from __future__ import annotations

import pandas as pd

from geo.codes import check_code
from geo.errors import UnknownCodeError
from geo.vintage import LEGACY, V2025

__all__ = ["find_unit_2025", "legacy_unit", "legacy_to_2025", "constituents_of", "units_holding"]

_LEGACY_FIELDS = ("code", "name", "unit_type", "district_code", "district_name", "province_code", "province_name")
_FIELDS_2025 = ("code", "name", "unit_type", "province_code", "province_name")


def _record(row: pd.Series, fields: tuple[str, ...], vintage: str) -> dict[str, object]:
    return {"vintage": vintage, **{f: (None if pd.isna(row[f]) else row[f]) for f in fields}}


def _not_in(code: str, vintage: str, *, elsewhere: bool) -> UnknownCodeError:
    other = "2025" if vintage == LEGACY else "legacy"
    label = "legacy (2024)" if vintage == LEGACY else "2025"
    hint = f" It is a code of the {other} list: ask with vintage '{other}'." if elsewhere else ""
    return UnknownCodeError(f"No commune-level unit has the code {code} in the {label} list.{hint}")


def find_unit_2025(code: object, units_2025: pd.DataFrame, aliases: pd.DataFrame) -> tuple[pd.Series, str | None]:
    """The 2025 unit of ``code``, or of the same unit's code in the second list.

    Returns
    -------
    (row, alias_of)
        ``alias_of`` is None for a code of the app's list, else the second list's code that was given.

    Raises
    ------
    InvalidInputError
        A malformed code. UnknownCodeError: a code in neither list.
    """
    text = check_code(code, level="commune")
    hit = units_2025[units_2025["code"] == text]
    if not hit.empty:
        return hit.iloc[0], None
    alias = aliases[aliases["other_code"] == text]
    if not alias.empty:
        return units_2025[units_2025["code"] == alias.iloc[0]["code"]].iloc[0], text
    raise _not_in(text, V2025, elsewhere=False)


def legacy_unit(code: object, legacy_units: pd.DataFrame) -> pd.Series:
    """The legacy unit of ``code`` (malformed or unknown codes raise one sentence)."""
    text = check_code(code, level="commune")
    hit = legacy_units[legacy_units["code"] == text]
    if hit.empty:
        raise _not_in(text, LEGACY, elsewhere=False)
    return hit.iloc[0]


def legacy_to_2025(
    code: object, *, legacy_units: pd.DataFrame, units_2025: pd.DataFrame, crosswalk: pd.DataFrame
) -> dict[str, object]:
    """The legacy unit ``code`` and the 2025 unit(s) it went into.

    Returns
    -------
    dict
        ``unit`` (legacy record) and ``became``: one record per 2025 unit with ``relation``
        ('whole' or 'part'), ``share`` (of the legacy polygon's area; None when it has no
        polygon), ``is_default`` (the piece the conversion table takes by default) and ``note``.
    """
    row = legacy_unit(code, legacy_units)
    rows = crosswalk[crosswalk["legacy_code"] == row["code"]]
    new = units_2025.set_index("code")
    became = []
    for link in rows.sort_values(["share", "new_code"], ascending=[False, True]).itertuples():
        unit = new.loc[link.new_code]
        became.append(
            {
                "vintage": V2025,
                "code": link.new_code,
                **{f: unit[f] for f in _FIELDS_2025[1:]},
                "relation": link.relation,
                "share": None if pd.isna(link.share) else float(link.share),
                "is_default": bool(link.is_default),
                "note": link.note,
            }
        )
    return {"unit": _record(row, _LEGACY_FIELDS, LEGACY), "became": became}


def constituents_of(
    code: object,
    *,
    legacy_units: pd.DataFrame,
    units_2025: pd.DataFrame,
    crosswalk: pd.DataFrame,
    aliases: pd.DataFrame,
) -> dict[str, object]:
    """The 2025 unit ``code`` and its legacy constituents, each with its legacy district and province.

    Returns
    -------
    dict
        ``unit`` (2025 record with ``approximate_boundary`` and, when the code given was the
        second list's, ``alias_of``) and ``constituents``: legacy records with ``relation`` and ``share``.
    """
    row, alias_of = find_unit_2025(code, units_2025, aliases)
    unit = _record(row, _FIELDS_2025, V2025)
    unit["official_km2"] = float(row["official_km2"])
    unit["approximate_boundary"] = bool(row["approximate_boundary"])
    unit["approximate_reason"] = row["approximate_reason"]
    other = aliases[aliases["code"] == row["code"]]
    unit["code_in_vietnam_provinces"] = other.iloc[0]["other_code"] if not other.empty else row["code"]
    if alias_of:
        unit["alias_of"] = alias_of
    legacy = legacy_units.set_index("code")
    out = []
    links = crosswalk[crosswalk["new_code"] == row["code"]]
    for link in links.sort_values(["relation", "legacy_code"], ascending=[False, True]).itertuples():
        if pd.isna(link.legacy_code):  # an island district without communes (e.g. huyện Côn Đảo)
            out.append(
                {
                    "vintage": LEGACY,
                    "code": None,
                    "name": link.legacy_district_name,
                    "unit_type": None,
                    "district_code": link.legacy_district_code,
                    "district_name": link.legacy_district_name,
                    "province_code": row["province_code"],
                    "province_name": link.legacy_province_name,
                    "relation": link.relation,
                    "share": 1.0,
                }
            )
            continue
        old = legacy.loc[link.legacy_code]
        out.append(
            {
                "vintage": LEGACY,
                "code": link.legacy_code,
                **{f: old[f] for f in _LEGACY_FIELDS[1:]},
                "relation": link.relation,
                "share": None if pd.isna(link.share) else float(link.share),
            }
        )
    return {"unit": unit, "constituents": out}


def units_holding(legacy_codes: list[str], crosswalk: pd.DataFrame) -> list[str]:
    """The 2025 codes that hold any part of the given legacy units, in code order."""
    rows = crosswalk[crosswalk["legacy_code"].isin(legacy_codes) & ((crosswalk["share"].fillna(1.0)) > 0)]
    return sorted(set(rows["new_code"]))
