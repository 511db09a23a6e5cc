"""Ward ratio, urbanisation, population and standards for the units of 2025.

There is no thị trấn and no district in the two-tier system: the ward ratio is
phường over all commune-level units of a province (or of a set of units), and
the urban population is the phường population. A 2025 unit's population is
the sum of its legacy constituents' figures (2019 census); a legacy unit split
between several new units is apportioned by the share of its polygon's area
that went to each, and such a figure is an estimate.

Standards apply by date to the matching vintage: the legacy units exist up to
30/6/2025, the 2025 units from 1/7/2025.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from geo.codes import check_code
from geo.errors import InvalidInputError, UnknownCodeError
from geo.vintage import LEGACY, V2025, check_vintage

__all__ = [
    "LAST_LEGACY_DAY",
    "FIRST_2025_DAY",
    "Population2025",
    "WardRatio2025",
    "Urbanisation2025",
    "check_date_for_vintage",
    "population_2025",
    "ward_ratio_2025",
    "urbanisation_2025",
    "check_2025",
    "check_legacy",
]

LAST_LEGACY_DAY = date(2025, 6, 30)
FIRST_2025_DAY = date(2025, 7, 1)


@dataclass(frozen=True)
class WardRatio2025:
    """Phường, xã and đặc khu counts and ``ratio`` = phường / all (None for an empty scope)."""

    wards: int
    communes: int
    special_zones: int
    total: int
    ratio: float | None


@dataclass(frozen=True)
class Urbanisation2025:
    """Phường population over all, in persons; ``estimate`` when a split legacy unit was apportioned.

    ``urban_population``, ``total_population`` and ``rate`` are None when a unit lacks a figure
    (``missing`` lists the 2025 codes): a partial sum is never presented as the total.
    """

    urban_population: int | None
    total_population: int | None
    rate: float | None
    estimate: bool
    population_years: tuple[int, ...]
    sources: tuple[str, ...]
    missing: tuple[str, ...]


Population2025 = pd.DataFrame  # code, population, year, source, estimate, missing_legacy


def check_date_for_vintage(vintage: str, as_of: date) -> None:
    """Raise one sentence when ``as_of`` lies outside the life of ``vintage``'s units."""
    vintage = check_vintage(vintage)
    if vintage == LEGACY and as_of > LAST_LEGACY_DAY:
        raise InvalidInputError(
            f"The legacy units ceased to exist on 30/6/2025, so they cannot be checked on {as_of:%d/%m/%Y}; "
            "check the 2025 unit that now holds them."
        )
    if vintage == V2025 and as_of < FIRST_2025_DAY:
        raise InvalidInputError(
            f"The 2025 units exist from 1/7/2025, so they cannot be checked on {as_of:%d/%m/%Y}; "
            "check their legacy constituents."
        )


