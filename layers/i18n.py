"""Text for the pages and layers: the tables live in :mod:`geo.text`; number formats are here."""

from __future__ import annotations

from geo.text import LANGUAGES, TEXT, tr, unit_type_label

__all__ = ["LANGUAGES", "TEXT", "tr", "unit_type_label", "fmt_int", "fmt_pct", "fmt_num"]


def fmt_int(value: float | int, lang: str = "vi") -> str:
    """Integer with the locale's thousands separator: 125.615 (vi) or 125,615 (en)."""
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if lang == "vi" else text


def fmt_num(value: float, lang: str = "vi", *, digits: int = 2) -> str:
    """Decimal number: 140,19 (vi) or 140.19 (en)."""
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")
    return text


def fmt_pct(ratio: float, lang: str = "vi", *, digits: int = 1) -> str:
    """A 0–1 ratio as a percentage: 37,5 % (vi) or 37.5% (en)."""
    number = fmt_num(ratio * 100, lang, digits=digits)
    return f"{number} %" if lang == "vi" else f"{number}%"
