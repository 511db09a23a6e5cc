"""Build step of the 2025 layer: sources and the legacy layer → the 2025 frames and a report section.

Run by :func:`geo.build.build` after the legacy layer (whose polygons it
dissolves); ``geo.build`` writes the frames into the cache. The report section
sits between :data:`REPORT_START` and :data:`REPORT_END` in the build report
and is replaced whole on every run of this step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.vintage import layer2025, second_list, sources2025

__all__ = [
    "REPORT_START",
    "REPORT_END",
    "Built2025",
    "inputs",
    "run",
    "area_table",
    "report_lines",
    "replace_section",
]

REPORT_START = "== 2025 units (two-tier, from 1/7/2025) =="
REPORT_END = "== end of 2025 units =="
WORST_LISTED = 20


@dataclass(frozen=True)
class Built2025:
    """What the step produces: the frames ``geo.build`` writes to the cache and the report section.

    ``units`` full resolution, ``map_units`` simplified for the browser, ``provinces`` the 34
    outlines, ``crosswalk`` legacy → 2025 rows, ``aliases`` the second list's differing codes;
    ``full_section`` the whole report section, ``short_section`` its lists cut at the limit.
    """

    units: gpd.GeoDataFrame
    map_units: gpd.GeoDataFrame
    provinces: gpd.GeoDataFrame
    crosswalk: pd.DataFrame
    aliases: pd.DataFrame
    full_section: list[str]
    short_section: list[str]


def inputs() -> list[Path]:
    """The installed source files and the code of this step (``geo.build`` adds the legacy layer)."""
    import vietnam_provinces

    from geo import sources

    return [
        sources.vietnamadminunits_db_path(),
        sources2025.converter_path(),
        Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH),
        Path(sources2025.__file__),
        Path(layer2025.__file__),
        Path(second_list.__file__),
        Path(__file__),
    ]


def area_table(units: gpd.GeoDataFrame) -> pd.DataFrame:
    """Polygon area against the official ``wardAreaKm2``: ``difference`` = polygon / official − 1."""
    out = pd.DataFrame(units.drop(columns="geometry"))
    out = out[out["official_km2"] > 0].copy()
    out["difference"] = out["area_km2"] / out["official_km2"] - 1
    return out


def _distribution(frame: pd.DataFrame, label: str) -> list[str]:
    measured = frame["difference"].dropna()
    if measured.empty:
        return [f"{label}: none."]
    shares = {t: float((measured.abs() <= t).mean()) for t in (0.02, 0.05, 0.10, 0.25)}
    q = np.percentile(measured, [10, 50, 90])
    lines = [
        f"{label}: {len(measured):,} units with a polygon; within ±2 % {shares[0.02]:.1%}, ±5 % {shares[0.05]:.1%}, "
        f"±10 % {shares[0.10]:.1%}, ±25 % {shares[0.25]:.1%}; difference p10 {q[0]:+.1%}, median {q[1]:+.1%}, "
        f"p90 {q[2]:+.1%}.",
        f"  Worst {WORST_LISTED} (polygon vs official km²):",
    ]
    worst = frame.loc[measured.abs().sort_values(ascending=False).index[:WORST_LISTED]]
    lines += [
        f"    {r.code} {r.name}, {r.province_name}: {r.area_km2:.2f} vs {r.official_km2:.2f} ({r.difference:+.1%})"
        for r in worst.itertuples()
    ]
    return lines


def report_lines(
    layer: layer2025.Layer2025, units_2025: pd.DataFrame, lists: dict[str, pd.DataFrame], *, limit: int | None
) -> list[str]:
    """The report section (lists cut at ``limit`` rows, except the worst-20 area lists)."""
    units = layer.units
    with_polygon = int(units.geometry.notna().sum())
    lines = [
        REPORT_START,
        f"Units of 2025: {len(units):,} in {units['province_code'].nunique()} provinces; with polygon: "
        f"{with_polygon:,} ({with_polygon / len(units):.2%}); approximate boundary (part of a split legacy unit): "
        f"{int(units['approximate_boundary'].sum()):,}.",
    ]
    lines += [
        f"  without polygon: {r.code} {r.name}, {r.province_name}" for r in units[units.geometry.isna()].itertuples()
    ]
    cw = layer.crosswalk
    lines.append(
        f"Crosswalk: {int((cw['relation'] == 'whole').sum()):,} legacy units merged whole, "
        f"{cw.loc[cw['relation'] == 'part', 'legacy_code'].nunique():,} split into "
        f"{int((cw['relation'] == 'part').sum()):,} pieces (approximate Voronoi partition)."
    )
    rej = layer.rejections
    lines.append(
        f"Split pieces rejected by the geometry check: {len(rej)} (a receiving unit's centre lies too far "
        "outside the legacy polygon; limit max(5 km, 2 × radius of the receiving unit's official area)):"
    )
    names = units.set_index("code")["name"]
    lines += [
        f"  legacy {r.legacy_code} ({r.legacy_key}) → 2025 {r.new_code} {names.get(r.new_code, '')}: {r.reason}"
        for r in rej.itertuples()
    ]
    areas = area_table(units)
    lines.append("Polygon area against the official area (wardAreaKm2):")
    lines += _distribution(areas[~areas["approximate_boundary"]], "Units made only of whole legacy units")
    lines += _distribution(areas[areas["approximate_boundary"]], "Units with part of a split legacy unit")
    mismatch = units_2025[units_2025["unit_type"] != units_2025["listed_type"]]
    lines.append(f"Unit type: the name and the table's wardType disagree for {len(mismatch)} units (the name is used):")
    lines += [f"  {r.code} {r.name}: wardType {r.listed_type}" for r in mismatch.itertuples()]
    diff, named, spelling, unpaired = (lists[k] for k in ("code_differs", "name_differs", "spelling", "unpaired"))
    lines.append(
        f"Second list ({second_list.SECOND_LIST}): {len(unpaired)} units without a partner by province and name; "
        f"{len(diff)} same-name units with a different code (alias kept); {len(named)} codes naming a different unit; "
        f"{len(spelling)} spelling variants only (tone placement, spacing, apostrophe)."
    )
    lines.append("  Same unit, different code (vietnamadminunits vs vietnam-provinces):")
    rows = diff if limit is None else diff.head(limit)
    lines += [f"    {r.name}, {r.province_name}: {r.code} vs {r.other_code}" for r in rows.itertuples()]
    if limit is not None and len(diff) > limit:
        lines.append(f"    … and {len(diff) - limit} more (python -m geo build --report full)")
    lines.append("  Same code, different unit:")
    lines += [f"    {r.code}, {r.province_name}: {r.name} vs {r.other_name}" for r in named.itertuples()]
    lines.append("  Spelling only:")
    rows = spelling if limit is None else spelling.head(limit)
    lines += [f"    {r.code}: {r.name} vs {r.other_name}" for r in rows.itertuples()]
    lines += [f"  Unpaired ({r.list}): {r.code} {r.name}" for r in unpaired.itertuples()]
    lines.append(REPORT_END)
    return lines


def replace_section(report: list[str], section: list[str]) -> list[str]:
    """``report`` with its 2025 section (if any) replaced by ``section``."""
    if REPORT_START in report and REPORT_END in report:
        start, end = report.index(REPORT_START), report.index(REPORT_END)
        report = report[:start] + report[end + 1 :]
    return report + section


def run(legacy_units: gpd.GeoDataFrame, *, limit: int | None) -> Built2025:
    """The 2025 layer dissolved from ``legacy_units`` (the legacy cache layer), with its report section."""
    from geo.boundaries import dissolve_outlines
    from geo.config import MAP_SIMPLIFY_TOLERANCE_DEG, OUTLINE_SIMPLIFY_TOLERANCE_DEG

    units_2025 = sources2025.read_units_2025()
    conversion = sources2025.read_conversion(units_2025, sources2025.read_legacy_keys())
    layer = layer2025.build_layer_2025(units_2025, conversion["whole"], conversion["pieces"], legacy_units)
    lists = second_list.compare_lists(units_2025, second_list.read_second_list())
    aliases = lists["code_differs"][["other_code", "code", "name", "province_code"]].reset_index(drop=True)

    map_layer = layer.units.copy()
    map_layer["geometry"] = layer2025.polygonal_only(
        map_layer.geometry.simplify(MAP_SIMPLIFY_TOLERANCE_DEG, preserve_topology=True).set_precision(1e-5)
    )
    provinces = dissolve_outlines(layer.units, by="province_code", tolerance_deg=OUTLINE_SIMPLIFY_TOLERANCE_DEG)
    provinces["geometry"] = layer2025.polygonal_only(provinces.geometry.set_precision(1e-4))
    return Built2025(
        units=layer.units,
        map_units=map_layer,
        provinces=provinces,
        crosswalk=layer.crosswalk,
        aliases=aliases,
        full_section=report_lines(layer, units_2025, lists, limit=None),
        short_section=report_lines(layer, units_2025, lists, limit=limit),
    )
