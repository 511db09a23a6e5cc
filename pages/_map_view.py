"""Map page: the locality's units and projects, a search box and a details panel.

The page file ``pages/map.py`` only calls :func:`main`: Streamlit compiles a page file again
whenever its script cache is emptied (each time the last session closes), so the page's body
lives in this module, which Python compiles once per process.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.localities import Locality
from geo.names import fold
from geo.spatial import projects_for_unit, targets_for_unit
from geo.text import localised, register_label
from layers.i18n import fmt_int, fmt_num, tr, unit_type_label
from layers.map import locality_map
from layers.projects import (
    kind_label,
    project_id_from_tooltip,
    projects_layer,
    projects_legend,
)
from pages._state import (
    cached_outlines,
    cached_population,
    cached_units,
    current_locality,
    lang,
    locality_register,
    locality_units,
    show_map,
)


@st.cache_resource(show_spinner=False, max_entries=16)
def _built_map(locality_key: str, language: str, _locality: Locality, _projects: pd.DataFrame):  # noqa: ANN202
    """The folium.Map of a locality, cached by its key and the language (the key names the locality)."""
    projects = _projects
    return locality_map(
        locality_units(_locality),
        lang=language,
        provinces=cached_outlines("province"),
        districts=cached_outlines("district"),
        extra_layers=[projects_layer(projects, language, name=tr("projects_layer", language))],
        extra_legend=projects_legend(projects, language),
        from_assets=True,
    )


def _target_line(row: pd.Series, L: str) -> str:
    label = localised(row, "label", L)
    return f"- **{row['id']}** {label} — *{row['document_id']}, mục {row['section']}*"


def _unit_panel(code: str, register: dict[str, pd.DataFrame]) -> None:
    units = cached_units().set_index("code")
    if code not in units.index:
        return
    unit = units.loc[code]
    L = lang()
    st.subheader(f"{unit['name']}")
    st.caption(f"{unit_type_label(unit['unit_type'], L)} · {unit['district_name']} · {unit['province_name']}")
    st.markdown(f"**{tr('code', L)}:** `{code}`  \n**{tr('area', L)}:** {fmt_num(unit['area_km2'], L)}")
    st.caption(tr("area_note", L))
    population = cached_population()
    row = population[population["code"] == code]
    if row.empty:
        st.markdown(f"**{tr('population', L)}:** {tr('population_none', L)}")
    else:
        r = row.iloc[0]
        origin = " · nhập" if r.get("origin") == "imported" else ""
        st.markdown(f"**{tr('population', L)}:** {fmt_int(r['population'], L)} ({int(r['year'])}{origin})")
        st.caption(str(r["source"]) + (f" — {r['note']}" if isinstance(r.get("note"), str) and r["note"] else ""))
    targets = register["targets"]
    named = targets_for_unit(code, targets, scope="named")
    st.markdown(f"**{tr('unit_targets', L)}**")
    st.markdown("\n".join(_target_line(r, L) for _, r in named.iterrows()) if not named.empty else tr("none", L))
    wide = targets_for_unit(code, targets, scope="locality")
    if not wide.empty:
        st.caption(tr("unit_locality_targets", L, n=len(wide)))
    from pages._vintage import counterparts_of_legacy

    counterparts_of_legacy(code, L)
    here = projects_for_unit(code, register["projects"])
    st.markdown(f"**{tr('unit_projects', L)}**")
    st.markdown(
        "\n".join(f"- **{p['id']}** {p['name_vi']} ({kind_label(p['kind'], L)})" for _, p in here.iterrows())
        if not here.empty
        else tr("none", L)
    )


def _document_line(docs: pd.DataFrame, doc_id: str, section: str) -> str:
    if doc_id not in docs.index:
        return f"- {doc_id}, mục {section}"
    doc = docs.loc[doc_id]
    number = f" {doc['number']}" if isinstance(doc["number"], str) and doc["number"] else ""
    return f"- {doc['kind']}{number} — {doc['title_vi']}, mục {section}"


def _project_panel(pid: str, register: dict[str, pd.DataFrame]) -> None:
    projects = register["projects"].set_index("id")
    if pid not in projects.index:
        return
    p = projects.loc[pid]
    L = lang()
    st.subheader(p["name_vi"])
    year = "" if pd.isna(p["target_year"]) else str(int(p["target_year"]))
    st.caption(
        f"{pid} · {kind_label(p['kind'], L)} · {register_label('status', p['status'], L)}"
        + (f" · {tr('target_year', L)} {year}" if year else "")
    )
    docs = register["documents"].set_index("id")
    st.markdown(f"**{tr('documents', L)}**")
    st.markdown("\n".join(_document_line(docs, d, section) for d, section in zip(p["document_ids"], p["sections"])))
    targets = register["targets"].set_index("id")
    st.markdown(f"**{tr('linked_targets', L)}**")
    linked = [t for t in p["linked_target_ids"] if t in targets.index]
    st.markdown(
        "\n".join(_target_line(targets.loc[t].rename(index={}).to_frame().T.assign(id=t).iloc[0], L) for t in linked)
        if linked
        else tr("none", L)
    )
    units = cached_units().set_index("code")
    st.markdown(f"**{tr('communes_touched', L)}**")
    names = [f"{units.loc[c, 'name']} ({c})" for c in p["unit_codes"] if c in units.index]
    note = f" {tr('nearest_note', L)}" if p.get("unit_relation") == "nearest" else ""
    st.markdown((", ".join(names) + note) if names else tr("none", L))
    st.markdown(f"**{tr('precision', L)}:** {register_label('precision', p['precision'], L)}")
    st.caption(p["precision_note"])
    if len(p["sources"]):
        st.markdown(f"**{tr('sources', L)}**")
        st.markdown("\n".join(f"- {s}" for s in p["sources"]))


def _search(units: pd.DataFrame, projects: pd.DataFrame, L: str) -> None:
    query = st.text_input(tr("search", L), key="map_search")
    if not query.strip():
        return
    key = fold(query)
    hits = [("unit", c, n) for c, n in zip(units["code"], units["name"]) if key in fold(n)]
    hits += [("project", i, n) for i, n in zip(projects["id"], projects["name_vi"]) if key in fold(n)]
    if not hits:
        st.info(tr("no_match", L))
        return
    labels = {f"{kind}:{ident}": name for kind, ident, name in hits[:30]}
    choice = st.radio(
        tr("search", L),
        list(labels),
        format_func=labels.get,
        horizontal=True,
        key=f"map_search_hit_{key}",
        label_visibility="collapsed",
        index=None,
    )
    if choice:
        kind, ident = choice.split(":", 1)
        st.session_state["selected"] = (kind, ident)
        frame = units.set_index("code") if kind == "unit" else projects.set_index("id")
        geometry = frame.loc[ident, "geometry"]
        if geometry is not None:
            point = geometry.representative_point()
            st.session_state["map_focus"] = (point.y, point.x, 14)


def _latest_click(event: dict) -> tuple[str, str] | None:
    """What the user clicked last: a polygon returns its feature, a marker its tooltip.

    Both values persist between reruns, so only the one that changed is a new click.
    """
    props = (event.get("last_active_drawing") or {}).get("properties") or {}
    drawing = ("project", props["id"]) if props.get("id") else ("unit", props["code"]) if props.get("code") else None
    pid = project_id_from_tooltip(event.get("last_object_clicked_tooltip"))
    marker = ("project", pid) if pid else None
    previous = st.session_state.get("_last_events", (None, None))
    st.session_state["_last_events"] = (drawing, marker)
    if marker and marker != previous[1]:
        return marker
    if drawing and drawing != previous[0]:
        return drawing
    return None


def main() -> None:
    from pages._vintage import vintage

    if vintage() == "2025":
        from pages.map2025 import render

        render()
        return
    L = lang()
    locality = current_locality()
    if locality.level == "country":
        from pages._national import national_view

        national_view(_unit_panel)
        return
    units = locality_units(locality)
    register = locality_register(locality)
    counts = units["unit_type"].value_counts()
    st.title(locality.name(L))
    st.caption(
        tr(
            "units_count",
            L,
            total=len(units),
            wards=counts.get("phường", 0),
            towns=counts.get("thị trấn", 0),
            communes=counts.get("xã", 0),
        )
    )
    _search(units, register["projects"], L)
    _map_and_panel(locality, register, L)


@st.fragment
def _map_and_panel(locality: Locality, register: dict[str, pd.DataFrame], L: str) -> None:
    """The map and its details panel: a click on the map reruns only this part, not the sidebar and picker."""
    map_col, panel_col = st.columns([3, 1.3])
    with map_col:
        focus = st.session_state.get("map_focus")
        view = {"center": (focus[0], focus[1]), "zoom": focus[2]} if focus else {}
        event = show_map(
            _built_map(locality.key, L, locality, register["projects"]),
            key=f"map-{locality.key}-{L}",
            height=640,
            returned_objects=["last_active_drawing", "last_object_clicked_tooltip"],
            **view,
        )
        unlocated = int(register["projects"].geometry.isna().sum())
        st.caption(
            tr("units_source", L)
            + " "
            + tr("projects_source", L)
            + (" " + tr("not_located_count", L, n=unlocated) if unlocated else "")
        )
    clicked = _latest_click(event or {})
    if clicked:
        st.session_state["selected"] = clicked
    with panel_col:
        selected = st.session_state.get("selected")
        if selected and selected[0] == "unit":
            _unit_panel(selected[1], register)
        elif selected and selected[0] == "project":
            _project_panel(selected[1], register)
        else:
            st.info(tr("click_hint", L))
