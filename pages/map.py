"""Map page: the locality's units (and projects), a search box and a details panel."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.names import fold
from layers.i18n import tr, unit_type_label
from layers.map import locality_map
from pages._state import (
    cached_outlines,
    cached_population,
    current_locality,
    lang,
    locality_units,
)


@st.cache_resource(show_spinner=False, max_entries=16)
def _built_map(locality_key: str, language: str):  # noqa: ANN202 - folium.Map, cached per locality and language
    locality = current_locality()
    return locality_map(
        locality_units(locality),
        lang=language,
        provinces=cached_outlines("province"),
        districts=cached_outlines("district"),
    )


def _unit_panel(code: str) -> None:
    units = locality_units(current_locality()).set_index("code")
    if code not in units.index:
        return
    unit = units.loc[code]
    L = lang()
    st.subheader(f"{unit['name']}")
    st.caption(f"{unit_type_label(unit['unit_type'], L)} · {unit['district_name']} · {unit['province_name']}")
    st.markdown(f"**{tr('code', L)}:** `{code}`")
    st.markdown(f"**{tr('area', L)}:** {unit['area_km2']:,.2f}")
    st.caption(tr("area_note", L))
    population = cached_population()
    row = population[population["code"] == code]
    if row.empty:
        st.markdown(f"**{tr('population', L)}:** {tr('population_none', L)}")
    else:
        r = row.iloc[0]
        st.markdown(f"**{tr('population', L)}:** {int(r['population']):,} ({int(r['year'])})".replace(",", "."))
        st.caption(str(r["source"]))
        if isinstance(r.get("note"), str) and r["note"]:
            st.caption(r["note"])


def main() -> None:
    L = lang()
    locality = current_locality()
    units = locality_units(locality)
    counts = units["unit_type"].value_counts()
    st.title(locality.name(L))
    st.caption(tr("units_count", L, total=len(units), wards=counts.get("phường", 0),
                  towns=counts.get("thị trấn", 0), communes=counts.get("xã", 0)))

    query = st.text_input(tr("search", L), key="map_search")
    if query.strip():
        key = fold(query)
        hits = units[units["name"].map(fold).str.contains(key, regex=False)]
        if hits.empty:
            st.info(tr("no_match", L))
        else:
            choice = st.radio(" ", hits["code"].tolist(), key="map_search_hit", horizontal=True,
                              format_func=lambda c: hits.set_index("code").loc[c, "name"], label_visibility="collapsed")
            st.session_state["selected_unit"] = choice

    map_col, panel_col = st.columns([3, 1.2])
    with map_col:
        fmap = _built_map(locality.key, L)
        event = st_folium(fmap, key=f"map-{locality.key}-{L}", height=640, use_container_width=True,
                          returned_objects=["last_active_drawing"])
    clicked = (event or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("code")
    if code:
        st.session_state["selected_unit"] = code
    with panel_col:
        selected = st.session_state.get("selected_unit")
        if selected:
            _unit_panel(selected)
        else:
            st.info(tr("click_hint", L))


main()
