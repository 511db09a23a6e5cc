"""The one hook between the store and the register loaders: baseline loaders with the edits applied.

Each function has the name and result of the baseline loader it wraps, so a
caller switches by changing its import only. With no store yet (no SQLite
file, no ``ATLAS_DATABASE_URL``) the baseline is returned unchanged and no
store is created.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from geo.resolutions import LinkedRegister

if TYPE_CHECKING:
    from geo.report import ReportData

__all__ = [
    "load_targets_with_actuals",
    "store_edits",
    "store_stamp",
    "load_linked_projects",
    "load_linked_targets",
    "load_actuals",
    "load_population",
    "load_linked_register",
    "load_actual_edits",
    "load_edited_report",
]


def store_edits() -> list[dict[str, Any]]:
    """The store's current edits, or ``[]`` when there is no store."""
    from geo.store.engine import open_store, store_exists
    from geo.store.versions import current_edits

    return current_edits(open_store()) if store_exists() else []


def store_stamp() -> int:
    """The id of the latest change (0 when none): a cache key that moves on every save, in any process."""
    from sqlalchemy import func, select

    from geo.store.engine import open_store, store_exists
    from geo.store.models import Change

    if not store_exists():
        return 0
    with open_store().reading() as session:
        return int(session.scalar(select(func.max(Change.id))) or 0)


def load_linked_projects(edits: list[dict[str, Any]] | None = None) -> gpd.GeoDataFrame:
    """The linked project register (build cache) with the store's edits, plus ``version``."""
    from geo import io
    from geo.edited_register import apply_project_edits

    base = io.load_linked_projects()
    edits = store_edits() if edits is None else edits
    units = None
    if any(e["kind"] == "project" and (e["geometry"] is not None or e["is_new"]) for e in edits):
        units = io.load_units()
    return apply_project_edits(base, edits, units=units)


def load_linked_targets() -> pd.DataFrame:
    """The linked targets (a target's own fields are not edited; its actuals are, see :func:`load_actuals`)."""
    from geo import io

    return io.load_linked_targets()


def load_actuals(edits: list[dict[str, Any]] | None = None) -> pd.DataFrame:
    """Baseline actuals with the stored ones."""
    from geo import io
    from geo.edited_register import apply_actual_edits

    return apply_actual_edits(io.load_actuals(), store_edits() if edits is None else edits)


def load_population() -> pd.DataFrame:
    """Census figures with the persisted imports."""
    from geo import io
    from geo.edited_register import apply_population_edits

    return apply_population_edits(io.load_population(), store_edits())


def load_linked_register() -> LinkedRegister:
    """Documents, linked targets, linked projects and actuals with the store's edits (one read of the store)."""
    from geo import io

    edits = store_edits()
    return LinkedRegister(io.load_documents(), load_linked_targets(), load_linked_projects(edits), load_actuals(edits))


def load_targets_with_actuals() -> pd.DataFrame:
    """The linked targets with their latest actual (baseline or stored): ``actual``, ``actual_year``,
    ``actual_source`` and ``status`` (:func:`geo.progress.target_status`)."""
    from geo.progress import target_status

    return target_status(load_linked_targets(), load_actuals())


def load_actual_edits() -> pd.DataFrame:
    """Actuals entered in the store since the baseline, for the progress report.

    Columns ``target_id``, ``value``, ``year``, ``source``, ``user`` and ``at``
    (Vietnam time, ``2026-12-02 21:47``, the column heading names the zone),
    by target and year; empty when there is no store.
    """
    from geo.report import EDIT_COLUMNS
    from geo.store.clock import to_vietnam
    from geo.store.engine import open_store, store_exists

    if not store_exists():
        return pd.DataFrame(columns=list(EDIT_COLUMNS))
    from geo.store.versions import actual_entries

    rows = [
        {**{c: e[c] for c in EDIT_COLUMNS if c != "at"}, "at": f"{to_vietnam(e['at']):%Y-%m-%d %H:%M}"}
        for e in actual_entries(open_store())
    ]
    return pd.DataFrame(rows, columns=list(EDIT_COLUMNS))


def load_edited_report(document_id: str, *, made_on: date | None = None) -> ReportData:
    """The progress report of ``document_id`` on the edited register: statuses from the baseline and
    stored actuals, and the stored entries listed with who entered them and when."""
    from geo import io
    from geo.report import collect_report

    edits = store_edits()
    return collect_report(
        document_id,
        documents=io.load_documents(),
        targets=io.load_targets(),
        actuals=load_actuals(edits),
        edits_since_baseline=load_actual_edits() if edits else None,
        made_on=made_on,
    )

