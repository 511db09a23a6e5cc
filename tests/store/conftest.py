"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL/PostGIS server.

The server (tools/throwaway_postgres.py) is started once per session from
Debian's binaries with initdb/pg_ctl on a free local port, in a temporary
folder, and stopped at the end. Each test gets its own database, copied from a
template that already has the postgis extension.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.throwaway_postgres import TEMPLATE, PostgresServer, throwaway_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL on each back end (nothing created yet)."""
    from geo.store.engine import close_stores

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store' / 'atlas.sqlite'}"
        close_stores()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    server.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield server.url(name)
    close_stores()
    server.admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def store(store_url: str):
    """An opened store (migrated) with an admin, an editor and a viewer."""
    from geo.store import add_user, open_store

    opened = open_store(store_url)
    add_user(opened, "admin", role="admin", password="admin-pass-1", by=None)
    add_user(opened, "editor", role="editor", password="editor-pass-1", by="admin")
    add_user(opened, "viewer", role="viewer", password="viewer-pass-1", by="admin")
    return opened
