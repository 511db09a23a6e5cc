"""``python -m geo build`` validates every curated file first: one sentence, nothing written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from geo import build as build_module
from geo.cli import main
from geo.config import CACHE_DIR
from geo.errors import DataValidationError
from geo.io import validate as curated


def _cache_state() -> dict[str, tuple[str, int]]:
    """Every cache file (temporaries included) with its digest and mtime."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(CACHE_DIR.iterdir())
        if p.is_file()
    }


@pytest.fixture()
def copies(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    """Copies of the curated files that a test may break; the build reads these instead of data/."""
    files = {name: Path(shutil.copy(path, tmp_path / name)) for name, path in curated.CURATED_FILES.items()}
    monkeypatch.setattr(curated, "CURATED_FILES", files)
    return files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build_fails(capsys) -> str:
    before = _cache_state()
    status = main(["build"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert _cache_state() == before  # nothing written, the previous cache stays as it was
    return err.strip()


def test_the_real_curated_files_are_valid() -> None:
    lines = curated.validate_curated()
    assert lines[0] == "population.csv: 163 rows"
    assert "standards.yaml: 74 criteria" in lines
    assert lines[-5:] == [
        "targets.csv: 159 rows",
        "actuals.csv: 6 rows",
        "standards.yaml: 74 criteria",
        "documents.yaml: 5 documents",
        "projects.geojson: 77 projects",
    ]


def test_every_broken_file_gets_its_own_sentence(national_units, copies, capsys) -> None:
    before = _cache_state()
    copies["population.csv"].write_text("", encoding="utf-8")
    _edit(copies["official_areas.csv"], "817,Thị xã Cai Lậy,140.1895,", '817,Thị xã Cai Lậy,"140,19",')
    assert main(["build"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "population.csv is empty: it needs a header row and at least one data row.",
        'official_areas.csv, row 2, field area_km2: "140,19" is not a number written with a decimal point '
        "and no thousands separator, e.g. 140.19.",
    ]
    assert _cache_state() == before


def test_population_standards_and_meridians_are_in_the_build_hash(national_units, copies) -> None:
    names = {p.name for p in build_module.curated_inputs()}
    assert {"population.csv", "standards.yaml", "vn2000_meridians.csv", "validate.py", "strict.py"} <= names
    assert build_module.is_stale() is False  # byte-identical copies: the digest is over names and contents
    _edit(copies["population.csv"], "28435,Phường 1,817,8875", "28435,Phường 1,817,8876")
    assert build_module.is_stale() is True


def test_a_row_with_one_field_too_many(national_units, copies, capsys) -> None:
    text = copies["targets.csv"].read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[1] = lines[1] + ",extra"
    copies["targets.csv"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _build_fails(capsys) == (
        "targets.csv, row 2, field note: the row has one field too many for a header of 21 "
        "(a comma inside a value needs quotes)."
    )


def test_an_empty_file(national_units, copies, capsys) -> None:
    copies["population.csv"].write_text("", encoding="utf-8")
    assert _build_fails(capsys) == "population.csv is empty: it needs a header row and at least one data row."


def test_an_empty_geojson(national_units, copies, capsys) -> None:
    copies["projects.geojson"].write_text("\n", encoding="utf-8")
    assert _build_fails(capsys) == "projects.geojson is empty: it needs a GeoJSON FeatureCollection."


def test_a_feature_that_is_not_an_object(national_units, copies, capsys) -> None:
    collection = json.loads(copies["projects.geojson"].read_text(encoding="utf-8"))
    collection["features"][2] = 5
    copies["projects.geojson"].write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    assert _build_fails(capsys) == "projects.geojson, feature 3, field (the record): 5 is not a GeoJSON Feature object."


def test_a_null_coordinate(national_units, copies, capsys) -> None:
    collection = json.loads(copies["projects.geojson"].read_text(encoding="utf-8"))
    index = next(i for i, f in enumerate(collection["features"]) if (f["geometry"] or {}).get("type") == "Point")
    collection["features"][index]["geometry"]["coordinates"][1] = None
    copies["projects.geojson"].write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    assert _build_fails(capsys) == (
        f"projects.geojson, feature {index + 1}, field geometry.coordinates.1: null is not a number "
        "(lon, lat in degrees)."
    )


def test_an_unclosed_quote(national_units, copies, capsys) -> None:
    _edit(copies["official_areas.csv"], '"NQ 130/NQ-CP (26/12/2013)', '"NQ 130/NQ-CP (26/12/2013')
    text = copies["official_areas.csv"].read_text(encoding="utf-8")
    copies["official_areas.csv"].write_text(text.replace('14.018,95 ha"', "14.018,95 ha"), encoding="utf-8")
    message = _build_fails(capsys)
    assert message.startswith("official_areas.csv, line 2: the row cannot be read as CSV (")
    assert message.endswith("is a quote left unclosed?).")


def test_a_comma_decimal(national_units, copies, capsys) -> None:
    _edit(copies["official_areas.csv"], "817,Thị xã Cai Lậy,140.1895,", '817,Thị xã Cai Lậy,"140,19",')
    assert _build_fails(capsys) == (
        'official_areas.csv, row 2, field area_km2: "140,19" is not a number written with a decimal point '
        "and no thousands separator, e.g. 140.19."
    )


def test_a_comma_decimal_without_quotes_is_a_field_too_many(national_units, copies, capsys) -> None:
    _edit(copies["official_areas.csv"], "817,Thị xã Cai Lậy,140.1895,", "817,Thị xã Cai Lậy,140,19,")
    assert _build_fails(capsys) == (
        "official_areas.csv, row 2, field source: the row has one field too many for a header of 5 "
        "(a comma inside a value needs quotes)."
    )


def test_a_comma_decimal_in_a_target_value(national_units, copies, capsys) -> None:
    _edit(copies["targets.csv"], "%/năm,>,7,,,2030,3.7,2022,", '%/năm,>,"7,5",,,2030,3.7,2022,')
    assert _build_fails(capsys) == (
        'targets.csv, row 2, field value: "7,5" is not a number written with a decimal point '
        "and no thousands separator, e.g. 140.19, or empty."
    )


def test_a_meridian_outside_vietnam(national_units, copies, capsys) -> None:
    _edit(copies["vn2000_meridians.csv"], "01,Thành phố Hà Nội,105,", "01,Thành phố Hà Nội,95,")
    assert _build_fails(capsys) == (
        'vn2000_meridians.csv, row 2, field central_meridian_deg: "95" is not degrees east between 102 and 117 '
        "with a decimal point, e.g. 105.75."
    )


def test_a_population_that_is_not_a_count(national_units, copies, capsys) -> None:
    _edit(copies["population.csv"], "28435,Phường 1,817,8875,", '28435,Phường 1,817,"8,875",')
    assert _build_fails(capsys) == (
        'population.csv, row 2, field population: "8,875" is not a whole number of persons, e.g. 8875.'
    )


def test_a_broken_standards_file(national_units, copies, capsys) -> None:
    _edit(copies["standards.yaml"], "  value: 1500000\n", "  value: many\n")
    assert _build_fails(capsys) == (
        "File standards.yaml, criteria[0] (tptw_pop_1211): field value must be a number when op is '>='."
    )


def test_a_missing_crosswalk_column(national_units, copies, capsys) -> None:
    _edit(copies["crosswalk_boundaries.csv"], "action,unit_code,", "kind,unit_code,")
    assert _build_fails(capsys) == (
        "crosswalk_boundaries.csv, row 1, field action: the column is missing from the header."
    )


def test_validate_curated_raises_the_library_error(copies) -> None:
    copies["population.csv"].write_text("code,name,district_code,population,year,source,note\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"^population.csv has a header but no data row\.$"):
        curated.validate_curated()


def test_no_command_gives_usage_and_one_sentence_on_stderr(capsys) -> None:
    status = main([])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.startswith("usage: python -m geo")
    assert err == "python -m geo: a command is required. See 'python -m geo --help'.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "p.csv is empty: it needs a header row and at least one data row."),
        (
            "code,name,district_code,population,year,source,note\n28435,Phường 1,817,8875,2019,TCTK,,x\n",
            "p.csv, row 2, field note: the row has one field too many for a header of 7 "
            "(a comma inside a value needs quotes).",
        ),
    ],
)
def test_population_reader_gives_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    from geo.io import load_population

    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_population(path)
    assert str(info.value) == message


def test_the_vn2000_reader_refuses_a_broken_meridian(tmp_path: Path) -> None:
    from geo.io import load_meridians

    path = tmp_path / "vn2000_meridians.csv"
    text = curated.CURATED_FILES["vn2000_meridians.csv"].read_text(encoding="utf-8")
    path.write_text(text.replace("02,Tỉnh Hà Giang,105.5,", "02,Tỉnh Hà Giang,105,5,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_meridians(path)
    assert str(info.value) == (
        "vn2000_meridians.csv, row 3, field verified_against: the row has one field too many for a header of 6 "
        "(a comma inside a value needs quotes)."
    )
    assert load_meridians(curated.CURATED_FILES["vn2000_meridians.csv"])["02"] == ("Tỉnh Hà Giang", 105.5)
