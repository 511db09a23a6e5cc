"""VN-2000: QĐ 05/2007's parameters in the Coordinate Frame convention, kept through every written file.

Control points: thông báo hàng hải 168/TBHH-TCTBĐATHHMN (18/6/2021), six points of the Bạch Hổ – Kỳ Vân
gas pipeline in WGS 84 and VN-2000, to 0.001″.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import CRS, Transformer

from geo.export import collect, export_file, resolve_locality
from geo.vn2000 import CONTROL_POINTS_168_2021, QD05_2007_COORDINATE_FRAME, vn2000_geographic, vn2000_tm3

CAI_LAY = "817"  # Tiền Giang, TM-3 105°45′


def _degrees(dms: tuple[int, int, float]) -> float:
    return dms[0] + dms[1] / 60 + dms[2] / 3600


def _dms(degrees: float) -> tuple[int, int, float]:
    whole = int(degrees)
    seconds = round((degrees - whole) * 3600, 3)
    return whole, int(seconds // 60), round(seconds - 60 * (seconds // 60), 3)


def _vn2000_of_control_points(crs: CRS) -> dict[str, tuple[tuple[int, int, float], tuple[int, int, float]]]:
    """WGS 84 → ``crs`` (as PROJ understands it) → VN-2000 latitude/longitude, rounded to 0.001″."""
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    source = crs.source_crs if crs.is_bound else crs
    inverse = Transformer.from_crs(source, source.geodetic_crs, always_xy=True) if source.is_projected else None
    out = {}
    for name, ((lat, lon), _) in CONTROL_POINTS_168_2021.items():
        x, y = forward.transform(_degrees(lon), _degrees(lat))
        if inverse is not None:
            x, y = inverse.transform(x, y)
        out[name] = (_dms(y), _dms(x))
    return out


EXPECTED = {name: vn for name, (_, vn) in CONTROL_POINTS_168_2021.items()}


def test_six_control_points_are_twelve_values():
    assert len(CONTROL_POINTS_168_2021) == 6
    assert CONTROL_POINTS_168_2021["Km 0+055"] == (
        ((9, 45, 22.357), (107, 58, 59.645)),
        ((9, 45, 26.050), (107, 58, 53.250)),
    )


def test_qd05_parameters_as_published():
    assert QD05_2007_COORDINATE_FRAME == (
        -191.90441429,
        -39.30318279,
        -111.45032835,
        -0.00928836,
        0.01975479,
        -0.00427372,
        0.252906278,
    )


@pytest.mark.parametrize("crs", [vn2000_geographic(), vn2000_tm3(107.75), vn2000_tm3(105.75)], ids=str)
def test_control_points_to_the_last_digit(crs):
    assert _vn2000_of_control_points(crs) == EXPECTED


def test_position_vector_would_miss_by_half_a_metre():
    """The old reading of the same numbers: every point off (this is what the fix is checked against)."""
    towgs84 = ",".join(repr(v) for v in QD05_2007_COORDINATE_FRAME)
    wrong = CRS.from_proj4(f"+proj=longlat +ellps=WGS84 +towgs84={towgs84} +no_defs +type=crs")
    got = _vn2000_of_control_points(wrong)
    assert all(got[name] != EXPECTED[name] for name in EXPECTED)


@pytest.fixture(scope="module")
def cai_lay(national_units, export_inputs):
    return collect(resolve_locality(district=CAI_LAY, units=national_units), **export_inputs)


def test_gpkg_read_back_keeps_the_transformation(cai_lay, tmp_path: Path):
    path = export_file(cai_lay, tmp_path / "cai-lay.gpkg", crs="vn2000")
    for layer in ("units", "projects"):
        crs = gpd.read_file(path, layer=layer).crs
        assert crs.is_bound and "TM-3 105-45" in crs.name
        assert _vn2000_of_control_points(crs) == EXPECTED


def test_shapefile_prj_read_back_keeps_the_transformation(cai_lay, tmp_path: Path):
    path = export_file(cai_lay, tmp_path / "cai-lay.zip", crs="vn2000")
    with zipfile.ZipFile(path) as archive:
        prj = archive.read("units.prj").decode("ascii")
    assert "TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]" in prj
    assert _vn2000_of_control_points(CRS.from_wkt(prj)) == EXPECTED
    assert _vn2000_of_control_points(gpd.read_file(f"zip://{path}!units.shp").crs) == EXPECTED


def test_geotiff_read_back_keeps_the_transformation(cai_lay, tmp_path: Path):
    import rasterio

    path = export_file(cai_lay, tmp_path / "cai-lay.tif", crs="vn2000")
    with rasterio.open(path) as raster:
        crs = CRS.from_wkt(raster.crs.to_wkt())
    assert _vn2000_of_control_points(crs) == EXPECTED


def test_exported_coordinates_use_coordinate_frame(cai_lay, tmp_path: Path):
    """The coordinates in the file are those of the published convention, 1 cm."""
    import shapely

    wgs = gpd.read_file(export_file(cai_lay, tmp_path / "wgs.gpkg"), layer="units")
    vn = gpd.read_file(export_file(cai_lay, tmp_path / "vn.gpkg", crs="vn2000"), layer="units")
    lon, lat = shapely.get_coordinates(wgs.geometry.iloc[0])[0]
    # The same point by the Helmert step written out in PROJ's own pipeline (Coordinate Frame).
    p = QD05_2007_COORDINATE_FRAME
    pipeline = Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=cart +ellps=WGS84 "
        f"+step +inv +proj=helmert +x={p[0]} +y={p[1]} +z={p[2]} +rx={p[3]} +ry={p[4]} +rz={p[5]} +s={p[6]} "
        "+convention=coordinate_frame +step +inv +proj=cart +ellps=WGS84 "
        "+step +proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84"
    )
    expected = pipeline.transform(lon, lat)
    got = shapely.get_coordinates(vn.geometry.iloc[0])[0]
    assert abs(got[0] - expected[0]) < 0.01 and abs(got[1] - expected[1]) < 0.01
