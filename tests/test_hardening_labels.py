"""Vietnamese outputs show labels, not the register's English codes; data files keep codes and add labels."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest

from geo.export import collect, export_file, resolve_locality
from geo.resolutions import PRECISIONS, PROJECT_KINDS, STATUSES
from geo.text import PRINT_TEXT

CAI_LAY = "817"  # industrial cluster, planned, commune-centroid, schematic and unknown projects
CODES = {"industrial cluster", "industrial_cluster", "planned", "commune-centroid", "unknown", "schematic", "operating"}
KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def cai_lay(national_units, export_inputs):
    return collect(resolve_locality(district=CAI_LAY, units=national_units), **export_inputs)


def test_every_register_code_has_both_labels():
    from geo.text import REGISTER_TEXT, register_label

    for field, codes in (("kind", PROJECT_KINDS), ("status", STATUSES), ("precision", PRECISIONS)):
        for code in codes:
            entry = REGISTER_TEXT[f"{field}.{code}"]
            assert entry["vi"] and entry["en"]
    assert register_label("status", "planned") == "Quy hoạch"
    assert register_label("precision", "commune-centroid", "en") == "Known to commune only (commune centre)"
    assert register_label("kind", "not-a-kind") == "not-a-kind"


def test_slide_project_table_in_vietnamese(cai_lay):
    from geo.export.slides import project_rows

    rows = {row[0]: row for row in project_rows(cai_lay, lang="vi")}
    assert rows["CL-01"][2:5] == ["Cụm công nghiệp", "Quy hoạch", "Chỉ biết đến cấp xã (tâm xã)"]
    assert rows["CL-04"][2:5] == ["Đường", "Đang hoạt động", "Sơ đồ, không phải tuyến thực"]
    assert rows["CL-02"][4] == "Chưa xác định vị trí"
    assert not {cell for row in rows.values() for cell in row[2:5]} & CODES


def test_slide_pack_shows_no_code(cai_lay, tmp_path):
    from pptx import Presentation

    path = export_file(cai_lay, tmp_path / "cai-lay.pptx", lang="vi")
    cells = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                cells += [cell.text for row in shape.table.rows for cell in row.cells]
            elif shape.has_text_frame:
                assert "'unknown'" not in shape.text_frame.text
    assert "Cụm công nghiệp" in cells and "Quy hoạch" in cells
    assert not set(cells) & CODES


def test_english_slide_labels(cai_lay):
    from geo.export.slides import project_rows

    rows = {row[0]: row for row in project_rows(cai_lay, lang="en")}
    assert rows["CL-01"][2:5] == ["Industrial cluster", "Planned", "Known to commune only (commune centre)"]


def test_kml_balloons_in_vietnamese(cai_lay, tmp_path):
    path = export_file(cai_lay, tmp_path / "cai-lay.kml", lang="vi")
    root = ElementTree.parse(path).getroot()
    folders = [f.find(f"{KML}name").text for f in root.iter(f"{KML}Folder")]
    assert folders == ["Đơn vị hành chính cấp xã", "Dự án"]
    placemark = next(p for p in root.iter(f"{KML}Placemark") if p.find(f"{KML}name").text.startswith("CL-01 "))
    fields = {
        d.get("name"): (
            d.find(f"{KML}displayName").text if d.find(f"{KML}displayName") is not None else None,
            d.find(f"{KML}value").text,
        )
        for d in placemark.iter(f"{KML}Data")
    }
    assert fields["kind"] == ("Loại", "Cụm công nghiệp")
    assert fields["status"] == ("Tình trạng", "Quy hoạch")
    assert fields["precision"] == ("Độ chính xác vị trí", "Chỉ biết đến cấp xã (tâm xã)")
    assert fields["kind_code"] == (None, "industrial_cluster")  # kept for software
    shown = {value for name, (display, value) in fields.items() if display is not None}
    assert not shown & CODES


def test_print_legend_has_no_english_word():
    assert PRINT_TEXT["line_schematic"]["vi"] == "Tuyến – sơ đồ, không phải tuyến thực"
    assert "schematic" not in " ".join(entry["vi"] for entry in PRINT_TEXT.values())


def test_printed_page_has_no_english_code(cai_lay, tmp_path):
    from pypdf import PdfReader

    text = PdfReader(export_file(cai_lay, tmp_path / "cai-lay.pdf", lang="vi")).pages[0].extract_text()
    assert "Tuyến – sơ đồ, không phải tuyến thực" in " ".join(text.split())
    assert "schematic" not in text


def test_data_files_keep_codes_and_add_labels(cai_lay, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export_file(cai_lay, tmp_path / "x.csv").read_bytes().decode("utf-8-sig"))))
    project = next(r for r in rows if r["id"] == "CL-01")
    assert (project["kind"], project["kind_label"]) == ("industrial_cluster", "Cụm công nghiệp")
    assert (project["status"], project["status_label"]) == ("planned", "Quy hoạch")
    assert (project["precision"], project["precision_label"]) == ("commune-centroid", "Chỉ biết đến cấp xã (tâm xã)")
    target = next(r for r in rows if r["layer"] == "target")
    labels = {"met": "Đạt", "not met": "Chưa đạt", "no data": "Chưa có số liệu"}
    assert target["status_label"] == labels[target["status"]]
    with zipfile.ZipFile(export_file(cai_lay, tmp_path / "x.zip", lang="en")) as archive:
        zipped = list(csv.DictReader(io.StringIO(archive.read("projects.csv").decode("utf-8-sig"))))
    assert next(r for r in zipped if r["id"] == "CL-01")["kind_label"] == "Industrial cluster"