def population_2025(crosswalk: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Population of every 2025 unit from its legacy constituents.

    Parameters
    ----------
    crosswalk
        :func:`geo.io.load_crosswalk_2025`.
    population
        Legacy figures: ``code``, ``population``, ``year``, ``source``.

    Returns
    -------
    pandas.DataFrame
        One row per 2025 unit: ``code``, ``population`` (persons, rounded; None when a
        constituent lacks a figure or a split share is unknown), ``estimate`` (a split unit was
        apportioned by area), ``year``, ``source``, ``missing_legacy`` (legacy codes without a figure).
    """
    pop = population.set_index("code")
    rows = []
    for new_code, links in crosswalk.groupby("new_code", sort=True):
        total = 0.0
        estimate = False
        missing: list[str] = []
        years: set[int] = set()
        sources: set[str] = set()
        for link in links.itertuples():
            code = link.legacy_code
            if pd.isna(code) or code not in pop.index or pd.isna(link.share):
                missing.append(str(code) if not pd.isna(code) else str(link.legacy_district_code))
                continue
            total += float(pop.at[code, "population"]) * float(link.share)
            estimate = estimate or link.relation == "part"
            years.add(int(pop.at[code, "year"]))
            sources.add(str(pop.at[code, "source"]))
        rows.append(
            {
                "code": new_code,
                "population": None if missing else int(round(total)),
                "estimate": estimate,
                "year": min(years) if len(years) == 1 else None,
                "source": "; ".join(sorted(sources)),
                "missing_legacy": tuple(sorted(missing)),
            }
        )
    return pd.DataFrame(rows)


def _scope(units_2025: pd.DataFrame, province_code: str | None, codes: Iterable[str] | None) -> pd.DataFrame:
    if (province_code is None) == (codes is None):
        raise InvalidInputError("Give exactly one scope of 2025 units: province_code or codes.")
    if province_code is not None:
        code = check_code(province_code, level="province")
        scope = units_2025[units_2025["province_code"] == code]
        if scope.empty:
            raise UnknownCodeError(f"No province has the code {code} in the 2025 list (34 provinces).")
        return scope
    wanted = [check_code(c, level="commune") for c in ([codes] if isinstance(codes, str) else list(codes or []))]
    unknown = sorted(set(wanted) - set(units_2025["code"]))
    if unknown:
        raise UnknownCodeError(f"No commune-level unit has the code {unknown[0]} in the 2025 list.")
    return units_2025[units_2025["code"].isin(wanted)]


def ward_ratio_2025(
    units_2025: pd.DataFrame, *, province_code: str | None = None, codes: Iterable[str] | None = None
) -> WardRatio2025:
    """Phường share of a 2025 province (or set of units); Đồng Tháp (82) has 20 phường of 102."""
    types = _scope(units_2025, province_code, codes)["unit_type"]
    total = len(types)
    wards = int((types == "phường").sum())
    return WardRatio2025(
        wards, int((types == "xã").sum()), int((types == "đặc khu").sum()), total, wards / total if total else None
    )


def urbanisation_2025(
    units_2025: pd.DataFrame,
    population: pd.DataFrame,
    *,
    province_code: str | None = None,
    codes: Iterable[str] | None = None,
) -> Urbanisation2025:
    """Phường population over all of a scope, from :func:`population_2025`."""
    scope = _scope(units_2025, province_code, codes)
    pop = population.set_index("code").reindex(scope["code"])
    missing = tuple(sorted(pop.index[pop["population"].isna()]))
    years = tuple(sorted({int(y) for y in pop["year"].dropna()}))
    sources = tuple(sorted({s for text in pop["source"].dropna() for s in str(text).split("; ") if s}))
    estimate = bool(pop["estimate"].fillna(False).any())
    if missing:
        return Urbanisation2025(None, None, None, estimate, years, sources, missing)
    values = pop["population"].astype(int)
    urban = int(values[(scope.set_index("code")["unit_type"] == "phường").reindex(values.index)].sum())
    total = int(values.sum())
    return Urbanisation2025(urban, total, urban / total if total else None, estimate, years, sources, ())


def check_2025(
    code: str,
    target_type: str,
    as_of: date,
    *,
    units_2025: pd.DataFrame,
    population: pd.DataFrame,
    standards: Any,
    conditions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """:func:`geo.standards.check` for a 2025 unit against a standard of the 2025 system (e.g. ``phuong_2025``).

    Raises one sentence for a date before 1/7/2025, a standard of the legacy system or an unknown code.
    ``population`` is :func:`population_2025`; an estimated figure says so in the ``source`` column.
    """
    from geo.standards import check

    check_date_for_vintage(V2025, as_of)
    kind = standards.target_types.get(target_type)
    if kind is not None and str(kind.get("system")) != V2025:
        raise InvalidInputError(
            f"'{kind['label_vi']}' is a standard of the legacy system; a 2025 unit is checked against the "
            "standards of the two-tier system."
        )
    code = check_code(code, level="commune")
    if code not in set(units_2025["code"]):
        raise UnknownCodeError(f"No commune-level unit has the code {code} in the 2025 list.")
    # The legacy checker counts phường / xã / thị trấn; a đặc khu counts as neither phường nor thị trấn.
    shaped = pd.DataFrame(
        {
            "code": units_2025["code"],
            "unit_type": units_2025["unit_type"].replace({"đặc khu": "xã"}),
            "district_code": units_2025["province_code"] + "0",
            "province_code": units_2025["province_code"],
            # The polygon area, as the checker's source label says (the official area is in official_km2).
            "area_km2": units_2025["area_km2"],
        }
    )
    pop = population.dropna(subset=["population"]).copy()
    pop["population"] = pop["population"].astype(int)
    pop["year"] = pop["year"].fillna(2019).astype(int)
    pop["source"] = [s + ("; ước tính theo diện tích" if e else "") for s, e in zip(pop["source"], pop["estimate"])]
    return check(code, target_type, as_of, units=shaped, population=pop, standards=standards, conditions=conditions)


def check_legacy(code: str, target_type: str, as_of: date, **kwargs: Any) -> pd.DataFrame:
    """:func:`geo.standards.check` for a legacy unit, refused with one sentence after 30/6/2025."""
    from geo.standards import check

    check_date_for_vintage(LEGACY, as_of)
    return check(code, target_type, as_of, **kwargs)
