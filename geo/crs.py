"""Coordinate reference systems, defined once: storage, metric work and VN-2000 TM-3.

Data is stored in EPSG:4326. Distances and buffers are computed in a metric
CRS; areas are geodesic (:func:`geo.boundaries.geodesic_area_km2`).

VN-2000 TM-3 (k = 0.9999, false easting 500 000 m) takes the province's central
meridian from ``data/vn2000_meridians.csv`` (Thông tư 973/2001/TT-TCĐC). The
datum and its link to WGS 84 are defined once, in :mod:`geo.vn2000`: the
7-parameter transformation of Quyết định 05/2007/QĐ-BTNMT in the Coordinate
Frame convention, checked against the six control points of thông báo hàng hải
168/TBHH-TCTBĐATHHMN of 18/6/2021 to 0.001″.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal

from geo.errors import InvalidInputError
from geo.vn2000 import QD05_2007_COORDINATE_FRAME, vn2000_tm3

if TYPE_CHECKING:
    import pandas as pd
    from pyproj import CRS

__all__ = [
    "STORAGE_CRS",
    "METRIC_CRS",
    "CrsChoice",
    "CRS_CHOICES",
    "TOWGS84_QD05_2007",
    "vn2000_tm3",
    "vn2000_crs",
]

STORAGE_CRS: Final[str] = "EPSG:4326"
# WGS 84 / UTM zone 48N covers the mainland from Lào Cai to Cà Mau; distance
# errors stay under 0.1 % for the few-kilometre checks made in it.
METRIC_CRS: Final[str] = "EPSG:32648"

# The output CRS a user may choose for an export.
CrsChoice = Literal["wgs84", "vn2000"]
CRS_CHOICES: Final[tuple[CrsChoice, ...]] = ("wgs84", "vn2000")

# Quyết định 05/2007/QĐ-BTNMT, Điều 1, as published (Coordinate Frame convention; see geo.vn2000).
TOWGS84_QD05_2007: Final[tuple[float, ...]] = QD05_2007_COORDINATE_FRAME


def vn2000_crs(
    units: pd.DataFrame, *, meridians: Mapping[str, tuple[str, float]], refusals: Mapping[str, str] | None = None
) -> CRS:
    """The VN-2000 TM-3 CRS of the province the ``units`` lie in.

    Parameters
    ----------
    units
        Units with ``province_code`` and ``province_name``.
    meridians
        Province code → (name, central meridian in degrees), as :func:`geo.io.load_meridians` reads it.
    refusals
        Province code → the sentence refusing VN-2000 for it (a 2025 province whose legacy
        constituents have different meridians, :func:`geo.vintage.meridians2025.meridians_2025`).

    Raises
    ------
    InvalidInputError
        Units of several provinces, or a province with no sourced meridian.
    """
    provinces = sorted(set(units["province_code"]))
    if len(provinces) != 1:
        raise InvalidInputError("VN-2000 export needs a locality inside one province (one TM-3 central meridian).")
    if refusals and provinces[0] in refusals:
        raise InvalidInputError(refusals[provinces[0]])
    if provinces[0] not in meridians:
        name = units["province_name"].iloc[0]
        raise InvalidInputError(
            f"No sourced VN-2000 TM-3 central meridian for {name} ({provinces[0]}) in data/vn2000_meridians.csv; "
            "export in WGS 84 (--crs wgs84)."
        )
    return vn2000_tm3(meridians[provinces[0]][1])
