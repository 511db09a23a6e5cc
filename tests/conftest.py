"""Shared fixtures: the real national layer (built once) and tiny hand-made frames."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.config import SHARED_DIR


@pytest.fixture(scope="session")
def national_units() -> gpd.GeoDataFrame:
    """The built national commune layer; builds the cache first if it is stale."""
    from geo.build import build
    from geo.io import load_units

    build()
    return load_units()


@pytest.fixture(scope="session")
def export_inputs(national_units) -> dict[str, object]:
    """The frames :func:`geo.export.collect` takes, read once: ``collect(locality, **export_inputs)``."""
    from geo.io import load_linked_register, load_meridians, load_outlines, load_population

    return {
        "units": national_units,
        "population": load_population(),
        "register": load_linked_register(),
        "provinces": load_outlines("province"),
        "districts": load_outlines("district"),
        "meridians": load_meridians(),
    }


@pytest.fixture(scope="session")
def shared_dir():
    """The reference folder beside the checkout; a fresh clone has none."""
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent (a fresh clone has no shared/ reference folder)")
    return SHARED_DIR
