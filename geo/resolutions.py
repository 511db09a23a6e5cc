"""The resolutions as data: the schemas of documents, targets, actuals and projects, and their validation.

Reading the files is :mod:`geo.io`; each parsed record is validated here against a JSON Schema; a
broken record raises :class:`~geo.errors.DataValidationError` naming the file,
the row (CSV rows as numbered in the file, header = 1; GeoJSON features from
1) and the field. ``python -m geo build`` runs these checks, so a bad edit
stops the build instead of reaching the map.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd
import shapely
from jsonschema import Draft202012Validator

from geo.config import STORAGE_CRS
from geo.errors import DataValidationError

__all__ = [
    "PRECISIONS",
    "STATUSES",
    "CATEGORIES",
    "COMPARATORS",
    "PROJECT_KINDS",
    "split_codes",
    "documents_frame",
    "targets_frame",
    "actuals_frame",
    "projects_frame",
    "check_project_links",
    "Register",
    "LinkedRegister",
]

PRECISIONS = ("surveyed", "approximate", "commune-centroid", "schematic", "unknown")
STATUSES = ("planned", "under construction", "operating", "unknown")
CATEGORIES = ("economy", "society", "environment", "urban", "infrastructure", "defence-security", "party")
COMPARATORS = (">=", ">", "<=", "<", "=", "range")
PROJECT_KINDS = (
    "industrial_cluster", "industrial_park", "economic_zone", "border_gate", "port", "logistics", "road",
    "expressway", "interchange", "railway", "canal", "bridge", "embankment", "urban_area", "park", "hospital",
    "school", "administrative_centre", "heritage", "power_plant", "market", "tourism", "other",
)  # fmt: skip

_LOCALITY_CODES = r"^(\d{2}|\d{3})(;(\d{2}|\d{3}))*$"
_UNIT_CODES = r"^(\d{5}(;\d{5})*)?$"
_NUMBER = r"^-?\d+(\.\d+)?$"
_OPTIONAL_NUMBER = r"^(-?\d+(\.\d+)?)?$"
_YEAR = r"^(19|20)\d\d$"
_OPTIONAL_YEAR = r"^((19|20)\d\d)?$"

DOCUMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "number",
        "kind",
        "issuing_body",
        "date",
        "period",
        "horizon",
        "locality_level",
        "locality_codes",
        "title_vi",
        "seed_file",
    ],
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9-]+$"},
        "number": {"type": ["string", "null"]},
        "kind": {"enum": ["Nghị quyết", "Kết luận", "Kế hoạch"]},
        "issuing_body": {"type": "string", "minLength": 3},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "horizon": {"type": ["integer", "null"]},
        "locality_level": {"enum": ["district", "province"]},
        "locality_codes": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"^\d{2,3}$"}},
        "title_vi": {"type": "string", "minLength": 5},
        "seed_file": {"type": "string", "pattern": r"\.txt$"},
    },
    "if": {"properties": {"date": {"type": "null"}}},
    "then": {"required": ["date_note"], "properties": {"date_note": {"type": "string", "minLength": 10}}},
}

TARGET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "document_id",
        "section",
        "kind",
        "category",
        "indicator",
        "label_vi",
        "label_en",
        "locality_code",
        "quote",
    ],
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Z0-9]+-[TM]\d+[a-z]?$"},
        "section": {"type": "string", "minLength": 1},
        "kind": {"enum": ["target", "milestone"]},
        "category": {"enum": list(CATEGORIES)},
        "indicator": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
        "label_vi": {"type": "string", "minLength": 3},
        "label_en": {"type": "string", "minLength": 3},
        "comparator": {"enum": [*COMPARATORS, ""]},
        "value": {"type": "string", "pattern": _OPTIONAL_NUMBER},
        "value_min": {"type": "string", "pattern": _OPTIONAL_NUMBER},
        "value_max": {"type": "string", "pattern": _OPTIONAL_NUMBER},
        "target_year": {"type": "string", "pattern": _OPTIONAL_YEAR},
        "baseline_value": {"type": "string", "pattern": _OPTIONAL_NUMBER},
        "baseline_year": {"type": "string", "pattern": _OPTIONAL_YEAR},
        "locality_code": {"type": "string", "pattern": _LOCALITY_CODES},
        "unit_codes": {"type": "string", "pattern": _UNIT_CODES},
        "project_ids": {"type": "string", "pattern": r"^([A-Z]{2}\d?-\d+(;[A-Z]{2}\d?-\d+)*)?$"},
        "quote": {"type": "string", "minLength": 3},
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "target"}}},
            "then": {"properties": {"comparator": {"enum": list(COMPARATORS)}}},
        },
        {
            "if": {"properties": {"comparator": {"const": "range"}}},
            "then": {"properties": {"value_min": {"pattern": _NUMBER}, "value_max": {"pattern": _NUMBER}}},
        },
        {
            "if": {"properties": {"comparator": {"enum": [">=", ">", "<=", "<", "="]}}},
            "then": {"properties": {"value": {"pattern": _NUMBER}}},
        },
    ],
}

ACTUAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["target_id", "value", "year", "source"],
    "properties": {
        "target_id": {"type": "string", "minLength": 3},
        "value": {"type": "string", "pattern": _NUMBER},
        "year": {"type": "string", "pattern": _YEAR},
        "source": {"type": "string", "minLength": 5},
    },
}

PROJECT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "name_vi",
        "kind",
        "status",
        "target_year",
        "document_ids",
        "sections",
        "target_ids",
        "precision",
        "precision_note",
        "area_ha",
        "locality_code",
        "sources",
    ],
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Z]{2}\d?-\d+$"},
        "name_vi": {"type": "string", "minLength": 2},
        "kind": {"enum": list(PROJECT_KINDS)},
        "status": {"enum": list(STATUSES)},
        "target_year": {"type": ["integer", "null"]},
        "document_ids": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "sections": {"type": "array", "items": {"type": "string"}},
        "target_ids": {"type": "array", "items": {"type": "string"}},
        "precision": {"enum": list(PRECISIONS)},
        "precision_note": {"type": "string", "minLength": 5},
        "area_ha": {"type": ["number", "null"], "minimum": 0},
        "length_km": {"type": ["number", "null"], "minimum": 0},
        "locality_code": {"type": ["string", "null"], "pattern": _LOCALITY_CODES},
        "sources": {"type": "array", "items": {"type": "string", "minLength": 3}},
    },
    # A location needs a source; an item not located is cited by its document and section only.
    "if": {"properties": {"precision": {"not": {"const": "unknown"}}}},
    "then": {"properties": {"sources": {"minItems": 1}}},
}


def _validate(record: dict[str, Any], schema: dict[str, Any], *, where: str) -> None:
    errors = sorted(Draft202012Validator(schema).iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path = error.absolute_path
        field = str(path[0]) if path else (error.message.split("'")[1] if "'" in error.message else "?")
        value = record.get(field, None) if path else None
        shown = f" ({value!r})" if value not in (None, "") else ""
        raise DataValidationError(f"{where}, field {field}{shown}: {error.message}.")


def split_codes(text: object) -> list[str]:
    """``"868;869;870"`` → ``["868", "869", "870"]``; empty or missing → ``[]``."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


