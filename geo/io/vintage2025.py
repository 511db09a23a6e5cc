"""Loaders of the 2025 layer (``data/cache/*_2025.parquet``) and of ``data/resolutions_2025.csv``.

The cache files are written by the 2025 step of ``python -m geo build``
(:mod:`geo.vintage.build2025`); until it has run each loader raises one
:class:`~geo.errors.CacheMissingError`. The :mod:`geo.vintage` modules take
these frames as arguments.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.config import (
    ALIASES_2025_CACHE,
    CROSSWALK_2025_CACHE,
    PROVINCES_2025_CACHE,
    RESOLUTIONS_2025_FILE,
    UNITS_2025_CACHE,
    UNITS_2025_MAP_CACHE,
)
from geo.errors import DataValidationError
from geo.io.cache import _existing as existing_cache_file

__all__ = [
    "load_units_2025",
    "load_provinces_2025",
    "load_crosswalk_2025",
    "load_aliases_2025",
    "load_resolutions_2025",
]

_MISSING = "The 2025 layer is missing from the data cache; run 'python -m geo build' (make run does it for you)."


def _existing(path: Path) -> Path:
    return existing_cache_file(path, _MISSING)


def load_units_2025(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """The 3,321 units of 2025 with their dissolved polygons (EPSG:4326).

    Parameters
    ----------
    simplified
        The map version, simplified once at build time, for drawing in a browser.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name``, ``unit_type``, ``province_code``, ``province_name``, ``official_km2``,
        ``lat``, ``lon``, ``area_km2`` (geodesic), ``approximate_boundary``, ``approximate_reason``,
        ``geometry`` (None where no legacy polygon exists).
    """
    return gpd.read_parquet(_existing(UNITS_2025_MAP_CACHE if simplified else UNITS_2025_CACHE))


def load_provinces_2025() -> gpd.GeoDataFrame:
    """The 34 province outlines of 2025, simplified for small-scale drawing."""
    return gpd.read_parquet(_existing(PROVINCES_2025_CACHE))


def load_crosswalk_2025() -> pd.DataFrame:
    """Legacy → 2025 rows: ``legacy_code``, ``new_code``, ``relation``, ``share``, ``is_default``, ``note`` …"""
    return pd.read_parquet(_existing(CROSSWALK_2025_CACHE))


def load_aliases_2025() -> pd.DataFrame:
    """``other_code`` (vietnam-provinces) → ``code`` (the app's 2025 code), with ``name`` and ``province_code``."""
    return pd.read_parquet(_existing(ALIASES_2025_CACHE))


def load_resolutions_2025(path: Path = RESOLUTIONS_2025_FILE) -> pd.DataFrame:
    """The arrangement resolutions of the seed provinces, one row per 2025 province, with sources.

    Raises
    ------
    DataValidationError
        A row that breaks the file's schema (:data:`geo.io.strict.TABLE_SCHEMAS`), or a province twice.
    """
    from geo.io.strict import TABLE_SCHEMAS, validate_table

    rows = validate_table(Path(path), TABLE_SCHEMAS["resolutions_2025.csv"])
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        code = row["province_code_2025"]
        if code in seen:
            raise DataValidationError(
                f"{Path(path).name}, row {number}, field province_code_2025: the province {code} is listed twice."
            )
        seen.add(code)
    return pd.DataFrame(rows, dtype=str)
