"""A display image of a raster: warped to Web Mercator, decimated, coloured by class, nodata transparent.

The source is never copied or read whole: a GDAL warped VRT reprojects on the
fly, and only the window over the view is read, at the display size (GDAL then
reads the source's overviews when it has them). Leaflet stretches an image
overlay linearly between its corners in EPSG:3857, so the image is made in
EPSG:3857 and its corners given in lon/lat.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np

from geo.errors import InvalidInputError
from geo.raster.env import reading

if TYPE_CHECKING:
    from affine import Affine
    from rasterio.io import DatasetReader

__all__ = [
    "COLORMAPS",
    "MAX_IMAGE_SIDE",
    "RasterClass",
    "RasterImage",
    "check_breaks",
    "auto_breaks",
    "colour_classes",
    "render_image",
]

COLORMAPS: Final[tuple[str, ...]] = ("viridis", "Blues", "YlGnBu", "terrain", "YlOrRd", "RdYlGn", "magma", "Greys")
# 1,600 px on the long side: sharper than the map's own width at locality zoom, under ~1 MB of PNG.
MAX_IMAGE_SIDE: Final[int] = 1600
WEB_MERCATOR: Final[str] = "EPSG:3857"


@dataclass(frozen=True)
class RasterClass:
    """One legend row: the value range it covers and its colour."""

    lower: float | None
    upper: float | None
    color: str

    def label(self, unit: str, *, digits: int = 2) -> str:
        """"< 0.5 m", "0.5 – 1 m", "≥ 2 m"."""
        def num(v: float) -> str:
            return f"{v:,.{digits}f}".rstrip("0").rstrip(".")

        if self.lower is None and self.upper is not None:
            return f"< {num(self.upper)} {unit}".strip()
        if self.upper is None and self.lower is not None:
            return f"≥ {num(self.lower)} {unit}".strip()
        return f"{num(self.lower or 0)} – {num(self.upper or 0)} {unit}".strip()


@dataclass(frozen=True)
class RasterImage:
    """A PNG (RGBA) of the raster over the view and where it goes on the map."""

    png: bytes
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east)), degrees
    classes: tuple[RasterClass, ...]
    width: int
    height: int
    valid_pixels: int


def check_breaks(text: str) -> list[float]:
    """Class breaks typed as "0.5, 1, 2": ascending numbers; one sentence otherwise."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise InvalidInputError(f"The class breaks '{text}' are not numbers separated by commas (e.g. 0.5, 1, 2).") \
            from None
    if any(not math.isfinite(v) for v in values) or any(b <= a for a, b in zip(values, values[1:])):
        raise InvalidInputError(f"The class breaks '{text}' must be finite and strictly increasing.")
    if len(values) > 11:
        raise InvalidInputError("At most 11 class breaks (12 classes) can be told apart on a map.")
    return values


def auto_breaks(values: np.ndarray, classes: int = 5) -> list[float]:
    """``classes - 1`` equal-interval breaks between the 2nd and 98th percentiles of ``values``."""
    if values.size == 0:
        return []
    low, high = (float(v) for v in np.percentile(values, [2, 98]))
    if high <= low:
        return [low] if classes > 1 else []
    step = (high - low) / classes
    return [low + step * i for i in range(1, classes)]


def _hex(rgba: Sequence[float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])


def colour_classes(
    data: np.ndarray, *, breaks: Sequence[float] | None, colormap: str
) -> tuple[np.ndarray, tuple[RasterClass, ...], int]:
    """RGBA (uint8) of ``data`` by class of ``colormap``, masked or NaN pixels transparent.

    Returns the image, its classes (``len(breaks) + 1``; automatic breaks when None) and the number of
    pixels with data.
    """
    import matplotlib

    if colormap not in COLORMAPS:
        raise InvalidInputError(f"Unknown colour map '{colormap}'; choose from {', '.join(COLORMAPS)}.")
    values = np.ma.masked_invalid(np.ma.asarray(data).astype("float64"))
    valid = values.compressed()
    chosen = list(breaks) if breaks is not None else auto_breaks(valid)
    palette = matplotlib.colormaps[colormap].resampled(len(chosen) + 1)
    colours = [palette(i) for i in range(len(chosen) + 1)]
    index = np.digitize(values.filled(np.nan), chosen) if chosen else np.zeros(values.shape, dtype=int)
    rgba = (np.asarray(colours)[index] * 255).astype(np.uint8)
    rgba[..., 3] = np.where(np.ma.getmaskarray(values), 0, 255)
    edges = [None, *chosen, None]
    classes = tuple(RasterClass(lower=edges[i], upper=edges[i + 1], color=_hex(c)) for i, c in enumerate(colours))
    return rgba, classes, int(valid.size)


