"""Furniture of an atlas page beyond the snapshot's: a legend with the page's focus, wrapped text blocks.

The scale bar and north arrow are the snapshot's (:mod:`geo.export.furniture`);
the legend here adds the highlighted unit or project of the page.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

from geo.export.furniture import north_arrow, scale_bar
from geo.style import NEIGHBOUR_FILL, PROJECT_COLOR, UNIT_COLORS, UPGRADED_COLOR, format_number, format_percent
from geo.text import ATLAS_TEXT, PRINT_TEXT, lookup

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "FOCUS_COLOR",
    "number_text",
    "percent_text",
    "scale_bar",
    "north_arrow",
    "legend",
    "wrap_lines",
]

FOCUS_COLOR: Final[str] = "#f1c40f"


def number_text(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with the language's separators (:func:`geo.style.format_number`)."""
    return format_number(value, lang, digits=digits)


def percent_text(ratio: float | None, lang: str) -> str:
    """A share 0–1 as a percentage with one decimal ('–' when unknown)."""
    return format_percent(ratio, lang)


def legend(ax: Axes, drawn: dict[str, int], *, lang: str, scale: float, focus: str | None = None) -> None:
    """The legend of what :func:`geo.export.layout.draw_body` drew (its counts), plus the page's focus."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    def t(key: str) -> str:
        return lookup(PRINT_TEXT, key, lang)

    handles: list[Any] = []
    if focus == "unit":
        handles.append(
            Patch(facecolor="none", edgecolor=FOCUS_COLOR, lw=2.4, label=lookup(ATLAS_TEXT, "focus_unit", lang))
        )
    elif focus == "project":
        handles.append(
            Line2D([], [], color=FOCUS_COLOR, lw=6, alpha=0.8, label=lookup(ATLAS_TEXT, "focus_project", lang))
        )
    for unit_type, color in UNIT_COLORS.items():
        if drawn.get(unit_type):
            handles.append(Patch(facecolor=color, alpha=0.55, edgecolor="#444444", lw=0.6, label=t(unit_type)))
    if drawn.get("upgraded"):
        handles.append(
            Patch(facecolor=UPGRADED_COLOR + "66", edgecolor=UPGRADED_COLOR, hatch="///", label=t("upgraded"))
        )
    handles.append(Line2D([], [], color="#222222", lw=1.8, label=t("boundary")))
    if drawn.get("districts"):
        handles.append(Line2D([], [], color="#555555", lw=1.3, ls=(0, (4, 1.5)), label=t("districts")))
    if drawn.get("provinces"):
        handles.append(Line2D([], [], color="#6d6d6d", lw=1.3, ls=(0, (6, 2, 1, 2)), label=t("provinces")))
    if drawn.get("neighbours"):
        handles.append(Patch(facecolor=NEIGHBOUR_FILL, edgecolor="#b9b4aa", label=t("neighbours")))
    for key in ("line", "line_schematic", "area", "point_surveyed", "point", "centroid"):
        if not drawn.get(key):
            continue
        label = t(key) if key in PRINT_TEXT else t("projects")
        if key == "line":
            handles.append(Line2D([], [], color=PROJECT_COLOR, lw=2.2, label=label))
        elif key == "line_schematic":
            handles.append(Line2D([], [], color=PROJECT_COLOR, lw=2.2, ls=(0, (5, 2.5)), label=label))
        elif key == "area":
            handles.append(Patch(facecolor="none", edgecolor=PROJECT_COLOR, lw=1.6, label=label))
        elif key == "centroid":
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    markersize=7,
                    markerfacecolor="white",
                    markeredgecolor=PROJECT_COLOR,
                    label=label,
                    ls="",
                    markeredgewidth=1.8,
                )
            )
        else:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="s" if key == "point_surveyed" else "o",
                    markersize=6,
                    markerfacecolor=PROJECT_COLOR,
                    markeredgecolor="white",
                    label=label,
                    ls="",
                    markeredgewidth=1.2,
                )
            )
    ax.axis("off")
    ax.legend(
        handles=handles,
        loc="upper left",
        title=t("legend"),
        fontsize=6.3 * scale,
        title_fontsize=7.5 * scale,
        frameon=False,
        alignment="left",
        handlelength=2.2,
        borderaxespad=0.0,
        labelspacing=0.45,
    )


def wrap_lines(lines: list[tuple[str, str]], *, width: int, max_lines: int, lang: str) -> list[tuple[str, str]]:
    """Wrap ``(style, text)`` lines to ``width`` characters; cut at ``max_lines`` with a 'more' line.

    ``style`` is carried to every wrapped piece ('head', 'body', 'small', 'quote').
    """
    out: list[tuple[str, str]] = []
    for style, text in lines:
        chars = int(width * (1.15 if style == "small" else 0.85 if style == "head" else 1.0))
        pieces = textwrap.wrap(text, width=chars, break_long_words=True, break_on_hyphens=False) or [""]
        out.extend((style, piece) for piece in pieces)
    if len(out) > max_lines:
        hidden = len(out) - (max_lines - 1)
        out = out[: max_lines - 1] + [("small", lookup(ATLAS_TEXT, "more", lang, n=hidden))]
    return out
