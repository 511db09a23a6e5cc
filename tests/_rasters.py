"""Synthetic rasters with known answers, written by the tests themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import rasterio
from affine import Affine
from pyproj import CRS, Transformer

NODATA = -9999.0
EDITOR, VIEWER = "bientap", "xem"


def accounts_store(folder: Path):  # noqa: ANN201 - geo.store.Store
    """A fresh SQLite store in ``folder`` with the editor EDITOR and the viewer VIEWER (a raster upload is a write)."""
    from geo.store import add_user, open_store

    store = open_store(f"sqlite:///{folder / 'atlas.sqlite'}")
    add_user(store, EDITOR, role="editor", password="editor-pass-1", by=None)
    add_user(store, VIEWER, role="viewer", password="viewer-pass-1", by=None)
    return store


def write_raster(
    path: Path,
    array: np.ndarray,
    *,
    crs: object,
    transform: object,
    nodata: float | None = NODATA,
    tiled: bool = True,
) -> Path:
    """Write a (bands, rows, cols) or (rows, cols) float32 GeoTIFF, tiled and compressed."""
    data = array if array.ndim == 3 else array[np.newaxis]
    profile = {
        "driver": "GTiff",
        "width": data.shape[2],
        "height": data.shape[1],
        "count": data.shape[0],
        "dtype": "float32",
        "crs": crs,
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
    }
    if tiled:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    with rasterio.open(path, "w", **profile) as dataset:
        dataset.write(data.astype("float32"))
    return path


def grid_over(units: gpd.GeoDataFrame, crs: object, pixel: float, *, margin: float | None = None):  # noqa: ANN201
    """(transform, rows, cols) of a north-up grid of ``pixel`` covering ``units`` in ``crs``, aligned to ``pixel``."""
    minx, miny, maxx, maxy = units.to_crs(crs).total_bounds
    pad = margin if margin is not None else 5 * pixel
    x0 = np.floor((minx - pad) / pixel) * pixel
    y0 = np.ceil((maxy + pad) / pixel) * pixel
    cols = int(np.ceil((maxx + pad - x0) / pixel))
    rows = int(np.ceil((y0 - (miny - pad)) / pixel))
    return Affine(pixel, 0.0, x0, 0.0, -pixel, y0), rows, cols


def field_raster(
    path: Path,
    units: gpd.GeoDataFrame,
    crs: object,
    pixel: float,
    value: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> Path:
    """A raster whose pixel holds ``value(lon, lat)`` at the pixel's centre: the same field in any CRS."""
    transform, rows, cols = grid_over(units, crs, pixel)
    cols_idx, rows_idx = np.meshgrid(np.arange(cols) + 0.5, np.arange(rows) + 0.5)
    x = transform.c + cols_idx * transform.a
    y = transform.f + rows_idx * transform.e
    lon, lat = Transformer.from_crs(CRS.from_user_input(crs), 4326, always_xy=True).transform(x, y)
    return write_raster(path, value(np.asarray(lon), np.asarray(lat)), crs=crs, transform=transform)
