"""Legal standards of administrative units, versioned by effective date, and a checker.

The thresholds live in ``data/standards.yaml``: one entry per criterion (and per
condition, e.g. a phường's minimum population depends on whether it belongs to
a quận, a thành phố or a thị xã). Each entry names its instrument, article,
clause, effective dates and sources, and says whether the figure was verified
against a legal text. Unverified figures are reported as ``'unverified'`` and
never judged as met or not met.

Examples
--------
>>> from datetime import date
>>> from geo.io import load_standards
>>> std = load_standards()
>>> [c.criterion for c in standards_in_force(std, "thanh_pho_thuoc_tinh", date(2024, 12, 31))]
['population_min', 'area_km2_min', 'subunits_min', 'ward_ratio_min', 'urban_class']
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from jsonschema import Draft202012Validator, ValidationError

from geo.errors import DataValidationError, InvalidInputError
from geo.measures import MEASURES, NO_FIGURE, Scope
from geo.metrics import select_units

__all__ = [
    "STATUSES",
    "CHECK_COLUMNS",
    "Criterion",
    "Standards",
    "parse_standards",
    "standards_in_force",
    "citation",
    "check",
    "DISTRICT_TYPE_KEYS",
    "RATIO_UNIT",
    "is_percentage",
]

STATUSES: tuple[str, ...] = ("met", "not met", "no data", "unverified")
# The unit of the criteria given as fractions (ward ratio, labour share …): shown as percentages.
RATIO_UNIT = "tỷ lệ (0–1)"
CHECK_COLUMNS: tuple[str, ...] = (
    "criterion",
    "label_vi",
    "required",
    "actual",
    "unit",
    "status",
    "citation",
    "source",
)
_OPS = (">=", ">", "<", "in")
_CODE_DIGITS = {2: "province", 3: "district", 5: "commune"}
_TEXT_FIELDS = ("id", "criterion", "label_vi", "unit", "instrument", "source_kind")
# The order in which the checks of one criterion report: the first problem of an entry is named.
_CHECK_ORDER = (*_TEXT_FIELDS, "target_type", "op", "value", "verified", "source_urls", "condition",
                "effective_from", "effective_to")  # fmt: skip
_CRITERION_FIELDS = (
    "id", "target_type", "criterion", "label_vi", "op", "value", "unit", "condition",
    "instrument", "article", "clause", "point", "effective_from", "effective_to",
    "verified", "source_kind", "source_urls", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Criterion:
    """One legal threshold.

    ``value`` is a number compared with ``op`` ``'>='`` or a list of allowed
    values for ``'in'``; ratios are fractions in [0, 1], areas km², populations
    persons. ``condition`` maps a context key (``parent_type``, ``terrain``,
    ``province_kind``) to the value for which the threshold applies.
    """

    id: str
    target_type: str
    criterion: str
    label_vi: str
    op: str
    value: Any
    unit: str
    condition: dict[str, str] | None
    instrument: str
    article: int | str | None
    clause: str | None
    point: str | None
    effective_from: date
    effective_to: date | None
    verified: bool
    source_kind: str
    source_urls: tuple[str, ...]
    note: str | None

    def in_force(self, as_of: date) -> bool:
        """Whether the threshold applies on ``as_of`` (both ends inclusive)."""
        return self.effective_from <= as_of and (self.effective_to is None or as_of <= self.effective_to)


@dataclass(frozen=True)
class Standards:
    """The parsed standards file."""

    criteria: tuple[Criterion, ...]
    target_types: dict[str, dict[str, str]]
    next_type: dict[str, str]
    reductions: tuple[dict[str, Any], ...] = field(default=())
    path: str = ""


def _fail(path: Path, where: str, message: str) -> DataValidationError:
    return DataValidationError(f"File {path.name}, {where}: {message}.")


def _date(value: object, *, path: Path, where: str, name: str, optional: bool) -> date | None:
    if value is None and optional:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, where, f"field {name} must be an ISO date (YYYY-MM-DD), got '{value}'")


def _as_json(value: object) -> object:
    """YAML dates as ISO strings, so the document can be checked against the JSON Schema."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


