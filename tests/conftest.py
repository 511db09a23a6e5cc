"""Shared fixtures: the real national layer (built once) and tiny hand-made frames."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.config import SHARED_DIR


@pytest.fixture(scope="session")
def national_units() -> gpd.GeoDataFrame:
    """The built national commune layer; builds the cache first if it is stale."""
    from geo.boundaries import load_units
    from geo.build import build

    build()
    return load_units()


@pytest.fixture(scope="session")
def shared_dir():
    """The reference folder beside the checkout; a fresh clone has none."""
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent (a fresh clone has no shared/ reference folder)")
    return SHARED_DIR
