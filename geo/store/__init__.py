"""The store: what users change in the register, with history, roles and optimistic locking.

One data-access layer (SQLAlchemy 2) over an SQLite file by default or
PostgreSQL/PostGIS when ``ATLAS_DATABASE_URL`` is set; schema by Alembic
migrations in ``migrations/``. See :mod:`geo.store.edits` for the write
functions, :mod:`geo.store.history` for reading and :mod:`geo.store.auth` for
accounts. The register with the edits applied is :mod:`geo.edited_register`.
"""

from __future__ import annotations

from geo.store.auth import add_user, authenticate, require_role, session_expired
from geo.store.edits import add_project, edit_project, record_version, retire_project
from geo.store.engine import Store, close_stores, database_url, open_store, store_exists
from geo.store.errors import ConflictError, LoginError, PermissionDeniedError, StoreError, StoreInputError
from geo.store.figures import import_population, record_actual, record_actuals
from geo.store.history import changes_csv, changes_geojson, current_edits, history, restore

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
