"""Ward ratio and urban-population share of districts, provinces or sets of units.

Definitions
-----------
ward ratio
    ``n_phường / (n_phường + n_xã + n_thị_trấn)`` over the commune-level units
    in scope, as in NQ 1211/2016/UBTVQH13 Art. 5 cl. 3(b) ("tỷ lệ số phường trên
    tổng số đơn vị hành chính cấp xã").
urban-population share ("tỷ lệ dân số thành thị")
    population of phường + thị trấn over the total population, the census
    definition of urban. It is *not* the GSO indicator "tỷ lệ đô thị hóa",
    which counts units recognised as urban areas.

Units are the legacy (pre-July-2025) commune-level list: a DataFrame with the
columns ``code``, ``unit_type`` ('phường' | 'xã' | 'thị trấn'),
``district_code``, ``district_name``, ``district_type``, ``province_code``,
``province_name``. A few district-level units have no communes (island
districts such as Bạch Long Vĩ); they may appear as one row with an empty
``code`` and ``unit_type`` and are then counted as districts with 0 units.
Scenario upgrades ("what if these communes became phường") are applied by
listing codes in ``upgrade``; they then count as phường and as urban.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.errors import InvalidInputError, UnknownCodeError

__all__ = [
    "UNIT_TYPES",
    "URBAN_UNIT_TYPES",
    "WardRatio",
    "Urbanisation",
    "ward_ratio",
    "urbanisation",
    "national_ward_ratios",
    "select_units",
]

UNIT_TYPES: tuple[str, ...] = ("phường", "xã", "thị trấn")
URBAN_UNIT_TYPES: frozenset[str] = frozenset({"phường", "thị trấn"})
_REQUIRED = ("code", "unit_type", "district_code", "province_code")
_CODE_RE = {2: re.compile(r"^\d{2}$"), 3: re.compile(r"^\d{3}$"), 5: re.compile(r"^\d{5}$")}
_LEVEL = {2: "tỉnh", 3: "huyện", 5: "xã"}


@dataclass(frozen=True)
class WardRatio:
    """Counts of commune-level units by type and the ward ratio.

    Attributes
    ----------
    wards, communes, townships
        Number of phường, xã and thị trấn (after upgrades).
    total
        All commune-level units in scope.
    ratio
        ``wards / total`` in [0, 1]; ``None`` when ``total`` is 0.
    upgraded
        Codes counted as phường by the scenario, sorted.
    """

    wards: int
    communes: int
    townships: int
    total: int
    ratio: float | None
    upgraded: tuple[str, ...] = ()


@dataclass(frozen=True)
class Urbanisation:
    """Census-style urban population share.

    Attributes
    ----------
    urban_population
        Persons in phường + thị trấn (upgraded units included); ``None`` when
        any unit lacks a figure.
    total_population
        Persons in all units; ``None`` when any unit lacks a figure.
    rate
        ``urban_population / total_population`` in [0, 1]; ``None`` when a
        figure is missing or the total is 0.
    population_years
        Distinct years of the figures used, sorted.
    sources
        Distinct sources of the figures used, sorted.
    missing
        Codes in scope without a population figure, sorted.
    upgraded
        Codes counted as urban by the scenario, sorted.
    """

    urban_population: int | None
    total_population: int | None
    rate: float | None
    population_years: tuple[int, ...]
    sources: tuple[str, ...]
    missing: tuple[str, ...]
    upgraded: tuple[str, ...] = ()

    @property
    def population_year(self) -> int | None:
        """The single year of the figures, or ``None`` when they mix years."""
        return self.population_years[0] if len(self.population_years) == 1 else None


def _check_units(units: pd.DataFrame) -> None:
    if not isinstance(units, pd.DataFrame):
        raise InvalidInputError("Tham số units phải là một DataFrame các đơn vị hành chính.")
    missing = [c for c in _REQUIRED if c not in units.columns]
    if missing:
        raise InvalidInputError(f"Bảng đơn vị hành chính (units) thiếu cột {', '.join(missing)}.")
    types = units["unit_type"].dropna()
    bad = sorted(set(types) - set(UNIT_TYPES))
    if bad:
        raise InvalidInputError(f"Cột unit_type có giá trị không hợp lệ '{bad[0]}' (chỉ nhận phường, xã, thị trấn).")


def _check_code(code: object, digits: int, *, argument: str) -> str:
    if not isinstance(code, str) or not _CODE_RE[digits].match(code):
        raise InvalidInputError(
            f"Mã {_LEVEL[digits]} '{code}' ({argument}) không hợp lệ: cần đúng {digits} chữ số, giữ số 0 ở đầu."
        )
    return code


def select_units(
    units: pd.DataFrame,
    *,
    district_code: str | None = None,
    province_code: str | None = None,
    codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rows of the commune-level units in scope (placeholder rows excluded).

    Exactly one of ``district_code``, ``province_code`` or ``codes`` is given.

    Raises
    ------
    InvalidInputError
        No scope, several scopes, or a malformed code.
    UnknownCodeError
        A well-formed code that names no unit.
    """
    _check_units(units)
    given = [x is not None for x in (district_code, province_code, codes)]
    if sum(given) != 1:
        raise InvalidInputError("Cần chỉ định đúng một phạm vi: district_code, province_code hoặc codes.")
    real = units[units["code"].notna() & units["unit_type"].notna()]
    if district_code is not None:
        _check_code(district_code, 3, argument="district_code")
        if not (units["district_code"] == district_code).any():
            raise UnknownCodeError(f"Không có đơn vị hành chính cấp huyện mã {district_code}.")
        return real[real["district_code"] == district_code]
    if province_code is not None:
        _check_code(province_code, 2, argument="province_code")
        if not (units["province_code"] == province_code).any():
            raise UnknownCodeError(f"Không có tỉnh, thành phố mã {province_code}.")
        return real[real["province_code"] == province_code]
    assert codes is not None
    wanted = [codes] if isinstance(codes, str) else list(codes)
    if not wanted:
        raise InvalidInputError("Danh sách mã đơn vị (codes) đang trống.")
    for code in wanted:
        _check_code(code, 5, argument="codes")
    known = set(real["code"])
    for code in wanted:
        if code not in known:
            raise UnknownCodeError(f"Không có đơn vị hành chính cấp xã mã {code}.")
    if len(set(wanted)) != len(wanted):
        dup = next(c for c in wanted if wanted.count(c) > 1)
        raise InvalidInputError(f"Mã xã {dup} được liệt kê hai lần trong codes.")
    return real[real["code"].isin(wanted)]


