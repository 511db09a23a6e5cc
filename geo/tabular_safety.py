"""Spreadsheet (CSV / XLSX) formula injection: cells that a spreadsheet would run are made plain text.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is taken by Excel, LibreOffice and Google Sheets as the start of a formula
(``=HYPERLINK(…)``, ``@SUM(…)``, DDE). Following the OWASP "CSV Injection"
guidance (https://owasp.org/www-community/attacks/CSV_Injection), such a text
cell is prefixed with a single quote, which the spreadsheet shows as plain
text. Genuine numbers (``-3.5`` in a numeric column, or a text cell that is
nothing but a signed decimal number) are left alone so they stay numbers.

Every CSV and XLSX the program writes passes its cells through
:func:`neutralise_frame` (or :func:`neutralise_row` for row writers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, TypeVar

import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise_cell", "neutralise_row", "neutralise_frame"]

FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
_NUMBER: Final[re.Pattern[str]] = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")

_Frame = TypeVar("_Frame", bound=pd.DataFrame)


def neutralise_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would read as a formula.

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("-3.5"), neutralise_cell(-3.5), neutralise_cell("Phường 1")
    ('-3.5', -3.5, 'Phường 1')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, object]) -> dict[str, object]:
    """A row (column → value) with every cell passed through :func:`neutralise_cell`."""
    return {str(neutralise_cell(k)): neutralise_cell(v) for k, v in row.items()}


def neutralise_frame(frame: _Frame) -> _Frame:
    """A copy of ``frame`` whose text cells and column names are neutralised.

    Numeric, boolean and date columns are untouched; only object and string
    columns are looked at (a geometry column, if any, is left as it is).
    """
    out: _Frame = frame.copy()
    for column in out.columns:
        series = out[column]
        if column == "geometry" or not (series.dtype == object or pd.api.types.is_string_dtype(series.dtype)):
            continue
        if series.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS)).any():
            out[column] = series.map(neutralise_cell).astype(series.dtype)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
