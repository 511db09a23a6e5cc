"""The vintage line that leads the title block of prints, slides and data files."""

from __future__ import annotations

from geo.text import PRINT_TEXT, lookup
from geo.vintage import V2025, check_vintage

__all__ = ["with_vintage"]


def with_vintage(subtitle: str, vintage: str, *, lang: str = "vi") -> str:
    """The title block's subtitle led by the vintage of its units."""
    key = "vintage_2025" if check_vintage(vintage) == V2025 else "vintage_legacy"
    line = lookup(PRINT_TEXT, key, lang)
    return f"{line} · {subtitle}" if subtitle else line
