"""Exports in either vintage: the title block names it; a 2025 locality exports its 2025 units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.vintage.export2025 import collect_2025, with_vintage

CAI_LAY_2025 = ("28435", "28436", "28439", "28468", "28477")


@pytest.fixture(scope="module")
def bundle_2025(national_units):
    from geo.io import (
        load_actuals,
        load_crosswalk_2025,
        load_documents,
        load_linked_projects,
        load_linked_targets,
        load_population,
        load_units_2025,
    )
    from geo.vintage.metrics2025 import population_2025

    crosswalk = load_crosswalk_2025()
    return collect_2025(
        CAI_LAY_2025,
        name_vi="Cai Lậy — đơn vị từ 1/7/2025",
        name_en="Cai Lậy — units from 1/7/2025",
        title=None,
        units_2025=load_units_2025(),
        crosswalk=crosswalk,
        population=population_2025(crosswalk, load_population()),
        projects=load_linked_projects(),
        targets=load_linked_targets(),
        actuals=load_actuals(),
        documents=load_documents(),
    )


def test_title_block_states_the_vintage() -> None:
    assert with_vintage("Nghị quyết X", "legacy") == "Đơn vị hành chính trước 1/7/2025 · Nghị quyết X"
    assert with_vintage("", "2025", lang="en") == "Administrative units from 1/7/2025 (two tiers)"
    with pytest.raises(ValueError, match="'legacy' .* or '2025'"):
        with_vintage("x", "2024")


def test_legacy_export_subtitle_names_its_vintage(national_units) -> None:
    from geo.export import collect, resolve_locality
    from geo.io import load_linked_register, load_meridians, load_population

    bundle = collect(
        resolve_locality(district="817", units=national_units),
        units=national_units,
        population=load_population(),
        register=load_linked_register(),
        provinces=None,
        districts=None,
        meridians=load_meridians(),
    )
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
