"""The rasters page in Debian's Chromium: a GeoTIFF uploaded through the form is drawn with its legend, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_browser import ARTEFACTS, browser, outside_requests, page  # noqa: F401 - fixtures

from geo.boundaries import select_units
from tests._browser import start_app, stop_app
from tests._rasters import EDITOR, NODATA, accounts_store, grid_over, write_raster

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("rasters")


@pytest.fixture(scope="module")
def raster_app(national_units, library, tmp_path_factory) -> Iterator[str]:
    store_url = accounts_store(tmp_path_factory.mktemp("store")).url
    process, url = start_app({"PLANNING_ATLAS_RASTERS": str(library), "ATLAS_DATABASE_URL": str(store_url)})
    yield url
    stop_app(process)


@pytest.fixture(scope="module")
def flood_tif(national_units, tmp_path_factory) -> Path:
    """Flood depth rising west → east over Cai Lậy, a nodata strip along the north edge."""
    units = select_units(national_units, district_code="817")
    transform, rows, cols = grid_over(units, "EPSG:32648", 40.0)
    values = np.tile(np.linspace(0.0, 1.6, cols), (rows, 1))
    values[: rows // 5] = NODATA
    return write_raster(tmp_path_factory.mktemp("tif") / "ngap-cai-lay.tif", values, crs="EPSG:32648",
                        transform=transform)


@pytest.fixture(scope="module")
def no_crs_tif(tmp_path_factory) -> Path:
    from affine import Affine

    return write_raster(tmp_path_factory.mktemp("tif") / "khong-crs.tif", np.ones((64, 64)), crs=None,
                        transform=Affine(10.0, 0.0, 600000.0, 0.0, -10.0, 1150000.0))


def _login_as_editor(page) -> None:  # noqa: ANN001, F811 - playwright Page
    page.get_by_text("Tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill(EDITOR)
    page.get_by_label("Mật khẩu").fill("editor-pass-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"Đang đăng nhập: {EDITOR}").wait_for(timeout=30_000)


def _submit(page, tif: Path) -> None:  # noqa: ANN001, F811 - playwright Page
    page.locator("input[type=file]").set_input_files(str(tif))
    page.get_by_text(tif.name).first.wait_for(timeout=30_000)  # the upload has reached the server
    page.get_by_label("Tên lớp (bắt buộc)").fill("Độ sâu ngập thử")
    page.get_by_label("Đơn vị đo (bắt buộc), ví dụ m").fill("m")
    page.get_by_label("Nguồn (bắt buộc)").fill("Tệp thử nghiệm")
    page.get_by_label("Năm của số liệu (bắt buộc)").fill("2022")
    page.get_by_role("button", name="Kiểm tra và lưu").click()


def test_an_uploaded_raster_is_drawn_with_its_legend(raster_app, page, outside_requests, flood_tif,  # noqa: F811
                                                      no_crs_tif, library) -> None:
    page.goto(f"{raster_app}/raster?district=817")
    page.get_by_role("heading", name="Lớp raster và thống kê theo vùng").wait_for(timeout=90_000)
    page.get_by_text("Cần đăng nhập (biên tập viên hoặc quản trị) để thêm raster.").wait_for(timeout=30_000)
    assert page.locator("input[type=file]").count() == 0
    _login_as_editor(page)
    _submit(page, no_crs_tif)
    page.get_by_text("The raster 'khong-crs.tif' has no coordinate reference system (CRS); georeference it and "
                     "upload it again.").wait_for(timeout=60_000)
    assert list(library.iterdir()) == []
    _submit(page, flood_tif)
    page.get_by_text("Đã lưu: Độ sâu ngập thử (m) — Tệp thử nghiệm, 2022.").wait_for(timeout=60_000)
    frame = page.frame_locator("iframe").first
    frame.locator("img.pa-raster").wait_for(timeout=90_000)
    legend = frame.locator(".pa-legend").filter(has_text="Độ sâu ngập thử (m)")
    legend.wait_for(timeout=30_000)
    assert "Nguồn: Tệp thử nghiệm, 2022" in legend.inner_text()
    assert legend.locator("svg").count() == 5  # five classes by default
    assert frame.locator("path.pa-unit").count() == 16
    image = frame.locator("img.pa-raster")
    box = image.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    # in its own pane above the vector layers' SVG, where the opaque offline background would hide it
    assert image.evaluate("i => getComputedStyle(i.parentElement).zIndex") == "450"
    src = image.get_attribute("src") or ""
    assert src.startswith("data:image/png;base64,")
    assert len([p for p in library.iterdir() if not p.name.startswith(".")]) == 1
    page.wait_for_timeout(1500)
    ARTEFACTS.mkdir(exist_ok=True)
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.locator("iframe").first.screenshot(path=str(ARTEFACTS / "browser-raster-817-map.png"))
    page.get_by_text("Thống kê theo đơn vị hành chính").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTEFACTS / "browser-raster-817.png"))
    assert outside_requests == []
