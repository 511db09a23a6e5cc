"""The national view and the static map assets: geometry, files, and the page in headless Chromium."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import InvalidInputError
from geo.localities import COUNTRY, SEED_LOCALITIES, locality_from_params, units_of
from geo.national import classify, district_urban_share, unit_at
from geo.topology import feature_collection_bytes, simplify_coverage
from tests.test_browser import ARTEFACTS, app_url, browser, outside_requests, page  # noqa: F401 - fixtures

# --- geometry and files -------------------------------------------------------------------------


def _two_neighbours() -> gpd.GeoSeries:
    """Two squares sharing a wiggly edge of many vertices (x = 1 ± 0.001)."""
    edge = [(1 + (0.001 if i % 2 else 0), i / 50) for i in range(51)]
    left = shapely.Polygon([(0, 0), *edge, (0, 1)])
    right = shapely.Polygon([(2, 0), (2, 1), *reversed(edge)])
    return gpd.GeoSeries([left, right], crs="EPSG:4326")


def test_coverage_simplification_keeps_the_shared_edge_shared() -> None:
    before = _two_neighbours()
    after = simplify_coverage(before, tolerance_deg=0.01, grid_deg=1e-4)
    assert shapely.get_num_coordinates(after.values).sum() < shapely.get_num_coordinates(before.values).sum()
    left, right = after.iloc[0], after.iloc[1]
    assert left.intersection(right).area == 0  # no overlap
    assert left.union(right).area == pytest.approx(2.0, abs=1e-9)  # no gap
    assert left.intersection(right).length == pytest.approx(1.0, abs=1e-3)  # still one common edge


def test_coverage_simplification_refuses_an_empty_unit() -> None:
    empty = gpd.GeoSeries([shapely.box(0, 0, 1, 1), shapely.Polygon()], crs="EPSG:4326")
    with pytest.raises(InvalidInputError, match="present and non-empty"):
        simplify_coverage(empty, tolerance_deg=0.01, grid_deg=1e-4)


def test_feature_collection_is_compact_geojson() -> None:
    frame = gpd.GeoDataFrame({"code": ["00001"], "name": ["Phường <1>"]}, geometry=[shapely.box(0, 0, 1, 1)])
    data = json.loads(feature_collection_bytes(frame, {"code": "c", "name": "n"}))
    assert data["features"][0]["properties"] == {"c": "00001", "n": "Phường <1>"}
    assert data["features"][0]["geometry"]["type"] == "Polygon"


def test_built_assets_are_hashed_gzip_files_with_every_drawn_unit(national_units) -> None:
    from geo.config import STATIC_BUILD_DIR
    from geo.io import load_drawn_units, read_asset_manifest

    manifest = read_asset_manifest()
    name = manifest["files"]["units-legacy"]
    assert name.startswith("units-legacy.") and name.endswith(".json.gz") and len(name.split(".")[1]) == 12
    units = json.loads(gzip.decompress((STATIC_BUILD_DIR / name).read_bytes()))["features"]
    with_polygon = national_units[national_units.geometry.notna()]
    assert len(units) == manifest["counts"]["units-legacy"] == len(with_polygon) == 9971
    assert {f["properties"]["c"] for f in units} == set(with_polygon["code"])
    drawn = load_drawn_units("legacy")
    assert not drawn.geometry.is_empty.any() and drawn.geometry.is_valid.all()
    assert set(manifest["province_bounds"]) == set(national_units["province_code"])


def test_drawn_units_of_an_unknown_vintage_is_one_sentence() -> None:
    from geo.io import load_drawn_units

    with pytest.raises(InvalidInputError, match=r"^No unit layer of the vintage '2019'; known: legacy, 2025\.$"):
        load_drawn_units("2019")


def test_assets_are_current_only_for_the_inputs_they_were_written_from(national_units, tmp_path) -> None:
    from geo.io import read_asset_manifest
    from geo.web_assets import assets_current

    written = read_asset_manifest()["inputs"]
    assert assets_current(written) is True
    assert assets_current("0" * 64) is False
    assert assets_current(written, tmp_path) is False  # no manifest there


def test_unit_at_finds_the_drawn_unit_and_none_at_sea() -> None:
    frame = gpd.GeoDataFrame({"code": ["00001", "00002"]}, geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    assert unit_at(frame, lon=1.5, lat=0.5) == "00002"
    assert unit_at(frame, lon=5, lat=5) is None


def test_urban_share_only_where_every_unit_has_a_figure() -> None:
    units = pd.DataFrame(
        {
            "code": ["1", "2", "3", "4"],
            "unit_type": ["phường", "xã", "thị trấn", "xã"],
            "district_code": ["001", "001", "002", "002"],
        }
    )
    population = pd.DataFrame({"code": ["1", "2", "3"], "population": [300, 100, 50]})
    share = district_urban_share(units, population)
    assert share.to_dict() == {"001": 0.75}  # 002 lacks unit 4: no value rather than 100 %


def test_classify_puts_zero_in_its_own_class_and_missing_at_minus_one() -> None:
    values = pd.Series([0.0, 0.1, 0.25, 0.9, float("nan")])
    assert classify(values, (0.0, 0.25, 0.5, 0.75, 1.0)).tolist() == [0, 1, 1, 4, -1]


def test_country_link_and_its_errors(national_units) -> None:
    assert locality_from_params({"country": "VN"}, national_units) is COUNTRY
    assert len(units_of(national_units, COUNTRY)) == len(national_units)
    with pytest.raises(InvalidInputError, match="only country this map knows is VN"):
        locality_from_params({"country": "LA"}, national_units)
    with pytest.raises(InvalidInputError, match="keep one of them"):
        locality_from_params({"country": "VN", "province": "84"}, national_units)


# --- the page in the browser (outside network blocked by the page fixture) -----------------------

pytest_browser = pytest.mark.browser


def _drawn(page) -> int:  # noqa: ANN001, F811 - playwright Page
    frame = page.frame_locator("iframe").first
    frame.locator("[data-drawn]").first.wait_for(timeout=90_000)
    return int(frame.locator("[data-drawn]").first.get_attribute("data-drawn") or 0)


def _click_at(page, point: shapely.Point) -> None:  # noqa: ANN001, F811 - playwright Page
    """A mouse click on the map where ``point`` (lon, lat) is drawn."""
    # Fully in view first: a click on a map cut by the window's edge scrolls the page as the map takes focus.
    page.locator("iframe").first.scroll_into_view_if_needed()
    map_frame = next(f for f in page.frames if f != page.main_frame)
    xy = map_frame.evaluate(
        f"() => {{ const p = map_div.latLngToContainerPoint([{point.y}, {point.x}]); return [p.x, p.y]; }}"
    )
    box = page.locator("iframe").first.bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


@pytest_browser
def test_national_view_draws_every_unit_seeds_and_archipelagos(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?country=VN")
    assert _drawn(page) >= 9900
    frame = page.frame_locator("iframe").first
    # Five seed districts (817, 080, 868, 869, 870) and one seed province (84).
    frame.locator("path.pa-seed").nth(5).wait_for(timeout=30_000)
    assert frame.locator("path.pa-seed").count() == 6
    assert frame.locator(".pa-seed-label").count() == len(SEED_LOCALITIES)
    labels = [t.replace("\n", " ") for t in frame.locator(".pa-archipelago").all_inner_texts()]
    assert labels == ["Quần đảo Hoàng Sa (TP Đà Nẵng)", "Quần đảo Trường Sa (tỉnh Khánh Hòa)"]
    assert page.get_by_text("9.971 đơn vị cấp xã có ranh giới", exact=False).count() == 1
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "browser-national.png"), full_page=True)


@pytest_browser
def test_a_click_on_the_national_map_opens_that_units_panel(app_url, page) -> None:  # noqa: F811
    from geo.io import load_drawn_units

    drawn = load_drawn_units("legacy")
    # The largest commune, so the click lands well inside it at the national zoom.
    target = drawn.iloc[int(drawn.to_crs(32648).area.idxmax())]
    point = target.geometry.representative_point()
    assert unit_at(drawn, lon=point.x, lat=point.y) == target["code"]
    page.goto(f"{app_url}/?country=VN")
    _drawn(page)
    _click_at(page, point)
    page.get_by_role("heading", name=target["name"]).wait_for(timeout=60_000)
    page.get_by_text(target["code"]).first.wait_for(timeout=30_000)  # the panel streams in after its heading


@pytest_browser
def test_cai_lay_view_still_draws_its_16_units_and_projects(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?district=817")
    assert _drawn(page) == 16
    frame = page.frame_locator("iframe").first
    assert frame.locator("path.pa-unit").count() == 16
    assert frame.locator(".pa-project-icon").count() > 0


# --- the 2025 units on the national map ----------------------------------------------------------------


def test_2025_layer_file_holds_every_2025_unit_with_a_polygon_and_the_34_provinces(national_units) -> None:
    from geo.config import STATIC_BUILD_DIR
    from geo.io import load_drawn_units, load_units_2025, read_asset_manifest

    manifest = read_asset_manifest()
    units = json.loads(gzip.decompress((STATIC_BUILD_DIR / manifest["files"]["units-2025"]).read_bytes()))["features"]
    with_polygon = load_units_2025().dropna(subset=["geometry"])
    assert len(units) == manifest["counts"]["units-2025"] == len(with_polygon) == 3313
    assert {f["properties"]["c"] for f in units} == set(with_polygon["code"])
    assert set(units[0]["properties"]) == {"c", "n", "t", "p"}  # no district level in 2025
    outlines = json.loads(gzip.decompress((STATIC_BUILD_DIR / manifest["files"]["outlines-2025"]).read_bytes()))
    assert sorted(f["properties"]["c"] for f in outlines["features"]) == sorted(with_polygon["province_code"].unique())
    assert len(outlines["features"]) == 34
    drawn = load_drawn_units("2025")
    assert not drawn.geometry.is_empty.any() and drawn.geometry.is_valid.all()


def test_province_ward_share_2025_counts_wards_over_all_units() -> None:
    from geo.national import province_ward_ratio_2025

    units = pd.DataFrame(
        {"province_code": ["82", "82", "82", "01", "01"], "unit_type": ["phường", "xã", "đặc khu", "xã", "xã"]}
    )
    assert province_ward_ratio_2025(units).to_dict() == {"01": 0.0, "82": pytest.approx(1 / 3)}


def test_2025_colouring_keys_the_province_and_refuses_the_2019_urban_share() -> None:
    from layers.national import colouring

    ratio = colouring("ward_ratio", "vi", by_district=pd.Series({"82": 20 / 102, "12": 0.0}), vintage="2025")
    assert (ratio.key, ratio.colours["12"], ratio.colours["82"]) == ("p", "#ffffb2", "#fecc5c")
    types = colouring("unit_type", "vi", vintage="2025")
    assert [entry.label for entry in types.legend] == ["Phường", "Xã", "Đặc khu"]
    with pytest.raises(ValueError, match="^The 2019 urban share is not drawn for the 2025 units"):
        colouring("urban_share", "vi", by_district=pd.Series({"82": 0.5}), vintage="2025")


def test_2025_country_link_and_its_errors(national_units) -> None:
    from geo.io import load_crosswalk_2025, load_units_2025
    from geo.vintage.localities2025 import COUNTRY_2025, locality_2025_from_params

    frames = {"legacy_units": national_units, "crosswalk": load_crosswalk_2025()}
    units_2025 = load_units_2025(simplified=True)
    assert locality_2025_from_params({"country": "vn"}, units_2025, **frames) is COUNTRY_2025
    assert COUNTRY_2025.query_params() == {"vintage": "2025", "country": "VN"}
    with pytest.raises(InvalidInputError, match=r"^The only country this map knows is VN, not 'LA'\.$"):
        locality_2025_from_params({"country": "LA"}, units_2025, **frames)
    with pytest.raises(InvalidInputError, match="^A link names one locality: country, province"):
        locality_2025_from_params({"country": "VN", "province": "82"}, units_2025, **frames)


@pytest_browser
def test_2025_national_view_draws_every_2025_unit_and_a_click_opens_its_panel(app_url, page) -> None:  # noqa: F811
    from geo.io import load_drawn_units

    drawn = load_drawn_units("2025")
    target = drawn.iloc[int(drawn.to_crs(32648).area.idxmax())]  # Xã Buôn Đôn (Đắk Lắk), the largest
    point = target.geometry.representative_point()
    page.goto(f"{app_url}/?vintage=2025&country=VN")
    assert _drawn(page) == len(drawn) == 3313
    frame = page.frame_locator("iframe").first
    frame.locator("path.pa-seed").nth(5).wait_for(timeout=30_000)
    assert frame.locator("path.pa-seed").count() == 6  # the resolutions' legacy localities, outlined over 2025
    labels = [t.replace("\n", " ") for t in frame.locator(".pa-archipelago").all_inner_texts()]
    assert labels == ["Quần đảo Hoàng Sa (TP Đà Nẵng)", "Quần đảo Trường Sa (tỉnh Khánh Hòa)"]
    assert page.get_by_text("3.313 đơn vị cấp xã có ranh giới", exact=False).count() == 1
    _click_at(page, point)
    page.get_by_role("heading", name=target["name"]).wait_for(timeout=60_000)
    page.get_by_text(f"{target['code']}").first.wait_for(timeout=30_000)
    # The 2025 panel, not the legacy one: the legacy units it is made of.
    page.get_by_text("Gồm các đơn vị trước 1/7/2025").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the rest of the panel streams in below, for the screenshot
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "browser-national-2025.png"), full_page=True)
