"""Exports in either vintage: the title block names it; a 2025 locality exports its 2025 units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.vintage.export2025 import collect_2025, with_vintage

CAI_LAY_2025 = ("28435", "28436", "28439", "28468", "28477")


def _bundle_of(codes: tuple[str, ...], *, name_vi: str, name_en: str, outlines: bool):  # noqa: ANN202 - ExportBundle
    """The 2025 bundle of ``codes``; ``outlines`` adds the 2025 provinces and the VN-2000 meridians."""
    from geo.io import (
        load_actuals,
        load_crosswalk_2025,
        load_documents,
        load_linked_projects,
        load_linked_targets,
        load_meridians,
        load_population,
        load_provinces_2025,
        load_units_2025,
    )
    from geo.vintage.metrics2025 import population_2025

    crosswalk = load_crosswalk_2025()
    return collect_2025(
        codes,
        name_vi=name_vi,
        name_en=name_en,
        title=None,
        units_2025=load_units_2025(),
        crosswalk=crosswalk,
        population=population_2025(crosswalk, load_population()),
        projects=load_linked_projects(),
        targets=load_linked_targets(),
        actuals=load_actuals(),
        documents=load_documents(),
        provinces=load_provinces_2025() if outlines else None,
        meridians=load_meridians() if outlines else None,
    )


@pytest.fixture(scope="module")
def bundle_2025(national_units):
    return _bundle_of(
        CAI_LAY_2025, name_vi="Cai Lậy — đơn vị từ 1/7/2025", name_en="Cai Lậy — units from 1/7/2025", outlines=False
    )


def test_title_block_states_the_vintage() -> None:
    assert with_vintage("Nghị quyết X", "legacy") == "Đơn vị hành chính trước 1/7/2025 · Nghị quyết X"
    assert with_vintage("", "2025", lang="en") == "Administrative units from 1/7/2025 (two tiers)"
    with pytest.raises(ValueError, match="'legacy' .* or '2025'"):
        with_vintage("x", "2024")


def _legacy_cai_lay(national_units):  # noqa: ANN001, ANN202 - GeoDataFrame → ExportBundle
    """The legacy-vintage bundle of district 817 (Cai Lậy)."""
    from geo.export import collect, resolve_locality
    from geo.io import load_linked_register, load_meridians, load_population

    return collect(
        resolve_locality(district="817", units=national_units),
        units=national_units,
        population=load_population(),
        register=load_linked_register(),
        provinces=None,
        districts=None,
        meridians=load_meridians(),
    )


def test_legacy_export_subtitle_names_its_vintage(national_units) -> None:
    bundle = _legacy_cai_lay(national_units)
    assert bundle.subtitle.startswith("Đơn vị hành chính trước 1/7/2025 · ")


def test_2025_bundle_and_files(bundle_2025, tmp_path: Path) -> None:
    from geo.export import export_file

    assert bundle_2025.subtitle.startswith("Đơn vị hành chính từ 1/7/2025 (hệ 2 cấp) · ")
    assert bundle_2025.units["code"].tolist() == list(CAI_LAY_2025)
    assert (bundle_2025.ratio.wards, bundle_2025.ratio.total) == (4, 5)
    assert (bundle_2025.urban.urban_population, bundle_2025.urban.total_population) == (100108, 125615)
    assert {"CL-01", "CL-04", "CL-07"} <= set(bundle_2025.projects["id"])
    png = export_file(bundle_2025, tmp_path / "cl.png", size="A4", orientation="landscape", dpi=150, crs="wgs84")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    geojson = export_file(
        bundle_2025, tmp_path / "cl.geojson", size="A4", orientation="landscape", dpi=150, crs="wgs84"
    )
    names = {f["properties"].get("name") for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]}
    assert {"Phường Cai Lậy", "Phường Mỹ Phước Tây", "Xã Tân Phú"} <= names


def test_the_footer_names_the_unit_list_of_the_vintage(bundle_2025, national_units) -> None:
    from pyproj import CRS

    from geo.export.layout import _footer_lines

    crs = CRS.from_epsg(3857)
    assert bundle_2025.vintage == "2025"
    first = _footer_lines(bundle_2025, lang="vi", crs=crs)[0]
    assert first.startswith("Nguồn: danh mục ĐVHC 2025 vietnamadminunits (mã theo QĐ 19/2025/QĐ-TTg); ")
    assert "ĐVHC 2024" not in first
    english = _footer_lines(bundle_2025, lang="en", crs=crs)[0]
    assert english.startswith("Sources: 2025 unit list vietnamadminunits (codes of QĐ 19/2025/QĐ-TTg); ")
    legacy = _legacy_cai_lay(national_units)
    assert legacy.vintage == "legacy"
    assert "danh mục ĐVHC 2024 vietnamadminunits" in _footer_lines(legacy, lang="vi", crs=crs)[0]


def test_special_zones_are_drawn_on_prints_in_their_colour(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from pypdf import PdfReader

    from geo.export import export_file
    from geo.export.body import body_crs, body_extent, draw_body
    from geo.style import ALL_UNIT_COLORS, SPECIAL_ZONE_COLOR, UNIT_2025_COLORS
    from layers.units2025 import UNIT_2025_COLORS as WEB_COLORS

    assert ALL_UNIT_COLORS["đặc khu"] == UNIT_2025_COLORS["đặc khu"] == SPECIAL_ZONE_COLOR
    assert WEB_COLORS is UNIT_2025_COLORS  # the web layer and the print share one palette
    # Phú Quốc, Thổ Châu and Kiên Hải (An Giang) and a xã of the same province.
    bundle = _bundle_of(
        ("31078", "31105", "31108", "30313"),
        name_vi="Đặc khu An Giang",
        name_en="Special zones of An Giang",
        outlines=True,
    )
    assert bundle.units.set_index("code")["unit_type"].to_dict() == {
        "30313": "xã",
        "31078": "đặc khu",
        "31105": "đặc khu",
        "31108": "đặc khu",
    }
    crs = body_crs("wgs84", meridians={})
    figure, ax = plt.subplots()
    try:
        extent = body_extent(tuple(bundle.units.to_crs(crs).total_bounds), aspect=1.4)
        drawn = draw_body(ax, bundle, crs=crs, extent=extent, labels=False, projects=False, context=False)
    finally:
        plt.close(figure)
    assert (drawn.get("đặc khu"), drawn.get("xã")) == (3, 1)
    pdf = export_file(bundle, tmp_path / "dk.pdf", size="A4", orientation="landscape", dpi=150, crs="wgs84")
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Đặc khu (3)" in text
    assert "4 đơn vị: 1 xã, 3 đặc khu" in text


# VN-2000 of a 2025 locality: data/vn2000_meridians.csv is keyed by legacy province codes (Thông tư
# 973/2001/TT-TCĐC), which 2025 provinces reuse. 2025 tỉnh Lào Cai (15) = legacy Lào Cai (10) + Yên Bái (15),
# both 104°45′; 2025 tỉnh An Giang (91) = legacy An Giang (89, 104°45′) + Kiên Giang (91, 104°30′).
AN_GIANG_SPANS = (
    "Tỉnh An Giang spans legacy provinces with different VN-2000 central meridians (Tỉnh An Giang (89) 104.75° E, "
    "Tỉnh Kiên Giang (91) 104.5° E); export in WGS 84 (--crs wgs84)."
)


def _province_2025_bundle(province: str, national_units):  # noqa: ANN001, ANN202 - ExportBundle
    from geo.io import (
        load_actuals,
        load_crosswalk_2025,
        load_documents,
        load_linked_projects,
        load_linked_targets,
        load_meridians,
        load_population,
        load_units_2025,
    )
    from geo.vintage.metrics2025 import population_2025

    units_2025 = load_units_2025()
    crosswalk = load_crosswalk_2025()
    codes = tuple(sorted(units_2025.loc[units_2025["province_code"] == province, "code"]))
    return collect_2025(
        codes,
        name_vi=f"Tỉnh {province}",
        name_en=f"Province {province}",
        title=None,
        units_2025=units_2025,
        crosswalk=crosswalk,
        population=population_2025(crosswalk, load_population()),
        projects=load_linked_projects(),
        targets=load_linked_targets(),
        actuals=load_actuals(),
        documents=load_documents(),
        meridians=load_meridians(),
        legacy_units=national_units,
    )


def test_the_2025_meridian_is_the_one_its_legacy_provinces_share(national_units) -> None:
    from geo.io import load_crosswalk_2025, load_meridians, load_units_2025
    from geo.vintage.meridians2025 import meridians_2025

    units_2025, meridians = load_units_2025(), load_meridians()
    kwargs = {"units_2025": units_2025, "crosswalk": load_crosswalk_2025(), "legacy_units": national_units,
              "meridians": meridians}
    lao_cai = units_2025.loc[units_2025["province_code"] == "15", "code"]
    assert meridians_2025(lao_cai, **kwargs) == ({"15": ("Tỉnh Lào Cai", 104.75)}, {})
    an_giang = units_2025.loc[units_2025["province_code"] == "91", "code"]
    assert meridians["91"] == ("Tỉnh Kiên Giang", 104.5)  # what the 2025 code alone used to pick
    assert meridians_2025(an_giang, **kwargs) == ({}, {"91": AN_GIANG_SPANS})
    # Part of a province: Phú Quốc's special zone was legacy Kiên Giang only.
    phu_quoc = units_2025.loc[(units_2025["province_code"] == "91") & (units_2025["name"] == "Đặc khu Phú Quốc"),
                              "code"]
    assert len(phu_quoc) == 1
    assert meridians_2025(phu_quoc, **kwargs) == ({"91": ("Tỉnh An Giang", 104.5)}, {})


def test_a_2025_export_in_vn2000_uses_the_shared_meridian_or_refuses(national_units, tmp_path: Path) -> None:
    import pyogrio
    from pyproj import CRS

    from geo.errors import InvalidInputError
    from geo.export import export_file

    options = {"size": "A4", "orientation": "landscape", "dpi": 150, "crs": "vn2000"}
    lao_cai = export_file(_province_2025_bundle("15", national_units), tmp_path / "lc.gpkg", **options)
    layers = [str(name) for name, geometry in pyogrio.list_layers(lao_cai) if geometry]
    written = [CRS.from_user_input(pyogrio.read_info(lao_cai, layer=layer)["crs"]) for layer in layers]
    origins = {
        param.value
        for crs in written
        for param in (crs.source_crs if crs.is_bound else crs).coordinate_operation.params
        if param.name == "Longitude of natural origin"
    }
    assert layers and origins == {104.75}
    with pytest.raises(InvalidInputError) as refused:
        export_file(_province_2025_bundle("91", national_units), tmp_path / "ag.gpkg", **options)
    assert str(refused.value) == AN_GIANG_SPANS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lc.gpkg"]
