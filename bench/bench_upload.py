"""Time and peak memory to refuse hostile uploads (geo.upload). Prints figures; never pass/fail.

Each file is read in a fresh child process so its peak resident memory (ru_maxrss) is its own.
Run: .venv/bin/python bench/bench_upload.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET = "xl/worksheets/sheet1.xml"


def workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in (["code", "population", "year"], ["28435", 9001, 2024]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(sheet: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, sheet if info.filename == SHEET else source.read(info.filename))
    return buffer.getvalue()


def sheet_xml(rows: str, dimension: str = "A1") -> bytes:
    head = f'<?xml version="1.0"?><worksheet {NS}><dimension ref="{dimension}"/>'
    return f"{head}<sheetData>{rows}</sheetData></worksheet>".encode()


def cases() -> dict[str, tuple[str, bytes]]:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "lol">{entities}]><worksheet {NS}><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    far = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    good = workbook()
    sheet = zipfile.ZipFile(io.BytesIO(good)).read(SHEET)
    return {
        "million rows": ("m.xlsx", with_sheet(sheet_xml('<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 10**6))),
        "declares 1,048,576 x 16,384": ("d.xlsx", with_sheet(sheet_xml(far, "A1:XFD1048576"))),
        "billion laughs": ("b.xlsx", with_sheet(bomb)),
        "truncated sheet": ("t.xlsx", with_sheet(sheet[: len(sheet) // 2])),
        "300 KB CSV field": ("f.csv", b"code,population,year,source\n28435,10,2024," + b"x" * 300_000 + b"\n"),
        "a million CSV rows (2 MB)": ("r.csv", b"code,population,year\n" + b"1\n" * 10**6),
        "14 MB CSV": ("big.csv", b"code,population,year\n" + b"28435,10,2024\n" * 10**6),
    }


CHILD = """
import json, resource, sys, time
from geo.population_upload import read_population_upload
from geo.errors import InvalidInputError
data = open(sys.argv[1], 'rb').read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    read_population_upload(data, sys.argv[2], known_codes={'28435'})
    message = 'accepted'
except InvalidInputError as error:
    message = str(error)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([time.perf_counter() - start, base / 1024, peak / 1024, message]))
"""


def main() -> None:
    print(f"{'hostile upload':30} {'file KB':>8} {'seconds':>8} {'RSS before':>10} {'peak RSS':>9}  sentence")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, data) in cases().items():
            path = Path(folder) / name
            path.write_bytes(data)
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), name], cwd=ROOT, capture_output=True, text=True, check=True
            )
            seconds, before, peak, message = json.loads(result.stdout)
            print(f"{label:30} {len(data) / 1024:8.0f} {seconds:8.2f} {before:7.0f} MB {peak:6.0f} MB  {message}")


if __name__ == "__main__":
    main()
