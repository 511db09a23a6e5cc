"""Rasters page: add a planner's GeoTIFF, draw it on the locality map, zonal statistics per unit and project."""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import PlanningAtlasError
from geo.raster.library import StoredRaster, add_raster, check_meta, list_rasters
from geo.raster.render import COLORMAPS, RasterImage, check_breaks, render_image
from geo.raster.table import table_csv, table_geojson, table_json
from geo.raster.zonal import project_zones, zonal_stats
from layers.i18n import tr
from layers.map import locality_bounds, locality_map
from layers.raster import choropleth_layer, raster_layer, raster_legend
from pages._auth import cached_store, current_user
from pages._state import (
    cached_localities,
    cached_outlines,
    current_locality,
    lang,
    locality_register,
    locality_units,
    show_map,
)

UNIT_STATISTICS = ("count", "mean", "min", "max", "sum")


@st.cache_data(show_spinner=False, max_entries=16)
def _exact_units(locality_key: str) -> gpd.GeoDataFrame:
    """Full-resolution polygons of the locality: the map's simplified ones would shift zonal sums."""
    from geo.io import load_units
    from geo.localities import units_of

    units = units_of(load_units(), cached_localities()[locality_key])
    return units[["code", "name", "geometry"]].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=16)
def _image(path: str, band: int, colormap: str, breaks: tuple[float, ...] | None,
           clip: tuple[float, float, float, float], mtime: float) -> RasterImage:
    return render_image(path, band=band, colormap=colormap, breaks=breaks, clip_lonlat=clip)


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_table(path: str, band: int, locality_key: str, threshold: float | None, above: bool,
                mtime: float) -> pd.DataFrame:
    stats = [*UNIT_STATISTICS, *(["share"] if threshold is not None else [])]
    return zonal_stats(path, _exact_units(locality_key), band=band, statistics=stats, threshold=threshold,
                       above=above)


@st.cache_data(show_spinner=False, max_entries=32)
def _project_table(path: str, band: int, locality_key: str, buffer_m: float, threshold: float | None,
                   above: bool, mtime: float) -> pd.DataFrame:
    projects = locality_register(cached_localities()[locality_key])["projects"]
    zones = project_zones(projects, buffer_m=buffer_m or None)
    stats = [*UNIT_STATISTICS, *(["share"] if threshold is not None else [])]
    return zonal_stats(path, zones, band=band, statistics=stats, threshold=threshold, above=above,
                       id_columns=("code", "name", "basis"))


def _upload_form(L: str) -> None:
    user = current_user()
    # Who may write is decided by the store (add_raster checks the role); the role kept at login only
    # spares a viewer a form whose every submission would be refused.
    if user is None or st.session_state.get("account_role") not in ("editor", "admin"):
        st.info(tr("raster_login_to_add", L))
        return
    with st.expander(tr("raster_add_title", L), expanded=not list_rasters()):
        with st.form("raster_upload", clear_on_submit=True):
            upload = st.file_uploader(tr("raster_file", L), type=["tif", "tiff"])
            left, right = st.columns(2)
            name = left.text_input(tr("raster_name", L))
            unit = right.text_input(tr("raster_unit", L))
            source = left.text_input(tr("raster_source", L))
            year = right.text_input(tr("raster_year", L))
            band = st.number_input(tr("raster_band", L), min_value=0, value=0, step=1, help=tr("raster_band_help", L))
            submitted = st.form_submit_button(tr("raster_add", L))
    if not submitted:
        return
    if upload is None:
        st.error(tr("raster_no_file", L))
        return
    try:
        meta = check_meta(name=name, unit=unit, source=source, year=year)
        stored = add_raster(upload.getvalue(), meta, store=cached_store(), user=user, band=int(band) or None,
                            display_name=upload.name)
    except PlanningAtlasError as error:
        st.error(str(error))
        return
    st.session_state["raster_id"] = stored.id
    st.success(tr("raster_added", L, caption=stored.caption()))


def _choose_raster(rasters: list[StoredRaster], L: str) -> StoredRaster:
    ids = [r.id for r in rasters]
    if st.session_state.get("raster_id") not in ids:
        st.session_state["raster_id"] = ids[0]
    by_id = {r.id: r for r in rasters}
    chosen = st.selectbox(tr("raster_choose", L), ids, key="raster_id", format_func=lambda i: by_id[i].caption())
    return by_id[chosen]


def _display_options(L: str) -> tuple[str, tuple[float, ...] | None, float]:
    left, middle, right = st.columns([1, 2, 1])
    colormap = left.selectbox(tr("raster_colormap", L), COLORMAPS, key="raster_cmap")
    text = middle.text_input(tr("raster_breaks", L), key="raster_breaks", help=tr("raster_breaks_help", L))
    opacity = right.slider(tr("raster_opacity", L), 0.0, 1.0, 0.7, 0.05, key="raster_opacity")
    breaks: tuple[float, ...] | None = None
    if text.strip():
        try:
            breaks = tuple(check_breaks(text))
        except PlanningAtlasError as error:
            st.warning(str(error))
    return colormap, breaks, opacity


