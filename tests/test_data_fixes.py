"""The register read back against the seed documents: milestones, counts, whole quotes, years, one rule."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.config import PROJECT_ROOT
from geo.io import load_register


@pytest.fixture(scope="module")
def register():
    documents, targets, actuals, projects = load_register()
    return targets.set_index("id"), projects.set_index("id")


def test_lao_cai_class_one_milestone(register) -> None:
    targets, _ = register
    row = targets.loc["LC-M09"]
    assert (row["document_id"], row["kind"], row["indicator"], row["locality_code"]) == (
        "laocai-2024", "milestone", "urban_class_criteria", "080",
    )  # fmt: skip
    assert row["section"] == "I.1; II.2.2"
    assert row["quote"].endswith("đẩy mạnh chỉnh trang đô thị, phấn đấu sớm đạt các tiêu chí đô thị loại I.")
    assert "01-ĐA/TU" in row["note"]
    assert len(targets) == 159  # 158 before the class-I milestone


def test_border_communes_target_stores_what_the_text_says(register) -> None:
    row = register[0].loc["DT-T07"]
    assert (row["comparator"], row["value"], row["unit"]) == (">=", 100.0, "% số xã")
    assert row["quote"] == "phần đầu tất cả các xã đạt chuẩn nông thôn mới"
    assert "15/22" in row["note"] and "19 xã" in row["note"]
    assert "TP Hồng Ngự 2, H. Tân Hồng 8, H. Hồng Ngự 9" in row["note"]


def test_todays_xa_count_of_the_three_border_districts(national_units) -> None:
    scope = national_units[national_units["district_code"].isin(["868", "869", "870"])]
    assert int((scope["unit_type"] == "xã").sum()) == 19


@pytest.mark.parametrize(
    ("target_id", "start", "end"),
    [
        ("LC-M06", "Lãnh đạo thực hiện và hoàn thành các mục tiêu", "tìm kiếm cứu nạn xã Cam Đường."),
        ("LC-M07", "Lãnh đạo thực hiện và hoàn thành các mục tiêu", "tìm kiếm cứu nạn xã Cam Đường."),
        ("LC-M03", "Đẩy mạnh triển khai Đề án số 01-ĐA/TU", "đề xuất các dự án phát triển hạ tầng, nhà ở, dân cư."),
        ("LC-T28b", "Tỷ lệ các chi bộ, đảng bộ trực thuộc Thành ủy", "được xếp loại hoàn thành xuất sắc nhiệm vụ."),
        ("LC-T32", "Chủ động, hiệu quả trong đấu tranh", "phường đều xây dựng các trang tuyên truyền."),
        ("LC-T27", "Tỷ lệ đơn thư khiếu nại, tố cáo được thẩm tra", "cấp xã, phường đạt trên >90%."),
    ],
)
def test_quotes_are_whole_sentences(register, target_id: str, start: str, end: str) -> None:
    quote = register[0].loc[target_id, "quote"]
    assert quote.startswith(start) and quote.endswith(end)
    assert "  " not in quote and "\n" not in quote


def test_lao_cai_defence_quote_names_every_zone(register) -> None:
    quote = register[0].loc["LC-M06", "quote"]
    assert "phường Kim Tân, Xuân Tăng, Bình Minh, Tả Phời, Cốc San;" in quote


def test_cai_lay_class_three_milestone_has_its_year(register) -> None:
    row = register[0].loc["CL-M03"]
    assert row["target_year"] == 2030
    assert row["quote"].endswith("thành phố thuộc tỉnh đến năm 2030")


def test_facility_capacities_are_values_in_both_documents(register) -> None:
    targets = register[0]
    for target_id, beds in (("TV1-M10", 700.0), ("CL-T04", 100.0)):
        row = targets.loc[target_id]
        assert (row["kind"], row["comparator"], row["value"], row["unit"]) == ("target", "=", beds, "giường")


def test_sector_shares_follow_one_rule(register) -> None:
    targets = register[0]
    shares = ["TV1-T09", "TV1-T11", "TV1-T13", "TV1-T22", "TV1-T23", "TV1-T24"]
    assert targets.loc[shares, "comparator"].tolist() == ["="] * 6
    assert targets.loc[["TV1-T22", "TV1-T23", "TV1-T24"], "value"].sum() == 100.0
    assert targets.loc[["TV1-T09", "TV1-T11", "TV1-T13"], "value"].sum() == 100.0


def test_tra_vinh_projects_take_the_year_of_their_milestone(register) -> None:
    targets, projects = register
    pairs = {"TV-02": "TV1-M08", "TV-03": "TV1-M09", "TV-05": "TV1-M03", "TV-07": "TV1-M07", "TV-08": "TV1-M10"}
    for project_id, target_id in pairs.items():
        assert projects.loc[project_id, "target_year"] == 2021
        assert targets.loc[target_id, "target_year"] == 2021
        assert target_id in projects.loc[project_id, "target_ids"]


def test_the_command_line_reads_the_new_milestone_back(national_units) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "targets", "--document", "laocai-2024", "--format", "json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["LC-M09"]["label_vi"] == "Phấn đấu sớm đạt các tiêu chí đô thị loại I"
    assert len(rows) == 48  # 47 before LC-M09
