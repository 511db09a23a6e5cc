"""Tests for geo.scenario: upgrades, minimum upgrades, the ceiling of a threshold."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.errors import InvalidInputError, UnknownCodeError
from geo.io import load_population
from geo.scenario import SCORE_EXPLANATION, apply_upgrades, minimum_upgrades, target_wards, upgrades_needed
from tests._legacy_units import legacy_units


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return legacy_units()


@pytest.fixture(scope="module")
def pop() -> pd.DataFrame:
    return load_population()


def test_apply_upgrades_lao_cai(units):
    out = apply_upgrades(units, ["02665", "02674"], district_code="080")
    assert len(out) == len(units) and "upgraded" not in units.columns
    changed = out[out["upgraded"]]
    assert list(changed["code"]) == ["02665", "02674"]
    assert set(changed["unit_type"]) == {"phường"}
    assert int(out["upgraded"].sum()) == 2
    lc = out[out["district_code"] == "080"]
    assert int((lc["unit_type"] == "phường").sum()) == 12


@pytest.mark.parametrize(
    ("codes", "district", "exc", "message"),
    [
        (["02641"], "080", InvalidInputError,
         "Phường Lào Cai (02641) is already a phường and cannot be upgraded to one."),
        (["28447"], "080", InvalidInputError,
         "Xã Mỹ Phước Tây (28447) lies outside the scope being counted, so it cannot be upgraded."),
        (["02641"], None, InvalidInputError,
         "Phường Lào Cai (02641) is already a phường and cannot be upgraded to one."),
        (["2665"], "080", InvalidInputError,
         "A commune code is 5 digits with its leading zeros (e.g. 02665); got '2665'."),
        ([28447], "817", InvalidInputError, "A commune code is passed as text without spaces ('28447'); got 28447."),
        (["99998"], "080", UnknownCodeError, "No commune-level unit has the code 99998 in the official 2024 list."),
    ],
)  # fmt: skip
def test_apply_upgrades_refusals(units, codes, district, exc, message):
    with pytest.raises(exc) as info:
        apply_upgrades(units, codes, district_code=district)
    assert str(info.value) == message


def test_minimum_upgrades_cai_lay(units, pop):
    plan = minimum_upgrades("817", 0.65, units=units, population=pop)
    assert (plan.needed, plan.current_wards, plan.total, plan.target_wards) == (5, 6, 16, 11)
    assert plan.score_explanation == SCORE_EXPLANATION
    assert len(plan.suggested) == 10 and set(plan.suggested["unit_type"]) == {"xã"}
    # No areas in this frame: ranked by population, all densities unknown.
    assert list(plan.suggested["code"][:3]) == ["28486", "28447", "28468"]
    assert list(plan.suggested["rank"]) == list(range(1, 11))


def test_minimum_upgrades_already_met_and_exact_ceiling(units, pop):
    assert minimum_upgrades("080", 0.5, units=units, population=pop).needed == 0
    tiny = pd.DataFrame(
        {
            "code": [f"{i:05d}" for i in range(1, 21)],
            "name": [f"Xã {i}" for i in range(1, 21)],
            "unit_type": ["xã"] * 20,
            "district_code": ["001"] * 20,
            "province_code": ["01"] * 20,
        }
    )
    plan = minimum_upgrades("001", 0.65, units=tiny, population=pop.iloc[0:0])
    assert (plan.target_wards, plan.needed) == (13, 13)  # 0.65 × 20 = 13 exactly, not 14


def test_ranking_by_density_then_population_missing_last(pop):
    tiny = pd.DataFrame(
        {
            "code": ["00001", "00002", "00003", "00004", "00005"],
            "name": ["Phường A", "Xã B", "Xã C", "Xã D", "Thị trấn E"],
            "unit_type": ["phường", "xã", "xã", "xã", "thị trấn"],
            "district_code": ["001"] * 5,
            "province_code": ["01"] * 5,
            "area_km2": [1.0, 10.0, 2.0, float("nan"), 4.0],
        }
    )
    people = pd.DataFrame(
        {"code": ["00002", "00003", "00004", "00005"], "population": [5000, 2000, 9000, 4000],
         "year": [2019] * 4, "source": ["S"] * 4}
    )  # fmt: skip
    plan = minimum_upgrades("001", 0.65, units=tiny, population=people)
    # 00005 and 00003 tie on density (1000/km²); the larger population wins.
    assert list(plan.suggested["code"]) == ["00005", "00003", "00002", "00004"]
    assert plan.suggested["density"].tolist()[:3] == [1000.0, 1000.0, 500.0]
    assert (plan.needed, plan.target_wards) == (3, 4)


def test_minimum_upgrades_bad_threshold(units, pop):
    for bad in (0, 1.5, -0.1, "0.65", True):
        with pytest.raises(InvalidInputError) as info:
            minimum_upgrades("817", bad, units=units, population=pop)
        assert str(info.value) == f"The ward-ratio threshold must be a number in (0, 1], e.g. 0.65; got {bad!r}."


@pytest.mark.parametrize(("threshold", "total", "target"), [(0.65, 20, 13), (0.65, 16, 11), (0.5, 17, 9), (1.0, 7, 7)])
def test_target_wards_is_an_exact_ceiling(threshold, total, target):
    assert target_wards(threshold, total) == target
    assert upgrades_needed(threshold, wards=target - 2, total=total) == 2
    assert upgrades_needed(threshold, wards=total, total=total) == 0
