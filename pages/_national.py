"""The national view of the map page (``?country=VN``): every unit, one indicator, a click opens a panel."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.io import load_drawn_units
from geo.localities import COUNTRY, SEED_LOCALITIES
from geo.national import INDICATORS, district_urban_share, district_ward_ratio, seed_outlines, unit_at
from layers.i18n import fmt_int, tr
from layers.national import colouring, national_map
from pages._state import cached_population, cached_units, lang, locality_register, show_map

__all__ = ["national_view"]


@st.cache_resource(show_spinner=False)
def _drawn_units(vintage: str) -> gpd.GeoDataFrame:
    """The units exactly as the national map draws them (clicks are looked up here)."""
    return load_drawn_units(vintage)


@st.cache_resource(show_spinner=False)
def _seeds():  # noqa: ANN202 - geo.national.SeedOutlines
    return seed_outlines(cached_units(), SEED_LOCALITIES)


@st.cache_resource(show_spinner=False, max_entries=8)
def _built_national_map(indicator: str, language: str):  # noqa: ANN202 - folium.Map, cached per indicator
    by_district: pd.Series | None = None
    if indicator == "ward_ratio":
        by_district = district_ward_ratio(cached_units())
    elif indicator == "urban_share":
        by_district = district_urban_share(cached_units(), cached_population())
    return national_map(colouring(indicator, language, by_district=by_district), _seeds(), lang=language)


def _clicked_code(event: dict, vintage: str) -> str | None:
    """The unit under the last click, when the click is new (st_folium repeats the last one)."""
    point = (event or {}).get("last_clicked")
    previous = st.session_state.get("_national_last_click")
    st.session_state["_national_last_click"] = point
    if not point or point == previous:
        return None
    return unit_at(_drawn_units(vintage), lon=float(point["lng"]), lat=float(point["lat"]))


def national_view(unit_panel: Callable[[str, dict[str, pd.DataFrame]], None], *, vintage: str = "legacy") -> None:
    """Draw the national view; ``unit_panel(code, register)`` shows a clicked unit."""
    L = lang()
    units = cached_units()
    st.title(tr("country_title", L))
    st.caption(tr("national_counts", L, drawn=fmt_int(len(_drawn_units(vintage)), L), total=fmt_int(len(units), L)))
    indicator = st.radio(
        tr("national_indicator", L),
        INDICATORS,
        format_func=lambda key: tr(f"indicator_{key}", L),
        horizontal=True,
        key="national_indicator",
    )
    map_col, panel_col = st.columns([3, 1.3])
    with map_col:
        event = show_map(
            _built_national_map(indicator, L),
            key=f"national-{vintage}-{indicator}-{L}",
            height=660,
            returned_objects=["last_clicked"],
        )
        st.caption(tr("units_source", L) + " " + tr("archipelago_note", L))
    code = _clicked_code(event or {}, vintage)
    if code:
        st.session_state["selected"] = ("unit", code)
    with panel_col:
        selected = st.session_state.get("selected")
        if selected and selected[0] == "unit" and selected[1] in set(_drawn_units(vintage)["code"]):
            unit_panel(selected[1], locality_register(COUNTRY))
        else:
            st.info(tr("national_click_hint", L))
