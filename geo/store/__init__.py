"""The store: what users change in the register, with history, roles and optimistic locking.

One data-access layer (SQLAlchemy 2) over an SQLite file by default or
PostgreSQL/PostGIS when ``ATLAS_DATABASE_URL`` is set; schema by Alembic
migrations in ``migrations/``. See :mod:`geo.store.edits` for the write
functions, :mod:`geo.store.versions` for reading and :mod:`geo.store.auth` for
accounts. The register with the edits applied is :mod:`geo.edited_register`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.store.auth import add_user, authenticate, require_role, session_expired
    from geo.store.edits import add_project, edit_project, record_version, retire_project
    from geo.store.engine import Store, close_stores, database_url, open_store, store_exists
    from geo.store.errors import ConflictError, LoginError, PermissionDeniedError, StoreError, StoreInputError
    from geo.store.figures import import_population, record_actual, record_actuals
    from geo.store.versions import changes_csv, changes_geojson, current_edits, history, restore

__all__ = [
    "Store",
    "open_store",
    "store_exists",
    "close_stores",
    "database_url",
    "add_user",
    "authenticate",
    "require_role",
    "session_expired",
    "edit_project",
    "add_project",
    "retire_project",
    "record_actual",
    "record_actuals",
    "import_population",
    "record_version",
    "history",
    "restore",
    "current_edits",
    "changes_csv",
    "changes_geojson",
    "StoreError",
    "StoreInputError",
    "ConflictError",
    "PermissionDeniedError",
    "LoginError",
]

# Where each name lives; imported on first use so that the command line's light paths
# (geo.cli registers the store's subcommands) import no SQLAlchemy or shapely.
_HOMES = {
    "add_user": "geo.store.auth",
    "authenticate": "geo.store.auth",
    "require_role": "geo.store.auth",
    "session_expired": "geo.store.auth",
    "add_project": "geo.store.edits",
    "edit_project": "geo.store.edits",
    "record_version": "geo.store.edits",
    "retire_project": "geo.store.edits",
    "Store": "geo.store.engine",
    "close_stores": "geo.store.engine",
    "database_url": "geo.store.engine",
    "open_store": "geo.store.engine",
    "store_exists": "geo.store.engine",
    "ConflictError": "geo.store.errors",
    "LoginError": "geo.store.errors",
    "PermissionDeniedError": "geo.store.errors",
    "StoreError": "geo.store.errors",
    "StoreInputError": "geo.store.errors",
    "import_population": "geo.store.figures",
    "record_actual": "geo.store.figures",
    "record_actuals": "geo.store.figures",
    "changes_csv": "geo.store.versions",
    "changes_geojson": "geo.store.versions",
    "current_edits": "geo.store.versions",
    "history": "geo.store.versions",
    "restore": "geo.store.versions",
}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'geo.store' has no attribute {name!r}")
