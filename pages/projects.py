"""Projects page: the register with filters, the items without a location, zoom to one on the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.resolutions import PRECISIONS
from geo.text import register_label
from layers.i18n import tr
from layers.projects import kind_label
from pages._state import cached_units, current_locality, lang, locality_register


def _table(projects: pd.DataFrame, L: str) -> pd.DataFrame:
    units = cached_units().set_index("code")
    return pd.DataFrame(
        {
            "ID": projects["id"],
            tr("name", L): projects["name_vi"],
            tr("kind", L): projects["kind"].map(lambda k: kind_label(k, L)),
            tr("status_filter", L): projects["status"].map(lambda s: register_label("status", s, L)),
            tr("target_year", L): projects["target_year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
            tr("precision", L): projects["precision"].map(lambda p: register_label("precision", p, L)),
            tr("communes_touched", L): projects["unit_codes"].map(
                lambda codes: ", ".join(units.loc[c, "name"] for c in codes if c in units.index)
            ),
            tr("documents", L): [
                ", ".join(f"{d} ({s})" for d, s in zip(ds, ss))
                for ds, ss in zip(projects["document_ids"], projects["sections"])
            ],
        }
    )


def main() -> None:
    L = lang()
    locality = current_locality()
    projects = locality_register(locality)["projects"]
    st.title(tr("projects_title", L))
    st.caption(locality.name(L))
    if projects.empty:
        st.info(tr("projects_none", L))
        return
    c1, c2, c3, c4 = st.columns(4)
    kinds = c1.multiselect(
        tr("filter_kind", L),
        sorted(set(projects["kind"])),
        key="projects_kind",
        placeholder=tr("choose", L),
        format_func=lambda k: kind_label(k, L),
    )
    statuses = c2.multiselect(
        tr("filter_status", L),
        sorted(set(projects["status"])),
        key="projects_status",
        placeholder=tr("choose", L),
        format_func=lambda s: register_label("status", s, L),
    )
    precisions = c3.multiselect(
        tr("filter_precision", L),
        list(PRECISIONS),
        key="projects_precision",
        placeholder=tr("choose", L),
        format_func=lambda p: register_label("precision", p, L),
    )
    units = cached_units()
    district_names = dict(zip(units["district_code"], units["district_name"]))
    code_to_district = dict(zip(units["code"], units["district_code"]))
    touched = sorted({code_to_district[c] for codes in projects["unit_codes"] for c in codes if c in code_to_district})
    chosen_districts = c4.multiselect(
        tr("filter_district", L),
        touched,
        key="projects_district",
        placeholder=tr("choose", L),
        format_func=lambda d: district_names.get(d, d),
    )
    shown = projects
    if kinds:
        shown = shown[shown["kind"].isin(kinds)]
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    if precisions:
        shown = shown[shown["precision"].isin(precisions)]
    if chosen_districts:
        shown = shown[
            shown["unit_codes"].map(lambda codes: any(code_to_district.get(c) in chosen_districts for c in codes))
        ]
    located = shown[shown.geometry.notna()]
    st.dataframe(_table(located, L), hide_index=True, width="stretch")
    if not located.empty:
        names = dict(zip(located["id"], located["name_vi"]))
        c1, c2 = st.columns([3, 1])
        pid = c1.selectbox(
            tr("pick_project", L), list(names), format_func=lambda i: f"{i} · {names[i]}", key="projects_pick"
        )
        if c2.button(tr("zoom_to", L), type="primary"):
            point = located.set_index("id").loc[pid, "geometry"].representative_point()
            st.session_state["selected"] = ("project", pid)
            st.session_state["map_focus"] = (point.y, point.x, 14)
            st.switch_page("pages/map.py")

    unlocated = shown[shown.geometry.isna()]
    st.subheader(tr("unlocated_title", L, n=len(unlocated)))
    st.caption(tr("unlocated_note", L))
    st.dataframe(
        _table(unlocated, L).drop(columns=[tr("precision", L), tr("communes_touched", L)]),
        hide_index=True,
        width="stretch",
    )


main()
