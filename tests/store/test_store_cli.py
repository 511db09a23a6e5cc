"""The store's command line on both back ends: the review sequence, exit statuses 2/3/4, batches, exports."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from geo.cli import main


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``python -m geo …`` in-process against the test store; returns (status, stdout, stderr)."""
    monkeypatch.setenv("ATLAS_DATABASE_URL", store_url)

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return run


EDIT_DT11 = (
    "edit",
    "project",
    "DT-11",
    "--point",
    "105.2,10.88",
    "--precision",
    "approximate",
    "--status",
    "under construction",
    "--source",
    "QĐ 123/QĐ-UBND 2025",
    "--user",
    "editor",
    "--expect-version",
    "1",
)


def test_the_review_sequence(cli, tmp_path: Path) -> None:
    assert cli("users", "add", "admin", "--role", "admin", "--password-stdin", stdin="admin-pass-1\n")[0] == 0
    assert cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n") == (
        0,
        "Added editor (editor).\n",
        "",
    )
    assert cli("users", "add", "viewer", "--role", "viewer", "--password-stdin", stdin="viewer-pass-1\n")[0] == 0
    assert cli(*EDIT_DT11) == (0, "2\n", "")
    status, out, err = cli(*EDIT_DT11)
    assert (status, out) == (3, "")
    assert err.startswith("DT-11 was changed by editor at ") and err.count("\n") == 1
    status, out, _ = cli("history", "DT-11", "--json")
    versions = json.loads(out)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[1]["after"]["status"] == "under construction"
    assert versions[1]["after"]["geometry"] == {"type": "Point", "coordinates": [105.2, 10.88]}
    status, out, _ = cli("projects", "--format", "geojson")
    (feature,) = [f for f in json.loads(out)["features"] if f["properties"]["id"] == "DT-11"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [105.2, 10.88]}
    assert feature["properties"]["status"] == "under construction"
    assert feature["properties"]["precision"] == "approximate"
    assert feature["properties"]["version"] == 2
    assert "QĐ 123/QĐ-UBND 2025" in feature["properties"]["sources"]
    assert cli("edit", "project", "DT-11", "--status", "planned", "--source", "x-doc", "--user", "viewer") == (
        4,
        "",
        "viewer is a viewer; this change needs the editor role.\n",
    )
    assert cli("restore", "DT-11", "--version", "1", "--user", "editor") == (0, "3\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("edit", "project", "DT-11", "--point", "10.88,105.2", "--precision", "approximate"),
            "The coordinates (10.8800, 105.2000) look like latitude, longitude; give longitude first",
        ),
        (
            ("edit", "project", "DT-11", "--point", "2.35,48.85", "--precision", "approximate"),
            "The location (2.3500, 48.8500) – (2.3500, 48.8500) is outside Vietnam",
        ),
        (("edit", "project", "DT-11", "--point", "105.2,10.88"), "A new location needs its precision"),
        (("edit", "project", "XX-99", "--status", "planned"), "No project has the id 'XX-99'."),
        (
            ("edit", "project", "DT-11", "--status", "planned", "--expect-version", "7"),
            "DT-11 has no version 7; its current version is 1.",
        ),
        (
            ("edit", "actual", "--target", "LC-T08", "--value", "many", "--year", "2025"),
            "The value 'many' is not a number.",
        ),
    ],
)
def test_bad_input_exits_2_with_one_sentence(cli, argv, message) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    status, out, err = cli(*argv, "--source", "QĐ 1/2025", "--user", "editor")
    assert (status, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_self_intersecting_polygon_from_a_file_is_refused(cli, tmp_path: Path) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[105.2, 10.8], [105.3, 10.9], [105.3, 10.8], [105.2, 10.9], [105.2, 10.8]]],
    }
    path = tmp_path / "site.geojson"
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": bowtie}]}
        )
    )
    status, _, err = cli(
        "edit",
        "project",
        "DT-11",
        "--geometry",
        str(path),
        "--precision",
        "schematic",
        "--source",
        "QĐ 1/2025",
        "--user",
        "editor",
    )
    assert status == 2
    assert err.startswith("The location is not a valid geometry (Self-intersection[")
    kml = tmp_path / "site.kml"
    kml.write_text(
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Point>'
        "<coordinates>105.25,10.85,0</coordinates></Point></Placemark></kml>"
    )
    assert cli(
        "edit",
        "project",
        "DT-11",
        "--geometry",
        str(kml),
        "--precision",
        "surveyed",
        "--source",
        "QĐ 1/2025",
        "--user",
        "editor",
    ) == (0, "2\n", "")


