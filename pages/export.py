"""Xuất bản đồ: map snapshot (PNG/PDF/GeoTIFF), meeting pack (PPTX) and data files of the current locality."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.crs import CRS_CHOICES
from geo.errors import PlanningAtlasError
from geo.export import DPIS, FORMATS, ORIENTATIONS, PAGE_SIZES, ExportBundle, collect, export_file
from geo.localities import Locality
from geo.raster.figure import PrintRaster
from geo.raster.library import get_raster
from geo.vintage import LEGACY, V2025
from layers.i18n import tr
from pages._export_atlas import atlas_and_report_section
from pages._state import (
    cached_meridians,
    cached_outlines,
    cached_population,
    cached_register,
    cached_units,
    current_locality,
    lang,
)
from pages._vintage import cached_frames, cached_population_2025, current_locality_2025, vintage

MIME = {
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".tif": "image/tiff",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".geojson": "application/geo+json",
    ".gpkg": "application/geopackage+sqlite3",
    ".kml": "application/vnd.google-earth.kml+xml",
    ".zip": "application/zip",
    ".csv": "text/csv",
}


@st.cache_data(show_spinner=False, max_entries=48)
def _render(
    level: str,
    codes: tuple[str, ...],
    name_vi: str,
    name_en: str,
    upgrade: tuple[str, ...],
    title: str,
    suffix: str,
    size: str,
    orientation: str,
    dpi: int,
    crs: str,
    language: str,
    population_token: int,
    _population: pd.DataFrame,
    raster: tuple[str, str, tuple[float, ...] | None, float, float] | None = None,
    units_vintage: str = LEGACY,
) -> bytes:
    """The exported file as bytes; keyed on small hashable arguments only."""
    print_raster = None
    if raster is not None:
        raster_id, colormap, breaks, opacity, _mtime = raster
        print_raster = PrintRaster.of(get_raster(raster_id), colormap=colormap, breaks=breaks, opacity=opacity)
    if units_vintage == V2025:
        bundle = replace(_bundle_2025(codes, name_vi=name_vi, name_en=name_en, title=title), raster=print_raster)
    else:
        bundle = collect(
            Locality(level, codes, name_vi, name_en),
            units=cached_units(),
            population=_population,
            register=cached_register(),
            provinces=cached_outlines("province"),
            districts=cached_outlines("district"),
            meridians=cached_meridians(),
            upgrade=upgrade,
            title=title,
            raster=print_raster,
        )
    with tempfile.TemporaryDirectory() as folder:
        path = export_file(
            bundle,
            Path(folder) / f"export{suffix}",
            size=size,
            orientation=orientation,
            dpi=dpi,
            crs=crs,
            lang=language,
        )
        return path.read_bytes()


def _bundle_2025(codes: tuple[str, ...], *, name_vi: str, name_en: str, title: str) -> ExportBundle:
    """The export bundle of a set of 2025 units (full-resolution polygons, register, 2025 population)."""
    from geo.io import load_provinces_2025, load_units_2025
    from geo.vintage.export2025 import collect_2025

    register = cached_register()
    return collect_2025(
        codes,
        name_vi=name_vi,
        name_en=name_en,
        title=title,
        units_2025=load_units_2025(),
        crosswalk=cached_frames()["crosswalk"],
        population=cached_population_2025(),
        projects=register.projects,
        targets=register.targets,
        actuals=register.actuals,
        documents=register.documents,
        provinces=load_provinces_2025(),
        meridians=cached_meridians(),
        legacy_units=cached_units(),
    )


def _slug(locality: Locality, units_vintage: str) -> str:
    level = V2025 if units_vintage == V2025 else locality.level
    return f"{level}-{'-'.join(locality.codes)}"


def _scenario_codes(locality: Locality, units_vintage: str) -> tuple[str, ...]:
    """The scenario's upgraded units that lie in ``locality`` (chosen on the urbanisation page; legacy only)."""
    if units_vintage == V2025:
        return ()
    in_locality = set(cached_units().loc[lambda u: u[f"{locality.level}_code"].isin(locality.codes), "code"])
    return tuple(sorted(c for c in st.session_state.get("upgrade_codes", []) if c in in_locality))


