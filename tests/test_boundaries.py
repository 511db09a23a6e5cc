"""Matching the official unit list to polygons: tiny cases, then the real seed localities."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.boundaries import (
    CROSSWALK_COLUMNS,
    geodesic_area_km2,
    select_units,
    validate_crosswalk,
)
from geo.codes import check_code
from geo.errors import DataValidationError, InvalidInputError, UnknownCodeError
from geo.matching import match_units


def _unit(code, name, unit_type, district_code="001", district_name="Huyện A", aliases=()):
    return {
        "code": code,
        "name": name,
        "unit_type": unit_type,
        "district_code": district_code,
        "district_name": district_name,
        "district_type": "huyện",
        "province_code": "01",
        "province_name": "Tỉnh Một",
        "aliases": list(aliases),
    }


def _square(x: float, y: float, size: float = 0.01) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def _polygons(rows):
    return gpd.GeoDataFrame(
        {
            "polygon_id": range(len(rows)),
            "province": [r[0] for r in rows],
            "district": [r[1] for r in rows],
            "district_hint": [r[2] for r in rows],
            "ward": [r[3] for r in rows],
            "ward_hint": [r[4] for r in rows],
        },
        geometry=[r[5] for r in rows],
        crs="EPSG:4326",
    )


def _crosswalk(rows=()):
    return pd.DataFrame(list(rows), columns=list(CROSSWALK_COLUMNS))


def test_name_match_uses_type_hint_for_same_named_units() -> None:
    units = pd.DataFrame([_unit("00001", "Thị trấn Định An", "thị trấn"), _unit("00002", "Xã Định An", "xã")])
    polygons = _polygons(
        [
            ("Một", "A", None, "Định An", "xã", _square(0, 0)),
            ("Một", "A", None, "Định An", "thị trấn", _square(1, 1)),
        ]
    )
    layer, report = match_units(units, polygons, _crosswalk())
    assert layer.set_index("code")["polygon_ids"].to_dict() == {"00001": "1", "00002": "0"}
    assert report.units_matched == 2 and report.by_rule == {"name": 2}
    assert report.unused_polygons.empty


def test_alias_merge_unions_former_units_and_old_tone_spelling_matches() -> None:
    units = pd.DataFrame(
        [
            _unit("00001", "Phường Lào Cai", "phường", aliases=["phuongphomoi", "phomoi"]),
            _unit("00002", "Xã Vạn Hòa", "xã"),
        ]
    )
    polygons = _polygons(
        [
            ("Một", "A", None, "Lào Cai", None, _square(0, 0)),
            ("Một", "A", None, "Phố Mới", None, _square(0.01, 0)),
            ("Một", "A", None, "Vạn Hoà", None, _square(2, 2)),
        ]
    )
    layer, report = match_units(units, polygons, _crosswalk())
    merged = layer.set_index("code").loc["00001"]
    assert merged["polygon_ids"] == "0;1"
    assert merged.geometry.geom_type == "Polygon"  # two touching squares became one ring
    assert merged.geometry.area == pytest.approx(0.0002)
    assert layer.set_index("code").loc["00002", "match"] == "name"


def test_crosswalk_moves_a_unit_and_reports_what_is_left() -> None:
    units = pd.DataFrame([_unit("00001", "Xã Cốc San", "xã"), _unit("00002", "Xã Mới Lập", "xã")])
    polygons = _polygons(
        [
            ("Một", "B", None, "Cốc San", None, _square(0, 0)),
            ("Một", "B", None, "Cốc San", None, _square(5, 5)),
            ("Một", "B", None, "Bỏ Trống", None, _square(3, 3)),
        ]
    )
    crosswalk = _crosswalk([("district", "", "001", "Một", "B", "", "B became A", "a decree")])
    # Two polygons named Cốc San in one district: ambiguous without a reviewed row.
    layer, report = match_units(units, polygons, crosswalk)
    assert report.conflicts == ["00001 Xã Cốc San: 2 polygons share its name and no type hint"]
    assert report.unmatched["code"].tolist() == ["00001", "00002"]
    assert sorted(report.unused_polygons["ward"]) == ["Bỏ Trống", "Cốc San", "Cốc San"]


def test_province_rule_takes_the_one_unused_polygon_of_that_name() -> None:
    units = pd.DataFrame([_unit("00001", "Xã Cốc San", "xã", district_code="002", district_name="Thành phố B")])
    polygons = _polygons([("Một", "Bát Xát", None, "Cốc San", None, _square(0, 0))])
    layer, report = match_units(units, polygons, _crosswalk())
    assert layer.loc[0, "match"] == "province"
    assert report.coverage == 1.0


def test_geodesic_area_of_a_known_square() -> None:
    # 0.01° × 0.01° at the equator: 1.1132 km × 1.1057 km on WGS84.
    area = geodesic_area_km2(gpd.GeoSeries([_square(0, 0)], crs="EPSG:4326"))
    assert area.iloc[0] == pytest.approx(1.2308, abs=1e-3)


def test_geodesic_area_refuses_projected_input() -> None:
    with pytest.raises(DataValidationError, match="EPSG:4326"):
        geodesic_area_km2(gpd.GeoSeries([_square(0, 0)], crs="EPSG:3857"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("merge", "00001", "", "Một", "A", "X", "r", "s"), "field action: 'merge' is not one of"),
        (("add", "1", "", "Một", "A", "X", "r", "s"), "field unit_code: '1' is not a 5-digit"),
        (("add", "00001", "", "Một", "A", "X", "", "s"), "needs a reason and a source"),
        (("district", "", "1", "Một", "A", "", "r", "s"), "field district_code"),
        (("add", "00001", "", "Một", "A", "", "r", "s"), "do not name a polygon"),
    ],
)
def test_crosswalk_validation_names_row_and_field(row, message) -> None:
    with pytest.raises(DataValidationError, match=message) as info:
        validate_crosswalk(_crosswalk([row]), source="crosswalk_boundaries.csv")
    assert "row 2" in str(info.value)


def test_crosswalk_row_naming_a_missing_polygon_stops_the_build() -> None:
    units = pd.DataFrame([_unit("00001", "Xã A", "xã")])
    polygons = _polygons([("Một", "A", None, "A", None, _square(0, 0))])
    crosswalk = _crosswalk([("add", "00001", "", "Một", "A", "Không Có", "r", "s")])
    with pytest.raises(DataValidationError, match="matches 0 polygons"):
        match_units(units, polygons, crosswalk)


@pytest.mark.parametrize(
    ("code", "level"),
    [("81", "district"), ("8170", "district"), ("abc", "district"), ("", "province"), ("2665", "commune")],
)
def test_malformed_codes_are_refused(code, level) -> None:
    with pytest.raises(InvalidInputError, match=f"A {level} code is"):
        check_code(code, level=level)


# --- the real national layer -------------------------------------------------------------


def test_national_layer_shape_and_coverage(national_units) -> None:
    assert len(national_units) == 10_035  # 10,040 registry rows less 5 island districts without communes
    assert national_units["code"].is_unique
    assert national_units["code"].str.fullmatch(r"\d{5}").all()
    assert set(national_units["unit_type"]) == {"phường", "xã", "thị trấn"}
    assert set(national_units["district_type"]) == {"quận", "thị xã", "thành phố", "huyện"}
    assert national_units.crs.to_epsg() == 4326
    with_polygon = national_units[national_units.geometry.notna()]
    assert len(with_polygon) / len(national_units) >= 0.98
    assert with_polygon.is_valid.all() and not with_polygon.is_empty.any()
    assert set(with_polygon.geom_type) <= {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize(
    ("district", "total", "wards"),
    [("817", 16, 6), ("080", 17, 10), ("868", 7, 5), ("869", 9, 0), ("870", 10, 0)],
)
def test_seed_districts_are_complete(national_units, district, total, wards) -> None:
    units = select_units(national_units, district_code=district)
    assert len(units) == total
    assert (units["unit_type"] == "phường").sum() == wards
    assert units.geometry.notna().all()


def test_cai_lay_units_and_area(national_units) -> None:
    units = select_units(national_units, district_code="817")
    wards = units.loc[units["unit_type"] == "phường", "name"].tolist()
    assert wards == ["Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5", "Phường Nhị Mỹ"]
    assert (units["unit_type"] == "xã").sum() == 10
    # NQ 130/NQ-CP (2013): 14,018.95 ha.
    assert units["area_km2"].sum() == pytest.approx(140.19, rel=0.02)


def test_lao_cai_city_has_coc_san_and_merged_pho_moi(national_units) -> None:
    units = select_units(national_units, district_code="080").set_index("code")
    assert units.loc["02746", "name"] == "Xã Cốc San"
    assert units.loc["02746", "match"] == "crosswalk"
    assert units.loc["02746"].geometry is not None
    assert len(units.loc["02641", "polygon_ids"].split(";")) == 2  # Lào Cai + Phố Mới


def test_tra_vinh_province(national_units) -> None:
    units = select_units(national_units, province_code="84")
    assert len(units) == 104
    assert units["unit_type"].value_counts().to_dict() == {"xã": 85, "thị trấn": 10, "phường": 9}
    assert units.geometry.notna().all()
    phuong3 = units.set_index("code").loc["29242"]
    assert len(phuong3["polygon_ids"].split(";")) == 3  # Phường 3 absorbed Phường 2 and 6 on 1/1/2025
    tra_cu = units[units["district_code"] == "849"]
    assert sorted(tra_cu.loc[tra_cu["name"].str.endswith("Định An"), "name"]) == ["Thị trấn Định An", "Xã Định An"]


@pytest.mark.parametrize(
    ("district", "official_km2"),
    [("868", 121.84), ("869", 311.0)],
)
def test_border_district_areas_within_three_percent(national_units, district, official_km2) -> None:
    units = select_units(national_units, district_code=district)
    assert units["area_km2"].sum() == pytest.approx(official_km2, rel=0.03)


def test_unknown_codes_are_refused(national_units) -> None:
    with pytest.raises(UnknownCodeError, match="No district-level unit has the code 999"):
        select_units(national_units, district_code="999")
    with pytest.raises(UnknownCodeError, match="No province has the code 99"):
        select_units(national_units, province_code="99")
    with pytest.raises(InvalidInputError, match="exactly one"):
        select_units(national_units)


def test_geodesic_area_of_the_named_geometries(geometries) -> None:
    names = ["valid", "far", "holed", "multi", "empty"]
    area = geodesic_area_km2(gpd.GeoSeries([geometries[n] for n in names], crs="EPSG:4326"))
    valid, far, holed, multi, empty = area.tolist()
    hole = geodesic_area_km2(gpd.GeoSeries([shapely.Polygon(geometries["holed"].interiors[0])], crs="EPSG:4326"))[0]
    # A 0.1° square at 10.45° N: 0.1 × 110.6 km by 0.1 × 111.3 km × cos(10.45°).
    assert valid == pytest.approx(121.1, abs=0.2)
    assert holed == pytest.approx(valid - hole) and hole == pytest.approx(0.16 * valid, rel=0.01)
    assert multi == pytest.approx(valid + far)
    assert pd.isna(empty)


def test_an_invalid_ring_is_repaired_to_its_polygonal_parts(geometries) -> None:
    from geo.matching import _polygonal

    repaired = _polygonal(geometries["invalid"])
    assert not geometries["invalid"].is_valid and repaired.is_valid
    assert repaired.geom_type == "MultiPolygon" and len(repaired.geoms) == 2
    # The bow-tie's two triangles cover half the square it is drawn in.
    assert repaired.area == pytest.approx(geometries["valid"].area / 2)
