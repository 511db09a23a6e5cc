"""The ``ratio`` and ``urbanisation`` commands' output: plain dicts the command line prints as JSON or pairs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from geo.metrics import urbanisation, ward_ratio
from geo.ratio_standards import binding, ratio_checks
from geo.scenario import LEGACY_AS_OF, check_threshold, upgrades_needed
from geo.standards import Standards

__all__ = ["ratio_report", "urbanisation_report", "USER_THRESHOLD"]

# How the report cites a threshold typed on the command line instead of a legal one.
USER_THRESHOLD = "ngưỡng do người dùng nhập"


def ratio_report(
    district_code: str,
    *,
    units: pd.DataFrame,
    standards: Standards,
    upgrade: Sequence[str] = (),
    threshold: float | None = None,
    as_of: date = LEGACY_AS_OF,
) -> dict[str, object]:
    """Ward ratio of a district as the CLI prints it.

    Returns
    -------
    dict
        ``district_code``, ``district_name``, ``wards``, ``communes``,
        ``townships``, ``total``, ``ratio`` (0–1 or None), ``upgraded`` (list of
        codes), ``threshold`` (0–1 or None), ``standard`` (citation or None;
        :data:`USER_THRESHOLD` for an override), ``meets`` (bool or None),
        ``upgrades_needed`` (int or None; counted after the scenario's upgrades)
        and ``checks``: every ward-ratio standard of the district's own type
        and of the next type up, each judged (see
        :func:`geo.ratio_standards.ratio_checks`). The default threshold is the
        verified standard of the next type in force on ``as_of``, else that of
        the district's own type.
    """
    wr = ward_ratio(units, district_code=district_code, upgrade=upgrade)
    row = units.loc[units["district_code"] == district_code].iloc[0]
    standard: str | None
    thr: float | None
    checks = ratio_checks(str(row.get("district_type", "")), wr.wards, wr.total, standards=standards, as_of=as_of)
    if threshold is not None:
        thr = check_threshold(threshold)
        standard = USER_THRESHOLD
    else:
        # The next type's verified rule when there is one, else the unit's own type's (a thành phố is
        # still bound by 65 %).
        chosen = binding(checks)
        thr = float(chosen["threshold"]) if chosen else None  # type: ignore[arg-type]
        standard = str(chosen["standard"]) if chosen else None
    meets = needed = None
    if thr is not None and wr.ratio is not None:
        needed = upgrades_needed(thr, wards=wr.wards, total=wr.total)
        meets = needed == 0
    return {
        "district_code": district_code,
        "district_name": str(row.get("district_name", "")),
        "wards": wr.wards,
        "communes": wr.communes,
        "townships": wr.townships,
        "total": wr.total,
        "ratio": wr.ratio,
        "upgraded": list(wr.upgraded),
        "threshold": thr,
        "standard": standard,
        "meets": meets,
        "upgrades_needed": needed,
        "checks": checks,
    }


def urbanisation_report(
    district_code: str | None = None,
    *,
    province_code: str | None = None,
    units: pd.DataFrame,
    population: pd.DataFrame,
    upgrade: Sequence[str] = (),
) -> dict[str, object]:
    """Urban-population share as the CLI prints it.

    Returns
    -------
    dict
        ``urban_population``, ``total_population`` (persons or None),
        ``rate`` (0–1 or None), ``population_year`` (int, a list when years are
        mixed, or None), ``source`` (str or None), ``missing`` (list of codes).
    """
    urb = urbanisation(units, population, district_code=district_code, province_code=province_code, upgrade=upgrade)
    years: object
    if not urb.population_years:
        years = None
    elif len(urb.population_years) == 1:
        years = urb.population_years[0]
    else:
        years = list(urb.population_years)
    return {
        "urban_population": urb.urban_population,
        "total_population": urb.total_population,
        "rate": urb.rate,
        "population_year": years,
        "source": "; ".join(urb.sources) if urb.sources else None,
        "missing": list(urb.missing),
    }
