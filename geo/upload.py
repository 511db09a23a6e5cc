"""Reading a user's CSV or XLSX file with bounded time and memory.

Used by every upload (population figures today, actuals batches once they
are editable): :func:`read_upload_table` turns the bytes into a header and
numbered rows of plain strings, or refuses the file in one sentence. It never
trusts what the file says about itself:

- the file size, the uncompressed size of every zip member (declared sizes are
  checked before anything is parsed, and :mod:`zipfile` never inflates a member
  beyond its declared size), the rows, the columns and the characters of a cell
  are capped (:class:`UploadLimits`);
- XML is parsed by :mod:`defusedxml` (openpyxl uses it when it is installed,
  and :func:`read_upload_table` refuses to read XLSX if it is not): entity
  expansion (the "billion laughs") and external entities are refused;
- XLSX is streamed in openpyxl's read-only mode from the sheet that was open
  when the file was saved (its name is returned); the sheet's ``<dimension>``
  is ignored, so a stale or huge declared size neither drops rows nor fills
  memory.

:class:`RowErrors` collects per-row problems and keeps the first
:data:`MAX_ROW_ERRORS`, counting the rest.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from geo.errors import InvalidInputError

__all__ = [
    "MAX_ROW_ERRORS",
    "UploadLimits",
    "UploadTable",
    "RowErrors",
    "plain",
    "markdown_literal",
    "read_upload_table",
]

MAX_ROW_ERRORS: Final[int] = 20
_ECHO_CHARS: Final[int] = 40


@dataclass(frozen=True)
class UploadLimits:
    """Caps of one upload.

    The defaults fit the largest legitimate file: one row per commune-level
    unit of the country (10,035 in the 2024 list, 3,321 after 1/7/2025) plus
    headroom, a few columns, a source text of a few hundred characters.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_uncompressed_bytes: int = 64 * 1024 * 1024
    max_rows: int = 20_000
    max_columns: int = 50
    max_cell_chars: int = 2_000


@dataclass(frozen=True)
class UploadTable:
    """A file's cells as stripped strings.

    Attributes
    ----------
    rows
        ``(row number as a spreadsheet shows it, cells)``; blank rows are left out.
    sheet
        The XLSX sheet read (the one open when the file was saved); None for CSV.
    from_excel
        True for XLSX (numbers were cells, so 02641 may have lost its zero).
    """

    rows: list[tuple[int, list[str]]]
    sheet: str | None = None
    from_excel: bool = False


@dataclass
class RowErrors:
    """Per-row problems: the first :data:`MAX_ROW_ERRORS` in full, the rest counted."""

    limit: int = MAX_ROW_ERRORS
    shown: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.shown) < self.limit:
            self.shown.append(message)

    @property
    def full(self) -> bool:
        """True once the list is full (a reader may stop checking further rows)."""
        return self.count >= self.limit

    def lines(self) -> list[str]:
        """The problems to show, with one closing line counting the others."""
        rest = self.count - len(self.shown)
        return self.shown + ([f"… and {rest} more problem{'' if rest == 1 else 's'}."] if rest else [])

    def failure(self, filename: str) -> InvalidInputError:
        """One sentence for the whole file; ``.problems`` holds :meth:`lines`."""
        n = self.count
        error = InvalidInputError(
            f"File {plain(filename)} has {n} problem{'' if n == 1 else 's'}; no row was imported."
        )
        error.problems = self.lines()  # type: ignore[attr-defined]
        return error


def plain(text: str, *, limit: int = _ECHO_CHARS) -> str:
    """User text as echoed in a message: control characters replaced, cut to ``limit`` characters."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


_MARKDOWN_SPECIALS: Final[str] = "\\`*_{}[]()#+-.!|<>~$:=&"


def markdown_literal(text: str) -> str:
    """``text`` with every character that Markdown (and Streamlit's :emoji:, $math$) reads escaped.

    For a message that names user text and is shown by a widget that renders Markdown (``st.error``).
    """
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def _refuse(filename: str, reason: str) -> InvalidInputError:
    return InvalidInputError(f"File {plain(filename)} {reason}")


def _cell_text(value: object) -> str:
    """Text of a CSV or Excel cell; whole numbers from Excel keep their integer form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value).strip()