def test_actuals_batch_from_csv_and_xlsx_all_or_nothing(cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    bad = tmp_path / "actuals.csv"
    bad.write_text(
        "target_id,value,year,source\nLC-T08,8000,2025,Cục Thống kê\nLC-T08,8000,1800,Cục Thống kê\n", encoding="utf-8"
    )
    status, _, err = cli("edit", "actuals", "--file", str(bad), "--user", "editor")
    assert status == 2
    assert (
        err == "The actuals were not saved, nothing was written: row 3: The year 1800 is not between 1990 and 2100.\n"
    )
    assert json.loads(cli("history", "LC-T08", "--json")[1])[-1]["version"] == 1
    book = Workbook()
    book.active.append(["target_id", "value", "year", "source"])
    book.active.append(["LC-T08", 8000, 2025, "Cục Thống kê"])
    book.active.append(["CL-T01", 7.1, 2024, "Cục Thống kê"])
    good = tmp_path / "actuals.xlsx"
    book.save(good)
    assert cli("edit", "actuals", "--file", str(good), "--user", "editor") == (
        0,
        "Saved 2 actuals in one transaction.\n",
        "",
    )
    assert [v["version"] for v in json.loads(cli("history", "CL-T01", "--json")[1])] == [1, 2]


def test_population_import_dry_run_json_then_saved(cli, tmp_path: Path) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    path = tmp_path / "population.csv"
    path.write_text("code,population,year,source\n28435,9100,2024,Niên giám thống kê 2024\n", encoding="utf-8")
    status, out, _ = cli("import", "population", str(path), "--user", "editor", "--dry-run", "--json")
    assert (status, json.loads(out)) == (0, {"saved": 0, "valid_rows": 1, "dry_run": True, "problems": []})
    assert cli("history", "28435", "--json")[1].count('"version"') == 1
    assert cli("import", "population", str(path), "--user", "editor")[0] == 0
    versions = json.loads(cli("history", "28435", "--json")[1])
    assert versions[1]["after"] == {"population": 9100, "year": 2024, "source": "Niên giám thống kê 2024"}
    assert versions[0]["after"]["population"] == 8875


def test_changes_export_and_backup(cli, tmp_path: Path, store_url: str) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    cli(*EDIT_DT11)
    status, out, _ = cli("changes", "--format", "geojson")
    (feature,) = json.loads(out)["features"]
    assert feature["properties"]["id"] == "DT-11" and feature["properties"]["version"] == 2
    target = tmp_path / "backup.bin"
    status, out, _ = cli("store", "backup", str(target))
    assert (status, out) == (0, f"Wrote {target}.\n")
    if store_url.startswith("sqlite"):
        with sqlite3.connect(target) as copy:
            assert copy.execute("SELECT key, version FROM records").fetchall() == [("DT-11", 2)]
    else:
        assert target.read_bytes()[:5] == b"PGDMP"


def test_geo_targets_shows_a_stored_actual(cli) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    argv = ("edit", "actual", "--target", "LC-T08", "--value", "9100", "--year", "2025")
    assert cli(*argv, "--source", "Cục Thống kê Lào Cai 2026", "--user", "editor") == (0, "2\n", "")
    status, out, _ = cli("targets", "--document", "laocai-2024", "--format", "json")
    (row,) = [t for t in json.loads(out) if t["id"] == "LC-T08"]
    assert (row["actual"], row["actual_year"], row["actual_source"]) == (9100.0, 2025, "Cục Thống kê Lào Cai 2026")


def test_a_bad_population_file_lists_20_problems_then_the_count_and_writes_nothing(cli, tmp_path: Path) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    path = tmp_path / "population.csv"
    path.write_text("code,population,year\n" + "".join(f"9{i:04d},100,2024\n" for i in range(25)), encoding="utf-8")
    status, out, err = cli("import", "population", str(path), "--user", "editor")
    assert (status, out) == (2, "")
    assert err.startswith("File population.csv has 25 problems; no row was imported: ")
    assert err.endswith(" (and 5 more problems).\n") and err.count("\n") == 1
    status, out, _ = cli("import", "population", str(path), "--user", "editor", "--json")
    assert status == 2 and json.loads(out)["problem_count"] == 25
    assert cli("history", "28435", "--json")[1].count('"version"') == 1


def test_a_geopackage_in_another_crs_is_reprojected(cli, tmp_path: Path) -> None:
    import geopandas as gpd
    import shapely

    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    site = gpd.GeoDataFrame({"name": ["site"]}, geometry=[shapely.Point(105.2, 10.88)], crs=4326).to_crs(3405)
    path = tmp_path / "site.gpkg"
    site.to_file(path, driver="GPKG")
    argv = ("edit", "project", "DT-11", "--geometry", str(path), "--precision", "surveyed")
    assert cli(*argv, "--source", "Bản đồ địa chính 2025", "--user", "editor") == (0, "2\n", "")
    lon, lat = json.loads(cli("history", "DT-11", "--json")[1])[1]["after"]["geometry"]["coordinates"]
    assert (round(lon, 6), round(lat, 6)) == (105.2, 10.88)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a map")
    status, _, err = cli("edit", "project", "DT-11", "--geometry", str(notes), "--precision", "surveyed",
                         "--source", "x-doc", "--user", "editor")  # fmt: skip
    assert (status, err) == (2, f"File {notes} is not GeoJSON, KML or GeoPackage (.geojson, .kml, .gpkg).\n")


ADD_DT90 = (
    "edit", "add-project", "--id", "DT-90", "--name", "Cầu Thường Phước 2", "--kind", "bridge",
    "--document", "dongthap-border-2021-2025", "--section", "II.3", "--status", "planned", "--target-year", "2030",
)  # fmt: skip


def _project_features(cli) -> dict[str, dict]:
    status, out, _ = cli("projects", "--format", "geojson")
    assert status == 0
    return {f["properties"]["id"]: f for f in json.loads(out)["features"]}


def test_a_new_project_is_added_shown_and_retired_never_deleted(cli) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    cli("users", "add", "viewer", "--role", "viewer", "--password-stdin", stdin="viewer-pass-1\n")
    located = ("--point", "105.2,10.88", "--precision", "approximate", "--source", "KL 2021, mục II.3")
    assert cli(*ADD_DT90, *located, "--user", "viewer") == (
        4,
        "",
        "viewer is a viewer; this change needs the editor role.\n",
    )
    assert cli(*ADD_DT90, *located, "--user", "editor", "--reason", "named in II.3") == (0, "2\n", "")
    assert cli(*ADD_DT90, *located, "--user", "editor") == (
        2,
        "",
        "The store already has a project 'DT-90'; edit it instead.\n",
    )
    feature = _project_features(cli)["DT-90"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [105.2, 10.88]}
    properties = feature["properties"]
    assert (properties["name_vi"], properties["kind"]) == ("Cầu Thường Phước 2", "bridge")
    assert properties["status"] == "planned"
    assert (properties["target_year"], properties["precision"], properties["version"]) == (2030, "approximate", 2)
    assert (properties["document_ids"], properties["sections"]) == (["dongthap-border-2021-2025"], ["II.3"])
    assert properties["sources"] == ["KL 2021, mục II.3"]
    retire = ("edit", "project", "DT-90", "--retire", "--source", "NQ 5/2025", "--user", "editor")
    assert cli(*retire, "--expect-version", "2") == (0, "3\n", "")
    assert cli(*retire) == (2, "", "DT-90 is already retired.\n")
    assert cli("edit", "project", "DT-11", "--retire", "--source", "NQ 5/2025", "--user", "editor") == (0, "2\n", "")
    shown = _project_features(cli)
    assert "DT-90" not in shown and "DT-11" not in shown and "DT-12" in shown
    versions = json.loads(cli("history", "DT-90", "--json")[1])
    assert [(v["version"], v["action"], v["user"]) for v in versions] == [
        (2, "create", "editor"),
        (3, "retire", "editor"),
    ]
    assert versions[0]["reason"] == "named in II.3" and versions[1]["after"] == {"retired": True, "source": "NQ 5/2025"}
    assert [v["action"] for v in json.loads(cli("history", "DT-11", "--json")[1])] == ["baseline", "retire"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"--id": "DT-11"}, "The register already has a project 'DT-11'; edit it instead."),
        ({"--id": "dt90"}, "'dt90' is not a project id: two capital letters, an optional digit, a hyphen and a "
         "number (for example DT-90)."),
        ({"--document": "nq-99"}, "The document 'nq-99' is not in documents.yaml; a new project cites a known one."),
        ({"--kind": "castle"}, "'castle' is not a project kind; choose industrial_cluster, industrial_park, "),
        ({"--status": "done"}, "'done' is not a status; choose planned, under construction, operating, unknown."),
        ({"--target-year": "soon"}, "The target year 'soon' is not a year."),
        ({"--point": "105.2,10.88"}, "A new location needs its precision (surveyed, approximate, schematic or "
         "commune-centroid)."),
        ({"--precision": "surveyed"}, "The precision 'surveyed' needs a location; give a point or a geometry file."),
        ({"--point": "10.88,105.2", "--precision": "approximate"},
         "The coordinates (10.8800, 105.2000) look like latitude, longitude; give longitude first"),
    ],
)  # fmt: skip
def test_a_bad_new_project_exits_2_with_one_sentence(cli, changes, message) -> None:
    cli("users", "add", "editor", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    argv = list(ADD_DT90)
    for flag, value in changes.items():
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    status, out, err = cli(*argv, "--source", "KL 2021, mục II.3", "--user", "editor")
    assert (status, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
    assert cli("changes", "--format", "geojson")[1] == (
        '{"type": "FeatureCollection", "name": "changes_since_baseline", "features": []}\n'
    )


def test_an_actual_entered_in_the_store_is_in_the_report_with_who_and_when(cli, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    cli("users", "add", "bientap1", "--role", "editor", "--password-stdin", stdin="editor-pass-1\n")
    argv = ("edit", "actual", "--target", "LC-T08", "--value", "9100", "--year", "2025")
    assert cli(*argv, "--source", "Cục Thống kê Lào Cai 2026", "--user", "bientap1") == (0, "2\n", "")
    other = ("edit", "actual", "--target", "CL-T01", "--value", "7.5", "--year", "2025")
    assert cli(*other, "--source", "Cục Thống kê Tiền Giang 2026", "--user", "bientap1")[0] == 0
    (at,) = [v["at"] for v in json.loads(cli("history", "LC-T08", "--json")[1]) if v["version"] == 2]
    from datetime import datetime

    from geo.store.clock import to_vietnam

    when = f"{to_vietnam(datetime.fromisoformat(at)):%Y-%m-%d %H:%M}"
    for suffix in ("xlsx", "docx"):
        status, out, _ = cli("report", "--document", "laocai-2024", "--out", str(tmp_path / f"r.{suffix}"))
        assert status == 0, out
    book = load_workbook(tmp_path / "r.xlsx")
    # Only the document's own targets: CL-T01 belongs to Cai Lậy's resolution.
    assert list(book["Cập nhật"].iter_rows(values_only=True)) == [
        ("Chỉ tiêu", "Giá trị", "Năm", "Nguồn", "Người nhập", "Thời điểm (UTC+7)"),
        ("LC-T08", 9100, 2025, "Cục Thống kê Lào Cai 2026", "bientap1", when),
    ]
    (row,) = [r for r in book["Chỉ tiêu"].iter_rows(values_only=True) if r[0] == "LC-T08"]
    assert row[-4:] == (9100, 2025, "Cục Thống kê Lào Cai 2026", "Đạt")
    table = Document(str(tmp_path / "r.docx")).tables[-1]
    assert [[c.text for c in r.cells] for r in table.rows][1] == [
        "LC-T08", "9.100", "2025", "Cục Thống kê Lào Cai 2026", "bientap1", when,
    ]  # fmt: skip
