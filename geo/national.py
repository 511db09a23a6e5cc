"""The national view: indicators per unit, what a click on the national map hit, the seed outlines.

Pure functions on frames; the units of any vintage (legacy now, the 2025 units
later) come in as a frame with ``code``, ``unit_type`` and, where the vintage has
districts, ``district_code``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import InvalidInputError
from geo.localities import Locality
from geo.metrics import URBAN_UNIT_TYPES, national_ward_ratios

__all__ = [
    "INDICATORS",
    "INDICATORS_2025",
    "province_ward_ratio_2025",
    "WARD_RATIO_BREAKS",
    "URBAN_SHARE_BREAKS",
    "SeedOutlines",
    "district_ward_ratio",
    "district_urban_share",
    "classify",
    "unit_at",
    "seed_outlines",
]

# unit type; the district's ward ratio; the district's 2019 urban population share.
INDICATORS: tuple[str, ...] = ("unit_type", "ward_ratio", "urban_share")
# The 2025 units have no district level, and no 2019 census figure is a 2025 unit's own
# (those are estimates apportioned by area, shown in the unit's panel): the ward ratio is the province's.
INDICATORS_2025: tuple[str, ...] = ("unit_type", "ward_ratio")
# Upper bounds of the classes (a ratio of exactly 0 is a class of its own: no ward at all).
WARD_RATIO_BREAKS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)
URBAN_SHARE_BREAKS: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0)


def district_ward_ratio(units: pd.DataFrame) -> pd.Series:
    """Wards over all commune-level units, per ``district_code`` (NaN for a district without units)."""
    table = national_ward_ratios(units)
    return table.set_index("district_code")["ratio"]


def province_ward_ratio_2025(units_2025: pd.DataFrame) -> pd.Series:
    """Phường over all units (xã and đặc khu included), per 2025 ``province_code``, as in ``ward_ratio_2025``."""
    from geo.vintage.metrics2025 import ward_ratio_2025

    codes = sorted(units_2025["province_code"].unique())
    return pd.Series(
        [ward_ratio_2025(units_2025, province_code=code).ratio for code in codes],
        index=pd.Index(codes, name="province_code"),
        dtype="float64",
    )


def district_urban_share(units: pd.DataFrame, population: pd.DataFrame) -> pd.Series:
    """Urban population share (phường + thị trấn over all) per ``district_code``.

    Only districts where every unit has a population figure get a value: a
    partial sum is never shown as the district's share.

    Returns
    -------
    pandas.Series
        Float in [0, 1] indexed by ``district_code``; districts without full data are absent.
    """
    for column in ("code", "population"):
        if column not in population.columns:
            raise InvalidInputError(f"The population table is missing the column {column}.")
    typed = units.loc[units["code"].notna(), ["code", "unit_type", "district_code"]]
    joined = typed.merge(population[["code", "population"]], on="code", how="left")
    complete = joined.groupby("district_code")["population"].apply(lambda s: bool(s.notna().all()))
    covered = joined[joined["district_code"].isin(complete[complete].index)]
    urban = covered["population"].where(covered["unit_type"].isin(URBAN_UNIT_TYPES), 0)
    sums = pd.DataFrame({"district_code": covered["district_code"], "urban": urban, "total": covered["population"]})
    totals = sums.groupby("district_code")[["urban", "total"]].sum()
    return (totals["urban"] / totals["total"].where(totals["total"] > 0)).dropna().astype("float64")


def classify(values: pd.Series, breaks: Sequence[float]) -> pd.Series:
    """Class index of each value: the first break it does not exceed (NaN stays missing, as ``-1``)."""
    edges = np.asarray(breaks, dtype="float64")
    index = np.searchsorted(edges, values.to_numpy(dtype="float64"), side="left")
    index = np.where(np.isnan(values.to_numpy(dtype="float64")), -1, index)
    return pd.Series(index.astype("int64"), index=values.index)


def unit_at(drawn: gpd.GeoDataFrame, *, lon: float, lat: float) -> str | None:
    """The code of the drawn unit containing (lon, lat), or None over no unit.

    ``drawn`` is the geometry exactly as the map draws it (coverage-simplified),
    so a click lands in the polygon the user saw.
    """
    point = shapely.Point(lon, lat)
    hits = drawn.sindex.query(point, predicate="intersects")
    if len(hits) == 0:
        return None
    return str(drawn["code"].iloc[int(hits[0])])


@dataclass(frozen=True)
class SeedOutlines:
    """Which outlines to highlight, and where to write each seed locality's name (lat, lon)."""

    districts: tuple[str, ...]
    provinces: tuple[str, ...]
    labels: tuple[tuple[float, float, Locality], ...]  # lat, lon, seed


def seed_outlines(units: gpd.GeoDataFrame, seeds: Sequence[Locality]) -> SeedOutlines:
    """District and province codes of the seed localities, and a label point inside each."""
    districts: list[str] = []
    provinces: list[str] = []
    labels = []
    for seed in seeds:
        (districts if seed.level == "district" else provinces).extend(seed.codes)
        mine = units[units[f"{seed.level}_code"].isin(seed.codes) & units.geometry.notna()]
        point = mine.geometry.union_all().representative_point()
        labels.append((round(point.y, 5), round(point.x, 5), seed))
    return SeedOutlines(tuple(districts), tuple(provinces), tuple(labels))
