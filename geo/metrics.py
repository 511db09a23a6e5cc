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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo import boundaries
from geo.codes import check_code
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
        raise InvalidInputError(
            f"The units argument must be a pandas DataFrame of administrative units; got {type(units).__name__}."
        )
    missing = [c for c in _REQUIRED if c not in units.columns]
    if missing:
        raise InvalidInputError(f"The units table is missing the column(s) {', '.join(missing)}.")
    # unique() first: iterating 10,000 Arrow-backed strings in Python costs ~15 ms a call.
    types = units["unit_type"].dropna().unique()
    bad = sorted(set(types) - set(UNIT_TYPES))
    if bad:
        raise InvalidInputError(
            f"The unit_type column has the invalid value '{bad[0]}' (allowed: phường, xã, thị trấn)."
        )


def _check_code(code: object, *, level: str) -> str:
    """:func:`geo.codes.check_code`, and the code must be that very string.

    ``check_code`` accepts ``817`` or ``" 817"`` and returns ``"817"``; the callers
    here compare the code *as given* with the frame's codes (``apply_upgrades``
    would silently upgrade nothing for an int), so those are refused.
    """
    text = check_code(code, level=level)
    if text != code:
        raise InvalidInputError(f"A {level} code is passed as text without spaces ('{text}'); got {code!r}.")
    return text


def _unknown_commune(code: str) -> UnknownCodeError:
    return UnknownCodeError(f"No commune-level unit has the code {code} in the official 2024 list.")


def select_units(
    units: pd.DataFrame,
    *,
    district_code: str | None = None,
    province_code: str | None = None,
    codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rows of the commune-level units in scope (placeholder rows excluded), in code order.

    Exactly one of ``district_code``, ``province_code`` or ``codes`` is given.
    A district or province is chosen by :func:`geo.boundaries.select_units`
    (same checks and messages); the result has a fresh 0..n-1 index.

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
        raise InvalidInputError("Give exactly one scope: district_code, province_code or codes.")
    if district_code is not None or province_code is not None:
        if district_code is not None:
            _check_code(district_code, level="district")
        else:
            _check_code(province_code, level="province")
        # A district without communes is one placeholder row: known, but nothing to count.
        chosen = boundaries.select_units(units, district_code=district_code, province_code=province_code)
        return chosen[chosen["code"].notna() & chosen["unit_type"].notna()].reset_index(drop=True)
    assert codes is not None
    wanted = [codes] if isinstance(codes, str) else list(codes)
    if not wanted:
        raise InvalidInputError("The codes list is empty; give at least one 5-digit commune code.")
    for code in wanted:
        _check_code(code, level="commune")
    real = units[units["code"].notna() & units["unit_type"].notna()]
    known = set(real["code"])
    for code in wanted:
        if code not in known:
            raise _unknown_commune(code)
    if len(set(wanted)) != len(wanted):
        dup = next(c for c in wanted if wanted.count(c) > 1)
        raise InvalidInputError(f"The commune code {dup} is listed twice in codes.")
    return real[real["code"].isin(wanted)].sort_values("code").reset_index(drop=True)


def _upgrade_set(scope: pd.DataFrame, units: pd.DataFrame, upgrade: Sequence[str]) -> tuple[str, ...]:
    """Validate scenario upgrades against the scope; return them sorted."""
    wanted = [upgrade] if isinstance(upgrade, str) else list(upgrade)
    if not wanted:
        return ()
    # Names of the listed codes only: a dict over every unit of the country costs ~40 ms a call.
    real = units.loc[units["code"].isin(wanted)]
    names = dict(zip(real["code"], real["name"] if "name" in real.columns else real["code"], strict=True))
    types = dict(zip(scope["code"], scope["unit_type"], strict=True))
    seen: set[str] = set()
    for code in wanted:
        _check_code(code, level="commune")
        if code not in names:
            raise _unknown_commune(code)
        if code not in types:
            raise InvalidInputError(
                f"{names[code]} ({code}) lies outside the scope being counted, so it cannot be upgraded."
            )
        if types[code] == "phường":
            raise InvalidInputError(f"{names[code]} ({code}) is already a phường and cannot be upgraded to one.")
        if code in seen:
            raise InvalidInputError(f"{names[code]} ({code}) is listed twice in the upgrade list.")
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
            raise InvalidInputError(f"The population table is missing the column {col}.")
    if population["code"].duplicated().any():
        dup = population.loc[population["code"].duplicated(), "code"].iloc[0]
        raise InvalidInputError(f"The population table lists the code {dup} more than once.")
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
