"""Presentation export: map snapshots, a meeting pack and data files of one locality.

:mod:`geo.export.bundle` gathers what one export shows. The writers are split
by output: :mod:`geo.export.layout` frames the page (matplotlib, PNG/PDF) around
the map body of :mod:`geo.export.body` and the furniture of
:mod:`geo.export.furniture`; :mod:`geo.export.raster` writes the georeferenced
GeoTIFF, :mod:`geo.export.slides` the PPTX, :mod:`geo.export.data` the vector
and table formats (with the VN-2000 option) and :mod:`geo.export.cli` the
``python -m geo export`` command. This module gathers what every format needs
and picks the writer from a file extension.

Only this module and the writers touch files; the heavy libraries
(matplotlib, python-pptx, rasterio) are imported by the modules that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from geo.crs import CRS_CHOICES, CrsChoice, vn2000_crs
from geo.errors import InvalidInputError
from geo.text import Lang

if TYPE_CHECKING:
    from geo.export.bundle import ExportBundle, collect, resolve_locality
    from geo.progress import target_status
    from geo.spatial import locality_register

# Imported on first use: the command line registers ``export`` without loading geopandas.
_LAZY = {
    "ExportBundle": "geo.export.bundle",
    "collect": "geo.export.bundle",
    "resolve_locality": "geo.export.bundle",
    "target_status": "geo.progress",
    "locality_register": "geo.spatial",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geo.export' has no attribute {name!r}")

__all__ = [
    "FORMATS",
    "PAGE_SIZES",
    "ORIENTATIONS",
    "DPIS",
    "CRS_CHOICES",
    "PageSize",
    "Orientation",
    "ExportBundle",
    "locality_register",
    "target_status",
    "resolve_locality",
    "collect",
    "check_suffix",
    "check_options",
    "export_file",
]

# Extension → what is written. The CLI and the page offer exactly these.
FORMATS: dict[str, str] = {
    ".png": "map snapshot (PNG)",
    ".pdf": "map snapshot (PDF, fonts embedded)",
    ".tif": "georeferenced map body (GeoTIFF)",
    ".pptx": "meeting pack (PowerPoint)",
    ".geojson": "units and projects (GeoJSON, RFC 7946)",
    ".gpkg": "units, projects and targets (GeoPackage)",
    ".kml": "units and projects (KML, Google Earth)",
    ".zip": "shapefiles and targets table (zip)",
    ".csv": "units, projects and targets (CSV, UTF-8 with BOM)",
}
PageSize = Literal["A4", "A3"]
Orientation = Literal["landscape", "portrait"]
PAGE_SIZES: Final[tuple[PageSize, ...]] = ("A4", "A3")
ORIENTATIONS: Final[tuple[Orientation, ...]] = ("landscape", "portrait")
DPIS: Final[tuple[int, ...]] = (150, 300)


def _writer(suffix: str) -> Callable[..., None]:
    if suffix in (".png", ".pdf"):
        from geo.export.layout import write_snapshot

        return write_snapshot
    if suffix == ".tif":
        from geo.export.raster import write_geotiff

        return write_geotiff
    if suffix == ".pptx":
        from geo.export.slides import write_pptx

        return write_pptx
    from geo.export.data import write_data

    return write_data


def check_suffix(path: Path) -> str:
    """The lower-case extension of ``path`` if it is one of :data:`FORMATS`.

    Raises
    ------
    InvalidInputError
        Any other extension.
    """
    suffix = path.suffix.lower()
    if suffix == ".tiff":
        suffix = ".tif"
    if suffix not in FORMATS:
        raise InvalidInputError(f"Cannot export to '{path.name}': the extension must be one of {', '.join(FORMATS)}.")
    return suffix


def check_options(*, size: str, orientation: str, dpi: int, crs: str) -> None:
    """Raise :class:`InvalidInputError` naming the first option outside its choices."""
    for name, value, choices in (
        ("size", size, PAGE_SIZES),
        ("orientation", orientation, ORIENTATIONS),
        ("dpi", dpi, DPIS),
        ("crs", crs, CRS_CHOICES),
    ):
        if value not in choices:
            raise InvalidInputError(f"The {name} must be one of {', '.join(map(str, choices))}; got '{value}'.")


def export_file(
    bundle: ExportBundle,
    path: Path | str,
    *,
    size: PageSize = "A4",
    orientation: Orientation = "landscape",
    dpi: int = 150,
    crs: CrsChoice = "wgs84",
    lang: Lang = "vi",
) -> Path:
    """Write ``bundle`` to ``path`` in the format its extension names, atomically.

    The file is written to a temporary name in the target directory and renamed
    into place, so a failure never leaves a partial file.

    Raises
    ------
    InvalidInputError
        An unknown extension, a bad option, a CRS the format cannot carry, or a
        directory that does not exist or cannot be written.
    """
    from geo.safe_write import atomic_write

    path = Path(path)
    suffix = check_suffix(path)
    check_options(size=size, orientation=orientation, dpi=dpi, crs=crs)
    if crs == "vn2000":
        if suffix in (".geojson", ".kml"):
            raise InvalidInputError(
                f"{suffix[1:].upper()} is WGS 84 by its specification; use --crs wgs84 or write .gpkg, .zip or .csv."
            )
        # refuse an unsourced province (or a 2025 one of several meridians) before any work
        vn2000_crs(bundle.units, meridians=bundle.meridians, refusals=bundle.meridian_refusals)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidInputError(f"Cannot write '{path}': the folder {parent} does not exist.")
    drawn = bundle.units.geometry.notna() & ~bundle.units.geometry.is_empty
    if suffix in (".png", ".pdf", ".tif") and not drawn.any():
        raise InvalidInputError(
            f"{bundle.locality.name_vi} has no boundary data: none of its units has a polygon, "
            "so there is no map to draw; export its data (.csv, .gpkg) instead."
        )
    writer = _writer(suffix)
    options = {"size": size, "orientation": orientation, "dpi": dpi, "crs": crs, "lang": lang}
    try:
        atomic_write(path, lambda tmp: writer(bundle, tmp, fmt=suffix, **options))
    except PermissionError:
        raise InvalidInputError(f"Cannot write '{path}': permission denied.") from None
    except IsADirectoryError:
        raise InvalidInputError(f"Cannot write '{path}': it is a folder.") from None
    return path
