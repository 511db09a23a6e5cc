"""A raster drawn on a matplotlib map body (the print layout and the slides draw with matplotlib).

The raster is warped straight onto the body's grid (its CRS, its extent, the
figure's pixel size), so the print gets the same classes and transparency as
the screen, and nothing is read beyond the body's window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.errors import InvalidInputError
from geo.raster.env import reading
from geo.raster.render import COLORMAPS, RasterClass, colour_classes

if TYPE_CHECKING:
    from geo.raster.library import StoredRaster

__all__ = ["PrintRaster", "draw_raster"]


@dataclass(frozen=True)
class PrintRaster:
    """A stored raster as a print page or a slide shows it: its file and band, its colours, and what the
    legend and the footer say about it (name, unit of measure, source, year)."""

    path: Path
    band: int
    name: str
    unit: str
    source: str
    year: int
    colormap: str = "viridis"
    breaks: tuple[float, ...] | None = None
    opacity: float = 0.7

    @classmethod
    def of(
        cls,
        stored: StoredRaster,
        *,
        colormap: str = "viridis",
        breaks: Sequence[float] | None = None,
        opacity: float = 0.7,
    ) -> PrintRaster:
        """The print view of a raster of the library; one sentence for an unknown colour map or opacity."""
        if colormap not in COLORMAPS:
            raise InvalidInputError(f"Unknown colour map '{colormap}'; choose from {', '.join(COLORMAPS)}.")
        if not 0.0 <= opacity <= 1.0:
            raise InvalidInputError(f"The raster's opacity must be between 0 and 1; got {opacity}.")
        meta = stored.meta
        return cls(
            path=stored.path,
            band=stored.band,
            name=meta.name,
            unit=meta.unit,
            source=meta.source,
            year=meta.year,
            colormap=colormap,
            breaks=tuple(breaks) if breaks else None,
            opacity=float(opacity),
        )


def draw_raster(
    ax: Any,
    path: str | Path,
    *,
    crs: Any,
    extent: tuple[float, float, float, float],
    band: int = 1,
    colormap: str = "viridis",
    breaks: Sequence[float] | None = None,
    alpha: float = 0.7,
    max_side: int = 2400,
    zorder: float = 4,
) -> tuple[RasterClass, ...]:
    """Draw ``band`` of a raster on ``ax`` whose data coordinates are ``crs``, over ``extent``.

    Parameters
    ----------
    crs
        The body's CRS (pyproj or rasterio CRS; EPSG:3857 or VN-2000 TM-3 in the print layout).
    extent
        (x0, y0, x1, y1) of the body in ``crs``.
    max_side
        Longest side, in pixels, of the warped grid (2,400 ≈ A4 landscape at 300 dpi).

    Returns
    -------
    tuple of RasterClass
        The classes drawn, for the legend.
    """
    import rasterio
    from affine import Affine
    from rasterio.crs import CRS as RasterioCRS
    from rasterio.enums import Resampling
    from rasterio.vrt import WarpedVRT

    x0, y0, x1, y1 = extent
    step = max(x1 - x0, y1 - y0) / max_side
    width, height = max(1, round((x1 - x0) / step)), max(1, round((y1 - y0) / step))
    target = RasterioCRS.from_wkt(crs.to_wkt()) if hasattr(crs, "to_wkt") else RasterioCRS.from_user_input(crs)
    transform = Affine((x1 - x0) / width, 0.0, x0, 0.0, -(y1 - y0) / height, y1)
    with reading(), rasterio.open(path) as source, WarpedVRT(
        source, crs=target, transform=transform, width=width, height=height, resampling=Resampling.nearest
    ) as vrt:
        data = vrt.read(band, masked=True)
    rgba, classes, _ = colour_classes(np.ma.asarray(data), breaks=breaks, colormap=colormap)
    rgba[..., 3] = (rgba[..., 3].astype(float) * max(0.0, min(1.0, alpha))).astype(np.uint8)
    ax.imshow(rgba, extent=(x0, x1, y0, y1), origin="upper", interpolation="nearest", zorder=zorder)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return classes
