"""The national commune layer: its columns, the crosswalk of reviewed fixes, areas, selections and outlines.

Everything here is pure. Matching the unit list to polygons is
:mod:`geo.matching`; reading the sources is :mod:`geo.sources` and
:mod:`geo.io`; writing the cache is :mod:`geo.build`.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from geo.codes import check_code, unknown_code
from geo.errors import DataValidationError, InvalidInputError

__all__ = [
    "CROSSWALK_COLUMNS",
    "CROSSWALK_ACTIONS",
    "UNIT_COLUMNS",
    "validate_crosswalk",
    "geodesic_area_km2",
    "select_units",
    "dissolve_outlines",
]

CROSSWALK_COLUMNS: tuple[str, ...] = (
    "action",
    "unit_code",
    "district_code",
    "polygon_province",
    "polygon_district",
    "polygon_ward",
    "reason",
    "source",
)
# district: the polygons labelled with this old district belong to district_code.
# province: the polygons labelled with this province name belong to district_code's province.
# replace: unit_code's geometry is this polygon (renamed or moved unit).
# add: this polygon is merged into unit_code (union).
# exclude: this polygon belongs to no legacy unit (documented, not an omission).
CROSSWALK_ACTIONS: tuple[str, ...] = ("district", "province", "replace", "add", "exclude")

UNIT_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "unit_type",
    "district_code",
    "district_name",
    "district_type",
    "province_code",
    "province_name",
    "area_km2",
    "match",
    "polygon_ids",
    "geometry",
)

_GEOD = Geod(ellps="WGS84")


def geodesic_area_km2(geometry: gpd.GeoSeries) -> pd.Series:
    """Geodesic area on the WGS84 ellipsoid, in km², of lon/lat geometries.

    Parameters
    ----------
    geometry
        Polygons in EPSG:4326.

    Returns
    -------
    pandas.Series
        Area in km² on ``geometry``'s index (NaN for missing geometry).
    """
    if geometry.crs is None or geometry.crs.to_epsg() != 4326:
        raise DataValidationError("Geodesic areas need geometry in EPSG:4326 (lon/lat).")
    # pyproj adds a ring's signed area: holes must run against the shell (shapely.orient_polygons).
    values = [
        abs(_GEOD.geometry_area_perimeter(shapely.orient_polygons(g))[0]) / 1e6
        if g is not None and not g.is_empty
        else np.nan
        for g in geometry
    ]
    return pd.Series(values, index=geometry.index, dtype="float64")


def validate_crosswalk(crosswalk: pd.DataFrame, *, source: str = "crosswalk") -> pd.DataFrame:
    """Check the crosswalk's columns and actions; return it with string codes.

    Raises
    ------
    DataValidationError
        Naming the file, the row (as numbered in the file, header = 1) and the field.
    """
    missing = [c for c in CROSSWALK_COLUMNS if c not in crosswalk.columns]
    if missing:
        raise DataValidationError(f"{source}: missing column(s) {', '.join(missing)}.")
    clean = crosswalk.fillna("").astype(str)
    for i, row in enumerate(clean.itertuples(index=False), start=2):
        if row.action not in CROSSWALK_ACTIONS:
            raise DataValidationError(
                f"{source}, row {i}, field action: '{row.action}' is not one of {', '.join(CROSSWALK_ACTIONS)}."
            )
        if not row.reason.strip() or not row.source.strip():
            raise DataValidationError(f"{source}, row {i}: every fix needs a reason and a source.")
        if row.action in ("replace", "add") and not re.fullmatch(r"\d{5}", row.unit_code):
            raise DataValidationError(
                f"{source}, row {i}, field unit_code: '{row.unit_code}' is not a 5-digit commune code."
            )
        if row.action in ("district", "province") and not re.fullmatch(r"\d{3}", row.district_code):
            raise DataValidationError(
                f"{source}, row {i}, field district_code: '{row.district_code}' is not a 3-digit district code."
            )
        needs_ward = row.action in ("replace", "add", "exclude")
        if (
            not row.polygon_province
            or (needs_ward and not row.polygon_ward)
            or (row.action != "province" and not row.polygon_district)
        ):
            raise DataValidationError(f"{source}, row {i}: the polygon_* fields do not name a polygon.")
    return clean


def select_units(
    units: gpd.GeoDataFrame, *, district_code: str | None = None, province_code: str | None = None
) -> gpd.GeoDataFrame:
    """The units of one district-level unit or one province, in code order.

    Raises
    ------
    InvalidInputError
        Neither or both codes given, or a malformed code.
    UnknownCodeError
        A well-formed code that names no unit in the official list.
    """
    if (district_code is None) == (province_code is None):
        raise InvalidInputError("Give exactly one of a district code (--district) or a province code (--province).")
    if district_code is not None:
        code = check_code(district_code, level="district")
        chosen = units[units["district_code"] == code]
        if chosen.empty:
            raise unknown_code(code, level="district")
    else:
        code = check_code(province_code, level="province")
        chosen = units[units["province_code"] == code]
        if chosen.empty:
            raise unknown_code(code, level="province")
    return chosen.sort_values("code").reset_index(drop=True)


# Gaps between GADM-era neighbours leave holes after a dissolve; below ~0.5 km² they are slivers.
SLIVER_MAX_AREA_DEG2 = 4e-5


def _fill_slivers(geometry: shapely.Geometry, *, min_area_deg2: float) -> shapely.Geometry:
    """Drop interior rings smaller than ``min_area_deg2`` (real enclaves are far larger)."""

    def fill(polygon: shapely.Polygon) -> shapely.Polygon:
        keep = [r for r in polygon.interiors if shapely.Polygon(r).area >= min_area_deg2]
        return shapely.Polygon(polygon.exterior, keep)

    if isinstance(geometry, shapely.Polygon):
        return fill(geometry)
    if isinstance(geometry, shapely.MultiPolygon):
        return shapely.MultiPolygon([fill(p) for p in geometry.geoms])
    return geometry


def dissolve_outlines(units: gpd.GeoDataFrame, *, by: str, tolerance_deg: float) -> gpd.GeoDataFrame:
    """District or province outlines dissolved from the units, simplified for small-scale drawing.

    Parameters
    ----------
    by
        ``"district_code"`` or ``"province_code"``.
    tolerance_deg
        Simplification tolerance in degrees, applied before and after dissolving.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per district or province (EPSG:4326) with its code and name.
    """
    level = by.removesuffix("_code")
    drawn = units[units.geometry.notna()]
    columns = {f"{level}_name": "first"} | ({"province_code": "first"} if level == "district" else {})
    # Dissolve at full resolution: simplifying first opens slivers between neighbours.
    out = drawn.dissolve(by, aggfunc=columns).reset_index()
    out["geometry"] = [_fill_slivers(g, min_area_deg2=SLIVER_MAX_AREA_DEG2) for g in out.geometry]
    out["geometry"] = out.geometry.simplify(tolerance_deg, preserve_topology=True).make_valid()
    return out
