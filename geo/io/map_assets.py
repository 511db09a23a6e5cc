"""Readers of what the build wrote for the browser: the asset manifest and the units as drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.config import ASSET_MANIFEST, WEB_UNITS_CACHES
from geo.errors import CacheMissingError, InvalidInputError

__all__ = ["read_asset_manifest", "load_asset_manifest", "load_drawn_units"]

_MISSING = "The map assets are missing; run 'python -m geo build' (make run does it for you)."


def read_asset_manifest(path: Path = ASSET_MANIFEST) -> dict[str, Any]:
    """The manifest of the last asset build; empty when there is none (or it is unreadable)."""
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return {}


def load_asset_manifest(path: Path = ASSET_MANIFEST) -> dict[str, Any]:
    """The manifest of the built map assets: file names, unit counts, province bounds.

    Raises
    ------
    CacheMissingError
        No build has written the assets yet.
    """
    manifest = read_asset_manifest(path)
    if not manifest.get("files"):
        raise CacheMissingError(_MISSING)
    return manifest


def load_drawn_units(vintage: str = "legacy") -> gpd.GeoDataFrame:
    """The national units of ``vintage`` exactly as the national map draws them (coverage-simplified).

    Raises
    ------
    InvalidInputError
        A vintage the build does not write.
    CacheMissingError
        No build has written it yet.
    """
    if vintage not in WEB_UNITS_CACHES:
        raise InvalidInputError(f"No unit layer of the vintage {vintage!r}; known: {', '.join(WEB_UNITS_CACHES)}.")
    path = WEB_UNITS_CACHES[vintage]
    if not path.exists():
        raise CacheMissingError(_MISSING)
    return gpd.read_parquet(path)
