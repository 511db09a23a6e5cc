"""VN-2000: the national datum of Quyết định 83/2000/QĐ-TTg and its link to WGS 84.

Parameters
----------
Quyết định 05/2007/QĐ-BTNMT, Điều 1, gives seven parameters from VN-2000 to
WGS 84 (ΔX, ΔY, ΔZ in m, rotations in arc-seconds, scale in ppm). They are
applied with the **Coordinate Frame** rotation convention, as EPSG does for
"VN-2000 to WGS 84 (2)" (Department of Survey and Mapping). The convention is
settled by the control points of thông báo hàng hải 168/TBHH-TCTBĐATHHMN of
18/6/2021 (Tổng công ty Bảo đảm an toàn hàng hải miền Nam, Bạch Hổ – Kỳ Vân
gas pipeline), which give six points in both systems to 0.001″: Coordinate
Frame reproduces all twelve values to the last digit, Position Vector misses
each by about half a metre (see :data:`CONTROL_POINTS_168_2021`).

Files
-----
WKT1 ``TOWGS84`` and PROJ's ``+towgs84`` are Position Vector by definition, so
the rotations written there are the published ones with their signs changed;
the transformation is the same. :func:`vn2000_tm3` builds a bound CRS whose
transformation is named as Coordinate Frame with the published values; PROJ
writes it to a GeoPackage or a ``.prj`` as the equivalent ``TOWGS84`` and reads
that back to the same transformation (the tests read each written file back
and check the control points through the CRS found there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pyproj import CRS

__all__ = [
    "QD05_2007_COORDINATE_FRAME",
    "TOWGS84_POSITION_VECTOR",
    "CONTROL_POINTS_168_2021",
    "vn2000_geographic",
    "vn2000_tm3",
]

# Quyết định 05/2007/QĐ-BTNMT, Điều 1 (VN-2000 → WGS 84): ΔX, ΔY, ΔZ (m); ω, ψ, ε (″); k − 1 (ppm).
QD05_2007_COORDINATE_FRAME: Final[tuple[float, ...]] = (
    -191.90441429,
    -39.30318279,
    -111.45032835,
    -0.00928836,
    0.01975479,
    -0.00427372,
    0.252906278,
)

# The same transformation in the Position Vector form of WKT1 TOWGS84 / +towgs84: rotations negated.
TOWGS84_POSITION_VECTOR: Final[tuple[float, ...]] = (
    *QD05_2007_COORDINATE_FRAME[:3],
    *(-r for r in QD05_2007_COORDINATE_FRAME[3:6]),
    QD05_2007_COORDINATE_FRAME[6],
)

# Thông báo hàng hải 168/TBHH-TCTBĐATHHMN (18/6/2021), table 1 "Tọa độ đường ống dẫn khí Bạch Hổ – Kỳ Vân":
# point → (WGS 84 lat, lon), (VN-2000 lat, lon), each as (degrees, minutes, seconds).
_DMS = tuple[int, int, float]
_LatLon = tuple[_DMS, _DMS]
CONTROL_POINTS_168_2021: Final[dict[str, tuple[_LatLon, _LatLon]]] = {
    "Km 0+055": (((9, 45, 22.357), (107, 58, 59.645)), ((9, 45, 26.050), (107, 58, 53.250))),
    "Km 10+000": (((9, 48, 49.998), (107, 54, 49.367)), ((9, 48, 53.690), (107, 54, 42.970))),
    "Km 100+000": (((10, 20, 14.098), (107, 17, 6.022)), ((10, 20, 17.777), (107, 16, 59.607))),
    "TP-1": (((10, 21, 26.160), (107, 15, 39.067)), ((10, 21, 29.839), (107, 15, 32.651))),
    "IP-1": (((10, 21, 30.762), (107, 15, 33.523)), ((10, 21, 34.441), (107, 15, 27.107))),
    "TP-2": (((10, 21, 37.012), (107, 15, 29.987)), ((10, 21, 40.691), (107, 15, 23.571))),
}

_ELLIPSOID: Final[dict[str, object]] = {  # VN-2000 uses the WGS 84 ellipsoid (QĐ 83/2000/QĐ-TTg)
    "name": "WGS 84",
    "semi_major_axis": 6378137,
    "inverse_flattening": 298.257223563,
}


def _dms_name(degrees: float) -> str:
    whole = int(degrees)
    return f"{whole}-{round((degrees - whole) * 60):02d}"


def _transformation() -> dict[str, object]:
    names = (
        ("X-axis translation", 8605, "metre"),
        ("Y-axis translation", 8606, "metre"),
        ("Z-axis translation", 8607, "metre"),
        ("X-axis rotation", 8608, "arc-second"),
        ("Y-axis rotation", 8609, "arc-second"),
        ("Z-axis rotation", 8610, "arc-second"),
        ("Scale difference", 8611, "parts per million"),
    )
    units = {
        "metre": "metre",
        "arc-second": {"type": "AngularUnit", "name": "arc-second", "conversion_factor": 4.84813681109536e-06},
        "parts per million": {"type": "ScaleUnit", "name": "parts per million", "conversion_factor": 1e-06},
    }
    return {
        "name": "VN-2000 to WGS 84 (QD 05/2007/QD-BTNMT, Coordinate Frame)",
        "method": {
            "name": "Coordinate Frame rotation (geocentric domain)",
            "id": {"authority": "EPSG", "code": 1032},
        },
        "parameters": [
            {"name": name, "value": value, "unit": units[unit], "id": {"authority": "EPSG", "code": code}}
            for (name, code, unit), value in zip(names, QD05_2007_COORDINATE_FRAME, strict=True)
        ],
    }


def _geographic() -> dict[str, object]:
    return {
        "type": "GeographicCRS",
        "name": "VN-2000",
        "datum": {"type": "GeodeticReferenceFrame", "name": "VN-2000 (QD 05/2007/QD-BTNMT)", "ellipsoid": _ELLIPSOID},
        "coordinate_system": {
            "subtype": "ellipsoidal",
            "axis": [
                {"name": "Geodetic latitude", "abbreviation": "Lat", "direction": "north", "unit": "degree"},
                {"name": "Geodetic longitude", "abbreviation": "Lon", "direction": "east", "unit": "degree"},
            ],
        },
    }


def _bound(source: dict[str, object]) -> CRS:
    from pyproj import CRS

    return CRS.from_json_dict(
        {
            "$schema": "https://proj.org/schemas/v0.7/projjson.schema.json",
            "type": "BoundCRS",
            "source_crs": source,
            "target_crs": CRS("EPSG:4326").to_json_dict(),
            "transformation": _transformation(),
        }
    )


def vn2000_geographic() -> CRS:
    """VN-2000 latitude/longitude bound to WGS 84 by the QĐ 05/2007 parameters (Coordinate Frame)."""
    return _bound(_geographic())


def vn2000_tm3(central_meridian: float) -> CRS:
    """VN-2000 / TM-3 (k = 0.9999, false easting 500 000 m) on ``central_meridian``, bound to WGS 84.

    Returns
    -------
    pyproj.CRS
        A bound CRS; metres, axis order easting, northing.
    """
    projected: dict[str, object] = {
        "type": "ProjectedCRS",
        "name": f"VN-2000 / TM-3 {_dms_name(central_meridian)}",
        "base_crs": _geographic(),
        "conversion": {
            "name": f"TM-3 {_dms_name(central_meridian)}",
            "method": {"name": "Transverse Mercator", "id": {"authority": "EPSG", "code": 9807}},
            "parameters": [
                {"name": "Latitude of natural origin", "value": 0, "unit": "degree"},
                {"name": "Longitude of natural origin", "value": central_meridian, "unit": "degree"},
                {"name": "Scale factor at natural origin", "value": 0.9999, "unit": "unity"},
                {"name": "False easting", "value": 500000, "unit": "metre"},
                {"name": "False northing", "value": 0, "unit": "metre"},
            ],
        },
        "coordinate_system": {
            "subtype": "Cartesian",
            "axis": [
                {"name": "Easting", "abbreviation": "E", "direction": "east", "unit": "metre"},
                {"name": "Northing", "abbreviation": "N", "direction": "north", "unit": "metre"},
            ],
        },
    }
    return _bound(projected)
