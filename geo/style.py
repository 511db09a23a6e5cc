"""The map's look in one place: the palette and the number formats shared by web layers, print and slides."""

from __future__ import annotations

from typing import Final

from geo.text import NUMBER_FORMAT

__all__ = [
    "UNIT_COLORS",
    "UPGRADED_COLOR",
    "PROJECT_COLOR",
    "OUTLINE_COLOR",
    "NEIGHBOUR_FILL",
    "BACKGROUND",
    "MISSING_COLOR",
    "format_int",
    "format_number",
    "format_percent",
]

# Urban (phường, thị trấn) warm, rural (xã) green: the urban/rural split reads at a glance.
UNIT_COLORS: Final[dict[str, str]] = {"phường": "#c0392b", "thị trấn": "#e67e22", "xã": "#6aa84f"}
UPGRADED_COLOR: Final[str] = "#7b3294"
PROJECT_COLOR: Final[str] = "#1d3557"
OUTLINE_COLOR: Final[str] = "#222222"
NEIGHBOUR_FILL: Final[str] = "#efebe3"
BACKGROUND: Final[str] = "#f7f8f9"
MISSING_COLOR: Final[str] = "#999999"


def _localise(text: str, lang: str) -> str:
    """Swap the separators of a Python-formatted number (``1,234.5``) to the language's own."""
    spec = NUMBER_FORMAT.get(lang, NUMBER_FORMAT["vi"])
    table: dict[str, str | int | None] = {",": spec["thousands"], ".": spec["decimal"]}
    return text.translate(str.maketrans(table))


def format_int(value: float, lang: str = "vi") -> str:
    """Integer with the language's thousands separator: 125.615 (vi) or 125,615 (en)."""
    return _localise(f"{int(round(value)):,}", lang)


def format_number(value: float, lang: str = "vi", *, digits: int = 2, trim: bool = False) -> str:
    """Decimal number: 140,19 (vi) or 140.19 (en); ``trim`` drops trailing zeros (and an integer's decimals)."""
    text = f"{value:,.0f}" if trim and float(value).is_integer() else f"{value:,.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return _localise(text, lang)


def format_percent(ratio: float | None, lang: str = "vi", *, digits: int = 1) -> str:
    """A 0–1 ratio as a percentage: 37,5 % (vi) or 37.5% (en); "–" when unknown."""
    if ratio is None:
        return "–"
    spec = NUMBER_FORMAT.get(lang, NUMBER_FORMAT["vi"])
    return spec["percent"].format(format_number(ratio * 100, lang, digits=digits))
