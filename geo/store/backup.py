"""A consistent copy of a live store: SQLite's online backup API, or ``pg_dump`` for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from geo.store.engine import Store
from geo.store.errors import StoreInputError

__all__ = ["backup"]


def backup(store: Store, target: Path) -> Path:
    """Copy the store to ``target`` while others may keep writing; returns ``target``.

    SQLite: a new SQLite file made page by page under the reader lock (the
    copy is one consistent snapshot). PostgreSQL: a ``pg_dump --format=custom``
    archive (restore with ``pg_restore``), itself one snapshot transaction.
    """
    target = Path(target)
    if target.is_dir() or not target.parent.is_dir():
        raise StoreInputError(f"Cannot write the backup '{target}': give a file in an existing folder.")
    partial = target.with_name(target.name + ".partial")
    if store.dialect == "sqlite":
        source = sqlite3.connect(store.url.removeprefix("sqlite:///"))
        copy = sqlite3.connect(partial)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise StoreInputError("pg_dump is not installed; install the PostgreSQL client (postgresql-client).")
        from sqlalchemy.engine import make_url

        url = make_url(store.url).set(drivername="postgresql").render_as_string(hide_password=False)
        result = subprocess.run([pg_dump, "--format=custom", f"--file={partial}", url], capture_output=True, text=True)
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            reason = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
            raise StoreInputError(f"pg_dump failed: {reason}.")
    partial.replace(target)
    return target
