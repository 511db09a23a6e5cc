"""Every CSV the program writes neutralises formula cells (OWASP): a leading ' before = + - @ tab CR."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile

import geopandas as gpd
import pandas as pd
import pytest

from geo.cli import main, write_table
from geo.export import collect, export_file, resolve_locality

HOSTILE = {
    '=HYPERLINK("http://evil.example","x")': '\'=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\tTAB": "'\tTAB",
    "\rCR": "'\rCR",
}


@pytest.mark.parametrize(("raw", "safe"), HOSTILE.items())
def test_formula_starts_are_prefixed(raw, safe):
    from geo.tabular_safety import neutralise_cell

    assert neutralise_cell(raw) == safe


@pytest.mark.parametrize("value", [-3.5, 12, "-3.5", "+84", "1e-5", "Phường 1", "", None, True])
def test_numbers_and_plain_text_are_left_alone(value):
    from geo.tabular_safety import neutralise_cell

    assert neutralise_cell(value) == value


def test_frame_numeric_column_stays_numeric():
    from geo.tabular_safety import neutralise_frame

    frame = pd.DataFrame({"name": ["=1+1", "Xã A"], "value": [-3.5, 2.0], "=col": [1, 2]})
    out = neutralise_frame(frame)
    assert out["name"].tolist() == ["'=1+1", "Xã A"]
    assert out["value"].tolist() == [-3.5, 2.0] and out["value"].dtype == float
    assert list(out.columns) == ["name", "value", "'=col"]
    assert frame["name"].tolist() == ["=1+1", "Xã A"]  # the input is not changed


@pytest.fixture(scope="module")
def hostile_bundle(national_units, export_inputs):
    bundle = collect(resolve_locality(district="817", units=national_units), **export_inputs)
    units = bundle.units.copy()
    units.loc[units.index[0], "name"] = '=HYPERLINK("http://evil.example","x")'
    projects = bundle.projects.copy()
    projects.loc[projects.index[0], "name_vi"] = "@SUM(A1:A9)"
    targets = bundle.targets.copy()
    targets.loc[targets.index[0], "quote"] = "-2+3 là công thức"
    return dataclasses.replace(
        bundle,
        units=gpd.GeoDataFrame(units, geometry="geometry", crs=bundle.units.crs),
        projects=gpd.GeoDataFrame(projects, geometry="geometry", crs=bundle.projects.crs),
        targets=targets,
    )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            if value and value[0] in "=+-@\t\r":
                float(value)  # only a genuine number may start so


def test_csv_export_neutralises(hostile_bundle, tmp_path):
    path = export_file(hostile_bundle, tmp_path / "x.csv")
    rows = _rows(path.read_bytes().decode("utf-8-sig"))
    names = {row["name_vi"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","x")' in names and "'@SUM(A1:A9)" in names
    assert "'-2+3 là công thức" in {row["quote"] for row in rows}
    _no_formula(rows)


def test_zipped_tables_neutralise(hostile_bundle, tmp_path):
    path = export_file(hostile_bundle, tmp_path / "x.zip")
    with zipfile.ZipFile(path) as archive:
        projects = _rows(archive.read("projects.csv").decode("utf-8-sig"))
        targets = _rows(archive.read("targets.csv").decode("utf-8-sig"))
    assert projects[0]["name_vi"] == "'@SUM(A1:A9)"
    assert targets[0]["quote"] == "'-2+3 là công thức"
    _no_formula(projects + targets)


def test_cli_write_table_csv():
    out = io.StringIO()
    write_table(pd.DataFrame({"id": ["P1"], "name_vi": ["=1+2"], "value": [-4.25]}), "csv", out)
    assert out.getvalue() == "id,name_vi,value\nP1,'=1+2,-4.25\n"


def test_cli_projects_csv(monkeypatch, capsys, national_units):
    import geo.io

    real = geo.io.load_linked_projects()
    hostile = real.copy()
    hostile.loc[hostile.index[0], "name_vi"] = "+cmd|' /C calc'!A0"
    monkeypatch.setattr(geo.io, "load_linked_projects", lambda: hostile)
    assert main(["projects", "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["name_vi"] == "'+cmd|' /C calc'!A0"
    _no_formula(rows)


def test_cli_targets_csv(monkeypatch, capsys, national_units):
    import geo.io

    real = geo.io.load_linked_targets()
    hostile = pd.DataFrame(real).copy()
    hostile.loc[hostile.index[0], "label_vi"] = "@evil"
    monkeypatch.setattr(geo.io, "load_linked_targets", lambda: hostile)
    assert main(["targets", "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["label_vi"] == "'@evil"
    _no_formula(rows)


def test_cli_units_csv(monkeypatch, capsys, national_units):
    import pyarrow.parquet as pq

    real = pq.read_table

    def hostile(*args, **kwargs):
        table = real(*args, **kwargs)
        names = table.column("name").to_pylist()
        names[0] = "=2*3"
        return table.set_column(table.schema.get_field_index("name"), "name", [names])

    monkeypatch.setattr(pq, "read_table", hostile)
    assert main(["units", "--district", "817", "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["name"] == "'=2*3"
    _no_formula(rows)
