"""A light reader of unit rows from the build cache (pyarrow only): the command line's fast path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from geo.config import UNITS_CACHE
from geo.errors import CacheMissingError

__all__ = ["read_unit_rows"]


def read_unit_rows(
    *, level: Literal["district", "province"], code: str, columns: Sequence[str]
) -> list[dict[str, object]]:
    """The ``columns`` of the units of one district or province, in code order, without pandas or geopandas."""
    import pyarrow.parquet as pq

    if not UNITS_CACHE.exists():
        raise CacheMissingError("The data cache is missing; run 'python -m geo build' (make run does it for you).")
    table = pq.read_table(UNITS_CACHE, columns=list(columns), filters=[(f"{level}_code", "=", code)])
    return sorted(table.to_pylist(), key=lambda row: str(row["code"]))
