"""What an atlas page says about its unit or project, as ``(style, text)`` lines.

Pure functions of the export bundle (and the population table): the same facts
as the web map's click panels, each figure with its source and year, each
project and target with its document and section. Unknown stays unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.export.atlas_furniture import number_text, percent_text
from geo.spatial import projects_for_unit, targets_for_unit
from geo.style import format_number
from geo.text import ATLAS_TEXT, PRINT_TEXT, localised, lookup, register_label

if TYPE_CHECKING:
    from geo.export.bundle import ExportBundle

__all__ = ["Line", "document_label", "documents_text", "unit_lines", "project_lines", "cover_lines"]

Line = tuple[str, str]


def _t(key: str, lang: str, **values: object) -> str:
    return lookup(ATLAS_TEXT, key, lang, **values)


def document_label(doc: Any) -> str:
    """'Nghị quyết 01-NQ/TU – Tỉnh ủy Trà Vinh' (the number only when the text states one).

    ``doc`` is a row of the documents table (a namedtuple from ``itertuples``).
    """
    number = f" {doc.number}" if isinstance(doc.number, str) and doc.number else ""
    return f"{doc.kind}{number} – {doc.issuing_body}"


def documents_text(bundle: ExportBundle) -> str:
    """The bundle's documents, joined by '; ' ('–' when none)."""
    return "; ".join(document_label(d) for d in bundle.documents.itertuples()) or "–"


def _kind(kind: str, lang: str) -> str:
    return register_label("kind", kind, lang)


def _label(row: Any, lang: str) -> str:
    return localised(row, "label", lang)


def _target_line(row: Any, lang: str) -> Line:
    status = _t(f"target_{row.status}", lang)
    actual = "" if pd.isna(row.actual) else f", {format_number(float(row.actual), lang, trim=True)}"
    year = f" ({row.actual_year})" if actual else ""
    return ("body", f"{row.id} {_label(row, lang)} — {status}{actual}{year} [{row.document_id}, {row.section}]")


def unit_lines(bundle: ExportBundle, code: str, *, population: pd.DataFrame | None, lang: str) -> list[Line]:
    """Type, area, 2019 population with source, ward-ratio contribution, targets and projects of one unit."""
    unit = bundle.units.loc[bundle.units["code"] == code].iloc[0]
    type_label = lookup(PRINT_TEXT, unit["unit_type"], lang) if unit["unit_type"] in PRINT_TEXT else unit["unit_type"]
    lines: list[Line] = [
        ("body", _t("unit_code", lang, code=code, type=type_label, district=unit["district_name"])),
        ("body", _t("unit_area", lang, area=number_text(float(unit["area_km2"]), lang, 2))),
    ]
    row = None if population is None else population[population["code"] == code]
    if row is None or row.empty:
        lines.append(("body", _t("unit_population_none", lang)))
    else:
        r = row.iloc[0]
        lines.append(
            ("body", _t("unit_population", lang, year=int(r["year"]), n=number_text(float(r["population"]), lang, 0)))
        )
        if float(unit["area_km2"]) > 0:
            density = float(r["population"]) / float(unit["area_km2"])
            lines.append(("body", _t("unit_density", lang, n=number_text(density, lang, 0))))
        lines.append(("small", _t("unit_population_source", lang, source=str(r["source"]))))
    lines.extend(_ward_lines(bundle, unit, lang))

    targets = targets_for_unit(code, bundle.targets)
    named = targets[targets["unit_scope"] == "named"]
    lines.append(("head", _t("unit_targets", lang)))
    if named.empty:
        lines.append(("body", _t("none", lang)))
    lines.extend(_target_line(t, lang) for t in named.itertuples())
    wide = len(targets) - len(named)
    if wide:
        lines.append(("small", _t("unit_wide_targets", lang, n=wide)))
    here = projects_for_unit(code, bundle.projects)
    lines.append(("head", _t("unit_projects", lang)))
    if here.empty:
        lines.append(("body", _t("none", lang)))
    for p in here.itertuples():
        status = _t(f"status_{p.status}", lang)
        precision = _t(f"precision_{p.precision}", lang)
        lines.append(("body", f"{p.id} {p.name_vi} — {status}; {precision}"))
    return lines


