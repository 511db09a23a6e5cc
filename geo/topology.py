"""Polygon coverages made small for the browser, with shared edges kept shared.

Simplifying each polygon on its own moves a shared edge twice, differently, and
opens gaps and overlaps between neighbours. :func:`shapely.coverage_simplify`
simplifies each shared edge once, so neighbours still meet exactly; it never
removes a polygon (every input keeps a non-empty output).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import InvalidInputError

__all__ = ["simplify_coverage", "feature_collection_bytes"]


def simplify_coverage(geometry: gpd.GeoSeries, *, tolerance_deg: float, grid_deg: float) -> gpd.GeoSeries:
    """Simplify a polygon coverage edge by edge, then snap it to a coordinate grid.

    Parameters
    ----------
    geometry
        Polygons in EPSG:4326 forming a coverage (neighbours share edges); no missing values.
    tolerance_deg
        Simplification tolerance in degrees (GEOS coverage simplifier, Visvalingam–Whyatt).
    grid_deg
        Coordinate grid in degrees; 1e-4° is about 11 m, well below the tolerance.

    Returns
    -------
    geopandas.GeoSeries
        Same index and CRS, every polygon valid and non-empty.

    Raises
    ------
    InvalidInputError
        A missing or empty geometry, or a polygon the grid would erase.
    """
    if geometry.isna().any() or geometry.is_empty.any():
        raise InvalidInputError("Every geometry of a coverage to simplify must be present and non-empty.")
    simplified = shapely.coverage_simplify(np.asarray(geometry.values), tolerance_deg)
    out = gpd.GeoSeries(simplified, index=geometry.index, crs=geometry.crs).set_precision(grid_deg).make_valid()
    # make_valid can leave stray lines beside a polygon; a browser fill only wants the polygons.
    out = out.map(_polygonal)
    erased = out.is_empty
    if erased.any():
        raise InvalidInputError(
            f"{int(erased.sum())} polygon(s) vanish at a {grid_deg}° grid (first: index {out.index[erased][0]})."
        )
    return out


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def feature_collection_bytes(frame: gpd.GeoDataFrame, properties: Mapping[str, str]) -> bytes:
    """Compact GeoJSON (RFC 7946, lon/lat) of ``frame``, with columns renamed to short keys.

    Parameters
    ----------
    properties
        Column name → property key in the output, e.g. ``{"code": "c"}``.
    """
    columns = list(properties)
    geometries = [_FLOAT_NOISE.sub(_denoise, g) for g in shapely.to_geojson(np.asarray(frame.geometry.values))]
    rows = frame[columns].to_dict("records")
    features = [
        '{"type":"Feature","properties":'
        + json.dumps({properties[k]: _plain(v) for k, v in row.items()}, ensure_ascii=False, separators=(",", ":"))
        + ',"geometry":'
        + geom
        + "}"
        for row, geom in zip(rows, geometries)
    ]
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode("utf-8")


# GEOS writes a grid-snapped 106.34131 as 106.34130999999999: ten or more decimals are binary noise
# on a grid of 1e-5° or coarser, and rounding them to 8 gives back the number as snapped.
_FLOAT_NOISE = re.compile(r"-?\d+\.\d{10,}")


def _denoise(match: re.Match[str]) -> str:
    return repr(round(float(match.group()), 8))


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value
