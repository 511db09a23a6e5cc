"""Upgrade scenarios: "what if these communes became phường".

Pure functions on the legacy unit table. :func:`minimum_upgrades` answers how
many xã / thị trấn a district must turn into phường to reach a ward-ratio
threshold, and ranks the candidates by a stated readiness score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from geo.errors import InvalidInputError
from geo.metrics import select_units, ward_ratio
from geo.standards import DISTRICT_TYPE_KEYS, Standards, citation, standards_in_force

__all__ = [
    "LEGACY_AS_OF",
    "SCORE_EXPLANATION",
    "UpgradePlan",
    "apply_upgrades",
    "check_threshold",
    "minimum_upgrades",
    "default_threshold",
    "target_wards",
    "upgrades_needed",
    "next_target_type",
    "target_type_threshold",
]

# Last day of the three-tier system: the legacy units and the NQ 1211 standards
# that the seed resolutions speak of are both in force on this date.
LEGACY_AS_OF = date(2025, 6, 30)

SCORE_EXPLANATION = (
    "Xếp hạng mức sẵn sàng lên phường: mật độ dân số (người/km², dân số Tổng điều tra 2019 chia "
    "diện tích area_km2) giảm dần, rồi dân số giảm dần; đơn vị thiếu dân số hoặc diện tích xếp cuối. "
    "Đây là gợi ý để xem xét, không phải đánh giá theo tiêu chuẩn phường."
)


@dataclass(frozen=True)
class UpgradePlan:
    """How far a district is from a ward-ratio threshold.

    Attributes
    ----------
    district_code
        The district.
    threshold
        Required ward ratio in [0, 1].
    needed
        xã / thị trấn to upgrade (0 when already met).
    current_wards, total
        Present phường and all commune-level units.
    target_wards
        ``ceil(threshold × total)``.
    suggested
        Candidates (non-phường units), best first: ``rank``, ``code``, ``name``,
        ``unit_type``, ``population`` (persons, may be NA), ``area_km2``,
        ``density`` (persons/km², may be NaN).
    score_explanation
        How ``suggested`` is ordered.
    """

    district_code: str
    threshold: float
    needed: int
    current_wards: int
    total: int
    target_wards: int
    suggested: pd.DataFrame
    score_explanation: str = SCORE_EXPLANATION


def apply_upgrades(units: pd.DataFrame, codes: Sequence[str], *, district_code: str | None = None) -> pd.DataFrame:
    """Return a copy of ``units`` with ``codes`` turned into phường.

    Parameters
    ----------
    units
        Legacy commune-level units.
    codes
        Codes of xã / thị trấn to upgrade.
    district_code
        When given, every code must lie in this district.

    Returns
    -------
    pandas.DataFrame
        A copy with ``unit_type`` = 'phường' for those rows and a bool column
        ``upgraded`` (True only for them).

    Raises
    ------
    InvalidInputError
        A code that is already a phường, lies outside ``district_code``, is
        malformed or repeated; the sentence names the unit.
    UnknownCodeError
        A code that names no unit.
    """
    wanted = [codes] if isinstance(codes, str) else list(codes)
    # ward_ratio validates the codes: well-formed, known, unique, not already phường,
    # and inside the district when one is given.
    if district_code is not None:
        ward_ratio(units, district_code=district_code, upgrade=wanted)
    elif wanted:
        ward_ratio(units, codes=wanted, upgrade=wanted)
    out = units.copy()
    mask = out["code"].isin(wanted)
    out.loc[mask, "unit_type"] = "phường"
    out["upgraded"] = mask.astype(bool)
    return out


def check_threshold(threshold: object) -> float:
    """``threshold`` as a float if it is a number in (0, 1]."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise InvalidInputError(f"The ward-ratio threshold must be a number in (0, 1], e.g. 0.65; got {threshold!r}.")
    return float(threshold)


def target_wards(threshold: float, total: int) -> int:
    """``ceil(threshold × total)`` in exact decimal arithmetic, so 0.65 × 20 is 13, not 14."""
    return math.ceil(Decimal(str(threshold)) * total)


def upgrades_needed(threshold: float, *, wards: int, total: int) -> int:
    """xã / thị trấn still to upgrade for ``wards`` of ``total`` units to reach ``threshold`` (0 when met)."""
    return max(0, target_wards(threshold, total) - wards)


