"""Exports in either vintage: the vintage line of the title block, and the bundle of a 2025 locality.

The print, slides and data writers of :mod:`geo.export` take an
:class:`~geo.export.ExportBundle`; a 2025 locality fills one from the 2025
layer (no districts: ``district_code`` and ``district_name`` are empty).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import geopandas as gpd
import pandas as pd

from geo.export.bundle import ExportBundle, _subtitle
from geo.vintage import V2025
from geo.vintage.title import with_vintage

__all__ = ["with_vintage", "collect_2025"]


def collect_2025(
    codes: tuple[str, ...],
    *,
    name_vi: str,
    name_en: str,
    title: str | None,
    units_2025: gpd.GeoDataFrame,
    crosswalk: pd.DataFrame,
    population: pd.DataFrame,
    projects: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    documents: pd.DataFrame,
    provinces: gpd.GeoDataFrame | None = None,
    meridians: Mapping[str, tuple[str, float]] | None = None,
    legacy_units: pd.DataFrame | None = None,
    made_on: date | None = None,
) -> ExportBundle:
    """The export bundle of a set of 2025 units.

    Parameters
    ----------
    codes
        2025 unit codes of the locality.
    population
        :func:`geo.vintage.metrics2025.population_2025`.
    projects, targets, actuals, documents
        The linked register (:func:`geo.io.load_linked_register`).
    provinces
        The 2025 province outlines (:func:`geo.io.load_provinces_2025`) for the locator and the context.
    meridians
        VN-2000 TM-3 central meridians by legacy province code (:func:`geo.io.load_meridians`).
    legacy_units
        The legacy units (``code``, ``district_code``, ``province_code``): the legacy provinces of the
        locality's constituents, whose shared meridian is the locality's (:mod:`geo.vintage.meridians2025`).
        Without them (or without ``meridians``) a VN-2000 export is refused.

    Returns
    -------
    ExportBundle
        Units in EPSG:4326; projects located in them; targets naming their legacy
        constituents or set for the legacy localities they came from; the ward ratio
        (phường share) and the phường population share of the 2025 units.
    """
    from geo.localities import Locality
    from geo.metrics import Urbanisation, WardRatio
    from geo.progress import target_status
    from geo.vintage.join2025 import projects_by_unit_2025
    from geo.vintage.meridians2025 import meridians_2025
    from geo.vintage.metrics2025 import urbanisation_2025, ward_ratio_2025

    scope = units_2025[units_2025["code"].isin(codes)].sort_values("code").reset_index(drop=True)
    out = gpd.GeoDataFrame(
        {
            "code": scope["code"],
            "name": scope["name"],
            "official_type": scope["unit_type"],
            "unit_type": scope["unit_type"],
            "upgraded": False,
            "district_code": "",
            "district_name": "",
            "province_code": scope["province_code"],
            "province_name": scope["province_name"],
            "area_km2": scope["area_km2"],
        },
        geometry=scope.geometry.values,
        crs=scope.crs,
    )
    located = projects_by_unit_2025(projects, scope)
    project_ids = sorted({p for ids in located.values() for p in ids})
    chosen_projects = projects[projects["id"].isin(project_ids)].reset_index(drop=True)
    legacy = set(crosswalk.loc[crosswalk["new_code"].isin(codes), "legacy_code"].dropna())
    districts = set(crosswalk.loc[crosswalk["new_code"].isin(codes), "legacy_district_code"].dropna())
    named = targets["linked_unit_codes"].map(lambda c: bool(legacy & set(c)))
    wide = targets["locality_code"].isin(districts) if "locality_code" in targets.columns else False
    chosen_targets = target_status(targets[named | wide].reset_index(drop=True), actuals)
    used = set(chosen_targets["document_id"]) | {d for ids in chosen_projects["document_ids"] for d in ids}
    docs = documents[documents["id"].isin(used)].reset_index(drop=True)
    # 2025 province codes reuse legacy ones: the meridian comes from the constituents' legacy provinces.
    if legacy_units is not None and meridians:
        by_2025, refusals = meridians_2025(
            codes, units_2025=scope, crosswalk=crosswalk, legacy_units=legacy_units, meridians=meridians
        )
    else:
        by_2025, refusals = {}, {}
    ratio = ward_ratio_2025(pd.DataFrame(scope.drop(columns="geometry")), codes=list(codes))
    urban = urbanisation_2025(pd.DataFrame(scope.drop(columns="geometry")), population, codes=list(codes))
    return ExportBundle(
        locality=Locality("province", tuple(codes), name_vi, name_en),
        units=out,
        projects=chosen_projects,
        targets=chosen_targets,
        documents=docs,
        title=title.strip() if title and title.strip() else name_vi,
        subtitle=with_vintage(_subtitle(docs), V2025),
        ratio=WardRatio(ratio.wards, ratio.communes + ratio.special_zones, 0, ratio.total, ratio.ratio),
        urban=Urbanisation(
            urban.urban_population,
            urban.total_population,
            urban.rate,
            urban.population_years,
            urban.sources,
            urban.missing,
        ),
        made_on=made_on or date.today(),
        provinces=provinces,
        meridians=by_2025,
        meridian_refusals=refusals,
        vintage=V2025,
    )
