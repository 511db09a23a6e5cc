"""``data/resolutions_2025.csv`` is a curated file like the others: schema-checked by the build, in its hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import DataValidationError
from geo.io import load_resolutions_2025
from tests.test_curated_validation import _build_fails, _edit, copies  # noqa: F401

HEADER = (
    "province_code_2025,province_name,provinces_merged,commune_resolution,commune_resolution_date,"
    "province_resolution,source\n"
)
DONG_THAP = "82,Tỉnh Đồng Tháp,Tiền Giang; Đồng Tháp,NQ 1663/NQ-UBTVQH15,2025-06-16,NQ 202/2025/QH15,https://a.vn/x\n"


def test_the_real_file_lists_the_three_seed_provinces() -> None:
    frame = load_resolutions_2025()
    assert frame[["province_code_2025", "commune_resolution"]].values.tolist() == [
        ["82", "NQ 1663/NQ-UBTVQH15"],
        ["86", "NQ 1687/NQ-UBTVQH15"],
        ["15", "NQ 1673/NQ-UBTVQH15"],
    ]
    assert set(frame["province_resolution"]) == {"NQ 202/2025/QH15"}


def test_a_broken_resolution_number_stops_the_build(national_units, copies, capsys) -> None:  # noqa: F811
    _edit(copies["resolutions_2025.csv"], "NQ 1663/NQ-UBTVQH15", "NQ 1663")
    assert _build_fails(capsys) == (
        'resolutions_2025.csv, row 2, field commune_resolution: "NQ 1663" is not a resolution number '
        "such as NQ 1663/NQ-UBTVQH15."
    )


def test_a_resolution_without_a_web_source_stops_the_build(national_units, copies, capsys) -> None:  # noqa: F811
    text = copies["resolutions_2025.csv"].read_text(encoding="utf-8").splitlines()
    row = text[3].rsplit(",", 1)[0] + ",a newspaper"
    copies["resolutions_2025.csv"].write_text("\n".join([*text[:3], row]) + "\n", encoding="utf-8")
    assert _build_fails(capsys) == (
        'resolutions_2025.csv, row 4, field source: "a newspaper" is not one or more web addresses '
        "separated by '; '."
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            DONG_THAP + DONG_THAP,
            "resolutions_2025.csv, row 3, field province_code_2025: the province 82 is listed twice.",
        ),
        (
            DONG_THAP.replace("2025-06-16", "16/06/2025"),
            'resolutions_2025.csv, row 2, field commune_resolution_date: "16/06/2025" is not a date written '
            "YYYY-MM-DD.",
        ),
        (
            DONG_THAP.replace("82,", "820,", 1),
            'resolutions_2025.csv, row 2, field province_code_2025: "820" is not a 2-digit province code.',
        ),
    ],
    ids=["province-twice", "date", "code"],
)
def test_the_loader_gives_one_sentence(tmp_path: Path, rows: str, message: str) -> None:
    path = tmp_path / "resolutions_2025.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_resolutions_2025(path)
    assert str(caught.value) == message


def test_the_file_is_in_the_build_hash() -> None:
    from geo.build import curated_inputs
    from geo.config import RESOLUTIONS_2025_FILE

    assert RESOLUTIONS_2025_FILE in curated_inputs()
