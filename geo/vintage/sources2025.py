"""Readers for the 2025 list and the legacy → 2025 conversion tables of ``vietnamadminunits``.

This module touches files (the package's SQLite file and ``converter_2025.json``);
everything it returns is plain DataFrames in NFC text with string codes.

The conversion table speaks in folded keys, not codes: a legacy unit is
``provinceKey_districtKey_wardKey`` of the legacy list, a new unit is
``wardKey`` inside its new province (``provinceKey`` of the 2025 list). Both
are unique in their lists, so the keys are translated to codes here once.
For a split legacy unit each piece names the new unit it went to with that new
unit's centre (``newWardLat``/``newWardLon``) and official area
(``newWardAreaKm2``), and which piece the package takes by default.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from geo.errors import DataValidationError
from geo.names import nfc

__all__ = [
    "UNIT_TYPES_2025",
    "converter_path",
    "read_units_2025",
    "read_legacy_keys",
    "read_conversion",
]

UNIT_TYPES_2025: dict[str, str] = {"Phường": "phường", "Xã": "xã", "Đặc khu": "đặc khu"}


def _type_of_name(name: str) -> str | None:
    clean = nfc(name)
    for prefix, unit_type in UNIT_TYPES_2025.items():
        if clean.startswith(prefix + " "):
            return unit_type
    return None


def converter_path() -> Path:
    """Path of ``converter_2025.json`` inside the installed ``vietnamadminunits``."""
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"


def read_units_2025() -> pd.DataFrame:
    """The 3,321 commune-level units in force from 1 July 2025 (``admin_units`` table).

    Returns
    -------
    pandas.DataFrame
        ``code`` (5-digit str), ``name``, ``unit_type`` (phường / xã / đặc khu, from the name),
        ``listed_type`` (the table's ``wardType``),
        ``province_code``, ``province_name``, ``official_km2`` (``wardAreaKm2``),
        ``lat``, ``lon`` (the package's centre, EPSG:4326), ``province_key``, ``ward_key``.
    """
    from vietnamadminunits.database import query

    records = query(
        "SELECT provinceCode, province, wardCode, ward, wardType, wardAreaKm2, wardLat, wardLon, "
        "provinceKey, wardKey FROM admin_units"
    )
    frame = pd.DataFrame.from_records(records)
    out = pd.DataFrame(
        {
            "code": frame["wardCode"],
            "name": frame["ward"].map(nfc),
            # The name carries the type the resolutions gave; wardType disagrees for 4 units
            # (listed_type keeps it for the build report).
            "unit_type": frame["ward"].map(_type_of_name),
            "listed_type": frame["wardType"].map(UNIT_TYPES_2025),
            "province_code": frame["provinceCode"],
            "province_name": frame["province"].map(nfc),
            "official_km2": frame["wardAreaKm2"].astype(float),
            "lat": frame["wardLat"].astype(float),
            "lon": frame["wardLon"].astype(float),
            "province_key": frame["provinceKey"],
            "ward_key": frame["wardKey"],
        }
    )
    if out["unit_type"].isna().any():
        bad = frame.loc[out["unit_type"].isna(), "ward"].iloc[0]
        raise DataValidationError(f"admin_units: the name '{bad}' does not begin with Phường, Xã or Đặc khu.")
    return out.sort_values(["province_code", "code"]).reset_index(drop=True)


def read_legacy_keys() -> pd.DataFrame:
    """Legacy conversion keys with their codes: ``key``, ``code`` (None for the island districts), ``district_code``."""
    from vietnamadminunits.database import query

    frame = pd.DataFrame.from_records(
        query(
            "SELECT provinceKey, districtKey, wardKey, wardCode, districtCode, district, province "
            "FROM admin_units_legacy"
        )
    )
    key = frame["provinceKey"] + "_" + frame["districtKey"] + "_" + frame["wardKey"].fillna("")
    return pd.DataFrame(
        {
            "key": key,
            "code": frame["wardCode"],
            "district_code": frame["districtCode"],
            "district_name": frame["district"].map(nfc),
            "province_name": frame["province"].map(nfc),
        }
    )


def read_conversion(
    units_2025: pd.DataFrame, legacy_keys: pd.DataFrame, *, path: Path | None = None
) -> dict[str, pd.DataFrame]:
    """The conversion tables, translated from keys to codes.

    Returns
    -------
    dict
        ``whole``: ``new_code``, ``legacy_key``, ``legacy_code``, ``legacy_district_code``
        (legacy units merged whole into a new unit; ``legacy_code`` None for an island
        district without communes). ``pieces``: ``legacy_key``, ``legacy_code``,
        ``legacy_district_code``, ``new_code``, ``is_default``, ``seed_lat``, ``seed_lon``
        (the new unit's centre as the table gives it), ``new_area_km2``.
    """
    raw = json.loads((path or converter_path()).read_text(encoding="utf-8"))
    new_by_key = {(p, w): c for p, w, c in units_2025[["province_key", "ward_key", "code"]].itertuples(index=False)}
    legacy_by_key = legacy_keys.set_index("key")
    whole_rows: list[dict[str, object]] = []
    for province_key, wards in raw["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            new_code = new_by_key.get((province_key, ward_key))
            if new_code is None:
                raise DataValidationError(
                    f"converter_2025.json: new unit '{province_key}/{ward_key}' is not in admin_units."
                )
            for old in olds:
                if old not in legacy_by_key.index:
                    raise DataValidationError(f"converter_2025.json: legacy unit '{old}' is not in admin_units_legacy.")
                rec = legacy_by_key.loc[old]
                whole_rows.append(
                    {
                        "new_code": new_code,
                        "legacy_key": old,
                        "legacy_code": rec["code"],
                        "legacy_district_code": rec["district_code"],
                        "legacy_district_name": rec["district_name"],
                        "legacy_province_name": rec["province_name"],
                    }
                )
    piece_rows: list[dict[str, object]] = []
    for province_key, olds in raw["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, pieces in olds.items():
            if old not in legacy_by_key.index:
                raise DataValidationError(f"converter_2025.json: legacy unit '{old}' is not in admin_units_legacy.")
            rec = legacy_by_key.loc[old]
            for piece in pieces:
                new_code = new_by_key.get((province_key, piece["newWardKey"]))
                if new_code is None:
                    raise DataValidationError(
                        f"converter_2025.json: new unit '{province_key}/{piece['newWardKey']}' is not in admin_units."
                    )
                piece_rows.append(
                    {
                        "legacy_key": old,
                        "legacy_code": rec["code"],
                        "legacy_district_code": rec["district_code"],
                        "new_code": new_code,
                        "is_default": bool(piece["isDefaultNewWard"]),
                        "seed_lat": float(piece["newWardLat"]),
                        "seed_lon": float(piece["newWardLon"]),
                        "new_area_km2": float(piece["newWardAreaKm2"]),
                    }
                )
    return {"whole": pd.DataFrame(whole_rows), "pieces": pd.DataFrame(piece_rows)}
