"""Times the store on both back ends: a save, a history query, and a page rerun with 1,000 edits applied.

Run: .venv/bin/python -m bench.bench_store   (starts a throwaway PostGIS server; prints figures, never pass/fail)
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from geo.config import PROJECT_ROOT
from geo.store import add_user, close_stores, edit_project, history, open_store, record_actual
from geo.store.baseline import load_baseline
from tools.throwaway_postgres import TEMPLATE, throwaway_postgres

SAVES = 60
EDITS = 1000


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p90 {ordered[int(len(ordered) * 0.9)] * 1000:.1f} ms"


def _fill(url: str) -> None:
    store = open_store(url)
    add_user(store, "editor", role="editor", password="bench-pass-1", by=None)
    base = load_baseline()
    projects, targets = sorted(base.projects), sorted(base.target_ids)
    started = time.perf_counter()
    for i in range(EDITS):
        if i % 2:
            edit_project(store, projects[i % len(projects)], user="editor", source="bench", target_year=2026 + i % 10)
        else:
            record_actual(store, targets[i % len(targets)], value=i, year=2000 + i % 26, source="bench", user="editor")
    print(f"  filled {EDITS} edits in {time.perf_counter() - started:.1f} s")


def time_store(label: str, url: str) -> None:
    store = open_store(url)
    add_user(store, "editor", role="editor", password="bench-pass-1", by=None)
    projects = sorted(load_baseline().projects)
    edit_project(store, projects[0], user="editor", source="warm-up", status="planned")
    saves, reads = [], []
    for i in range(SAVES):
        t = time.perf_counter()
        edit_project(store, projects[i % 10], user="editor", source="bench", target_year=2030 + i % 20)
        saves.append(time.perf_counter() - t)
    for i in range(SAVES):
        t = time.perf_counter()
        history(store, projects[i % 10])
        reads.append(time.perf_counter() - t)
    print(f"{label}: save {_ms(saves)}; history query {_ms(reads)} ({SAVES} each)")


def time_rerun(label: str, url: str | None) -> None:
    """The projects page under AppTest: median of reruns (the first run fills the caches)."""
    from streamlit.testing.v1 import AppTest

    if url:
        os.environ["ATLAS_DATABASE_URL"] = url
        _fill(url)
    else:
        os.environ["ATLAS_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/absent/none.sqlite"
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=300)
    at.query_params["district"] = "870"
    t = time.perf_counter()
    at.run()
    at.switch_page("pages/projects.py").run()
    first = time.perf_counter() - t
    samples = []
    for _ in range(15):
        at.session_state["locality_key"] = "district=870"
        t = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - t)
    assert not at.exception, [e.value for e in at.exception]
    print(f"{label}: projects page first run {first:.2f} s; rerun {_ms(samples)}")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    time_store("SQLite", f"sqlite:///{folder / 'save.sqlite'}")
    with throwaway_postgres() as server:
        server.admin(f"CREATE DATABASE bench_save TEMPLATE {TEMPLATE}")
        server.admin(f"CREATE DATABASE bench_rerun TEMPLATE {TEMPLATE}")
        time_store("PostGIS", server.url("bench_save"))
        time_rerun("no store (baseline only)", None)
        time_rerun(f"SQLite, {EDITS} edits", f"sqlite:///{folder / 'rerun.sqlite'}")
        time_rerun(f"PostGIS, {EDITS} edits", server.url("bench_rerun"))
        close_stores()


if __name__ == "__main__":
    main()
