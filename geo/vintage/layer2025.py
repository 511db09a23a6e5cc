"""The 2025 unit layer, dissolved from the legacy polygons.

A new unit's polygon is the union of the legacy units merged whole into it,
plus its share of every legacy unit split between several new units. The
official split lines are not published as geometry, so a split legacy polygon
is partitioned approximately:

* each receiving new unit is seeded by the boundary of its *core* (the legacy
  units merged whole into it) where that core lies within
  :data:`CORE_SEED_REACH_M` of the split polygon, or, when it has no such core,
  by its centre from the conversion table;
* the split polygon is cut by the Voronoi cells of those seeds, so every part
  goes to the nearest receiving neighbour. A split commune is in practice
  divided along the side it shares with each neighbour, which a Voronoi of the
  neighbours' edges follows and a Voronoi of single centre points does not
  (a big neighbour's centre can be kilometres away from the shared side).

Before that every piece is checked against the geometry: the table gives for
a piece the centre of the new unit it went to, and a new unit that receives
part of a legacy unit touches it, so its centre cannot lie farther from the
legacy polygon than about the new unit's own size. A piece whose centre lies
farther than ``max(MIN_REJECT_KM, REJECT_RADII × r)`` (r the radius of a circle
of the new unit's official area) is rejected; the table's name-based links
across provinces (e.g. Phường 3 and 4 of thị xã Cai Lậy linked to Phường Cao
Lãnh, ~50 km away) fail this test. A legacy unit left with one piece is merged
whole into it; one left with none keeps its nearest piece, reported.

Everything here is pure: frames in, frames out.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.boundaries import geodesic_area_km2
from geo.crs import METRIC_CRS, STORAGE_CRS

__all__ = [
    "MIN_REJECT_KM",
    "REJECT_RADII",
    "CORE_SEED_REACH_M",
    "Layer2025",
    "validate_pieces",
    "build_layer_2025",
    "polygonal_only",
]

MIN_REJECT_KM = 5.0
REJECT_RADII = 2.0
CORE_SEED_REACH_M = 3000.0
_SEED_SPACING_M = 150.0


@dataclass(frozen=True)
class Layer2025:
    """The built 2025 layer: ``units`` (GeoDataFrame, EPSG:4326), ``crosswalk`` and ``rejections``."""

    units: gpd.GeoDataFrame
    crosswalk: pd.DataFrame
    rejections: pd.DataFrame


def validate_pieces(
    pieces: pd.DataFrame, legacy_metric: gpd.GeoSeries, official_km2: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the pieces into accepted and rejected by the distance test of the module docstring.

    Parameters
    ----------
    pieces
        ``legacy_code``, ``new_code``, ``seed_lat``, ``seed_lon`` …
    legacy_metric
        Legacy polygons in :data:`METRIC_CRS`, indexed by legacy code.
    official_km2
        Official area of each new unit (km²), indexed by new code.

    Returns
    -------
    (accepted, rejected)
        ``rejected`` carries ``distance_km``, ``limit_km`` and ``reason``.
    """
    seeds = gpd.GeoSeries(gpd.points_from_xy(pieces["seed_lon"], pieces["seed_lat"]), crs=STORAGE_CRS).to_crs(
        METRIC_CRS
    )
    polygons = gpd.GeoSeries(pieces["legacy_code"].map(legacy_metric).values, crs=METRIC_CRS)
    out = pieces.reset_index(drop=True).copy()
    out["distance_km"] = (polygons.distance(seeds) / 1000).round(2).values
    radius = np.sqrt(out["new_code"].map(official_km2).astype(float) / np.pi)
    out["limit_km"] = np.maximum(MIN_REJECT_KM, REJECT_RADII * radius).round(2)
    # A legacy unit without a polygon cannot be checked: its pieces stand.
    bad = out["distance_km"] > out["limit_km"]
    out["reason"] = ""
    out.loc[bad, "reason"] = [
        f"centre of the receiving unit lies {d:.1f} km outside the legacy polygon (limit {lim:.1f} km)"
        for d, lim in zip(out.loc[bad, "distance_km"], out.loc[bad, "limit_km"])
    ]
    # A legacy unit must go somewhere: if every piece fails, the nearest one is kept.
    all_bad = bad.groupby(out["legacy_code"]).transform("all")
    nearest = out.groupby("legacy_code")["distance_km"].transform("min") == out["distance_km"]
    kept_anyway = all_bad & nearest
    out.loc[kept_anyway, "reason"] = "every piece failed; nearest kept: " + out.loc[kept_anyway, "reason"]
    rejected = bad & ~kept_anyway
    return out[~rejected].reset_index(drop=True), out[bad].reset_index(drop=True)


