"""The small progress chart of one target: baseline, actuals by year and the target line.

Drawn only where actuals exist; a milestone (no comparator) shows its 0/1
status by year. The same drawing goes into the PDF (an Axes of the page) and
the DOCX (a PNG).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from geo.text import REPORT_TEXT, lookup

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["STATUS_COLORS", "has_chart", "draw_chart", "chart_png"]

STATUS_COLORS: Final[dict[str, str]] = {"met": "#2e7d32", "not met": "#c62828", "no data": "#757575"}


def has_chart(target_id: str, actuals: pd.DataFrame) -> bool:
    """Whether the target has at least one actual to draw."""
    return bool((actuals["target_id"] == target_id).any())


def draw_chart(ax: Axes, row: Any, actuals: pd.DataFrame, *, lang: str, scale: float = 1.0) -> None:
    """Actuals of ``row`` (a target with its status) by year against its target value."""
    mine = actuals[actuals["target_id"] == row.id].sort_values("year")
    years = [int(y) for y in mine["year"]]
    values = [float(v) for v in mine["value"]]
    color = STATUS_COLORS.get(row.status, "#555555")
    if not pd.isna(row.baseline_value) and not pd.isna(row.baseline_year):
        ax.scatter([int(row.baseline_year)], [float(row.baseline_value)], marker="s", s=14 * scale, color="#888888",
                   label=lookup(REPORT_TEXT, "chart_baseline", lang), zorder=3)  # fmt: skip
        years_all = [int(row.baseline_year), *years]
    else:
        years_all = list(years)
    ax.plot(years, values, marker="o", markersize=3.5 * scale, lw=1.2 * scale, color=color, zorder=4,
            label=lookup(REPORT_TEXT, "chart_actual", lang))  # fmt: skip
    comparator = row.comparator.strip() if isinstance(row.comparator, str) else ""
    end = int(row.target_year) if not pd.isna(row.target_year) else max(years_all)
    span = (min([*years_all, end]) - 0.5, max([*years_all, end]) + 0.5)
    if comparator == "range":
        ax.axhspan(float(row.value_min), float(row.value_max), color="#1d3557", alpha=0.12,
                   label=lookup(REPORT_TEXT, "chart_target", lang))  # fmt: skip
    elif comparator:
        ax.hlines(float(row.value), *span, colors="#1d3557", linestyles="--", lw=1.0 * scale,
                  label=lookup(REPORT_TEXT, "chart_target", lang))  # fmt: skip
    else:
        ax.hlines(1.0, *span, colors="#1d3557", linestyles="--", lw=1.0 * scale,
                  label=lookup(REPORT_TEXT, "chart_target", lang))  # fmt: skip
        ax.set_ylim(-0.2, 1.2)
    ax.set_xlim(*span)
    ax.set_xticks(sorted({*years_all, end}))
    ax.tick_params(labelsize=5.5 * scale, length=2 * scale, pad=1.5)
    ax.grid(axis="y", lw=0.3, color="#dddddd")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=5 * scale, frameon=False, loc="best", handlelength=1.6)


def chart_png(row: Any, actuals: pd.DataFrame, *, lang: str, dpi: int = 200) -> bytes:
    """The chart of ``row`` as PNG bytes (6 × 3.4 cm)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.export.body import RC_PARAMS

    with matplotlib.rc_context(RC_PARAMS):
        fig = Figure(figsize=(6 / 2.54, 3.4 / 2.54))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.16, 0.16, 0.8, 0.78))
        draw_chart(ax, row, actuals, lang=lang, scale=1.0)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
