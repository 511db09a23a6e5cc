"""Target status from actuals: every comparator, milestones, the latest year wins."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.progress import is_met, target_status


@pytest.mark.parametrize(
    ("comparator", "value", "actual", "met"),
    [
        (">=", 7.0, 7.0, True),
        (">", 7.0, 7.0, False),
        ("<=", 2.0, 2.0, True),
        ("<", 2.0, 2.0, False),
        ("=", 28.5, 28.5, True),
        ("=", 28.5, 28.4, False),
        ("", math.nan, 1.0, True),
        ("", math.nan, 0.0, False),
    ],
)
def test_is_met(comparator: str, value: float, actual: float, met: bool) -> None:
    assert is_met(comparator, value=value, value_min=math.nan, value_max=math.nan, actual=actual) is met


def test_range_is_inclusive() -> None:
    assert is_met("range", value=math.nan, value_min=1100, value_max=1200, actual=1100)
    assert not is_met("range", value=math.nan, value_min=1100, value_max=1200, actual=1201)


def test_latest_actual_decides_and_missing_is_no_data() -> None:
    targets = pd.DataFrame(
        {
            "id": ["A", "B", "C"],
            "comparator": [">", "", ">="],
            "value": [7.0, math.nan, 10.0],
            "value_min": math.nan,
            "value_max": math.nan,
        }
    )
    actuals = pd.DataFrame(
        {
            "target_id": ["A", "A", "B"],
            "value": [8.0, 6.5, 0.0],
            "year": [2022, 2023, 2024],
            "source": ["s22", "s23", "s24"],
            "note": "",
        }
    )
    out = target_status(targets, actuals).set_index("id")
    assert out.loc["A", ["actual", "actual_year", "actual_source", "status"]].tolist() == [6.5, 2023, "s23", "not met"]
    assert out.loc["B", "status"] == "not met"  # milestone reported not done
    assert out.loc["C", "status"] == "no data" and pd.isna(out.loc["C", "actual"])
