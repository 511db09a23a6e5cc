"""Edit a project: status, target year, location (drawn or uploaded), precision, source; history and restore.

Also add a project a document names but the register lacks, and retire one (:mod:`pages._edit_forms`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import folium
import pandas as pd
import streamlit as st

from geo.localities import Locality
from geo.resolutions import STATUSES as RESOLUTION_STATUSES
from geo.store import ConflictError, PermissionDeniedError, StoreError, edit_project, history, restore
from geo.store.edits import EDIT_PRECISIONS
from geo.store.errors import vietnam_time
from geo.store.geometry import geometry_from_file, geometry_from_geojson
from geo.text import register_label
from layers.draw import add_local_draw
from layers.i18n import tr
from layers.offline import localise_assets
from pages._auth import cached_store, current_user
from pages._edit_forms import NEXT_PICK, add_project_form, retire_control, retired_projects
from pages._history import history_frame
from pages._state import (
    cached_outlines,
    cached_register,
    current_locality,
    lang,
    locality_register,
    locality_units,
    show_map,
)

STATUSES = list(RESOLUTION_STATUSES)


def _edit_map(project: pd.Series, units: Any, L: str) -> folium.Map:
    from layers.basemap import base_map
    from layers.map import locality_bounds

    bounds = locality_bounds(units)
    fmap = base_map(bounds, L, provinces=cached_outlines("province"), districts=cached_outlines("district"))
    folium.GeoJson(
        units[["code", "name", "geometry"]].to_json(),
        name=tr("units_layer", L),
        style_function=lambda _: {"fillOpacity": 0.05, "color": "#777", "weight": 0.8},
    ).add_to(fmap)
    if project.geometry is not None:
        folium.GeoJson(
            project.geometry.__geo_interface__,
            name=str(project["id"]),
            tooltip=f"{project['id']} v{project['version']}",
        ).add_to(fmap)
        minx, miny, maxx, maxy = project.geometry.buffer(0.01).bounds
        fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    localise_assets(fmap)
    add_local_draw(fmap)
    return fmap


def _backdrop_units(locality: Locality, project: pd.Series) -> Any:
    """The units under the edit map: the locality's; for the whole country, the project's provinces.

    The country's 10,000 full-detail polygons inline would make the map unusable; a project
    not located yet gets the coarse national layer the national map draws.
    """
    units = locality_units(locality)
    if locality.level != "country":
        return units
    provinces = set(units.loc[units["code"].isin(list(project["unit_codes"])), "province_code"])
    if provinces:
        return units[units["province_code"].isin(provinces)]
    from geo.io import load_drawn_units

    return load_drawn_units("legacy")


def _location(pid: str, drawing: dict[str, Any] | None, upload: Any) -> Any:
    if upload is not None:
        return geometry_from_file(upload.getvalue(), upload.name)
    if drawing and drawing.get("geometry"):
        return geometry_from_geojson(drawing)
    return None


def _disagreements(pid: str, L: str) -> None:
    """Where the baseline changed a field after it was edited, both values are shown, neither picked."""
    from geo.edited_register import disagreements
    from geo.store.baseline import load_baseline
    from geo.store.register import store_edits

    edits = [e for e in store_edits() if e["kind"] == "project" and e["key"] == pid]
    for row in disagreements(load_baseline().projects, edits).to_dict("records"):
        st.warning(tr("disagreement", L, field=row["field"], now=row["baseline_now"], edited=row["edited"]))


def main() -> None:
    L = lang()
    st.title(tr("page_edit", L))
    locality = current_locality()
    st.caption(locality.name(L))
    register = locality_register(locality)
    projects = register["projects"]
    user = current_user()
    store = cached_store()
    documents = register["documents"] if not register["documents"].empty else cached_register().documents
    if user is None:
        st.info(tr("login_to_edit", L))
    if projects.empty:
        st.info(tr("projects_none", L))
        if "edit_saved" in st.session_state:
            st.success(st.session_state.pop("edit_saved"))
        add_project_form(store, user, documents, L)
        retired_projects(store, user, L)
        return
    if st.session_state.get(NEXT_PICK) in set(projects["id"]):
        st.session_state["edit_pid"] = st.session_state[NEXT_PICK]
    st.session_state.pop(NEXT_PICK, None)
    names = dict(zip(projects["id"], projects["name_vi"]))
    pid = st.selectbox(tr("edit_pick", L), list(names), format_func=lambda i: f"{i} · {names[i]}", key="edit_pid")
    project = projects.set_index("id", drop=False).loc[pid]
    versions = history(store, pid)
    latest = versions[-1]
    base_key = f"edit_base_{pid}"
    st.session_state.setdefault(base_key, latest["version"])
    if latest["version"] == 1:
        st.caption(tr("version_baseline", L))
    else:
        st.caption(
            tr(
                "version_now",
                L,
                v=latest["version"],
                who=latest["user"],
                when=vietnam_time(datetime.fromisoformat(latest["at"])),
            )
        )

    _disagreements(pid, L)
    c1, c2, c3 = st.columns(3)
    status = c1.selectbox(
        tr("field_status", L),
        STATUSES,
        index=STATUSES.index(project["status"]),
        format_func=lambda s: register_label("status", s, L),
        key=f"edit_status_{pid}",
    )
    year_now = project["target_year"]
    year = c2.number_input(
        tr("field_target_year", L),
        min_value=1990,
        max_value=2100,
        step=1,
        value=None if pd.isna(year_now) else int(year_now),
        key=f"edit_year_{pid}",
    )
    precision = c3.selectbox(
        tr("field_precision", L),
        [None, *EDIT_PRECISIONS],
        key=f"edit_precision_{pid}",
        format_func=lambda p: "—" if p is None else register_label("precision", p, L),
    )
    st.caption(tr("location_draw", L))
    event = (
        show_map(
            _edit_map(project, _backdrop_units(locality, project), L),
            key=f"edit_map_{pid}",
            height=420,
            returned_objects=["last_active_drawing"],
        )
        or {}
    )
    drawing = event.get("last_active_drawing")
    if drawing and drawing.get("geometry"):
        geometry = drawing["geometry"]
        st.caption(tr("location_drawn", L, kind=geometry.get("type"), coords=str(geometry.get("coordinates"))[:80]))
    upload = st.file_uploader(tr("location_upload", L), type=["geojson", "json", "kml", "gpkg"], key=f"edit_file_{pid}")
    source = st.text_input(tr("field_source", L), key=f"edit_source_{pid}")
    reason = st.text_input(tr("field_reason", L), key=f"edit_reason_{pid}")
    if st.button(tr("save", L), type="primary", disabled=user is None, key=f"edit_save_{pid}"):
        try:
            shape = _location(pid, drawing, upload)
            new = edit_project(
                store,
                pid,
                user=user or "",
                source=source,
                reason=reason or None,
                expect_version=st.session_state[base_key],
                status=status if status != project["status"] else None,
                target_year=int(year)
                if year is not None and (pd.isna(year_now) or int(year) != int(year_now))
                else None,
                geometry=shape,
                precision=precision,
            )
        except ConflictError as error:
            st.error(str(error))
            st.info(tr("conflict_keep", L))
            st.session_state[f"edit_conflict_{pid}"] = error.current
        except (PermissionDeniedError, StoreError) as error:
            st.error(str(error))
        else:
            st.session_state[base_key] = new
            st.session_state["edit_saved"] = tr("saved_version", L, id=pid, v=new)
            st.rerun()
    retire_control(store, pid, user, base_version=st.session_state[base_key], L=L)
    if st.session_state.get(f"edit_conflict_{pid}") and st.button(tr("reload_version", L), key=f"edit_reload_{pid}"):
        st.session_state[base_key] = st.session_state.pop(f"edit_conflict_{pid}")
        st.rerun()
    if "edit_saved" in st.session_state:
        st.success(st.session_state.pop("edit_saved"))

    st.subheader(tr("history", L))
    st.dataframe(history_frame(versions, L), hide_index=True, width="stretch")
    if len(versions) > 1:
        c1, c2 = st.columns([3, 1])
        target = c1.selectbox(tr("restore_to", L), [v["version"] for v in versions[:-1]], key=f"edit_restore_{pid}")
        if c2.button(tr("restore", L), disabled=user is None, key=f"edit_restore_go_{pid}"):
            try:
                new = restore(store, pid, version=int(target), user=user or "", expect_version=latest["version"])
            except StoreError as error:
                st.error(str(error))
            else:
                st.session_state[base_key] = new
                st.session_state["edit_saved"] = tr("saved_version", L, id=pid, v=new)
                st.rerun()
    add_project_form(store, user, documents, L)
    retired_projects(store, user, L)


main()
