"""NQ 112/2025 phường criteria: all encoded, 'no data' where the app has none, marked as press summaries."""

from __future__ import annotations

from datetime import date

import pytest

from geo.config import PROJECT_ROOT
from geo.io import load_population, load_standards
from geo.standards import check, standards_in_force
from tests._legacy_units import legacy_units

PRESS = "NQ 112/2025/UBTVQH15 (theo tóm tắt báo chí, chưa có số điều, khoản; chờ văn bản chính thức)"


@pytest.fixture(scope="module")
def std():
    return load_standards()


def test_the_three_missing_phuong_criteria_are_encoded(std) -> None:
    crits = {c.criterion: c for c in standards_in_force(std, "phuong_2025", date(2026, 1, 1))}
    centre = crits["designated_centre"]
    assert (centre.op, centre.value) == ("in", ["trung tâm vùng", "trung tâm tỉnh", "trung tâm tiểu vùng"])
    income = crits["income_per_capita_vs_province"]
    assert (income.op, income.value, income.unit) == (">", 1.0, "lần mức bình quân của tỉnh (3 năm gần nhất)")
    poverty = crits["poverty_rate_vs_province"]
    assert (poverty.op, poverty.value, poverty.unit) == ("<", 1.0, "lần tỷ lệ của tỉnh (3 năm gần nhất)")
    for crit in (centre, income, poverty):
        assert (crit.instrument, crit.article, crit.source_kind, crit.verified) == (
            "NQ 112/2025/UBTVQH15", None, "news", True,
        )  # fmt: skip
    assert len(crits) == 9


def test_the_app_reports_no_data_for_them(std) -> None:
    table = check("02665", "phuong_2025", date(2026, 1, 1), units=legacy_units(), population=load_population(),
                  standards=std).set_index("criterion")  # fmt: skip
    for criterion in ("designated_centre", "income_per_capita_vs_province", "poverty_rate_vs_province"):
        assert table.loc[criterion, "status"] == "no data"
        assert table.loc[criterion, "actual"] is None
        assert table.loc[criterion, "source"] == "chưa có số liệu trong ứng dụng"
    # Every NQ 112 entry is marked as resting on press summaries without article numbers.
    assert set(table["citation"]) == {PRESS}
    assert (table.loc["population_min", "actual"], table.loc["population_min", "status"]) == (4338, "not met")


def test_strict_comparators_are_judged(std) -> None:
    from geo.standards import _status

    income = next(c for c in std.criteria if c.id == "phuong2025_income")
    poverty = next(c for c in std.criteria if c.id == "phuong2025_poverty")
    assert [_status(income, v, True) for v in (1.0, 1.2)] == ["not met", "met"]
    assert [_status(poverty, v, True) for v in (1.0, 0.8)] == ["not met", "met"]


def test_urban_page_shows_the_press_mark(national_units) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120)
    at.query_params["district"] = "080"
    at.run()
    at.switch_page("pages/urban.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.expander[0].label.startswith("Tiêu chuẩn phường từ 01/01/2026 (NQ 112/2025/UBTVQH15)")
    table = at.dataframe[-1].value
    assert set(table["Căn cứ"]) == {PRESS}
    rows = dict(zip(table["Tiêu chí"], table["Đánh giá"]))
    assert rows["Thu nhập bình quân đầu người cao hơn mức bình quân của tỉnh trong 3 năm gần nhất"] == "Chưa có số liệu"
    assert rows["Tỷ lệ hộ nghèo đa chiều thấp hơn mức bình quân của tỉnh trong 3 năm gần nhất"] == "Chưa có số liệu"
    assert len(table) == 9
