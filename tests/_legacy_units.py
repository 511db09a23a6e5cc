"""Test helper: the legacy (pre-July-2025) unit list as the frame ``load_units`` returns, without geometry.

Read with :func:`geo.sources.read_legacy_units` straight from the registry
package, so tests that need the real national list do not depend on the build
cache. It keeps the registry's 10,040 rows: 10,035 commune-level units and 5
island districts without communes (empty ``code``/``name``/``unit_type``), so
that all 696 district-level units are present; the metrics skip the 5 rows.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from geo.sources import read_legacy_units

__all__ = ["legacy_units"]


@lru_cache(maxsize=1)
def _cached() -> pd.DataFrame:
    return read_legacy_units().drop(columns=["aliases"]).assign(area_km2=float("nan"))


def legacy_units() -> pd.DataFrame:
    """The full legacy list (10,040 rows incl. 5 placeholders); a fresh copy each call."""
    return _cached().copy()
