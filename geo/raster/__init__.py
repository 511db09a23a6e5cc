"""A planner's raster (GeoTIFF, COG): checked on the way in, kept with its metadata, drawn, summarised per zone.

* :mod:`geo.raster.validate` opens a file and refuses it with one sentence;
* :mod:`geo.raster.library` keeps accepted rasters with name, unit, source and year;
* :mod:`geo.raster.zonal` answers "how much, per unit or per project" (exactextract);
* :mod:`geo.raster.render` draws a display image (warped, decimated, coloured);
* :mod:`geo.raster.figure` draws a raster on a print map body (matplotlib).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.raster.validate import RasterInfo, RasterRefusedError, open_checked

__all__ = ["RasterInfo", "RasterRefusedError", "open_checked"]

# Imported on first use: the command line registers ``zonal`` and ``raster`` without loading shapely.
_LAZY = {name: "geo.raster.validate" for name in __all__}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geo.raster' has no attribute {name!r}")
