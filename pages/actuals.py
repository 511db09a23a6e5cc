"""Enter the actuals of targets: one at a time, or a CSV/XLSX batch saved all or nothing; a target's history."""

from __future__ import annotations

import streamlit as st

from geo.store import StoreError, history, record_actual, record_actuals
from geo.store.batch import read_rows
from geo.text import localised
from layers.i18n import tr
from pages._auth import cached_store, current_user
from pages._history import history_frame
from pages._state import current_locality, lang, locality_register


def main() -> None:
    L = lang()
    st.title(tr("page_actuals", L))
    locality = current_locality()
    st.caption(locality.name(L))
    register = locality_register(locality)
    targets = register["targets"]
    user = current_user()
    if user is None:
        st.info(tr("login_to_edit", L))
    labels = {str(row["id"]): localised(row, "label", L) for row in targets.to_dict("records")}
    with st.form("actual_single"):
        st.subheader(tr("actual_single", L))
        c1, c2, c3 = st.columns([3, 1, 1])
        target = c1.selectbox(tr("field_target", L), list(labels), format_func=lambda t: f"{t} · {labels[t]}")
        value = c2.text_input(tr("field_value", L))
        year = c3.number_input(tr("field_year", L), min_value=1990, max_value=2100, value=2025, step=1)
        source = st.text_input(tr("field_source", L))
        note = st.text_input(tr("field_note", L))
        submitted = st.form_submit_button(tr("save", L), type="primary", disabled=user is None)
    if submitted:
        try:
            version = record_actual(
                cached_store(), target, value=value, year=int(year), source=source, user=user or "", note=note
            )
        except StoreError as error:
            st.error(str(error))
        else:
            st.success(tr("saved_version", L, id=target, v=version))
    st.subheader(tr("actual_batch", L))
    upload = st.file_uploader("CSV / XLSX", type=["csv", "xlsx"], key="actuals_upload", label_visibility="collapsed")
    if upload is not None and st.button(tr("save", L), key="actuals_batch_save", disabled=user is None):
        try:
            count = record_actuals(cached_store(), read_rows(upload.getvalue(), upload.name), user=user or "")
        except StoreError as error:
            st.error(str(error))
        else:
            st.success(tr("batch_saved", L, n=count))
    actuals = register["actuals"]
    shown = actuals[actuals["target_id"].isin(set(targets["id"]))]
    st.subheader(tr("actuals_table", L))
    st.dataframe(shown, hide_index=True, width="stretch")
    if labels:
        st.subheader(tr("target_history", L))
        chosen = st.selectbox(
            tr("field_target", L), list(labels), format_func=lambda t: f"{t} · {labels[t]}", key="actuals_history"
        )
        st.dataframe(history_frame(history(cached_store(), chosen), L), hide_index=True, width="stretch")


main()
