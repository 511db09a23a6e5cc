"""How a target stands: the latest actual against the target's comparator and value."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["STATUSES", "is_met", "target_status"]

STATUSES = ("met", "not met", "no data")


def is_met(comparator: str, *, value: float, value_min: float, value_max: float, actual: float) -> bool:
    """Whether ``actual`` satisfies the target.

    ``comparator`` is one of ``>=``, ``>``, ``<=``, ``<``, ``=``, ``range``; an empty
    comparator is a milestone, met when its actual is 1 (done).
    """
    if comparator == ">=":
        return actual >= value
    if comparator == ">":
        return actual > value
    if comparator == "<=":
        return actual <= value
    if comparator == "<":
        return actual < value
    if comparator == "=":
        return math.isclose(actual, value, rel_tol=1e-9, abs_tol=1e-9)
    if comparator == "range":
        return value_min <= actual <= value_max
    return actual >= 1


def target_status(targets: pd.DataFrame, actuals: pd.DataFrame) -> pd.DataFrame:
    """Add the latest actual (highest year) and a status to each target.

    Returns
    -------
    pandas.DataFrame
        A copy with ``actual`` (float, NaN when none), ``actual_year`` (Int64),
        ``actual_source`` (str) and ``status`` ('met' | 'not met' | 'no data').
        A status is for the year of its actual: an interim figure below a
        2030 target reads 'not met' with that year beside it.
    """
    latest = actuals.sort_values(["target_id", "year"]).drop_duplicates("target_id", keep="last").set_index("target_id")
    out = targets.copy()
    out["actual"] = out["id"].map(latest["value"]).astype("float64")
    out["actual_year"] = out["id"].map(latest["year"]).astype("Int64")
    out["actual_source"] = out["id"].map(latest["source"]).fillna("").astype(str)
    status = []
    for row in out.itertuples():
        if pd.isna(row.actual):
            status.append("no data")
            continue
        comparator = row.comparator.strip() if isinstance(row.comparator, str) else ""
        met = is_met(
            comparator, value=row.value, value_min=row.value_min, value_max=row.value_max, actual=float(row.actual)
        )
        status.append("met" if met else "not met")
    out["status"] = status
    return out
