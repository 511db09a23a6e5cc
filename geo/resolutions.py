"""The resolutions as data: documents, targets, actuals and planned projects.

Each curated file is validated record by record against a JSON Schema; a
broken record raises :class:`~geo.errors.DataValidationError` naming the file,
the row (CSV rows as numbered in the file, header = 1; GeoJSON features from
1) and the field. ``python -m geo build`` runs these checks, so a bad edit
stops the build instead of reaching the map.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import yaml
from jsonschema import Draft202012Validator

from geo.config import DATA_DIR, PROJECTS_CACHE, STORAGE_CRS, TARGETS_CACHE
from geo.errors import CacheMissingError, DataValidationError

__all__ = [
    "DOCUMENTS_FILE",
    "TARGETS_FILE",
    "ACTUALS_FILE",
    "PROJECTS_FILE",
    "PRECISIONS",
    "STATUSES",
    "CATEGORIES",
    "COMPARATORS",
    "load_documents",
    "load_targets",
    "load_actuals",
    "load_projects",
    "split_codes",
    "load_register",
    "load_linked_projects",
    "load_linked_targets",
]

DOCUMENTS_FILE = DATA_DIR / "documents.yaml"
TARGETS_FILE = DATA_DIR / "targets.csv"
ACTUALS_FILE = DATA_DIR / "actuals.csv"
PROJECTS_FILE = DATA_DIR / "projects.geojson"

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


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except UnicodeDecodeError as error:
        raise DataValidationError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    except FileNotFoundError:
        raise DataValidationError(f"{path} is missing.") from None


def _unique(ids: list[str], *, name: str, first_row: int) -> None:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids, start=first_row):
        if ident in seen:
            raise DataValidationError(f"{name}, row {i}, field id: '{ident}' repeats row {seen[ident]}.")
        seen[ident] = i


def load_documents(path: Path = DOCUMENTS_FILE) -> pd.DataFrame:
    """The source documents, one row each (validated)."""
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataValidationError(f"{path.name} cannot be read as YAML: {error}".split("\n")[0] + ".") from None
    if not isinstance(records, list):
        raise DataValidationError(f"{path.name} must be a list of documents.")
    for i, record in enumerate(records, start=1):
        _validate(record, DOCUMENT_SCHEMA, where=f"{path.name}, document {i}")
    _unique([r["id"] for r in records], name=path.name, first_row=1)
    return pd.DataFrame.from_records(records)


def load_targets(path: Path = TARGETS_FILE, *, document_ids: set[str] | None = None) -> pd.DataFrame:
    """Targets and milestones, one row per value (validated; numbers parsed).

    Returns
    -------
    pandas.DataFrame
        The CSV's columns, with ``value``, ``value_min``, ``value_max``,
        ``baseline_value`` as floats (NaN when empty) and years as nullable ints.
    """
    rows = _read_csv(path)
    for i, row in enumerate(rows, start=2):
        _validate(row, TARGET_SCHEMA, where=f"{path.name}, row {i}")
        if document_ids is not None and row["document_id"] not in document_ids:
            raise DataValidationError(
                f"{path.name}, row {i}, field document_id: '{row['document_id']}' is not in documents.yaml."
            )
    _unique([r["id"] for r in rows], name=path.name, first_row=2)
    frame = pd.DataFrame.from_records(rows)
    for column in ("value", "value_min", "value_max", "baseline_value"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise").astype("float64")
    for column in ("target_year", "baseline_year"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    return frame


def load_actuals(path: Path = ACTUALS_FILE, *, target_ids: set[str] | None = None) -> pd.DataFrame:
    """Measured results of targets (``target_id``, ``value``, ``year``, ``source``, ``note``)."""
    rows = _read_csv(path)
    for i, row in enumerate(rows, start=2):
        _validate(row, ACTUAL_SCHEMA, where=f"{path.name}, row {i}")
        if target_ids is not None and row["target_id"] not in target_ids:
            raise DataValidationError(
                f"{path.name}, row {i}, field target_id: '{row['target_id']}' is not a target in targets.csv."
            )
    frame = pd.DataFrame.from_records(rows, columns=["target_id", "value", "year", "source", "note"])
    frame["value"] = frame["value"].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    return frame


def load_projects(
    path: Path = PROJECTS_FILE, *, document_ids: set[str] | None = None, target_ids: set[str] | None = None
) -> gpd.GeoDataFrame:
    """The project register (validated), geometry in EPSG:4326 or None where not located.

    A feature without geometry must have precision ``unknown``, and one with
    geometry must not: the register never shows a location it does not know.
    """
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataValidationError(f"{path.name} cannot be read as GeoJSON: {error}.") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise DataValidationError(f"{path.name} is not a GeoJSON FeatureCollection.")
    records, geometries = [], []
    for i, feature in enumerate(features, start=1):
        where = f"{path.name}, feature {i}"
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
    _unique([r["id"] for r in records], name=path.name, first_row=1)
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geometries, crs=STORAGE_CRS)
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame


def load_register() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, gpd.GeoDataFrame]:
    """Documents, targets, actuals and projects, validated together (cross-references checked)."""
    documents = load_documents()
    document_ids = set(documents["id"])
    targets = load_targets(document_ids=document_ids)
    target_ids = set(targets["id"])
    actuals = load_actuals(target_ids=target_ids)
    projects = load_projects(document_ids=document_ids, target_ids=target_ids)
    project_ids = set(projects["id"])
    for i, (tid, pids) in enumerate(zip(targets["id"], targets["project_ids"]), start=2):
        for pid in split_codes(pids):
            if pid not in project_ids:
                raise DataValidationError(
                    f"{TARGETS_FILE.name}, row {i}, field project_ids: '{pid}' (target {tid}) "
                    "is not in projects.geojson."
                )
    return documents, targets, actuals, projects


def _cached(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise CacheMissingError("The data cache is missing; run 'python -m geo build' (make run does it for you).")
    return pd.read_parquet(path) if path.suffix == ".parquet" and "targets" in path.name else gpd.read_parquet(path)


def _as_lists(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].map(lambda v: [str(x) for x in v] if v is not None else [])
    return frame


def load_linked_projects() -> gpd.GeoDataFrame:
    """The project register from the build cache, with ``unit_codes`` and ``linked_target_ids``."""
    return _as_lists(
        _cached(PROJECTS_CACHE),
        ("document_ids", "sections", "target_ids", "sources", "unit_codes", "linked_target_ids"),
    )


def load_linked_targets() -> pd.DataFrame:
    """Targets from the build cache, with ``linked_unit_codes`` and ``linked_project_ids``."""
    return _as_lists(_cached(TARGETS_CACHE), ("linked_unit_codes", "linked_project_ids"))
