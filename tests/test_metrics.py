"""Tests for geo.metrics: ward ratio, urban-population share, national table."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from geo.errors import InvalidInputError, UnknownCodeError
from geo.metrics import Urbanisation, WardRatio, national_ward_ratios, urbanisation, ward_ratio
from geo.population import load_population
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
         "Mã huyện '1' (district_code) không hợp lệ: cần đúng 3 chữ số, giữ số 0 ở đầu."),
        ({"district_code": 817}, InvalidInputError,
         "Mã huyện '817' (district_code) không hợp lệ: cần đúng 3 chữ số, giữ số 0 ở đầu."),
        ({"province_code": "1a"}, InvalidInputError,
         "Mã tỉnh '1a' (province_code) không hợp lệ: cần đúng 2 chữ số, giữ số 0 ở đầu."),
        ({"codes": ["123"]}, InvalidInputError,
         "Mã xã '123' (codes) không hợp lệ: cần đúng 5 chữ số, giữ số 0 ở đầu."),
        ({"district_code": "999"}, UnknownCodeError, "Không có đơn vị hành chính cấp huyện mã 999."),
        ({"province_code": "99"}, UnknownCodeError, "Không có tỉnh, thành phố mã 99."),
        ({"codes": ["99999"]}, UnknownCodeError, "Không có đơn vị hành chính cấp xã mã 99999."),
        ({}, InvalidInputError, "Cần chỉ định đúng một phạm vi: district_code, province_code hoặc codes."),
        ({"district_code": "001", "province_code": "01"}, InvalidInputError,
         "Cần chỉ định đúng một phạm vi: district_code, province_code hoặc codes."),
        ({"district_code": "001", "upgrade": ["00001"]}, InvalidInputError,
         "Phường A (00001) đã là phường, không thể nâng lên phường."),
        ({"district_code": "001", "upgrade": ["00005"]}, InvalidInputError,
         "Xã E (00005) không thuộc phạm vi đang xét nên không thể nâng cấp."),
        ({"district_code": "001", "upgrade": ["00003", "00003"]}, InvalidInputError,
         "Xã C (00003) được liệt kê hai lần trong danh sách nâng cấp."),
        ({"district_code": "001", "upgrade": ["77777"]}, UnknownCodeError,
         "Không có đơn vị hành chính cấp xã mã 77777."),
    ],
)  # fmt: skip
def test_ward_ratio_errors(tiny, kwargs, exc, message):
    with pytest.raises(exc) as info:
        ward_ratio(tiny, **kwargs)
    assert str(info.value) == message


def test_bad_unit_type_and_missing_column(tiny):
    bad = tiny.assign(unit_type=tiny["unit_type"].replace({"xã": "Xã"}))
    with pytest.raises(InvalidInputError, match="^Cột unit_type có giá trị không hợp lệ 'Xã'"):
        ward_ratio(bad, district_code="001")
    with pytest.raises(InvalidInputError, match="^Bảng đơn vị hành chính \\(units\\) thiếu cột unit_type.$"):
        ward_ratio(tiny.drop(columns="unit_type"), district_code="001")


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
    with pytest.raises(InvalidInputError, match="^Bảng dân số thiếu cột year.$"):
        urbanisation(tiny, tiny_pop.drop(columns="year"), district_code="001")
    doubled = pd.concat([tiny_pop, tiny_pop.iloc[[0]]])
    with pytest.raises(InvalidInputError, match="^Bảng dân số có mã 00001 lặp lại.$"):
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


def test_province_without_full_population_reports_missing(units):
    got = urbanisation(units, load_population(), province_code="84")
    assert got.rate is None and got.total_population is None
    assert len(got.missing) == 72  # 843–848 and 850 have no curated figures yet
    assert got.missing[:2] == ("29266", "29269")


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
