"""Writing edits: every write checks the role, the version it started from and the values.

Each function is one transaction that changes a record and appends its
history row together; a batch (actuals, population) is one transaction for
all its rows. A stale save raises :class:`~geo.store.errors.ConflictError`
naming who changed the record and when.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from geo.store.auth import require_role
from geo.store.baseline import Baseline, load_baseline
from geo.store.clock import utc_now
from geo.store.engine import Store
from geo.store.errors import ConflictError, StoreInputError
from geo.store.geometry import check_geometry
from geo.store.models import Change, Record
from geo.store.vocabulary import EDIT_PRECISIONS

__all__ = [
    "EDIT_PRECISIONS",
    "PROJECT_ID",
    "edit_project",
    "add_project",
    "retire_project",
    "record_version",
    "save_state",
]

_MIN_SOURCE = 3
# The register's project ids (geo.resolutions.PROJECT_SCHEMA), e.g. DT-11 or LC2-3.
PROJECT_ID = r"[A-Z]{2}\d?-\d+"
_YEARS = (1990, 2100)


def _state(record: Record | None) -> dict[str, Any]:
    if record is None:
        return {"fields": {}, "geometry": None, "retired": False, "is_new": False}
    return {
        "fields": dict(record.fields),
        "geometry": json.loads(record.geometry) if record.geometry else None,
        "retired": bool(record.retired),
        "is_new": bool(record.is_new),
    }


def _flat(state: dict[str, Any]) -> dict[str, Any]:
    flat = dict(state["fields"])
    if state["geometry"] is not None:
        flat["geometry"] = state["geometry"]
    if state["retired"]:
        flat["retired"] = True
    return flat


def _conflict(store: Store, kind: str, key: str, expected: int | None) -> ConflictError:
    with store.reading() as session:
        record = session.get(Record, (kind, key))
        if record is None:
            return ConflictError(key, expected=expected, current=1, by="?", at=utc_now())
        return ConflictError(key, expected=expected, current=record.version, by=record.updated_by, at=record.updated_at)


def save_state(
    session: Session,
    *,
    kind: str,
    key: str,
    user: str,
    action: str,
    source: str,
    reason: str | None,
    expect_version: int | None,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    baseline_values: dict[str, Any],
    batch_id: str | None = None,
) -> int:
    """Apply ``change`` (old state → new state) to one record and append its history row.

    Returns the new version. Raises ConflictError (via the caller's
    translation of StaleDataError) when ``expect_version`` is not the current one.
    """
    record = session.get(Record, (kind, key), populate_existing=True)
    current = record.version if record is not None else 1
    if expect_version is not None and expect_version != current:
        if expect_version > current or expect_version < 1:
            raise StoreInputError(f"{key} has no version {expect_version}; its current version is {current}.")
        assert record is not None
        raise ConflictError(key, expected=expect_version, current=current, by=record.updated_by, at=record.updated_at)
    old = _state(record)
    new = change(json.loads(json.dumps(old)))
    old_flat, new_flat = _flat(old), _flat(new)
    changed = sorted(k for k in set(old_flat) | set(new_flat) if old_flat.get(k) != new_flat.get(k))
    before = {k: old_flat.get(k, baseline_values.get(k)) for k in changed}
    after = {k: new_flat.get(k, baseline_values.get(k)) for k in changed}
    based_on = dict(record.based_on) if record is not None else {}
    for field in new["fields"]:
        based_on.setdefault(field, baseline_values.get(field))
    if new["geometry"] is not None:
        based_on.setdefault("geometry", baseline_values.get("geometry"))
    now = utc_now()
    if record is None:
        record = Record(kind=kind, key=key)
        session.add(record)
    record.fields = new["fields"]
    record.based_on = based_on
    record.geometry = json.dumps(new["geometry"]) if new["geometry"] is not None else None
    record.retired = new["retired"]
    record.is_new = new["is_new"]
    record.updated_by = user
    record.updated_at = now
    session.flush()
    session.add(
        Change(
            kind=kind,
            key=key,
            version=record.version,
            action=action,
            user_name=user,
            changed_at=now,
            before=before,
            after=after,
            state=new,
            reason=reason or None,
            source=source,
            batch_id=batch_id,
        )
    )
    session.flush()
    return int(record.version)


def _write(store: Store, kind: str, key: str, expect_version: int | None, body: Callable[[Session], int]) -> int:
    try:
        with store.transaction() as session:
            return body(session)
    except (StaleDataError, IntegrityError):
        # Someone saved the same record between our read and our write.
        raise _conflict(store, kind, key, expect_version) from None


def _write_project(
    store: Store,
    project_id: str,
    base: dict[str, Any] | None,
    *,
    user: str,
    action: str,
    source: str,
    reason: str | None,
    expect_version: int | None,
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> int:
    """Save ``change`` to a project of the register or the store, by an editor; one sentence when there is none."""

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        if base is None and session.get(Record, ("project", project_id)) is None:
            raise StoreInputError(f"No project has the id '{project_id}'.")
        return save_state(
            session,
            kind="project",
            key=project_id,
            user=user,
            action=action,
            source=source,
            reason=reason,
            expect_version=expect_version,
            change=change,
            baseline_values=base or {},
        )

    return _write(store, "project", project_id, expect_version, body)


def _source(source: str | None) -> str:
    text = (source or "").strip()
    if len(text) < _MIN_SOURCE:
        raise StoreInputError("Every edit needs a source (the document, decision or survey it comes from).")
    return text


def _year(value: object, *, field: str) -> int:
    try:
        year = int(str(value).strip())
    except ValueError:
        raise StoreInputError(f"The {field} '{value}' is not a year.") from None
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise StoreInputError(f"The {field} {year} is not between {_YEARS[0]} and {_YEARS[1]}.")
    return year


def edit_project(
    store: Store,
    project_id: str,
    *,
    user: str,
    source: str,
    reason: str | None = None,
    expect_version: int | None = None,
    status: str | None = None,
    target_year: int | str | None = None,
    geometry: BaseGeometry | None = None,
    precision: str | None = None,
    baseline: Baseline | None = None,
) -> int:
    """Change a project's status, target year and/or location; returns the new version.

    A location needs a precision (surveyed, approximate, schematic or
    commune-centroid); a precision alone may be changed only on a located project.
    """
    from geo.resolutions import STATUSES

    base = (baseline or load_baseline()).project(project_id)
    source = _source(source)
    if status is not None and status not in STATUSES:
        raise StoreInputError(f"'{status}' is not a status; choose {', '.join(STATUSES)}.")
    year = _year(target_year, field="target year") if target_year not in (None, "") else None
    if precision is not None and precision not in EDIT_PRECISIONS:
        raise StoreInputError(f"'{precision}' is not a precision; choose {', '.join(EDIT_PRECISIONS)}.")
    shape = check_geometry(geometry) if geometry is not None else None
    if shape is not None and precision is None:
        raise StoreInputError(
            "A new location needs its precision (surveyed, approximate, schematic or commune-centroid)."
        )
    if status is None and year is None and shape is None and precision is None:
        raise StoreInputError("Nothing to change: give --status, --target-year, a location or --precision.")

    def change(state: dict[str, Any]) -> dict[str, Any]:
        located = state["geometry"] is not None or (base or {}).get("geometry") is not None
        if precision is not None and shape is None and not located:
            raise StoreInputError(f"{project_id} has no location yet; give one with its precision.")
        fields = state["fields"]
        for name, value in (("status", status), ("target_year", year), ("precision", precision)):
            if value is not None:
                fields[name] = value
        if shape is not None:
            state["geometry"] = shapely.geometry.mapping(shape)
            fields["precision_note"] = f"Located by {user}: {source}"
        fields["source"] = source
        return state

    return _write_project(
        store,
        project_id,
        base,
        user=user,
        action="edit",
        source=source,
        reason=reason,
        expect_version=expect_version,
        change=change,
    )


def _check_new_project(project_id: str, props: dict[str, Any], source: str) -> None:
    """The checks of a new project that give one plain sentence (the schema checks the rest)."""
    from geo.resolutions import PROJECT_KINDS, STATUSES

    if not re.fullmatch(PROJECT_ID, project_id):
        raise StoreInputError(
            f"'{project_id}' is not a project id: two capital letters, an optional digit, a hyphen and a number "
            "(for example DT-90)."
        )
    if len(str(props.get("name_vi") or "").strip()) < 2:
        raise StoreInputError("A new project needs its name as the resolution writes it.")
    if props.get("kind") not in PROJECT_KINDS:
        raise StoreInputError(f"'{props.get('kind')}' is not a project kind; choose {', '.join(PROJECT_KINDS)}.")
    if props.get("status") not in STATUSES:
        raise StoreInputError(f"'{props.get('status')}' is not a status; choose {', '.join(STATUSES)}.")
    if not props.get("document_ids"):
        raise StoreInputError("A new project cites the document that names it.")
    if not [s for s in props.get("sections") or [] if str(s).strip()]:
        raise StoreInputError("A new project cites the section of the document that names it.")


def add_project(
    store: Store,
    project_id: str,
    *,
    user: str,
    source: str,
    properties: dict[str, Any],
    geometry: BaseGeometry | None = None,
    reason: str | None = None,
    baseline: Baseline | None = None,
) -> int:
    """Add a project that a resolution names but the register lacks (validated like the register).

    ``properties`` holds at least ``name_vi``, ``kind``, ``status``,
    ``document_ids`` and ``sections``; ``target_year`` and ``precision`` are
    optional. A location needs its precision (never guessed); without one the
    precision is ``unknown``. The project's locality is its document's unless given.
    """
    from geo.resolutions import PROJECT_SCHEMA, _validate

    source = _source(source)
    props = {
        "sources": [source],
        "target_ids": [],
        "sections": [],
        "area_ha": None,
        "length_km": None,
        "target_year": None,
        **properties,
        "id": project_id,
    }
    _check_new_project(project_id, props, source)
    if props["target_year"] not in (None, ""):
        props["target_year"] = _year(props["target_year"], field="target year")
    else:
        props["target_year"] = None
    if (baseline or load_baseline()).project(project_id) is not None:
        raise StoreInputError(f"The register already has a project '{project_id}'; edit it instead.")
    from geo.io import load_documents

    documents = load_documents().set_index("id")
    unknown = [d for d in props["document_ids"] if d not in documents.index]
    if unknown:
        raise StoreInputError(f"The document '{unknown[0]}' is not in documents.yaml; a new project cites a known one.")
    if not props.get("locality_code"):
        codes = documents.loc[props["document_ids"][0], "locality_codes"]
        props["locality_code"] = ";".join(str(c) for c in codes)
    shape = check_geometry(geometry) if geometry is not None else None
    precision = props.get("precision")
    if shape is not None and precision in (None, "unknown"):
        raise StoreInputError(
            "A new location needs its precision (surveyed, approximate, schematic or commune-centroid)."
        )
    if shape is None and precision not in (None, "unknown"):
        raise StoreInputError(f"The precision '{precision}' needs a location; give a point or a geometry file.")
    if precision is not None and precision not in ("unknown", *EDIT_PRECISIONS):
        raise StoreInputError(f"'{precision}' is not a precision; choose {', '.join(EDIT_PRECISIONS)}.")
    props["precision"] = precision or "unknown"
    props.setdefault("precision_note", f"Added by {user}: {source}")
    try:
        _validate(props, PROJECT_SCHEMA, where=f"New project {project_id}")
    except Exception as error:
        raise StoreInputError(str(error)) from None

    def change(state: dict[str, Any]) -> dict[str, Any]:
        return {
            "fields": {**props, "source": source},
            "retired": False,
            "is_new": True,
            "geometry": shapely.geometry.mapping(shape) if shape is not None else None,
        }

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        if session.get(Record, ("project", project_id)) is not None:
            raise StoreInputError(f"The store already has a project '{project_id}'; edit it instead.")
        return save_state(
            session,
            kind="project",
            key=project_id,
            user=user,
            action="create",
            source=source,
            reason=reason,
            expect_version=1,
            change=change,
            baseline_values={},
        )

    return _write(store, "project", project_id, 1, body)


def retire_project(
    store: Store,
    project_id: str,
    *,
    user: str,
    source: str,
    reason: str | None = None,
    expect_version: int | None = None,
    baseline: Baseline | None = None,
) -> int:
    """Mark a project retired (it leaves the register shown; its history stays; nothing is deleted)."""
    base = (baseline or load_baseline()).project(project_id)
    source = _source(source)

    def change(state: dict[str, Any]) -> dict[str, Any]:
        if state["retired"]:
            raise StoreInputError(f"{project_id} is already retired.")
        state["retired"] = True
        state["fields"]["source"] = source
        return state

    return _write_project(
        store,
        project_id,
        base,
        user=user,
        action="retire",
        source=source,
        reason=reason,
        expect_version=expect_version,
        change=change,
    )


def record_version(store: Store, kind: str, key: str) -> int:
    """The current version of a record (1 = the baseline, never edited)."""
    with store.reading() as session:
        record = session.get(Record, (kind, key))
        return int(record.version) if record is not None else 1
