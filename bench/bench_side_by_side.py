"""Side by side in one run: the floor page, the naive app and this app, in the same headless Chromium.

For each view: time from request to drawn and bytes received (HTTP bodies and headers as
on the wire, plus websocket payloads; CDP Network events), on a first visit (empty browser
cache) and later visits (median of ``VISITS``: single visits on this machine differ by ±0.1 s).
In an open page: a picker change to the new locality drawn, and a click to the panel. Prints a
table with ratios; never pass/fail.

Drawn means: this app's map container carries ``data-drawn``; the naive app has drawn one
SVG path per unit; the floor has drawn its marker.

Run: .venv/bin/python -m bench.bench_side_by_side   (needs Debian's chromium and a built cache)
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.io import load_units

ROOT = Path(__file__).resolve().parent.parent
# Playwright's objects (browser, context, page) are typed Any here: the bench only drives them.
Waiter = Callable[[Any], None]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWS = [
    ("Cả nước", "country=VN"),
    ("Cai Lậy (817)", "district=817"),
    ("Trà Vinh (84)", "province=84"),
    ("Hà Nội (01)", "province=01"),
    ("Thanh Hóa (38)", "province=38"),
]
TIMEOUT_MS = 180_000
VISITS = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not start.")


@dataclass
class Traffic:
    """Bytes received by one page: HTTP (encoded, as on the wire) and websocket payloads."""

    http: int = 0
    websocket: int = 0
    requests: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.http + self.websocket

    def reset(self) -> None:
        self.http = self.websocket = 0
        self.requests.clear()


def watch(context: Any, page: Any) -> Traffic:
    traffic = Traffic()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def finished(event: dict) -> None:
        traffic.http += int(event.get("encodedDataLength", 0))

    def frame(event: dict) -> None:
        response = event["response"]
        payload = response.get("payloadData", "")
        traffic.websocket += len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", frame)
    return traffic


def drawn_waiter(kind: str, expected: int) -> Waiter:
    def wait(page: Any) -> None:
        frame = page.frame_locator("iframe").first
        if kind == "app":
            frame.locator(f'[data-drawn="{expected}"]').first.wait_for(state="attached", timeout=TIMEOUT_MS)
        elif kind == "naive":
            frame.locator("path.leaflet-interactive").nth(expected - 1).wait_for(state="attached", timeout=TIMEOUT_MS)
        else:
            frame.locator(".leaflet-marker-icon").first.wait_for(state="attached", timeout=TIMEOUT_MS)

    return wait


def visit(page: Any, traffic: Traffic, url: str, wait: Waiter) -> tuple[float, int]:
    traffic.reset()
    started = time.perf_counter()
    page.goto(url)
    wait(page)
    seconds = time.perf_counter() - started
    page.wait_for_timeout(500)  # messages that trail the drawing still count as received
    return seconds, traffic.total


def measure_view(browser: Any, url: str, wait: Waiter) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    traffic = watch(context, page)
    first_s, first_b = visit(page, traffic, url, wait)
    again = [visit(page, traffic, url, wait) for _ in range(VISITS)]
    context.close()
    return {
        "first_s": first_s,
        "first_mb": first_b / 1e6,
        "second_s": statistics.median(s for s, _ in again),
        "second_mb": statistics.median(b for _, b in again) / 1e6,
    }


def open_picker(page: Any, label: str) -> Any:
    """Types ``label`` into the sidebar picker and returns its option, not yet chosen.

    The change is timed from the click on the option: typing into the app's picker (about
    750 localities) and the naive app's (5) is the user's time, not the app's.
    """
    box = page.locator('[data-testid="stSidebar"] input[role="combobox"]').first
    box.click()
    box.fill(label)
    option = page.get_by_role("option", name=label, exact=True).first
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    return option


def point_on_page(page: Any, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on the page: found before the click is timed, as a user's eye would."""
    page.locator("iframe").first.scroll_into_view_if_needed()
    frame = next(f for f in page.frames if f != page.main_frame)
    x, y = frame.evaluate(f"() => {{ const p = map_div.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
    box = page.locator("iframe").first.bounding_box()
    return box["x"] + x, box["y"] + y


ROUNDS = 3


def interactions(browser: Any, url: str, kind: str, counts: dict[str, int], point: Any) -> dict[str, float]:
    """Medians of ``ROUNDS`` picker changes (Cai Lậy → Trà Vinh) and clicks on Xã Long Khánh, each in a fresh view."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    traffic = watch(context, page)
    picker, clicks, click_bytes = [], [], []
    label = "★ Tỉnh Trà Vinh" if kind == "app" else "Trà Vinh"
    for _ in range(ROUNDS):
        page.goto(f"{url}/?district=817")
        drawn_waiter(kind, counts["district=817"])(page)
        page.wait_for_timeout(1500)
        option = open_picker(page, label)
        started = time.perf_counter()
        option.click()
        drawn_waiter(kind, counts["province=84"])(page)
        picker.append(time.perf_counter() - started)
    for _ in range(ROUNDS):
        page.goto(f"{url}/?district=817")
        drawn_waiter(kind, counts["district=817"])(page)
        page.wait_for_timeout(1500)
        x, y = point_on_page(page, point.y, point.x)
        traffic.reset()
        started = time.perf_counter()
        page.mouse.click(x, y)
        page.get_by_role("heading", name="Xã Long Khánh").first.wait_for(timeout=TIMEOUT_MS)
        clicks.append(time.perf_counter() - started)
        page.wait_for_timeout(500)
        click_bytes.append(traffic.total)
    context.close()
    return {
        "picker_s": statistics.median(picker),
        "click_s": statistics.median(clicks),
        "click_mb": statistics.median(click_bytes) / 1e6,
    }


def start_servers(tmp: Path) -> dict[str, tuple[subprocess.Popen, str]]:
    # The floor and the naive app run from a folder whose static/ is the project's, so
    # they serve the same Leaflet at the same URL; the working directory gives the same config.
    (tmp / "static").symlink_to(ROOT / "static")
    for name in ("floor_app.py", "naive_app.py"):
        shutil.copy(ROOT / "bench" / name, tmp / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    common = ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    servers = {}
    for kind, command in (
        ("app", [sys.executable, "tools/serve.py"]),
        ("floor", [sys.executable, "-m", "streamlit", "run", str(tmp / "floor_app.py")]),
        ("naive", [sys.executable, "-m", "streamlit", "run", str(tmp / "naive_app.py")]),
    ):
        port = free_port()
        process = subprocess.Popen(
            [*command, "--server.port", str(port), *common],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers[kind] = (process, f"http://localhost:{port}")
    deadline = time.monotonic() + 120
    for _, url in servers.values():
        wait_healthy(url, deadline)
    return servers


def ratio(a: float, b: float) -> str:
    return f"{a / b:5.1f}×" if b else "   – "


def print_views(results: dict[tuple[str, str], dict[str, float]], counts: dict[str, int]) -> None:
    floor = results[("floor", "")]
    print(
        f"floor (one-marker folium map): second visit {floor['second_s']:.2f} s, first visit "
        f"{floor['first_s']:.2f} s, {floor['first_mb']:.2f} MB first / {floor['second_mb']:.2f} MB second"
    )
    print()
    print(
        "| view | units | app s 2nd (1st) | app − floor | naive s 2nd (1st) | naive / app | app MB 1st / 2nd | "
        "naive MB 1st / 2nd | app − naive MB 1st |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, query in VIEWS:
        app, naive = results[("app", query)], results[("naive", query)]
        print(
            f"| {name} | {counts[query]:,} | {app['second_s']:.2f} ({app['first_s']:.2f}) | "
            f"{app['second_s'] - floor['second_s']:+.2f} | {naive['second_s']:.2f} ({naive['first_s']:.2f}) | "
            f"{ratio(naive['second_s'], app['second_s'])} | "
            f"{app['first_mb']:.2f} / {app['second_mb']:.2f} | {naive['first_mb']:.2f} / {naive['second_mb']:.2f} | "
            f"{app['first_mb'] - naive['first_mb']:+.2f} |"
        )


def main() -> None:
    from playwright.sync_api import sync_playwright

    units = load_units(simplified=True)
    drawn = units[units.geometry.notna()]
    counts = {
        "country=VN": len(drawn),
        "district=817": int((drawn["district_code"] == "817").sum()),
        **{f"province={c}": int((drawn["province_code"] == c).sum()) for c in ("84", "01", "38")},
    }
    point = units.set_index("code").loc["28486"].geometry.representative_point()  # Xã Long Khánh, Cai Lậy
    tmp = Path(tempfile.mkdtemp(prefix="pa-bench-"))
    servers = start_servers(tmp)
    results: dict[tuple[str, str], dict[str, float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            floor_url = servers["floor"][1]
            results[("floor", "")] = measure_view(browser, f"{floor_url}/", drawn_waiter("floor", 1))
            for _, query in VIEWS:
                for kind in ("app", "naive"):
                    url = f"{servers[kind][1]}/?{query}"
                    results[(kind, query)] = measure_view(browser, url, drawn_waiter(kind, counts[query]))
            print_views(results, counts)
            for kind in ("app", "naive"):
                results[(kind, "interactions")] = interactions(browser, servers[kind][1], kind, counts, point)
            browser.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
        for process, _ in servers.values():
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    app_i, naive_i = results[("app", "interactions")], results[("naive", "interactions")]
    print()
    print(
        f"picker change Cai Lậy → Trà Vinh drawn (median of {ROUNDS}): "
        f"app {app_i['picker_s']:.2f} s, naive {naive_i['picker_s']:.2f} s"
    )
    print(
        f"click → panel (Xã Long Khánh, median of {ROUNDS}): "
        f"app {app_i['click_s']:.2f} s ({app_i['click_mb']:.3f} MB received), "
        f"naive {naive_i['click_s']:.2f} s ({naive_i['click_mb']:.3f} MB)"
    )


if __name__ == "__main__":
    main()
