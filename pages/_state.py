"""Shared UI state: cached loaders, the current locality and language.

Pages call these instead of loading data themselves, so a rerun (a click, a
pan) never reads a file or rebuilds a layer twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import PlanningAtlasError
from geo.io import load_meridians, load_outlines, load_units
from geo.localities import SEED_LOCALITIES, Locality, all_localities, locality_from_params, units_of
from geo.resolutions import LinkedRegister
from geo.text import language_name
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
    "cached_meridians",
    "locality_register",
    "show_map",
]


# The national layer is the one frame kept as a shared resource: st.cache_data would copy its
# ~10,000 polygons on every call, several times per rerun. Nothing writes to it (pages filter it).
@st.cache_resource(show_spinner=False)
def cached_units() -> gpd.GeoDataFrame:
    """The national layer, simplified for the browser (read once per server process; read-only).

    ``country_code`` lets every page select the whole country as it selects a province.
    """
    return load_units(simplified=True).assign(country_code="VN")


@st.cache_data(show_spinner=False)
def cached_outlines(level: str) -> gpd.GeoDataFrame:
    """Dissolved province or district outlines (read once per server process, a copy per call)."""
    return load_outlines("province" if level == "province" else "district")


@st.cache_data(show_spinner=False)
def cached_meridians() -> dict[str, tuple[str, float]]:
    """Sourced VN-2000 TM-3 central meridians by province code."""
    return load_meridians()


@st.cache_resource(show_spinner=False)
def _shared_localities() -> Mapping[str, Locality]:
    # Read-only: a locality opened by one user's link is kept in that user's session, not here.
    return MappingProxyType({loc.key: loc for loc in all_localities(cached_units())})


@st.cache_resource(show_spinner=False)
def _shared_picker_labels(language: str) -> Mapping[str, str]:
    # The picker offers ~750 localities; naming each on every rerun took ~5 ms of each run.
    return MappingProxyType({key: _picker_label(loc, language) for key, loc in _shared_localities().items()})


def _picker_label(locality: Locality, language: str) -> str:
    return ("★ " if locality.seed else "") + locality.name(language)


def cached_localities() -> dict[str, Locality]:
    """Every locality the picker offers, by key, seeds first, then this session's linked ones."""
    return {**_shared_localities(), **st.session_state.get("linked_localities", {})}


def _census_population() -> pd.DataFrame:
    from geo.store.register import store_stamp

    return _stored_population(store_stamp())


@st.cache_data(show_spinner=False)
def _stored_population(stamp: int) -> pd.DataFrame:
    # Census figures with the persisted imports; ``stamp`` moves on every save in any process.
    from geo.store.register import load_population

    return load_population()


def cached_population() -> pd.DataFrame:
    """Census figures, with this session's imported figures taking precedence."""
    base = _census_population()
    imported = st.session_state.get("population_import")
    if imported is None:
        return base
    from geo.population import merge_population

    return merge_population(base, imported)


def cached_register() -> LinkedRegister:
    """Documents, linked targets, linked projects and actuals, with the store's edits (read again after a save)."""
    from geo.store.register import store_stamp

    return _edited_register(store_stamp())


@st.cache_data(show_spinner=False)
def _edited_register(stamp: int) -> LinkedRegister:
    # ``stamp`` moves on every save in any process, so another process's edit is seen on the next rerun.
    from geo.store.register import load_linked_register

    return load_linked_register()


@st.cache_data(show_spinner=False, max_entries=64)
def _locality_register(key: str, level: str, codes: tuple[str, ...], stamp: int) -> dict[str, pd.DataFrame]:
    from geo import spatial

    register = _edited_register(stamp)
    if level == "country":
        return dict(register._asdict())
    projects, targets = spatial.locality_register(
        register.projects, register.targets, cached_units(), level=level, codes=codes
    )
    document_ids = set(targets["document_id"]) | {d for ids in projects["document_ids"] for d in ids}
    documents = register.documents[register.documents["id"].isin(document_ids)]
    return {"targets": targets, "projects": projects, "documents": documents, "actuals": register.actuals}


def locality_register(locality: Locality) -> dict[str, pd.DataFrame]:
    """The targets, projects and documents of one locality (computed once per locality and store change)."""
    from geo.store.register import store_stamp

    return _locality_register(locality.key, locality.level, tuple(locality.codes), store_stamp())


def lang() -> str:
    """The chosen language: 'vi' (default) or 'en'."""
    return str(st.session_state.get("lang", "vi"))


def current_locality() -> Locality:
    """The locality chosen in the picker (Cai Lậy until one is chosen)."""
    key = st.session_state.get("locality_key")
    localities = cached_localities()
    return localities.get(key, SEED_LOCALITIES[0]) if key else SEED_LOCALITIES[0]


def locality_units(locality: Locality) -> gpd.GeoDataFrame:
    """The units of ``locality`` with geometry, selected once per locality (shared: never mutate)."""
    return _locality_units(locality.key, locality)


@st.cache_resource(show_spinner=False, max_entries=64)
def _locality_units(key: str, _locality: Locality) -> gpd.GeoDataFrame:
    # The key names the locality (level and codes); selecting from 10,000 units took ~10 ms a run.
    return units_of(cached_units(), _locality)


def _apply_query_params() -> None:
    """On a fresh session, open the locality the URL names (?district=817, ?province=84)."""
    if "locality_key" in st.session_state:
        return
    if st.query_params.get("vintage") == "2025":
        # A 2025 link's codes are 2025 codes (province=82 is the new Đồng Tháp, not the old
        # Tiền Giang): a session that opened one and switches to the legacy list starts afresh.
        st.session_state["locality_key"] = SEED_LOCALITIES[0].key
        return
    params = {k: st.query_params.get(k, "") for k in ("district", "province", "country")}
    try:
        locality = locality_from_params(params, cached_units())
    except PlanningAtlasError as error:
        st.session_state["link_error"] = str(error)
        locality = None
    key = locality.key if locality else SEED_LOCALITIES[0].key
    if locality and key not in _shared_localities():
        st.session_state["linked_localities"] = {key: locality}  # a multi-district link that is not a seed
    st.session_state["locality_key"] = key


def locality_picker() -> Locality:
    """Sidebar: language, vintage and locality; keeps the URL in step so a link can be shared."""
    from pages import _vintage

    if _vintage.init_vintage_from_url() != "2025":  # a 2025 link's codes are not legacy codes
        _apply_query_params()
    st.sidebar.radio(
        tr("language", lang()),
        options=["vi", "en"],
        key="lang",
        horizontal=True,
        format_func=language_name,
    )
    if _vintage.vintage_switch() == "2025":
        _vintage.picker_2025()
        return current_locality()
    localities = cached_localities()
    keys = list(localities)
    language = lang()
    labels = _shared_picker_labels(language)
    st.sidebar.selectbox(
        tr("locality", lang()),
        options=keys,
        key="locality_key",
        format_func=lambda k: labels[k] if k in labels else _picker_label(localities[k], language),
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
