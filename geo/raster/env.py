"""How GDAL reads users' rasters: one bounded block cache for every read.

GDAL keeps decompressed blocks in a cache of 5 % of the machine's memory by
default (1.2 GB on 24 GB); reading a large raster by window would fill it and
look like the file was read whole. A fixed cache bounds the memory of a read
whatever the file's size; bench/bench_raster.py measures it on a 1 GiB raster.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["GDAL_CACHE_MB", "reading"]

# Holds the blocks of a commune's window many times over (a 512-px float32 block is 1 MB), so
# neighbouring zones still share their blocks.
GDAL_CACHE_MB: Final[int] = 256


def reading() -> Any:
    """A ``rasterio.Env`` with the bounded block cache; wrap every open and read in it."""
    import rasterio

    return rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB)
