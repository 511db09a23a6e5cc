"""What one export of one locality shows (:class:`ExportBundle`), gathered from frames by :func:`collect`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.errors import InvalidInputError
from geo.localities import Locality, locality_from_params, units_of
from geo.metrics import urbanisation, ward_ratio
from geo.progress import target_status
from geo.resolutions import LinkedRegister
from geo.scenario import apply_upgrades
from geo.spatial import locality_codes_of, locality_register
from geo.vintage.title import with_vintage

if TYPE_CHECKING:
    from geo.metrics import Urbanisation, WardRatio
    from geo.raster.figure import PrintRaster

__all__ = ["ExportBundle", "resolve_locality", "collect"]


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
    provinces, districts
        National outlines (EPSG:4326) for the locator and the neighbours around the body; None draws none.
    meridians
        Sourced VN-2000 TM-3 central meridians by province code (:func:`geo.io.load_meridians`).
    raster
        A user's raster drawn over the units, with its legend and source line; None draws none.
    vintage
        The unit list the bundle's units come from: ``"legacy"`` (before 1/7/2025) or ``"2025"``;
        the footer names its source.
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
    provinces: gpd.GeoDataFrame | None = None
    districts: gpd.GeoDataFrame | None = None
    meridians: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    meridian_refusals: Mapping[str, str] = field(default_factory=dict)
    raster: PrintRaster | None = None
    vintage: str = "legacy"

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
    units: gpd.GeoDataFrame,
    population: pd.DataFrame,
    register: LinkedRegister,
    provinces: gpd.GeoDataFrame | None,
    districts: gpd.GeoDataFrame | None,
    meridians: Mapping[str, tuple[str, float]],
    upgrade: Sequence[str] = (),
    title: str | None = None,
    made_on: date | None = None,
    raster: PrintRaster | None = None,
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
        The national layer (:func:`geo.io.load_units`).
    population
        Population table (:func:`geo.io.load_population`, with any imported figures).
    register
        The linked register (:func:`geo.io.load_linked_register`).
    provinces, districts, meridians
        Carried into the bundle for drawing and VN-2000 (see :class:`ExportBundle`).
    made_on
        Footer date (today when None).
    raster
        A raster of the library to draw (:meth:`geo.raster.figure.PrintRaster.of`); None draws none.

    Returns
    -------
    ExportBundle
        Geometry in EPSG:4326.
    """
    national = units
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
    pop = population
    urban = urbanisation(national, pop, **scope_kw)
    urban_after = urbanisation(national, pop, **scope_kw, upgrade=codes) if codes else None

    projects, targets = locality_register(
        register.projects, register.targets, scope, level=locality.level, codes=locality.codes
    )
    targets = target_status(targets, register.actuals)
    documents = register.documents
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
        subtitle=with_vintage(_subtitle(documents), "legacy"),
        ratio=ratio,
        ratio_after=ratio_after,
        urban=urban,
        urban_after=urban_after,
        upgrade=tuple(sorted(codes)),
        made_on=made_on or date.today(),
        provinces=provinces,
        districts=districts,
        meridians=dict(meridians),
        raster=raster,
    )
