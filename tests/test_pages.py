"""Every page runs under AppTest without exception, and its key widgets exist."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "streamlit_app.py")


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/map.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_opens_the_locality_of_the_link(national_units) -> None:
    at = _open("pages/map.py", district="817")
    assert at.title[0].value == "Thị xã Cai Lậy (Tiền Giang)"
    assert at.caption[0].value == "16 đơn vị: 6 phường, 0 thị trấn, 10 xã"
    assert at.sidebar.selectbox(key="locality_key").value == "district=817"
    assert at.sidebar.radio(key="lang").value == "vi"
    assert at.text_input(key="map_search").value == ""


def test_a_bad_link_is_one_sentence_and_the_default_locality_opens(national_units) -> None:
    at = _open("pages/map.py", district="8x7")
    assert [w.value for w in at.sidebar.warning] == [
        "Đường dẫn không hợp lệ: A district code is 3 digits with its leading zeros (e.g. 817); got '8x7'."
    ]
    assert at.title[0].value == "Thị xã Cai Lậy (Tiền Giang)"


def test_english_toggle(national_units) -> None:
    at = _open("pages/map.py", province="84")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Trà Vinh province"
    assert at.caption[0].value == "104 units: 9 wards, 10 townships, 85 communes"


def test_search_is_insensitive_to_diacritics(national_units) -> None:
    at = _open("pages/map.py", district="080")
    at.text_input(key="map_search").set_value("van hoa").run()
    radios = [r for r in at.radio if r.key and r.key.startswith("map_search_hit")]
    assert radios and radios[0].options == [
        "Xã Vạn Hòa",
        "Tổ hợp công viên (cảnh quan, văn hóa, tâm linh) Kim Thành, phường Duyên Hải",
    ]


def test_targets_page(national_units) -> None:
    at = _open("pages/targets.py", district="080")
    assert at.title[0].value == "Chỉ tiêu của các nghị quyết"
    assert len(at.expander) == 1  # the Lào Cai 2024 resolution
    assert any("Đạt:" in m.value for m in at.markdown)
    assert at.multiselect(key="targets_categories").value == []


def test_projects_page_lists_the_unlocated(national_units) -> None:
    at = _open("pages/projects.py", district="817")
    assert at.title[0].value == "Danh mục dự án, công trình"
    assert any(s.value.startswith("Chưa xác định được vị trí (") for s in at.subheader)
    assert len(at.selectbox(key="projects_pick").options) > 0


def test_urban_page_numbers(national_units) -> None:
    at = _open("pages/urban.py", district="817")
    assert [m.value for m in at.metric] == ["37,5 %", "28,1 %"]
    assert any(m.value.startswith("Cần thêm 5 phường để đạt 65 %") for m in at.markdown)
    at.multiselect(key="upgrade_codes").set_value(["28447", "28450", "28453", "28459", "28462"]).run()
    assert at.metric[0].value == "68,8 %"  # 11 of 16
    assert any(m.value.startswith("Đã đạt ngưỡng 65 %") for m in at.markdown)


@pytest.mark.parametrize("page", ["pages/export.py"])
def test_export_page_runs(national_units, page: str) -> None:
    at = _open(page, district="817")
    assert at.title[0].value == "Xuất bản đồ"
