"""Shared fixtures: the real national layer (built once) and tiny named geometries.

The geometries sit near Cai Lậy (106° E, 10.4° N), in EPSG:4326, and are built by
hand so every expected value can be worked out on paper: 0.1° squares side by
side, one far away, one with a hole, an invalid bow-tie, an empty polygon and a
two-part multipolygon.
"""

from __future__ import annotations

from types import MappingProxyType

import geopandas as gpd
import pytest
import shapely

from geo.config import SHARED_DIR

_SQUARE = shapely.box(106.0, 10.4, 106.1, 10.5)
_FAR = shapely.box(107.0, 11.0, 107.1, 11.1)
GEOMETRIES = MappingProxyType(
    {
        "valid": _SQUARE,
        "neighbour": shapely.box(106.1, 10.4, 106.2, 10.5),  # shares the square's east edge
        "far": _FAR,  # another district, about 130 km away
        "region": shapely.box(105.0, 10.0, 107.0, 11.0),  # an outline around the squares
        "holed": shapely.Polygon(_SQUARE.exterior.coords, [shapely.box(106.03, 10.43, 106.07, 10.47).exterior.coords]),
        "invalid": shapely.Polygon([(106.0, 10.4), (106.1, 10.5), (106.1, 10.4), (106.0, 10.5)]),  # bow-tie
        "empty": shapely.Polygon(),
        "multi": shapely.MultiPolygon([_SQUARE, _FAR]),
    }
)


@pytest.fixture(scope="session")
def geometries() -> MappingProxyType[str, shapely.Geometry]:
    """The named tiny geometries (read-only): valid, neighbour, far, region, holed, invalid, empty, multi."""
    return GEOMETRIES


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


@pytest.fixture(scope="session", autouse=True)
def _no_developer_store(tmp_path_factory):
    """Tests never see a developer's store (var/store/ or $ATLAS_DATABASE_URL): the store is absent
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
