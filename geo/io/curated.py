"""Loaders of the curated files in ``data/``: read here, validated by the module owning each schema."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import yaml

from geo.boundaries import validate_crosswalk
from geo.config import (
    ACTUALS_FILE,
    CROSSWALK_FILE,
    DOCUMENTS_FILE,
    MERIDIANS_FILE,
    OFFICIAL_AREAS_FILE,
    POPULATION_CSV,
    PROJECTS_FILE,
    STANDARDS_YAML,
    TARGETS_FILE,
)
from geo.errors import DataValidationError
from geo.population import POPULATION_COLUMNS, population_frame
from geo.resolutions import (
    Register,
    actuals_frame,
    check_project_links,
    documents_frame,
    projects_frame,
    targets_frame,
)
from geo.standards import Standards, parse_standards

__all__ = [
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
]


# The JSON Schemas of the curated files ship with the package.
SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except UnicodeDecodeError as error:
        raise DataValidationError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    except FileNotFoundError:
        raise DataValidationError(f"{path} is missing.") from None


def load_documents(path: Path = DOCUMENTS_FILE) -> pd.DataFrame:
    """The source documents, one row each (validated by :func:`geo.resolutions.documents_frame`)."""
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataValidationError(f"{path.name} cannot be read as YAML: {error}".split("\n")[0] + ".") from None
    return documents_frame(records, name=path.name)


def load_targets(path: Path = TARGETS_FILE, *, document_ids: set[str] | None = None) -> pd.DataFrame:
    """Targets and milestones (:func:`geo.resolutions.targets_frame`)."""
    return targets_frame(_read_csv(path), name=path.name, document_ids=document_ids)


def load_actuals(path: Path = ACTUALS_FILE, *, target_ids: set[str] | None = None) -> pd.DataFrame:
    """Measured results of targets (:func:`geo.resolutions.actuals_frame`)."""
    return actuals_frame(_read_csv(path), name=path.name, target_ids=target_ids)


def load_projects(
    path: Path = PROJECTS_FILE, *, document_ids: set[str] | None = None, target_ids: set[str] | None = None
) -> gpd.GeoDataFrame:
    """The project register, EPSG:4326 (:func:`geo.resolutions.projects_frame`)."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataValidationError(f"{path.name} cannot be read as GeoJSON: {error}.") from None
    return projects_frame(collection, name=path.name, document_ids=document_ids, target_ids=target_ids)


def load_register() -> Register:
    """Documents, targets, actuals and projects, validated together (cross-references checked)."""
    documents = load_documents()
    document_ids = set(documents["id"])
    targets = load_targets(document_ids=document_ids)
    target_ids = set(targets["id"])
    actuals = load_actuals(target_ids=target_ids)
    projects = load_projects(document_ids=document_ids, target_ids=target_ids)
    check_project_links(targets, projects, name=TARGETS_FILE.name)
    return Register(documents, targets, actuals, projects)


def load_population(path: Path | str = POPULATION_CSV) -> pd.DataFrame:
    """The curated census table (:func:`geo.population.population_frame`).

    Raises
    ------
    DataValidationError
        When the file is missing, not UTF-8, lacks a column or a row breaks the schema.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataValidationError(f"The population file {path} was not found.") from exc
    except UnicodeDecodeError as exc:
        raise DataValidationError(f"The population file {path} is not UTF-8 text.") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        from geo.io.strict import read_csv_rows

        read_csv_rows(path)  # names the file, the row or line and the field of the broken row
        raise DataValidationError(f"File {path.name} cannot be read as CSV.") from None
    if all(c in raw.columns for c in POPULATION_COLUMNS):
        from geo.io.strict import read_csv_rows

        # pandas silently shifts a row with one field too many into an index; the strict reader refuses it.
        read_csv_rows(path)
    return population_frame(raw, name=path.name)


def load_standards(path: Path | str = STANDARDS_YAML) -> Standards:
    """The legal standards file (:func:`geo.standards.parse_standards`).

    Raises
    ------
    DataValidationError
        When the file is missing, not YAML, or breaks its schema.
    """
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataValidationError(f"The standards file {path} was not found.") from exc
    except yaml.YAMLError as exc:
        raise DataValidationError(f"File {path.name} is not valid YAML.") from exc
    return parse_standards(doc, path=path, schema=load_schema("standards"))


def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``geo/schemas/<name>.schema.json`` of a curated file."""
    return dict(json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


def load_crosswalk(path: Path = CROSSWALK_FILE) -> pd.DataFrame:
    """The reviewed boundary fixes (:func:`geo.boundaries.validate_crosswalk`), every cell a string."""
    return validate_crosswalk(pd.read_csv(path, dtype=str, keep_default_na=False), source=path.name)


def load_official_areas(path: Path = OFFICIAL_AREAS_FILE) -> pd.DataFrame:
    """Official district-level natural areas, with their source."""
    frame = pd.read_csv(path, dtype={"district_code": str})
    for i, row in enumerate(frame.itertuples(), start=2):
        if not (isinstance(row.district_code, str) and row.district_code.isdigit() and len(row.district_code) == 3):
            raise DataValidationError(f"{path.name}, row {i}, field district_code: not a 3-digit code.")
        if not (isinstance(row.source, str) and row.source.strip()):
            raise DataValidationError(f"{path.name}, row {i}, field source: every area needs a source.")
    return frame


def load_meridians(path: Path = MERIDIANS_FILE) -> dict[str, tuple[str, float]]:
    """Province code → (name, TM-3 central meridian in decimal degrees), sourced rows only."""
    from geo.io.strict import TABLE_SCHEMAS, validate_table

    # The same checks as the build: a broken row is one sentence, never a silently wrong meridian.
    rows = validate_table(Path(path), TABLE_SCHEMAS["vn2000_meridians.csv"])
    return {
        row["province_code"]: (row["province_name"], float(row["central_meridian_deg"]))
        for row in rows
        if row["source"].strip()
    }
