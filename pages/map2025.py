"""The map in the 2025 vintage: the new units, the legacy outline of a seed locality, the crosswalk panel.

Not a page of its own: ``pages/map.py`` hands over to :func:`render` when the
vintage switch says 2025.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import PlanningAtlasError
from geo.standards import Standards
from geo.text import localised
from geo.vintage.localities2025 import Locality2025
from layers.i18n import fmt_int, fmt_num, fmt_pct, tr, unit_type_label
from pages._state import cached_outlines, cached_register, cached_units, lang, show_map
from pages._vintage import (
    cached_frames,
    cached_population_2025,
    cached_resolutions_2025,
    cached_units_2025,
    crosswalk_line,
    current_locality_2025,
)

__all__ = ["render"]


def _units(codes: tuple[str, ...]) -> gpd.GeoDataFrame:
    units = cached_units_2025()
    return units[units["code"].isin(codes)].sort_values("code")


@st.cache_resource(show_spinner=False)
def _provinces_2025() -> gpd.GeoDataFrame:
    from geo.io import load_provinces_2025

    return load_provinces_2025()


def _legacy_outline(locality: Locality2025) -> gpd.GeoDataFrame:
    """The seed's legacy district (or province) outline; for one unit, its legacy constituents."""
    if locality.legacy is not None:
        outlines = cached_outlines(locality.legacy.level)
        return outlines[outlines[f"{locality.legacy.level}_code"].isin(locality.legacy.codes)]
    if locality.kind == "commune":
        crosswalk = cached_frames()["crosswalk"]
        legacy = crosswalk.loc[crosswalk["new_code"].isin(locality.codes), "legacy_code"].dropna()
        units = cached_units()
        return units[units["code"].isin(set(legacy))]
    return gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")


@st.cache_resource(show_spinner=False, max_entries=16)
def _built_map(key: str, language: str):  # noqa: ANN202 - folium.Map, cached per locality and language
    from layers.base import Legend
    from layers.basemap import base_map
    from layers.map import locality_bounds
    from layers.offline import localise_assets
    from layers.units import add_label_zoom, labels_layer
    from layers.units2025 import legacy_outline_layer, units_2025_layer, units_2025_spec

    locality = current_locality_2025()
    units = _units(locality.codes)
    empty = gpd.GeoDataFrame({"district_code": []}, geometry=[], crs="EPSG:4326")
    fmap = base_map(locality_bounds(units), language, provinces=_provinces_2025(), districts=empty)
    units_2025_layer(units, language).add_to(fmap)
    labels_layer(units, language).add_to(fmap)
    legacy_outline_layer(_legacy_outline(locality), language).add_to(fmap)
    add_label_zoom(fmap)
    fmap.add_child(
        Legend(tr("legend", language), list(units_2025_spec(language).legend), note=tr("units_2025_source", language))
    )
    import folium

    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    from layers.assets import DrawnCounter

    fmap.add_child(DrawnCounter("path.pa-unit"))
    return localise_assets(fmap)


def _fate(locality: Locality2025, L: str) -> None:
    from geo.vintage.localities2025 import fate

    f = cached_frames()
    facts = fate(
        locality,
        legacy_units=f["legacy_units"],
        units_2025=f["units_2025"],
        crosswalk=f["crosswalk"],
        resolutions=cached_resolutions_2025(),
    )
    key = "fate_sentence" if facts["resolution"] else "fate_no_resolution"
    st.info(
        tr(
            key,
            L,
            legacy=facts["legacy_units"],
            name=locality.legacy.name(L),
            n=len(facts["units"]),
            provinces=", ".join(facts["provinces"]),
            units=", ".join(facts["units"]),
            resolution=facts["resolution"],
            province_resolution=facts["province_resolution"],
        )
    )
    if facts["source"]:
        st.caption(facts["source"])


def _projects_by_unit() -> dict[str, list[str]]:
    from geo.store.register import store_stamp

    return _projects_by_unit_at(store_stamp())


@st.cache_resource(show_spinner=False, max_entries=4)
def _projects_by_unit_at(stamp: int) -> dict[str, list[str]]:
    # Keyed on the store's latest change: an edited project location is joined again.
    from geo.io import load_units_2025
    from geo.vintage.join2025 import projects_by_unit_2025

    return projects_by_unit_2025(cached_register().projects, load_units_2025())


def _population_line(code: str, L: str) -> str:
    pop = cached_population_2025().set_index("code")
    if code not in pop.index:
        return tr("population_none", L)
    row = pop.loc[code]
    if row["population"] is None or pd.isna(row["population"]):
        return tr("population_2025_missing", L, n=len(row["missing_legacy"]))
    key = "population_2025_estimate" if row["estimate"] else "population_2025"
    return tr(key, L, value=fmt_int(row["population"], L))


@st.cache_resource(show_spinner=False)
def _standards_file() -> Standards:
    from geo.io import load_standards

    return load_standards()


def _standards(code: str, L: str) -> None:
    """The NQ 112/2025 phường criteria for a xã, with what the data allow (today's date)."""
    from datetime import date

    from geo.vintage.metrics2025 import check_2025

    with st.expander(tr("standards_2025", L)):
        try:
            table = check_2025(
                code,
                "phuong_2025",
                date.today(),
                units_2025=cached_frames()["units_2025"],
                population=cached_population_2025(),
                standards=_standards_file(),
            )
        except PlanningAtlasError as error:
            st.info(tr("standards_2025_none", L, reason=str(error)))
            return
        shown = table[["label_vi", "required", "actual", "status", "citation", "source"]].astype(str)
        st.dataframe(shown, hide_index=True, width="stretch")


