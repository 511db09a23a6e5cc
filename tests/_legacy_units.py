"""Test helper: the legacy (pre-July-2025) unit list as the frame ``load_units`` returns.

Built straight from the registry package ``vietnamadminunits`` (no geometry), so
tests that need the real national list do not depend on the build cache.

The registry has 10,040 rows: 10,035 commune-level units and 5 island districts
without commune-level units (Bạch Long Vĩ 318, Cồn Cỏ 471, Hoàng Sa 498,
Lý Sơn 536, Côn Đảo 755 — ``wardType`` is None there). Those 5 rows are kept as
placeholders with an empty ``code``/``name``/``unit_type`` so that every one of
the 696 district-level units is present; the metrics skip them when counting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

__all__ = ["LEGACY_QUERY", "UNIT_TYPE_MAP", "DISTRICT_TYPE_MAP", "legacy_units_frame", "legacy_units"]

LEGACY_QUERY = (
    "select provinceCode, province, districtCode, district, districtType, wardCode, ward, wardType "
    "from admin_units_legacy"
)
UNIT_TYPE_MAP = {"Phường": "phường", "Xã": "xã", "Thị trấn": "thị trấn"}
DISTRICT_TYPE_MAP = {"Quận": "quận", "Thị xã": "thị xã", "Thành phố": "thành phố", "Huyện": "huyện"}
COLUMNS = [
    "code",
    "name",
    "unit_type",
    "district_code",
    "district_name",
    "district_type",
    "province_code",
    "province_name",
    "area_km2",
]


def legacy_units_frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Map registry records to the ``load_units`` columns (without geometry).

    Raises ``ValueError`` on a unit or district type the maps do not know, so a
    registry change cannot slip through silently.
    """
    rows = []
    for r in records:
        ward_type = r["wardType"]
        if ward_type is not None and ward_type not in UNIT_TYPE_MAP:
            raise ValueError(f"unknown wardType {ward_type!r}")
        if r["districtType"] not in DISTRICT_TYPE_MAP:
            raise ValueError(f"unknown districtType {r['districtType']!r}")
        rows.append(
            {
                "code": r["wardCode"] if ward_type is not None else None,
                "name": r["ward"] if ward_type is not None else None,
                "unit_type": UNIT_TYPE_MAP[ward_type] if ward_type is not None else None,
                "district_code": r["districtCode"],
                "district_name": r["district"],
                "district_type": DISTRICT_TYPE_MAP[str(r["districtType"])],
                "province_code": r["provinceCode"],
                "province_name": r["province"],
                "area_km2": float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


@lru_cache(maxsize=1)
def _cached() -> pd.DataFrame:
    from vietnamadminunits.database import query

    return legacy_units_frame(query(LEGACY_QUERY))


def legacy_units() -> pd.DataFrame:
    """The full legacy list (10,040 rows incl. 5 placeholders); a fresh copy each call."""
    return _cached().copy()