def _zonal_options(L: str) -> tuple[float | None, bool, float]:
    left, middle, right = st.columns(3)
    use = left.checkbox(tr("raster_use_threshold", L), key="raster_use_threshold")
    threshold = middle.number_input(tr("raster_threshold", L), value=0.5, key="raster_threshold", disabled=not use)
    side = middle.radio(tr("raster_side", L), ["above", "below"], horizontal=True, key="raster_side",
                        format_func=lambda s: tr(f"raster_{s}", L), disabled=not use)
    buffer_m = right.number_input(tr("raster_buffer", L), min_value=0.0, max_value=100_000.0, value=2000.0,
                                  step=100.0, key="raster_buffer")
    return (float(threshold) if use else None), side == "above", float(buffer_m)


def _map(units: gpd.GeoDataFrame, image: RasterImage, stored: StoredRaster, opacity: float,
         choropleth: tuple[pd.Series, str, str] | None, L: str) -> folium.Map:
    title = stored.meta.name
    layers = [raster_layer(image, name=f"{title} ({stored.meta.unit})", opacity=opacity, show=choropleth is None)]
    legend_rows = []
    if choropleth is not None:
        values, statistic, unit = choropleth
        group, legend_rows = choropleth_layer(units, values, statistic=statistic, unit=unit, lang=L)
        layers.insert(0, group)
    fmap = locality_map(units, lang=L, provinces=cached_outlines("province"), districts=cached_outlines("district"),
                        extra_layers=layers, extra_legend=legend_rows)
    note = tr("raster_legend_source", L, source=stored.meta.source, year=stored.meta.year)
    fmap.add_child(raster_legend(image, title=title, unit=stored.meta.unit, note=note))
    return fmap


def _statistic_unit(statistic: str, raster_unit: str, L: str) -> str:
    return {"count": tr("raster_pixels", L), "share": "", "sum": f"{raster_unit} × {tr('raster_pixels', L)}"}.get(
        statistic, raster_unit)


def _downloads(frame: pd.DataFrame, zones: gpd.GeoDataFrame | None, stem: str, L: str, key: str) -> None:
    cols = st.columns(3)
    cols[0].download_button(tr("raster_csv", L), table_csv(frame), f"{stem}.csv", "text/csv", key=f"{key}-csv")
    cols[1].download_button(tr("raster_json", L), table_json(frame), f"{stem}.json", "application/json",
                            key=f"{key}-json")
    if zones is not None:
        geo = gpd.GeoDataFrame(frame, geometry=zones.geometry.to_numpy(), crs=zones.crs)
        cols[2].download_button(tr("raster_geojson", L), table_geojson(geo), f"{stem}.geojson",
                                "application/geo+json", key=f"{key}-geojson")


def main() -> None:
    L = lang()
    locality = current_locality()
    st.title(tr("raster_title", L))
    st.caption(tr("raster_intro", L))
    _upload_form(L)
    rasters = list_rasters()
    if not rasters:
        st.info(tr("raster_none", L))
        return
    stored = _choose_raster(rasters, L)
    colormap, breaks, opacity = _display_options(L)
    # Kept under a key of no widget, so the Export page can still read it once this page is left.
    st.session_state["raster_shown"] = {"id": stored.id, "colormap": colormap, "breaks": breaks, "opacity": opacity}
    threshold, above, buffer_m = _zonal_options(L)
    units = locality_units(locality)
    path, mtime = str(stored.path), stored.path.stat().st_mtime
    try:
        image = _image(path, stored.band, colormap, breaks, locality_bounds(units), mtime)
        table = _unit_table(path, stored.band, locality.key, threshold, above, mtime)
    except PlanningAtlasError as error:
        st.warning(str(error))
        return
    statistics = [c for c in table.columns if c not in ("code", "name")]
    shown = st.radio(tr("raster_map_shows", L), ["raster", *statistics], horizontal=True, key="raster_map_shows",
                     format_func=lambda s: stored.meta.name if s == "raster" else tr("raster_stat_label", L, stat=s))
    choropleth = None
    if shown != "raster":
        values = pd.Series(table[shown].to_numpy(), index=units.index)
        choropleth = (values, shown, _statistic_unit(shown, stored.meta.unit, L))
    show_map(_map(units, image, stored, opacity, choropleth, L), key=f"raster-map-{locality.key}", height=560,
             returned_objects=[])
    st.caption(tr("raster_caption", L, caption=stored.caption(), crs=stored.crs_name) + " " + tr("units_source", L))
    st.subheader(tr("raster_units_table", L))
    st.caption(tr("raster_table_note", L, unit=stored.meta.unit))
    st.dataframe(table, hide_index=True, width="stretch")
    _downloads(table, _exact_units(locality.key), f"zonal-{stored.id}", L, "units")
    st.subheader(tr("raster_projects_table", L, buffer=f"{buffer_m:,.0f}"))
    projects = _project_table(path, stored.band, locality.key, buffer_m, threshold, above, mtime)
    st.dataframe(projects, hide_index=True, width="stretch")
    _downloads(projects, None, f"zonal-projects-{stored.id}", L, "projects")


main()