def _ward_lines(bundle: ExportBundle, unit: Any, lang: str) -> list[Line]:
    """The unit's share of its district's ward ratio (the legal ratio is per district-level unit)."""
    district = bundle.units[bundle.units["district_code"] == unit["district_code"]]
    total = len(district)
    wards = int((district["unit_type"] == "phường").sum())
    if not total:
        return []
    name = str(unit["district_name"])
    if unit["unit_type"] == "phường":
        text = _t(
            "ward_contribution",
            lang,
            district=name,
            wards=wards,
            total=total,
            share=number_text(100 / total, lang, 2),
            ratio=percent_text(wards / total, lang),
        )
    else:
        text = _t(
            "ward_if_upgraded",
            lang,
            district=name,
            ratio=percent_text(wards / total, lang),
            after=percent_text((wards + 1) / total, lang),
            wards=wards + 1,
            total=total,
        )
    return [("body", text), ("small", lookup(ATLAS_TEXT, "cover_vintage", lang))]


def project_lines(bundle: ExportBundle, pid: str, *, lang: str) -> list[Line]:
    """Kind, status, year, document and section, linked targets, communes, precision and sources of a project."""
    p = bundle.projects.loc[bundle.projects["id"] == pid].iloc[0]
    lines: list[Line] = []
    if p["precision"] == "unknown" or p.geometry is None:
        lines.append(("banner", _t("unlocated_map", lang)))
    lines.append(("body", f"{pid} · " + _t("project_kind", lang, kind=_kind(p["kind"], lang))))
    lines.append(("body", _t("project_status", lang, status=_t(f"status_{p['status']}", lang))))
    year = p["target_year"]
    lines.append(
        ("body", _t("project_year", lang, year=int(year)) if not pd.isna(year) else _t("project_year_none", lang))
    )
    lines.append(("body", _t("precision", lang, precision=_t(f"precision_{p['precision']}", lang))))
    if isinstance(p["precision_note"], str) and p["precision_note"]:
        lines.append(("small", p["precision_note"]))
    labels = {d.id: document_label(d) for d in bundle.documents.itertuples()}
    lines.append(("head", _t("project_documents", lang)))
    for doc_id, section in zip(p["document_ids"], p["sections"], strict=False):
        lines.append(("body", f"{labels.get(doc_id, doc_id)}, {_t('section', lang, section=section)}"))
    lines.append(("head", _t("linked_targets", lang)))
    linked = bundle.targets[bundle.targets["id"].isin(list(p["linked_target_ids"]))]
    if linked.empty:
        lines.append(("body", _t("none", lang)))
    lines.extend(_target_line(t, lang) for t in linked.itertuples())
    names = dict(zip(bundle.units["code"], bundle.units["name"], strict=True))
    lines.append(("head", _t("communes", lang)))
    touched = [f"{names[c]} ({c})" if c in names else c for c in p["unit_codes"]]
    note = f" {_t('nearest', lang)}" if p.get("unit_relation") == "nearest" else ""
    lines.append(("body", (", ".join(touched) + note) if touched else _t("none", lang)))
    lines.append(("head", _t("location_sources", lang)))
    sources = list(p["sources"]) if p["sources"] is not None else []
    if not sources:
        lines.append(("body", _t("none", lang)))
    lines.extend(("small", str(s)) for s in sources)
    if p["precision"] == "unknown" or p.geometry is None:
        lines.append(("small", _t("unlocated_banner", lang)))
    return lines


def cover_lines(bundle: ExportBundle, *, kind: str, pages: int, lang: str) -> list[Line]:
    """Locality, document(s), vintage, date and page count of the cover."""
    lines: list[Line] = [
        ("head", _t(f"kind_{kind}", lang)),
        ("body", _t("cover_locality", lang, name=bundle.locality.name_vi)),
    ]
    for doc in bundle.documents.itertuples():
        lines.append(("body", _t("cover_documents", lang, docs=document_label(doc))))
        lines.append(("quote", str(doc.title_vi).strip("[]")))
    if bundle.documents.empty:
        lines.append(("body", _t("cover_documents", lang, docs="–")))
    lines.append(("body", _t("cover_vintage", lang)))
    lines.append(("body", _t("cover_date", lang, date=f"{bundle.made_on:%d/%m/%Y}")))
    lines.append(("body", _t("cover_pages", lang, n=pages, what=_t(f"what_{kind}", lang))))
    return lines
