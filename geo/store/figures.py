"""Writing figures: a target's actuals (one, or a batch) and population imports, each one transaction.

A batch is validated row by row first (every problem listed, the first 20
shown) and then saved in one transaction, all or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

from geo.store.auth import require_role
from geo.store.baseline import Baseline, load_baseline
from geo.store.edits import _source, _write, _year, save_state
from geo.store.engine import Store
from geo.store.errors import StoreInputError

__all__ = ["record_actual", "check_actual_rows", "record_actuals", "import_population"]


def _actual_row(row: dict[str, Any], target_ids: frozenset[str]) -> dict[str, Any]:
    target = str(row.get("target_id") or row.get("target") or "").strip()
    if target not in target_ids:
        raise StoreInputError(
            f"'{target}' is not a target id of the register." if target else "the target id is empty."
        )
    text = str(row.get("value", "")).strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise StoreInputError(f"the value '{row.get('value', '')}' is not a number.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise StoreInputError(f"the value '{text}' is not a finite number.")
    year = _year(row.get("year", ""), field="year")
    source = _source(str(row.get("source", "") or ""))
    return {
        "target_id": target,
        "value": value,
        "year": year,
        "source": source,
        "note": str(row.get("note", "") or "").strip(),
    }


def _actual_change(item: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(state: dict[str, Any]) -> dict[str, Any]:
        actuals = dict(state["fields"].get("actuals", {}))
        actuals[str(item["year"])] = {"value": item["value"], "source": item["source"], "note": item["note"]}
        state["fields"]["actuals"] = actuals
        return state

    return change


def _save_actual(
    session: Session,
    item: dict[str, Any],
    base: Baseline,
    *,
    user: str,
    reason: str | None,
    expect_version: int | None,
    batch_id: str | None = None,
) -> int:
    """One actual saved as a new version of its target (single entry and batch alike)."""
    return save_state(
        session,
        kind="target",
        key=item["target_id"],
        user=user,
        action="actual",
        source=item["source"],
        reason=reason,
        expect_version=expect_version,
        change=_actual_change(item),
        baseline_values={"actuals": base.actuals.get(item["target_id"], {})},
        batch_id=batch_id,
    )


def record_actual(
    store: Store,
    target_id: str,
    *,
    value: float | str,
    year: int | str,
    source: str,
    user: str,
    note: str = "",
    reason: str | None = None,
    expect_version: int | None = None,
    baseline: Baseline | None = None,
) -> int:
    """Record one actual (value, year, source) of a target; returns the target's new version."""
    base = baseline or load_baseline()
    try:
        item = _actual_row(
            {"target_id": target_id, "value": value, "year": year, "source": source, "note": note}, base.target_ids
        )
    except StoreInputError as error:
        text = str(error)
        raise StoreInputError(text[0].upper() + text[1:]) from None

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        return _save_actual(session, item, base, user=user, reason=reason, expect_version=expect_version)

    return _write(store, "target", item["target_id"], expect_version, body)


def check_actual_rows(
    rows: Iterable[dict[str, Any]], *, baseline: Baseline | None = None, first_row: int = 2
) -> tuple[list[dict[str, Any]], list[str]]:
    """Validated rows and every problem as ``row N: sentence`` (spreadsheet numbering, header = 1)."""
    base = baseline or load_baseline()
    good, problems = [], []
    for number, row in enumerate(rows, start=first_row):
        try:
            good.append(_actual_row(row, base.target_ids))
        except StoreInputError as error:
            problems.append(f"row {number}: {error}")
    return good, problems


def record_actuals(
    store: Store,
    rows: list[dict[str, Any]],
    *,
    user: str,
    reason: str | None = None,
    baseline: Baseline | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Record a batch of actuals in one transaction, all or nothing; returns the number of rows saved."""
    from geo.store.batch import problems_sentence

    base = baseline or load_baseline()
    good, problems = check_actual_rows(rows, baseline=base)
    if problems:
        raise StoreInputError(problems_sentence(problems, what="actuals"))
    if not good:
        raise StoreInputError("The batch holds no rows.")
    batch_id = uuid.uuid4().hex

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        for done, item in enumerate(good, start=1):
            _save_actual(session, item, base, user=user, reason=reason, expect_version=None, batch_id=batch_id)
            if progress is not None:
                progress(done)
        return len(good)

    return _write(store, "target", good[0]["target_id"], None, body)


def import_population(
    store: Store,
    figures: Any,
    *,
    user: str,
    reason: str | None = None,
    dry_run: bool = False,
    baseline: Baseline | None = None,
) -> int:
    """Persist a validated population import (``geo.population_upload.read_population_upload``) in one transaction.

    Returns the number of units; with ``dry_run`` the role is checked and nothing is written.
    """
    base = baseline or load_baseline()
    rows = figures.to_dict("records")
    batch_id = uuid.uuid4().hex

    def body(session: Session) -> int:
        require_role(session, user, "editor")
        if dry_run:
            return len(rows)
        for row in rows:
            code = str(row["code"])
            source = str(row["source"])
            item: dict[str, Any] = {"population": int(row["population"]), "year": int(row["year"]), "source": source}

            def change(state: dict[str, Any], item: dict[str, Any] = item) -> dict[str, Any]:
                state["fields"] = dict(item)
                return state

            save_state(
                session,
                kind="population",
                key=code,
                user=user,
                action="population",
                source=source,
                reason=reason,
                expect_version=None,
                change=change,
                baseline_values=base.population.get(code, {}),
                batch_id=batch_id,
            )
        return len(rows)

    return _write(store, "population", str(rows[0]["code"]) if rows else "", None, body)
