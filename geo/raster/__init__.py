"""A planner's raster (GeoTIFF, COG): checked on the way in, kept with its metadata, drawn, summarised per zone.

* :mod:`geo.raster.validate` opens a file and refuses it with one sentence;
* :mod:`geo.raster.library` keeps accepted rasters with name, unit, source and year;
* :mod:`geo.raster.zonal` answers "how much, per unit or per project" (exactextract);
* :mod:`geo.raster.render` draws a display image (warped, decimated, coloured).
"""

from __future__ import annotations

from geo.raster.validate import RasterInfo, RasterRefusedError, open_checked

__all__ = ["RasterInfo", "RasterRefusedError", "open_checked"]
