"""KML export (WGS 84, Google Earth): a Folder of units and a Folder of located projects.

One Placemark each, styled like the map, written with :mod:`xml.etree`, which
escapes the text. The balloons are read by people: every field has a
``displayName`` and the register's codes (kind, status, location precision)
are shown as labels in the chosen language (:data:`geo.text.KML_TEXT`,
:func:`geo.text.register_label`); the codes themselves stay in ``*_code``
fields for software.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.style import PROJECT_COLOR, UNIT_COLORS, UPGRADED_COLOR
from geo.text import KML_TEXT, lookup, register_label

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    import geopandas as gpd

    from geo.export.bundle import ExportBundle

__all__ = ["write_kml"]


# KML colours are aabbggrr.
def _kml_color(hex_rgb: str, alpha: int) -> str:
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}"


def _kml_coords(coords: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{x:.7f},{y:.7f}" for x, y, *_ in coords)


def _kml_geometry(parent: Element, geom: Any) -> None:
    from xml.etree.ElementTree import SubElement

    kind = geom.geom_type
    if kind.startswith("Multi"):
        multi = SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)
    elif kind == "Polygon":
        poly = SubElement(parent, "Polygon")
        outer = SubElement(SubElement(poly, "outerBoundaryIs"), "LinearRing")
        SubElement(outer, "coordinates").text = _kml_coords(geom.exterior.coords)
        for ring in geom.interiors:
            inner = SubElement(SubElement(poly, "innerBoundaryIs"), "LinearRing")
            SubElement(inner, "coordinates").text = _kml_coords(ring.coords)
    elif kind == "LineString":
        SubElement(SubElement(parent, "LineString"), "coordinates").text = _kml_coords(geom.coords)
    elif kind == "Point":
        SubElement(SubElement(parent, "Point"), "coordinates").text = _kml_coords(geom.coords)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


# Written by hand with xml.etree (which escapes every text) rather than GDAL's KML driver through
# pyogrio: with GDAL 3.12 that driver turns an OGR_STYLE brush into <PolyStyle><fill>0</fill>, so the
# unit fills are lost; it writes one inline <Style> per placemark instead of the shared styles below,
# leaks OGR_STYLE into ExtendedData, and sets no Document name or description (the title and sources).
# LIBKML, which would keep styles, is read-only in the GDAL that pyogrio ships.
def write_kml(
    bundle: ExportBundle, tmp: Path, *, units: gpd.GeoDataFrame, projects: gpd.GeoDataFrame, lang: str = "vi"
) -> None:
    """Write ``bundle`` as KML 2.2 to ``tmp``.

    ``units`` and ``projects`` are the bundle's tables as exported
    (:func:`geo.export.data.units_frame`, :func:`geo.export.data.projects_frame`).
    """
    from xml.etree.ElementTree import Element, ElementTree, SubElement

    def t(key: str, **values: object) -> str:
        return lookup(KML_TEXT, key, lang, **values)

    kml = Element("kml", xmlns="http://www.opengis.net/kml/2.2")
    doc = SubElement(kml, "Document")
    SubElement(doc, "name").text = bundle.title
    SubElement(doc, "description").text = t("description", subtitle=bundle.subtitle, date=f"{bundle.made_on:%d/%m/%Y}")
    styles = {**UNIT_COLORS, "upgraded": UPGRADED_COLOR}
    for key, color in styles.items():
        style = SubElement(doc, "Style", id=f"unit-{key.replace(' ', '-')}")
        line = SubElement(style, "LineStyle")
        SubElement(line, "color").text = "ff333333"
        SubElement(line, "width").text = "1.5"
        SubElement(SubElement(style, "PolyStyle"), "color").text = _kml_color(color, 0x80)
    style = SubElement(doc, "Style", id="project")
    line = SubElement(style, "LineStyle")
    SubElement(line, "color").text = _kml_color(PROJECT_COLOR, 0xFF)
    SubElement(line, "width").text = "3"
    SubElement(SubElement(style, "IconStyle"), "color").text = _kml_color(PROJECT_COLOR, 0xFF)

    def data(placemark: Element, fields: dict[str, object], codes: dict[str, object] | None = None) -> None:
        extended = SubElement(placemark, "ExtendedData")
        for name, value in fields.items():
            item = SubElement(extended, "Data", name=name)
            SubElement(item, "displayName").text = t(name)
            SubElement(item, "value").text = _text(value)
        for name, value in (codes or {}).items():  # for software reading the file; no display name
            SubElement(SubElement(extended, "Data", name=f"{name}_code"), "value").text = _text(value)

    folder = SubElement(doc, "Folder")
    SubElement(folder, "name").text = t("units")
    for row in units[units.geometry.notna()].itertuples():
        placemark = SubElement(folder, "Placemark")
        SubElement(placemark, "name").text = row.name
        key = "upgraded" if row.upgraded else row.official_type
        SubElement(placemark, "styleUrl").text = f"#unit-{key.replace(' ', '-')}"
        data(
            placemark,
            {
                "code": row.code,
                "unit_type": row.official_type,
                "scenario_type": row.scenario_type,
                "district": row.district_name,
                "province": row.province_name,
                "area_km2": row.area_km2,
            },
        )
        _kml_geometry(placemark, row.geometry)
    folder = SubElement(doc, "Folder")
    SubElement(folder, "name").text = t("projects")
    for row in projects[projects.geometry.notna()].itertuples():
        placemark = SubElement(folder, "Placemark")
        SubElement(placemark, "name").text = f"{row.id} {row.name_vi}"
        SubElement(placemark, "styleUrl").text = "#project"
        data(
            placemark,
            {
                "id": row.id,
                "kind": register_label("kind", row.kind, lang),
                "status": register_label("status", row.status, lang),
                "precision": register_label("precision", row.precision, lang),
                "precision_note": row.precision_note,
                "communes": row.unit_names,
                "documents": row.document_ids,
            },
            {"kind": row.kind, "status": row.status, "precision": row.precision},
        )
        _kml_geometry(placemark, row.geometry)
    ElementTree(kml).write(tmp, encoding="utf-8", xml_declaration=True)
