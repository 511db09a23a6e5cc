"""No lost update under concurrency, and a batch killed with SIGKILL leaves nothing (both back ends)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter

from sqlalchemy import text

from geo.config import PROJECT_ROOT
from geo.store import ConflictError, current_edits, edit_project, history, open_store, record_version
from geo.store.baseline import load_baseline

THREADS = 20
ROUNDS = 4


def test_twenty_threads_lose_no_edit_and_every_refusal_is_a_conflict(store) -> None:
    others = sorted(p for p in load_baseline().projects if p != "DT-11")[: THREADS // 2]
    accepted: list[tuple[str, int, str]] = []
    refused: list[tuple[str, str]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def work(n: int) -> None:
        # Half the threads fight over DT-11; the others each edit a record of their own.
        project = "DT-11" if n % 2 == 0 else others[n // 2]
        start.wait()
        for r in range(ROUNDS):
            tag = f"thread {n} round {r}"
            try:
                seen = record_version(store, "project", project)
                version = edit_project(
                    store,
                    project,
                    user="editor",
                    source="concurrency test",
                    reason=tag,
                    target_year=2030 + (n * ROUNDS + r) % 60,
                    expect_version=seen,
                )
                with lock:
                    accepted.append((project, version, tag))
            except ConflictError:
                with lock:
                    refused.append((project, tag))
            except BaseException as error:  # noqa: BLE001  (any other outcome fails the test below)
                failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert len(accepted) + len(refused) == THREADS * ROUNDS
    assert all(project == "DT-11" for project, _ in refused)
    per_project = Counter(project for project, _, _ in accepted)
    assert all(per_project[p] == ROUNDS for p in others)
    for project in ["DT-11", *others]:
        versions = history(store, project)
        numbers = [v["version"] for v in versions]
        assert numbers == list(range(1, per_project[project] + 2))
        assert {v["reason"] for v in versions[1:]} == {tag for p, _, tag in accepted if p == project}
        assert {(v["version"], v["reason"]) for v in versions[1:]} == {
            (ver, tag) for p, ver, tag in accepted if p == project
        }
    assert per_project["DT-11"] >= 1 and len(refused) >= 1


BATCH_SCRIPT = """
import sys, time
from geo.store import open_store, record_actuals
from geo.store.baseline import load_baseline
targets = sorted(load_baseline().target_ids)
rows = [{"target_id": targets[i % len(targets)], "value": str(i), "year": str(1990 + i % 100),
         "source": "durability test"} for i in range(1000)]
def progress(done):
    if done == 500:
        print("halfway", flush=True)
        time.sleep(120)
record_actuals(open_store(sys.argv[1]), rows, user="editor", progress=progress)
print("finished", flush=True)
"""


def test_a_batch_killed_halfway_leaves_the_store_as_it_was(store) -> None:
    edit_project(store, "DT-11", user="editor", source="before the batch", status="operating")
    with subprocess.Popen(
        [sys.executable, "-c", BATCH_SCRIPT, store.url],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            line = process.stdout.readline() if process.stdout else ""
        finally:
            os.kill(process.pid, signal.SIGKILL)
            _, errors = process.communicate(timeout=30)
    assert line.strip() == "halfway", errors
    assert process.returncode == -signal.SIGKILL
    from geo.store.engine import close_stores

    close_stores()
    reopened = open_store(store.url)
    edits = current_edits(reopened)
    assert [(e["kind"], e["key"], e["version"]) for e in edits] == [("project", "DT-11", 2)]
    with reopened.reading() as session:
        assert session.execute(text("SELECT count(*) FROM changes")).scalar() == 1
        if reopened.dialect == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    # The store still takes writes after the kill (no lock left behind).
    assert edit_project(reopened, "DT-11", user="editor", source="after the batch", status="planned") == 3