# The sentence for a schema error on a criterion's field (``{name}``, ``{value}``, ``{op}`` filled in).
_FIELD_MESSAGES: dict[str, str] = {
    **{name: "field {name} must be a non-empty string" for name in _TEXT_FIELDS},
    "op": "field op must be one of " + ", ".join(_OPS),
    "verified": "field verified must be true or false",
    "source_urls": "field source_urls must be a list of URLs",
    "condition": "field condition must be a mapping of keys to strings, or null",
    "effective_from": "field {name} must be an ISO date (YYYY-MM-DD), got '{value}'",
    "effective_to": "field {name} must be an ISO date (YYYY-MM-DD), got '{value}'",
}
_VALUE_MESSAGES = {
    **{op: f"field value must be a number when op is '{op}'" for op in (">=", ">", "<")},
    "in": "field value must be a non-empty list when op is 'in'",
}


def _criterion_where(doc: dict[str, Any], index: int) -> str:
    entry = doc["criteria"][index]
    return f"criteria[{index}]" + (f" ({entry.get('id')})" if isinstance(entry, dict) and entry.get("id") else "")


def _first_missing(instance: object, required: list[str]) -> str:
    return next(name for name in required if not isinstance(instance, dict) or name not in instance)


def _schema_error(error: ValidationError, doc: dict[str, Any]) -> tuple[tuple[int, int, int], str, str]:
    """(sort key, where, message) of one schema error, in the words the file's editors know."""
    path = list(error.absolute_path)
    section = str(path[0]) if path else ""
    order = {"": 0, "target_types": 1, "next_type": 2, "criteria": 3, "reductions": 4}.get(section, 5)
    if section == "criteria" and len(path) >= 2:
        where = _criterion_where(doc, int(path[1]))
        entry = doc["criteria"][int(path[1])]
        if len(path) == 2 and error.validator == "required":
            name = _first_missing(entry, list(_CRITERION_FIELDS))
            return (order, int(path[1]), -1), where, f"missing field {name}"
        if len(path) == 2:
            return (order, int(path[1]), -1), where, "each criterion must be a mapping"
        name = str(path[2])
        rank = _CHECK_ORDER.index(name) if name in _CHECK_ORDER else len(_CHECK_ORDER)
        if name == "value":
            message = _VALUE_MESSAGES.get(str(entry.get("op")), "field value has the wrong kind")
        elif name == "source_urls" and error.validator == "minItems":
            message = "a verified criterion needs at least one entry in source_urls"
        else:
            template = _FIELD_MESSAGES.get(name, "field {name}: " + error.message)
            message = template.format(name=name, value=entry.get(name))
        return (order, int(path[1]), rank), where, message
    if section == "reductions" and len(path) >= 2:
        name = _first_missing(error.instance, list(error.validator_value)) if error.validator == "required" else ""
        message = f"missing field {name}" if name else f"field {'.'.join(map(str, path[2:]))}: {error.message}"
        return (order, int(path[1]), 0), f"reductions[{path[1]}]", message
    if section == "target_types" and len(path) >= 2:
        return (order, 0, 0), f"target_types.{path[1]}", "needs label_vi and a level (province, district or commune)"
    if section == "next_type" and len(path) >= 2:
        return (order, 0, 0), f"next_type.{path[1]}", "expected the key of a target type"
    if section:
        expected = {"target_types": "expected a non-empty mapping", "criteria": "expected a non-empty list"}
        return (order, 0, 0), section, expected.get(section, "expected a list")
    if error.validator == "required":
        return (order, 0, 0), "file root", f"missing key {_first_missing(doc, list(error.validator_value))}"
    return (order, 0, 0), "file root", "expected a mapping with the keys target_types and criteria"


