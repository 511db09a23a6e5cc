"""The only reader of ``data/`` and ``data/cache/``: one loader per artefact.

Curated files (:mod:`geo.io.curated`) are parsed here and validated by the
module that owns their schema; built artefacts (:mod:`geo.io.cache`) raise
:class:`~geo.errors.CacheMissingError` until ``python -m geo build`` has run.
The 2025 layer and its curated resolutions have their loaders in
:mod:`geo.io.vintage2025`. Every other module of :mod:`geo` takes its frames as arguments. The loaders
are imported on first use, so :mod:`geo.io.unit_rows` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from geo.errors import CacheMissingError

if TYPE_CHECKING:
    from geo.io.cache import (
        load_linked_projects,
        load_linked_register,
        load_linked_targets,
        load_outlines,
        load_units,
        read_build_report,
        read_manifest,
    )
    from geo.io.curated import (
        file_digest,
        load_actuals,
        load_crosswalk,
        load_documents,
        load_meridians,
        load_official_areas,
        load_population,
        load_projects,
        load_register,
        load_schema,
        load_standards,
        load_targets,
    )
    from geo.io.map_assets import load_asset_manifest, load_drawn_units, read_asset_manifest
    from geo.io.vintage2025 import (
        load_aliases_2025,
        load_crosswalk_2025,
        load_provinces_2025,
        load_resolutions_2025,
        load_units_2025,
    )

__all__ = [
    "CacheMissingError",
    "load_units",
    "load_outlines",
    "load_linked_projects",
    "load_linked_targets",
    "load_linked_register",
    "read_manifest",
    "read_build_report",
    "file_digest",
    "load_documents",
    "load_targets",
    "load_actuals",
    "load_projects",
    "load_register",
    "load_population",
    "load_standards",
    "load_schema",
    "load_crosswalk",
    "load_official_areas",
    "load_meridians",
    "load_units_2025",
    "load_provinces_2025",
    "load_crosswalk_2025",
    "load_aliases_2025",
    "load_resolutions_2025",
    "read_asset_manifest",
    "load_asset_manifest",
    "load_drawn_units",
]

_CACHE = ("load_units", "load_outlines", "load_linked_projects", "load_linked_targets", "load_linked_register",
          "read_manifest", "read_build_report")  # fmt: skip
_VINTAGE_2025 = ("load_units_2025", "load_provinces_2025", "load_crosswalk_2025", "load_aliases_2025",
                 "load_resolutions_2025")  # fmt: skip
_MAP_ASSETS = ("read_asset_manifest", "load_asset_manifest", "load_drawn_units")


def __getattr__(name: str) -> object:
    # Lazy: the command line's light paths (geo.io.unit_rows) must not import geopandas.
    if name in __all__ and name != "CacheMissingError":
        if name in _VINTAGE_2025:
            return getattr(import_module("geo.io.vintage2025"), name)
        module = import_module(
            "geo.io.cache" if name in _CACHE else "geo.io.map_assets" if name in _MAP_ASSETS else "geo.io.curated"
        )
        return getattr(module, name)
    raise AttributeError(f"module 'geo.io' has no attribute {name!r}")
