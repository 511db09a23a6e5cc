"""Folding Vietnamese names so that every spelling of one place meets."""

import unicodedata

import pytest

from geo.names import fold, name_key, nfc, split_prefix, tone_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Xã Vạn Hoà", "Vạn Hòa"),  # old and new tone placement
        ("Thuỷ Nguyên", "Thủy Nguyên"),
        ("Đồng Tuyển", "Dong Tuyen"),  # đ and no diacritics
        ("Phường Nhị Mỹ", "NHỊ MỸ"),
        ("Thị trấn Định An", "Định An"),
        ("Phường 01", "phường 1"),
        ("Quận 9", "9"),
    ],
)
def test_spellings_of_one_place_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_nfd_input_gives_the_same_key_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Xã Cam Đường")
    assert nfd != "Xã Cam Đường"
    assert name_key(nfd) == name_key("Xã Cam Đường") == "camduong"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Phường 1", "1"),
        ("Phường 10", "10"),
        ("Phường 01", "1"),
        ("Xã Vạn Hòa", "vanhoa"),
        ("Thị trấn Thường Thới Tiền", "thuongthoitien"),
        ("Huyện Quản Bạ", "quanba"),  # "Quản" must not be read as the prefix "Quận"
        ("Tĩnh Gia", "tinhgia"),  # nor "Tĩnh" as "Tỉnh"
        ("Phương Liễu", "phuonglieu"),  # nor "Phương" as "Phường"
        ("Ea H'Leo", "eahleo"),
        ("Thành phố Hồ Chí Minh", "hochiminh"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_fold_keeps_words_apart() -> None:
    assert fold("  Đắk   Lắk ") == "dak lak"


def test_nfc_collapses_white_space() -> None:
    assert nfc(unicodedata.normalize("NFD", " Cai  Lậy\n")) == "Cai Lậy"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thị trấn Định An", ("thị trấn", "Định An")),
        ("Xã Định An", ("xã", "Định An")),
        ("PHƯỜNG 3", ("phường", "3")),
        ("Định An", (None, "Định An")),
        ("Xã", (None, "Xã")),
    ],
)
def test_split_prefix(name: str, expected: tuple[str | None, str]) -> None:
    assert split_prefix(name) == expected


def test_tone_key_separates_different_names_that_fold_alike() -> None:
    assert name_key("Sa Pa") == name_key("Sa Pả")
    assert tone_key("Sa Pa") != tone_key("Sa Pả")
    assert tone_key("Xã Vạn Hoà") == tone_key("Vạn Hòa") == "vạn hòa"
    assert tone_key("Thuỷ") == tone_key("Thủy")
    assert tone_key("Quý") == "quý"  # "qu" is a consonant: the mark stays on y
    assert tone_key("Hoàng") == "hoàng"
