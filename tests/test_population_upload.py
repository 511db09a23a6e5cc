"""Tests for geo.population_upload: a user's CSV or Excel file, checked row by row, all or nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from geo.errors import InvalidInputError
from geo.population import IMPORTED_SOURCE_DEFAULT
from geo.population_upload import read_population_upload, upload_year_range

KNOWN = {"28435", "28436", "28447", "02641", "29242"}


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
    assert str(err) == "File dan_so.csv has 8 problems; no row was imported."
    assert err.problems == [
        "Row 3: code '2843' is not a 5-digit commune code.",
        "Row 4: code 99999 is not in the list of administrative units.",
        "Row 5: code 28435 repeats row 2.",
        "Row 6: population '-4' is negative.",
        "Row 7: population 'abc' is not a number.",
        "Row 8: population '12.345' is not a whole number (write digits only, without thousands separators).",
        "Row 9: population is empty.",
        "Row 9: year '20x3' is not a number.",
    ]


def test_upload_problem_kinds_exact():
    err = _raises(b"code,population,year\n28435,10,1800\n,10,2020\n")
    first, last = upload_year_range()  # 1979 (first census of the reunified country) to the current year
    assert err.problems == [
        f"Row 2: year 1800 is outside {first}–{last}.",
        "Row 3: the unit code (column code) is empty.",
    ]
    assert str(err) == "File dan_so.csv has 2 problems; no row was imported."


def test_upload_missing_columns():
    err = _raises(b"ma,population\n28435,10\n")
    assert err.problems == ["Row 1: missing required column(s) code, year (needed: code, population, year)."]
    assert str(err) == "File dan_so.csv has 1 problem; no row was imported."
    err = _raises(b"code,population,year,Code\n28435,10,2020,28435\n")
    assert err.problems == ["Row 1: the header names the column(s) code more than once."]


def test_upload_empty_and_header_only():
    assert _raises(b"").problems == ["File dan_so.csv is empty."]
    assert _raises(b"code,population,year\n").problems == ["File dan_so.csv has no data rows below the header row."]


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_upload_wrong_encoding(encoding):
    # "Thông kê" uses only precomposed letters that both code pages have.
    data = "code,population,year,source\n28435,10,2023,Thông kê\n".encode(encoding)
    err = _raises(data)
    assert str(err) == (
        "File dan_so.csv is not UTF-8 encoded (it may be Windows-1258 or Latin-1); "
        "save it again as 'CSV UTF-8' and import it again."
    )


def test_upload_unsupported_extension():
    err = _raises(b"x", "dan_so.xls")
    assert str(err) == "File dan_so.xls is not supported; use a .csv (UTF-8) or .xlsx file."


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
        "Row 2: population '12.5' is not a whole number (write digits only, without thousands separators).",
        "Row 3: population '-3' is negative.",
    ]


def test_upload_broken_xlsx():
    assert str(_raises(b"not a zip", "x.xlsx")) == "File x.xlsx is not a readable Excel .xlsx file."


def test_upload_rows_keep_their_spreadsheet_numbers_across_blank_and_long_rows():
    data = b"code,population,year\n28435,10,2023,a note beyond the header\n\n2843,1,2023\n28436,7,2023\n"
    err = _raises(data)
    assert err.problems == ["Row 4: code '2843' is not a 5-digit commune code."]
    got = read_population_upload(b"code,population,year\n28435,10,2023,extra\n", "a.csv", known_codes=KNOWN)
    assert got[["code", "population", "year"]].to_dict("records") == [{"code": "28435", "population": 10, "year": 2023}]