def _upgrade_set(scope: pd.DataFrame, units: pd.DataFrame, upgrade: Sequence[str]) -> tuple[str, ...]:
    """Validate scenario upgrades against the scope; return them sorted."""
    wanted = [upgrade] if isinstance(upgrade, str) else list(upgrade)
    if not wanted:
        return ()
    real = units[units["code"].notna()]
    names = dict(zip(real["code"], real["name"] if "name" in real.columns else real["code"], strict=True))
    types = dict(zip(scope["code"], scope["unit_type"], strict=True))
    seen: set[str] = set()
    for code in wanted:
        _check_code(code, 5, argument="upgrade")
        if code not in names:
            raise UnknownCodeError(f"Không có đơn vị hành chính cấp xã mã {code}.")
        if code not in types:
            raise InvalidInputError(f"{names[code]} ({code}) không thuộc phạm vi đang xét nên không thể nâng cấp.")
        if types[code] == "phường":
            raise InvalidInputError(f"{names[code]} ({code}) đã là phường, không thể nâng lên phường.")
        if code in seen:
            raise InvalidInputError(f"{names[code]} ({code}) được liệt kê hai lần trong danh sách nâng cấp.")
        seen.add(code)
    return tuple(sorted(seen))


def _counts(types: pd.Series) -> WardRatio:
    wards = int((types == "phường").sum())
    communes = int((types == "xã").sum())
    townships = int((types == "thị trấn").sum())
    total = wards + communes + townships
    return WardRatio(wards, communes, townships, total, wards / total if total else None)


def _effective_types(scope: pd.DataFrame, upgraded: Sequence[str]) -> pd.Series:
    types = scope["unit_type"].copy()
    if upgraded:
        types[scope["code"].isin(upgraded)] = "phường"
    return types


def ward_ratio(
    units: pd.DataFrame,
    *,
    district_code: str | None = None,
    province_code: str | None = None,
    codes: Iterable[str] | None = None,
    upgrade: Sequence[str] = (),
) -> WardRatio:
    """Ward ratio of a district, a province or a set of communes.

    Parameters
    ----------
    units
        Commune-level units (see module docstring).
    district_code, province_code, codes
        The scope; exactly one. A province sums its district-level units.
    upgrade
        Codes of xã / thị trấn in scope to count as phường (scenario).

    Returns
    -------
    WardRatio
        Counts and ``ratio`` in [0, 1] (``None`` for an empty scope).

    Raises
    ------
    InvalidInputError
        Malformed code, no or several scopes, or an upgrade of a phường or of a
        unit outside the scope.
    UnknownCodeError
        A code that names no unit.

    Examples
    --------
    Thị xã Cai Lậy (817) has 6 phường among 16 units: ``ratio == 0.375``.
    """
    scope = select_units(units, district_code=district_code, province_code=province_code, codes=codes)
    upgraded = _upgrade_set(scope, units, upgrade)
    base = _counts(_effective_types(scope, upgraded))
    return WardRatio(base.wards, base.communes, base.townships, base.total, base.ratio, upgraded)