def parse_standards(doc: object, *, path: Path, schema: dict[str, Any]) -> Standards:
    """Validate the parsed ``standards.yaml`` against its JSON Schema, then check its cross-references.

    Parameters
    ----------
    doc
        The YAML document as read by :func:`geo.io.load_standards`.
    path
        The file, for the messages.
    schema
        ``geo/schemas/standards.schema.json``.

    Returns
    -------
    Standards
        Criteria with dates parsed, the target types and the upgrade path
        (``next_type``).

    Raises
    ------
    DataValidationError
        When an entry lacks a field or has a value of the wrong kind; the
        message names the file, entry and field.
    """
    if not isinstance(doc, dict):
        raise _fail(path, "file root", "expected a mapping with the keys target_types and criteria")
    errors = [_schema_error(e, doc) for e in Draft202012Validator(schema).iter_errors(_as_json(doc))]
    if errors:
        _, where, message = min(errors, key=lambda found: found[0])
        raise _fail(path, where, message)
    target_types = doc["target_types"]
    next_type = doc.get("next_type") or {}
    for src, dst in next_type.items():
        if src not in target_types or dst not in target_types:
            raise _fail(path, f"next_type.{src}", f"type '{dst}' or '{src}' is not in target_types")
    criteria: list[Criterion] = []
    ids: set[str] = set()
    for i, entry in enumerate(doc["criteria"]):
        where = _criterion_where(doc, i)
        if entry["id"] in ids:
            raise _fail(path, where, "field id repeats an earlier criterion")
        ids.add(entry["id"])
        if entry["target_type"] not in target_types:
            raise _fail(path, where, f"field target_type '{entry['target_type']}' is not in target_types")
        frm = _date(entry["effective_from"], path=path, where=where, name="effective_from", optional=False)
        to = _date(entry["effective_to"], path=path, where=where, name="effective_to", optional=True)
        assert frm is not None  # optional=False never returns None
        if to is not None and to < frm:
            raise _fail(path, where, "effective_to is before effective_from")
        criteria.append(_criterion(entry, effective_from=frm, effective_to=to))
    reductions = doc.get("reductions") or []
    for i, red in enumerate(reductions):
        if not all(t in target_types for t in red["target_types"]):
            raise _fail(
                path, f"reductions[{i}]", "field target_types names a type that is not in the file's target_types"
            )
    return Standards(tuple(criteria), dict(target_types), dict(next_type), tuple(reductions), str(path))


def _criterion(entry: dict[str, Any], *, effective_from: date, effective_to: date | None) -> Criterion:
    condition = entry["condition"]
    return Criterion(
        id=entry["id"],
        target_type=entry["target_type"],
        criterion=entry["criterion"],
        label_vi=entry["label_vi"],
        op=entry["op"],
        value=entry["value"],
        unit=entry["unit"],
        condition=dict(condition) if condition else None,
        instrument=entry["instrument"],
        article=entry["article"],
        clause=None if entry["clause"] is None else str(entry["clause"]),
        point=None if entry["point"] is None else str(entry["point"]),
        effective_from=effective_from,
        effective_to=effective_to,
        verified=entry["verified"],
        source_kind=entry["source_kind"],
        source_urls=tuple(entry["source_urls"]),
        note=entry["note"],
    )


def _check_target(standards: Standards, target_type: str) -> None:
    if target_type not in standards.target_types:
        known = ", ".join(sorted(standards.target_types))
        raise InvalidInputError(f"The unit type '{target_type}' is not in the standards file (known types: {known}).")


def standards_in_force(standards: Standards, target_type: str, as_of: date) -> list[Criterion]:
    """The criteria for ``target_type`` in force on ``as_of``, in file order.

    Raises
    ------
    InvalidInputError
        Unknown ``target_type``, or no criterion for it in force on that date.
    """
    _check_target(standards, target_type)
    found = [c for c in standards.criteria if c.target_type == target_type and c.in_force(as_of)]
    if not found:
        label = standards.target_types[target_type]["label_vi"]
        raise InvalidInputError(f"No standard for the type '{label}' is in force on {as_of:%Y-%m-%d}.")
    return found


def citation(criterion: Criterion, *, lang: str = "vi") -> str:
    """Instrument, article, clause and point as one string, e.g. "…, Điều 5 khoản 3 điểm b".

    Without an article number the text says why: from press summaries, or pending the official text.
    """
    if criterion.article is None:
        from geo.text import tr

        # Press summaries (source_kind news) carry no article numbers; the citation says so on screen.
        key = "citation_press" if criterion.source_kind == "news" else "citation_pending"
        return tr(key, lang, instrument=criterion.instrument)
    text = f"{criterion.instrument}, Điều {criterion.article}"
    if criterion.clause:
        text += f" khoản {criterion.clause}"
    if criterion.point:
        text += f" điểm {criterion.point}"
    return text


def _status(crit: Criterion, actual: Any, applicable: bool | None) -> str:
    if not crit.verified:
        return "unverified"
    if applicable is None or actual is None or (isinstance(actual, float) and math.isnan(actual)):
        return "no data"
    if crit.op == "in":
        return "met" if actual in crit.value else "not met"
    if crit.op == ">":
        return "met" if actual > crit.value else "not met"
    if crit.op == "<":
        return "met" if actual < crit.value else "not met"
    return "met" if actual >= crit.value else "not met"