def _display_grid(
    source: DatasetReader, clip_lonlat: tuple[float, float, float, float] | None, max_side: int
) -> tuple[Affine, int, int, int | None]:
    """The EPSG:3857 grid of the display image and the overview level to read it from.

    The grid covers the raster's extent cut to the view, at the raster's own resolution or coarser so
    that its long side stays within ``max_side``; the overview read is the coarsest still finer than
    the grid (None: full resolution).
    """
    from affine import Affine
    from pyproj import Transformer

    to_mercator = Transformer.from_crs(source.crs.to_wkt(), WEB_MERCATOR, always_xy=True)
    left, bottom, right, top = to_mercator.transform_bounds(
        source.bounds.left, source.bounds.bottom, source.bounds.right, source.bounds.top, densify_pts=21
    )
    if clip_lonlat is not None:
        west, south, east, north = Transformer.from_crs(4326, WEB_MERCATOR, always_xy=True).transform_bounds(
            *clip_lonlat, densify_pts=11
        )
        left, bottom, right, top = max(left, west), max(bottom, south), min(right, east), min(top, north)
        if left >= right or bottom >= top:
            raise InvalidInputError("The raster does not cover this locality.")
    t = source.transform
    cx, cy = t.c + t.a * source.width / 2, t.f + t.e * source.height / 2
    (x0, x1), (y0, y1) = to_mercator.transform([cx, cx + t.a], [cy, cy + t.e])
    native_step = math.sqrt(abs((x1 - x0) * (y1 - y0)))  # one source pixel at the centre, in metres of 3857
    step = max(native_step, max(right - left, top - bottom) / max_side)
    width, height = max(1, math.ceil((right - left) / step)), max(1, math.ceil((top - bottom) / step))
    factors = source.overviews(1)
    usable = [i for i, f in enumerate(factors) if native_step * f <= step]
    return Affine(step, 0.0, left, 0.0, -step, top), width, height, (usable[-1] if usable else None)


def render_image(
    path: str | Path,
    *,
    band: int = 1,
    colormap: str = "viridis",
    breaks: Sequence[float] | None = None,
    clip_lonlat: tuple[float, float, float, float] | None = None,
    max_side: int = MAX_IMAGE_SIDE,
) -> RasterImage:
    """Draw ``band`` of a raster in classes of ``colormap``, nodata transparent.

    Parameters
    ----------
    breaks
        Class breaks (ascending); ``len(breaks) + 1`` classes. None: five equal classes
        between the 2nd and 98th percentiles of the pixels shown.
    clip_lonlat
        (west, south, east, north) of the view in degrees; only that window is read.
    max_side
        Longest side of the image in pixels (the raster is read decimated to it).
    """
    import matplotlib.image
    import rasterio
    from pyproj import Transformer
    from rasterio.enums import Resampling
    from rasterio.vrt import WarpedVRT

    with reading(), rasterio.open(path) as source:
        transform, out_w, out_h, level = _display_grid(source, clip_lonlat, max_side)
    # Warp straight onto the display grid: only the source pixels that grid samples are read, from the
    # coarsest overview that is still finer than it.
    with reading(), rasterio.open(path, overview_level=level) if level is not None else rasterio.open(path) as source, \
            WarpedVRT(source, crs=WEB_MERCATOR, transform=transform, width=out_w, height=out_h,
                      resampling=Resampling.nearest) as vrt:
        data = vrt.read(band, masked=True)
    left, top = transform.c, transform.f
    right, bottom = left + out_w * transform.a, top + out_h * transform.e
    rgba, classes, valid = colour_classes(data, breaks=breaks, colormap=colormap)
    buffer = io.BytesIO()
    matplotlib.image.imsave(buffer, rgba, format="png")
    west, south, east, north = Transformer.from_crs(WEB_MERCATOR, 4326, always_xy=True).transform_bounds(
        left, bottom, right, top
    )
    return RasterImage(
        png=buffer.getvalue(),
        bounds=((south, west), (north, east)),
        classes=classes,
        width=out_w,
        height=out_h,
        valid_pixels=valid,
    )
