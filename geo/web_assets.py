"""Static map assets: the national layers as versioned, pre-compressed files under ``static/build/``.

Streamlit serves ``static/`` at ``/app/static/`` but does not compress what it
serves there, so each layer is written gzip-compressed (``.json.gz``) and the
browser inflates it itself (``DecompressionStream``): the bytes on the wire are
the gzip bytes whatever the server does. The content hash in each file name lets
the browser keep a file for as long as it likes: a new build writes a new name.

A locality view draws its units from the per-province files (``units-p<code>``):
the map layer's own geometry (simplified once by the build, 1e-5° grid), with
the unit's name, type, area and a label point, so the map script of a locality
carries only the codes to draw and the browser keeps each province file.

Measured on the legacy layer (9,971 polygons), bytes raw / gzip:
coverage-simplified GeoJSON at 0.003° 5.82 / 1.09 MB, at 0.01° 2.98 / 0.46 MB;
TopoJSON with shared arcs (``topojson`` 2.2, quantised 1e6 / 1e5) 3.06 / 0.98 MB
and 2.06 / 0.56 MB. After gzip the shared arcs save nothing over a grid-snapped
GeoJSON, so the layers are GeoJSON: no encoder or decoder to carry.

The build (:mod:`geo.build`) reads the cache through :mod:`geo.io` and hands
the frames in; this module only writes, and reads back its own manifest
through :func:`geo.io.read_asset_manifest`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import safe_write, topology
from geo.config import ASSET_MANIFEST, STATIC_BUILD_DIR
from geo.io import read_asset_manifest

__all__ = [
    "STATIC_BUILD_DIR",
    "ASSET_MANIFEST",
    "NATIONAL_TOLERANCE_DEG",
    "UNIT_PROPERTIES",
    "UNIT_2025_PROPERTIES",
    "AssetResult",
    "code_inputs",
    "assets_current",
    "write_assets",
    "write_unit_layer",
    "LOCAL_UNIT_PROPERTIES",
    "local_unit_frame",
]

# 0.01° is half a pixel at zoom 6, where the whole country fits a screen, and two pixels at zoom 8.
NATIONAL_TOLERANCE_DEG: Final[float] = 0.01
GRID_DEG: Final[float] = 1e-4
# Column → short property key in the browser file.
UNIT_PROPERTIES: Final[dict[str, str]] = {
    "code": "c",
    "name": "n",
    "unit_type": "t",
    "district_code": "d",
    "province_code": "p",
}
# The 2025 units have no district level: the province is the area they are grouped by.
UNIT_2025_PROPERTIES: Final[dict[str, str]] = {
    "code": "c",
    "name": "n",
    "unit_type": "t",
    "province_code": "p",
}
# Per-province unit files: the national keys plus the area and a label point inside the polygon.
LOCAL_UNIT_PROPERTIES: Final[dict[str, str]] = {
    **{k: v for k, v in UNIT_PROPERTIES.items() if k != "province_code"},
    "area_km2": "a",
    "label_point": "r",
}
LABEL_POINT_DECIMALS: Final[int] = 5
# Outline files hold both levels: ``l`` is "p" (province) or "d" (district).
OUTLINE_PROPERTIES: Final[dict[str, str]] = {"level": "l", "code": "c", "province_code": "p", "name": "n"}


def _tagged(frame: gpd.GeoDataFrame, level: str, province_code: str | None = None) -> gpd.GeoDataFrame:
    code = f"{level}_code"
    return gpd.GeoDataFrame(
        {
            "level": level[0],
            "code": frame[code].to_numpy(),
            "province_code": frame["province_code"].to_numpy() if province_code is None else province_code,
            "name": frame[f"{level}_name"].to_numpy(),
        },
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs,
    )


def _national_outlines(provinces: gpd.GeoDataFrame, districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Province and district outlines coverage-simplified at the national tolerance, in one frame."""
    parts = []
    for level, frame in (("province", provinces), ("district", districts)):
        simplified = frame.set_geometry(
            topology.simplify_coverage(frame.geometry, tolerance_deg=NATIONAL_TOLERANCE_DEG, grid_deg=GRID_DEG)
        )
        parts.append(_tagged(simplified, level, None))
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=provinces.crs)


