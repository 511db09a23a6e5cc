"""Streamlit's frontend bundle sent gzip-compressed, and the app's hashed build files kept by the browser.

Streamlit 1.67 serves its own frontend (``/static/…``, 2.8 MB of JavaScript and CSS on a
first visit) uncompressed on purpose: it expects a reverse proxy or CDN in front of it
to compress, and it will not spend CPU re-compressing on every request
(``streamlit/web/server/starlette/starlette_gzip_middleware.py``). A province office runs
``make run`` with no proxy, often over a slow link, so this wrapper does the proxy's job:
each bundle file is compressed once, on its first request, and kept in memory (the
bundle is fixed for the life of the process). The bundle's names carry content hashes
and keep Streamlit's one-year ``immutable`` caching.

The app's own layer files (``/app/static/build/<name>.<hash>.json.gz``) and the scripts
of a component's frontend (streamlit-folium's ``/component/…/static/js/main.<hash>.js``,
which Streamlit sends as ``Cache-Control: public`` with no validator, so the browser
downloaded its 55 KB again on every visit) also carry a content hash in their name, so
they are marked ``immutable`` too: a second visit reads them from the browser's cache
without asking the server.

Everything else, including conditional and range requests, goes to Streamlit untouched.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FRONTEND_PREFIX = "/static/"
IMMUTABLE = b"public, immutable, max-age=31536000"
# The bundle's scripts and styles, whose names carry content hashes. Fonts and images are
# already compressed; HTML and the manifest stay with Streamlit, which marks them no-cache.
COMPRESSIBLE_SUFFIXES = frozenset({".js", ".css"})
MIN_COMPRESSIBLE_BYTES = 1024
HASHED_BUILD_NAME = re.compile(r"^/app/static/build/[A-Za-z0-9_-]+\.[0-9a-f]{12}\.[a-z.]+$")
HASHED_COMPONENT_ASSET = re.compile(
    r"^/component/[A-Za-z0-9_.-]+/static/(js|css)/[A-Za-z0-9_-]+\.[0-9a-f]{8,}\.(js|css)$"
)
_BYPASS_HEADERS = frozenset({b"range", b"if-none-match", b"if-modified-since"})


def _accepts_gzip(headers: list[tuple[bytes, bytes]]) -> bool:
    """True when Accept-Encoding offers gzip with a quality above 0 (``gzip;q=0`` refuses it)."""
    for name, value in headers:
        if name != b"accept-encoding":
            continue
        for part in value.lower().split(b","):
            coding, *params = (p.strip() for p in part.split(b";"))
            if coding != b"gzip":
                continue
            quality = next((p[2:] for p in params if p.startswith(b"q=")), b"1")
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def _bundle_files(frontend_dir: Path) -> frozenset[str]:
    """The bundle's compressible files, as URL paths without the leading slash (``static/js/x.js``).

    Listed once: the bundle is fixed for the life of the process, and a request for any other
    path (a miss, a link leading out of the folder, a name no file system accepts) goes to
    Streamlit as it is, with nothing kept for it.
    """
    root = frontend_dir.resolve()
    found = set()
    for path in (root / "static").rglob("*"):
        if (
            path.suffix in COMPRESSIBLE_SUFFIXES
            and path.is_file()
            and path.resolve().is_relative_to(root)
            and path.stat().st_size >= MIN_COMPRESSIBLE_BYTES
        ):
            found.add(path.relative_to(root).as_posix())
    return frozenset(found)


class CompressedStatic:
    """ASGI wrapper around Streamlit's app (see the module docstring)."""

    def __init__(self, app: ASGIApp, frontend_dir: Path, level: int = 6) -> None:
        self.app = app
        self.frontend_dir = frontend_dir.resolve()
        self.level = level
        self.files = _bundle_files(self.frontend_dir)
        self._compressed: dict[str, tuple[bytes, int]] = {}
        self._lock = threading.Lock()

    def compressed(self, relative: str) -> tuple[bytes, int]:
        """The gzip body and the plain size of one of :attr:`files`, compressed on its first request."""
        with self._lock:
            if relative in self._compressed:
                return self._compressed[relative]
        plain = (self.frontend_dir / relative).read_bytes()
        # mtime=0: the same bytes every time, so a file's gzip body never differs.
        result = (gzip.compress(plain, compresslevel=self.level, mtime=0), len(plain))
        with self._lock:
            self._compressed[relative] = result
        return result

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if HASHED_BUILD_NAME.match(path) or HASHED_COMPONENT_ASSET.match(path):
            await self.app(scope, receive, _with_cache_control(send))
            return
        relative = path.removeprefix("/")
        if (
            path.startswith(FRONTEND_PREFIX)
            and relative in self.files
            and _accepts_gzip(headers)
            and not any(name in _BYPASS_HEADERS for name, _ in headers)
        ):
            body, _ = await run_in_threadpool(self.compressed, relative)
            await _send_gzip(send, body, path)
            return
        await self.app(scope, receive, send)


def _with_cache_control(send: Send) -> Send:
    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 200:
            kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
            message["headers"] = [*kept, (b"cache-control", IMMUTABLE)]
        await send(message)

    return sender


async def _send_gzip(send: Send, body: bytes, path: str) -> None:
    media_type = "text/css" if path.endswith(".css") else "text/javascript"
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-encoding", b"gzip"),
        (b"content-length", str(len(body)).encode()),
        (b"vary", b"Accept-Encoding"),
        (b"cache-control", IMMUTABLE),
        (b"x-content-type-options", b"nosniff"),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
