"""Open a user's raster and refuse it, with one sentence, when it cannot be used.

Checks, in order: the file exists and is within :data:`MAX_RASTER_BYTES`; GDAL
opens it; it has a CRS; that CRS transforms to EPSG:4326; its extent overlaps
Vietnam; a band is chosen when there are several; its first and last blocks
read (a truncated file loses its tail, where GDAL and COG writers put the last
full-resolution blocks). Nothing is read whole: only the header and two blocks.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from geo.errors import InvalidInputError

if TYPE_CHECKING:
    from rasterio.io import DatasetReader

__all__ = ["MAX_RASTER_BYTES", "VIETNAM_EXTENT", "RasterInfo", "RasterRefusedError", "format_size", "open_checked"]

# 2 GiB: a 10,000 × 10,000 float32 raster uncompressed is 0.4 GB; a province at 5 m in
# float32 is about 1 GB. Reading stays windowed whatever the size (bench/bench_raster.py
# measures the memory of a 1 GB file), so the limit guards the disk of var/rasters/.
MAX_RASTER_BYTES: Final[int] = 2 * 1024**3

# lon/lat extent of Vietnam's territory, mainland and islands, Hoàng Sa and Trường Sa included
# (about 102.14° E to 117.83° E, 6.5° N to 23.39° N).
VIETNAM_EXTENT: Final[tuple[float, float, float, float]] = (102.1, 6.4, 117.9, 23.4)


class RasterRefusedError(InvalidInputError):
    """A raster that cannot be used; the message is the one sentence to show."""


@dataclass(frozen=True)
class RasterInfo:
    """What the checks learnt about a raster (no pixel data)."""

    path: Path
    crs_wkt: str
    crs_name: str
    width: int
    height: int
    band_count: int
    band: int
    dtype: str
    nodata: float | None
    bounds_lonlat: tuple[float, float, float, float]
    pixel_size: tuple[float, float]
    is_geographic: bool
    overviews: int
    size_bytes: int


def format_size(size: int) -> str:
    """A byte count as people say it: 2.0 GB, 312 MB, 48 KB."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.0f} MB"
    return f"{max(size, 1) / 1024:,.0f} KB"


def _refuse(name: str, why: str) -> RasterRefusedError:
    return RasterRefusedError(f"The raster '{name}' {why}.")


def _lonlat_bounds(crs: CRS, bounds: tuple[float, float, float, float], name: str) -> tuple[float, float, float, float]:
    """The raster's extent in lon/lat, densified along the edges; refuses a CRS PROJ cannot transform."""
    try:
        transformer = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)
        west, south, east, north = transformer.transform_bounds(*bounds, densify_pts=21)
    except (CRSError, ProjError) as error:
        raise _refuse(name, f"has a CRS ({crs.name}) that cannot be transformed to WGS 84 (EPSG:4326)") from error
    values = (west, south, east, north)
    if not all(abs(v) < 1e9 for v in values) or any(v != v for v in values):
        raise _refuse(name, f"has a CRS ({crs.name}) that cannot be transformed to WGS 84 (EPSG:4326)")
    return float(west), float(south), float(east), float(north)


def _read_probe(dataset: DatasetReader, band: int, name: str) -> None:
    """Read the first and the last block of ``band``; a truncated or corrupt file fails here."""
    from rasterio.errors import RasterioError
    from rasterio.windows import Window

    block_h, block_w = dataset.block_shapes[band - 1]
    last_row = ((dataset.height - 1) // block_h) * block_h
    last_col = ((dataset.width - 1) // block_w) * block_w
    try:
        for row, col in ((0, 0), (last_row, last_col)):
            window = Window(col, row, min(block_w, dataset.width - col), min(block_h, dataset.height - row))
            dataset.read(band, window=window)
    except (RasterioError, ValueError) as error:
        raise _refuse(name, "is corrupt or truncated: its pixel blocks cannot be read") from error


def open_checked(
    path: str | Path,
    *,
    band: int | None = None,
    display_name: str | None = None,
    max_bytes: int = MAX_RASTER_BYTES,
    country: shapely.Geometry | None = None,
) -> RasterInfo:
    """Check that ``path`` is a usable raster and describe it.

    Parameters
    ----------
    path
        A GeoTIFF (Cloud Optimized or not) or any single file GDAL opens.
    band
        1-based band number; required when the file has more than one band.
    display_name
        The name used in the sentences (an uploaded file's own name); defaults to the file name.
    max_bytes
        Size limit of the file (:data:`MAX_RASTER_BYTES`).
    country
        Vietnam's outline in EPSG:4326 for the overlap check; the extent :data:`VIETNAM_EXTENT` when None.

    Raises
    ------
    RasterRefusedError
        With one sentence naming the file and the reason.
    """
    import rasterio
    from rasterio.errors import NotGeoreferencedWarning, RasterioError

    path = Path(path)
    name = display_name or path.name
    if not path.is_file():
        raise _refuse(name, "does not exist or is not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise _refuse(name, f"is {format_size(size)}, over the limit of {format_size(max_bytes)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        try:
            dataset = rasterio.open(path)  # header only; the probe reads two blocks
        except RasterioError as error:
            raise _refuse(name, "is not a raster GDAL can read (corrupt, truncated or not a GeoTIFF)") from error
        with dataset:
            if dataset.crs is None:
                raise _refuse(name, "has no coordinate reference system (CRS); georeference it and upload it again")
            try:
                crs = CRS.from_wkt(dataset.crs.to_wkt())
            except CRSError as error:
                raise _refuse(name, "has a CRS that cannot be read") from error
            bounds = tuple(dataset.bounds)
            lonlat = _lonlat_bounds(crs, bounds, name)
            extent = shapely.box(*lonlat)
            reference = country if country is not None else shapely.box(*VIETNAM_EXTENT)
            if not extent.intersects(reference):
                raise _refuse(
                    name,
                    f"does not overlap Vietnam (its extent is {lonlat[0]:.3f}–{lonlat[2]:.3f}° E, "
                    f"{lonlat[1]:.3f}–{lonlat[3]:.3f}° N)",
                )
            if dataset.transform.b != 0 or dataset.transform.d != 0:
                raise _refuse(name, "has a rotated grid; warp it north-up (e.g. with gdalwarp) and upload it again")
            if band is None:
                if dataset.count > 1:
                    raise _refuse(name, f"has {dataset.count} bands; choose the band to use (1 to {dataset.count})")
                band = 1
            if not 1 <= band <= dataset.count:
                raise _refuse(name, f"has no band {band}; it has {dataset.count}")
            _read_probe(dataset, band, name)
            nodata = dataset.nodatavals[band - 1]
            return RasterInfo(
                path=path,
                crs_wkt=crs.to_wkt(),
                crs_name=crs.name,
                width=dataset.width,
                height=dataset.height,
                band_count=dataset.count,
                band=band,
                dtype=dataset.dtypes[band - 1],
                nodata=None if nodata is None else float(nodata),
                bounds_lonlat=lonlat,
                pixel_size=(abs(dataset.transform.a), abs(dataset.transform.e)),
                is_geographic=crs.is_geographic,
                overviews=len(dataset.overviews(band)),
                size_bytes=size,
            )
