"""Times the app in headless Chromium: start → map drawn, and map click → panel. Prints figures.

Run: .venv/bin/python -m bench.bench_app   (needs Debian's chromium; never pass/fail)
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from geo.io import load_units

ROOT = Path(__file__).resolve().parent.parent

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.1)


def main() -> None:
    from playwright.sync_api import sync_playwright

    point = load_units().set_index("code").loc["28486"].geometry.representative_point()  # Xã Long Khánh
    port = free_port()
    url = f"http://localhost:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "tools/serve.py", "--server.port", str(port), "--server.headless",
                               "true"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(url)
        healthy = time.perf_counter() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(f"{url}/?district=817")
            page.frame_locator("iframe").first.locator("path.pa-unit").first.wait_for(timeout=120_000)
            first_map = time.perf_counter() - started
            loads = []
            for _ in range(3):
                t = time.perf_counter()
                page.goto(f"{url}/?district=817")
                page.frame_locator("iframe").first.locator("path.pa-unit").first.wait_for(timeout=120_000)
                loads.append(time.perf_counter() - t)
            frame = next(f for f in page.frames if f != page.main_frame)
            box = page.locator("iframe").first.bounding_box()
            clicks = []
            for code_name in ["Xã Long Khánh"] * 3:
                page.get_by_role("heading", name=code_name).count()  # settle
                xy = frame.evaluate(f"() => {{ const p = map_div.latLngToContainerPoint([{point.y}, {point.x}]);"
                                    " return [p.x, p.y]; }")
                page.reload()
                page.frame_locator("iframe").first.locator("path.pa-unit").first.wait_for(timeout=120_000)
                frame = next(f for f in page.frames if f != page.main_frame)
                box = page.locator("iframe").first.bounding_box()
                assert box is not None, "the map frame is not on the page"
                t = time.perf_counter()
                page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
                page.get_by_role("heading", name=code_name).wait_for(timeout=60_000)
                clicks.append(time.perf_counter() - t)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"server start → healthy:                         {healthy:6.2f} s")
    print(f"server start → Cai Lậy map drawn (cold caches): {first_map:6.2f} s")
    print(f"page load → map drawn, warm (median of 3):      {statistics.median(loads):6.2f} s")
    print(f"map click → unit panel shown (median of 3):     {statistics.median(clicks):6.2f} s")


if __name__ == "__main__":
    main()
