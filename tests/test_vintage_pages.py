"""The pages in the 2025 vintage under AppTest: the switch, the URL, a bad link, the export page."""

from __future__ import annotations

from tests.test_pages import _open


def test_2025_province_link(national_units) -> None:
    at = _open("pages/map.py", vintage="2025", province="82")
    assert at.sidebar.radio(key="vintage").value == "2025"
    assert at.sidebar.selectbox(key="locality_2025_key").value == "2025:province=82"
    assert at.title[0].value == "Tỉnh Đồng Tháp"
    assert at.caption[0].value == "102 đơn vị cấp xã từ 1/7/2025: 20 phường, 82 xã, 0 đặc khu."
    assert dict(at.query_params) == {"vintage": "2025", "province": "82"}


def test_2025_commune_link_reads_28439_as_phuong_cai_lay(national_units) -> None:
    at = _open("pages/map.py", vintage="2025", commune="28439")
    assert at.title[0].value == "Phường Cai Lậy (Tỉnh Đồng Tháp)"
    assert at.subheader[0].value == "Phường Cai Lậy"
    text = " ".join(m.value for m in at.markdown)
    assert "`28439` Phường 4, Thị xã Cai Lậy — toàn bộ" in text
    assert "28.065" in text


def test_legacy_province_82_is_still_tien_giang(national_units) -> None:
    at = _open("pages/map.py", province="82")
    assert at.sidebar.radio(key="vintage").value == "legacy"
    assert at.title[0].value == "Tỉnh Tiền Giang"


def test_seed_in_2025_states_its_fate(national_units) -> None:
    at = _open("pages/map.py", vintage="2025", legacy_district="817")
    info = at.info[0].value
    assert info.startswith("Từ 1/7/2025, 16 đơn vị cấp xã cũ của Thị xã Cai Lậy (Tiền Giang) nằm trong 5 đơn vị mới")
    assert "NQ 1663/NQ-UBTVQH15" in info and "NQ 202/2025/QH15" in info


def test_a_bad_2025_link_is_one_sentence(national_units) -> None:
    at = _open("pages/map.py", vintage="2025", province="83")
    assert [w.value for w in at.sidebar.warning] == [
        "Đường dẫn không hợp lệ: No province has the code 83 in the 2025 list (34 provinces)."
    ]


def test_export_page_in_2025(national_units) -> None:
    at = _open("pages/export.py", vintage="2025", legacy_district="817")
    assert not at.error, [e.value for e in at.error]
    assert at.text_input[0].value == "Thị xã Cai Lậy (Tiền Giang) — đơn vị từ 1/7/2025"


def test_2025_country_link_opens_the_national_view_of_the_2025_units(national_units) -> None:
    at = _open("pages/map.py", vintage="2025", country="VN")
    assert at.sidebar.selectbox(key="locality_2025_key").value == "2025:country=VN"
    assert at.title[0].value == "Cả nước"
    assert at.caption[0].value.startswith(
        "3.313 đơn vị cấp xã có ranh giới trên bản đồ (trong 3.321 đơn vị từ 1/7/2025)"
    )
    assert at.radio(key="national_indicator_2025").options == ["Loại đơn vị", "Tỷ lệ phường của tỉnh"]