def urbanisation(
    units: pd.DataFrame,
    population: pd.DataFrame,
    *,
    district_code: str | None = None,
    province_code: str | None = None,
    codes: Iterable[str] | None = None,
    upgrade: Sequence[str] = (),
) -> Urbanisation:
    """Urban-population share (phường + thị trấn over all) of a scope.

    Parameters
    ----------
    units
        Commune-level units (see module docstring).
    population
        One row per code: ``code``, ``population`` (persons), ``year``, ``source``.
    district_code, province_code, codes
        The scope; exactly one.
    upgrade
        Codes counted as phường, hence urban (scenario).

    Returns
    -------
    Urbanisation
        Populations in persons and ``rate`` in [0, 1]. When any unit in scope
        lacks a figure, ``urban_population``, ``total_population`` and ``rate``
        are ``None`` and ``missing`` lists the codes: a partial sum is never
        presented as the total.

    Raises
    ------
    InvalidInputError, UnknownCodeError
        As :func:`ward_ratio`; also when ``population`` lacks a column or
        repeats a code.
    """
    for col in ("code", "population", "year", "source"):
        if col not in population.columns:
            raise InvalidInputError(f"Bảng dân số thiếu cột {col}.")
    if population["code"].duplicated().any():
        dup = population.loc[population["code"].duplicated(), "code"].iloc[0]
        raise InvalidInputError(f"Bảng dân số có mã {dup} lặp lại.")
    scope = select_units(units, district_code=district_code, province_code=province_code, codes=codes)
    upgraded = _upgrade_set(scope, units, upgrade)
    types = _effective_types(scope, upgraded)
    pop = population.set_index("code")
    present = scope["code"].isin(pop.index)
    missing = tuple(sorted(scope.loc[~present, "code"]))
    used = pop.loc[scope.loc[present, "code"]]
    years = tuple(sorted({int(y) for y in used["year"]}))
    sources = tuple(sorted({str(s) for s in used["source"]}))
    if missing:
        return Urbanisation(None, None, None, years, sources, missing, upgraded)
    values = pop.loc[scope["code"], "population"].to_numpy()
    total = int(values.sum())
    urban = int(values[types.isin(URBAN_UNIT_TYPES).to_numpy()].sum())
    rate = urban / total if total else None
    return Urbanisation(urban, total, rate, years, sources, (), upgraded)


def national_ward_ratios(units: pd.DataFrame) -> pd.DataFrame:
    """Ward ratio of every district-level unit.

    Parameters
    ----------
    units
        Commune-level units; a district with no communes is kept when it
        appears as a placeholder row (empty ``code``).

    Returns
    -------
    pandas.DataFrame
        One row per district-level unit (696 for the full legacy list), sorted
        by ``district_code``: ``province_code``, ``province_name``,
        ``district_code``, ``district_name``, ``district_type``, ``wards``,
        ``communes``, ``townships``, ``total`` (int) and ``ratio`` (float in
        [0, 1], NaN when the district has no commune-level units).
    """
    _check_units(units)
    meta_cols = [
        c
        for c in ("province_code", "province_name", "district_code", "district_name", "district_type")
        if c in units.columns
    ]
    meta = units[meta_cols].drop_duplicates("district_code").set_index("district_code")
    typed = units[units["unit_type"].notna() & units["code"].notna()]
    counts = (
        pd.crosstab(typed["district_code"], typed["unit_type"])
        .reindex(columns=list(UNIT_TYPES), fill_value=0)
        .reindex(meta.index, fill_value=0)
    )
    out = meta.copy()
    out["wards"] = counts["phường"].astype("int64")
    out["communes"] = counts["xã"].astype("int64")
    out["townships"] = counts["thị trấn"].astype("int64")
    out["total"] = (out["wards"] + out["communes"] + out["townships"]).astype("int64")
    out["ratio"] = (out["wards"] / out["total"].where(out["total"] > 0)).astype("float64")
    out = out.reset_index()
    meta_names = ("province_code", "province_name", "district_code", "district_name", "district_type")
    ordered = [c for c in meta_names if c in out.columns]
    return (
        out[ordered + ["wards", "communes", "townships", "total", "ratio"]]
        .sort_values("district_code", kind="stable")
        .reset_index(drop=True)
    )
