"""The command line, run as a user runs it: output, exit status, one-sentence errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.config import PROJECT_ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )


def assert_one_sentence_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert needle in lines[0]


def test_units_json_for_cai_lay(national_units) -> None:
    result = run_cli("units", "--district", "817", "--format", "json")
    assert result.returncode == 0, result.stderr
    units = json.loads(result.stdout)
    assert len(units) == 16
    assert sum(u["unit_type"] == "phường" for u in units) == 6
    assert all(isinstance(u["area_km2"], float) for u in units)
    assert sum(u["area_km2"] for u in units) == pytest.approx(140.19, rel=0.02)


def test_units_geojson_for_tra_vinh(national_units) -> None:
    result = run_cli("units", "--province", "84", "--format", "geojson")
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 104
    first = collection["features"][0]
    assert first["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    lon, lat = (
        first["geometry"]["coordinates"][0][0][:2]
        if first["geometry"]["type"] == "Polygon"
        else (first["geometry"]["coordinates"][0][0][0][:2])
    )
    assert 105 < lon < 107 and 9 < lat < 10.5  # RFC 7946 axis order: lon, lat


def test_units_csv_header(national_units) -> None:
    result = run_cli("units", "--district", "080", "--format", "csv")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "code,name,unit_type,district_code,district_name,district_type,province_code,province_name,area_km2,match"
    )
    assert len(lines) == 18


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("units", "--district", "81"), "A district code is 3 digits"),
        (("units", "--district", "abc"), "A district code is 3 digits"),
        (("units", "--district", "999"), "No district-level unit has the code 999"),
        (("units", "--province", "7"), "A province code is 2 digits"),
        (("units",), "one of the arguments --district --province is required"),
        (("units", "--district", "817", "--format", "xml"), "invalid choice: 'xml'"),
        (("nonsense",), "invalid choice: 'nonsense'"),
        (("units", "--district", "817", "--province", "84"), "not allowed with argument"),
    ],
)
def test_bad_input_gives_one_sentence_and_status_2(national_units, args, needle) -> None:
    assert_one_sentence_error(run_cli(*args), needle)


def test_help_documents_every_subcommand() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("build", "units", "ratio", "urbanisation"):
        assert command in result.stdout


RATIO_KEYS = [
    "district_code",
    "district_name",
    "wards",
    "communes",
    "townships",
    "total",
    "ratio",
    "upgraded",
    "threshold",
    "standard",
    "meets",
    "upgrades_needed",
    "checks",
]


def test_ratio_cai_lay_against_the_city_standard(national_units) -> None:
    result = run_cli("ratio", "--district", "817", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == RATIO_KEYS
    assert (report["wards"], report["communes"], report["townships"], report["total"]) == (6, 10, 0, 16)
    assert report["ratio"] == 0.375
    assert report["threshold"] == 0.65
    assert "Điều 5 khoản 3" in report["standard"]
    assert report["meets"] is False
    assert report["upgrades_needed"] == 5  # ceil(0.65 × 16) = 11 phường needed, 6 exist


def test_ratio_lao_cai_scenario(national_units) -> None:
    result = run_cli("ratio", "--district", "080", "--upgrade", "02665,02674", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["wards"], report["total"]) == (12, 17)
    assert report["ratio"] == pytest.approx(12 / 17)
    assert report["upgraded"] == ["02665", "02674"]


def test_ratio_threshold_override(national_units) -> None:
    report = json.loads(run_cli("ratio", "--district", "817", "--threshold", "0.5", "--json").stdout)
    assert report["threshold"] == 0.5
    assert report["upgrades_needed"] == 2


def test_urbanisation_cai_lay_2019(national_units) -> None:
    result = run_cli("urbanisation", "--district", "817", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == ["urban_population", "total_population", "rate", "population_year", "source", "missing"]
    assert (report["urban_population"], report["total_population"]) == (35_303, 125_615)
    assert report["rate"] == pytest.approx(0.2810, abs=1e-4)
    assert report["population_year"] == 2019
    assert "2019" in report["source"]
    assert report["missing"] == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("ratio", "--district", "817", "--threshold", "2"), "not between 0 (exclusive) and 1"),
        (("ratio", "--district", "817", "--threshold", "abc"), "'abc' is not a number"),
        (("ratio", "--district", "817", "--upgrade", "28435"), "28435"),  # already a phường
        (("ratio", "--district", "817", "--upgrade", "02665"), "02665"),  # not in Cai Lậy
        (("ratio",), "the following arguments are required: --district"),
        (("ratio", "--district", "8x7"), "A district code is 3 digits"),
        (("urbanisation", "--province", "999"), "A province code is 2 digits"),
    ],
)
def test_metric_commands_refuse_bad_input_in_one_sentence(national_units, args, needle) -> None:
    assert_one_sentence_error(run_cli(*args), needle)
