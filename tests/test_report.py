"""The progress report of a document's targets (geo.report): PDF, DOCX and XLSX read back."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.cli import main
from geo.errors import InvalidInputError
from geo.report import (
    EDIT_COLUMNS,
    collect_report,
    export_report,
    goal_text,
    load_report,
    report_rows,
    status_counts,
)
from geo.report.xlsx import safe_cell

LAO_CAI = "laocai-2024"
# The 48 targets of the Lào Cai document in register order (data/targets.csv).
LAO_CAI_IDS = [
    "LC-T01", "LC-T02", "LC-T03", "LC-T04", "LC-T04b", "LC-T05", "LC-T06", "LC-T07", "LC-T08", "LC-T09",
    "LC-T10", "LC-T11", "LC-T12", "LC-T13", "LC-T14", "LC-T15", "LC-T16", "LC-T17", "LC-T18", "LC-T19",
    "LC-T19b", "LC-T19c", "LC-T20", "LC-T21", "LC-T21b", "LC-T22", "LC-T23", "LC-T23b", "LC-T24", "LC-T24b",
    "LC-T25", "LC-T26", "LC-T27", "LC-T28", "LC-T28b", "LC-T29", "LC-T30", "LC-T31", "LC-T32", "LC-M01",
    "LC-M02", "LC-M03", "LC-M04", "LC-M05", "LC-M06", "LC-M07", "LC-M08", "LC-M09",
]  # fmt: skip
# data/actuals.csv holds one Lào Cai actual: budget revenue 7,802 bn VND in 2024 against ≥ 8,986 (LC-T08).
EXPECTED_STATUS = {tid: ("not met" if tid == "LC-T08" else "no data") for tid in LAO_CAI_IDS}
MADE_ON = date(2026, 12, 2)


@pytest.fixture(scope="module")
def lao_cai():
    return load_report(LAO_CAI, made_on=MADE_ON)


@pytest.fixture(scope="module")
def written(lao_cai, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    return {ext: export_report(lao_cai, folder / f"lao-cai{ext}") for ext in (".pdf", ".docx", ".xlsx")}


def test_lao_cai_targets_and_statuses(lao_cai):
    assert list(lao_cai.targets["id"]) == LAO_CAI_IDS
    assert dict(zip(lao_cai.targets["id"], lao_cai.targets["status"], strict=True)) == EXPECTED_STATUS
    assert status_counts(lao_cai.targets) == {"met": 0, "not met": 1, "no data": 47}
    row = lao_cai.targets.set_index("id").loc["LC-T08"]
    assert row["actual"] == 7802 and row["actual_year"] == 2024 and "nhandan.vn" in row["actual_source"]


def test_goal_and_rows_in_both_languages(lao_cai):
    rows = {r["id"]: r for r in report_rows(lao_cai, lang="vi")}
    assert rows["LC-T08"]["goal"] == "≥ 8.986 tỷ đồng" and rows["LC-T08"]["actual"] == "7.802 (2024)"
    assert rows["LC-T08"]["status"] == "Chưa đạt" and rows["LC-T01"]["status"] == "Chưa có số liệu"
    assert rows["LC-M01"]["goal"] == "hoàn thành" and rows["LC-M01"]["target_year"] == ""
    english = {r["id"]: r for r in report_rows(lao_cai, lang="en")}
    assert english["LC-T08"]["goal"] == "≥ 8,986 tỷ đồng" and english["LC-T08"]["status"] == "Not met"
    target = lao_cai.targets.set_index("id").loc["LC-T28b"]
    assert goal_text(target.to_frame().T.itertuples().__next__(), "vi") == "≤ 20 %"


def test_pdf_lists_every_target_with_its_status(written):
    from pypdf import PdfReader

    reader = PdfReader(written[".pdf"])
    text = "\n".join(page.extract_text() for page in reader.pages)
    first = reader.pages[0].extract_text()
    assert "Số chỉ tiêu theo đánh giá" in first and "Số chỉ tiêu theo lĩnh vực" in first
    assert "Chưa có số liệu 47" in " ".join(first.split()) and "Tổng 48" in " ".join(first.split())
    for tid in LAO_CAI_IDS:
        assert f"{tid} " in text, tid
    flat = " ".join(text.split())
    assert "Thực hiện mới nhất: 7.802 (2024)" in flat and "Đánh giá: Chưa đạt" in flat
    assert flat.count("Đánh giá: Chưa có số liệu") == 47
    total = len(reader.pages)
    assert f"Trang 1/{total}" in first and f"Trang {total}/{total}" in reader.pages[-1].extract_text()
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_docx_holds_the_same_figures(written, lao_cai):
    from docx import Document

    document = Document(str(written[".docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [h.split("  ")[0] for h in headings] == LAO_CAI_IDS
    status_by_id = {}
    target_tables = [t for t in document.tables if t.cell(0, 0).text == "Mục tiêu"]
    assert len(target_tables) == 48
    for tid, table in zip(LAO_CAI_IDS, target_tables, strict=True):
        status_by_id[tid] = table.cell(4, 1).text
        if tid == "LC-T08":
            assert table.cell(2, 1).text == "7.802 (2024)" and table.cell(0, 1).text == "≥ 8.986 tỷ đồng"
    labels = {"met": "Đạt", "not met": "Chưa đạt", "no data": "Chưa có số liệu"}
    assert status_by_id == {tid: labels[s] for tid, s in EXPECTED_STATUS.items()}
    counts = document.tables[0]
    assert [[c.text for c in row.cells] for row in counts.rows][1:] == [
        ["Đạt", "0"], ["Chưa đạt", "1"], ["Chưa có số liệu", "47"], ["Tổng", "48"],
    ]  # fmt: skip
    assert len(document.inline_shapes) == 1  # one chart: the only target with an actual


def test_xlsx_one_row_per_target(written):
    from openpyxl import load_workbook

    book = load_workbook(written[".xlsx"])
    sheet = book["Chỉ tiêu"]
    rows = list(sheet.iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert head[0] == "Mã" and head[-1] == "Đánh giá" and len(body) == 48
    assert [r[0] for r in body] == LAO_CAI_IDS
    labels = {"met": "Đạt", "not met": "Chưa đạt", "no data": "Chưa có số liệu"}
    assert {r[0]: r[-1] for r in body} == {tid: labels[s] for tid, s in EXPECTED_STATUS.items()}
    lc_t08 = dict(zip(head, body[LAO_CAI_IDS.index("LC-T08")], strict=True))
    assert lc_t08["Giá trị"] == 8986 and lc_t08["Thực hiện mới nhất"] == 7802 and lc_t08["Năm thực hiện"] == 2024
    assert isinstance(lc_t08["Giá trị"], float | int) and lc_t08["Phép so sánh"] == ">="
    counts = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert counts["Chưa có số liệu"] == 47 and counts["Chưa đạt"] == 1 and counts["Tổng"] == 48


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-12.5", -12.5),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rx", "'\rx"),
        (">=", ">="),
        ("Phường 1", "Phường 1"),
        (7802.0, 7802.0),
        (float("nan"), None),
    ],
)
def test_cells_are_neutralised_unless_numbers(value, cell):
    assert safe_cell(value) == cell


def test_edits_since_baseline_are_rendered_when_given(tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    edits = pd.DataFrame(
        [
            {
                "target_id": "LC-T08",
                "value": 7802,
                "year": 2024,
                "source": "=cmd()",
                "user": "bientap1",
                "at": "2026-11-30 10:12",
            }
        ]
    )
    data = load_report(LAO_CAI, edits_since_baseline=edits, made_on=MADE_ON)
    export_report(data, tmp_path / "r.xlsx")
    export_report(data, tmp_path / "r.docx")
    sheet = load_workbook(tmp_path / "r.xlsx")["Cập nhật"]
    assert list(sheet.iter_rows(values_only=True))[1] == (
        "LC-T08",
        7802,
        2024,
        "'=cmd()",
        "bientap1",
        "2026-11-30 10:12",
    )
    document = Document(str(tmp_path / "r.docx"))
    assert "Số liệu nhập thêm sau bản gốc" in [p.text for p in document.paragraphs]
    plain = load_report(LAO_CAI, made_on=MADE_ON)
    export_report(plain, tmp_path / "p.xlsx")
    assert "Cập nhật" not in load_workbook(tmp_path / "p.xlsx").sheetnames
    with pytest.raises(InvalidInputError, match="lack the column"):
        load_report(LAO_CAI, edits_since_baseline=edits.drop(columns="user"))
    assert list(EDIT_COLUMNS) == list(edits.columns)


def test_unknown_document_is_refused():
    frame = pd.DataFrame({"id": ["a"]})
    with pytest.raises(InvalidInputError, match="No document has the id 'b'; known ids: a."):
        collect_report("b", documents=frame, targets=pd.DataFrame(), actuals=pd.DataFrame())


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--document", "nope", "--out", "{d}/r.pdf"], "No document has the id 'nope'"),
        (["--document", LAO_CAI, "--out", "{d}/r.csv"], "extension must be one of .pdf, .docx, .xlsx"),
        (["--document", LAO_CAI, "--out", "{d}/missing/r.pdf"], "does not exist"),
        (["--document", LAO_CAI, "--out", "/proc/report.xlsx"], "Cannot write '/proc/report.xlsx'"),
        (["--out", "{d}/r.pdf"], "--document"),
    ],
)
def test_cli_bad_input_exits_2_with_one_sentence(argv, needle, tmp_path, capsys):
    assert main(["report", *[a.format(d=tmp_path) for a in argv]]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and needle in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_the_report_and_progress(tmp_path, capsys):
    assert main(["report", "--document", LAO_CAI, "--out", str(tmp_path / "r.xlsx")]) == 0
    captured = capsys.readouterr()
    assert "48 targets" in captured.out and "Trang 48/48: LC-M09" in captured.err
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


@pytest.mark.parametrize("table", ["ATLAS_TEXT", "REPORT_TEXT"])
def test_every_atlas_and_report_text_has_both_languages(table: str) -> None:
    import geo.text

    entries = getattr(geo.text, table)
    assert [k for k, e in entries.items() if not (e.get("vi", "").strip() and e.get("en", "").strip())] == []