def _seed_points(core: shapely.Geometry | None, split: shapely.Geometry, centre: shapely.Point) -> np.ndarray:
    if core is not None and not core.is_empty:
        near = shapely.intersection(core.boundary, split.buffer(CORE_SEED_REACH_M))
        if not near.is_empty:
            along: np.ndarray = shapely.get_coordinates(shapely.segmentize(near, _SEED_SPACING_M))
            return along
    point: np.ndarray = shapely.get_coordinates(centre)
    return point


def _partition(split: shapely.Geometry, owners: list[str], seeds: list[np.ndarray]) -> dict[str, shapely.Geometry]:
    """Cut ``split`` into one part per owner: the union of the Voronoi cells of the owner's seeds."""
    coords = np.vstack(seeds)
    labels = np.concatenate([[i] * len(s) for i, s in enumerate(seeds)])
    coords, first = np.unique(coords.round(1), axis=0, return_index=True)
    labels = labels[first]
    if len(set(labels)) < len(owners):  # an owner's seeds all coincide with another's
        return {owners[labels[0]]: split}
    # A box around the polygon and the seeds (buffering their union would cost a minute nationally).
    minx, miny, maxx, maxy = split.bounds
    extent = shapely.box(
        min(minx, coords[:, 0].min()) - 1000,
        min(miny, coords[:, 1].min()) - 1000,
        max(maxx, coords[:, 0].max()) + 1000,
        max(maxy, coords[:, 1].max()) + 1000,
    )
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(coords), extend_to=extent, ordered=True))
    parts: dict[str, shapely.Geometry] = {}
    for i, owner in enumerate(owners):
        mine = shapely.union_all(cells[labels == i])
        piece = shapely.intersection(split, mine)
        if not piece.is_empty and piece.area > 0:
            parts[owner] = piece
    return parts


# GADM-era neighbours leave hairline gaps: a union keeps them as slivers and thin holes. Closing by
# GAP_CLOSE_M (metres) and dropping holes below MIN_HOLE_M2 removes them; real enclaves are far larger.
GAP_CLOSE_M = 5.0
MIN_HOLE_M2 = 500_000.0


def _without_small_holes(polygon: shapely.Polygon) -> shapely.Polygon:
    keep = [r for r in polygon.interiors if shapely.Polygon(r).area >= MIN_HOLE_M2]
    return shapely.Polygon(polygon.exterior, keep)


