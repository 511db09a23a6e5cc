"""Raster checks, library and zonal statistics on synthetic rasters with known answers."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from affine import Affine
from pyproj import Geod
from rasterio.crs import CRS as RasterioCRS

from geo.boundaries import geodesic_area_km2, select_units
from geo.crs import vn2000_tm3
from geo.errors import InvalidInputError
from geo.io import load_meridians
from geo.raster.library import add_raster, check_meta, get_raster, list_rasters
from geo.raster.validate import RasterRefusedError, open_checked
from geo.raster.zonal import check_statistics, project_zones, utm_crs_for, zonal_stats
from geo.store import PermissionDeniedError
from tests._rasters import EDITOR, NODATA, VIEWER, accounts_store, field_raster, grid_over, write_raster

UTM48 = "EPSG:32648"
META = check_meta(name="Độ sâu ngập 2022", unit="m", source="Chi cục Thủy lợi (thử nghiệm)", year="2022")


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):  # noqa: ANN201 - geo.store.Store
    return accounts_store(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def cai_lay(national_units) -> gpd.GeoDataFrame:
    units = select_units(national_units, district_code="817")
    return units[["code", "name", "geometry"]].reset_index(drop=True)


@pytest.fixture(scope="module")
def vn2000_tien_giang():  # noqa: ANN201 - pyproj CRS
    return vn2000_tm3(load_meridians()["82"][1])


def _constant(path: Path, units: gpd.GeoDataFrame, crs: object, pixel: float) -> Path:
    transform, rows, cols = grid_over(units, crs, pixel)
    return write_raster(path, np.ones((rows, cols)), crs=crs, transform=transform)


# --- known answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("crs_name", ["utm", "vn2000"])
def test_constant_raster_sums_to_area_over_pixel_area(tmp_path, cai_lay, vn2000_tien_giang, crs_name) -> None:
    crs = UTM48 if crs_name == "utm" else RasterioCRS.from_wkt(vn2000_tien_giang.to_wkt())
    path = _constant(tmp_path / "ones.tif", cai_lay, crs, 20.0)
    table = zonal_stats(path, cai_lay, statistics=["count", "sum", "mean", "min", "max"])
    expected = geodesic_area_km2(cai_lay.geometry).to_numpy() * 1e6 / 400.0
    assert list(table.columns) == ["code", "name", "count", "sum", "mean", "min", "max"]
    assert table["code"].tolist() == cai_lay["code"].tolist()
    assert np.abs(table["sum"].to_numpy() / expected - 1).max() < 0.01
    assert np.allclose(table["count"], table["sum"])
    assert (table["mean"] == 1.0).all() and (table["min"] == 1.0).all() and (table["max"] == 1.0).all()


def test_two_valued_raster_share_above_and_below_the_line(tmp_path, cai_lay) -> None:
    unit = cai_lay[cai_lay["code"] == "28486"]  # Xã Long Khánh
    metric = unit.to_crs(UTM48).geometry.iloc[0]
    minx, miny, maxx, maxy = metric.bounds
    line_x = round((minx + maxx) / 2 / 10) * 10  # on a pixel edge: no pixel straddles the split
    transform, rows, cols = grid_over(unit, UTM48, 10.0)
    x_centres = transform.c + (np.arange(cols) + 0.5) * 10.0
    values = np.where(x_centres >= line_x, 1.0, 0.0)[np.newaxis, :].repeat(rows, axis=0)
    path = write_raster(tmp_path / "split.tif", values, crs=UTM48, transform=transform)
    east = metric.intersection(shapely.box(line_x, miny - 1, maxx + 1, maxy + 1)).area / metric.area
    above = zonal_stats(path, unit, statistics=["share"], threshold=0.5, above=True)
    below = zonal_stats(path, unit, statistics=["share"], threshold=0.5, above=False)
    assert 0.2 < east < 0.8
    assert above["share"].iloc[0] == pytest.approx(east, abs=1e-4)
    assert below["share"].iloc[0] == pytest.approx(1 - east, abs=1e-4)


def test_nodata_is_left_out(tmp_path, cai_lay) -> None:
    unit = cai_lay[cai_lay["code"] == "28486"]
    metric = unit.to_crs(UTM48).geometry.iloc[0]
    minx, miny, maxx, maxy = metric.bounds
    line_x = round((minx + maxx) / 2 / 10) * 10
    transform, rows, cols = grid_over(unit, UTM48, 10.0)
    x_centres = transform.c + (np.arange(cols) + 0.5) * 10.0
    values = np.where(x_centres >= line_x, 5.0, NODATA)[np.newaxis, :].repeat(rows, axis=0)
    path = write_raster(tmp_path / "half.tif", values, crs=UTM48, transform=transform)
    east_pixels = metric.intersection(shapely.box(line_x, miny - 1, maxx + 1, maxy + 1)).area / 100.0
    table = zonal_stats(path, unit, statistics=["count", "sum", "mean", "min", "max", "share"], threshold=4.0)
    row = table.iloc[0]
    assert row["count"] == pytest.approx(east_pixels, rel=1e-4)
    assert row["sum"] == pytest.approx(5 * east_pixels, rel=1e-4)
    assert row["mean"] == pytest.approx(5.0, rel=1e-12)
    assert (row["min"], row["max"], row["share"]) == (5.0, 5.0, 1.0)


def test_a_zone_with_only_nodata_or_no_geometry_is_unknown(tmp_path, cai_lay) -> None:
    unit = cai_lay[cai_lay["code"] == "28486"]
    transform, rows, cols = grid_over(unit, UTM48, 50.0)
    path = write_raster(tmp_path / "empty.tif", np.full((rows, cols), NODATA), crs=UTM48, transform=transform)
    zones = gpd.GeoDataFrame({"code": ["a", "b"], "name": ["x", "y"]}, geometry=[unit.geometry.iloc[0], None],
                             crs=4326)
    table = zonal_stats(path, zones, statistics=["count", "mean", "sum"])
    assert table["count"].tolist()[0] == 0.0
    assert math.isnan(table["mean"].iloc[0]) and math.isnan(table["count"].iloc[1])


def test_wgs84_and_vn2000_versions_agree(tmp_path, cai_lay, vn2000_tien_giang) -> None:
    def field(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        return (lon - 106.0) * 100.0 + (lat - 10.3) * 50.0

    geographic = field_raster(tmp_path / "wgs84.tif", cai_lay, "EPSG:4326", 0.0002, field)
    vn2000 = field_raster(tmp_path / "vn2000.tif", cai_lay, RasterioCRS.from_wkt(vn2000_tien_giang.to_wkt()), 20.0,
                          field)
    stats = ["count", "mean", "min", "max", "share"]
    a = zonal_stats(geographic, cai_lay, statistics=stats, threshold=12.0)
    b = zonal_stats(vn2000, cai_lay, statistics=stats, threshold=12.0)
    span = float(b["max"].max() - b["min"].min())
    assert np.abs(a["mean"] - b["mean"]).max() < 0.01 * span
    assert np.abs(a["min"] - b["min"]).max() < 0.01 * span and np.abs(a["max"] - b["max"]).max() < 0.01 * span
    assert np.abs(a["share"] - b["share"]).max() < 0.01
    lat = 10.4  # Cai Lậy: 10.33–10.48° N, the pixel's area changes 0.05 % across it
    _, _, dx = Geod(ellps="WGS84").inv(106.0, lat, 106.0002, lat)
    _, _, dy = Geod(ellps="WGS84").inv(106.0, lat, 106.0, lat + 0.0002)
    covered_a = a["count"] * dx * dy
    covered_b = b["count"] * 400.0
    assert np.abs(covered_a / covered_b - 1).max() < 0.01


def test_statistics_are_checked() -> None:
    assert check_statistics(["mean", "sum", "mean"], threshold=None) == ["mean", "sum"]
    assert check_statistics(["mean"], threshold=1.0) == ["mean", "share"]
    with pytest.raises(InvalidInputError, match=r"^Unknown statistic 'median'; choose from count, mean"):
        check_statistics(["median"], threshold=None)
    with pytest.raises(InvalidInputError, match=r"^The statistic 'share' needs a threshold"):
        check_statistics(["share"], threshold=None)


def test_project_buffers_are_metres_in_the_local_utm_zone() -> None:
    projects = gpd.GeoDataFrame(
        {"id": ["P1", "P2", "P3"], "name_vi": ["Cửa khẩu", "ĐT.842", "Chưa rõ"]},
        geometry=[shapely.Point(105.35, 10.95), shapely.LineString([(105.3, 10.8), (105.4, 10.8)]), None],
        crs=4326,
    )
    zones = project_zones(projects, buffer_m=500.0)
    assert zones["basis"].tolist() == ["buffer 500 m", "buffer 500 m", "not located"]
    area = geodesic_area_km2(zones.geometry.iloc[:2]).to_numpy() * 1e6
    assert area[0] == pytest.approx(math.pi * 500**2, rel=0.005)
    length = Geod(ellps="WGS84").line_length([105.3, 105.4], [10.8, 10.8])
    assert area[1] == pytest.approx(2 * 500 * length + math.pi * 500**2, rel=0.005)
    bare = project_zones(projects, buffer_m=None)
    assert bare["basis"].tolist() == ["no area (give a buffer)", "no area (give a buffer)", "not located"]
    assert utm_crs_for(105.35, 10.95) == "EPSG:32648" and utm_crs_for(109.2, 12.2) == "EPSG:32649"
    with pytest.raises(InvalidInputError, match=r"^The buffer must be between 0 and 100,000 m, not -5\.$"):
        project_zones(projects, buffer_m=-5.0)


# --- refusals: one sentence, nothing kept -------------------------------------------------------


def _ok(path: Path, *, bands: int = 1, crs: object = UTM48) -> Path:
    data = np.random.default_rng(1).random((bands, 300, 300))
    return write_raster(path, data, crs=crs, transform=Affine(10, 0.0, 580000, 0.0, -10, 1150000))


def _truncated(path: Path) -> Path:
    whole = _ok(path.with_name("whole.tif")).read_bytes()
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


REFUSALS = {
    "no_crs": (lambda p: _ok(p, crs=None), "The raster 'in.tif' has no coordinate reference system (CRS); "
               "georeference it and upload it again."),
    "untransformable": (lambda p: _ok(p, crs=RasterioCRS.from_wkt('LOCAL_CS["site grid",UNIT["metre",1]]')),
                        "The raster 'in.tif' has a CRS (site grid) that cannot be transformed to WGS 84 (EPSG:4326)."),
    "outside": (lambda p: write_raster(p, np.ones((50, 50)), crs="EPSG:32631",  # Paris
                                       transform=Affine(100, 0.0, 448000, 0.0, -100, 5412000)),
                "The raster 'in.tif' does not overlap Vietnam (its extent is 2.291–2.360° E, 48.814–48.859° N)."),
    "corrupt": (lambda p: (p.write_bytes(b"II*\x00" + b"not a tiff" * 100), p)[1],
                "The raster 'in.tif' is not a raster GDAL can read (corrupt, truncated or not a GeoTIFF)."),
    "truncated": (_truncated, "The raster 'in.tif' is corrupt or truncated: its pixel blocks cannot be read."),
    "multiband": (lambda p: _ok(p, bands=3), "The raster 'in.tif' has 3 bands; choose the band to use (1 to 3)."),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_has_its_sentence_and_nothing_is_kept(tmp_path, accounts, case) -> None:
    make, sentence = REFUSALS[case]
    source = make(tmp_path / "in.tif")
    root = tmp_path / "library"
    with pytest.raises(RasterRefusedError) as caught:
        add_raster(source, META, store=accounts, user=EDITOR, root=root, display_name="in.tif")
    assert str(caught.value) == sentence
    assert not root.exists()
    root.mkdir()
    with pytest.raises(RasterRefusedError) as caught:
        add_raster(source.read_bytes(), META, store=accounts, user=EDITOR, root=root, display_name="in.tif")
    assert str(caught.value) == sentence
    assert list(root.iterdir()) == []


def test_over_the_size_limit_is_refused_before_anything_is_written(tmp_path, accounts) -> None:
    source = _ok(tmp_path / "in.tif")
    root = tmp_path / "library"
    size = source.stat().st_size
    kb = round(size / 1024)
    with pytest.raises(RasterRefusedError, match=rf"^The raster 'big.tif' is {kb} KB, over the limit of 100 KB\.$"):
        add_raster(source.read_bytes(), META, store=accounts, user=EDITOR, root=root, display_name="big.tif",
                   max_bytes=100 * 1024)
    with pytest.raises(RasterRefusedError, match=rf"^The raster 'in.tif' is {kb} KB, over the limit of 100 KB\.$"):
        add_raster(source, META, store=accounts, user=EDITOR, root=root, max_bytes=100 * 1024)
    assert size > 100 * 1024
    assert not root.exists()


@pytest.mark.parametrize(
    ("user", "sentence"),
    [
        (VIEWER, f"{VIEWER} is a viewer; this change needs the editor role."),
        ("khongco", "There is no account named 'khongco'; an admin adds it with 'geo users add'."),
    ],
    ids=["viewer", "unknown"],
)
def test_a_viewer_or_unknown_account_cannot_add_a_raster_and_nothing_is_kept(tmp_path, accounts, user,
                                                                             sentence) -> None:
    source = _ok(tmp_path / "in.tif")
    root = tmp_path / "library"
    for given in (source, source.read_bytes()):
        with pytest.raises(PermissionDeniedError) as caught:
            add_raster(given, META, store=accounts, user=user, root=root, display_name="in.tif")
        assert str(caught.value) == sentence
        assert caught.value.exit_status == 4
    assert not root.exists()
    assert list_rasters(root) == []


def test_a_band_number_beyond_the_file_is_refused(tmp_path) -> None:
    with pytest.raises(RasterRefusedError, match=r"^The raster 'in.tif' has no band 4; it has 3\.$"):
        open_checked(_ok(tmp_path / "in.tif", bands=3), band=4)


def test_metadata_is_required() -> None:
    with pytest.raises(InvalidInputError, match=r"^A raster needs its unit of measure, source; give them\.$"):
        check_meta(name="Ngập", unit=" ", source="", year="2022")
    with pytest.raises(InvalidInputError, match=r"^The year 'năm ngoái' is not a year \(e\.g\. 2024\)\.$"):
        check_meta(name="Ngập", unit="m", source="X", year="năm ngoái")
    with pytest.raises(InvalidInputError, match=r"^The year 1850 is not between 1900 and "):
        check_meta(name="Ngập", unit="m", source="X", year=1850)


def test_an_accepted_raster_is_kept_whole_with_its_metadata(tmp_path, accounts) -> None:
    source = _ok(tmp_path / "in.tif", bands=2)
    root = tmp_path / "library"
    stored = add_raster(source.read_bytes(), META, store=accounts, user=EDITOR, band=2, root=root,
                        display_name="ngap.tif")
    assert [s.id for s in list_rasters(root)] == [stored.id]
    assert stored.path.read_bytes() == source.read_bytes()
    record = json.loads((stored.path.parent / "meta.json").read_text(encoding="utf-8"))
    assert record["meta"] == {"name": "Độ sâu ngập 2022", "unit": "m", "source": "Chi cục Thủy lợi (thử nghiệm)",
                              "year": 2022}
    assert record["band"] == 2 and record["original_name"] == "ngap.tif"
    assert get_raster(stored.id, root).caption() == "Độ sâu ngập 2022 (m) — Chi cục Thủy lợi (thử nghiệm), 2022"
    assert sorted(os.listdir(root)) == [stored.id]
    with pytest.raises(InvalidInputError, match=r"^No stored raster has the id '\.\./x'\.$"):
        get_raster("../x", root)
