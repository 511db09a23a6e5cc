"""A record's history as the pages show it (times in Vietnam time, actions labelled)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from geo.store.errors import vietnam_time
from geo.text import register_label
from layers.i18n import tr

__all__ = ["history_frame"]


def history_frame(versions: list[dict[str, Any]], L: str) -> pd.DataFrame:
    """A record's versions as a table: version, Vietnam time, who, action, changes, source, reason."""
    rows = []
    for v in versions:
        when = vietnam_time(datetime.fromisoformat(v["at"])) if v["at"] else tr("history_baseline", L)
        changed = (
            "; ".join(
                f"{k}: {v['before'].get(k)!s:.40} → {val!s:.60}" for k, val in v["after"].items() if k != "source"
            )
            if v["version"] > 1
            else ""
        )
        rows.append(
            {
                tr("history_version", L): v["version"],
                tr("history_when", L): when,
                tr("history_who", L): v["user"] or "",
                tr("history_action", L): register_label("action", v["action"], L),
                tr("history_changes", L): changed,
                # The baseline's source is the reviewed files, named in the page's language.
                tr("history_source", L): f"data/ ({tr('history_baseline', L)})"
                if v["action"] == "baseline"
                else v["source"],
                tr("history_reason", L): v["reason"] or "",
            }
        )
    return pd.DataFrame(rows)
