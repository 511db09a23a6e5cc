"""The atlas: cover, numbered overview and index, one page per unit or project (geo.export.atlas)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InvalidInputError
from geo.export import collect, resolve_locality
from geo.export.atlas import ExportCancelled, check_atlas_kind, export_atlas, plan_atlas
from geo.export.atlas_pages import page_geometry

CAI_LAY = "817"
CAI_LAY_UNITS = [
    "Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5", "Xã Mỹ Phước Tây", "Xã Mỹ Hạnh Đông",
    "Xã Mỹ Hạnh Trung", "Xã Tân Phú", "Xã Tân Bình", "Xã Tân Hội", "Phường Nhị Mỹ", "Xã Nhị Quý",
    "Xã Thanh Hòa", "Xã Phú Quý", "Xã Long Khánh",
]  # fmt: skip
INDEX_LINE = re.compile(r"^\s*(\d+)\s+(.+?)\s*$")


@pytest.fixture(scope="module")
def cai_lay(national_units, export_inputs):
    locality = resolve_locality(district=CAI_LAY, units=national_units)
    return collect(locality, **export_inputs), export_inputs["population"]


@pytest.fixture(scope="module")
def unit_atlas(cai_lay, tmp_path_factory):
    bundle, population = cai_lay
    path = tmp_path_factory.mktemp("atlas") / "cai-lay-units.pdf"
    seen: list[tuple[int, int, str]] = []
    plan = export_atlas(
        bundle, path, kind="units", population=population, progress=lambda n, t, w: seen.append((n, t, w))
    )
    return path, plan, seen


@pytest.fixture(scope="module")
def project_atlas(cai_lay, tmp_path_factory):
    bundle, population = cai_lay
    path = tmp_path_factory.mktemp("atlas") / "cai-lay-projects.pdf"
    return path, export_atlas(bundle, path, kind="projects", population=population)


def _pages_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def _index(text: str) -> dict[str, int]:
    """Index entries of the overview page: name → page (the text after the heading and note)."""
    entries = {}
    for line in text.splitlines():
        match = INDEX_LINE.match(line.replace("\u2007", " "))
        if match and not line.strip().startswith("Trang"):
            entries[match.group(2)] = int(match.group(1))
    return entries


def test_atlas_kind_is_checked():
    assert check_atlas_kind("units") == "units"
    with pytest.raises(InvalidInputError, match="units, projects; got 'communes'"):
        check_atlas_kind("communes")


def test_ward_ratio_contribution_is_per_district_in_a_province(national_units, export_inputs):
    from geo.export.atlas_facts import unit_lines

    bundle = collect(resolve_locality(province="84", units=national_units), **export_inputs)
    lines = unit_lines(bundle, "29383", population=None, lang="vi")  # xã Thanh Mỹ, huyện Châu Thành
    assert ("body", "Dân số: chưa có số liệu") in lines
    assert (
        "body",
        "Tỷ lệ phường của Huyện Châu Thành: chưa là phường; nếu lên phường, tỷ lệ từ 0,0 % thành 7,1 % (1/14).",
    ) in lines


def test_plan_of_cai_lay_units(cai_lay):
    plan = plan_atlas(cai_lay[0], "units", geom=page_geometry("A4", "landscape"))
    assert plan.total == 18 and plan.index_pages == 1
    assert [e.page for e in plan.entries] == list(range(3, 19))
    assert [e.label for e in plan.entries] == CAI_LAY_UNITS


def test_unit_atlas_pages_index_and_names(unit_atlas):
    path, plan, _ = unit_atlas
    pages = _pages_text(path)
    assert len(pages) == 1 + 1 + 16
    assert "Thị xã Cai Lậy (Tiền Giang)" in pages[0] and "trước ngày 1/7/2025" in pages[0]
    assert "Tập bản đồ đơn vị hành chính cấp xã" in pages[0]
    index = _index(pages[1])
    assert {name: index[name] for name in CAI_LAY_UNITS} == {e.label: e.page for e in plan.entries}
    for name in CAI_LAY_UNITS:
        page = pages[index[name] - 1]
        assert f"\n{name}\nTập bản đồ đơn vị hành chính cấp xã · " in page  # the title band
        assert f"Trang {index[name]}/18" in page
    for number, text in enumerate(pages, start=1):
        assert f"Trang {number}/18" in text and "phi thương mại" in text


def test_unit_page_figures(unit_atlas):
    path, plan, _ = unit_atlas
    page = _pages_text(path)[plan.entries[0].page - 1]  # Phường 1
    flat = " ".join(page.split())
    assert "Mã 28435" in flat and "Dân số 2019: 8.875 người" in flat
    assert "Tổng điều tra dân số và nhà ở 1/4/2019" in flat
    assert "1 trong 6 phường trên 16 đơn vị" in flat and "6,25" in flat and "37,5 %" in flat
    assert "CL-M05" in flat and "CL-11" in flat and "Chú giải" in flat and "Tỷ lệ 1:" in flat
    commune = " ".join(_pages_text(path)[plan.entries[5].page - 1].split())  # Xã Mỹ Phước Tây
    assert "chưa là phường; nếu lên phường, tỷ lệ từ 37,5 % thành 43,8 % (7/16)" in commune
    assert "CL-01" in commune


def test_unit_atlas_embeds_every_font(unit_atlas):
    from pypdf import PdfReader

    reader = PdfReader(unit_atlas[0])
    for page in (reader.pages[0], reader.pages[1], reader.pages[5]):
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_progress_is_reported_per_page(unit_atlas):
    _, _, seen = unit_atlas
    assert [n for n, _, _ in seen] == list(range(1, 19))
    assert {t for _, t, _ in seen} == {18}
    assert seen[2][2] == "Phường 1"


def test_project_atlas_one_page_per_project_unknown_last(project_atlas, cai_lay):
    path, plan = project_atlas
    bundle = cai_lay[0]
    pages = _pages_text(path)
    assert len(bundle.projects) == 26
    assert len(pages) == 2 + 26 == plan.total
    located = bundle.projects.geometry.notna() & (bundle.projects["precision"] != "unknown")
    expected = list(bundle.projects.loc[located, "id"]) + list(bundle.projects.loc[~located, "id"])
    assert [e.key for e in plan.entries] == expected
    assert [e.located for e in plan.entries] == [True] * int(located.sum()) + [False] * int((~located).sum())
    for entry in plan.entries:
        text = " ".join(pages[entry.page - 1].split())
        name = bundle.projects.loc[bundle.projects["id"] == entry.key, "name_vi"].iloc[0]
        assert f"\n{name}\nTập bản đồ dự án, công trình · " in pages[entry.page - 1] and entry.key in text
        assert ("Vị trí chưa xác định" in text) is (not entry.located)
    first = " ".join(pages[2].split())  # CL-01, known to the commune only
    assert "CL-01" in first and "chỉ biết đến cấp xã" in first and "Xã Mỹ Phước Tây (28447)" in first
    assert "Nghị quyết – Ban Thường vụ Tỉnh ủy Tiền Giang, mục III.1" in first and "CL-M01" in first


def test_project_overview_index_cites_pages(project_atlas):
    path, plan = project_atlas
    overview = _pages_text(path)[1].replace("\u2007", " ")
    for entry in plan.entries[:5]:
        assert re.search(rf"(^|\n)\s*{entry.page}\s+{re.escape(entry.key)} ", overview), entry


def test_pptx_atlas_has_one_slide_per_page(cai_lay, tmp_path):
    from pptx import Presentation

    bundle, population = cai_lay
    small = dataclasses.replace(bundle, units=bundle.units.iloc[:3])  # 3 units keep this test quick
    plan = export_atlas(
        small, tmp_path / "a.pptx", kind="units", population=population, size="A3", orientation="portrait"
    )
    prs = Presentation(str(tmp_path / "a.pptx"))
    assert len(prs.slides) == plan.total == 5
    assert prs.slide_width < prs.slide_height  # portrait
    assert prs.slides[2].notes_slide.notes_text_frame.text.startswith("Phường 1\nTập bản đồ")


def test_cancel_leaves_no_file(cai_lay, tmp_path):
    bundle, population = cai_lay

    def stop(number: int, total: int, what: str) -> None:
        if number == 3:
            raise ExportCancelled("Cancelled.")

    with pytest.raises(ExportCancelled):
        export_atlas(bundle, tmp_path / "a.pdf", kind="units", population=population, progress=stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--atlas", "communes", "--out", "{d}/a.pdf"], "must be one of units, projects; got 'communes'"),
        (["--atlas", "units", "--out", "{d}/a.png"], "extension must be .pdf or .pptx"),
        (["--atlas", "units", "--out", "{d}/missing/a.pdf"], "does not exist"),
        (["--atlas", "units", "--out", "{d}/a.pdf", "--size", "A5"], "size"),
        (["--atlas", "units", "--out", "/proc/atlas.pdf"], "Cannot write '/proc/atlas.pdf'"),
    ],
)
def test_cli_bad_input_exits_2_with_one_sentence(argv, needle, tmp_path, capsys):
    args = ["export", "--district", CAI_LAY, *[a.format(d=tmp_path) for a in argv]]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and needle in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_folder_as_out_exits_2(tmp_path, capsys):
    (tmp_path / "a.pdf").mkdir()
    assert main(["export", "--district", CAI_LAY, "--atlas", "units", "--out", str(tmp_path / "a.pdf")]) == 2
    assert "it is a folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"] and not any((tmp_path / "a.pdf").iterdir())


def test_cli_unknown_district_exits_2(tmp_path, capsys):
    assert main(["export", "--district", "999", "--atlas", "units", "--out", str(tmp_path / "a.pdf")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "999" in err
    assert list(tmp_path.iterdir()) == []


def test_export_page_makes_an_atlas_and_a_report(national_units):
    from streamlit.testing.v1 import AppTest

    page = Path(__file__).parent.parent / "pages" / "export.py"
    at = AppTest.from_file(str(page), default_timeout=300).run()
    assert not at.exception and not at.error
    at.radio(key="atlas_kind").set_value("units")
    at.button(key="atlas_make").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Xong: 18 trang."]
    labels = [b.label for b in at.get("download_button")]
    assert "⬇ atlas-units-district-817.pdf" in labels
    at.radio(key="report_format").set_value(".xlsx")
    at.button(key="report_make").click().run()
    assert not at.exception and not at.error
    assert "⬇ report-cailay-2030.xlsx" in [b.label for b in at.get("download_button")]
