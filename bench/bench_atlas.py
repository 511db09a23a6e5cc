"""Time the Trà Vinh unit atlas (province 84, one page per unit) and the Lào Cai progress report.

Prints figures, never fails. Run: .venv/bin/python -m bench.bench_atlas
(aim: under 1 s per page on a 2-core machine).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from geo.export import collect, resolve_locality
from geo.export.atlas import export_atlas
from geo.io import load_linked_register, load_meridians, load_outlines, load_population, load_units
from geo.report import export_report, load_report


def _atlas(folder: Path, *, province: str, kind: str, suffix: str) -> None:
    start = time.perf_counter()
    units = load_units()
    population = load_population()
    bundle = collect(
        resolve_locality(province=province, units=units),
        units=units,
        population=population,
        register=load_linked_register(),
        provinces=load_outlines("province"),
        districts=load_outlines("district"),
        meridians=load_meridians(),
    )
    loaded = time.perf_counter() - start
    path = folder / f"atlas-{province}-{kind}{suffix}"
    t, cpu = time.perf_counter(), time.process_time()
    plan = export_atlas(bundle, path, kind=kind, population=population)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"atlas {kind} province {province} {suffix}: {plan.total} pages in {seconds:.1f} s wall "
        f"= {seconds / plan.total:.2f} s/page; CPU {cpu:.1f} s = {cpu / plan.total:.2f} s/page "
        f"(load + collect {loaded:.1f} s), {path.stat().st_size / 1024:.0f} KiB"
    )


def _report(folder: Path, document: str) -> None:
    t = time.perf_counter()
    data = load_report(document)
    print(f"report {document}: load {time.perf_counter() - t:5.2f} s, {len(data.targets)} targets")
    for suffix in (".pdf", ".docx", ".xlsx"):
        t = time.perf_counter()
        path = export_report(data, folder / f"report-{document}{suffix}")
        print(f"report {document} {suffix:5s}: {time.perf_counter() - t:6.2f} s  {path.stat().st_size / 1024:8.0f} KiB")


def main() -> None:
    # Wall time depends on what else runs; CPU time of this process is the figure to compare.
    print(f"cores available: {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _atlas(folder, province="84", kind="units", suffix=".pdf")
        _report(folder, "laocai-2024")


if __name__ == "__main__":
    main()
