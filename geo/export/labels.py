"""Label columns beside the register's codes in data files (codes stay for software, labels for people)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.text import register_label

__all__ = ["REGISTER_CODE_COLUMNS", "with_register_labels"]

# Column → the register field whose labels it takes (geo.text.REGISTER_TEXT).
REGISTER_CODE_COLUMNS: dict[str, str] = {"kind": "kind", "status": "status", "precision": "precision"}


def with_register_labels(frame: pd.DataFrame, lang: str, fields: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with ``<column>_label`` inserted right after each code column present.

    ``fields`` maps a column to its register field (default :data:`REGISTER_CODE_COLUMNS`).
    """
    out = frame.copy()
    for column, field in (fields or REGISTER_CODE_COLUMNS).items():
        if column in out.columns:
            labels = out[column].map(lambda code, f=field: register_label(f, code, lang))
            out.insert(list(out.columns).index(column) + 1, f"{column}_label", labels)
    return out
