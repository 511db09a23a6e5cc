"""The VN-2000 TM-3 central meridian of a 2025 locality, from the legacy provinces it was made of.

Thông tư 973/2001/TT-TCĐC gives the central meridian per legacy province, and
``data/vn2000_meridians.csv`` is keyed by legacy province codes. The 2025
provinces reuse some of those codes for merged provinces (89 is tỉnh An Giang
in both lists, but the 2025 one also holds the legacy tỉnh Kiên Giang, whose
meridian differs), so a 2025 code never looks a meridian up directly: the
locality's units are traced through the 2025 crosswalk to their legacy
constituents, and the meridian is the one those constituents' provinces share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["meridians_2025"]


def _degrees(value: float) -> str:
    return f"{value:g}° E"


def meridians_2025(
    codes: Iterable[str],
    *,
    units_2025: pd.DataFrame,
    crosswalk: pd.DataFrame,
    legacy_units: pd.DataFrame,
    meridians: Mapping[str, tuple[str, float]],
) -> tuple[dict[str, tuple[str, float]], dict[str, str]]:
    """The central meridian of the 2025 province of ``codes``, or why there is none.

    Parameters
    ----------
    codes
        2025 unit codes of the locality.
    units_2025
        The 2025 units (``code``, ``province_code``, ``province_name``).
    crosswalk
        Legacy → 2025 rows (:func:`geo.io.load_crosswalk_2025`): ``legacy_code``, ``new_code``,
        ``legacy_district_code``.
    legacy_units
        The legacy units (``code``, ``district_code``, ``province_code``).
    meridians
        Legacy province code → (name, central meridian), :func:`geo.io.load_meridians`.

    Returns
    -------
    tuple
        ``(meridians, refusals)`` keyed by 2025 province code: the meridian when every legacy
        province of the constituents has the same one; else one sentence saying why VN-2000 is refused.
    """
    codes = set(codes)
    scope = units_2025[units_2025["code"].isin(codes)]
    unit_province = dict(zip(legacy_units["code"], legacy_units["province_code"]))
    district_province = dict(zip(legacy_units["district_code"], legacy_units["province_code"]))
    found: dict[str, tuple[str, float]] = {}
    refusals: dict[str, str] = {}
    for code_2025, name_2025 in sorted(set(zip(scope["province_code"], scope["province_name"]))):
        units_here = set(scope.loc[scope["province_code"] == code_2025, "code"])
        rows = crosswalk[crosswalk["new_code"].isin(units_here)]
        legacy: set[str] = set()
        for unit, district in zip(rows["legacy_code"], rows["legacy_district_code"]):
            province = unit_province.get(unit) or district_province.get(district)
            if province is not None:
                legacy.add(str(province))
        if not legacy:
            refusals[code_2025] = (
                f"No legacy province is known for the units of {name_2025}, so no VN-2000 TM-3 central meridian; "
                "export in WGS 84 (--crs wgs84)."
            )
            continue
        unsourced = sorted(p for p in legacy if p not in meridians)
        if unsourced:
            refusals[code_2025] = (
                f"No sourced VN-2000 TM-3 central meridian for the legacy province {', '.join(unsourced)} of "
                f"{name_2025} in data/vn2000_meridians.csv; export in WGS 84 (--crs wgs84)."
            )
            continue
        values = {meridians[p][1] for p in legacy}
        if len(values) == 1:
            found[code_2025] = (name_2025, values.pop())
            continue
        listed = ", ".join(f"{meridians[p][0]} ({p}) {_degrees(meridians[p][1])}" for p in sorted(legacy))
        refusals[code_2025] = (
            f"{name_2025} spans legacy provinces with different VN-2000 central meridians ({listed}); "
            "export in WGS 84 (--crs wgs84)."
        )
    return found, refusals
