"""Map furniture of an atlas page: scale bar, north arrow, legend, wrapped text blocks.

Kept apart from the snapshot layout so an atlas page can be assembled from the
public map body (:func:`geo.export.layout.draw_body`) and these pieces. The
scale bar is measured geodesically along the middle of the map.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from geo.export.layout import PROJECT_COLOR, UNIT_COLORS, UPGRADED_COLOR
from geo.text import ATLAS_TEXT, PRINT_TEXT, lookup

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from pyproj import CRS

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
_NICE_KM: Final[tuple[float, ...]] = (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200)


def number_text(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with Vietnamese (1.234,5) or English (1,234.5) separators."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "vi" else text


def percent_text(ratio: float | None, lang: str) -> str:
    """A share 0–1 as a percentage with one decimal ('–' when unknown)."""
    if ratio is None:
        return "–"
    return f"{number_text(ratio * 100, lang)} %" if lang == "vi" else f"{number_text(ratio * 100, lang)}%"


def _decimal(value: float, lang: str) -> str:
    """0.25 → '0,25' (vi) / '0.25' (en); 1.5 → '1,5'."""
    return number_text(value, lang, 2).rstrip("0")


def _metres_per_unit(crs: CRS, extent: tuple[float, float, float, float]) -> float:
    from pyproj import Geod, Transformer

    x0, y0, x1, y1 = extent
    cy = (y0 + y1) / 2
    (lon0, lon1), (lat0, lat1) = Transformer.from_crs(crs, 4326, always_xy=True).transform([x0, x1], [cy, cy])
    return float(Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)[2]) / (x1 - x0)


def scale_bar(
    ax: Axes, *, crs: CRS, extent: tuple[float, float, float, float], width_mm: float, lang: str, scale: float
) -> None:
    """A four-segment bar in the lower left corner of ``ax`` and the representative fraction under it."""
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = extent
    per_unit = _metres_per_unit(crs, extent)
    ground_km = (x1 - x0) * per_unit / 1000
    km = max([k for k in _NICE_KM if k <= ground_km / 5] or [_NICE_KM[0]])
    length = km * 1000 / per_unit
    left, base, height = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.045, (y1 - y0) * 0.009
    box = Rectangle(
        (left - (x1 - x0) * 0.012, base - (y1 - y0) * 0.028),
        length + (x1 - x0) * 0.05,
        (y1 - y0) * 0.08,
        facecolor="white",
        edgecolor="#999999",
        alpha=0.88,
        lw=0.5 * scale,
        zorder=20,
    )
    ax.add_patch(box)
    for i in range(4):
        ax.add_patch(
            Rectangle(
                (left + i * length / 4, base),
                length / 4,
                height,
                facecolor="#222222" if i % 2 == 0 else "white",
                edgecolor="#222222",
                lw=0.6 * scale,
                zorder=21,
            )
        )
    for i in (0, 2, 4):
        value = km * i / 4
        label = number_text(value, lang, 0) if float(value).is_integer() else _decimal(value, lang)
        ax.text(
            left + i * length / 4,
            base + height * 1.6,
            label + (" km" if i == 4 else ""),
            fontsize=6.2 * scale,
            ha="center",
            va="bottom",
            zorder=22,
        )
    denominator = ground_km * 1e6 / width_mm
    rounded = int(round(denominator, -int(np.floor(np.log10(denominator))) + 1))
    ax.text(
        left,
        base - height * 0.7,
        lookup(PRINT_TEXT, "scale", lang, n=number_text(rounded, lang, 0)),
        fontsize=5.8 * scale,
        ha="left",
        va="top",
        zorder=22,
        color="#333333",
    )


def north_arrow(ax: Axes, *, lang: str, scale: float) -> None:
    """A half-filled arrow with the letter B (Bắc) / N in the upper right corner of ``ax``."""
    from matplotlib import patheffects
    from matplotlib.patches import Polygon

    cx, top, w, h = 0.95, 0.93, 0.02, 0.08
    kw: dict[str, Any] = {"transform": ax.transAxes, "zorder": 22, "lw": 0.7 * scale, "edgecolor": "#222222"}
    ax.add_patch(Polygon([(cx, top), (cx - w, top - h), (cx, top - h * 0.72)], facecolor="#222222", **kw))
    ax.add_patch(Polygon([(cx, top), (cx + w, top - h), (cx, top - h * 0.72)], facecolor="white", **kw))
    ax.text(
        cx,
        top + 0.012,
        lookup(PRINT_TEXT, "north", lang),
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=9.5 * scale,
        fontweight="bold",
        zorder=22,
        path_effects=[patheffects.withStroke(linewidth=2.5 * scale, foreground="white")],
    )


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
        handles.append(Patch(facecolor="#efebe3", edgecolor="#b9b4aa", label=t("neighbours")))
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
