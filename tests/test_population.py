"""Tests for geo.population: curated census table, user imports, merge."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from geo.config import SHARED_DIR
from geo.errors import DataValidationError, InvalidInputError
from geo.population import (
    IMPORTED_SOURCE_DEFAULT,
    POPULATION_COLUMNS,
    load_population,
    merge_population,
    read_population_upload,
)
from tests._legacy_units import legacy_units

KNOWN = {"28435", "28436", "28447", "02641", "29242"}


@pytest.fixture(scope="module")
def pop() -> pd.DataFrame:
    return load_population()


def test_load_population_schema(pop):
    assert list(pop.columns) == [*POPULATION_COLUMNS, "origin"]
    assert len(pop) == 91
    assert pop["code"].str.fullmatch(r"\d{5}").all()
    assert str(pop["population"].dtype) == "int64" and str(pop["year"].dtype) == "int64"
    assert set(pop["year"]) == {2019} and set(pop["origin"]) == {"census"}
    assert pop.loc[pop["code"] == "02641", "code"].item() == "02641"  # leading zero kept


def test_rows_per_district_and_census_totals(pop):
    per = pop.groupby("district_code")["population"].agg(["count", "sum"])
    assert per.to_dict("index") == {
        "080": {"count": 17, "sum": 132615},
        "817": {"count": 16, "sum": 125615},
        "842": {"count": 8, "sum": 112584},
        "849": {"count": 17, "sum": 146329},
        "851": {"count": 7, "sum": 48210},
        "868": {"count": 7, "sum": 76462},
        "869": {"count": 9, "sum": 75456},
        "870": {"count": 10, "sum": 120571},
    }


def test_one_row_per_current_unit(pop):
    units = legacy_units()
    seed = units[units["district_code"].isin(pop["district_code"].unique())]
    assert sorted(seed["code"]) == sorted(pop["code"])
    names = dict(zip(units["code"], units["name"], strict=True))
    assert all(names[c] == n for c, n in zip(pop["code"], pop["name"], strict=True))


def test_merged_units_are_sums_with_notes(pop):
    by = pop.set_index("code")
    assert by.loc["02641", "population"] == 1924 + 10662  # phường Lào Cai + Phố Mới
    assert by.loc["29242", "population"] == 3426 + 3499 + 12187  # Phường 2 + 3 + 6, Trà Vinh
    assert by.loc["29977", "population"] == 2641 + 7232  # Thường Lạc + Thường Thới Hậu B
    assert "1.924 + phường Phố Mới (2019) 10.662 = 12.586" in by.loc["02641", "note"]
    assert "= 19.112" in by.loc["29242", "note"] and "NQ 1277/NQ-UBTVQH15" in by.loc["29242", "note"]
    assert "= 9.873" in by.loc["29977", "note"]
    assert "Bát Xát" in by.loc["02746", "note"]


def test_cai_lay_urban_total(pop):
    cai = pop[pop["district_code"] == "817"]
    urban = cai[cai["name"].str.startswith("Phường")]
    assert (len(urban), int(urban["population"].sum()), int(cai["population"].sum())) == (6, 35303, 125615)


def test_agrees_with_shared_reference(pop):
    path = SHARED_DIR / "reference" / "population_2019.csv"
    if not path.exists():
        pytest.skip("shared reference folder /work/shared is not available in this checkout")
    ref = pd.read_csv(path, dtype=str).dropna(subset=["gso_code"])
    ref_pop = dict(zip(ref["gso_code"], ref["population"].astype(int), strict=True))
    merged = {"29242", "29977"}  # summed from several 2019 units
    for code, value in zip(pop["code"], pop["population"], strict=True):
        if code not in merged:
            assert ref_pop[code] == value, code


def test_load_population_errors(tmp_path):
    with pytest.raises(DataValidationError, match="^Không tìm thấy tệp dân số"):
        load_population(tmp_path / "none.csv")
    bad = tmp_path / "p.csv"
    bad.write_text("code,name,district_code,population,year,source\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_population(bad)
    assert str(info.value) == "Tệp p.csv thiếu cột note."
    bad.write_text("code,name,district_code,population,year,source,note\n2641,X,080,5,2019,S,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_population(bad)
    assert str(info.value) == "Tệp p.csv, dòng 2, cột code: '2641' không phải mã xã 5 chữ số."
    bad.write_text("code,name,district_code,population,year,source,note\n02641,X,080,-5,2019,S,\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="dòng 2, cột population"):
        load_population(bad)


# --- uploads ---------------------------------------------------------------------------


def _raises(data: bytes, filename: str = "dan_so.csv") -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        read_population_upload(data, filename, known_codes=KNOWN)
    return info.value


def test_upload_valid_csv_with_bom_and_optional_source():
    data = "code,population,year,source\n28435,9001,2023,Cục Thống kê Tiền Giang\n28436,5000,2023,\n"
    got = read_population_upload(data.encode("utf-8-sig"), "a.csv", known_codes=KNOWN)
    assert got.to_dict("records") == [
        {"code": "28435", "population": 9001, "year": 2023, "source": "Cục Thống kê Tiền Giang", "origin": "imported"},
        {"code": "28436", "population": 5000, "year": 2023, "source": IMPORTED_SOURCE_DEFAULT, "origin": "imported"},
    ]


def test_upload_reports_every_problem_by_row_and_imports_nothing():
    data = (
        "code,population,year\n"
        "28435,9001,2023\n"  # row 2 ok
        "2843,100,2023\n"  # row 3 malformed code
        "99999,100,2023\n"  # row 4 unknown code
        "28435,100,2023\n"  # row 5 duplicate of row 2
        "28436,-4,2023\n"  # row 6 negative
        "28447,abc,2023\n"  # row 7 non-numeric
        "02641,12.345,2023\n"  # row 8 not a plain integer
        "29242,,20x3\n"  # row 9 empty population + bad year
    )
    err = _raises(data.encode())
    assert str(err) == "Tệp dan_so.csv có 8 lỗi; chưa nhập dòng nào."
    assert err.problems == [
        "Dòng 3: mã '2843' không đúng dạng mã xã 5 chữ số.",
        "Dòng 4: mã 99999 không có trong danh mục đơn vị hành chính.",
        "Dòng 5: mã 28435 trùng với dòng 2.",
        "Dòng 6: dân số '-4' là số âm.",
        "Dòng 7: dân số 'abc' không phải số.",
        "Dòng 8: dân số '12.345' không phải số nguyên (chỉ ghi chữ số, không dùng dấu phân cách hàng nghìn).",
        "Dòng 9: dân số bị để trống.",
        "Dòng 9: năm '20x3' không phải số.",
    ]


def test_upload_problem_kinds_exact():
    err = _raises(b"code,population,year\n28435,10,1800\n,10,2020\n")
    assert err.problems == ["Dòng 2: năm 1800 nằm ngoài khoảng 1900–2100.", "Dòng 3: thiếu mã đơn vị (code)."]
    assert str(err) == "Tệp dan_so.csv có 2 lỗi; chưa nhập dòng nào."


def test_upload_missing_columns():
    err = _raises(b"ma,population\n28435,10\n")
    assert err.problems == ["Dòng 1: thiếu cột bắt buộc code, year (cần code, population, year)."]
    assert str(err) == "Tệp dan_so.csv có 1 lỗi; chưa nhập dòng nào."


def test_upload_empty_and_header_only():
    assert _raises(b"").problems == ["Tệp dan_so.csv trống."]
    assert _raises(b"code,population,year\n").problems == [
        "Tệp dan_so.csv không có dòng số liệu nào dưới dòng tiêu đề."
    ]


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_upload_wrong_encoding(encoding):
    # "Thông kê" uses only precomposed letters that both code pages have.
    data = "code,population,year,source\n28435,10,2023,Thông kê\n".encode(encoding)
    err = _raises(data)
    assert str(err) == (
        "Tệp dan_so.csv không được mã hóa UTF-8 (có thể là Windows-1258 hoặc Latin-1); "
        "hãy lưu lại bằng 'CSV UTF-8' rồi nhập lại."
    )


def test_upload_unsupported_extension():
    err = _raises(b"x", "dan_so.xls")
    assert str(err) == "Tệp dan_so.xls không được hỗ trợ; hãy dùng tệp .csv (UTF-8) hoặc .xlsx."


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_upload_xlsx_valid_restores_leading_zeros():
    data = _xlsx([["code", "population", "year"], [2641, 12000, 2024], ["28435", 9001.0, 2024]])
    got = read_population_upload(data, "so_lieu.xlsx", known_codes=KNOWN)
    assert got[["code", "population", "year"]].to_dict("records") == [
        {"code": "02641", "population": 12000, "year": 2024},
        {"code": "28435", "population": 9001, "year": 2024},
    ]


def test_upload_xlsx_errors_by_row():
    data = _xlsx([["code", "population", "year"], [28435, 12.5, 2024], [28436, -3, 2024]])
    err = _raises(data, "so_lieu.xlsx")
    assert err.problems == [
        "Dòng 2: dân số '12.5' không phải số nguyên (chỉ ghi chữ số, không dùng dấu phân cách hàng nghìn).",
        "Dòng 3: dân số '-3' là số âm.",
    ]


def test_upload_broken_xlsx():
    assert str(_raises(b"not a zip", "x.xlsx")) == "Tệp x.xlsx không phải tệp Excel .xlsx đọc được."


def test_merge_imported_wins(pop):
    imported = read_population_upload(b"code,population,year\n28435,9001,2024\n", "a.csv", known_codes=set(pop["code"]))
    merged = merge_population(pop, imported)
    assert len(merged) == len(pop)
    row = merged.set_index("code").loc["28435"]
    assert (row.population, row.year, row.source, row.origin, row["name"], row.district_code) == (
        9001, 2024, IMPORTED_SOURCE_DEFAULT, "imported", "Phường 1", "817",
    )  # fmt: skip
    other = merged.set_index("code").loc["28436"]
    assert (other.population, other.origin) == (4974, "census")
    assert merged["code"].is_monotonic_increasing