def _density_table(scope: pd.DataFrame, population: pd.DataFrame | None) -> pd.DataFrame:
    cand = scope[scope["unit_type"] != "phường"].copy()
    cols = ["code", "name", "unit_type"]
    cand = cand[[c for c in cols if c in cand.columns] + (["area_km2"] if "area_km2" in cand.columns else [])]
    if "area_km2" not in cand.columns:
        cand["area_km2"] = float("nan")
    if population is not None and len(population):
        pop = population.drop_duplicates("code").set_index("code")["population"]
        cand["population"] = cand["code"].map(pop).astype("Int64")
    else:
        cand["population"] = pd.array([pd.NA] * len(cand), dtype="Int64")
    area = cand["area_km2"].astype("float64")
    popf = pd.to_numeric(cand["population"], errors="coerce").astype("float64")
    cand["density"] = (popf / area.where(area > 0)).astype("float64")
    has_data = cand["density"].notna()
    cand = cand.assign(_has=has_data, _pop=popf.fillna(-1.0), _den=cand["density"].fillna(-1.0))
    cand = cand.sort_values(["_has", "_den", "_pop", "code"], ascending=[False, False, False, True], kind="stable")
    cand = cand.drop(columns=["_has", "_den", "_pop"]).reset_index(drop=True)
    cand.insert(0, "rank", range(1, len(cand) + 1))
    return cand[["rank", "code", "name", "unit_type", "population", "area_km2", "density"]]


def minimum_upgrades(
    district_code: str,
    threshold: float,
    *,
    units: pd.DataFrame,
    population: pd.DataFrame | None,
) -> UpgradePlan:
    """The fewest xã / thị trấn to upgrade for a district to reach ``threshold``.

    Parameters
    ----------
    district_code
        3-digit district code.
    threshold
        Required ward ratio in (0, 1], e.g. 0.65 (NQ 1211 Art. 5 cl. 3b).
    units, population
        The unit layer and the population table (``None``: candidates ranked without population).

    Returns
    -------
    UpgradePlan
        ``target_wards = ceil(threshold × total)`` (exact decimal arithmetic,
        so 0.65 × 20 is 13, not 14) and ``needed = max(0, target − wards)``.

    Raises
    ------
    InvalidInputError
        A threshold outside (0, 1], a malformed code, or a target the district
        cannot reach even with every unit upgraded (never: 1.0 is reachable).
    UnknownCodeError
        An unknown district.
    """
    check_threshold(threshold)
    wr = ward_ratio(units, district_code=district_code)
    scope = select_units(units, district_code=district_code)
    target = target_wards(threshold, wr.total)
    needed = upgrades_needed(threshold, wards=wr.wards, total=wr.total)
    return UpgradePlan(
        district_code=district_code,
        threshold=float(threshold),
        needed=needed,
        current_wards=wr.wards,
        total=wr.total,
        target_wards=target,
        suggested=_density_table(scope, population),
    )


def default_threshold(
    district_type: str, *, standards: Standards, as_of: date = LEGACY_AS_OF
) -> tuple[float | None, str | None]:
    """Ward-ratio threshold of the next type up and its citation.

    ``thị xã → thành phố thuộc tỉnh`` gives (0.65, "NQ 1211…, Điều 5 khoản 3
    điểm b"). Returns ``(None, None)`` when there is no next type, no
    ward-ratio criterion in force, or the only one is unverified.
    """
    key = DISTRICT_TYPE_KEYS.get(district_type)
    nxt = standards.next_type.get(key) if key else None
    if nxt is None:
        return None, None
    try:
        crits = standards_in_force(standards, nxt, as_of)
    except InvalidInputError:
        return None, None
    for crit in crits:
        if crit.criterion == "ward_ratio_min" and crit.verified and crit.condition is None:
            return float(crit.value), citation(crit)
    return None, None


def next_target_type(district_type: str, *, standards: Standards) -> str | None:
    """The standards key of the type a district of ``district_type`` would be upgraded to (thị xã → thành phố)."""
    key = DISTRICT_TYPE_KEYS.get(district_type)
    return standards.next_type.get(key) if key else None


def target_type_threshold(
    target_type: str, *, standards: Standards, as_of: date = LEGACY_AS_OF
) -> tuple[float | None, str | None]:
    """Verified ward-ratio threshold for becoming ``target_type`` on ``as_of``, with its citation.

    ``"thanh_pho_thuoc_tinh"`` gives the threshold a thị xã must meet; ``(None, None)``
    when no type leads to ``target_type`` or no verified threshold is in force.
    """
    source_type = {v: k for k, v in standards.next_type.items()}.get(target_type)
    if source_type is None:
        return None, None
    district_type = {v: k for k, v in DISTRICT_TYPE_KEYS.items()}.get(source_type, source_type)
    return default_threshold(district_type, standards=standards, as_of=as_of)
