"""The register users see: the reviewed baseline with the store's edits applied.

Pure functions on frames: they take the baseline frames and the store's
current edits (``geo.store.versions.current_edits``: dicts with ``kind``,
``key``, ``version``, ``fields``, ``based_on``, ``geometry`` as GeoJSON,
``retired``, ``is_new``, ``updated_by``, ``updated_at``) and return new
frames. A retired project leaves the register shown; nothing is deleted from
the store. When the baseline itself has changed a field since the edit was
made (``based_on`` differs from today's baseline), :func:`disagreements`
lists both values so that neither is silently picked.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.population import merge_population

__all__ = [
    "PROJECT_EDIT_FIELDS",
    "apply_project_edits",
    "apply_actual_edits",
    "apply_population_edits",
    "disagreements",
]

PROJECT_EDIT_FIELDS = ("status", "target_year", "precision", "precision_note")
_LIST_COLUMNS = ("document_ids", "sections", "target_ids", "sources", "unit_codes", "linked_target_ids")


def _of_kind(edits: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in edits if e["kind"] == kind]


def apply_project_edits(
    projects: gpd.GeoDataFrame, edits: list[dict[str, Any]], *, units: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """The project register with status, year, location, precision and source edits, new and retired projects.

    Parameters
    ----------
    projects
        The linked baseline register (``geo.io.load_linked_projects``), EPSG:4326.
    edits
        The store's current edits (other kinds are ignored).
    units
        The unit layer; when given, ``unit_codes`` of relocated and new
        projects are recomputed by the spatial join of :func:`geo.spatial.project_units`.

    Returns
    -------
    geopandas.GeoDataFrame
        Same columns plus ``version`` (1 = baseline), retired projects left out, EPSG:4326.
    """
    out = projects.copy()
    out["version"] = 1
    project_edits = _of_kind(edits, "project")
    if not project_edits:
        return out
    index = {pid: i for i, pid in zip(out.index, out["id"])}
    new_rows, moved, retired = [], [], set()
    for edit in project_edits:
        fields, pid = edit["fields"], edit["key"]
        if edit["retired"]:
            retired.add(pid)
        if edit["is_new"]:
            row = {c: fields.get(c) for c in out.columns if c != "geometry"}
            for column in _LIST_COLUMNS:
                row[column] = list(fields.get(column) or [])
            row["linked_target_ids"] = list(fields.get("target_ids") or [])
            row["id"] = pid
            row["version"] = edit["version"]
            row["geometry"] = shapely.geometry.shape(edit["geometry"]) if edit["geometry"] else None
            new_rows.append(row)
            moved.append(pid)
            continue
        if pid not in index:
            continue
        i = index[pid]
        for column in PROJECT_EDIT_FIELDS:
            if column in fields:
                out.at[i, column] = fields[column]
        source = fields.get("source")
        if source and source not in out.at[i, "sources"]:
            out.at[i, "sources"] = [*out.at[i, "sources"], source]
        if edit["geometry"] is not None:
            out.at[i, "geometry"] = shapely.geometry.shape(edit["geometry"])
            moved.append(pid)
        out.at[i, "version"] = edit["version"]
    if new_rows:
        added = gpd.GeoDataFrame(pd.DataFrame(new_rows), geometry="geometry", crs=out.crs)
        out = gpd.GeoDataFrame(pd.concat([out, added], ignore_index=True), geometry="geometry", crs=out.crs)
    out = out[~out["id"].isin(retired)].reset_index(drop=True)
    if units is not None and moved:
        from geo.spatial import project_units

        chosen = out[out["id"].isin(moved)]
        joined = project_units(chosen, units)
        for i, pid in zip(chosen.index, chosen["id"]):
            out.at[i, "unit_codes"] = list(joined.at[pid, "unit_codes"])
    out["target_year"] = out["target_year"].astype("Int64")
    out["version"] = out["version"].astype("int64")
    return out


def apply_actual_edits(actuals: pd.DataFrame, edits: list[dict[str, Any]]) -> pd.DataFrame:
    """Baseline actuals with the store's (value, year, source, note); a stored year replaces the baseline's."""
    rows = [
        {"target_id": e["key"], "year": int(year), **item}
        for e in _of_kind(edits, "target")
        for year, item in e["fields"].get("actuals", {}).items()
    ]
    if not rows:
        return actuals
    stored = pd.DataFrame(rows, columns=["target_id", "value", "year", "source", "note"])
    keys = set(zip(stored["target_id"], stored["year"]))
    kept = actuals[[(t, int(y)) not in keys for t, y in zip(actuals["target_id"], actuals["year"])]]
    out = pd.concat([kept, stored], ignore_index=True)
    out["value"] = out["value"].astype("float64")
    out["year"] = out["year"].astype("int64")
    return out.sort_values(["target_id", "year"], kind="stable").reset_index(drop=True)


def apply_population_edits(population: pd.DataFrame, edits: list[dict[str, Any]]) -> pd.DataFrame:
    """Census figures with the persisted imports (``origin`` = ``imported``) taking precedence."""
    rows = [{"code": e["key"], **e["fields"]} for e in _of_kind(edits, "population")]
    if not rows:
        return population
    return merge_population(population, pd.DataFrame(rows, columns=["code", "population", "year", "source"]))


def disagreements(baseline_values: dict[str, dict[str, Any]], edits: list[dict[str, Any]]) -> pd.DataFrame:
    """Fields whose baseline changed after they were edited: both values, for a person to settle.

    Parameters
    ----------
    baseline_values
        Today's baseline by project id (``geo.store.baseline.Baseline.projects``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``field``, ``baseline_when_edited``, ``baseline_now``, ``edited``, ``version``.
    """
    rows = []
    for edit in _of_kind(edits, "project"):
        now = baseline_values.get(edit["key"])
        if now is None or edit["is_new"]:
            continue
        current = {**edit["fields"], **({"geometry": edit["geometry"]} if edit["geometry"] is not None else {})}
        for field, then in edit["based_on"].items():
            if field in current and field in now and now[field] != then and now[field] != current[field]:
                rows.append(
                    {
                        "id": edit["key"],
                        "field": field,
                        "baseline_when_edited": then,
                        "baseline_now": now[field],
                        "edited": current[field],
                        "version": edit["version"],
                    }
                )
    return pd.DataFrame(rows, columns=["id", "field", "baseline_when_edited", "baseline_now", "edited", "version"])
