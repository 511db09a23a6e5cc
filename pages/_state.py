"""Shared UI state: cached loaders, the current locality and language.

Pages call these instead of loading data themselves, so a rerun (a click, a
pan) never reads a file or rebuilds a layer twice.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.boundaries import load_outlines, load_units
from geo.errors import PlanningAtlasError
from geo.localities import SEED_LOCALITIES, Locality, all_localities, locality_from_params, units_of
from layers.i18n import tr

__all__ = [
    "lang",
    "cached_units",
    "cached_outlines",
    "cached_localities",
    "cached_population",
    "current_locality",
    "locality_units",
    "locality_picker",
    "cached_register",
    "locality_register",
    "show_map",
]


@st.cache_resource(show_spinner=False)
def cached_units() -> gpd.GeoDataFrame:
    """The national layer, simplified for the browser (read once per server process; never mutate).

    ``country_code`` lets every page select the whole country as it selects a province.
    """
    return load_units(simplified=True).assign(country_code="VN")


@st.cache_resource(show_spinner=False)
def cached_outlines(level: str) -> gpd.GeoDataFrame:
    """Dissolved province or district outlines (read once per server process)."""
    return load_outlines(level)


@st.cache_resource(show_spinner=False)
def cached_localities() -> dict[str, Locality]:
    """Every locality the picker offers, by key, seeds first."""
    return {loc.key: loc for loc in all_localities(cached_units())}


@st.cache_data(show_spinner=False)
def _census_population() -> pd.DataFrame:
    from geo.population import load_population

    return load_population()


def cached_population() -> pd.DataFrame:
    """Census figures, with this session's imported figures taking precedence."""
    base = _census_population()
    imported = st.session_state.get("population_import")
    if imported is None:
        return base
    from geo.population import merge_population

    return merge_population(base, imported)


@st.cache_resource(show_spinner=False)
def cached_register() -> dict[str, pd.DataFrame]:
    """Documents, linked targets, linked projects and actuals (read once per server process)."""
    from geo.resolutions import load_actuals, load_documents, load_linked_projects, load_linked_targets

    return {
        "documents": load_documents(),
        "targets": load_linked_targets(),
        "projects": load_linked_projects(),
        "actuals": load_actuals(),
    }


@st.cache_resource(show_spinner=False, max_entries=64)
def locality_register(key: str) -> dict[str, pd.DataFrame]:
    """The targets, projects and documents of one locality (computed once per locality)."""
    from geo import spatial

    locality = cached_localities()[key]
    register = cached_register()
    if locality.level == "country":
        return register
    projects, targets = spatial.locality_register(
        register["projects"], register["targets"], cached_units(), level=locality.level, codes=locality.codes
    )
    document_ids = set(targets["document_id"]) | {d for ids in projects["document_ids"] for d in ids}
    documents = register["documents"][register["documents"]["id"].isin(document_ids)]
    return {"targets": targets, "projects": projects, "documents": documents, "actuals": register["actuals"]}


def lang() -> str:
    """The chosen language: 'vi' (default) or 'en'."""
    return str(st.session_state.get("lang", "vi"))


def current_locality() -> Locality:
    """The locality chosen in the picker (Cai Lậy until one is chosen)."""
    key = st.session_state.get("locality_key")
    localities = cached_localities()
    return localities.get(key, SEED_LOCALITIES[0]) if key else SEED_LOCALITIES[0]


@st.cache_data(show_spinner=False)
def _locality_units_frame(key: str) -> pd.DataFrame:
    locality = cached_localities()[key]
    return pd.DataFrame(units_of(cached_units(), locality).drop(columns="geometry"))


def locality_units(locality: Locality) -> gpd.GeoDataFrame:
    """The units of ``locality`` with geometry (a filtered view of the cached layer)."""
    return units_of(cached_units(), locality)


def _apply_query_params() -> None:
    """On a fresh session, open the locality the URL names (?district=817, ?province=84)."""
    if "locality_key" in st.session_state:
        return
    params = {k: st.query_params.get(k, "") for k in ("district", "province", "country")}
    try:
        locality = locality_from_params(params, cached_units())
    except PlanningAtlasError as error:
        st.session_state["link_error"] = str(error)
        locality = None
    key = locality.key if locality else SEED_LOCALITIES[0].key
    if locality and key not in cached_localities():
        cached_localities()[key] = locality  # a multi-district link that is not a seed
    st.session_state["locality_key"] = key


def locality_picker() -> Locality:
    """Sidebar: language and locality; keeps the URL in step so a link can be shared."""
    _apply_query_params()
    st.sidebar.radio(
        tr("language", lang()),
        options=["vi", "en"],
        key="lang",
        horizontal=True,
        format_func=lambda code: "Tiếng Việt" if code == "vi" else "English",
    )
    localities = cached_localities()
    keys = list(localities)
    st.sidebar.selectbox(
        tr("locality", lang()),
        options=keys,
        key="locality_key",
        format_func=lambda k: ("★ " if localities[k].seed else "") + localities[k].name(lang()),
    )
    if error := st.session_state.pop("link_error", None):
        st.sidebar.warning(tr("bad_link", lang(), error=error))
    locality = current_locality()
    wanted = locality.query_params()
    if {k: st.query_params.get(k) for k in ("district", "province", "country")} != {
        **{"district": None, "province": None, "country": None},
        **wanted,
    }:
        st.query_params.clear()
        st.query_params.update(wanted)
    return locality


def show_map(fmap: folium.Map, *, key: str, height: int, returned_objects: list[str], **view: Any) -> dict | None:
    """Draw a cached map with streamlit-folium, its text rendered once (:mod:`pages._map_component`).

    st_folium would render the whole map again on every rerun (and rename the
    ids of a cached map in place, hence the copy made there).
    """
    from pages._map_component import show_cached_map

    return show_cached_map(fmap, key=key, height=height, returned_objects=returned_objects, **view)
