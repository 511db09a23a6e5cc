"""The national view of the map page (``?country=VN``): every unit, one indicator, a click opens a panel."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.io import load_drawn_units
from geo.localities import COUNTRY, SEED_LOCALITIES
from geo.national import (
    INDICATORS,
    INDICATORS_2025,
    district_urban_share,
    district_ward_ratio,
    province_ward_ratio_2025,
    seed_outlines,
    unit_at,
)
from layers.i18n import fmt_int, tr
from layers.national import colouring, national_map
from pages._state import cached_population, cached_units, lang, locality_register, show_map

__all__ = ["national_view"]


@st.cache_resource(show_spinner=False)
def _drawn_units(vintage: str) -> gpd.GeoDataFrame:
    """The units exactly as the national map draws them (clicks are looked up here)."""
    return load_drawn_units(vintage)


@st.cache_resource(show_spinner=False)
def _drawn_codes(vintage: str) -> frozenset[str]:
    return frozenset(_drawn_units(vintage)["code"])


@st.cache_resource(show_spinner=False)
def _seeds():  # noqa: ANN202 - geo.national.SeedOutlines
    return seed_outlines(cached_units(), SEED_LOCALITIES)


@st.cache_resource(show_spinner=False, max_entries=8)
def _built_national_map(vintage: str, indicator: str, language: str):  # noqa: ANN202 - folium.Map, cached per view
    by_area: pd.Series | None = None
    if indicator == "ward_ratio" and vintage == "2025":
        from pages._vintage import cached_frames

        by_area = province_ward_ratio_2025(cached_frames()["units_2025"])
    elif indicator == "ward_ratio":
        by_area = district_ward_ratio(cached_units())
    elif indicator == "urban_share":
        by_area = district_urban_share(cached_units(), cached_population())
    colour = colouring(indicator, language, by_district=by_area, vintage=vintage)
    return national_map(colour, _seeds(), lang=language, vintage=vintage)


def _vintage_counts(vintage: str, drawn: int, L: str) -> str:
    if vintage == "2025":
        from pages._vintage import cached_frames

        total = len(cached_frames()["units_2025"])
        return tr("national_counts_2025", L, drawn=fmt_int(drawn, L), total=fmt_int(total, L))
    return tr("national_counts", L, drawn=fmt_int(drawn, L), total=fmt_int(len(cached_units()), L))


def _clicked_code(event: dict, vintage: str) -> str | None:
    """The unit under the last click, when the click is new (st_folium repeats the last one)."""
    point = (event or {}).get("last_clicked")
    previous = st.session_state.get("_national_last_click")
    st.session_state["_national_last_click"] = point
    if not point or point == previous:
        return None
    return unit_at(_drawn_units(vintage), lon=float(point["lng"]), lat=float(point["lat"]))


def national_view(unit_panel: Callable[[str, dict[str, pd.DataFrame]], None], *, vintage: str = "legacy") -> None:
    """Draw the national view; ``unit_panel(code, register)`` shows a clicked unit.

    Codes of the two vintages overlap (2025 reuses legacy codes), so each keeps its own selection.
    """
    L = lang()
    st.title(tr("country_title", L))
    st.caption(_vintage_counts(vintage, len(_drawn_units(vintage)), L))
    in_2025 = vintage == "2025"
    indicator = st.radio(
        tr("national_indicator", L),
        INDICATORS_2025 if in_2025 else INDICATORS,
        format_func=lambda key: tr(
            f"indicator_{key}_2025" if in_2025 and key == "ward_ratio" else f"indicator_{key}", L
        ),
        horizontal=True,
        key=f"national_indicator_{vintage}",
    )
    _map_and_panel(vintage, str(indicator), L, unit_panel)


@st.fragment
def _map_and_panel(
    vintage: str, indicator: str, L: str, unit_panel: Callable[[str, dict[str, pd.DataFrame]], None]
) -> None:
    """The map and its panel: a click reruns only this part, not the sidebar, title and indicator choice."""
    in_2025 = vintage == "2025"
    selected_key = "selected_2025" if in_2025 else "selected"
    map_col, panel_col = st.columns([3, 1.3])
    with map_col:
        event = show_map(
            _built_national_map(vintage, indicator, L),
            key=f"national-{vintage}-{indicator}-{L}",
            height=660,
            returned_objects=["last_clicked"],
        )
        st.caption(tr("units_2025_source" if in_2025 else "units_source", L) + " " + tr("archipelago_note", L))
    code = _clicked_code(event or {}, vintage)
    if code:
        st.session_state[selected_key] = code if in_2025 else ("unit", code)
    with panel_col:
        selected = st.session_state.get(selected_key)
        unit_code = selected if in_2025 else (selected[1] if selected and selected[0] == "unit" else None)
        if unit_code and unit_code in _drawn_codes(vintage):
            unit_panel(unit_code, {} if in_2025 else locality_register(COUNTRY))
        else:
            st.info(tr("national_click_hint", L))
