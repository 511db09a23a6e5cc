"""The curated register: every record loads, links resolve, quotes are verbatim, bad records are named."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from geo.config import PROJECTS_FILE, TARGETS_FILE
from geo.errors import DataValidationError
from geo.io import (
    load_actuals,
    load_documents,
    load_linked_projects,
    load_linked_targets,
    load_projects,
    load_register,
    load_targets,
)


@pytest.fixture(scope="module")
def register():
    return load_register()


def test_every_record_loads_and_cross_references_resolve(register) -> None:
    documents, targets, actuals, projects = register
    assert sorted(documents["id"]) == [
        "cailay-2030",
        "dongthap-border-2021-2025",
        "laocai-2024",
        "travinh-kh41-2021",
        "travinh-nq01-2021",
    ]
    assert targets["id"].is_unique and projects["id"].is_unique
    assert set(targets["document_id"]) <= set(documents["id"])
    assert set(actuals["target_id"]) <= set(targets["id"])
    assert len(projects) >= 40


def test_lao_cai_has_all_thirty_numbered_targets(register) -> None:
    targets = register[1]
    lao_cai = targets[targets["document_id"] == "laocai-2024"]
    numbered = {int(m.group(1)) for m in lao_cai["id"].map(lambda i: re.match(r"LC-[TM](\d+)", i)) if m}
    assert numbered >= set(range(1, 31))


def test_cai_lay_headline_targets(register) -> None:
    targets = register[1].set_index("id")
    growth = targets.loc["CL-T01"]
    assert (growth["comparator"], growth["value"], growth["target_year"]) == (">", 7.0, 2030)
    assert growth["baseline_value"] == 3.7
    non_agri = targets[targets["indicator"] == "non_agri_share"].iloc[0]
    assert (non_agri["comparator"], non_agri["value"]) == (">", 68.5)
    ward = targets[(targets["document_id"] == "cailay-2030") & (targets["indicator"] == "ward_ratio")].iloc[0]
    assert (ward["comparator"], ward["value"]) == (">=", 65.0)


def test_range_targets_carry_min_and_max(register) -> None:
    targets = register[1]
    ranges = targets[targets["comparator"] == "range"]
    assert not ranges.empty
    assert (ranges["value_min"] < ranges["value_max"]).all()
    assert ranges["value"].isna().all()


def test_milestones_have_no_value(register) -> None:
    targets = register[1]
    milestones = targets[targets["kind"] == "milestone"]
    assert len(milestones) >= 10
    assert milestones["value"].isna().all()


def test_projects_without_location_are_unknown_and_located_ones_cite_a_source(register) -> None:
    projects = register[3]
    unlocated = projects[projects.geometry.isna()]
    assert (unlocated["precision"] == "unknown").all()
    located = projects[projects.geometry.notna()]
    assert (located["precision"] != "unknown").all()
    assert located["sources"].map(len).min() >= 1
    lines = located[located["kind"].isin(["road", "canal", "expressway"])]
    assert set(lines.geom_type) <= {"LineString", "MultiLineString"}


def test_linked_register_from_cache(national_units) -> None:
    projects = load_linked_projects().set_index("id")
    targets = load_linked_targets().set_index("id")
    assert targets.loc["LC-T09", "linked_unit_codes"] == ["02665", "02674"]
    assert targets.loc["LC-T09", "unit_scope"] == "named"
    dinh_ba = projects.loc["DT-01"]
    assert dinh_ba["name_vi"] == "Cửa khẩu quốc tế Dinh Bà"
    units = national_units.set_index("code")
    assert {units.loc[c, "district_code"] for c in dinh_ba["unit_codes"]} == {"869"}
    located = projects[projects.geometry.notna()]
    assert located["unit_codes"].map(len).min() >= 1
    # Both directions: a target naming a project is listed on the project, and back.
    for tid, pids in targets["linked_project_ids"].items():
        for pid in pids:
            assert tid in projects.loc[pid, "linked_target_ids"]


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_verbatim_in_its_seed(register, shared_dir) -> None:
    documents, targets, _, _ = register
    seeds = {
        row.id: _normalise((shared_dir / "seeds" / row.seed_file).read_text(encoding="utf-8"))
        for row in documents.itertuples()
    }
    missing = [(t.id, t.quote) for t in targets.itertuples() if _normalise(t.quote) not in seeds[t.document_id]]
    assert missing == []


# --- broken records are named by file, row and field --------------------------------------


def _broken_targets(tmp_path: Path, column: str, value: str) -> Path:
    lines = TARGETS_FILE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    import csv
    import io

    row = next(csv.reader(io.StringIO(lines[1])))
    row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    path = tmp_path / "targets.csv"
    path.write_text("\n".join([lines[0], out.getvalue().rstrip("\n"), *lines[2:]]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "needle"),
    [
        ("comparator", "≥", "targets.csv, row 2, field comparator ('≥')"),
        ("value", "7,5", "targets.csv, row 2, field value ('7,5')"),
        ("category", "sport", "targets.csv, row 2, field category ('sport')"),
        ("locality_code", "8170", "targets.csv, row 2, field locality_code ('8170')"),
        ("quote", "", "targets.csv, row 2, field quote"),
    ],
)
def test_broken_target_is_named(tmp_path: Path, column: str, value: str, needle: str) -> None:
    with pytest.raises(DataValidationError) as info:
        load_targets(_broken_targets(tmp_path, column, value))
    assert needle in str(info.value)


def test_unknown_document_in_targets_is_named(tmp_path: Path) -> None:
    path = _broken_targets(tmp_path, "document_id", "no-such-doc")
    with pytest.raises(DataValidationError, match=r"targets.csv, row 2, field document_id: 'no-such-doc'"):
        load_targets(path, document_ids=set(load_documents()["id"]))


def _broken_projects(tmp_path: Path, edit) -> Path:
    collection = json.loads(PROJECTS_FILE.read_text(encoding="utf-8"))
    edit(collection["features"])
    path = tmp_path / "projects.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def _first_located(features):
    return next(f for f in features if f["geometry"] is not None)


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda fs: fs[0]["properties"].update(precision="exact"), "feature 1, field precision ('exact')"),
        (lambda fs: fs[0]["properties"].update(kind="spaceport"), "feature 1, field kind ('spaceport')"),
        (lambda fs: _first_located(fs).update(geometry=None), "a project without geometry must be 'unknown'"),
        (
            lambda fs: _first_located(fs)["geometry"].update(
                coordinates=_first_located(fs)["geometry"]["coordinates"][::-1]
            ),
            "is not in Vietnam (is the axis order lon, lat?)",
        ),
        (lambda fs: fs.append(dict(fs[0])), "field id: 'CL-01' repeats row 1"),
    ],
)
def test_broken_project_is_named(tmp_path: Path, edit, needle: str) -> None:
    with pytest.raises(DataValidationError) as info:
        load_projects(_broken_projects(tmp_path, edit))
    assert needle in str(info.value)


def test_actuals_must_name_a_known_target(tmp_path: Path) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text("target_id,value,year,source,note\nXX-T99,1,2024,https://example.org,\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"actuals.csv, row 2, field target_id: 'XX-T99'"):
        load_actuals(path, target_ids={"CL-T01"})


def test_non_utf8_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    shutil.copy(TARGETS_FILE, path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(DataValidationError, match="targets.csv is not UTF-8 text"):
        load_targets(path)