def _unique(ids: list[str], *, name: str, first_row: int) -> None:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids, start=first_row):
        if ident in seen:
            raise DataValidationError(f"{name}, row {i}, field id: '{ident}' repeats row {seen[ident]}.")
        seen[ident] = i


def documents_frame(records: object, *, name: str) -> pd.DataFrame:
    """The source documents read from ``name``, one row each, validated against :data:`DOCUMENT_SCHEMA`."""
    if not isinstance(records, list):
        raise DataValidationError(f"{name} must be a list of documents.")
    for i, record in enumerate(records, start=1):
        _validate(record, DOCUMENT_SCHEMA, where=f"{name}, document {i}")
    _unique([r["id"] for r in records], name=name, first_row=1)
    return pd.DataFrame.from_records(records)


def targets_frame(rows: list[dict[str, str]], *, name: str, document_ids: set[str] | None = None) -> pd.DataFrame:
    """Targets and milestones from the CSV rows of ``name``, one row per value (validated; numbers parsed).

    Returns
    -------
    pandas.DataFrame
        The CSV's columns, with ``value``, ``value_min``, ``value_max``,
        ``baseline_value`` as floats (NaN when empty) and years as nullable ints.
    """
    for i, row in enumerate(rows, start=2):
        _validate(row, TARGET_SCHEMA, where=f"{name}, row {i}")
        if document_ids is not None and row["document_id"] not in document_ids:
            raise DataValidationError(
                f"{name}, row {i}, field document_id: '{row['document_id']}' is not in documents.yaml."
            )
    _unique([r["id"] for r in rows], name=name, first_row=2)
    frame = pd.DataFrame.from_records(rows)
    for column in ("value", "value_min", "value_max", "baseline_value"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise").astype("float64")
    for column in ("target_year", "baseline_year"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    return frame


def actuals_frame(rows: list[dict[str, str]], *, name: str, target_ids: set[str] | None = None) -> pd.DataFrame:
    """Measured results of targets (``target_id``, ``value``, ``year``, ``source``, ``note``), validated."""
    for i, row in enumerate(rows, start=2):
        _validate(row, ACTUAL_SCHEMA, where=f"{name}, row {i}")
        if target_ids is not None and row["target_id"] not in target_ids:
            raise DataValidationError(
                f"{name}, row {i}, field target_id: '{row['target_id']}' is not a target in targets.csv."
            )
    frame = pd.DataFrame.from_records(rows, columns=["target_id", "value", "year", "source", "note"])
    frame["value"] = frame["value"].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    return frame


def projects_frame(
    collection: object, *, name: str, document_ids: set[str] | None = None, target_ids: set[str] | None = None
) -> gpd.GeoDataFrame:
    """The project register from a parsed GeoJSON ``collection`` (validated), EPSG:4326, None where not located.

    A feature without geometry must have precision ``unknown``, and one with
    geometry must not: the register never shows a location it does not know.
    """
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise DataValidationError(f"{name} is not a GeoJSON FeatureCollection.")
    records, geometries = [], []
    for i, feature in enumerate(features, start=1):
        where = f"{name}, feature {i}"
        props = feature.get("properties") or {}
        _validate(props, PROJECT_SCHEMA, where=where)
        geometry = feature.get("geometry")
        if geometry is None and props["precision"] != "unknown":
            raise DataValidationError(f"{where}, field precision: a project without geometry must be 'unknown'.")
        if geometry is not None and props["precision"] == "unknown":
            raise DataValidationError(f"{where}, field precision: a located project cannot be 'unknown'.")
        shape = shapely.geometry.shape(geometry) if geometry else None
        if shape is not None:
            if not shape.is_valid:
                raise DataValidationError(f"{where}, field geometry: invalid geometry.")
            lon, lat = shape.representative_point().coords[0]
            if not (102 <= lon <= 118 and 8 <= lat <= 24):
                raise DataValidationError(
                    f"{where}, field geometry: ({lon:.4f}, {lat:.4f}) is not in Vietnam (is the axis order lon, lat?)."
                )
        for ref in props["document_ids"]:
            if document_ids is not None and ref not in document_ids:
                raise DataValidationError(f"{where}, field document_ids: '{ref}' is not in documents.yaml.")
        for ref in props["target_ids"]:
            if target_ids is not None and ref not in target_ids:
                raise DataValidationError(f"{where}, field target_ids: '{ref}' is not in targets.csv.")
        records.append(props)
        geometries.append(shape)
    _unique([r["id"] for r in records], name=name, first_row=1)
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geometries, crs=STORAGE_CRS)
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame


def check_project_links(targets: pd.DataFrame, projects: pd.DataFrame, *, name: str) -> None:
    """Every ``project_ids`` entry of a target names a project of the register."""
    project_ids = set(projects["id"])
    for i, (tid, pids) in enumerate(zip(targets["id"], targets["project_ids"]), start=2):
        for pid in split_codes(pids):
            if pid not in project_ids:
                raise DataValidationError(
                    f"{name}, row {i}, field project_ids: '{pid}' (target {tid}) is not in projects.geojson."
                )


class Register(NamedTuple):
    """The curated register as validated together (cross-references checked)."""

    documents: pd.DataFrame
    targets: pd.DataFrame
    actuals: pd.DataFrame
    projects: gpd.GeoDataFrame


class LinkedRegister(NamedTuple):
    """The register as the app and the exports use it: targets and projects linked to units (build cache)."""

    documents: pd.DataFrame
    targets: pd.DataFrame
    projects: gpd.GeoDataFrame
    actuals: pd.DataFrame
