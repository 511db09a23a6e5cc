"""Zonal statistics of a raster per unit or per project, weighted by the covered fraction of each pixel.

exactextract computes, for every pixel a zone touches, the fraction of the pixel
inside the zone, and weights every statistic by it; rasterstats counts a pixel
whole or not at all (by its centre, or every touched pixel). bench/bench_raster.py
measures both on the same rasters; the README gives the figures and the choice.

Zones arrive in EPSG:4326 and are transformed to the raster's CRS (the raster is
never resampled). Project buffers are drawn in metres in the project's UTM zone,
never in degrees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import InvalidInputError
from geo.raster.env import reading

if TYPE_CHECKING:
    from exactextract.raster import RasterioRasterSource
    from rasterio.io import DatasetReader

__all__ = ["STATISTICS", "DEFAULT_STATISTICS", "check_statistics", "zonal_stats", "project_zones", "utm_crs_for"]

# count: covered pixels (fractions summed, nodata excluded); share: fraction (0–1) of the
# covered area with data whose value is above (or below) the threshold.
STATISTICS: Final[tuple[str, ...]] = ("count", "mean", "min", "max", "sum", "share")
DEFAULT_STATISTICS: Final[tuple[str, ...]] = ("count", "mean", "min", "max", "sum")
_EXACT_OPS: Final[dict[str, str]] = {"count": "count", "mean": "mean", "min": "min", "max": "max", "sum": "sum"}


def check_statistics(names: Sequence[str], *, threshold: float | None) -> list[str]:
    """The statistics asked for, in order, without repeats; ``share`` needs a threshold.

    A threshold given without ``share`` in the list adds it at the end.
    """
    chosen = list(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    unknown = [n for n in chosen if n not in STATISTICS]
    if unknown:
        raise InvalidInputError(f"Unknown statistic '{unknown[0]}'; choose from {', '.join(STATISTICS)}.")
    if not chosen:
        raise InvalidInputError(f"Choose at least one statistic from {', '.join(STATISTICS)}.")
    if "share" in chosen and threshold is None:
        raise InvalidInputError("The statistic 'share' needs a threshold (--threshold VALUE with --above or --below).")
    if threshold is not None and "share" not in chosen:
        chosen.append("share")
    return chosen


def utm_crs_for(lon: float, lat: float) -> str:
    """The WGS 84 / UTM zone holding (lon, lat): metres with under 0.1 % scale error near the point."""
    zone = min(60, max(1, int(math.floor((lon + 180.0) / 6.0)) + 1))
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


def project_zones(projects: gpd.GeoDataFrame, *, buffer_m: float | None) -> gpd.GeoDataFrame:
    """The zone of each project: its own polygon, or a buffer of ``buffer_m`` metres around it.

    Points and lines have no area of their own: without a buffer their zone is
    empty and every statistic unknown. Projects without a location keep an
    empty zone and ``basis`` 'not located'.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code`` (project id), ``name``, ``basis`` and the zone geometry, EPSG:4326.
    """
    if buffer_m is not None and not (math.isfinite(buffer_m) and 0 < buffer_m <= 100_000):
        raise InvalidInputError(f"The buffer must be between 0 and 100,000 m, not {buffer_m:g}.")
    rows = []
    for pid, name, geometry in zip(projects["id"], projects["name_vi"], projects.geometry.to_crs(4326)):
        if geometry is None or geometry.is_empty:
            rows.append((pid, name, "not located", None))
            continue
        if buffer_m:
            centre = geometry.representative_point()
            metric = utm_crs_for(centre.x, centre.y)
            drawn = gpd.GeoSeries([geometry], crs=4326).to_crs(metric).buffer(buffer_m, quad_segs=16).to_crs(4326)
            rows.append((pid, name, f"buffer {buffer_m:g} m", drawn.iloc[0]))
        elif geometry.geom_type in ("Polygon", "MultiPolygon"):
            rows.append((pid, name, "geometry", geometry))
        else:
            rows.append((pid, name, "no area (give a buffer)", None))
    frame = pd.DataFrame(rows, columns=["code", "name", "basis", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=4326)


def _threshold_source(dataset: DatasetReader, band: int, threshold: float, above: bool) -> RasterioRasterSource:
    """A raster source of 1 where the value is past the threshold, 0 elsewhere, masked where nodata.

    Its coverage-weighted mean over a zone is the share of the zone's area with data that is past the
    threshold, read block by block like any raster: no per-pixel arrays are kept.
    """
    from exactextract.raster import RasterioRasterSource

    class ThresholdSource(RasterioRasterSource):
        def nodata_value(self) -> None:  # the mask carries nodata; 0 and 1 are both values
            return None

        def read_window(self, x0: int, y0: int, nx: int, ny: int) -> np.ma.MaskedArray:
            values = np.ma.masked_invalid(np.ma.asarray(super().read_window(x0, y0, nx, ny)).astype("float64"))
            past = values.filled(np.nan) > threshold if above else values.filled(np.nan) < threshold
            return np.ma.array(past.astype("float64"), mask=np.ma.getmaskarray(values))

    return ThresholdSource(dataset, band_idx=band, name="share")


def zonal_stats(
    raster: str | Path,
    zones: gpd.GeoDataFrame,
    *,
    band: int = 1,
    statistics: Sequence[str] = DEFAULT_STATISTICS,
    threshold: float | None = None,
    above: bool = True,
    id_columns: Sequence[str] = ("code", "name"),
) -> pd.DataFrame:
    """One row per zone with ``id_columns`` and one column per statistic, named as asked.

    Parameters
    ----------
    raster
        A raster accepted by :func:`geo.raster.validate.open_checked`.
    zones
        Polygons with a CRS (units in EPSG:4326, or :func:`project_zones`); an empty
        geometry gives a row of unknown (NaN) statistics.
    statistics
        Names from :data:`STATISTICS`, checked by :func:`check_statistics`.
    threshold, above
        For ``share``: the fraction of the covered area with data above (``above``) or
        below the threshold, from 0 to 1.

    Returns
    -------
    pandas.DataFrame
        ``count`` in pixels (fractions of cut pixels summed, nodata excluded); ``sum``
        in the raster's unit × pixels; ``mean``, ``min``, ``max`` in the raster's unit.
    """
    import rasterio
    from exactextract import exact_extract
    from exactextract.raster import RasterioRasterSource

    chosen = check_statistics(list(statistics), threshold=threshold)
    if zones.crs is None:
        raise InvalidInputError("The zones have no CRS.")
    out = pd.DataFrame({c: zones[c].to_numpy() for c in id_columns})
    for name in chosen:
        out[name] = np.nan
    present = zones.geometry.notna() & ~zones.geometry.is_empty
    if not present.any():
        return out
    ops = [_EXACT_OPS[n] for n in chosen if n in _EXACT_OPS]
    with reading(), rasterio.open(raster) as dataset:
        drawn = zones.loc[present, [zones.geometry.name]].to_crs(dataset.crs)
        drawn = drawn.set_geometry(shapely.make_valid(drawn.geometry.to_numpy()))
        drawn["_row"] = np.flatnonzero(present.to_numpy())
        # Zones in Hilbert-curve order: neighbours in turn share the blocks in GDAL's bounded cache.
        drawn = drawn.iloc[np.argsort(drawn.geometry.hilbert_distance().to_numpy(), kind="stable")]
        if ops:
            result = exact_extract(
                RasterioRasterSource(dataset, band_idx=band), drawn, ops, include_cols=["_row"], output="pandas"
            )
            for name in ops:
                out.loc[result["_row"].to_numpy(), name] = result[name].to_numpy(dtype=float)
        if "share" in chosen:
            assert threshold is not None
            shares = exact_extract(
                _threshold_source(dataset, band, threshold, above), drawn, ["mean"], include_cols=["_row"],
                output="pandas",
            )
            out.loc[shares["_row"].to_numpy(), "share"] = shares["mean"].to_numpy(dtype=float)
    if "count" in chosen:
        empty = out["count"].fillna(0) <= 0
        for name in chosen:
            if name not in ("count", "sum"):
                out.loc[empty, name] = np.nan
    return out[[*id_columns, *chosen]]
