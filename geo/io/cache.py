"""Loaders of the build cache (``data/cache/``), each raising one :class:`CacheMissingError`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from geo.config import (
    BUILD_MANIFEST,
    DISTRICTS_CACHE,
    PROJECTS_CACHE,
    PROVINCES_CACHE,
    REPORT_FILE,
    TARGETS_CACHE,
    UNITS_CACHE,
    UNITS_MAP_CACHE,
)
from geo.errors import CacheMissingError
from geo.resolutions import LinkedRegister

__all__ = [
    "load_units",
    "load_outlines",
    "load_linked_projects",
    "load_linked_targets",
    "load_linked_register",
    "read_manifest",
    "read_build_report",
]

_MISSING = "The data cache is missing; run 'python -m geo build' (make run does it for you)."


def _existing(path: Path, missing: str = _MISSING) -> Path:
    """``path`` itself, or one :class:`CacheMissingError` saying ``missing`` when the build has not written it."""
    if not path.exists():
        raise CacheMissingError(missing)
    return path


def load_units(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """The national commune layer from the build cache (EPSG:4326).

    Parameters
    ----------
    simplified
        The map version, simplified once at build time, for drawing in a browser.

    Returns
    -------
    geopandas.GeoDataFrame
        :data:`geo.boundaries.UNIT_COLUMNS`, one row per legacy commune-level unit.
    """
    return gpd.read_parquet(_existing(UNITS_MAP_CACHE if simplified else UNITS_CACHE))


def load_outlines(level: Literal["province", "district"]) -> gpd.GeoDataFrame:
    """Dissolved ``"province"`` or ``"district"`` outlines from the build cache (EPSG:4326)."""
    path = {"province": PROVINCES_CACHE, "district": DISTRICTS_CACHE}[level]
    return gpd.read_parquet(_existing(path))


def _as_lists(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].map(lambda v: [str(x) for x in v] if v is not None else [])
    return frame


def load_linked_projects() -> gpd.GeoDataFrame:
    """The project register from the build cache, with ``unit_codes`` and ``linked_target_ids``."""
    return _as_lists(
        gpd.read_parquet(_existing(PROJECTS_CACHE)),
        ("document_ids", "sections", "target_ids", "sources", "unit_codes", "linked_target_ids"),
    )


def load_linked_targets() -> pd.DataFrame:
    """Targets from the build cache, with ``linked_unit_codes`` and ``linked_project_ids``."""
    return _as_lists(pd.read_parquet(_existing(TARGETS_CACHE)), ("linked_unit_codes", "linked_project_ids"))


def load_linked_register() -> LinkedRegister:
    """Documents, linked targets, linked projects and actuals: what the pages and exports show."""
    from geo.io.curated import load_actuals, load_documents

    return LinkedRegister(load_documents(), load_linked_targets(), load_linked_projects(), load_actuals())


def read_manifest(manifest: Path = BUILD_MANIFEST) -> dict[str, str]:
    """Step → input digest of the last build; empty when there is none (or it is unreadable)."""
    try:
        return dict(json.loads(manifest.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return {}


def read_build_report(path: Path = REPORT_FILE) -> list[str]:
    """The lines of the last build's full report; empty when there is none."""
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []
