"""One data-access layer, two back ends: an SQLite file by default, PostgreSQL/PostGIS by URL.

``ATLAS_DATABASE_URL`` (for example ``postgresql+psycopg://atlas@db/atlas``)
selects PostgreSQL; without it the store is ``var/store/atlas.sqlite``
(git-ignored), created on first use. Either way the Alembic migrations in
``migrations/`` bring the schema to head when the store is opened, so a store
made by an older version upgrades in place.

SQLite runs in WAL mode with foreign keys on, and every transaction starts
with ``BEGIN IMMEDIATE``: writers queue on the busy timeout instead of failing
when two read-then-write transactions cross, and a process killed in the
middle of a transaction leaves the file as it was before it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from geo.config import MIGRATIONS_DIR, STORE_FILE
from geo.store.errors import StoreInputError

__all__ = [
    "DATABASE_URL_VARIABLE",
    "DEFAULT_STORE_FILE",
    "MIGRATIONS_DIR",
    "Store",
    "database_url",
    "open_store",
    "store_exists",
    "close_stores",
    "migrate",
    "current_revision",
]

DATABASE_URL_VARIABLE = "ATLAS_DATABASE_URL"
DEFAULT_STORE_FILE: Path = STORE_FILE
SQLITE_BUSY_TIMEOUT_S = 30.0


def database_url(url: str | None = None) -> str:
    """The store's URL: ``url``, else ``$ATLAS_DATABASE_URL``, else the default SQLite file."""
    chosen = url or os.environ.get(DATABASE_URL_VARIABLE) or f"sqlite:///{DEFAULT_STORE_FILE}"
    if not chosen.startswith(("sqlite:", "postgresql")):
        raise StoreInputError(f"The store URL '{chosen.split(':')[0]}:…' is neither sqlite: nor postgresql+psycopg:.")
    return chosen


def _sqlite_file(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix) :]) if url.startswith(prefix) and url != prefix + ":memory:" else None


def store_exists(url: str | None = None) -> bool:
    """Whether a store may hold edits: a PostgreSQL URL is set, or the SQLite file exists."""
    chosen = database_url(url)
    path = _sqlite_file(chosen)
    return path is None or path.exists()


def _sqlite_engine(url: str) -> Engine:
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off so that BEGIN IMMEDIATE below is the only one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the store's schema is at (None for an empty database)."""
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> None:
    """Upgrade (or with ``down``, downgrade) the schema to ``revision``."""
    from alembic import command

    with engine.begin() as connection:
        config = _alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    return str(head)


class Store:
    """An opened store: an engine and its sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
        self.engine = (
            _sqlite_engine(url) if self.dialect == "sqlite" else create_engine(url, pool_pre_ping=True, pool_size=10)
        )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only."""
        with self._sessions() as session:
            yield session

    def ensure_schema(self) -> None:
        if current_revision(self.engine) != _head_revision():
            migrate(self.engine)


_STORES: dict[str, Store] = {}
_LOCK = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (see :func:`database_url`), migrated to head on first use in this process."""
    chosen = database_url(url)
    with _LOCK:
        store = _STORES.get(chosen)
        if store is None:
            store = Store(chosen)
            try:
                store.ensure_schema()
            except Exception as error:
                store.engine.dispose()
                from sqlalchemy.exc import OperationalError

                if isinstance(error, OperationalError):
                    reason = str(error.orig).strip().splitlines()[0] if error.orig else "no connection"
                    raise StoreInputError(f"The store at {_redacted(chosen)} cannot be opened: {reason}.") from None
                raise
            _STORES[chosen] = store
        return store


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def close_stores() -> None:
    """Dispose every opened engine (tests, and before a file copy)."""
    with _LOCK:
        for store in _STORES.values():
            store.engine.dispose()
        _STORES.clear()
