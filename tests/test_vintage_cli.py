"""``python -m geo crosswalk`` and ``units --vintage 2025`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

from tests.test_cli import assert_one_sentence_error, run_cli


def test_crosswalk_legacy_28435(national_units) -> None:
    result = run_cli("crosswalk", "--vintage", "legacy", "--code", "28435", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["unit"]["vintage"], out["unit"]["code"], out["unit"]["name"]) == ("legacy", "28435", "Phường 1")
    assert [(b["vintage"], b["code"], b["name"], b["relation"]) for b in out["became"]] == [
        ("2025", "28435", "Phường Mỹ Phước Tây", "whole")
    ]


def test_crosswalk_2025_28439_lists_constituents_with_district(national_units) -> None:
    result = run_cli("crosswalk", "--vintage", "2025", "--code", "28439", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["unit"]["name"] == "Phường Cai Lậy"
    assert [(c["code"], c["name"], c["district_name"], c["province_name"]) for c in out["constituents"]] == [
        ("28439", "Phường 4", "Thị xã Cai Lậy", "Tỉnh Tiền Giang"),
        ("28440", "Phường 5", "Thị xã Cai Lậy", "Tỉnh Tiền Giang"),
        ("28486", "Xã Long Khánh", "Thị xã Cai Lậy", "Tỉnh Tiền Giang"),
    ]


def test_crosswalk_28439_legacy_is_phuong_4(national_units) -> None:
    result = run_cli("crosswalk", "--vintage", "legacy", "--code", "28439")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "legacy 28439 Phường 4, Thị xã Cai Lậy, Tỉnh Tiền Giang"


def test_crosswalk_errors(national_units) -> None:
    assert_one_sentence_error(
        run_cli("crosswalk", "--vintage", "2025", "--code", "28440"),
        "No commune-level unit has the code 28440 in the 2025 list. It is a code of the legacy list",
    )
    assert_one_sentence_error(run_cli("crosswalk", "--vintage", "legacy", "--code", "2843"), "5 digits")
    assert_one_sentence_error(run_cli("crosswalk", "--vintage", "2025", "--code", "99999"), "in the 2025 list.")
    assert_one_sentence_error(run_cli("crosswalk", "--vintage", "2026", "--code", "28439"), "invalid choice")


def test_units_2025_dong_thap_csv_and_geojson(national_units) -> None:
    result = run_cli("units", "--vintage", "2025", "--province", "82", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 102
    assert {r["vintage"] for r in rows} == {"2025"}
    assert {r["province_name"] for r in rows} == {"Tỉnh Đồng Tháp"}
    assert next(r for r in rows if r["code"] == "28439")["name"] == "Phường Cai Lậy"
    geo = json.loads(run_cli("units", "--vintage", "2025", "--province", "82", "--format", "geojson").stdout)
    assert len(geo["features"]) == 102
    data = json.loads(run_cli("units", "--vintage", "2025", "--province", "82", "--format", "json").stdout)
    assert len(data) == 102


def test_units_2025_errors(national_units) -> None:
    assert_one_sentence_error(run_cli("units", "--vintage", "2025", "--district", "817"), "no districts in the 2025")
    assert_one_sentence_error(run_cli("units", "--vintage", "2025", "--province", "83"), "2025 list (34 provinces)")
    legacy = run_cli("units", "--province", "82", "--format", "json")
    assert len(json.loads(legacy.stdout)) == 164  # Tiền Giang, legacy vintage by default


def test_crosswalk_finds_a_unit_by_the_other_lists_code(national_units) -> None:
    result = run_cli("crosswalk", "--vintage", "2025", "--code", "00073", "--json")
    assert result.returncode == 0, result.stderr
    unit = json.loads(result.stdout)["unit"]
    assert (unit["code"], unit["name"], unit["alias_of"], unit["code_in_vietnam_provinces"]) == (
        "00082",
        "Phường Cửa Nam",
        "00073",
        "00073",
    )
