"""Localities of the 2025 vintage: what the picker offers and what ``?vintage=2025&…`` means.

* ``province=82``: a province of the 2025 list (34);
* ``commune=28439``: one 2025 unit (the code is read in the 2025 list);
* ``legacy_district=817`` (or ``legacy_province=84``): a seed locality of the resolutions,
  shown as the 2025 units that now hold its legacy units (the code is read in the legacy list).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.codes import check_code
from geo.errors import InvalidInputError, UnknownCodeError
from geo.localities import SEED_LOCALITIES, Locality, LocalityLevel
from geo.text import localised
from geo.vintage.crosswalk import units_holding

__all__ = [
    "Locality2025",
    "COUNTRY_2025",
    "seed_in_2025",
    "localities_2025",
    "locality_2025_from_params",
    "fate",
]

PARAMS_2025 = ("country", "province", "commune", "legacy_district", "legacy_province")


@dataclass(frozen=True)
class Locality2025:
    """A set of 2025 units: the country, a province, one unit, or the holders of a legacy seed locality."""

    kind: str  # "country", "province", "commune" or "seed"
    codes: tuple[str, ...]  # 2025 unit codes, in code order
    name_vi: str
    name_en: str
    legacy: Locality | None = None  # the seed locality (legacy vintage) for kind "seed"
    province_code: str | None = None

    @property
    def key(self) -> str:
        """Stable identifier, with the vintage: ``2025:province=82``."""
        return "2025:" + "&".join(f"{k}={v}" for k, v in self.query_params().items() if k != "vintage")

    def query_params(self) -> dict[str, str]:
        """The URL parameters that reopen this locality (the vintage included)."""
        if self.kind == "seed" and self.legacy is not None:
            return {"vintage": "2025", f"legacy_{self.legacy.level}": ",".join(self.legacy.codes)}
        if self.kind == "country":
            return {"vintage": "2025", "country": "VN"}
        if self.kind == "province":
            return {"vintage": "2025", "province": str(self.province_code)}
        return {"vintage": "2025", "commune": self.codes[0]}

    def name(self, lang: str) -> str:
        return localised(self, "name", lang)


# The whole country: the national view draws every unit from its own file, so it names no codes.
COUNTRY_2025 = Locality2025("country", (), "Cả nước", "Whole country")


def _legacy_codes(legacy_units: pd.DataFrame, locality: Locality) -> list[str]:
    column = f"{locality.level}_code"
    return sorted(legacy_units.loc[legacy_units[column].isin(locality.codes), "code"].dropna())


def seed_in_2025(locality: Locality, *, legacy_units: pd.DataFrame, crosswalk: pd.DataFrame) -> Locality2025:
    """The 2025 units holding the legacy units of ``locality``."""
    holders = tuple(units_holding(_legacy_codes(legacy_units, locality), crosswalk))
    return Locality2025(
        "seed",
        holders,
        f"{locality.name_vi} — đơn vị từ 1/7/2025",
        f"{locality.name_en} — units from 1/7/2025",
        legacy=locality,
    )


def localities_2025(
    units_2025: pd.DataFrame, *, legacy_units: pd.DataFrame, crosswalk: pd.DataFrame
) -> list[Locality2025]:
    """The seed localities in 2025, the whole country, then the 34 provinces (by code)."""
    out = [seed_in_2025(s, legacy_units=legacy_units, crosswalk=crosswalk) for s in SEED_LOCALITIES]
    out.append(COUNTRY_2025)
    for province in units_2025.drop_duplicates("province_code").sort_values("province_code").itertuples():
        codes = tuple(sorted(units_2025.loc[units_2025["province_code"] == province.province_code, "code"]))
        out.append(
            Locality2025(
                "province", codes, province.province_name, province.province_name, province_code=province.province_code
            )
        )
    return out


def locality_2025_from_params(
    params: dict[str, str], units_2025: pd.DataFrame, *, legacy_units: pd.DataFrame, crosswalk: pd.DataFrame
) -> Locality2025 | None:
    """The 2025 locality a URL names, or None when it names none.

    Raises
    ------
    InvalidInputError
        A malformed code, or several localities at once.
    UnknownCodeError
        A code that is not in the list of its vintage.
    """
    given = {k: str(v).strip() for k, v in params.items() if k in PARAMS_2025 and v and str(v).strip()}
    if not given:
        return None
    if len(given) > 1:
        raise InvalidInputError(
            "A link names one locality: country, province, commune, legacy_district or legacy_province."
        )
    ((name, raw),) = given.items()
    if name == "country":
        if raw.upper() != "VN":
            raise InvalidInputError(f"The only country this map knows is VN, not {raw!r}.")
        return COUNTRY_2025
    if name == "province":
        code = check_code(raw, level="province")
        if code not in set(units_2025["province_code"]):
            raise UnknownCodeError(f"No province has the code {code} in the 2025 list (34 provinces).")
        return next(
            loc
            for loc in localities_2025(units_2025, legacy_units=legacy_units, crosswalk=crosswalk)
            if loc.kind == "province" and loc.province_code == code
        )
    if name == "commune":
        code = check_code(raw, level="commune")
        hit = units_2025[units_2025["code"] == code]
        if hit.empty:
            raise UnknownCodeError(f"No commune-level unit has the code {code} in the 2025 list.")
        row = hit.iloc[0]
        label = f"{row['name']} ({row['province_name']})"
        return Locality2025("commune", (code,), label, label, province_code=row["province_code"])
    level: LocalityLevel = "district" if name == "legacy_district" else "province"
    codes = tuple(check_code(c, level=level) for c in raw.split(",") if c.strip())
    column = f"{level}_code"
    for code in codes:
        if code not in set(legacy_units[column]):
            what = "district-level unit" if level == "district" else "province"
            raise UnknownCodeError(f"No {what} has the code {code} in the legacy (2024) list.")
    seed = next((s for s in SEED_LOCALITIES if s.level == level and s.codes == codes), None)
    if seed is None:
        label = ", ".join(legacy_units.loc[legacy_units[column].isin(codes), f"{level}_name"].drop_duplicates())
        seed = Locality(level, codes, label, label)
    return seed_in_2025(seed, legacy_units=legacy_units, crosswalk=crosswalk)


def fate(
    locality: Locality2025,
    *,
    legacy_units: pd.DataFrame,
    units_2025: pd.DataFrame,
    crosswalk: pd.DataFrame,
    resolutions: pd.DataFrame,
) -> dict[str, object]:
    """What became of a seed locality: the figures a sentence needs (text lives in geo.text).

    ``resolutions`` is :func:`geo.io.load_resolutions_2025`.

    Returns
    -------
    dict
        ``legacy_units`` (count), ``units`` (2025 names, in code order), ``provinces`` (2025 names),
        ``resolution`` (commune-level resolution(s)), ``province_resolution``, ``source``;
        ``resolution`` is '' when the file names none for that province.
    """
    if locality.legacy is None:
        raise InvalidInputError("Only a seed locality has a legacy past to describe.")
    legacy = _legacy_codes(legacy_units, locality.legacy)
    held = units_2025[units_2025["code"].isin(locality.codes)].sort_values("code")
    provinces = sorted(held["province_code"].unique())
    rows = resolutions[resolutions["province_code_2025"].isin(provinces)]
    return {
        "legacy_units": len(legacy),
        "units": held["name"].tolist(),
        "provinces": held.drop_duplicates("province_code")["province_name"].tolist(),
        "resolution": ", ".join(rows["commune_resolution"]),
        "province_resolution": ", ".join(sorted(set(rows["province_resolution"]))),
        "source": "; ".join(rows["source"]),
    }
