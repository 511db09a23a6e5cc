"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL/PostGIS server.

The server is started once per session from Debian's binaries (installed by
tools/ensure_postgres.sh) with initdb/pg_ctl on a free local port, in a
temporary folder; as root it runs as the ``postgres`` system user, since
PostgreSQL refuses to run as root. Each test gets its own database, copied
from a template that already has the postgis extension.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_USER = "atlas"
TEMPLATE = "atlas_template"


@dataclass(frozen=True)
class PostgresServer:
    port: int
    bindir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, *, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}", autocommit=True) as conn:
            conn.execute(sql)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        pytest.fail("PostgreSQL is not installed; 'make test' installs it (tools/ensure_postgres.sh).")
    return found[-1].parent


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(
        _as_server_user(
            [str(bindir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C"]
        ),
        **run,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    subprocess.run(
        _as_server_user(
            [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"]
        ),
        **run,
    )
    server = PostgresServer(port=port, bindir=bindir)
    try:
        server.admin(f"CREATE DATABASE {TEMPLATE}")
        server.admin("CREATE EXTENSION postgis", database=TEMPLATE)
        yield server
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


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
