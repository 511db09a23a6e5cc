"""Users, records (current edits, versioned) and the append-only changes table.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", _WHEN),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "records",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("based_on", sa.JSON, nullable=False),
        sa.Column("geometry", sa.Text),
        sa.Column("is_new", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("retired", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.Column("updated_at", _WHEN, nullable=False),
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("user_name", sa.String(80), nullable=False),
        sa.Column("changed_at", _WHEN, nullable=False),
        sa.Column("before", sa.JSON, nullable=False),
        sa.Column("after", sa.JSON, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("batch_id", sa.String(40)),
        sa.UniqueConstraint("kind", "key", "version", name="uq_changes_kind_key_version"),
    )
    op.create_index("ix_changes_kind", "changes", ["kind"])
    op.create_index("ix_changes_key", "changes", ["key"])
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_extras()
    else:
        # History is append-only: the store only ever inserts.
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER changes_no_{verb.lower()} BEFORE {verb} ON changes "
                "BEGIN SELECT RAISE(ABORT, 'the changes table is append-only'); END"
            )


def _postgresql_extras() -> None:
    # A real PostGIS geometry beside the GeoJSON text, for QGIS and spatial SQL.
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    from geoalchemy2 import Geometry

    op.add_column(
        "records",
        sa.Column(
            "geom",
            Geometry("GEOMETRY", srid=4326, spatial_index=False),
            sa.Computed("ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)", persisted=True),
        ),
    )
    op.execute("CREATE INDEX ix_records_geom ON records USING gist (geom)")
    op.execute(
        "CREATE FUNCTION changes_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the changes table is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes "
        "FOR EACH ROW EXECUTE FUNCTION changes_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS changes_append_only ON changes")
        op.execute("DROP FUNCTION IF EXISTS changes_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS changes_no_update")
        op.execute("DROP TRIGGER IF EXISTS changes_no_delete")
    op.drop_index("ix_changes_key", table_name="changes")
    op.drop_index("ix_changes_kind", table_name="changes")
    op.drop_table("changes")
    op.drop_table("records")
    op.drop_table("users")
