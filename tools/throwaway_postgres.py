"""A throwaway PostgreSQL + PostGIS server for tests and benchmarks (never a service).

``with throwaway_postgres() as server:`` runs initdb and pg_ctl from Debian's
binaries (tools/ensure_postgres.sh installs them) in a temporary folder on a
free local port, creates a template database with the postgis extension, and
stops and deletes everything at the end. As root the server runs as the
``postgres`` system user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PG_USER", "TEMPLATE", "PostgresServer", "throwaway_postgres"]

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
        raise RuntimeError("PostgreSQL is not installed; 'make test' installs it (tools/ensure_postgres.sh).")
    return found[-1].parent


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_postgres() -> Iterator[PostgresServer]:
    """A running server with database ``atlas_template`` (postgis extension) to copy from."""
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C"]
    subprocess.run(_as_server_user(initdb), check=True, capture_output=True, text=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    start = [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"]
    subprocess.run(_as_server_user(start), check=True, capture_output=True, text=True)
    server = PostgresServer(port=port, bindir=bindir)
    try:
        server.admin(f"CREATE DATABASE {TEMPLATE}")
        server.admin("CREATE EXTENSION postgis", database=TEMPLATE)
        yield server
    finally:
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_server_user(stop), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
