"""Validation of every curated file in ``data/`` before the build writes anything.

One approach for all of them: :mod:`geo.io.strict` reads each file
structurally and checks each record against a JSON Schema (the register's own
schemas live in :mod:`geo.resolutions`, the standards' in
``geo/schemas/``); then the loaders of :mod:`geo.io.curated` run on the same
paths for what only they check (repeated ids, ranges, cross-references).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geo.config import DATA_DIR
from geo.errors import DataValidationError
from geo.io.strict import TABLE_SCHEMAS, read_feature_collection, read_yaml, validate_records, validate_table

__all__ = ["CURATED_FILES", "validate_curated"]

# Every curated file the build reads or the app reads beside the cache, by name.
CURATED_FILES: dict[str, Path] = {
    name: DATA_DIR / name
    for name in (
        "documents.yaml",
        "targets.csv",
        "actuals.csv",
        "projects.geojson",
        "population.csv",
        "standards.yaml",
        "vn2000_meridians.csv",
        "crosswalk_boundaries.csv",
        "official_areas.csv",
    )
}


def _check_documents(path: Path) -> str:
    from geo import resolutions
    from geo.io.curated import load_documents

    records = read_yaml(path)
    if not isinstance(records, list):
        raise DataValidationError(f"{path.name}, line 1: the file must be a list of documents.")
    validate_records(records, resolutions.DOCUMENT_SCHEMA, where=f"{path.name}, document")
    return f"{path.name}: {len(load_documents(path))} documents"


def _check_projects(path: Path) -> str:
    from geo import resolutions
    from geo.io.curated import load_projects

    features = read_feature_collection(path)
    validate_records([f["properties"] for f in features], resolutions.PROJECT_SCHEMA, where=f"{path.name}, feature")
    return f"{path.name}: {len(load_projects(path))} projects"


def _check_standards(path: Path) -> str:
    from geo.io.curated import load_standards

    read_yaml(path)
    return f"{path.name}: {len(load_standards(path).criteria)} criteria"


def _check_table(name: str) -> Callable[[Path], str]:
    def check(path: Path) -> str:
        from geo import resolutions
        from geo.io.curated import load_actuals, load_crosswalk, load_official_areas, load_population, load_targets

        schema = {
            "targets.csv": resolutions.TARGET_SCHEMA,
            "actuals.csv": resolutions.ACTUAL_SCHEMA,
        }.get(name) or TABLE_SCHEMAS[name]
        rows = validate_table(path, schema)
        # Checks the loaders already make (repeated codes, ranges, parsed numbers) run on the same path.
        if name == "population.csv":
            load_population(path)
        elif name == "targets.csv":
            load_targets(path)
        elif name == "actuals.csv":
            load_actuals(path)
        elif name == "crosswalk_boundaries.csv":
            load_crosswalk(path)
        elif name == "official_areas.csv":
            load_official_areas(path)
        return f"{path.name}: {len(rows)} rows"

    return check


def validate_curated(files: dict[str, Path] | None = None) -> list[str]:
    """Validate every curated file; return one summary line per file.

    Each file is checked on its own, so every broken file gets its sentence;
    the cross-references of the register (document, target and project ids)
    are checked once all files are sound.

    Parameters
    ----------
    files
        File name → path (defaults to :data:`CURATED_FILES`); a test passes
        copies to check a broken one without touching ``data/``.

    Raises
    ------
    DataValidationError
        One sentence per broken file (one line each), naming file, row or line and field.
    """
    from geo import resolutions
    from geo.io.curated import load_actuals, load_documents, load_projects, load_targets

    paths = dict(CURATED_FILES if files is None else files)
    checks: dict[str, Callable[[Path], str]] = {
        **{name: _check_table(name) for name in (*TABLE_SCHEMAS, "targets.csv", "actuals.csv")},
        "standards.yaml": _check_standards,
        "documents.yaml": _check_documents,
        "projects.geojson": _check_projects,
    }
    lines: list[str] = []
    problems: list[str] = []
    for name, check in checks.items():
        try:
            lines.append(check(paths[name]))
        except DataValidationError as error:
            problems.append(str(error))
    if problems:
        raise DataValidationError("\n".join(problems))
    documents = load_documents(paths["documents.yaml"])
    targets = load_targets(paths["targets.csv"], document_ids=set(documents["id"]))
    target_ids = set(targets["id"])
    load_actuals(paths["actuals.csv"], target_ids=target_ids)
    projects = load_projects(
        paths["projects.geojson"], document_ids=set(documents["id"]), target_ids=target_ids
    )
    project_ids = set(projects["id"])
    for number, (tid, pids) in enumerate(zip(targets["id"], targets["project_ids"]), start=2):
        for pid in resolutions.split_codes(pids):
            if pid not in project_ids:
                raise DataValidationError(
                    f"targets.csv, row {number}, field project_ids: '{pid}' (target {tid}) is not in projects.geojson."
                )
    return lines
