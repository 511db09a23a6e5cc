"""The Export page's atlas and progress-report options: a progress bar per page and a Cancel button.

A long export runs in the script run that follows a click on its button. A
click on Cancel starts a new run, which stops the running one at its next
progress update; the temporary file is removed then (atomic write), so a
cancelled export leaves nothing behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from geo.errors import PlanningAtlasError
from geo.export import collect
from geo.export.atlas import ATLAS_FORMATS, ATLAS_KINDS, export_atlas
from geo.localities import Locality
from geo.report import REPORT_FORMATS, export_report
from geo.text import ATLAS_TEXT, lookup
from layers.i18n import tr
from pages._state import (
    cached_meridians,
    cached_outlines,
    cached_population,
    cached_register,
    cached_units,
    locality_register,
)

__all__ = ["atlas_and_report_section"]

MIME = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _t(key: str, L: str, **values: object) -> str:
    return lookup(ATLAS_TEXT, key, L, **values)


def _progress_bar(L: str) -> Any:
    bar = st.progress(0.0)

    def update(number: int, total: int, what: str) -> None:
        bar.progress(min(number / total, 1.0), text=_t("progress_page", L, n=number, total=total, what=what))

    return update


def _make_atlas(job: dict[str, Any], L: str) -> tuple[bytes, int]:
    locality = Locality(*job["locality"])
    population = cached_population()
    bundle = collect(
        locality,
        units=cached_units(),
        population=population,
        register=cached_register(),
        provinces=cached_outlines("province"),
        districts=cached_outlines("district"),
        meridians=cached_meridians(),
        title=job["title"],
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"atlas{job['suffix']}"
        plan = export_atlas(
            bundle,
            path,
            kind=job["kind"],
            size=job["size"],
            orientation=job["orientation"],
            lang=L,
            population=population,
            progress=_progress_bar(L),
        )
        return path.read_bytes(), plan.total


def _make_report(job: dict[str, Any], L: str) -> bytes:
    from geo.store.register import load_edited_report

    data = load_edited_report(job["document"])
    with tempfile.TemporaryDirectory() as folder:
        path = export_report(data, Path(folder) / f"report{job['suffix']}", lang=L, progress=_progress_bar(L))
        return path.read_bytes()


def _run(name: str, make: Any, L: str) -> None:
    """Run the job ``name`` if one is pending (with its Cancel button); keep the result for download."""
    job = st.session_state.get(f"{name}_job")
    if job is None:
        return
    if st.button(_t("app_cancel", L), key=f"{name}_cancel"):
        st.session_state[f"{name}_job"] = None
        st.info(_t("cancelled", L))
        return
    try:
        result = make(job, L)
    except PlanningAtlasError as error:
        st.session_state[f"{name}_job"] = None
        st.error(str(error))
        return
    data, pages = result if isinstance(result, tuple) else (result, None)
    st.session_state[f"{name}_job"] = None
    st.session_state[f"{name}_file"] = {"data": data, "name": job["file_name"], "mime": MIME[job["suffix"]]}
    if pages:
        st.success(_t("app_ready", L, n=pages))


def _download(name: str, L: str) -> None:
    done = st.session_state.get(f"{name}_file")
    if done:
        st.download_button(
            f"⬇ {done['name']}", data=done["data"], file_name=done["name"], mime=done["mime"], key=f"{name}_download"
        )


def atlas_and_report_section(locality: Locality, title: str, L: str) -> None:
    """The atlas and report options of the Export page for ``locality``."""
    slug = f"{locality.level}-{'-'.join(locality.codes)}"
    st.subheader(_t("app_atlas", L))
    left, right = st.columns(2)
    with left:
        kind = st.radio(
            _t("app_atlas_kind", L),
            list(ATLAS_KINDS),
            horizontal=True,
            format_func=lambda k: _t(f"app_atlas_{k}", L),
            key="atlas_kind",
        )
        suffix = st.radio(_t("app_atlas_format", L), list(ATLAS_FORMATS), horizontal=True, key="atlas_format")
    with right:
        size = st.radio(tr("export_size", L), ["A4", "A3"], horizontal=True, key="atlas_size")
        orientation = st.radio(
            tr("export_orientation", L),
            ["landscape", "portrait"],
            horizontal=True,
            format_func=lambda o: tr(f"export_{o}", L),
            key="atlas_orientation",
        )
    if st.button(_t("app_make", L), type="primary", key="atlas_make"):
        st.session_state["atlas_file"] = None
        st.session_state["atlas_job"] = {
            "locality": (locality.level, locality.codes, locality.name_vi, locality.name_en),
            "title": title,
            "kind": kind,
            "suffix": suffix,
            "size": size,
            "orientation": orientation,
            "file_name": f"atlas-{kind}-{slug}{suffix}",
        }
    _run("atlas", _make_atlas, L)
    _download("atlas", L)

    st.subheader(_t("app_report", L))
    documents = locality_register(locality)["documents"]
    if documents.empty:
        st.info(_t("app_no_documents", L))
        return
    labels = dict(zip(documents["id"], documents["title_vi"], strict=True))
    document = st.selectbox(_t("app_report_document", L), list(labels), format_func=lambda d: f"{d} – {labels[d]}")
    report_suffix = st.radio(_t("app_report_format", L), list(REPORT_FORMATS), horizontal=True, key="report_format")
    if st.button(_t("app_make_report", L), key="report_make"):
        st.session_state["report_file"] = None
        st.session_state["report_job"] = {
            "document": document,
            "suffix": report_suffix,
            "file_name": f"report-{document}{report_suffix}",
        }
    _run("report", _make_report, L)
    _download("report", L)
