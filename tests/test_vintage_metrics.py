"""Ward ratio, urbanisation, population and standards of the 2025 units."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.errors import InvalidInputError, UnknownCodeError
from geo.vintage.metrics2025 import (
    check_2025,
    check_date_for_vintage,
    check_legacy,
    population_2025,
    urbanisation_2025,
    ward_ratio_2025,
)

CAI_LAY_2025 = ["28435", "28436", "28439", "28468", "28477"]


@pytest.fixture(scope="module")
def units_2025(national_units) -> pd.DataFrame:
    from geo.io import load_units_2025

    return pd.DataFrame(load_units_2025().drop(columns="geometry"))


@pytest.fixture(scope="module")
def pop_2025(national_units) -> pd.DataFrame:
    from geo.io import load_crosswalk_2025, load_population

    return population_2025(load_crosswalk_2025(), load_population())


def test_population_is_the_sum_of_the_constituents(pop_2025) -> None:
    by_code = pop_2025.set_index("code")
    # Phường Cai Lậy = Phường 4 (5,851) + Phường 5 + Xã Long Khánh, 2019 census.
    assert by_code.at["28439", "population"] == 28065
    assert not by_code.at["28439", "estimate"]
    assert by_code.at["28435", "population"] == 32942
    assert by_code.at["28439", "year"] == 2019


def test_a_unit_with_an_apportioned_split_is_an_estimate() -> None:
    crosswalk = pd.DataFrame(
        {
            "legacy_code": ["A", "B", "B"],
            "new_code": ["N1", "N1", "N2"],
            "relation": ["whole", "part", "part"],
            "share": [1.0, 0.25, 0.75],
            "legacy_district_code": ["001", "001", "001"],
        }
    )
    population = pd.DataFrame(
        {"code": ["A", "B"], "population": [1000, 400], "year": [2019, 2019], "source": ["census", "census"]}
    )
    out = population_2025(crosswalk, population).set_index("code")
    assert out.at["N1", "population"] == 1100 and out.at["N1", "estimate"]
    assert out.at["N2", "population"] == 300 and out.at["N2", "estimate"]
    missing = population_2025(crosswalk, population.iloc[:1]).set_index("code")
    assert missing.at["N1", "population"] is None and missing.at["N1", "missing_legacy"] == ("B",)


def test_ward_ratio_of_the_new_dong_thap(units_2025) -> None:
    ratio = ward_ratio_2025(units_2025, province_code="82")
    assert (ratio.wards, ratio.communes, ratio.special_zones, ratio.total) == (20, 82, 0, 102)
    assert ratio.ratio == pytest.approx(20 / 102)
    with pytest.raises(UnknownCodeError, match="2025 list \\(34 provinces\\)"):
        ward_ratio_2025(units_2025, province_code="83")


def test_urbanisation_is_the_phuong_population(units_2025, pop_2025) -> None:
    urb = urbanisation_2025(units_2025, pop_2025, codes=CAI_LAY_2025)
    # Four phường (Mỹ Phước Tây, Thanh Hòa, Cai Lậy, Nhị Quý) and Xã Tân Phú.
    assert (urb.urban_population, urb.total_population) == (100108, 125615)
    assert urb.rate == pytest.approx(100108 / 125615)
    assert urb.population_years == (2019,) and not urb.estimate
    whole = urbanisation_2025(units_2025, pop_2025, province_code="82")
    assert whole.rate is None and "28249" in whole.missing


def test_standards_by_date_and_vintage(units_2025, pop_2025) -> None:
    from geo.io import load_standards

    standards = load_standards()
    table = check_2025(
        "28468", "phuong_2025", date(2026, 3, 1), units_2025=units_2025, population=pop_2025, standards=standards
    )
    row = table.set_index("criterion").loc["population_min"]
    assert (row["actual"], row["required"], row["status"]) == (25507, 21000, "met")
    with pytest.raises(InvalidInputError, match="The 2025 units exist from 1/7/2025"):
        check_2025(
            "28468", "phuong_2025", date(2025, 6, 30), units_2025=units_2025, population=pop_2025, standards=standards
        )
    with pytest.raises(InvalidInputError, match="standard of the legacy system"):
        check_2025("28468", "phuong", date(2026, 3, 1), units_2025=units_2025, population=pop_2025, standards=standards)
    with pytest.raises(InvalidInputError, match="The legacy units ceased to exist on 30/6/2025"):
        check_legacy("28468", "phuong", date(2025, 7, 1))
    check_date_for_vintage("legacy", date(2025, 6, 30))  # the last legacy day is fine
    check_date_for_vintage("2025", date(2025, 7, 1))
