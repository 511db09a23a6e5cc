"""The edit page's forms that add a project and retire one (the store checks the role and the values).

A new project is one that a document names but the register lacks; a retired
one leaves the map and the lists, and its history stays (nothing is deleted).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo.resolutions import PROJECT_KINDS, STATUSES
from geo.store import Store, StoreError, add_project, history, restore, retire_project
from geo.store.edits import EDIT_PRECISIONS
from geo.store.geometry import geometry_from_file, parse_point
from geo.text import register_label
from layers.i18n import tr
from pages._history import history_frame

__all__ = ["NEXT_PICK", "ADD_KEYS", "add_project_form", "retire_control", "retired_projects"]

# The project the page's picker shows on the next run (a widget's value is set before it is drawn).
NEXT_PICK = "edit_pick_next"
ADD_KEYS = (
    "add_id",
    "add_name",
    "add_kind",
    "add_status",
    "add_document",
    "add_section",
    "add_year",
    "add_precision",
    "add_point",
    "add_file",
    "add_source",
    "add_reason",
)


def _new_location(point: str, upload: Any) -> Any:
    if upload is not None:
        return geometry_from_file(upload.getvalue(), upload.name)
    if point.strip():
        return parse_point(point)
    return None


def add_project_form(store: Store, user: str | None, documents: pd.DataFrame, L: str) -> None:
    """The "add a project" form: id, name, kind, status, document and section, year, location, source."""
    with st.expander(tr("add_project", L), expanded=False):
        c1, c2 = st.columns([1, 3])
        project_id = c1.text_input(tr("field_project_id", L), key="add_id")
        name = c2.text_input(tr("field_name", L), key="add_name")
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            tr("field_kind", L), PROJECT_KINDS, format_func=lambda k: register_label("kind", k, L), key="add_kind"
        )
        status = c2.selectbox(
            tr("add_field_status", L),
            STATUSES,
            index=STATUSES.index("unknown"),
            format_func=lambda s: register_label("status", s, L),
            key="add_status",
        )
        year = c3.number_input(
            tr("add_field_year", L), min_value=1990, max_value=2100, step=1, value=None, key="add_year"
        )
        titles = dict(zip(documents["id"], documents["title_vi"]))
        c1, c2 = st.columns([3, 1])
        document = c1.selectbox(
            tr("field_document", L), list(titles), format_func=lambda d: f"{d} – {titles[d]}", key="add_document"
        )
        section = c2.text_input(tr("field_section", L), key="add_section")
        c1, c2 = st.columns(2)
        point = c1.text_input(tr("field_point", L), key="add_point")
        precision = c2.selectbox(
            tr("add_field_precision", L),
            [None, *EDIT_PRECISIONS],
            format_func=lambda p: "—" if p is None else register_label("precision", p, L),
            key="add_precision",
        )
        upload = st.file_uploader(tr("add_field_upload", L), type=["geojson", "json", "kml", "gpkg"], key="add_file")
        source = st.text_input(tr("add_field_source", L), key="add_source")
        reason = st.text_input(tr("add_field_reason", L), key="add_reason")
        if st.button(tr("add_save", L), disabled=user is None, key="add_save"):
            key = project_id.strip()
            try:
                version = add_project(
                    store,
                    key,
                    user=user or "",
                    source=source,
                    reason=reason or None,
                    geometry=_new_location(point, upload),
                    properties={
                        "name_vi": name.strip(),
                        "kind": kind,
                        "status": status,
                        "target_year": None if year is None else int(year),
                        "document_ids": [document] if document else [],
                        "sections": [section.strip()],
                        "precision": precision,
                    },
                )
            except StoreError as error:
                st.error(str(error))
            else:
                for widget in ADD_KEYS:
                    st.session_state.pop(widget, None)
                st.session_state[NEXT_PICK] = key
                st.session_state["edit_saved"] = tr("added_project", L, id=key, v=version)
                st.rerun()


def retire_control(store: Store, pid: str, user: str | None, *, base_version: int, L: str) -> None:
    """A confirmed "retire" button; it uses the edit form's source and reason."""
    c1, c2 = st.columns([3, 1])
    confirmed = c1.checkbox(tr("retire_confirm", L), key=f"edit_retire_ok_{pid}")
    if c2.button(tr("retire_project", L), disabled=user is None or not confirmed, key=f"edit_retire_{pid}"):
        try:
            version = retire_project(
                store,
                pid,
                user=user or "",
                source=st.session_state.get(f"edit_source_{pid}", ""),
                reason=st.session_state.get(f"edit_reason_{pid}") or None,
                expect_version=base_version,
            )
        except StoreError as error:
            st.error(str(error))
        else:
            st.session_state.pop("edit_pid", None)
            st.session_state["edit_saved"] = tr("retired_project", L, id=pid, v=version)
            st.rerun()


def retired_projects(store: Store, user: str | None, L: str) -> None:
    """The retired projects, each with its history and a button bringing back the version before retiring."""
    from geo.store.versions import current_edits

    retired = [e["key"] for e in current_edits(store) if e["kind"] == "project" and e["retired"]]
    if not retired:
        return
    with st.expander(tr("retired_projects", L, n=len(retired)), expanded=False):
        pid = st.selectbox(tr("retired_pick", L), retired, key="retired_pid")
        versions = history(store, pid)
        st.dataframe(history_frame(versions, L), hide_index=True, width="stretch")
        before = versions[-2]["version"]
        if st.button(tr("retired_restore", L, v=before), disabled=user is None, key="retired_restore"):
            try:
                version = restore(store, pid, version=before, user=user or "", expect_version=versions[-1]["version"])
            except StoreError as error:
                st.error(str(error))
            else:
                st.session_state[NEXT_PICK] = pid
                st.session_state["edit_saved"] = tr("saved_version", L, id=pid, v=version)
                st.rerun()
