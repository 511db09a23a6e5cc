"""The 2025 vintage in a real browser (Chromium via Playwright, outside network blocked)."""

from __future__ import annotations

import pytest

from tests.test_browser import _map_frame, _shot, app_url, browser, outside_requests, page  # noqa: F401

pytestmark = pytest.mark.browser


def _click_unit(page, code: str) -> None:  # noqa: ANN001, F811 - playwright Page
    from geo.io import load_units_2025

    unit = load_units_2025().set_index("code").loc[code]
    point = unit.geometry.representative_point()
    map_frame = next(f for f in page.frames if f != page.main_frame)
    xy = map_frame.evaluate(
        f"() => {{ const p = map_div.latLngToContainerPoint([{point.y}, {point.x}]); return [p.x, p.y]; }}"
    )
    box = page.locator("iframe").first.bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


def test_new_dong_thap_draws_102_units_and_a_click_shows_legacy_constituents(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?vintage=2025&province=82")
    frame = _map_frame(page)
    assert frame.locator("path.pa-unit-2025").count() == 102
    assert page.get_by_text("Từ 1/7/2025").count() >= 1
    _click_unit(page, "28439")
    page.get_by_role("heading", name="Phường Cai Lậy").wait_for(timeout=30_000)
    page.get_by_text("Phường 4, Thị xã Cai Lậy", exact=False).first.wait_for(timeout=30_000)
    for text in ("Phường 4, Thị xã Cai Lậy", "Phường 5, Thị xã Cai Lậy", "Xã Long Khánh, Thị xã Cai Lậy"):
        assert page.get_by_text(text, exact=False).count() >= 1, text
    assert page.get_by_text("28.065", exact=False).count() >= 1  # population: sum of the three, 2019 census
    _shot(page, "browser-2025-province-82-panel.png")


def test_commune_link_reads_the_code_in_2025(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?vintage=2025&commune=28439")
    frame = _map_frame(page)
    assert frame.locator("path.pa-unit-2025").count() == 1
    page.get_by_role("heading", name="Phường Cai Lậy", exact=True).wait_for(timeout=30_000)
    page.get_by_text("Phường 4, Thị xã Cai Lậy", exact=False).first.wait_for(timeout=30_000)
    assert frame.locator("path.pa-legacy-outline").count() == 3  # Phường 4, Phường 5, Xã Long Khánh


def test_legacy_link_reads_the_same_code_as_phuong_4(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?district=817")
    frame = _map_frame(page)
    assert frame.locator("path.pa-unit").count() == 16
    assert frame.locator("path.pa-unit-2025").count() == 0


def test_seed_cai_lay_in_2025_with_its_fate_and_outline(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?vintage=2025&legacy_district=817")
    frame = _map_frame(page)
    assert frame.locator("path.pa-unit-2025").count() == 5
    assert frame.locator("path.pa-legacy-outline").count() == 1
    assert page.get_by_text("NQ 1663/NQ-UBTVQH15", exact=False).count() >= 1
    _shot(page, "browser-2025-cai-lay.png")


def test_switching_a_2025_link_to_the_legacy_list_does_not_read_its_codes_as_legacy(app_url, page) -> None:  # noqa: F811
    page.goto(f"{app_url}/?vintage=2025&province=82")  # the new Đồng Tháp
    page.get_by_role("heading", name="Tỉnh Đồng Tháp").wait_for(timeout=60_000)
    page.get_by_text("Trước 1/7/2025", exact=True).first.click()  # the radio, not a sentence naming the date
    # The first seed, not legacy province 82 (Tiền Giang), which only shares the code.
    page.get_by_role("heading", name="Thị xã Cai Lậy (Tiền Giang)").wait_for(timeout=60_000)
    assert page.get_by_role("heading", name="Tỉnh Tiền Giang").count() == 0
    page.wait_for_url("**/?district=817", timeout=30_000)
