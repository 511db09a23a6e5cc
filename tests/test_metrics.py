"""Tests for geo.metrics: ward ratio, urban-population share, national table."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from geo.errors import InvalidInputError, UnknownCodeError
from geo.io import load_population
from geo.metrics import Urbanisation, WardRatio, national_ward_ratios, urbanisation, ward_ratio
from tests._legacy_units import legacy_units


def _unit(code, name, unit_type, district, dtype="thị xã", province="01"):
    return {
        "code": code, "name": name, "unit_type": unit_type, "district_code": district,
        "district_name": f"D{district}", "district_type": dtype, "province_code": province,
        "province_name": f"P{province}", "area_km2": 1.0,
    }  # fmt: skip


@pytest.fixture()
def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        [
            _unit("00001", "Phường A", "phường", "001"),
            _unit("00002", "Phường B", "phường", "001"),
            _unit("00003", "Xã C", "xã", "001"),
            _unit("00004", "Thị trấn D", "thị trấn", "001"),
            _unit("00005", "Xã E", "xã", "002", "huyện"),
            _unit("00006", "Xã F", "xã", "003", "huyện", province="02"),
        ]
    )


@pytest.fixture()
def tiny_pop() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["00001", "00002", "00003", "00004", "00005"],
            "population": [100, 200, 300, 400, 500],
            "year": [2019] * 5,
            "source": ["S"] * 5,
        }
    )


def test_ward_ratio_district(tiny):
    assert ward_ratio(tiny, district_code="001") == WardRatio(2, 1, 1, 4, 0.5, ())


def test_ward_ratio_province_sums_districts(tiny):
    assert ward_ratio(tiny, province_code="01") == WardRatio(2, 2, 1, 5, 0.4, ())


def test_ward_ratio_codes_and_upgrade(tiny):
    assert ward_ratio(tiny, codes=["00003", "00005"]) == WardRatio(0, 2, 0, 2, 0.0, ())
    got = ward_ratio(tiny, district_code="001", upgrade=["00004", "00003"])
    assert got == WardRatio(4, 0, 0, 4, 1.0, ("00003", "00004"))


def test_ward_ratio_empty_scope_gives_none():
    placeholder = pd.DataFrame([_unit(None, None, None, "009", "huyện")])
    assert ward_ratio(placeholder, district_code="009") == WardRatio(0, 0, 0, 0, None, ())


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"district_code": "1"}, InvalidInputError,
         "A district code is 3 digits with its leading zeros (e.g. 817); got '1'."),
        ({"district_code": 817}, InvalidInputError,
         "A district code is passed as text without spaces ('817'); got 817."),
        ({"district_code": " 001"}, InvalidInputError,
         "A district code is passed as text without spaces ('001'); got ' 001'."),
        ({"province_code": "1a"}, InvalidInputError,
         "A province code is 2 digits with its leading zeros (e.g. 84); got '1a'."),
        ({"codes": ["123"]}, InvalidInputError,
         "A commune code is 5 digits with its leading zeros (e.g. 02665); got '123'."),
        ({"codes": []}, InvalidInputError, "The codes list is empty; give at least one 5-digit commune code."),
        ({"codes": ["00003", "00003"]}, InvalidInputError, "The commune code 00003 is listed twice in codes."),
        ({"district_code": "999"}, UnknownCodeError,
         "No district-level unit has the code 999 in the official 2024 list."),
        ({"province_code": "99"}, UnknownCodeError, "No province has the code 99 in the official 2024 list."),
        ({"codes": ["99999"]}, UnknownCodeError,
         "No commune-level unit has the code 99999 in the official 2024 list."),
        ({}, InvalidInputError, "Give exactly one scope: district_code, province_code or codes."),
        ({"district_code": "001", "province_code": "01"}, InvalidInputError,
         "Give exactly one scope: district_code, province_code or codes."),
        ({"district_code": "001", "upgrade": ["00001"]}, InvalidInputError,
         "Phường A (00001) is already a phường and cannot be upgraded to one."),
        ({"district_code": "001", "upgrade": ["00005"]}, InvalidInputError,
         "Xã E (00005) lies outside the scope being counted, so it cannot be upgraded."),
        ({"district_code": "001", "upgrade": ["00003", "00003"]}, InvalidInputError,
         "Xã C (00003) is listed twice in the upgrade list."),
        ({"district_code": "001", "upgrade": ["77777"]}, UnknownCodeError,
         "No commune-level unit has the code 77777 in the official 2024 list."),
    ],
)  # fmt: skip
def test_ward_ratio_errors(tiny, kwargs, exc, message):
    with pytest.raises(exc) as info:
        ward_ratio(tiny, **kwargs)
    assert str(info.value) == message


def test_bad_unit_type_and_missing_column(tiny):
    bad = tiny.assign(unit_type=tiny["unit_type"].replace({"xã": "Xã"}))
    with pytest.raises(InvalidInputError) as info:
        ward_ratio(bad, district_code="001")
    assert str(info.value) == "The unit_type column has the invalid value 'Xã' (allowed: phường, xã, thị trấn)."
    with pytest.raises(InvalidInputError) as info:
        ward_ratio(tiny.drop(columns="unit_type"), district_code="001")
    assert str(info.value) == "The units table is missing the column(s) unit_type."
    with pytest.raises(InvalidInputError) as info:
        ward_ratio(tiny.to_dict("records"), district_code="001")
    assert str(info.value) == "The units argument must be a pandas DataFrame of administrative units; got list."


def test_urbanisation_tiny(tiny, tiny_pop):
    got = urbanisation(tiny, tiny_pop, district_code="001")
    assert got == Urbanisation(700, 1000, 0.7, (2019,), ("S",), (), ())
    assert got.population_year == 2019
    up = urbanisation(tiny, tiny_pop, district_code="001", upgrade=["00003"])
    assert (up.urban_population, up.total_population, up.rate, up.upgraded) == (1000, 1000, 1.0, ("00003",))


def test_urbanisation_missing_population_gives_none(tiny, tiny_pop):
    got = urbanisation(tiny, tiny_pop.iloc[1:], province_code="01")
    assert got == Urbanisation(None, None, None, (2019,), ("S",), ("00001",), ())


def test_urbanisation_bad_population_table(tiny, tiny_pop):
    with pytest.raises(InvalidInputError, match="^The population table is missing the column year.$"):
        urbanisation(tiny, tiny_pop.drop(columns="year"), district_code="001")
    doubled = pd.concat([tiny_pop, tiny_pop.iloc[[0]]])
    with pytest.raises(InvalidInputError, match="^The population table lists the code 00001 more than once.$"):
        urbanisation(tiny, doubled, district_code="001")


# --- the real legacy list ---------------------------------------------------------------


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return legacy_units()


def test_cai_lay_ward_ratio(units):
    assert ward_ratio(units, district_code="817") == WardRatio(6, 10, 0, 16, 0.375, ())


def test_lao_cai_ratio_and_scenario(units):
    assert ward_ratio(units, district_code="080") == WardRatio(10, 7, 0, 17, 10 / 17, ())
    got = ward_ratio(units, district_code="080", upgrade=["02665", "02674"])
    assert got == WardRatio(12, 5, 0, 17, 12 / 17, ("02665", "02674"))


def test_cai_lay_urbanisation_2019(units):
    got = urbanisation(units, load_population(), district_code="817")
    assert (got.urban_population, got.total_population) == (35303, 125615)
    assert got.rate == 35303 / 125615
    assert got.population_year == 2019 and got.missing == ()


def test_tra_vinh_province_urbanisation_2019(units):
    # All 104 units of province 84 have a figure; the total is the published census total.
    got = urbanisation(units, load_population(), province_code="84")
    assert (got.urban_population, got.total_population, got.missing) == (173586, 1009168, ())


def test_province_without_full_population_reports_missing(units):
    # Đồng Tháp (87): only 868, 869 and 870 have curated figures.
    got = urbanisation(units, load_population(), province_code="87")
    assert got.rate is None and got.total_population is None and got.urban_population is None
    rest = units[(units["province_code"] == "87") & units["code"].notna()
                 & ~units["district_code"].isin(["868", "869", "870"])]  # fmt: skip
    assert got.missing == tuple(sorted(rest["code"]))
    assert len(got.missing) == 115


def test_national_ward_ratios_match_independent_count(units):
    table = national_ward_ratios(units)
    assert len(table) == 696
    import vietnamadminunits

    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    with sqlite3.connect(db) as con:
        rows = con.execute("select districtCode, wardType from admin_units_legacy").fetchall()
    expected: dict[str, Counter] = {}
    for district, ward_type in rows:
        expected.setdefault(district, Counter())
        if ward_type is not None:
            expected[district][ward_type] += 1
    assert set(table["district_code"]) == set(expected)
    for rec in table.itertuples():
        c = expected[rec.district_code]
        assert (rec.wards, rec.communes, rec.townships) == (c["Phường"], c["Xã"], c["Thị trấn"])
        total = sum(c.values())
        if total:
            assert rec.ratio == c["Phường"] / total
        else:
            assert pd.isna(rec.ratio)
    assert int(table["total"].sum()) == 10035
    assert int(table["ratio"].isna().sum()) == 5
    row = table.set_index("district_code").loc["817"]
    assert (row.wards, row.total, row.ratio) == (6, 16, 0.375)
