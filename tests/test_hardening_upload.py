"""Hostile and implausible uploads: each refused quickly, in one sentence, with bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from geo.config import PROJECT_ROOT
from geo.errors import InvalidInputError
from geo.population_upload import read_population_upload

MAX_COMMUNE_POPULATION = 2_000_000  # geo.population_upload.MAX_COMMUNE_POPULATION, checked below
MAX_ROW_ERRORS = 20

KNOWN = {f"{n:05d}" for n in range(28400, 28500)} | {"02641"}


def _raises(data: bytes, filename: str = "dan_so.csv") -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        read_population_upload(data, filename, known_codes=KNOWN)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return info.value


def _xlsx(sheets: dict[str, list[list[object]]], *, active: int = 0) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.active = active
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, content if info.filename == name else source.read(info.filename))
    return buffer.getvalue()


GOOD = [["code", "population", "year"], ["28435", 9001, 2024], ["28436", 5000, 2024]]
SHEET = "xl/worksheets/sheet1.xml"
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


# ------------------------------------------------------------------------------------------- plausible


def test_population_of_ten_to_the_eighteen_is_refused():
    err = _raises(b"code,population,year\n28435,1000000000000000000,2024\n")
    assert str(err) == "File dan_so.csv has 1 problem; no row was imported."
    assert err.problems == [
        f"Row 2: population 1000000000000000000 is not plausible for one commune-level unit "
        f"(at most {MAX_COMMUNE_POPULATION:,})."
    ]


def test_ten_to_the_twenty_and_a_huge_number_are_refused_without_crash():
    err = _raises(b"code,population,year\n28435,100000000000000000000,2024\n28436," + b"9" * 1500 + b",2024\n")
    assert err.problems[0].startswith("Row 2: population 100000000000000000000 is not plausible")
    assert err.problems[1] == (
        f"Row 3: population {'9' * 39}… is not plausible for one commune-level unit (at most 2,000,000)."
    )


def test_three_rows_that_would_wrap_int64_are_each_refused():
    rows = "".join(f"2843{i},5000000000000000000,2024\n" for i in (5, 6, 7))
    err = _raises(("code,population,year\n" + rows).encode())
    assert [p.split(":")[0] for p in err.problems] == ["Row 2", "Row 3", "Row 4"]
    assert all("is not plausible" in p for p in err.problems)


def test_the_upper_bound_itself_is_accepted():
    import geo.population_upload

    assert geo.population_upload.MAX_COMMUNE_POPULATION == MAX_COMMUNE_POPULATION
    got = read_population_upload(
        f"code,population,year\n28435,{MAX_COMMUNE_POPULATION},2024\n".encode(), "p.csv", known_codes=KNOWN
    )
    assert got["population"].tolist() == [2_000_000] and str(got["population"].dtype) == "int64"
    err = _raises(f"code,population,year\n28435,{MAX_COMMUNE_POPULATION + 1},2024\n".encode())
    assert "2000001 is not plausible" in err.problems[0]


def test_a_future_year_is_refused():
    from geo.population_upload import upload_year_range

    first, last = upload_year_range()
    assert (first, last) == (1979, date.today().year)
    err = _raises(f"code,population,year\n28435,10,{last + 1}\n28436,10,1978\n".encode())
    assert err.problems == [
        f"Row 2: year {last + 1} is outside 1979–{last}.",
        f"Row 3: year 1978 is outside 1979–{last}.",
    ]


def test_only_the_first_twenty_row_errors_are_listed_with_a_count():
    rows = "".join(f"9{i:04d},10,2024\n" for i in range(1000))
    err = _raises(("code,population,year\n" + rows).encode())
    assert str(err) == "File dan_so.csv has 1000 problems; no row was imported."
    assert len(err.problems) == MAX_ROW_ERRORS + 1
    assert err.problems[0] == "Row 2: code 90000 is not in the list of administrative units."
    assert err.problems[-1] == "… and 980 more problems."


# -------------------------------------------------------------------------------------------- CSV caps


def test_a_300_kb_field_is_one_sentence():
    err = _raises(b"code,population,year,source\n28435,10,2024," + b"x" * 300_000 + b"\n")
    assert str(err) == "File dan_so.csv has a cell longer than 2,000 characters in row 2."


def test_a_long_but_parsable_field_is_refused():
    err = _raises(b"code,population,year,source\n28435,10,2024," + b"x" * 5000 + b"\n")
    assert str(err) == "File dan_so.csv has a cell of 5,000 characters in row 2, column 4 (at most 2,000)."


def test_too_many_rows_and_columns():
    from geo.upload import UploadLimits, read_upload_table

    limits = UploadLimits(max_rows=100, max_columns=5)
    many = ("a\n" + "1\n" * 101).encode()
    with pytest.raises(InvalidInputError, match=r"^File t\.csv has more than 100 rows; split it"):
        read_upload_table(many, "t.csv", limits=limits)
    wide = b"a,b,c,d,e,f\n1,2,3,4,5,6\n"
    with pytest.raises(InvalidInputError, match=r"^File t\.csv has a cell beyond column 5 in row 1"):
        read_upload_table(wide, "t.csv", limits=limits)


def test_nul_bytes_are_refused():
    from geo.upload import read_upload_table

    with pytest.raises(InvalidInputError, match="contains NUL characters"):
        read_upload_table(b"code\x00,population\n", "t.csv")


def test_an_oversized_file_is_refused_before_reading():
    from geo.upload import read_upload_table

    with pytest.raises(InvalidInputError, match=r"^File big\.csv is 10\.5 MB; an upload may be at most 10 MB\.$"):
        read_upload_table(b"x" * 10_500_000, "big.csv")


# ------------------------------------------------------------------------------------------ XLSX attacks


def test_truncated_sheet_is_one_sentence():
    data = _xlsx({"Dân số": GOOD})
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    err = _raises(_replace_member(data, SHEET, sheet[: len(sheet) // 2]), "so_lieu.xlsx")
    assert str(err) == "File so_lieu.xlsx is not a readable Excel .xlsx file (it is damaged or truncated)."


def test_truncated_zip_is_one_sentence():
    data = _xlsx({"Dân số": GOOD})
    err = _raises(data[: len(data) * 2 // 3], "so_lieu.xlsx")
    assert str(err) == "File so_lieu.xlsx is not a readable Excel .xlsx file."


def test_billion_laughs_is_refused():
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol0 "lol">{entities}]>'
        f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    started = time.perf_counter()
    err = _raises(_replace_member(_xlsx({"Dân số": GOOD}), SHEET, bomb), "bom.xlsx")
    assert time.perf_counter() - started < 5
    assert (
        str(err) == "File bom.xlsx declares XML entities or a DTD, which a spreadsheet does not need; it was not read."
    )


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    err = _raises(_replace_member(_xlsx({"Dân số": GOOD}), SHEET, xxe), "xxe.xlsx")
    assert "declares XML entities" in str(err)


def _sheet_xml(rows: str, dimension: str) -> bytes:
    head = f'<?xml version="1.0"?><worksheet {_NS}><dimension ref="{dimension}"/>'
    return f"{head}<sheetData>{rows}</sheetData></worksheet>".encode()


def _cells(rows: list[list[object]]) -> str:
    out = []
    for i, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{"ABC"[j]}{i}" t="inlineStr"><is><t>{v}</t></is></c>'
            if isinstance(v, str)
            else f'<c r="{"ABC"[j]}{i}"><v>{v}</v></c>'
            for j, v in enumerate(row)
        )
        out.append(f'<row r="{i}">{cells}</row>')
    return "".join(out)


def test_declared_huge_dimension_is_not_trusted():
    """<dimension ref="A1:XFD1048576"/> on a three-row sheet: read the three rows, fast."""
    data = _replace_member(_xlsx({"Dân số": GOOD}), SHEET, _sheet_xml(_cells(GOOD), "A1:XFD1048576"))
    assert len(data) < 6_000
    started = time.perf_counter()
    got = read_population_upload(data, "dim.xlsx", known_codes=KNOWN)
    assert time.perf_counter() - started < 2
    assert got["code"].tolist() == ["28435", "28436"]


def test_a_cell_at_xfd1048576_is_refused_quickly():
    far = _cells(GOOD) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    data = _replace_member(_xlsx({"Dân số": GOOD}), SHEET, _sheet_xml(far, "A1:XFD1048576"))
    assert len(data) < 6_000
    started = time.perf_counter()
    err = _raises(data, "far.xlsx")
    assert time.perf_counter() - started < 5
    assert str(err).startswith("File far.xlsx has more than 20,000 rows")


def test_stale_dimension_drops_no_row():
    rows = [["code", "population", "year"], *[[f"284{40 + i}", 100 + i, 2024] for i in range(6)]]
    data = _replace_member(_xlsx({"Dân số": rows}), SHEET, _sheet_xml(_cells(rows), "A1:C2"))
    got = read_population_upload(data, "stale.xlsx", known_codes=KNOWN)
    assert got["code"].tolist() == [f"284{40 + i}" for i in range(6)]


def _million_rows() -> bytes:
    rows = '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1_000_000
    sheet = _sheet_xml(rows, "A1")
    return _replace_member(_xlsx({"Dân số": GOOD}), SHEET, sheet)


def test_million_row_xlsx_is_refused_quickly_with_bounded_memory(tmp_path):
    """A few hundred KB expanding to a million rows: refused at the row cap, in a child process we can measure."""
    path = tmp_path / "million.xlsx"
    path.write_bytes(_million_rows())
    assert path.stat().st_size < 600_000
    script = (
        "import json, resource, sys, time\n"
        "from geo.population_upload import read_population_upload\n"
        "from geo.errors import InvalidInputError\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "started = time.perf_counter()\n"
        "try:\n"
        "    read_population_upload(data, 'million.xlsx', known_codes=set())\n"
        "    message = None\n"
        "except InvalidInputError as error:\n"
        "    message = str(error)\n"
        "print(json.dumps({'seconds': time.perf_counter() - started, 'message': message,\n"
        "    'grown_mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout)
    assert figures["message"] == (
        "File million.xlsx has more than 20,000 rows; split it or remove the empty rows below the table."
    )
    assert figures["seconds"] < 10
    assert figures["grown_mb"] < 150


def test_unpacked_size_is_checked_before_parsing():
    from geo.upload import UploadLimits, read_upload_table

    limits = UploadLimits(max_uncompressed_bytes=1_000_000)
    with pytest.raises(InvalidInputError, match=r"^File m\.xlsx expands to \d+ MB when unpacked \(at most 1 MB\)"):
        read_upload_table(_million_rows(), "m.xlsx", limits=limits)


def test_active_sheet_is_read_and_named():
    data = _xlsx({"Ghi chú": [["Nguồn: Cục Thống kê"]], "Dân số 2024": GOOD}, active=1)
    got = read_population_upload(data, "two.xlsx", known_codes=KNOWN)
    assert got["code"].tolist() == ["28435", "28436"]
    assert got.attrs["sheet"] == "Dân số 2024"


# ------------------------------------------------------------------------------------ text on the page


def test_markdown_in_messages_is_inert():
    from geo.upload import markdown_literal

    err = _raises(b"code,population,year\n[x](javascript:alert(1)),10,2024\n![i](http://e.x/a.png),10,2024\n")
    shown = [markdown_literal(p) for p in err.problems]
    assert shown[0] == r"Row 2\: code '\[x\]\(javascript\:alert\(1\)\)' is not a 5\-digit commune code\."
    assert "![" not in shown[1] and r"\!\[i\]" in shown[1]


def test_the_page_shows_problems_as_plain_text():
    source = (PROJECT_ROOT / "pages" / "urban.py").read_text(encoding="utf-8")
    block = source[source.index("def _population_import") : source.index("def _standards_table")]
    assert "st.markdown" not in block
    assert "st.text(" in block and "st.error(markdown_literal(str(error)))" in block