def check(
    unit_or_district_code: str,
    target_type: str,
    as_of: date | None = None,
    *,
    units: pd.DataFrame,
    population: pd.DataFrame,
    standards: Standards,
    conditions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Check a unit against the standards of ``target_type`` in force on ``as_of``.

    Parameters
    ----------
    unit_or_district_code
        A commune (5 digits), district (3) or province (2) code of the legacy list.
    target_type
        A key of ``target_types`` in the standards file, e.g.
        ``"thanh_pho_thuoc_tinh"``; its level must match the code's.
    as_of
        Date whose standards apply; today when omitted. The legacy standards
        (NQ 1211 + 27/2022) are in force up to 31/12/2025.
    units, population, standards
        The unit layer, the population table and the parsed standards
        (:func:`geo.io.load_units`, :func:`geo.io.load_population`, :func:`geo.io.load_standards`).
    conditions
        Context for conditional thresholds, e.g. ``{"terrain": "other"}``.
        ``parent_type`` is taken from the unit's district type when not given.

    Returns
    -------
    pandas.DataFrame
        One row per criterion in force: ``criterion``, ``label_vi``,
        ``required`` (number or list of allowed values; ratios as fractions),
        ``actual`` (same units; ``None`` when unknown), ``unit``, ``status``
        ('met' | 'not met' | 'no data' | 'unverified'), ``citation`` and
        ``source`` (of the actual). Unverified thresholds keep their value in
        ``required``, are labelled "(ngưỡng chưa kiểm chứng)" and are never
        judged. A threshold whose condition is unknown is 'no data'.

    Raises
    ------
    InvalidInputError
        Malformed code, unknown target type, a level mismatch, or no standard in
        force on that date.
    UnknownCodeError
        A code that names no unit.
    """
    code = unit_or_district_code
    if not isinstance(code, str) or not code.isdigit() or len(code) not in _CODE_DIGITS:
        raise InvalidInputError(
            f"A unit code is 2 (province), 3 (district) or 5 (commune) digits with its leading zeros; got '{code}'."
        )
    as_of = as_of or date.today()
    criteria = standards_in_force(standards, target_type, as_of)
    level = _CODE_DIGITS[len(code)]
    wanted_level = standards.target_types[target_type]["level"]
    if level != wanted_level:
        label = standards.target_types[target_type]["label_vi"]
        raise InvalidInputError(
            f"Code {code} is a {level}-level unit, so it cannot be checked against the standards for '{label}' "
            f"({wanted_level} level)."
        )
    scopes: dict[str, dict[str, Any]] = {
        "commune": {"codes": [code]},
        "district": {"district_code": code},
        "province": {"province_code": code},
    }
    scope_kwargs = scopes[level]
    scope = select_units(units, **scope_kwargs)  # raises UnknownCodeError for a code of no unit
    scope_view = Scope(level, scope_kwargs, units, population)
    context = dict(conditions or {})
    if "parent_type" not in context and level == "commune" and "district_type" in scope.columns:
        context["parent_type"] = str(scope["district_type"].iloc[0])

    rows = []
    for crit in criteria:
        applicable: bool | None = True
        label = crit.label_vi
        if crit.condition:
            described = ", ".join(f"{k}={v}" for k, v in crit.condition.items())
            label = f"{label} ({described})"
            for key, val in crit.condition.items():
                if key not in context:
                    applicable = None
                elif context[key] != val:
                    applicable = False
            if applicable is False:
                continue
        if not crit.verified:
            label += " (ngưỡng chưa kiểm chứng)"
        measure = MEASURES.get(crit.criterion)
        actual, source = measure(scope_view) if measure else NO_FIGURE
        if applicable is None:
            source = f"{source}; điều kiện áp dụng chưa xác định"
        rows.append(
            {
                "criterion": crit.criterion,
                "label_vi": label,
                "required": list(crit.value) if crit.op == "in" else crit.value,
                "actual": actual,
                "unit": crit.unit,
                "status": _status(crit, actual, applicable),
                "citation": citation(crit),
                "source": source,
            }
        )
    # dtype=object keeps ints as ints and unknown values as None (not NaN).
    return pd.DataFrame(rows, columns=list(CHECK_COLUMNS), dtype=object)


# Used by geo.scenario: the YAML key of a legacy district type.
DISTRICT_TYPE_KEYS: dict[str, str] = {
    "quận": "quan",
    "thị xã": "thi_xa",
    "thành phố": "thanh_pho_thuoc_tinh",
    "huyện": "huyen",
}


def is_percentage(unit: str, value: object) -> bool:
    """Whether a required or actual ``value`` measured in ``unit`` is a fraction, shown as a percentage."""
    return unit == RATIO_UNIT and isinstance(value, float)
