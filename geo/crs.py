"""Coordinate reference systems, defined once: storage, metric work and VN-2000 TM-3.

Data is stored in EPSG:4326. Distances and buffers are computed in a metric
CRS; areas are geodesic (:func:`geo.boundaries.geodesic_area_km2`).

VN-2000 TM-3 (k = 0.9999, false easting 500 000 m) takes the province's central
meridian from ``data/vn2000_meridians.csv`` (Thông tư 973/2001/TT-TCĐC) and the
7-parameter transformation of Quyết định 05/2007/QĐ-BTNMT as ``TOWGS84``. The
signs were checked against Thông tư 20/2019/TT-BGTVT, whose table gives point
VP1 as 12°33′36,0″N 109°26′00,0″E (WGS 84) = 12°33′39,7″N 109°25′53,6″E
(VN-2000): this definition reproduces it to 0,1″.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal

from geo.errors import InvalidInputError

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

# Quyết định 05/2007/QĐ-BTNMT, Điều 1: ΔX, ΔY, ΔZ (m), rotations ω, ψ, ε (″), scale k − 1 (ppm).
TOWGS84_QD05_2007: Final[tuple[float, ...]] = (
    -191.90441429,
    -39.30318279,
    -111.45032835,
    -0.00928836,
    0.01975479,
    -0.00427372,
    0.252906278,
)


def _dms(degrees: float) -> str:
    whole = int(degrees)
    return f"{whole}-{round((degrees - whole) * 60):02d}"


def vn2000_tm3(central_meridian: float) -> CRS:
    """VN-2000 / TM-3 with ``central_meridian`` (degrees) and the QĐ 05/2007 parameters.

    Returns
    -------
    pyproj.CRS
        A bound CRS (WKT1 ``TOWGS84``), metres, axis order easting, northing.
    """
    from pyproj import CRS

    towgs84 = ",".join(repr(v) for v in TOWGS84_QD05_2007)
    # Built from a PROJ string (TOWGS84 = position-vector convention, checked against the control point in
    # the module docstring), then named. A WKT1 with DATUM["Vietnam_2000"] is avoided on purpose: PROJ
    # matches that name to EPSG:6756 and flips the rotation signs when it parses it.
    bound = CRS.from_proj4(
        f"+proj=tmerc +lat_0=0 +lon_0={central_meridian!r} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
        f"+towgs84={towgs84} +units=m +no_defs +type=crs"
    ).to_json_dict()
    bound["source_crs"]["name"] = f"VN-2000 / TM-3 {_dms(central_meridian)}"
    bound["source_crs"]["base_crs"]["name"] = "VN-2000"
    bound["source_crs"]["base_crs"]["datum"]["name"] = "VN-2000 (QD 05/2007/QD-BTNMT 7 parameters)"
    return CRS.from_json_dict(bound)


def vn2000_crs(units: pd.DataFrame, *, meridians: Mapping[str, tuple[str, float]]) -> CRS:
    """The VN-2000 TM-3 CRS of the province the ``units`` lie in.

    Parameters
    ----------
    units
        Units with ``province_code`` and ``province_name``.
    meridians
        Province code → (name, central meridian in degrees), as :func:`geo.io.load_meridians` reads it.

    Raises
    ------
    InvalidInputError
        Units of several provinces, or a province with no sourced meridian.
    """
    provinces = sorted(set(units["province_code"]))
    if len(provinces) != 1:
        raise InvalidInputError("VN-2000 export needs a locality inside one province (one TM-3 central meridian).")
    if provinces[0] not in meridians:
        name = units["province_name"].iloc[0]
        raise InvalidInputError(
            f"No sourced VN-2000 TM-3 central meridian for {name} ({provinces[0]}) in data/vn2000_meridians.csv; "
            "export in WGS 84 (--crs wgs84)."
        )
    return vn2000_tm3(meridians[provinces[0]][1])
