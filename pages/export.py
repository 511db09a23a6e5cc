"""Xuất bản đồ: map snapshot (PNG/PDF/GeoTIFF), meeting pack (PPTX) and data files of the current locality."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.crs import CRS_CHOICES
from geo.errors import PlanningAtlasError
from geo.export import DPIS, FORMATS, ORIENTATIONS, PAGE_SIZES, collect, export_file
from geo.localities import Locality
from geo.raster.figure import PrintRaster
from geo.raster.library import get_raster
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
) -> bytes:
    """The exported file as bytes; keyed on small hashable arguments only."""
    locality = Locality(level, codes, name_vi, name_en)
    print_raster = None
    if raster is not None:
        raster_id, colormap, breaks, opacity, _mtime = raster
        print_raster = PrintRaster.of(get_raster(raster_id), colormap=colormap, breaks=breaks, opacity=opacity)
    bundle = collect(
        locality,
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


def _slug(locality: Locality) -> str:
    return f"{locality.level}-{'-'.join(locality.codes)}"


def _scenario_codes(locality: Locality) -> tuple[str, ...]:
    """The scenario's upgraded units that lie in ``locality`` (chosen on the urbanisation page)."""
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
    locality = current_locality()
    population = cached_population()
    token = int(pd.util.hash_pandas_object(population, index=False).sum())
    upgrade = _scenario_codes(locality)

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
                preview = _render(*args, ".png", size, orientation, 150, crs, L, token, population, raster)
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
            data = _render(*args, suffix, size, orientation, dpi, crs, L, token, population, raster)
        st.download_button(
            tr("export_download", L, fmt=suffix[1:].upper()),
            data=data,
            file_name=f"{_slug(locality)}{suffix}",
            mime=MIME[suffix],
            type="primary",
        )
    except PlanningAtlasError as error:
        st.error(str(error))
    st.caption(tr("export_sources", L))
    st.divider()
    atlas_and_report_section(locality, title, L)


main()
