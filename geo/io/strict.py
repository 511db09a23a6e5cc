"""Strict reading of curated files: structure first, then each record against a JSON Schema.

The file is read structurally (UTF-8, a header, the same number of fields in
every row, closed quotes; a GeoJSON FeatureCollection of objects with
well-formed coordinates), then each record is checked against a JSON Schema.
The first broken record raises :class:`~geo.errors.DataValidationError` with
one sentence naming the file, the row or line (CSV rows as numbered in the
file, header = 1) and the field.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from geo.errors import DataValidationError

__all__ = [
    "TABLE_SCHEMAS",
    "GEOJSON_SCHEMA",
    "read_csv_rows",
    "read_feature_collection",
    "validate_table",
    "read_yaml",
    "validate_records",
]

_NUMBER = r"^-?\d+(\.\d+)?$"
_NUMBER_HINT = "a number written with a decimal point and no thousands separator, e.g. 140.19"
_TEXT = {"type": "string", "pattern": r"\S"}
# "x-hint" is ignored by jsonschema; it turns a failed pattern into a sentence a curator can act on.
# Fields shared by several tables.
_NAME = {**_TEXT, "x-hint": "a non-empty name"}
_SOURCE = {**_TEXT, "x-hint": "a non-empty source"}
_YEAR = {"type": "string", "pattern": r"^(19|20)\d\d$", "x-hint": "a four-digit year"}
_DISTRICT_CODE = {"type": "string", "pattern": r"^\d{3}$", "x-hint": "a 3-digit district code"}
_PROVINCE_CODE = {"type": "string", "pattern": r"^\d{2}$", "x-hint": "a 2-digit province code"}

TABLE_SCHEMAS: dict[str, dict[str, Any]] = {
    "population.csv": {
        "type": "object",
        "required": ["code", "name", "district_code", "population", "year", "source", "note"],
        "properties": {
            "code": {"type": "string", "pattern": r"^\d{5}$", "x-hint": "a 5-digit commune code"},
            "name": _NAME,
            "district_code": _DISTRICT_CODE,
            "population": {"type": "string", "pattern": r"^\d+$", "x-hint": "a whole number of persons, e.g. 8875"},
            "year": _YEAR,
            "source": _SOURCE,
        },
    },
    "vn2000_meridians.csv": {
        "type": "object",
        "required": ["province_code", "province_name", "central_meridian_deg", "central_meridian_dms", "source"],
        "properties": {
            "province_code": _PROVINCE_CODE,
            "province_name": _NAME,
            # TM-3 central meridians of Vietnam lie between 102°45′ and 117°00′ (Thông tư 973/2001).
            "central_meridian_deg": {
                "type": "string",
                "pattern": r"^1(0[2-9]|1[0-7])(\.\d+)?$",
                "x-hint": "degrees east between 102 and 117 with a decimal point, e.g. 105.75",
            },
            "source": _SOURCE,
        },
    },
    "official_areas.csv": {
        "type": "object",
        "required": ["district_code", "district_name", "area_km2", "as_of", "source"],
        "properties": {
            "district_code": _DISTRICT_CODE,
            "district_name": _NAME,
            "area_km2": {"type": "string", "pattern": _NUMBER, "x-hint": _NUMBER_HINT},
            "as_of": _YEAR,
            "source": _SOURCE,
        },
    },
    "crosswalk_boundaries.csv": {
        "type": "object",
        "required": [
            "action",
            "unit_code",
            "district_code",
            "polygon_province",
            "polygon_district",
            "polygon_ward",
            "reason",
            "source",
        ],  # fmt: skip
        "properties": {
            "action": {
                "enum": ["district", "province", "replace", "add", "exclude"],
                "x-hint": "one of district, province, replace, add, exclude",
            },
            "unit_code": {"type": "string", "pattern": r"^(\d{5})?$", "x-hint": "a 5-digit commune code or empty"},
            "district_code": {"type": "string", "pattern": r"^(\d{3})?$", "x-hint": "a 3-digit district code or empty"},
            "reason": {**_TEXT, "x-hint": "a non-empty reason"},
            "source": _SOURCE,
        },
    },
    "resolutions_2025.csv": {
        "type": "object",
        "required": [
            "province_code_2025",
            "province_name",
            "provinces_merged",
            "commune_resolution",
            "commune_resolution_date",
            "province_resolution",
            "source",
        ],  # fmt: skip
        "properties": {
            "province_code_2025": _PROVINCE_CODE,
            "province_name": _NAME,
            "provinces_merged": {
                "type": "string",
                "pattern": r"^[^;]*\S[^;]*(; [^;]*\S[^;]*)*$",
                "x-hint": "legacy province names separated by '; '",
            },
            # Resolutions of the NA Standing Committee on the commune-level arrangement of 2025.
            "commune_resolution": {
                "type": "string",
                "pattern": r"^NQ \d+/NQ-UBTVQH15$",
                "x-hint": "a resolution number such as NQ 1663/NQ-UBTVQH15",
            },
            "commune_resolution_date": {
                "type": "string",
                "pattern": r"^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                "x-hint": "a date written YYYY-MM-DD",
            },
            "province_resolution": {
                "type": "string",
                "pattern": r"^NQ \d+/\d{4}/QH15$",
                "x-hint": "a resolution number such as NQ 202/2025/QH15",
            },
            "source": {
                "type": "string",
                "pattern": r"^https?://\S+(; https?://\S+)*$",
                "x-hint": "one or more web addresses separated by '; '",
            },
        },
    },
}

_POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "items": {"type": "number", "x-hint": "a number (lon, lat in degrees)"},
    "x-hint": "a position [lon, lat] of two numbers",
}
_LINE = {"type": "array", "minItems": 2, "items": _POSITION}
_RING = {"type": "array", "minItems": 4, "items": _POSITION}
_POLYGON = {"type": "array", "minItems": 1, "items": _RING}


def _geometry(kind: str, coordinates: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {"type": {"const": kind}}},
        "then": {"required": ["coordinates"], "properties": {"coordinates": coordinates}},
    }


# RFC 7946 Feature with the geometry types the register uses; a null geometry means "location not known".
GEOJSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "properties", "geometry"],
    "properties": {
        "type": {"const": "Feature", "x-hint": "the string 'Feature'"},
        "properties": {"type": "object", "x-hint": "an object of properties"},
        "geometry": {
            "type": ["object", "null"],
            "required": ["type"],
            "properties": {
                "type": {
                    "enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"],
                    "x-hint": "a GeoJSON geometry type",
                }
            },
            "allOf": [
                _geometry("Point", _POSITION),
                _geometry("MultiPoint", {"type": "array", "minItems": 1, "items": _POSITION}),
                _geometry("LineString", _LINE),
                _geometry("MultiLineString", {"type": "array", "minItems": 1, "items": _LINE}),
                _geometry("Polygon", _POLYGON),
                _geometry("MultiPolygon", {"type": "array", "minItems": 1, "items": _POLYGON}),
            ],
            "x-hint": "a GeoJSON geometry object or null",
        },
    },
    "x-hint": "a GeoJSON Feature object",
}


# Hints for the patterns of the register's schemas (geo.resolutions), which carry no "x-hint".
_PATTERN_HINTS: dict[str, str] = {
    r"^-?\d+(\.\d+)?$": _NUMBER_HINT,
    r"^(-?\d+(\.\d+)?)?$": _NUMBER_HINT + ", or empty",
    r"^(19|20)\d\d$": "a four-digit year",
    r"^((19|20)\d\d)?$": "a four-digit year or empty",
    r"^(\d{2}|\d{3})(;(\d{2}|\d{3}))*$": "2- or 3-digit locality codes separated by ';'",
    r"^(\d{5}(;\d{5})*)?$": "5-digit commune codes separated by ';', or empty",
}


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return json.dumps(value, ensure_ascii=False)


_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number", "null": "null",
               "array": "a list", "object": "an object", "boolean": "true or false"}  # fmt: skip


def _expected(error: Any) -> str:
    """What the failed keyword asks for, in words."""
    value = error.validator_value
    if error.validator == "type":
        kinds = [value] if isinstance(value, str) else list(value)
        return " or ".join(_TYPE_NAMES.get(k, k) for k in kinds)
    if error.validator == "enum":
        return "one of " + ", ".join(map(str, value))
    if error.validator == "const":
        return json.dumps(value, ensure_ascii=False)
    if error.validator == "minLength":
        return "a non-empty text" if value == 1 else f"a text of at least {value} characters"
    if error.validator == "minItems":
        return f"a list of at least {value} items"
    if error.validator == "maxItems":
        return f"a list of at most {value} items"
    if error.validator == "minimum":
        return f"a number of at least {value}"
    if error.validator == "pattern":
        return f"text matching {value}"
    return str(error.message).rstrip(".")


def _sentence(where: str, error: Any) -> str:
    """One sentence for a schema error: where, which field, what it holds, what it should hold."""
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return f"{where}, field {'.'.join(map(str, [*path, missing]))}: the field is missing."
    field = ".".join(map(str, path)) if path else "(the record)"
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint") or _PATTERN_HINTS.get(str(schema.get("pattern")))
    expected = hint or _expected(error)
    if error.instance == "":
        return f"{where}, field {field}: empty, expected {expected}."
    return f"{where}, field {field}: {_shown(error.instance)} is not {expected}."


def _first_error(record: Any, schema: dict[str, Any]) -> Any | None:
    errors = sorted(
        Draft202012Validator(schema).iter_errors(record), key=lambda e: (len(e.absolute_path), str(e.absolute_path))
    )
    # The deepest error of the first failing branch names the exact field.
    if not errors:
        return None
    first = errors[0]
    while first.context:
        first = sorted(first.context, key=lambda e: -len(e.absolute_path))[0]
    return first


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a curated CSV as dicts, after the structural checks every table needs.

    Raises
    ------
    DataValidationError
        Missing or empty file, not UTF-8, no header or a repeated column, a row
        with more or fewer fields than the header, an unclosed quote.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataValidationError(f"{path.name} is missing from {path.parent}.") from None
    except UnicodeDecodeError as error:
        raise DataValidationError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    except OSError as error:
        raise DataValidationError(f"{path.name} cannot be read ({error.strerror}).") from None
    if not text.strip():
        raise DataValidationError(f"{path.name} is empty: it needs a header row and at least one data row.")
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[list[str]] = []
    line_of_row: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            line_of_row.append(reader.line_num)
    except csv.Error as error:
        start = line_of_row[-1] + 1 if line_of_row else 1
        raise DataValidationError(
            f"{path.name}, line {start}: the row cannot be read as CSV ({error}; is a quote left unclosed?)."
        ) from None
    header = rows[0]
    if not any(cell.strip() for cell in header):
        raise DataValidationError(f"{path.name}, row 1: the header row is empty.")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise DataValidationError(f"{path.name}, row 1, field {repeated[0]}: the column name repeats.")
    records: list[dict[str, str]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:  # a blank line (csv gives []) carries no record
            continue
        if len(row) != len(header):
            extra = "one field too many" if len(row) == len(header) + 1 else f"{len(row)} fields"
            raise DataValidationError(
                f"{path.name}, row {number}, field {header[-1] if len(row) > len(header) else header[len(row)]}: "
                f"the row has {extra} for a header of {len(header)} (a comma inside a value needs quotes)."
            )
        records.append(dict(zip(header, row)))
    if not records:
        raise DataValidationError(f"{path.name} has a header but no data row.")
    return records


def validate_table(path: Path, schema: dict[str, Any]) -> list[dict[str, str]]:
    """Read ``path`` with :func:`read_csv_rows` and check every row against ``schema``."""
    rows = read_csv_rows(path)
    missing = [c for c in schema.get("required", []) if c not in rows[0]]
    if missing:
        raise DataValidationError(f"{path.name}, row 1, field {missing[0]}: the column is missing from the header.")
    for number, row in enumerate(rows, start=2):
        error = _first_error(row, schema)
        if error is not None:
            raise DataValidationError(_sentence(f"{path.name}, row {number}", error))
    return rows


def read_feature_collection(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, each checked against :data:`GEOJSON_SCHEMA`."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataValidationError(f"{path.name} is missing from {path.parent}.") from None
    except UnicodeDecodeError as error:
        raise DataValidationError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    if not text.strip():
        raise DataValidationError(f"{path.name} is empty: it needs a GeoJSON FeatureCollection.")
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataValidationError(
            f"{path.name}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})."
        ) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataValidationError(f"{path.name}, field type: the file is not a GeoJSON FeatureCollection.")
    features = collection.get("features")
    if not isinstance(features, list):
        raise DataValidationError(f"{path.name}, field features: a FeatureCollection needs a list of features.")
    validate_records(features, GEOJSON_SCHEMA, where=f"{path.name}, feature")
    return features


def read_yaml(path: Path) -> Any:
    """A curated YAML file parsed safely; a syntax error names its line."""
    import yaml

    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataValidationError(f"{path.name} is missing from {path.parent}.") from None
    except UnicodeDecodeError as error:
        raise DataValidationError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    if not text.strip():
        raise DataValidationError(f"{path.name} is empty.")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise DataValidationError(f"{path.name}{line}: not valid YAML ({problem}).") from None


def validate_records(records: list[Any], schema: dict[str, Any], *, where: str) -> None:
    for number, record in enumerate(records, start=1):
        error = _first_error(record, schema)
        if error is not None:
            raise DataValidationError(_sentence(f"{where} {number}", error))
