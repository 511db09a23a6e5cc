"""Text for the pages and layers: the tables live in :mod:`geo.text`, the number formats in :mod:`geo.style`."""

from __future__ import annotations

from geo.style import format_int, format_number, format_percent
from geo.text import LANGUAGES, TEXT, tr, unit_type_label

__all__ = ["LANGUAGES", "TEXT", "tr", "unit_type_label", "fmt_int", "fmt_pct", "fmt_num"]


def fmt_int(value: float, lang: str = "vi") -> str:
    """Integer with the locale's thousands separator: 125.615 (vi) or 125,615 (en)."""
    return format_int(value, lang)


def fmt_num(value: float, lang: str = "vi", *, digits: int = 2) -> str:
    """Decimal number: 140,19 (vi) or 140.19 (en)."""
    return format_number(value, lang, digits=digits)


def fmt_pct(ratio: float, lang: str = "vi", *, digits: int = 1) -> str:
    """A 0–1 ratio as a percentage: 37,5 % (vi) or 37.5% (en)."""
    return format_percent(ratio, lang, digits=digits)
