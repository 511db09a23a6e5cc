"""Projects joined to the 2025 units by location (the register's geometry, not its legacy codes)."""

from __future__ import annotations

import geopandas as gpd

__all__ = ["projects_by_unit_2025"]


def projects_by_unit_2025(projects: gpd.GeoDataFrame, units_2025: gpd.GeoDataFrame) -> dict[str, list[str]]:
    """For each 2025 unit code, the ids of the located projects that intersect its polygon.

    Projects whose location is not known (no geometry) join no unit.
    """
    located = projects[projects.geometry.notna()][["id", "geometry"]].to_crs(4326)
    polygons = units_2025[units_2025.geometry.notna()][["code", "geometry"]].to_crs(4326)
    if located.empty or polygons.empty:
        return {}
    joined = gpd.sjoin(located, polygons, how="inner", predicate="intersects")
    return {code: sorted(set(group["id"])) for code, group in joined.groupby("code")}
