"""Where the 2025 layer lives in the build cache, and its loaders (the only readers of those files)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd

from geo.config import CACHE_DIR
from geo.errors import CacheMissingError

__all__ = [
    "UNITS_2025_CACHE",
    "UNITS_2025_MAP_CACHE",
    "PROVINCES_2025_CACHE",
    "CROSSWALK_2025_CACHE",
    "ALIASES_2025_CACHE",
    "OUTPUTS_2025",
    "load_units_2025",
    "load_provinces_2025",
    "load_crosswalk",
    "load_aliases",
]

UNITS_2025_CACHE: Final[Path] = CACHE_DIR / "units_2025.parquet"
# Simplified once at build time, like the legacy map layer.
UNITS_2025_MAP_CACHE: Final[Path] = CACHE_DIR / "units_2025_map.parquet"
PROVINCES_2025_CACHE: Final[Path] = CACHE_DIR / "provinces_2025.parquet"
CROSSWALK_2025_CACHE: Final[Path] = CACHE_DIR / "crosswalk_2025.parquet"
# Codes the second published list (vietnam-provinces) gives to units whose code differs here.
ALIASES_2025_CACHE: Final[Path] = CACHE_DIR / "aliases_2025.parquet"
OUTPUTS_2025: tuple[Path, ...] = (
    UNITS_2025_CACHE,
    UNITS_2025_MAP_CACHE,
    PROVINCES_2025_CACHE,
    CROSSWALK_2025_CACHE,
    ALIASES_2025_CACHE,
)

_MISSING = "The data cache is missing; run 'python -m geo build' (make run does it for you)."


def _need(path: Path) -> Path:
    if not path.exists():
        raise CacheMissingError(_MISSING)
    return path


def load_units_2025(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """The 3,321 units of 2025 with their dissolved polygons (EPSG:4326).

    Columns: ``code``, ``name``, ``unit_type``, ``province_code``, ``province_name``,
    ``official_km2``, ``lat``, ``lon``, ``area_km2`` (geodesic), ``approximate_boundary``,
    ``approximate_reason``, ``geometry`` (None where no legacy polygon exists).
    """
    return gpd.read_parquet(_need(UNITS_2025_MAP_CACHE if simplified else UNITS_2025_CACHE))


def load_provinces_2025() -> gpd.GeoDataFrame:
    """The 34 province outlines of 2025, simplified for small-scale drawing."""
    return gpd.read_parquet(_need(PROVINCES_2025_CACHE))


def load_crosswalk() -> pd.DataFrame:
    """Legacy → 2025 rows: ``legacy_code``, ``new_code``, ``relation``, ``share``, ``is_default``, ``note``."""
    return pd.read_parquet(_need(CROSSWALK_2025_CACHE))


def load_aliases() -> pd.DataFrame:
    """``other_code`` (vietnam-provinces) → ``code`` (the app's 2025 code), with ``name``."""
    return pd.read_parquet(_need(ALIASES_2025_CACHE))