def _outlines_2025(provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The 34 provinces of 2025, coverage-simplified at the national tolerance, tagged as outlines."""
    simplified = provinces.set_geometry(
        topology.simplify_coverage(provinces.geometry, tolerance_deg=NATIONAL_TOLERANCE_DEG, grid_deg=GRID_DEG)
    )
    return _tagged(simplified, "province", None)


def local_unit_frame(map_units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The map layer's units that have a polygon, with ``label_point`` [lon, lat] and a rounded area.

    The label point is :func:`shapely.point_on_surface`: inside the polygon, so a
    name never sits in a neighbour (a centroid can, for a crescent-shaped unit).
    """
    drawn = map_units[map_units.geometry.notna() & ~map_units.geometry.is_empty].reset_index(drop=True)
    points = shapely.point_on_surface(np.asarray(drawn.geometry.values))
    xy = np.round(shapely.get_coordinates(points), LABEL_POINT_DECIMALS)
    return drawn.assign(label_point=[[float(x), float(y)] for x, y in xy], area_km2=drawn["area_km2"].round(2))


@dataclass(frozen=True)
class AssetResult:
    """What :func:`write_assets` wrote: ``files`` maps asset name → file name under ``static/build/``."""

    rebuilt: bool
    seconds: float
    files: dict[str, str]
    sizes: dict[str, tuple[int, int]]  # name → (raw bytes, gzip bytes)

    def summary_lines(self) -> list[str]:
        """One line per national file and one for the per-province outline files together."""
        lines = [
            f"Map asset {name}: {raw / 1e6:.2f} MB, {packed / 1e6:.2f} MB gzip"
            for name, (raw, packed) in self.sizes.items()
            if not name.startswith(("outlines-p", "units-p"))
        ]
        local = [packed for name, (_, packed) in self.sizes.items() if name.startswith("outlines-p")]
        if local:
            lines.append(f"Map assets outlines-p*: {len(local)} files, {sum(local) / 1e6:.2f} MB gzip in all")
        units = [packed for name, (_, packed) in self.sizes.items() if name.startswith("units-p")]
        if units:
            lines.append(
                f"Map assets units-p*: {len(units)} files, {sum(units) / 1e6:.2f} MB gzip in all, "
                f"largest {max(units) / 1e6:.2f} MB"
            )
        return lines


def code_inputs() -> list[Path]:
    """The code whose change must rewrite the assets (the build adds the cache files they come from)."""
    return [Path(__file__), Path(topology.__file__)]


def assets_current(digest: str, out_dir: Path = STATIC_BUILD_DIR) -> bool:
    """True when the assets in ``out_dir`` were written from inputs of ``digest`` and are all there."""
    manifest = read_asset_manifest(out_dir / ASSET_MANIFEST.name)
    files = manifest.get("files", {})
    return manifest.get("inputs") == digest and bool(files) and all((out_dir / f).exists() for f in files.values())


def _write_gz(name: str, raw: bytes, out_dir: Path) -> tuple[str, tuple[int, int]]:
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    file_name = f"{name}.{hashlib.sha256(packed).hexdigest()[:12]}.json.gz"
    target = out_dir / file_name
    if not target.exists():
        safe_write.atomic_write(target, lambda p: p.write_bytes(packed), mode=0o644, create_parent=True)
    return file_name, (len(raw), len(packed))


def write_unit_layer(
    units: gpd.GeoDataFrame,
    *,
    vintage: str,
    out_dir: Path = STATIC_BUILD_DIR,
    properties: Mapping[str, str] = UNIT_PROPERTIES,
    tolerance_deg: float = NATIONAL_TOLERANCE_DEG,
) -> tuple[str, tuple[int, int], gpd.GeoDataFrame]:
    """Write one vintage's national unit layer; returns its file name, sizes and the drawn frame.

    Units without a polygon are left out (the page says how many). The drawn
    frame (same simplified geometry) is what a click is looked up in.
    """
    drawn = units[units.geometry.notna() & ~units.geometry.is_empty].reset_index(drop=True)
    drawn = drawn.set_geometry(
        topology.simplify_coverage(drawn.geometry, tolerance_deg=tolerance_deg, grid_deg=GRID_DEG)
    )
    file_name, sizes = _write_gz(f"units-{vintage}", topology.feature_collection_bytes(drawn, properties), out_dir)
    return file_name, sizes, drawn[[*properties, "geometry"]]


def write_assets(
    units: gpd.GeoDataFrame,
    map_units: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    *,
    digest: str,
    units_2025: gpd.GeoDataFrame | None = None,
    provinces_2025: gpd.GeoDataFrame | None = None,
    out_dir: Path = STATIC_BUILD_DIR,
) -> tuple[AssetResult, dict[str, gpd.GeoDataFrame]]:
    """Write the legacy unit layer, the per-province unit and outline files, then the manifest.

    ``units`` is the full-detail layer (simplified here for the national view);
    ``map_units`` the build's map layer, written as it is into the province files.
    ``units_2025`` and ``provinces_2025`` (both or neither) add the national view of the
    2025 units: ``units-2025`` and the 34 province outlines ``outlines-2025``.

    ``digest`` names the inputs (recorded in the manifest for :func:`assets_current`).
    Files of earlier builds are removed once the manifest names the new ones.

    Returns
    -------
    tuple
        What was written, and the units as drawn by vintage (for the build to keep in its cache).
    """
    if (units_2025 is None) != (provinces_2025 is None):
        raise ValueError("The 2025 units and the 2025 provinces go together.")
    started = time.perf_counter()
    files: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {}
    files["units-legacy"], sizes["units-legacy"], drawn = write_unit_layer(units, vintage="legacy", out_dir=out_dir)
    drawn_by_vintage = {"legacy": drawn}
    if units_2025 is not None and provinces_2025 is not None:
        files["units-2025"], sizes["units-2025"], drawn_by_vintage["2025"] = write_unit_layer(
            units_2025, vintage="2025", out_dir=out_dir, properties=UNIT_2025_PROPERTIES
        )
        files["outlines-2025"], sizes["outlines-2025"] = _write_gz(
            "outlines-2025",
            topology.feature_collection_bytes(_outlines_2025(provinces_2025), OUTLINE_PROPERTIES),
            out_dir,
        )
    national = _national_outlines(provinces, districts)
    files["outlines-national"], sizes["outlines-national"] = _write_gz(
        "outlines-national", topology.feature_collection_bytes(national, OUTLINE_PROPERTIES), out_dir
    )
    local_units = local_unit_frame(map_units)
    unit_counts: dict[str, int] = {}
    for code, in_province in local_units.groupby("province_code"):
        name = f"units-p{code}"
        files[name], sizes[name] = _write_gz(
            name, topology.feature_collection_bytes(in_province, LOCAL_UNIT_PROPERTIES), out_dir
        )
        unit_counts[str(code)] = int(len(in_province))
    bboxes: dict[str, list[float]] = {}
    for code, province in provinces.groupby("province_code"):
        local = (
            _tagged(province, "province", str(code)),
            _tagged(districts[districts["province_code"] == code], "district", str(code)),
        )
        frame = gpd.GeoDataFrame(pd.concat(local, ignore_index=True), crs=provinces.crs)
        name = f"outlines-p{code}"
        files[name], sizes[name] = _write_gz(
            name, topology.feature_collection_bytes(frame, OUTLINE_PROPERTIES), out_dir
        )
        bboxes[str(code)] = [round(float(v), 4) for v in province.total_bounds]
    counts = {f"units-{vintage}": int(len(frame)) for vintage, frame in drawn_by_vintage.items()}
    record = {
        "inputs": digest,
        "files": files,
        "counts": counts,
        "province_units": unit_counts,
        "province_bounds": bboxes,
        "sizes": sizes,
    }
    text = json.dumps(record, indent=1)
    manifest_path = out_dir / ASSET_MANIFEST.name
    safe_write.atomic_write(manifest_path, lambda p: p.write_text(text, encoding="utf-8"), mode=0o644)
    keep = set(files.values())
    for old in out_dir.glob("*.json.gz"):
        if old.name not in keep:
            old.unlink()
    return AssetResult(True, time.perf_counter() - started, files, sizes), drawn_by_vintage