def _unit_panel(code: str, L: str) -> None:
    from geo.vintage.crosswalk import constituents_of

    f = cached_frames()
    try:
        out = constituents_of(code, **f)
    except PlanningAtlasError as error:
        st.warning(str(error))
        return
    unit = out["unit"]
    st.subheader(unit["name"])
    st.caption(f"{unit_type_label(unit['unit_type'], L)} · {unit['province_name']} · {tr('vintage_2025', L)}")
    units = cached_units_2025().set_index("code")
    area = units.at[unit["code"], "area_km2"]
    area_text = fmt_num(area, L) if pd.notna(area) else tr("no_polygon", L)
    st.markdown(
        f"**{tr('code', L)} (2025):** `{unit['code']}`  \n**{tr('area', L)}:** {area_text} · "
        f"**{tr('official_area', L)}:** {fmt_num(unit['official_km2'], L)}"
    )
    if unit["approximate_boundary"]:
        st.warning(f"{tr('approximate', L)}: {unit['approximate_reason']}")
    st.markdown(f"**{tr('population', L)}:** {_population_line(unit['code'], L)}")
    st.caption(tr("units_2025_source", L))
    if unit["unit_type"] == "xã":
        _standards(unit["code"], L)
    st.markdown(f"**{tr('constituents', L)}**")
    st.markdown("\n".join(crosswalk_line(c, L) for c in out["constituents"]))
    legacy_codes = {c["code"] for c in out["constituents"] if c["code"]}
    targets = cached_register().targets
    touches = targets["linked_unit_codes"].map(lambda codes: bool(legacy_codes & set(codes)))
    named = targets[touches & targets["unit_scope"].eq("named")]
    st.markdown(f"**{tr('targets_2025', L)}**")
    st.markdown(
        "\n".join(
            f"- **{r['id']}** {localised(r, 'label', L)} — *{r['document_id']}, mục {r['section']}*"
            for _, r in named.iterrows()
        )
        if not named.empty
        else tr("none", L)
    )
    wide = int((touches & targets["unit_scope"].eq("locality")).sum())
    if wide:
        st.caption(tr("unit_locality_targets", L, n=wide))
    projects = cached_register().projects.set_index("id")
    here = [p for p in _projects_by_unit().get(unit["code"], []) if p in projects.index]
    st.markdown(f"**{tr('projects_2025', L)}**")
    st.markdown("\n".join(f"- **{p}** {projects.at[p, 'name_vi']}" for p in here) if here else tr("none", L))


def _named_targets(locality: Locality2025, L: str) -> None:
    """Targets naming legacy units inside the locality, with the 2025 units that now hold them."""
    from geo.vintage.crosswalk import units_holding

    f = cached_frames()
    crosswalk = f["crosswalk"]
    inside = set(crosswalk.loc[crosswalk["new_code"].isin(locality.codes), "legacy_code"].dropna())
    targets = cached_register().targets
    named = targets[
        targets["unit_scope"].eq("named") & targets["linked_unit_codes"].map(lambda c: bool(inside & set(c)))
    ]
    if named.empty:
        return
    legacy = f["legacy_units"].set_index("code")["name"]
    new = f["units_2025"].set_index("code")["name"]
    rows = [
        {
            tr("target", L): f"{r['id']} — {localised(r, 'label', L)}",
            tr("legacy_named", L): ", ".join(f"{legacy.get(c, c)} ({c})" for c in r["linked_unit_codes"]),
            tr("holders_2025", L): ", ".join(
                f"{new.get(c, c)} ({c})" for c in units_holding(list(r["linked_unit_codes"]), crosswalk)
            ),
        }
        for _, r in named.iterrows()
    ]
    st.markdown(f"**{tr('named_targets_2025', L)}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def render() -> None:
    """The map page in the 2025 vintage."""
    from geo.vintage.metrics2025 import ward_ratio_2025

    L = lang()
    locality = current_locality_2025()
    if locality.kind == "country":
        from pages._national import national_view

        national_view(lambda code, _register: _unit_panel(code, L), vintage="2025")
        return
    units = _units(locality.codes)
    counts = units["unit_type"].value_counts()
    st.title(locality.name(L))
    st.caption(
        tr(
            "units_2025_count",
            L,
            total=len(units),
            wards=counts.get("phường", 0),
            communes=counts.get("xã", 0),
            zones=counts.get("đặc khu", 0),
        )
    )
    if locality.kind == "seed":
        _fate(locality, L)
    if locality.kind == "province":
        ratio = ward_ratio_2025(cached_frames()["units_2025"], province_code=locality.province_code)
        st.caption(
            tr(
                "phuong_share_2025",
                L,
                province=locality.name(L),
                wards=ratio.wards,
                total=ratio.total,
                ratio=fmt_pct(ratio.ratio or 0.0, L),
            )
        )
    map_col, panel_col = st.columns([3, 1.3])
    with map_col:
        event = show_map(
            _built_map(locality.key, L),
            key=f"map2025-{locality.key}-{L}",
            height=640,
            returned_objects=["last_active_drawing"],
        )
        st.caption(tr("units_2025_source", L))
    props = ((event or {}).get("last_active_drawing") or {}).get("properties") or {}
    if props.get("code"):
        st.session_state["selected_2025"] = props["code"]
    elif locality.kind == "commune":
        st.session_state.setdefault("selected_2025", locality.codes[0])
    with panel_col:
        selected = st.session_state.get("selected_2025")
        if selected and selected in set(locality.codes):
            _unit_panel(selected, L)
        else:
            st.info(tr("click_hint", L))
    _named_targets(locality, L)
