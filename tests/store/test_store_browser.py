"""In a real browser (Debian's Chromium): log in, place a project by drawing a point, see it, log out."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests._browser import ARTEFACTS, CHROMIUM, block_outside, start_app

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it (tools/ensure_browser.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = chromium.new_context(viewport={"width": 1400, "height": 1100}, locale="vi-VN")
        outside: list[str] = []
        block_outside(context, outside)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        chromium.close()
        assert errors == []
        # Only the optional OpenStreetMap tiles may be asked for; every script and style is local.
        assert [u for u in outside if "tile.openstreetmap.org" not in u] == []


def _folium_frame(page):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for frame in page.frames[1:]:
            try:
                if frame.evaluate("() => typeof map_div !== 'undefined' && !!map_div._layers"):
                    return frame
            except Exception:  # noqa: BLE001  (a frame being replaced by a rerun)
                continue
        page.wait_for_timeout(500)
    pytest.fail("No map frame appeared.")


def _login(page, name: str, password: str) -> None:  # noqa: ANN001
    page.get_by_text("Tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"Đang đăng nhập: {name}").wait_for(timeout=30_000)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_log_in_draw_a_point_see_it_in_the_map_and_history_log_out(store, browser_page, national_units) -> None:
    from geo.store import history

    process, url = start_app({"ATLAS_DATABASE_URL": store.url})
    page = browser_page
    try:
        page.goto(f"{url}/edit?district=870")
        page.get_by_role("heading", name="Cập nhật dự án").wait_for(timeout=90_000)
        _login(page, "editor", "editor-pass-1")
        page.get_by_text("Phiên bản 1 (dữ liệu gốc đã rà soát)").wait_for(timeout=60_000)
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']").first
        frame.locator(".leaflet-draw-draw-marker").click(timeout=60_000)
        box = page.locator("iframe[title='streamlit_folium.st_folium']").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.get_by_text("Đã vẽ: Point", exact=False).wait_for(timeout=30_000)
        page.get_by_role("combobox", name="Độ chính xác vị trí").click()
        page.get_by_role("option", name="Vị trí gần đúng").click()
        source = page.get_by_label("Nguồn (văn bản, quyết định, khảo sát) *")
        source.fill("Khảo sát thực địa 12/2026")
        source.press("Enter")
        page.wait_for_timeout(1000)
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.get_by_text("Đã lưu: DT-03 phiên bản 2.").wait_for(timeout=60_000)
        page.get_by_text("Phiên bản 2 · sửa lần cuối: editor", exact=False).wait_for(timeout=60_000)
        versions = history(store, "DT-03")
        assert [v["version"] for v in versions] == [1, 2]
        lon, lat = versions[1]["after"]["geometry"]["coordinates"]
        assert versions[1]["after"]["precision"] == "approximate"
        # The saved location is drawn on the map as the project's GeoJSON layer (drawn markers have no feature).
        map_frame = _folium_frame(page)
        map_frame.wait_for_function(
            f"""() => typeof map_div !== 'undefined' && !!map_div._layers
                && Object.values(map_div._layers).some(l => l.getLatLng && l.feature
                && Math.abs(l.getLatLng().lat - {lat}) < 1e-6 && Math.abs(l.getLatLng().lng - {lon}) < 1e-6)""",
            timeout=30_000,
        )
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "browser-store-edit.png"), full_page=True)
        page.get_by_role("button", name="Đăng xuất").click()
        page.get_by_text("Chế độ xem: đăng nhập để cập nhật sổ đăng ký.").wait_for(timeout=30_000)
        from playwright.sync_api import expect

        expect(page.get_by_role("button", name="Lưu", exact=True)).to_be_disabled(timeout=30_000)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_two_app_processes_on_one_postgis_see_each_others_edits(store, browser_page, national_units) -> None:
    first, first_url = start_app({"ATLAS_DATABASE_URL": store.url})
    second, second_url = start_app({"ATLAS_DATABASE_URL": store.url})
    page = browser_page
    try:
        page.goto(f"{second_url}/edit?district=870")
        page.get_by_text("Phiên bản 1 (dữ liệu gốc đã rà soát)").wait_for(timeout=90_000)
        page.goto(f"{first_url}/edit?district=870")
        page.get_by_role("heading", name="Cập nhật dự án").wait_for(timeout=90_000)
        _login(page, "editor", "editor-pass-1")
        page.get_by_role("combobox", name="Tình trạng").click()
        page.get_by_role("option", name="Đang xây dựng").click()
        source = page.get_by_label("Nguồn (văn bản, quyết định, khảo sát) *")
        source.fill("Báo cáo UBND huyện 12/2026")
        source.press("Enter")
        page.wait_for_timeout(1000)
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.get_by_text("Đã lưu: DT-03 phiên bản 2.").wait_for(timeout=60_000)
        # The other process, whose register cache was filled before the edit, shows it at once.
        page.goto(f"{second_url}/edit?district=870")
        page.get_by_text("Phiên bản 2 · sửa lần cuối: editor", exact=False).wait_for(timeout=90_000)
        page.goto(f"{second_url}/projects?district=870")
        page.get_by_role("heading", name="Danh mục dự án, công trình").wait_for(timeout=60_000)
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=20)
