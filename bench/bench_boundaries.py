"""Times a cold national build, a warm build check and a warm `units` query; prints figures.

Run: .venv/bin/python -m bench.bench_boundaries   (never pass/fail)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    cold = timed(["build", "--force", "--report", "none"])[0]
    warm = timed(["build", "--report", "none"], repeat=3)
    query = timed(["units", "--district", "817", "--format", "json"], repeat=5)
    from geo.boundaries import select_units
    from geo.io import load_units

    start = time.perf_counter()
    units = load_units()
    load = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(100):
        select_units(units, district_code="817")
    select = (time.perf_counter() - start) / 100
    print(f"cold national build (process):      {cold:6.2f} s")
    print(f"warm build, nothing to do (median): {statistics.median(warm):6.2f} s")
    print(f"warm `units --district 817` (median of 5, whole process incl. imports): {statistics.median(query):6.2f} s")
    print(f"  in-process: load cache {load * 1000:6.0f} ms; select one district {select * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
