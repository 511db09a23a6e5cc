"""Reading the store: history of a record (baseline = version 1), restore, all current edits, changes export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from geo.store.auth import require_role
from geo.store.baseline import Baseline, load_baseline, record_kind
from geo.store.engine import Store
from geo.store.errors import StoreInputError
from geo.store.models import Change, Record

__all__ = [
    "history",
    "restore",
    "current_edits",
    "actual_entries",
    "changes_csv",
    "changes_geojson",
    "neutralise_cell",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _baseline_values(kind: str, key: str, base: Baseline) -> dict[str, Any] | None:
    if kind == "project":
        return base.project(key)
    if kind == "target":
        return {"actuals": base.actuals.get(key, {})} if key in base.target_ids else None
    return base.population.get(key)


def history(store: Store, key: str, *, baseline: Baseline | None = None) -> list[dict[str, Any]]:
    """Every version of a record, oldest first; version 1 is the baseline from ``data/``.

    Times are UTC ISO 8601 strings.
    """
    kind = record_kind(key)
    base = baseline or load_baseline()
    values = _baseline_values(kind, key, base)
    with store.reading() as session:
        rows = session.scalars(
            select(Change).where(Change.kind == kind, Change.key == key).order_by(Change.version)
        ).all()
        if values is None and not rows:
            raise StoreInputError(f"No {kind} has the id '{key}'.")
        out: list[dict[str, Any]] = []
        if values is not None:
            out.append(
                {
                    "version": 1,
                    "action": "baseline",
                    "user": None,
                    "at": None,
                    "before": {},
                    "after": values,
                    "reason": None,
                    "source": "data/ (reviewed baseline)",
                }
            )
        for row in rows:
            out.append(
                {
                    "version": row.version,
                    "action": row.action,
                    "user": row.user_name,
                    "at": row.changed_at.isoformat(),
                    "before": row.before,
                    "after": row.after,
                    "reason": row.reason,
                    "source": row.source,
                }
            )
        return out


def restore(
    store: Store, key: str, *, version: int, user: str, reason: str | None = None, expect_version: int | None = None
) -> int:
    """Bring a record back to ``version`` (1 = the baseline); the restore is itself a new version."""
    from geo.store.edits import _write, save_state

    kind = record_kind(key)
    base = load_baseline()
    values = _baseline_values(kind, key, base) or {}

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        current = session.get(Record, (kind, key))
        latest = current.version if current is not None else 1
        if not 1 <= version <= latest:
            raise StoreInputError(f"{key} has no version {version}; its versions are 1 to {latest}.")
        if version == latest:
            raise StoreInputError(f"{key} is already at version {version}.")
        if version == 1:
            target: dict[str, Any] = {
                "fields": {},
                "geometry": None,
                "retired": False,
                "is_new": bool(current.is_new) if current else False,
            }
        else:
            row = session.scalars(
                select(Change).where(Change.kind == kind, Change.key == key, Change.version == version)
            ).one()
            target = json.loads(json.dumps(row.state))
        return save_state(
            session,
            kind=kind,
            key=key,
            user=user,
            action="restore",
            source=f"restore of version {version}",
            reason=reason,
            expect_version=expect_version,
            change=lambda _old: target,
            baseline_values=values,
        )

    return _write(store, kind, key, expect_version, body)


def current_edits(store: Store) -> list[dict[str, Any]]:
    """Every record's current state: kind, key, version, fields, based_on, geometry (GeoJSON dict), flags."""
    with store.reading() as session:
        rows = session.scalars(select(Record).order_by(Record.kind, Record.key)).all()
        return [
            {
                "kind": r.kind,
                "key": r.key,
                "version": r.version,
                "fields": r.fields,
                "based_on": r.based_on,
                "geometry": json.loads(r.geometry) if r.geometry else None,
                "retired": r.retired,
                "is_new": r.is_new,
                "updated_by": r.updated_by,
                "updated_at": r.updated_at,
            }
            for r in rows
        ]


