"""Which ward-ratio standards bind a district-level unit: its own type's and the next type's.

A thành phố thuộc tỉnh stays bound by the ward-ratio rule of its own type
(NQ 1211 Art. 5 cl. 3b, 65 %) even though no type lies above it; a thị xã is
judged against its own rule and against the thành phố rule it aims for. Both
come from ``data/standards.yaml``; an unverified threshold is listed with its
value but never judged.

Examples
--------
>>> from geo.io import load_standards
>>> [(s.role, s.target_type) for s in ward_ratio_standards("thành phố", standards=load_standards())]
[('own', 'thanh_pho_thuoc_tinh')]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo.errors import InvalidInputError
from geo.scenario import LEGACY_AS_OF, upgrades_needed
from geo.standards import DISTRICT_TYPE_KEYS, Standards, citation, standards_in_force

__all__ = ["RatioStandard", "ward_ratio_standards", "judge", "ratio_checks", "binding"]


@dataclass(frozen=True)
class RatioStandard:
    """A ward-ratio threshold that applies to a unit.

    ``role`` is ``'own'`` (the unit's present type) or ``'next'`` (the type
    it would be upgraded to); ``threshold`` is a fraction in (0, 1].
    """

    role: str
    target_type: str
    label_vi: str
    threshold: float
    citation: str
    verified: bool


def ward_ratio_standards(
    district_type: str, *, standards: Standards, as_of: date = LEGACY_AS_OF
) -> list[RatioStandard]:
    """The unconditional ward-ratio criteria of the unit's own type and of the next type up, in that order."""
    own = DISTRICT_TYPE_KEYS.get(district_type)
    if own is None:
        return []
    found = []
    for role, key in (("own", own), ("next", standards.next_type.get(own))):
        if key is None or key not in standards.target_types:
            continue
        try:
            criteria = standards_in_force(standards, key, as_of)
        except InvalidInputError:  # no standard of that type in force on the date
            continue
        for crit in criteria:
            if crit.criterion == "ward_ratio_min" and crit.condition is None:
                found.append(
                    RatioStandard(
                        role=role,
                        target_type=key,
                        label_vi=str(standards.target_types[key]["label_vi"]),
                        threshold=float(crit.value),
                        citation=citation(crit),
                        verified=crit.verified,
                    )
                )
                break
    return found


def judge(wards: int, total: int, threshold: float) -> tuple[bool, int]:
    """Whether ``wards / total`` reaches ``threshold``, and how many more phường it needs.

    The target is :func:`geo.scenario.target_wards` (exact decimals: 0.65 × 20 is 13, not 14).
    """
    needed = upgrades_needed(threshold, wards=wards, total=total)
    return needed == 0, needed


def ratio_checks(
    district_type: str, wards: int, total: int, *, standards: Standards, as_of: date = LEGACY_AS_OF
) -> list[dict[str, object]]:
    """Every ward-ratio standard of the unit judged on ``wards`` of ``total``.

    Returns
    -------
    list of dict
        ``role`` ('own' | 'next'), ``target_type``, ``label_vi``, ``threshold``
        (0–1), ``standard`` (citation), ``verified``, ``meets`` (bool; None
        when the threshold is unverified or the scope is empty) and
        ``upgrades_needed`` (int or None).
    """
    out: list[dict[str, object]] = []
    for std in ward_ratio_standards(district_type, standards=standards, as_of=as_of):
        meets: bool | None = None
        needed: int | None = None
        if std.verified and total > 0:
            meets, needed = judge(wards, total, std.threshold)
        out.append(
            {
                "role": std.role,
                "target_type": std.target_type,
                "label_vi": std.label_vi,
                "threshold": std.threshold,
                "standard": std.citation,
                "verified": std.verified,
                "meets": meets,
                "upgrades_needed": needed,
            }
        )
    return out


def binding(checks: list[dict[str, object]]) -> dict[str, object] | None:
    """The check a single verdict reports: the verified next type's, else the verified own type's."""
    for role in ("next", "own"):
        for check in checks:
            if check["role"] == role and check["verified"]:
                return check
    return None