def _raster_choice(L: str) -> tuple[str, str, tuple[float, ...] | None, float, float] | None:
    """The raster shown on the Rasters page, when the user ticks it: (id, colours, breaks, opacity, mtime)."""
    shown = st.session_state.get("raster_shown")
    if not shown:
        return None
    try:
        stored = get_raster(shown["id"])
    except PlanningAtlasError:
        return None  # removed from the library since it was shown
    ticked = st.checkbox(tr("export_raster", L), key="export_raster")
    st.caption(tr("export_raster_help", L, caption=stored.caption()))
    if not ticked:
        return None
    breaks = tuple(shown["breaks"]) if shown["breaks"] else None
    return stored.id, shown["colormap"], breaks, float(shown["opacity"]), stored.path.stat().st_mtime


def main() -> None:
    L = lang()
    units_vintage = vintage()
    locality = current_locality()
    whole_country = locality.level == "country"
    if units_vintage == V2025:  # the units from 1/7/2025 of the picker's locality
        chosen = current_locality_2025()
        locality = Locality("province", chosen.codes, chosen.name_vi, chosen.name_en)
        whole_country = chosen.kind == "country"
    if whole_country:
        st.title(tr("export_title", L))
        st.info(tr("export_country", L))
        return
    population = cached_population()
    token = int(pd.util.hash_pandas_object(population, index=False).sum())
    upgrade = _scenario_codes(locality, units_vintage)

    st.title(tr("export_title", L))
    st.caption(tr("export_intro", L))
    left, right = st.columns([1, 2])
    with left:
        title = st.text_input(tr("export_map_title", L), value=locality.name_vi, max_chars=120)
        size = st.radio(tr("export_size", L), list(PAGE_SIZES), horizontal=True)
        orientation = st.radio(
            tr("export_orientation", L),
            list(ORIENTATIONS),
            horizontal=True,
            format_func=lambda o: tr(f"export_{o}", L),
        )
        dpi = st.radio(tr("export_dpi", L), list(DPIS), horizontal=True)
        crs = st.radio(
            tr("export_crs", L),
            list(CRS_CHOICES),
            horizontal=True,
            format_func=lambda c: tr(f"crs_{c}", L),
        )
        if upgrade:
            st.info(tr("export_scenario", L, codes=", ".join(upgrade)))
        raster = _raster_choice(L)
    args = (locality.level, locality.codes, locality.name_vi, locality.name_en, upgrade, title)
    with right:
        try:
            with st.spinner(tr("export_rendering", L)):
                preview = _render(
                    *args, ".png", size, orientation, 150, crs, L, token, population, raster, units_vintage
                )
            st.image(preview, caption=tr("export_preview", L), width="stretch")
        except PlanningAtlasError as error:
            st.error(str(error))

    st.subheader(tr("export_downloads", L))
    choices = [s for s in FORMATS if not (crs == "vn2000" and s in (".geojson", ".kml"))]
    suffix = st.selectbox(tr("export_format", L), choices, format_func=lambda s: f"{s[1:].upper()} – {FORMATS[s]}")
    if crs == "vn2000":
        st.caption(tr("export_wgs84_only", L))
    try:
        with st.spinner(tr("export_rendering", L)):
            data = _render(*args, suffix, size, orientation, dpi, crs, L, token, population, raster, units_vintage)
        st.download_button(
            tr("export_download", L, fmt=suffix[1:].upper()),
            data=data,
            file_name=f"{_slug(locality, units_vintage)}{suffix}",
            mime=MIME[suffix],
            type="primary",
        )
    except PlanningAtlasError as error:
        st.error(str(error))
    st.caption(tr("export_sources_2025" if units_vintage == V2025 else "export_sources", L))
    if units_vintage == LEGACY:  # the atlases and the progress report are made of the legacy units
        st.divider()
        atlas_and_report_section(locality, title, L)


main()
