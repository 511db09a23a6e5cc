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
    lon, lat = first["geometry"]["coordinates"][0][0][:2] if first["geometry"]["type"] == "Polygon" else (
        first["geometry"]["coordinates"][0][0][0][:2]
    )
    assert 105 < lon < 107 and 9 < lat < 10.5  # RFC 7946 axis order: lon, lat


def test_units_csv_header(national_units) -> None:
    result = run_cli("units", "--district", "080", "--format", "csv")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("code,name,unit_type,district_code,district_name,district_type,province_code,"
                        "province_name,area_km2,match")
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
    for command in ("build", "units"):
        assert command in result.stdout
