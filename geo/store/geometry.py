"""Checking a location before it is stored: inside Vietnam, lon/lat order, valid shape.

A location comes as a drawn GeoJSON geometry, a ``--point LON,LAT``, or an
uploaded GeoJSON, KML or GeoPackage file (read with pyogrio and reprojected
to EPSG:4326). Each refusal is one sentence.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.store.errors import StoreInputError

__all__ = ["VIETNAM_BOUNDS", "check_geometry", "parse_point", "geometry_from_geojson", "geometry_from_file"]

# Mainland, Hoàng Sa and Trường Sa fall inside this lon/lat box (about 102.1-117.9 E, 6.5-23.4 N).
VIETNAM_BOUNDS = (102.0, 6.0, 118.0, 24.0)
UPLOAD_SUFFIXES = (".geojson", ".json", ".kml", ".gpkg")


def _inside(lon: float, lat: float) -> bool:
    west, south, east, north = VIETNAM_BOUNDS
    return west <= lon <= east and south <= lat <= north


def check_geometry(shape: BaseGeometry) -> BaseGeometry:
    """``shape`` if it is a valid point, line or polygon inside Vietnam; else one sentence.

    Raises
    ------
    StoreInputError
        Empty, invalid (self-intersecting) or outside Vietnam; when the
        coordinates fit Vietnam with the axes swapped, the sentence says so.
    """
    if shape is None or shape.is_empty:
        raise StoreInputError("The location is empty.")
    if shape.geom_type not in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        raise StoreInputError(f"A {shape.geom_type} cannot be a project's location; give a point, line or polygon.")
    west, south, east, north = shape.bounds
    if not (_inside(west, south) and _inside(east, north)):
        if _inside(south, west) and _inside(north, east):
            raise StoreInputError(
                f"The coordinates ({west:.4f}, {south:.4f}) look like latitude, longitude; "
                "give longitude first (RFC 7946 axis order lon, lat)."
            )
        raise StoreInputError(
            f"The location ({west:.4f}, {south:.4f}) – ({east:.4f}, {north:.4f}) is outside Vietnam "
            f"(longitude {VIETNAM_BOUNDS[0]:g}–{VIETNAM_BOUNDS[2]:g}, "
            f"latitude {VIETNAM_BOUNDS[1]:g}–{VIETNAM_BOUNDS[3]:g})."
        )
    if not shape.is_valid:
        reason = shapely.is_valid_reason(shape)
        raise StoreInputError(f"The location is not a valid geometry ({reason}); a polygon must not cross itself.")
    return shape


def parse_point(text: str) -> BaseGeometry:
    """``"106.1,10.4"`` → a checked point (longitude first)."""
    parts = [p.strip() for p in text.split(",")]
    try:
        lon, lat = (float(p) for p in parts)
    except ValueError:
        raise StoreInputError(f"'{text}' is not LON,LAT (two numbers, longitude first, e.g. 106.12,10.41).") from None
    return check_geometry(shapely.Point(lon, lat))


def geometry_from_geojson(payload: dict[str, Any] | str) -> BaseGeometry:
    """A checked geometry from a GeoJSON geometry, Feature or one-feature FeatureCollection."""
    try:
        data = json.loads(payload) if isinstance(payload, str) else payload
    except ValueError:
        raise StoreInputError("The location is not GeoJSON text.") from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise StoreInputError(f"The file holds {len(features)} features; a project's location is exactly one.")
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    try:
        shape = shapely.geometry.shape(data)
    except (AttributeError, TypeError, ValueError, KeyError, shapely.errors.GEOSException):
        raise StoreInputError("The location is not a GeoJSON geometry.") from None
    return check_geometry(shape)


def geometry_from_file(data: bytes, filename: str) -> BaseGeometry:
    """A checked geometry from an uploaded GeoJSON, KML or GeoPackage file (one feature)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise StoreInputError(f"File {filename} is not GeoJSON, KML or GeoPackage (.geojson, .kml, .gpkg).")
    import pyogrio

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            frame = pyogrio.read_dataframe(path)
        except Exception:  # pyogrio raises DataSourceError and others: all mean "cannot read"
            raise StoreInputError(f"File {filename} cannot be read as {suffix[1:].upper()}.") from None
    frame = frame[frame.geometry.notna()]
    if len(frame) != 1:
        raise StoreInputError(
            f"File {filename} holds {len(frame)} located features; a project's location is exactly one."
        )
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    shape = frame.geometry.iloc[0]
    if shape.has_z:
        shape = shapely.force_2d(shape)
    return check_geometry(shape)
