"""What the store checks edits against: the reviewed register in ``data/``.

Loaded once per process; the store never writes these files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Baseline", "load_baseline", "record_kind"]

_PROJECT_FIELDS = ("status", "target_year", "precision", "precision_note", "sources", "name_vi")


@dataclass(frozen=True)
class Baseline:
    """Baseline values by id: projects (editable fields + GeoJSON geometry), target ids, actuals, population."""

    projects: dict[str, dict[str, Any]]
    target_ids: frozenset[str]
    actuals: dict[str, dict[str, dict[str, Any]]]
    population: dict[str, dict[str, Any]]

    def project(self, project_id: str) -> dict[str, Any] | None:
        return self.projects.get(project_id)


@lru_cache(maxsize=1)
def load_baseline() -> Baseline:
    """The curated register (validated) as plain dicts."""
    import shapely

    from geo.io import load_population, load_register

    _, targets, actuals, projects = load_register()
    project_values: dict[str, dict[str, Any]] = {}
    for row in projects.to_dict("records"):
        values = {f: _plain(row.get(f)) for f in _PROJECT_FIELDS}
        shape = row.get("geometry")
        values["geometry"] = shapely.geometry.mapping(shape) if shape is not None else None
        project_values[str(row["id"])] = values
    actual_values: dict[str, dict[str, dict[str, Any]]] = {}
    for row in actuals.to_dict("records"):
        actual_values.setdefault(str(row["target_id"]), {})[str(int(row["year"]))] = {
            "value": float(row["value"]),
            "source": row["source"],
            "note": row["note"] or "",
        }
    population = {
        str(r["code"]): {"population": int(r["population"]), "year": int(r["year"]), "source": r["source"]}
        for r in load_population().to_dict("records")
    }
    return Baseline(project_values, frozenset(targets["id"]), actual_values, population)


def _plain(value: Any) -> Any:
    import pandas as pd

    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def record_kind(key: str) -> str:
    """``DT-11`` → project, ``LC-T08`` → target, ``28435`` → population; else one sentence."""
    import re

    if re.fullmatch(r"[A-Z0-9]+-[TM]\d+[a-z]?", key):
        return "target"
    if re.fullmatch(r"[A-Z]{2}\d?-\d+", key):
        return "project"
    if re.fullmatch(r"\d{5}", key):
        return "population"
    from geo.store.errors import StoreInputError

    raise StoreInputError(f"'{key}' is neither a project id (DT-11), a target id (LC-T08) nor a 5-digit commune code.")
