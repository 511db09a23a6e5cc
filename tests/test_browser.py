"""The app in a real browser: Debian's Chromium driven by Playwright, outside network blocked.

`make test` installs Chromium first (tools/ensure_browser.sh); Playwright never
downloads a browser of its own. Screenshots go to artefacts/ (git-ignored).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.config import PROJECT_ROOT
from tests._browser import ARTEFACTS, CHROMIUM, block_outside, start_app, stop_app

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def app_url(national_units) -> Iterator[str]:
    process, url = start_app()
    yield url
    stop_app(process)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed; `make test` installs it (tools/ensure_browser.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def outside_requests() -> list[str]:
    return []


@pytest.fixture()
def page(browser, outside_requests):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="vi-VN")
    block_outside(context, outside_requests)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def _map_frame(page):  # noqa: ANN001, ANN202
    frame = page.frame_locator("iframe").first
    frame.locator("path.pa-unit").first.wait_for(timeout=90_000)
    return frame


def _shot(page, name: str) -> None:  # noqa: ANN001
    ARTEFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(1500)  # data grids draw on a canvas after their element appears
    page.screenshot(path=str(ARTEFACTS / name), full_page=True)


def test_cai_lay_map_draws_16_units_and_its_projects(app_url, page, national_units) -> None:
    from geo.io import load_linked_projects
    from geo.spatial import locality_register

    page.goto(f"{app_url}/?district=817")
    frame = _map_frame(page)
    assert frame.locator("path.pa-unit").count() == 16
    no_targets = pd.DataFrame({"id": [], "locality_code": []})
    projects, _ = locality_register(load_linked_projects(), no_targets, national_units, level="district", codes=["817"])
    points = projects[projects.geometry.notna() & (projects.geom_type == "Point")]
    assert frame.locator(".pa-project-icon").count() == len(points) > 0
    assert frame.locator(".pa-legend").count() == 1
    _shot(page, "browser-map-817.png")


def test_click_a_unit_shows_its_panel(app_url, page, national_units) -> None:
    page.goto(f"{app_url}/?district=817")
    frame = _map_frame(page)
    unit = national_units.set_index("code").loc["28486"]  # Xã Long Khánh, far from project symbols
    point = unit.geometry.representative_point()
    map_frame = next(f for f in page.frames if f != page.main_frame)
    xy = map_frame.evaluate(
        f"() => {{ const p = map_div.latLngToContainerPoint([{point.y}, {point.x}]); return [p.x, p.y]; }}"
    )
    box = page.locator("iframe").first.bounding_box()
    # What the map sends the app, and from where: pa-map.js sends a click at once (sendClickNow),
    # and streamlit-folium's own send 250 ms later must then find nothing new (a second message
    # would be a second rerun). Both post through the page's postMessage, which records the sender.
    map_frame.evaluate(
        """() => { const top = window.parent, post = top.postMessage.bind(top);
        top.sentValues = [];
        top.postMessage = (message, origin) => {
          if (message && message.type === "streamlit:setComponentValue") {
            top.sentValues.push({ value: message.value, prompt: new Error().stack.includes("sendClickNow") });
          }
          return post(message, origin);
        }; }"""
    )
    started = time.perf_counter()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    page.get_by_role("heading", name="Xã Long Khánh").wait_for(timeout=30_000)
    page.get_by_text("28486").first.wait_for(timeout=30_000)  # the panel streams in after its heading
    assert page.get_by_text("Tổng điều tra dân số và nhà ở 1/4/2019", exact=False).count() >= 1
    assert time.perf_counter() - started < 30
    assert frame.locator("path.pa-unit").count() == 16
    page.wait_for_timeout(1000)
    sent = page.evaluate("() => window.sentValues")
    assert [(s["value"]["last_active_drawing"]["properties"]["code"], s["prompt"]) for s in sent] == [("28486", True)]
    assert set(sent[0]["value"]) == {"last_active_drawing", "last_object_clicked_tooltip"}
    # The unit's tooltip as text, as streamlit-folium records a clicked shape's own tooltip.
    assert sent[0]["value"]["last_object_clicked_tooltip"] == "TênXã Long KhánhLoạiXãMã28486Diện tích (km²)20,56"
    _shot(page, "browser-map-817-panel.png")


def test_a_project_opens_again_after_a_unit_was_clicked(app_url, page, national_units) -> None:
    page.goto(f"{app_url}/?district=817")
    frame = _map_frame(page)
    documents = page.get_by_text("Văn bản, mục")  # a project's panel; a unit's has no such line
    frame.locator(".pa-project-icon").first.click()
    documents.first.wait_for(timeout=30_000)
    project = page.locator("h3").first.inner_text()
    unit = national_units.set_index("code").loc["28486"].geometry.representative_point()  # Xã Long Khánh
    map_frame = next(f for f in page.frames if f != page.main_frame)
    xy = map_frame.evaluate(
        f"() => {{ const p = map_div.latLngToContainerPoint([{unit.y}, {unit.x}]); return [p.x, p.y]; }}"
    )
    box = page.locator("iframe").first.bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    page.get_by_role("heading", name="Xã Long Khánh").wait_for(timeout=30_000)
    assert documents.count() == 0
    frame.locator(".pa-project-icon").first.click()
    documents.first.wait_for(timeout=30_000)
    assert page.locator("h3").first.inner_text() == project


def test_targets_and_projects_pages(app_url, page) -> None:
    page.goto(f"{app_url}/targets?district=080")
    page.get_by_role("heading", name="Chỉ tiêu của các nghị quyết").wait_for(timeout=60_000)
    page.get_by_text("Đạt:", exact=False).first.wait_for(timeout=30_000)
    _shot(page, "browser-targets-080.png")
    page.goto(f"{app_url}/projects?district=868,869,870")
    page.get_by_role("heading", name="Danh mục dự án, công trình").wait_for(timeout=60_000)
    page.get_by_text("Chưa xác định được vị trí", exact=False).first.wait_for(timeout=30_000)
    _shot(page, "browser-projects-dongthap.png")


def test_hostile_names_stay_text_in_the_browser(browser, tmp_path: Path, geometries) -> None:
    import geopandas as gpd

    from layers.map import locality_map

    hostile = "<img src=x onerror=alert(1)>"
    units = gpd.GeoDataFrame(
        {"code": ["00001"], "name": [hostile], "unit_type": ["xã"], "area_km2": [1.0]},
        geometry=[geometries["valid"]],
        crs="EPSG:4326",
    )
    outline = gpd.GeoDataFrame(
        {"province_code": ["01"], "district_code": ["001"]}, geometry=[geometries["region"]], crs="EPSG:4326"
    )
    html = locality_map(units, lang="vi", provinces=outline, districts=outline).get_root().render()
    html = html.replace("/app/static/", (PROJECT_ROOT / "static").as_uri() + "/")
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.locator("path.pa-unit").first.hover()
    page.locator(".leaflet-tooltip").first.wait_for(timeout=10_000)
    assert hostile in page.locator(".leaflet-tooltip").first.inner_text()
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert dialogs == []
    context.close()


def test_no_request_left_localhost(outside_requests) -> None:
    # Runs last in this module: every page above was loaded with the outside network blocked.
    assert outside_requests == []
