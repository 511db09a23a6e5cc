"""The zonal table as files: CSV (UTF-8 with BOM, spreadsheet formulas neutralised), JSON and GeoJSON."""

from __future__ import annotations

import io
import json
from typing import Final

import geopandas as gpd
import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise", "table_csv", "table_json", "table_geojson"]

# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV injection").
FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with an apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes, UTF-8 with BOM (Excel then shows Vietnamese), CRLF, text cells neutralised."""
    out = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("str", "string"):
            out[column] = out[column].map(neutralise)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def table_json(frame: pd.DataFrame) -> bytes:
    """JSON records (no geometry), unknown values as null."""
    plain = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    records = json.loads(plain.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def table_geojson(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON (RFC 7946, EPSG:4326) of the zones with their statistics."""
    text: str = frame.to_crs(4326).to_json(ensure_ascii=False, drop_id=True, to_wgs84=True)
    return text.encode("utf-8")
