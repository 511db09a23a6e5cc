"""One place holds every user-facing text, in Vietnamese and English."""

from __future__ import annotations

import pytest

from geo.text import PRINT_TEXT, SLIDE_TEXT, TEXT, lookup, tr


@pytest.mark.parametrize("table", [TEXT, PRINT_TEXT, SLIDE_TEXT], ids=["app", "print", "slides"])
def test_every_entry_has_both_languages(table: dict[str, dict[str, str]]) -> None:
    incomplete = [
        key for key, entry in table.items() if not (entry.get("vi", "").strip() and entry.get("en", "").strip())
    ]
    assert incomplete == []


def test_lookup_formats_and_falls_back_to_vietnamese() -> None:
    assert tr("units_count", "en", total=16, wards=6, towns=0, communes=10) == (
        "16 units: 6 wards, 0 townships, 10 communes"
    )
    assert lookup({"k": {"vi": "Xã {n}"}}, "k", "en", n=3) == "Xã 3"
    with pytest.raises(KeyError):
        tr("no-such-key")
