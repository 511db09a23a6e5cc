"""Times a scenario recompute and the national ward-ratio table; prints figures (never pass/fail)."""

from __future__ import annotations

import time
from collections.abc import Callable

from geo.io import load_population, load_units
from geo.metrics import national_ward_ratios, urbanisation, ward_ratio
from geo.scenario import minimum_upgrades


def per_call(fn: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    units = load_units()
    population = load_population()
    upgrade = ["28447", "28450", "28453"]
    scenario = per_call(
        lambda: (
            ward_ratio(units, district_code="817", upgrade=upgrade),
            urbanisation(units, population, district_code="817", upgrade=upgrade),
        ),
        50,
    )
    plan = per_call(lambda: minimum_upgrades("817", 0.65, units=units, population=population), 20)
    table = per_call(lambda: national_ward_ratios(units), 5)
    print(f"scenario recompute (ward ratio + urbanisation, Cai Lậy, 3 upgrades): {scenario * 1000:7.1f} ms")
    print(f"minimum_upgrades(817, 0.65):                                      {plan * 1000:7.1f} ms")
    print(f"national ward-ratio table (696 district-level units):              {table * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
