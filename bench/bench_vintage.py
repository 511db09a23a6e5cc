"""Times the 2025 layer: building it, the crosswalk both ways, and the CLI as a user runs it. Prints figures.

Run: .venv/bin/python -m bench.bench_vintage   (after `python -m geo build`; never pass/fail)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from geo.io import load_aliases_2025, load_crosswalk_2025, load_units, load_units_2025
from geo.vintage import layer2025, sources2025
from geo.vintage.crosswalk import constituents_of, legacy_to_2025

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    legacy = load_units()
    units = sources2025.read_units_2025()
    conversion = sources2025.read_conversion(units, sources2025.read_legacy_keys())
    started = time.perf_counter()
    layer2025.build_layer_2025(units, conversion["whole"], conversion["pieces"], legacy)
    print(f"2025 layer from the legacy polygons (3,321 units, dissolve + split): {time.perf_counter() - started:.1f} s")

    frames = {
        "legacy_units": pd.DataFrame(legacy.drop(columns="geometry")),
        "units_2025": pd.DataFrame(load_units_2025().drop(columns="geometry")),
        "crosswalk": load_crosswalk_2025(),
    }
    aliases = load_aliases_2025()
    print(f"legacy_to_2025('28435'), median of 5: {timed(lambda: legacy_to_2025('28435', **frames)) * 1000:.1f} ms")
    print(
        "constituents_of('28439'), median of 5: "
        f"{timed(lambda: constituents_of('28439', aliases=aliases, **frames)) * 1000:.1f} ms"
    )
    for args in (
        ["crosswalk", "--vintage", "2025", "--code", "28439", "--json"],
        ["units", "--vintage", "2025", "--province", "82", "--format", "csv"],
    ):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, check=True)
        print(f"python -m geo {' '.join(args)}: {time.perf_counter() - started:.2f} s (whole process)")


if __name__ == "__main__":
    main()
