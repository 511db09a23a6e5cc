"""The store's tables, one ORM model each (SQLAlchemy 2 declarative).

* ``users``: local accounts (role, argon2 hash, failed-login counter, lock).
* ``records``: the current edit of one register entry, keyed by ``kind``
  (project, target, population) and the register's stable id. ``fields`` holds
  the edited values only; ``based_on`` the baseline values they replaced, so a
  later baseline that changes the same field is shown beside the edit.
  ``version`` is SQLAlchemy's ``version_id_col``: an UPDATE carries
  ``WHERE version = <the version read>`` and a stale one raises. The baseline
  is version 1, so the first edit is version 2.
* ``changes``: append-only history (database triggers refuse UPDATE and
  DELETE), written in the same transaction as the change it records.

Geometry is GeoJSON text (EPSG:4326) on both back ends so that one model
serves both; on PostgreSQL the migration adds a PostGIS ``geom`` column
computed from it, with a GiST index, for QGIS and spatial SQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from geo.store.vocabulary import ROLES

__all__ = ["Base", "User", "Record", "Change", "ROLES", "KINDS"]

KINDS = ("project", "target", "population")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str | None] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


def _next_version(current: int | None) -> int:
    # The baseline counts as version 1, so a record's first stored state is 2.
    return (current or 1) + 1


class Record(Base):
    __tablename__ = "records"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    fields: Mapped[dict[str, Any]]
    based_on: Mapped[dict[str, Any]]
    geometry: Mapped[str | None] = mapped_column(Text)
    is_new: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]

    __mapper_args__ = {"version_id_col": version, "version_id_generator": _next_version}


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("kind", "key", "version", name="uq_changes_kind_key_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(80))
    changed_at: Mapped[datetime]
    before: Mapped[dict[str, Any]]
    after: Mapped[dict[str, Any]]
    state: Mapped[dict[str, Any]]
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    batch_id: Mapped[str | None] = mapped_column(String(40))
