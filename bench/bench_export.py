"""Time every export format for Thị xã Cai Lậy (817); prints figures, never fails.

Run: .venv/bin/python -m bench.bench_export  (aim: < 5 s for a locality PNG).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from geo.export import FORMATS, collect, export_file, resolve_locality
from geo.io import load_linked_register, load_meridians, load_outlines, load_population, load_units


def main() -> None:
    start = time.perf_counter()
    units = load_units()
    bundle = collect(
        resolve_locality(district="817", units=units),
        units=units,
        population=load_population(),
        register=load_linked_register(),
        provinces=load_outlines("province"),
        districts=load_outlines("district"),
        meridians=load_meridians(),
    )
    print(f"load + collect (817): {time.perf_counter() - start:6.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for suffix in FORMATS:
            for dpi in (150, 300) if suffix in (".png", ".pdf") else (150,):
                t = time.perf_counter()
                path = export_file(bundle, Path(folder) / f"cai-lay-{dpi}{suffix}", dpi=dpi)
                seconds = time.perf_counter() - t
                print(f"{suffix:9s} {dpi} dpi: {seconds:6.2f} s  {path.stat().st_size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
