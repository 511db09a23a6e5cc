"""What the browser tests share: the app served on a free port, and Chromium kept off the outside network.

`make test` installs Debian's Chromium first (tools/ensure_browser.sh); Playwright never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = PROJECT_ROOT / "artefacts"
# urlparse gives "::1" for http://[::1]/; both spellings are the local machine.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """An app process on a free port, ``env`` added to this one's; returns (process, url) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "tools/serve.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    process.wait()
    pytest.fail("The app did not start within 90 s.")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=20)


def block_outside(context, outside: list[str]) -> None:  # noqa: ANN001 - playwright BrowserContext
    """Let ``context`` reach only this machine and data/blob/about URLs; other URLs asked for go to ``outside``."""

    def guard(route) -> None:  # noqa: ANN001 - playwright Route
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
