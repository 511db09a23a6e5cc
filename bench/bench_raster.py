"""Raster figures: zonal statistics of Trà Vinh's 104 units on a 10,000 × 10,000 raster, a 2 km buffer around
every located project, exactextract against rasterstats (accuracy and speed), the memory of a 1 GB raster read
by window, and an image overlay against locally served tiles. Prints figures, never fails.

Run: .venv/bin/python -m bench.bench_raster [--skip-1gb]
Each measurement runs in a fresh process so that its peak resident memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import resource
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

T = TypeVar("T")

UTM48 = "EPSG:32648"


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM): ru_maxrss would carry the parent's over exec."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Took(tuple):
    """Wall seconds, CPU seconds (user + system: steadier than wall time on a shared machine), peak MB."""

    def __str__(self) -> str:
        return f"wall {self[0]:5.2f} s, CPU {self[1]:5.2f} s, peak {self[2]:,.0f} MB"


def _isolated(function: Callable[..., T], *args: object) -> tuple[T, Took]:
    """``function(*args)`` in a fresh process: its result and what it took (peak resident memory of the whole
    process, interpreter and imports included)."""
    with mp.get_context("spawn").Pool(1) as pool:
        result, wall, cpu, peak = pool.apply(_timed, (function, *args))
    return result, Took((wall, cpu, peak))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(function: Callable[..., T], *args: object) -> tuple[T, float, float, float]:
    start, cpu = time.perf_counter(), _cpu()
    result = function(*args)
    return result, time.perf_counter() - start, _cpu() - cpu, _peak_mb()


def _units(district: str | None = None, province: str | None = None) -> gpd.GeoDataFrame:
    from geo.boundaries import select_units
    from geo.io import load_units

    units = select_units(load_units(), district_code=district, province_code=province)
    return units[["code", "name", "geometry"]].reset_index(drop=True)


def write_field(path: Path, units: gpd.GeoDataFrame, *, size: int, tile: int = 512, dtype: str = "float32",
                compress: str | None = "deflate") -> Path:
    """A size × size raster over ``units`` (UTM 48N), a smooth field plus noise, written by window."""
    import rasterio
    from affine import Affine
    from rasterio.windows import Window

    minx, miny, maxx, maxy = units.to_crs(UTM48).total_bounds
    pixel = max(maxx - minx, maxy - miny) * 1.02 / size
    transform = Affine(pixel, 0.0, minx - 0.01 * (maxx - minx), 0.0, -pixel, maxy + 0.01 * (maxy - miny))
    profile = {"driver": "GTiff", "width": size, "height": size, "count": 1, "dtype": dtype, "crs": UTM48,
               "transform": transform, "nodata": -9999.0, "tiled": True, "blockxsize": tile, "blockysize": tile,
               "BIGTIFF": "IF_SAFER"}
    if compress:
        profile["compress"] = compress
    rng = np.random.default_rng(0)
    with rasterio.open(path, "w", **profile) as dataset:
        for row in range(0, size, tile):
            h = min(tile, size - row)
            cols = np.arange(size)
            rows = np.arange(row, row + h)[:, None]
            field = 1.0 + np.sin(cols / 700.0) * np.cos(rows / 900.0)
            block = (field + rng.normal(0, 0.05, (h, size))).astype(dtype)
            dataset.write(block, 1, window=Window(0, row, size, h))
    return path


def _exact(path: str, province: str, statistics: tuple[str, ...]) -> pd.DataFrame:
    from geo.raster.zonal import zonal_stats

    return zonal_stats(path, _units(province=province), statistics=statistics, threshold=1.0)


def _rasterstats(path: str, province: str, all_touched: bool) -> object:
    import rasterio
    from rasterstats import zonal_stats as rs_zonal

    units = _units(province=province)
    with rasterio.open(path) as dataset:
        crs = dataset.crs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rs_zonal(units.to_crs(crs), path, stats=["count", "mean", "min", "max", "sum"], all_touched=all_touched)


def _projects(path: str, province: str, buffer_m: float) -> tuple[int, int, pd.DataFrame]:
    from geo.io import load_linked_projects, load_units
    from geo.raster.zonal import project_zones, zonal_stats
    from geo.spatial import locality_register

    projects, _ = locality_register(load_linked_projects(), _no_targets(), load_units(), level="province",
                                    codes=[province])
    zones = project_zones(projects, buffer_m=buffer_m)
    table = zonal_stats(path, zones, statistics=("count", "mean", "max"), id_columns=("code", "name", "basis"))
    return int((zones["basis"] != "not located").sum()), len(zones), table


def _no_targets() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"id": [], "locality_code": []})


def _accuracy(folder: Path, district: str, pixel: float) -> dict[str, float]:
    """Worst and mean |sum / expected - 1| of a constant raster per unit, each method."""
    import rasterio
    from affine import Affine

    from geo.boundaries import geodesic_area_km2

    units = _units(district=district)
    minx, miny, maxx, maxy = units.to_crs(UTM48).total_bounds
    x0, y0 = math.floor(minx / pixel) * pixel - 5 * pixel, math.ceil(maxy / pixel) * pixel + 5 * pixel
    cols, rows = int((maxx - x0) / pixel) + 10, int((y0 - miny) / pixel) + 10
    path = folder / f"ones-{district}-{pixel:g}.tif"
    with rasterio.open(path, "w", driver="GTiff", width=cols, height=rows, count=1, dtype="float32", crs=UTM48,
                       transform=Affine(pixel, 0.0, x0, 0.0, -pixel, y0), nodata=-9999.0) as dataset:
        dataset.write(np.ones((1, rows, cols), "float32"))
    expected = geodesic_area_km2(units.geometry).to_numpy() * 1e6 / pixel**2
    out: dict[str, float] = {}
    from geo.raster.zonal import zonal_stats

    exact = zonal_stats(path, units, statistics=("sum",))["sum"].to_numpy()
    out["exactextract"] = float(np.abs(exact / expected - 1).max())
    out["exactextract_mean"] = float(np.abs(exact / expected - 1).mean())
    from rasterstats import zonal_stats as rs_zonal

    for touched in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stats = rs_zonal(units.to_crs(UTM48), str(path), stats=["sum"], all_touched=touched)
        got = np.array([s["sum"] or 0.0 for s in stats])
        key = "rasterstats_all_touched" if touched else "rasterstats_centre"
        out[key] = float(np.abs(got / expected - 1).max())
        out[key + "_mean"] = float(np.abs(got / expected - 1).mean())
    return out


def _read_1gb(path: str, province: str, step: str) -> tuple[int, int]:
    """One step on the 1 GiB raster: the checks, the display image of the province, or its zonal means
    (``baseline``: the imports and the unit layer alone, to read the others against)."""
    from geo.raster.render import render_image
    from geo.raster.validate import open_checked
    from geo.raster.zonal import zonal_stats

    if step == "baseline":  # the same imports and the unit layer, no raster read
        _units(province=province)
        return 0, 0
    info = open_checked(path)
    if step == "display":
        return info.width, render_image(path, clip_lonlat=tuple(_units(province=province).total_bounds)).width
    if step == "zonal":
        zonal_stats(path, _units(province=province), statistics=("count", "mean"))
    return info.width, 0


def _tiles(path: str, bounds: tuple[float, float, float, float], zoom: int, limit: int) -> tuple[int, float]:
    """Number of 256-px Web Mercator tiles over ``bounds`` at ``zoom``, and seconds to render ``limit`` of them."""
    from geo.raster.render import render_image

    def tile_of(lon: float, lat: float) -> tuple[int, int]:
        n = 2**zoom
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        return x, y

    x0, y1 = tile_of(bounds[0], bounds[1])
    x1, y0 = tile_of(bounds[2], bounds[3])
    tiles = [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    n = 2**zoom
    start = time.perf_counter()
    for x, y in tiles[:limit]:
        west, east = x / n * 360 - 180, (x + 1) / n * 360 - 180
        north = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
        south = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 1) / n))))
        try:
            render_image(path, breaks=[1.0], clip_lonlat=(west, south, east, north), max_side=256)
        except Exception:  # noqa: BLE001 - a tile beyond the raster's edge
            pass
    return len(tiles), (time.perf_counter() - start) / max(1, min(limit, len(tiles)))


def main() -> None:
    skip_1gb = "--skip-1gb" in sys.argv
    with tempfile.TemporaryDirectory(prefix="bench-raster-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        big = write_field(folder / "tra-vinh-10k.tif", _units(province="84"), size=10_000)
        print(f"write 10,000 × 10,000 float32 raster over Trà Vinh (deflate, 512-px tiles): "
              f"{time.perf_counter() - start:5.1f} s, {big.stat().st_size / 1024**2:,.0f} MB on disk")

        stats = ("count", "mean", "min", "max", "sum", "share")
        table, took = _isolated(_exact, str(big), "84", stats)
        print(f"exactextract, 104 units of Trà Vinh (84), count/mean/min/max/sum + share > 1.0: {took} "
              f"({len(table)} rows)")
        table, took = _isolated(_exact, str(big), "84", ("count", "mean", "min", "max", "sum"))
        print(f"exactextract, same, count/mean/min/max/sum only: {took}")
        for touched in (False, True):
            _, took = _isolated(_rasterstats, str(big), "84", touched)
            label = "all_touched" if touched else "pixel centres"
            print(f"rasterstats ({label}), same 104 units, count/mean/min/max/sum: {took}")
        (located, total, table), took = _isolated(_projects, str(big), "84", 2000.0)
        print(f"2 km buffer around every located project of Trà Vinh ({located} of {total} located), "
              f"count/mean/max: {took}")

        for district, pixel in (("817", 30.0), ("817", 100.0), ("080", 30.0)):
            errors, _ = _isolated(_accuracy, folder, district, pixel)
            e = errors
            print(f"accuracy, constant raster {pixel:g} m over {district}, |sum·pixel area / unit area − 1| "
                  f"worst (mean): exactextract {e['exactextract']:.3%} ({e['exactextract_mean']:.3%}), "
                  f"rasterstats centres {e['rasterstats_centre']:.2%} ({e['rasterstats_centre_mean']:.2%}), "
                  f"all_touched {e['rasterstats_all_touched']:.1%} ({e['rasterstats_all_touched_mean']:.1%})")

        west, south, east, north = (float(v) for v in _units(province="84").total_bounds)
        tra_vinh = (west, south, east, north)
        (_, width, size), took = _isolated(_overlay, str(big), tra_vinh)
        print(f"image overlay of the 10k raster over Trà Vinh, {width} px wide, {size / 1024:,.0f} KiB PNG "
              f"(embedded once in the page): {took}")
        for zoom in (10, 13, 16):
            count, per_tile = _tiles(str(big), tra_vinh, zoom, 12)
            print(f"tiles at zoom {zoom}: {count:,} tiles over Trà Vinh, {per_tile * 1000:5.0f} ms each "
                  f"→ {count * per_tile:8.1f} s to pre-render that zoom")

        if skip_1gb:
            return
        start = time.perf_counter()
        gb = write_field(folder / "one-gb.tif", _units(province="84"), size=16_384, compress=None)
        print(f"write 16,384 × 16,384 float32, uncompressed: {time.perf_counter() - start:5.1f} s, "
              f"{gb.stat().st_size / 1024**3:.2f} GiB on disk")
        for step in ("baseline", "check", "display", "zonal"):
            _, took = _isolated(_read_1gb, str(gb), "84", step)
            print(f"1 GiB raster (16,384 px square, 512-px tiles, no overviews), {step}: {took}")


def _overlay(path: str, bounds: tuple[float, float, float, float]) -> tuple[int, int, int]:
    from geo.raster.render import render_image

    image = render_image(path, clip_lonlat=bounds)
    return image.height, image.width, len(image.png)


if __name__ == "__main__":
    main()
