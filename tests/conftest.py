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


@pytest.fixture(scope="session", autouse=True)
def _no_developer_store(tmp_path_factory):
    """Tests never see a developer's store (data/store/ or $ATLAS_DATABASE_URL): the store is absent
    unless a test points the variable at its own; app processes started by tests inherit this."""
    import os

    path = tmp_path_factory.mktemp("no-store") / "absent.sqlite"
    saved = os.environ.get("ATLAS_DATABASE_URL")
    os.environ["ATLAS_DATABASE_URL"] = f"sqlite:///{path}"
    yield
    if saved is None:
        os.environ.pop("ATLAS_DATABASE_URL", None)
    else:
        os.environ["ATLAS_DATABASE_URL"] = saved
