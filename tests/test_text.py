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


def test_the_store_history_actions_are_labelled_in_both_languages() -> None:
    import ast
    from pathlib import Path

    from geo.text import REGISTER_TEXT, register_label

    # Every action the store writes (action="…" in geo/store) and the baseline row of a history.
    written = {"baseline"}
    for path in (Path(__file__).resolve().parent.parent / "geo" / "store").glob("*.py"):
        if path.name == "cli.py":  # argparse's action="store_true", not a history action
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "action" and isinstance(node.value, ast.Constant):
                written.add(node.value.value)
    assert written == {"baseline", "edit", "create", "retire", "restore", "actual", "population"}
    assert all(f"action.{a}" in REGISTER_TEXT for a in written)
    assert register_label("action", "restore", "vi") == "Khôi phục"
    assert register_label("action", "edit", "en") == "Edit"
    assert tr("history_baseline", "vi") == "dữ liệu gốc"
    assert tr("baseline", "vi") == "Xuất phát điểm"  # the targets' baseline keeps its own word
