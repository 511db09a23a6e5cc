"""Presentation export: map snapshots, a meeting pack and data files of one locality.

The computation is split by output: :mod:`geo.export.layout` draws the page
(matplotlib, PNG/PDF), :mod:`geo.export.raster` writes the georeferenced
GeoTIFF, :mod:`geo.export.slides` the PPTX, :mod:`geo.export.data` the vector
and table formats (with the VN-2000 option) and :mod:`geo.export.cli` the
``python -m geo export`` command. This module gathers what every format needs
into one :class:`ExportBundle` and picks the writer from a file extension.

Only this module and the writers touch files; the heavy libraries
(matplotlib, python-pptx, rasterio) are imported by the modules that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.errors import InvalidInputError
from geo.localities import Locality
from geo.progress import target_status
from geo.spatial import locality_codes_of, locality_register

if TYPE_CHECKING:
    from geo.metrics import Urbanisation, WardRatio

__all__ = [
    "FORMATS",
    "PAGE_SIZES",
    "ORIENTATIONS",
    "DPIS",
    "CRS_CHOICES",
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
PAGE_SIZES = ("A4", "A3")
ORIENTATIONS = ("landscape", "portrait")
DPIS = (150, 300)
CRS_CHOICES = ("wgs84", "vn2000")


@dataclass(frozen=True)
class ExportBundle:
    """Everything one export of one locality shows.

    Attributes
    ----------
    locality
        The locality (one or more districts, or one province).
    units
        Its commune-level units, EPSG:4326, with a bool column ``upgraded``
        (scenario) and ``unit_type`` after the scenario.
    projects
        Projects in or named for the locality (geometry None where not located).
    targets
        Targets of the locality with ``actual``, ``actual_year`` and ``status``
        ('met', 'not met', 'no data').
    documents
        The source documents of those targets and projects.
    title, subtitle
        Page title (editable) and the line naming the document(s).
    ratio, ratio_after
        Ward ratio now and after the scenario (``ratio_after`` None without one).
    urban, urban_after
        Urban population share (census definition) now and after the scenario.
    made_on
        Date printed in the footer.
    """

    locality: Locality
    units: gpd.GeoDataFrame
    projects: gpd.GeoDataFrame
    targets: pd.DataFrame
    documents: pd.DataFrame
    title: str
    subtitle: str
    ratio: WardRatio | None = None
    ratio_after: WardRatio | None = None
    urban: Urbanisation | None = None
    urban_after: Urbanisation | None = None
    upgrade: tuple[str, ...] = ()
    made_on: date = field(default_factory=date.today)

    @property
    def unlocated(self) -> int:
        """Number of projects with no geometry (listed in the footer, not drawn)."""
        return int(self.projects.geometry.isna().sum())


def resolve_locality(*, district: str | None = None, province: str | None = None, units: pd.DataFrame) -> Locality:
    """The locality named by ``--district CODE[,CODE…]`` or ``--province CODE``.

    Raises
    ------
    InvalidInputError, UnknownCodeError
        Neither or both given, or a malformed or unknown code.
    """
    from geo.localities import locality_from_params

    if bool(district) == bool(province):
        raise InvalidInputError("Give exactly one of a district code (--district) or a province code (--province).")
    locality = locality_from_params({"district": district or "", "province": province or ""}, units)
    assert locality is not None
    return locality


def _subtitle(documents: pd.DataFrame) -> str:
    parts = []
    for doc in documents.itertuples():
        number = f" số {doc.number}" if isinstance(doc.number, str) and doc.number else ""
        title = str(doc.title_vi).strip("[]")
        parts.append(f"{title}{number} – {doc.issuing_body}" if number else f"{title} – {doc.issuing_body}")
    return "; ".join(parts)


def collect(
    locality: Locality,
    *,
    upgrade: Sequence[str] = (),
    title: str | None = None,
    units: gpd.GeoDataFrame | None = None,
    population: pd.DataFrame | None = None,
    made_on: date | None = None,
) -> ExportBundle:
    """Gather units, projects, targets, documents and indicators of ``locality``.

    Parameters
    ----------
    locality
        From :func:`resolve_locality` or the page's picker.
    upgrade
        Codes of xã / thị trấn counted as phường (scenario); validated.
    title
        Page title; the locality's Vietnamese name when None.
    units
        The national layer (full resolution read from the cache when None).
    population
        Population table (the 2019 census when None).
    made_on
        Footer date (today when None).

    Returns
    -------
    ExportBundle
        Geometry in EPSG:4326.
    """
    from geo.boundaries import load_units
    from geo.localities import units_of
    from geo.metrics import urbanisation, ward_ratio
    from geo.population import load_population
    from geo.resolutions import load_actuals, load_documents, load_linked_projects, load_linked_targets
    from geo.scenario import apply_upgrades

    national = load_units() if units is None else units
    scope = gpd.GeoDataFrame(units_of(national, locality)).reset_index(drop=True)
    scope["official_type"] = scope["unit_type"]
    codes = list(upgrade)
    scope_kw = (
        {f"{locality.level}_code": locality.codes[0]} if len(locality.codes) == 1 else {"codes": list(scope["code"])}
    )
    if codes:
        for code in codes:
            if code not in set(scope["code"]):
                raise InvalidInputError(f"The scenario unit {code} is not in {locality.name_en}.")
        scope = gpd.GeoDataFrame(apply_upgrades(scope, codes), geometry="geometry", crs=scope.crs)
    else:
        scope = scope.assign(upgraded=False)
    ratio = ward_ratio(national, **scope_kw)
    ratio_after = ward_ratio(national, **scope_kw, upgrade=codes) if codes else None
    pop = load_population() if population is None else population
    urban = urbanisation(national, pop, **scope_kw)
    urban_after = urbanisation(national, pop, **scope_kw, upgrade=codes) if codes else None

    projects, targets = locality_register(
        load_linked_projects(), load_linked_targets(), scope, level=locality.level, codes=locality.codes
    )
    targets = target_status(targets, load_actuals())
    documents = load_documents()
    match = set(locality_codes_of(scope, level=locality.level, codes=locality.codes))
    used = set(targets["document_id"]) | {d for ids in projects["document_ids"] for d in ids}
    named = documents["locality_codes"].map(lambda cs: bool(set(cs or []) & match))
    documents = documents[documents["id"].isin(used) | named].reset_index(drop=True)
    return ExportBundle(
        locality=locality,
        units=scope,
        projects=projects,
        targets=targets,
        documents=documents,
        title=title.strip() if title and title.strip() else locality.name_vi,
        subtitle=_subtitle(documents),
        ratio=ratio,
        ratio_after=ratio_after,
        urban=urban,
        urban_after=urban_after,
        upgrade=tuple(sorted(codes)),
        made_on=made_on or date.today(),
    )


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
    size: str = "A4",
    orientation: str = "landscape",
    dpi: int = 150,
    crs: str = "wgs84",
    lang: str = "vi",
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
        from geo.export.data import vn2000_crs

        vn2000_crs(bundle.units)  # refuse an unsourced province before any work
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
