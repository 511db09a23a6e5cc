"""``python -m geo zonal`` and ``python -m geo raster``, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from affine import Affine

from geo.boundaries import geodesic_area_km2, select_units
from geo.config import PROJECT_ROOT
from tests._rasters import EDITOR, VIEWER, accounts_store, grid_over, write_raster

UTM48 = "EPSG:32648"


def run_cli(*args: str, library: Path, store_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANNING_ATLAS_RASTERS": str(library)}
    if store_url is not None:
        env["ATLAS_DATABASE_URL"] = store_url
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180, env=env
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], sentence: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [sentence]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    """A store with the editor EDITOR and the viewer VIEWER: adding a raster is a write."""
    return str(accounts_store(tmp_path_factory.mktemp("store")).url)


@pytest.fixture(scope="module")
def cai_lay(national_units):  # noqa: ANN201
    return select_units(national_units, district_code="817")


@pytest.fixture(scope="module")
def ones(tmp_path_factory, cai_lay) -> Path:
    transform, rows, cols = grid_over(cai_lay, UTM48, 25.0)
    return write_raster(tmp_path_factory.mktemp("r") / "ones.tif", np.ones((rows, cols)), crs=UTM48,
                        transform=transform)


def test_zonal_csv_one_row_per_unit_with_the_statistics_asked(tmp_path, cai_lay, ones) -> None:
    result = run_cli("zonal", "--raster", str(ones), "--district", "817", "--stat", "mean,sum", "--format", "csv",
                     library=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == "code,name,mean,sum"
    assert [r["code"] for r in rows] == cai_lay["code"].tolist()
    expected = dict(zip(cai_lay["code"], geodesic_area_km2(cai_lay.geometry) * 1e6 / 625.0))
    assert all(abs(float(r["sum"]) / expected[r["code"]] - 1) < 0.01 for r in rows)
    assert {r["mean"] for r in rows} == {"1.0"}
    assert not tmp_path.joinpath("x").exists() and list(tmp_path.iterdir()) == []


def test_zonal_json_share_below_a_threshold(tmp_path, ones) -> None:
    result = run_cli("zonal", "--raster", str(ones), "--province", "82", "--stat", "count",
                     "--threshold", "2", "--below", "--format", "json", library=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["code", "name", "count", "share"]
    inside = [r for r in rows if r["count"]]
    assert len(inside) >= 16 and all(r["share"] == 1.0 for r in inside)  # Cai Lậy and its neighbours
    assert all(r["share"] is None for r in rows if not r["count"])  # outside the raster: unknown


def test_zonal_per_project_with_a_buffer_in_metres(tmp_path, ones) -> None:
    result = run_cli("zonal", "--raster", str(ones), "--district", "817", "--projects", "--buffer-m", "500",
                     "--stat", "count", "--format", "json", library=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r["code"]: r for r in json.loads(result.stdout)}
    assert rows["CL-01"]["basis"] == "buffer 500 m"
    assert rows["CL-01"]["count"] == pytest.approx(np.pi * 500**2 / 625.0, rel=0.005)
    assert rows["CL-02"]["basis"] == "not located" and rows["CL-02"]["count"] is None


def test_a_raster_without_crs_exits_2_and_leaves_nothing(tmp_path, store_url) -> None:
    source = write_raster(tmp_path / "plain.tif", np.ones((64, 64)), crs=None,
                          transform=Affine(10.0, 0.0, 600000.0, 0.0, -10.0, 1150000.0))
    library = tmp_path / "library"
    before = sorted(p.name for p in tmp_path.iterdir())
    zonal = run_cli("zonal", "--raster", str(source), "--district", "817", "--format", "csv", library=library)
    assert_one_sentence(zonal, "The raster 'plain.tif' has no coordinate reference system (CRS); "
                        "georeference it and upload it again.")
    added = run_cli("raster", "add", str(source), "--name", "Ngập", "--unit", "m", "--source", "Thử", "--year",
                    "2022", "--user", EDITOR, library=library, store_url=store_url)
    assert_one_sentence(added, "The raster 'plain.tif' has no coordinate reference system (CRS); "
                        "georeference it and upload it again.")
    assert sorted(p.name for p in tmp_path.iterdir()) == before == ["plain.tif"]


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--stat", "median"], "Unknown statistic 'median'; choose from count, mean, min, max, sum, share."),
        (["--threshold", "1"], "A threshold needs --above or --below."),
        (["--above"], "--above needs --threshold VALUE."),
        (["--buffer-m", "200"], "--buffer-m applies to projects; add --projects."),
        (["--stat", "share"], "The statistic 'share' needs a threshold (--threshold VALUE with --above or --below)."),
    ],
)
def test_bad_options_are_one_sentence(tmp_path, ones, args, sentence) -> None:
    result = run_cli("zonal", "--raster", str(ones), "--district", "817", *args, library=tmp_path)
    assert_one_sentence(result, sentence)


def test_raster_add_needs_its_metadata_then_keeps_and_lists_it(tmp_path, ones, store_url) -> None:
    library = tmp_path / "library"
    missing = run_cli("raster", "add", str(ones), "--name", "Cao độ", "--unit", "m", "--user", EDITOR,
                      library=library, store_url=store_url)
    assert_one_sentence(missing, "A raster needs its source; give it.")
    added = run_cli("raster", "add", str(ones), "--name", "Cao độ", "--unit", "m", "--source", "Sở TN&MT (thử)",
                    "--year", "2020", "--user", EDITOR, library=library, store_url=store_url)
    assert added.returncode == 0, added.stderr
    (stored,) = list(library.iterdir())
    assert added.stdout == f"Added {stored.name}: Cao độ (m) — Sở TN&MT (thử), 2020.\n"
    listed = run_cli("raster", "list", library=library)
    assert listed.stdout.startswith(f"{stored.name}\tCao độ (m) — Sở TN&MT (thử), 2020\tband 1\tWGS 84 / UTM zone 48N")
    by_id = run_cli("zonal", "--raster", stored.name, "--district", "817", "--stat", "mean", library=library)
    assert by_id.returncode == 0 and by_id.stdout.splitlines()[1].endswith(",1.0")


def test_raster_add_by_a_viewer_exits_4_and_keeps_nothing(tmp_path, ones, store_url) -> None:
    library = tmp_path / "library"
    meta = ["--name", "Cao độ", "--unit", "m", "--source", "Sở TN&MT (thử)", "--year", "2020"]
    viewer = run_cli("raster", "add", str(ones), *meta, "--user", VIEWER, library=library, store_url=store_url)
    assert viewer.returncode == 4 and viewer.stdout == ""
    assert viewer.stderr.strip().splitlines() == [f"{VIEWER} is a viewer; this change needs the editor role."]
    unknown = run_cli("raster", "add", str(ones), *meta, "--user", "khongco", library=library, store_url=store_url)
    assert unknown.returncode == 4
    assert unknown.stderr.strip().splitlines() == [
        "There is no account named 'khongco'; an admin adds it with 'geo users add'."
    ]
    nobody = run_cli("raster", "add", str(ones), *meta, library=library, store_url=store_url)
    assert_one_sentence(nobody, "raster add needs --user NAME, the editor or admin who adds it.")
    assert not library.exists()
    assert run_cli("raster", "list", library=library).stdout == ""