def actual_entries(store: Store, *, baseline: Baseline | None = None) -> list[dict[str, Any]]:
    """The actuals in force that were entered in the store, with who entered them and when (UTC).

    One dict per (target, year) whose current value differs from the baseline's
    (``target_id``, ``value``, ``year``, ``source``, ``note``, ``user``, ``at``),
    by target and year; ``user`` and ``at`` are those of the version that last
    set it (an entry, a batch or a restore). A restore back to the baseline leaves none.
    """
    base = baseline or load_baseline()
    with store.reading() as session:
        changes = session.scalars(select(Change).where(Change.kind == "target").order_by(Change.key, Change.version))
        setters: dict[tuple[str, str], tuple[str, Any]] = {}
        previous: dict[str, dict[str, Any]] = {}
        for change in changes:
            # A state without actuals (a restore of version 1) stands for the baseline's.
            now = change.state["fields"].get("actuals", base.actuals.get(change.key, {}))
            before = previous.get(change.key, base.actuals.get(change.key, {}))
            for year, item in now.items():
                if before.get(year) != item:
                    setters[(change.key, year)] = (change.user_name, change.changed_at)
            previous[change.key] = now
    rows = []
    for edit in current_edits(store):
        if edit["kind"] != "target":
            continue
        original = base.actuals.get(edit["key"], {})
        for year, item in sorted(edit["fields"].get("actuals", {}).items()):
            if original.get(year) == item:
                continue
            user, at = setters.get((edit["key"], year), (edit["updated_by"], edit["updated_at"]))
            rows.append({"target_id": edit["key"], "year": int(year), **item, "user": user, "at": at})
    return rows


def neutralise_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ tab CR gets a leading '."""
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _change_rows(store: Store, base: Baseline) -> list[dict[str, Any]]:
    rows = []
    for edit in current_edits(store):
        values = _baseline_values(edit["kind"], edit["key"], base) or {}
        common = {
            "kind": edit["kind"],
            "id": edit["key"],
            "version": edit["version"],
            "changed_by": edit["updated_by"],
            "changed_at_utc": edit["updated_at"].isoformat(),
        }
        if edit["kind"] == "target":
            for year, item in sorted(edit["fields"].get("actuals", {}).items()):
                was = values.get("actuals", {}).get(year, {}).get("value")
                rows.append(
                    {
                        **common,
                        "field": f"actual_{year}",
                        "baseline": was,
                        "edited": item["value"],
                        "source": item["source"],
                    }
                )
            continue
        flat = dict(edit["fields"])
        if edit["geometry"] is not None:
            flat["geometry"] = edit["geometry"]
        if edit["retired"]:
            flat["retired"] = True
        for field, value in sorted(flat.items()):
            if field != "source":
                rows.append(
                    {
                        **common,
                        "field": field,
                        "baseline": values.get(field),
                        "edited": value,
                        "source": edit["fields"].get("source", ""),
                    }
                )
    return rows


def changes_csv(store: Store) -> str:
    """Changes since the baseline, one row per edited field: CSV text with a UTF-8 BOM, cells neutralised."""
    buffer = io.StringIO()
    fields = ["kind", "id", "version", "field", "baseline", "edited", "source", "changed_by", "changed_at_utc"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in _change_rows(store, load_baseline()):
        writer.writerow({k: neutralise_cell(row[k]) for k in fields})
    return "\ufeff" + buffer.getvalue()


def changes_geojson(store: Store) -> dict[str, Any]:
    """Edited and new projects as a FeatureCollection (EPSG:4326): current geometry and the edited fields."""
    base = load_baseline()
    features = []
    for edit in current_edits(store):
        if edit["kind"] != "project":
            continue
        values = base.project(edit["key"]) or {}
        geometry = edit["geometry"] if edit["geometry"] is not None else values.get("geometry")
        properties = {
            "id": edit["key"],
            "version": edit["version"],
            "retired": edit["retired"],
            "new": edit["is_new"],
            "changed_by": edit["updated_by"],
            "changed_at_utc": edit["updated_at"].isoformat(),
            **edit["fields"],
        }
        features.append({"type": "Feature", "id": edit["key"], "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "name": "changes_since_baseline", "features": features}