def polygonal_only(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Valid geometry keeping only polygon parts: make_valid after a transform or a simplification
    can leave lines or points in a GeometryCollection, which Leaflet and folium cannot draw."""

    def keep(g: shapely.Geometry | None) -> shapely.Geometry | None:
        if g is None or g.is_empty:
            return None
        valid = shapely.make_valid(g)
        if isinstance(valid, (shapely.Polygon, shapely.MultiPolygon)):
            return valid
        # A collection can hold MultiPolygons: flatten them too.
        parts = [
            q
            for p in shapely.get_parts(valid)
            if isinstance(p, (shapely.Polygon, shapely.MultiPolygon))
            for q in shapely.get_parts(p)
        ]
        return shapely.MultiPolygon(parts) if len(parts) > 1 else (parts[0] if parts else None)

    return gpd.GeoSeries([keep(g) for g in geometry], index=geometry.index, crs=geometry.crs)


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """A valid (Multi)Polygon in the metric CRS, hairline gaps closed."""
    valid = shapely.make_valid(geometry)
    parts = [g for g in shapely.get_parts(valid) if isinstance(g, (shapely.Polygon, shapely.MultiPolygon))]
    if not parts:
        return None
    closed = shapely.union_all(parts).buffer(GAP_CLOSE_M, join_style="mitre").buffer(-GAP_CLOSE_M, join_style="mitre")
    cleaned = [_without_small_holes(p) for p in shapely.get_parts(closed) if isinstance(p, shapely.Polygon)]
    return shapely.make_valid(shapely.MultiPolygon(cleaned) if len(cleaned) > 1 else cleaned[0])


def build_layer_2025(
    units_2025: pd.DataFrame, whole: pd.DataFrame, pieces: pd.DataFrame, legacy_units: gpd.GeoDataFrame
) -> Layer2025:
    """The 2025 polygons, the crosswalk and the rejected pieces.

    Parameters
    ----------
    units_2025
        :func:`geo.vintage.sources2025.read_units_2025`.
    whole, pieces
        :func:`geo.vintage.sources2025.read_conversion`.
    legacy_units
        The legacy layer (``code``, ``name``, ``district_code`` …, geometry in EPSG:4326).

    Returns
    -------
    Layer2025
        ``units``: one row per 2025 unit with ``area_km2`` (geodesic), ``official_km2``,
        ``approximate_boundary`` and ``approximate_reason``; ``crosswalk``: ``legacy_code``,
        ``new_code``, ``relation`` ('whole' | 'part'), ``share`` (of the legacy polygon's area),
        ``note``, ``legacy_district_code`` and ``legacy_district_name`` (the latter only for an island
        district without communes, whose ``legacy_code`` is None).
    """
    legacy = legacy_units.set_index("code")
    legacy_metric = legacy.geometry.to_crs(METRIC_CRS)
    legacy_metric = legacy_metric[legacy_metric.notna()]
    official = units_2025.set_index("code")["official_km2"]
    accepted, rejected = validate_pieces(pieces, legacy_metric, official)

    counts = accepted.groupby("legacy_code")["new_code"].transform("size")
    single = accepted[counts == 1]
    split = accepted[counts > 1]
    island = whole["legacy_code"].isna()
    whole_rows = pd.concat(
        [
            whole[~island].assign(note=""),
            # An island district without communes became one đặc khu: the district is the constituent.
            whole[island].assign(note="island district without commune level, merged whole"),
            single.assign(note="split in the table; its other pieces were rejected, so merged whole"),
        ]
    )
    whole_rows = whole_rows.reindex(
        columns=[
            "legacy_code",
            "new_code",
            "note",
            "legacy_district_code",
            "legacy_district_name",
            "legacy_province_name",
        ]
    )

    cores: dict[str, shapely.Geometry] = {}
    for new_code, group in whole_rows.groupby("new_code"):
        polys = [legacy_metric[c] for c in group["legacy_code"].dropna() if c in legacy_metric.index]
        if polys:
            cores[str(new_code)] = shapely.union_all(polys)

    centres = gpd.GeoSeries(
        gpd.points_from_xy(units_2025["lon"], units_2025["lat"]), index=units_2025["code"], crs=STORAGE_CRS
    ).to_crs(METRIC_CRS)
    part_rows: list[dict[str, object]] = []
    parts_by_new: dict[str, list[shapely.Geometry]] = {}
    approx_from: dict[str, list[str]] = {}
    for legacy_code, group in split.groupby("legacy_code", sort=True):
        district = group["legacy_district_code"].iloc[0]
        owners = [str(c) for c in group["new_code"]]
        geometry = legacy_metric.get(legacy_code)
        parts: dict[str, shapely.Geometry] = {}
        if geometry is not None:
            seeds = [_seed_points(cores.get(o), geometry, centres[o]) for o in owners]
            parts = _partition(geometry, owners, seeds)
        total = geometry.area if geometry is not None else 0.0
        for owner, is_default in zip(owners, group["is_default"]):
            piece = parts.get(owner)
            share = round(piece.area / total, 4) if piece is not None and total else None
            note = "" if geometry is not None else "legacy unit has no polygon; no share computed"
            if geometry is not None and piece is None:
                note = "no part of the legacy polygon is nearest to this unit; share 0"
                share = 0.0
            part_rows.append(
                {
                    "legacy_code": legacy_code,
                    "new_code": owner,
                    "note": note,
                    "share": share,
                    "is_default": bool(is_default),
                    "legacy_district_code": district,
                }
            )
            if piece is not None:
                parts_by_new.setdefault(owner, []).append(piece)
            approx_from.setdefault(owner, []).append(str(legacy_code))

    crosswalk = pd.concat(
        [
            whole_rows.assign(relation="whole", share=1.0, is_default=True),
            pd.DataFrame(part_rows).assign(relation="part"),
        ],
        ignore_index=True,
    )[
        [
            "legacy_code",
            "new_code",
            "relation",
            "share",
            "is_default",
            "note",
            "legacy_district_code",
            "legacy_district_name",
            "legacy_province_name",
        ]
    ]

    geometries: list[shapely.Geometry | None] = []
    reasons: list[str] = []
    for code in units_2025["code"]:
        members = [g for g in (cores.get(code),) if g is not None] + parts_by_new.get(code, [])
        geometries.append(_polygonal(shapely.union_all(members)) if members else None)
        names = [legacy.at[c, "name"] if c in legacy.index else c for c in approx_from.get(code, [])]
        reasons.append(
            "part of a split legacy unit, cut approximately (Voronoi of the receiving units' edges): "
            + ", ".join(f"{n} ({c})" for n, c in zip(names, approx_from[code]))
            if code in approx_from
            else ""
        )
    out = gpd.GeoDataFrame(
        units_2025.drop(columns=["province_key", "ward_key", "listed_type"], errors="ignore").reset_index(drop=True),
        geometry=polygonal_only(gpd.GeoSeries(geometries, crs=METRIC_CRS).to_crs(STORAGE_CRS)).values,
        crs=STORAGE_CRS,
    )
    out["area_km2"] = geodesic_area_km2(out.geometry).round(4)
    out["approximate_boundary"] = [bool(r) for r in reasons]
    out["approximate_reason"] = reasons
    return Layer2025(units=out, crosswalk=crosswalk, rejections=rejected)
