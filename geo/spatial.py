"""Which units a project lies in or passes through, and links between targets, projects and units.

All functions are pure: they take the unit layer, the project register and
the targets, and return new frames. Links run both ways:

* project → units: spatial join (``inside``); a located project outside every
  polygon (a gate on the Cambodian side) takes the nearest unit within
  :data:`NEAREST_MAX_M` (``nearest``);
* target → units: the codes the target names, else every unit of its locality;
* target ↔ project: the union of ``targets.project_ids`` and ``projects.target_ids``.
"""

from __future__ import annotations

from typing import Literal

import geopandas as gpd
import pandas as pd

from geo.crs import METRIC_CRS
from geo.resolutions import split_codes

__all__ = [
    "NEAREST_MAX_M",
    "project_units",
    "link_targets",
    "link_projects",
    "targets_for_unit",
    "projects_for_unit",
    "units_in_localities",
    "locality_codes_of",
    "locality_projects",
    "locality_targets",
    "locality_register",
]

NEAREST_MAX_M = 5_000.0


def project_units(projects: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> pd.DataFrame:
    """Unit codes each located project lies in or passes through.

    Returns
    -------
    pandas.DataFrame
        Indexed by project ``id``: ``unit_codes`` (sorted list of 5-digit codes;
        empty for projects without geometry) and ``unit_relation`` ('inside',
        'nearest' or '' when not located).
    """
    drawn = units[units.geometry.notna()][["code", "geometry"]]
    located = projects[projects.geometry.notna()][["id", "geometry"]]
    joined = gpd.sjoin(located, drawn, how="left", predicate="intersects")
    inside = joined.dropna(subset=["code"]).groupby("id")["code"].agg(lambda s: sorted(set(s)))
    out = pd.DataFrame(
        {"unit_codes": [[] for _ in range(len(projects))], "unit_relation": ""},
        index=pd.Index(projects["id"], name="id"),
    )
    for pid, codes in inside.items():
        out.at[pid, "unit_codes"] = codes
        out.at[pid, "unit_relation"] = "inside"
    outside = located[~located["id"].isin(inside.index)]
    if not outside.empty:
        nearest = gpd.sjoin_nearest(
            outside.to_crs(METRIC_CRS),
            drawn.to_crs(METRIC_CRS),
            how="left",
            max_distance=NEAREST_MAX_M,
            distance_col="distance_m",
        )
        for pid, group in nearest.dropna(subset=["code"]).groupby("id"):
            out.at[pid, "unit_codes"] = sorted(set(group["code"]))
            out.at[pid, "unit_relation"] = "nearest"
    return out


def units_in_localities(units: pd.DataFrame, locality_codes: list[str]) -> list[str]:
    """Codes of the units of the given district (3-digit) or province (2-digit) codes."""
    districts = {c for c in locality_codes if len(c) == 3}
    provinces = {c for c in locality_codes if len(c) == 2}
    mask = units["district_code"].isin(districts) | units["province_code"].isin(provinces)
    return sorted(units.loc[mask, "code"].dropna())


def link_targets(targets: pd.DataFrame, projects: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Targets with their linked units and projects.

    Adds ``linked_unit_codes`` (named units, else all units of the locality),
    ``unit_scope`` ('named' or 'locality') and ``linked_project_ids``.
    """
    by_target: dict[str, set[str]] = {}
    for pid, tids in zip(projects["id"], projects["target_ids"]):
        for tid in tids:
            by_target.setdefault(tid, set()).add(pid)
    out = targets.copy()
    named = out["unit_codes"].map(split_codes)
    out["unit_scope"] = named.map(lambda codes: "named" if codes else "locality")
    out["linked_unit_codes"] = [
        codes if codes else units_in_localities(units, split_codes(loc))
        for codes, loc in zip(named, out["locality_code"])
    ]
    out["linked_project_ids"] = [
        sorted(set(split_codes(pids)) | by_target.get(tid, set())) for tid, pids in zip(out["id"], out["project_ids"])
    ]
    return out


def link_projects(projects: gpd.GeoDataFrame, targets: pd.DataFrame, joined: pd.DataFrame) -> gpd.GeoDataFrame:
    """Projects with ``unit_codes``, ``unit_relation`` and ``linked_target_ids`` (both directions)."""
    by_project: dict[str, set[str]] = {}
    for tid, pids in zip(targets["id"], targets["project_ids"]):
        for pid in split_codes(pids):
            by_project.setdefault(pid, set()).add(tid)
    out = projects.copy()
    out["unit_codes"] = out["id"].map(joined["unit_codes"])
    out["unit_relation"] = out["id"].map(joined["unit_relation"])
    out["linked_target_ids"] = [
        sorted(set(tids) | by_project.get(pid, set())) for pid, tids in zip(out["id"], out["target_ids"])
    ]
    return out


def targets_for_unit(
    code: str, targets: pd.DataFrame, *, scope: Literal["named", "locality"] | None = None
) -> pd.DataFrame:
    """Targets linked to a unit: those naming it and those of its whole locality, or only one ``scope``."""
    hit = targets["linked_unit_codes"].map(lambda codes: code in codes)
    if scope is not None:
        hit &= targets["unit_scope"] == scope
    return targets[hit]


def projects_for_unit(code: str, projects: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Projects that lie in or pass through a unit (or sit nearest to it, across a border)."""
    return projects[projects["unit_codes"].map(lambda codes: code in codes)]


def locality_codes_of(units: pd.DataFrame, *, level: str, codes: list[str] | tuple[str, ...]) -> list[str]:
    """Locality codes a register entry may name for this locality.

    A district locality matches its own codes; a province matches its code and
    every district code in it.
    """
    if level == "district":
        return list(codes)
    districts = units.loc[units["province_code"].isin(codes), "district_code"]
    return [*codes, *sorted(set(districts))]


def locality_projects(
    projects: gpd.GeoDataFrame, *, unit_codes: list[str], locality_codes: list[str]
) -> gpd.GeoDataFrame:
    """Projects in the locality: touching one of its units, or registered to one of its codes."""
    units_set, codes_set = set(unit_codes), set(locality_codes)
    inside = projects["unit_codes"].map(lambda codes: bool(set(codes) & units_set))
    named = projects["locality_code"].map(lambda text: bool(set(split_codes(text)) & codes_set))
    return projects[inside | named]


def locality_targets(targets: pd.DataFrame, *, locality_codes: list[str]) -> pd.DataFrame:
    """Targets whose locality is one of ``locality_codes``."""
    codes_set = set(locality_codes)
    return targets[targets["locality_code"].map(lambda text: bool(set(split_codes(text)) & codes_set))]


def locality_register(
    projects: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    units: pd.DataFrame,
    *,
    level: str,
    codes: list[str] | tuple[str, ...],
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The projects and targets of a locality, in register order with a fresh index.

    Parameters
    ----------
    projects, targets
        The linked register (:func:`geo.resolutions.load_linked_projects`, ``load_linked_targets``).
    units
        The national unit layer (or any frame holding the locality's units with their
        ``district_code`` and ``province_code``).
    level, codes
        ``"district"`` with one or more district codes, or ``"province"`` with one code.
    """
    column = f"{level}_code"
    unit_codes = units.loc[units[column].isin(codes), "code"].dropna().tolist()
    match = locality_codes_of(units, level=level, codes=codes)
    chosen = locality_projects(projects, unit_codes=unit_codes, locality_codes=match).reset_index(drop=True)
    return chosen, locality_targets(targets, locality_codes=match).reset_index(drop=True)