class _Collector:
    def __init__(self, filename: str, limits: UploadLimits) -> None:
        self.filename, self.limits = filename, limits
        self.rows: list[tuple[int, list[str]]] = []
        self.seen = 0

    def add(self, number: int, values: list[str]) -> None:
        self.seen = number
        if number > self.limits.max_rows + 1:  # the header row plus max_rows
            raise _refuse(
                self.filename,
                f"has more than {self.limits.max_rows:,} rows; split it or remove the empty rows below the table.",
            )
        if len(values) > self.limits.max_columns and any(v for v in values[self.limits.max_columns :]):
            raise _refuse(
                self.filename,
                f"has a cell beyond column {self.limits.max_columns} in row {number}; keep only the table.",
            )
        values = values[: self.limits.max_columns]
        for j, value in enumerate(values, start=1):
            if len(value) > self.limits.max_cell_chars:
                raise _refuse(
                    self.filename,
                    f"has a cell of {len(value):,} characters in row {number}, column {j} "
                    f"(at most {self.limits.max_cell_chars:,}).",
                )
        if any(values):
            self.rows.append((number, values))


def _read_csv(data: bytes, filename: str, limits: UploadLimits) -> UploadTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on Vietnamese Windows writes cp1258 (or latin-1/cp1252);
        # guessing the code page would silently corrupt names, so refuse.
        raise _refuse(
            filename,
            "is not UTF-8 encoded (it may be Windows-1258 or Latin-1); "
            "save it again as 'CSV UTF-8' and import it again.",
        ) from None
    if "\x00" in text:
        raise _refuse(filename, "contains NUL characters; it is not a text CSV file.")
    collector = _Collector(filename, limits)
    # The csv module's own field limit (131,072 characters) is above ours: a longer field is refused by it first.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader, start=1):
            collector.add(number, [c.strip() for c in row])
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _refuse(
                filename,
                f"has a cell longer than {limits.max_cell_chars:,} characters in row {reader.line_num}.",
            ) from None
        raise _refuse(filename, f"is not a readable CSV file (row {reader.line_num}: {plain(str(error))}).") from None
    return UploadTable(collector.rows)


def _check_zip(data: bytes, filename: str, limits: UploadLimits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(filename, "is not a readable Excel .xlsx file.") from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        if total > limits.max_uncompressed_bytes:
            raise _refuse(
                filename,
                f"expands to {total / 1e6:,.0f} MB when unpacked "
                f"(at most {limits.max_uncompressed_bytes / 1e6:,.0f} MB); it is not a plain table.",
            )
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise _refuse(filename, "is not an Excel .xlsx workbook (no xl/workbook.xml inside).")


def _read_xlsx(data: bytes, filename: str, limits: UploadLimits) -> UploadTable:
    import xml.etree.ElementTree as ElementTree
    import zlib

    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - requirements.txt pins it
        raise InvalidInputError("Excel files cannot be read safely here: the defusedxml package is missing.") from None
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment
        raise InvalidInputError("Excel files cannot be read safely here: openpyxl's defusedxml use is switched off.")
    from openpyxl import load_workbook

    _check_zip(data, filename, limits)
    unreadable = (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ElementTree.ParseError,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
    )
    collector = _Collector(filename, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.active
            if sheet is None or not hasattr(sheet, "reset_dimensions"):
                raise _refuse(filename, "has no worksheet to read.")
            title = str(sheet.title)
            sheet.reset_dimensions()  # never trust <dimension>: it may be stale or claim 1,048,576 × 16,384
            rows = sheet.iter_rows(values_only=True, max_col=limits.max_columns + 1)
            for number, values in enumerate(rows, start=1):
                collector.add(number, [_cell_text(v) for v in values])
        finally:
            book.close()
    except DefusedXmlException:
        raise _refuse(
            filename, "declares XML entities or a DTD, which a spreadsheet does not need; it was not read."
        ) from None
    except InvalidInputError:
        raise
    except unreadable as error:
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps the parser's error in a ValueError
            raise _refuse(
                filename, "declares XML entities or a DTD, which a spreadsheet does not need; it was not read."
            ) from None
        raise _refuse(filename, "is not a readable Excel .xlsx file (it is damaged or truncated).") from None
    return UploadTable(collector.rows, sheet=title, from_excel=True)


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def read_upload_table(data: bytes, filename: str, *, limits: UploadLimits | None = None) -> UploadTable:
    """The cells of an uploaded ``.csv`` (UTF-8) or ``.xlsx`` file, within ``limits``.

    Raises
    ------
    InvalidInputError
        One sentence naming the file: an unsupported type, too large, not UTF-8,
        damaged or truncated, XML entities, too many rows or columns, a cell too long.
    """
    limits = limits or UploadLimits()
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _refuse(filename, "is not supported; use a .csv (UTF-8) or .xlsx file.")
    if len(data) > limits.max_bytes:
        raise _refuse(
            filename, f"is {len(data) / 1e6:,.1f} MB; an upload may be at most {limits.max_bytes / 1e6:,.0f} MB."
        )
    return _read_csv(data, filename, limits) if suffix == ".csv" else _read_xlsx(data, filename, limits)
