"""Excel output in the house layout, written safely.

Callers build a workbook from plain data::

    wb = WorkbookBuilder(title="Memberships", sensitive=False)
    wb.add_sheet("Members", [Column("Name"), Column("Joined", "date"),
                             Column("Fee", "money")], rows)
    wb.save(path)              # atomic: temp file in the same folder, then os.replace

Every sheet gets a bold, frozen header row, an autofilter over the data, column widths from
the content (capped), real Excel dates, `£` money formats and print settings (landscape, fit to
one page wide, header row repeated, "Page X of Y" in the footer).

Totals the program computes are real formulas: ``add_sheet(..., totals={5: total})`` writes a
bold "Total" row under the table (after a blank row, outside the autofilter) with
``=SUM(F2:F9)`` over exactly the column's data cells, and stores the program's own total as
the formula's value, so a reader that does not calculate (or a test reading with
``data_only=True``) sees the same figure Excel computes. `add_sections_sheet` stacks several
small titled tables on one sheet (a summary), each with its own totals.

Values by column kind (`None` is always an empty cell; a `str` is always written as text):

========  =====================================================  ======================
kind      Python value                                           Excel
========  =====================================================  ======================
text      anything; enums print their ``label`` (else value)     text
date      ``date`` (a ``datetime`` keeps only its date)          date, ``dd/mm/yyyy``
datetime  ``datetime`` (aware ones converted to local time)       ``dd/mm/yyyy hh:mm``
money     ``Decimal`` in **pounds** (``Decimal("12.50")``);      ``"£"#,##0.00``
          ``int``/``float`` are taken as pounds too, never pence
int       ``int``                                                ``0``
number    ``int``/``float``/``Decimal``                          General
percent   a **fraction**: ``0.25`` prints as 25.0%                ``0.0%``
bool      ``bool``                                               "Yes"/"No" text
========  =====================================================  ======================

Safety: user text never becomes a formula, an error value or anything else Excel evaluates.
Strings are stored as text cells (data type "s") whatever they start with; those starting with
``= + - @``, a tab or a line break also get Excel's quote prefix, so editing the cell in Excel
keeps it text. Characters that XML 1.0 cannot hold are removed rather than crashing, and text
is cut to Excel's 32,767-character cell limit.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import math
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.marking import (
    OFFICIAL_SENSITIVE,
    is_marked,
)

KINDS = frozenset({"text", "date", "datetime", "money", "int", "number", "percent", "bool"})

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = '"£"#,##0.00'
INT_FORMAT = "0"
PERCENT_FORMAT = "0.0%"

_NUMBER_FORMATS = {
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
    "money": MONEY_FORMAT,
    "int": INT_FORMAT,
    "percent": PERCENT_FORMAT,
}

MAX_CELL_CHARS = 32767
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
MAX_SHEET_NAME = 31

# Everything XML 1.0 cannot carry: C0 controls other than tab/LF/CR, lone surrogates,
# U+FFFE and U+FFFF. (A superset of openpyxl's ILLEGAL_CHARACTERS_RE.)
XML_ILLEGAL_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# A cell starting with one of these could be taken as a formula when edited or re-imported.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_SHEET_NAME_BAD_RE = re.compile(r"[\[\]:*?/\\]")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DCE6F1", end_color="DCE6F1")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
_HEADER_ALIGN = Alignment(vertical="center")
_TOTAL_BORDER = Border(top=Side(style="thin", color="808080"))
_TOP = Alignment(vertical="top")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class Formula:
    """A formula the program writes itself (never user text), with the value it gives."""

    text: str  # "=SUM(F2:F9)"
    value: Any = None  # the program's own result, stored as the cell's cached value


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, how values are formatted, optional fixed width.

    `fills` optionally maps a cell's text to a background colour ("RRGGBB"), e.g. a status
    column; the text always stays in the cell, so the colour is never the only signal.
    """

    header: str
    kind: str = "text"
    width: float | None = None
    fills: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; use one of {sorted(KINDS)}")


def clean_text(text: str) -> str:
    """`text` without XML-illegal characters (never cut: see `split_long_text`)."""
    return XML_ILLEGAL_RE.sub("", text)


CONTINUED = "(continued from the row above) "
_NUMERIC_KINDS = ("int", "number", "money", "percent")


def _excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units: characters beyond U+FFFF count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_long_text(text: str, limit: int = MAX_CELL_CHARS) -> list[str]:
    """`text` in pieces that each fit an Excel cell; after the first, every piece starts with
    CONTINUED. Pieces end at a line break or space where one is near the end."""
    if _excel_length(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while rest:
        room = limit - (_excel_length(CONTINUED) if pieces else 0)
        if _excel_length(rest) <= room:
            cut = len(rest)
        else:
            cut, used = 0, 0
            for ch in rest:
                size = 2 if ord(ch) > 0xFFFF else 1
                if used + size > room:
                    break
                used += size
                cut += 1
            soft = max(rest.rfind("\n", 0, cut), rest.rfind(" ", 0, cut))
            if soft >= cut * 9 // 10:
                cut = soft + 1
        pieces.append((CONTINUED if pieces else "") + rest[:cut])
        rest = rest[cut:]
    return pieces


def _continued_rows(row: list[Any], columns: Sequence[Column]) -> list[list[Any]]:
    """A row whose text overflows a cell, as that row plus continuation rows below it: the long
    text goes on in its own column; other text and dates repeat (so sorting and filtering keep
    the rows together); numbers are left empty so no total counts them twice."""
    split = [split_long_text(v) if isinstance(v, str) else [v] for v in row]
    depth = max(len(s) for s in split)
    if depth == 1:
        return [row]
    rows = [[s[0] for s in split]]
    for i in range(1, depth):
        rows.append([
            (s[i] if i < len(s) else None) if len(s) > 1
            else (None if column.kind in _NUMERIC_KINDS or not isinstance(s[0], (str, date)) else s[0])
            for s, column in zip(split, columns, strict=True)
        ])
    return rows


def safe_cell_value(value: Any, kind: str = "text") -> Any:
    """Turn a Python value into what is safe to hand openpyxl for a column of `kind`.

    Returns None, a cleaned `str`, an `int`/`float`/`Decimal`, or a naive `date`/`datetime`.
    A returned `str` must still be written with data type "s" (see `set_cell`), otherwise
    openpyxl would turn "=..." into a formula.
    """
    if value is None:
        return None
    if isinstance(value, Formula):
        return value
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        if isinstance(label, str):
            return clean_text(label)
        return clean_text(str(value.value if isinstance(value.value, str) else value.name))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.date() if kind == "date" else value
    if isinstance(value, date):
        # Excel has no dates before 1900: such a date (kept by an earlier version) is written
        # as its text rather than as a meaningless number
        return value if value.year >= 1900 else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, time):
        return clean_text(value.strftime("%H:%M"))
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    return clean_text(str(value))


def needs_quote_prefix(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _number_format(value: Any, kind: str) -> str | None:
    """The number format for a (safe, non-text) value in a column of `kind`, if any."""
    if isinstance(value, Formula):
        value = value.value if value.value is not None else 0
    if value is None or kind not in _NUMBER_FORMATS:
        return None
    if kind in ("date", "datetime") and not isinstance(value, date):
        return None  # a number in a date column: leave it General rather than show 1900 dates
    return _NUMBER_FORMATS[kind]


def _assign(cell: Any, value: Any) -> None:
    """Put an already safe value in a cell; a str is forced to data type "s"; only a
    `Formula` (written by the program) becomes a formula."""
    if isinstance(value, Formula):
        cell.value = value.text
        cell.data_type = "f"
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # not "f" (formula) or "e" (error), whatever openpyxl guessed


def set_cell(cell: Any, value: Any, kind: str = "text") -> Any:
    """Assign `value` to an openpyxl cell safely (any `str` stays text, never a formula).

    Works for ordinary worksheet cells and write-only cells; use it when writing a sheet by
    hand. Sets the quote prefix on risky text and the number format for the column kind.
    Returns the cell.
    """
    value = safe_cell_value(value, kind)
    _assign(cell, value)
    if isinstance(value, str):
        if needs_quote_prefix(value):
            cell.quotePrefix = True
    else:
        number_format = _number_format(value, kind)
        if number_format:
            cell.number_format = number_format
    return cell


def sanitise_sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no edge apostrophes, at most 31 chars."""
    cleaned = _SHEET_NAME_BAD_RE.sub(" ", XML_ILLEGAL_RE.sub("", str(name)))
    cleaned = " ".join(cleaned.split()).strip("'").strip() or "Sheet"
    if cleaned.casefold() == "history":  # reserved by Excel
        cleaned = "History (1)"
    cleaned = cleaned[:MAX_SHEET_NAME].rstrip("' ") or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, n = cleaned, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = cleaned[: MAX_SHEET_NAME - len(suffix)].rstrip("' ") + suffix
        n += 1
    return candidate


def _header_footer_text(text: str, limit: int = 100) -> str:
    """Text for an Excel header/footer section: '&' is a control code there, so double it."""
    return clean_text(text).replace("\n", " ").replace("\r", " ")[:limit].replace("&", "&&")


def _display_length(value: Any, kind: str) -> int:
    """Rough width in characters that Excel needs to show `value` (already made safe)."""
    if value is None:
        return 0
    if isinstance(value, Formula):
        return _display_length(value.value, kind)
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, datetime):
        return 16 if kind != "date" else 10
    if isinstance(value, date):
        return 10
    if kind == "money":
        return len(f"£{value:,.2f}")
    if kind == "percent":
        return len(f"{float(value) * 100:.1f}%")
    if isinstance(value, float):
        return min(len(repr(value)), 15)
    return len(str(value))


@dataclass(frozen=True)
class Section:
    """One titled table of a sections sheet; `totals` maps a column index to the program's
    total for it (written as a SUM over the section's rows)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    totals: Mapping[int, Any] | None = None
    total_label: str = "Total"
    note: str = ""


@dataclass
class _Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Any]]  # already passed through safe_cell_value
    notes: bool = False
    totals: dict[int, Any] | None = None
    total_label: str = "Total"
    sections: list[Section] | None = None


def _safe_rows(name: str, cols: Sequence[Column], rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    safe_rows: list[list[Any]] = []
    for number, row in enumerate(rows, start=1):
        values = list(row)
        if len(values) > len(cols):
            raise ValueError(
                f"Row {number} of sheet {name!r} has {len(values)} values for {len(cols)} columns"
            )
        values += [None] * (len(cols) - len(values))
        safe_rows.extend(_continued_rows([safe_cell_value(v, c.kind) for v, c in zip(values, cols, strict=True)], cols))
    return safe_rows


def _check_totals(name: str, cols: Sequence[Column], totals: Mapping[int, Any] | None) -> dict[int, Any] | None:
    if totals is None:
        return None
    for index, value in totals.items():
        if not 0 <= index < len(cols):
            raise ValueError(f"Sheet {name!r} has no column {index} to total")
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(f"The total of {cols[index].header!r} must be a number")
    return dict(totals)


class WorkbookBuilder:
    """Collects sheets of plain data and writes them as one .xlsx file.

    Nothing touches openpyxl until `to_bytes()`/`save()`, which build a fresh write-only
    workbook each time (fast and light on memory for big tables), so a builder can be saved
    more than once.
    """

    def __init__(
        self,
        title: str,
        sensitive: bool | None = None,
        author: str = "BSCP Desktop",
        subject: str | None = None,
    ) -> None:
        self.title = title
        # None: as the job writing the file decides (reports/marking.py)
        self.sensitive = is_marked() if sensitive is None else sensitive
        self.author = author
        self.subject = subject
        self._sheets: list[_Sheet] = []

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self._sheets]

    def add_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        totals: Mapping[int, Any] | None = None,
        total_label: str = "Total",
    ) -> str:
        """Add a table: header from `columns`, one line per row. Returns the sheet name used
        (sanitised and made unique). A row longer than `columns` is a ValueError; a shorter
        row is padded with empty cells.

        `totals` maps a column index to the program's own total of that column: a total row
        is written under the table with a SUM formula over exactly the column's data cells.
        """
        cols = list(columns)
        if not cols:
            raise ValueError("A sheet needs at least one column")
        safe_rows = _safe_rows(name, cols, rows)
        checked = _check_totals(name, cols, totals)
        sheet_name = sanitise_sheet_name(name, self.sheet_names)
        self._sheets.append(_Sheet(sheet_name, cols, safe_rows, totals=checked, total_label=total_label))
        return sheet_name

    def add_sections_sheet(self, name: str, sections: Iterable[Section]) -> str:
        """A sheet of titled tables one under another (a summary), each with its own header
        row and its own SUM totals. Returns the sheet name used."""
        checked: list[Section] = []
        for section in sections:
            cols = list(section.columns)
            if not cols:
                raise ValueError("A section needs at least one column")
            checked.append(
                Section(
                    clean_text(section.title), cols, _safe_rows(name, cols, section.rows),
                    _check_totals(name, cols, section.totals), section.total_label, clean_text(section.note),
                )
            )
        sheet_name = sanitise_sheet_name(name, self.sheet_names)
        widest = max((len(s.columns) for s in checked), default=1)
        self._sheets.append(_Sheet(sheet_name, [Column("")] * widest, [], sections=checked))
        return sheet_name

    def add_notes_sheet(self, lines: Iterable[str], name: str = "Read me") -> str:
        """Opt-in sheet of plain text lines (what the workbook holds, when it was made...)."""
        sheet_name = sanitise_sheet_name(name, self.sheet_names)
        rows = [[piece] for line in lines for piece in split_long_text(safe_cell_value(line) or "")]
        self._sheets.append(_Sheet(sheet_name, [Column("", "text", 100)], rows, notes=True))
        return sheet_name

    def add_workbook(self, other: WorkbookBuilder) -> list[str]:
        """Every sheet of another builder, as it is (columns, kinds and totals kept); a sheet
        whose name is taken gets a number. Returns the names used."""
        used = []
        for sheet in other._sheets:
            name = sanitise_sheet_name(sheet.name, self.sheet_names)
            self._sheets.append(dataclasses.replace(sheet, name=name))
            used.append(name)
        return used

    # ------------------------------------------------------------------ writing

    def to_bytes(self) -> bytes:
        if not self._sheets:
            raise ValueError("The workbook has no sheets; add at least one with add_sheet()")
        wb = Workbook(write_only=True)
        self._set_properties(wb)
        self._cached: list[tuple[int, str, Any]] = []  # (sheet number, cell, value) of formulas
        for number, sheet in enumerate(self._sheets, start=1):
            self._sheet_number = number
            if sheet.notes:
                self._write_notes(wb, sheet)
            elif sheet.sections is not None:
                self._write_sections(wb, sheet)
            else:
                self._write_table(wb, sheet)
        if self._cached:
            wb.calculation.fullCalcOnLoad = True  # Excel works every formula out again on opening
        buffer = io.BytesIO()
        wb.save(buffer)
        return _with_cached_values(buffer.getvalue(), self._cached)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook atomically to `path` (temp file in the same folder, then
        os.replace). Returns the path."""
        return atomic_write_bytes(path, self.to_bytes())

    def _set_properties(self, wb: Workbook) -> None:
        props = wb.properties
        title = clean_text(self.title)
        props.creator = self.author
        props.lastModifiedBy = self.author
        if self.sensitive:
            props.title = f"{title} ({OFFICIAL_SENSITIVE})"
            props.subject = " - ".join(x for x in (OFFICIAL_SENSITIVE, self.subject) if x)
            props.keywords = OFFICIAL_SENSITIVE
            props.category = OFFICIAL_SENSITIVE
            wb.custom_doc_props.append(
                StringProperty(name="Classification", value=OFFICIAL_SENSITIVE)
            )
        else:
            props.title = title
            if self.subject:
                props.subject = clean_text(self.subject)

    def _decorate(self, ws: Any) -> None:
        """Print settings, header and footer common to every sheet."""
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.left.text = _header_footer_text(self.title)
        ws.oddFooter.right.text = "Page &P of &N"
        if self.sensitive:
            for part in (ws.oddHeader.center, ws.oddFooter.center):
                part.text = OFFICIAL_SENSITIVE
                part.font = ",Bold"

    def _total_row(self, ws: Any, columns: Sequence[Column], totals: Mapping[int, Any], label: str,
                   first: int, last: int, at: int) -> list[Any]:
        """Cells of a bold total row at sheet row `at`: a SUM over rows `first` to `last` of
        each totalled column (the value itself when the table has no rows)."""
        cells = []
        for index, column in enumerate(columns):
            cell = WriteOnlyCell(ws)
            if index in totals:
                value = totals[index]
                letter = get_column_letter(index + 1)
                if last >= first:
                    _assign(cell, Formula(f"=SUM({letter}{first}:{letter}{last})", value))
                    self._cached.append((self._sheet_number, f"{letter}{at}", value))
                else:
                    _assign(cell, value)
                number_format = _number_format(value, column.kind)
                if number_format:
                    cell.number_format = number_format
            elif index == 0:
                _assign(cell, safe_cell_value(label))
            cell.font = _HEADER_FONT
            cell.border = _TOTAL_BORDER
            cells.append(cell)
        return cells

    def _widths(self, ws: Any, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                extra: Iterable[tuple[int, Any, str]] = ()) -> None:
        """Column widths from the content (set before the first row is streamed)."""
        longest: dict[int, int] = {}
        for row in rows:
            for index, value in enumerate(row):
                longest[index] = max(longest.get(index, 0), _display_length(value, columns[index].kind))
        for index, value, kind in extra:
            longest[index] = max(longest.get(index, 0), _display_length(value, kind))
        for index, column in enumerate(columns):
            letter = get_column_letter(index + 1)
            if column.width is not None:
                width = float(column.width)
            else:
                header_len = len(clean_text(column.header)) + 3  # room for the filter button
                width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, longest.get(index, 0) + 2, header_len))
            ws.column_dimensions[letter].width = width

    def _write_sections(self, wb: Workbook, sheet: _Sheet) -> None:
        ws = wb.create_sheet(sheet.name)
        self._decorate(ws)
        sections = sheet.sections or []
        widest = max((len(s.columns) for s in sections), default=1)
        kinds = [Column("")] * widest
        extra: list[tuple[int, Any, str]] = []
        for s in sections:
            for i, column in enumerate(s.columns):
                extra.append((i, column.header, "text"))
                for row in s.rows:
                    extra.append((i, row[i], column.kind))
                if s.totals and i in s.totals:
                    extra.append((i, s.totals[i], column.kind))
            extra.append((0, s.total_label, "text"))
        self._widths(ws, kinds, [], extra)
        title_font = Font(bold=True, size=12, color="1F3A5F")
        at = 0
        for s in sections:
            title = set_cell(WriteOnlyCell(ws), s.title)
            title.font = title_font
            ws.append([title])
            header = []
            for column in s.columns:
                cell = set_cell(WriteOnlyCell(ws), column.header)
                cell.font = _HEADER_FONT
                cell.fill = _HEADER_FILL
                cell.border = _HEADER_BORDER
                header.append(cell)
            ws.append(header)
            at += 2
            first = at + 1
            for row in s.rows:
                cells = []
                for value, column in zip(row, s.columns, strict=True):
                    cell = set_cell(WriteOnlyCell(ws), value, column.kind)
                    cell.alignment = _TOP_WRAP if isinstance(value, str) and "\n" in value else _TOP
                    cells.append(cell)
                ws.append(cells)
                at += 1
            if s.totals:
                at += 1
                ws.append(self._total_row(ws, s.columns, s.totals, s.total_label, first, at - 1, at))
            if s.note:
                ws.append([set_cell(WriteOnlyCell(ws), s.note)])
                at += 1
            ws.append([])
            at += 1

    def _write_table(self, wb: Workbook, sheet: _Sheet) -> None:
        ws = wb.create_sheet(sheet.name)
        self._decorate(ws)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        last_col = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A1:{last_col}{len(sheet.rows) + 1}"

        # widths have to be set before the first row is streamed
        for index, column in enumerate(sheet.columns):
            letter = get_column_letter(index + 1)
            if column.width is not None:
                width = float(column.width)
            else:
                longest = max(
                    (_display_length(row[index], column.kind) for row in sheet.rows), default=0
                )
                if sheet.totals and index in sheet.totals:
                    longest = max(longest, _display_length(sheet.totals[index], column.kind))
                header_len = len(clean_text(column.header)) + 3  # room for the filter button
                width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, longest + 2, header_len))
            ws.column_dimensions[letter].width = width

        header = []
        for column in sheet.columns:
            cell = set_cell(WriteOnlyCell(ws), column.header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.border = _HEADER_BORDER
            cell.alignment = _HEADER_ALIGN
            header.append(cell)
        ws.append(header)

        # Style arrays are shared between cells with the same look: far faster than setting
        # font/alignment/format cell by cell on big tables. They are never mutated afterwards.
        styles: dict[tuple[str | None, bool, bool, str | None], StyleArray] = {}

        def style_for(
            number_format: str | None, wrap: bool, quote: bool, fill: str | None = None
        ) -> StyleArray:
            key = (number_format, wrap, quote, fill)
            if key not in styles:
                proto = WriteOnlyCell(ws)
                proto.alignment = _TOP_WRAP if wrap else _TOP
                if number_format:
                    proto.number_format = number_format
                if quote:
                    proto.quotePrefix = True
                if fill:
                    proto.fill = PatternFill("solid", start_color=fill, end_color=fill)
                styles[key] = proto._style
            return styles[key]

        for row in sheet.rows:
            cells = []
            for value, column in zip(row, sheet.columns, strict=True):
                cell = WriteOnlyCell(ws)
                _assign(cell, value)
                if isinstance(value, str):
                    wrap = "\n" in value or len(value) > MAX_COLUMN_WIDTH - 2
                    fill = column.fills.get(value) if column.fills else None
                    cell._style = style_for(None, wrap, needs_quote_prefix(value), fill)
                else:
                    cell._style = style_for(_number_format(value, column.kind), False, False)
                cells.append(cell)
            ws.append(cells)

        if sheet.totals is not None:
            n = len(sheet.rows)
            ws.append([])  # a blank row keeps the total out of the filter and sorting
            ws.append(self._total_row(ws, sheet.columns, sheet.totals, sheet.total_label, 2, n + 1, n + 3))

    def _write_notes(self, wb: Workbook, sheet: _Sheet) -> None:
        ws = wb.create_sheet(sheet.name)
        self._decorate(ws)
        ws.column_dimensions["A"].width = sheet.columns[0].width or 100
        for row in sheet.rows:
            cell = set_cell(WriteOnlyCell(ws), row[0])
            cell.alignment = _TOP_WRAP
            ws.append([cell])


def _cached_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(int(value))


def _with_cached_values(data: bytes, cached: Sequence[tuple[int, str, Any]]) -> bytes:
    """Store each formula's value (the program's own total) in the saved file, as Excel does,
    so readers that do not calculate show it too. openpyxl writes formulas with no value."""
    if not cached:
        return data
    by_sheet: dict[str, dict[str, str]] = {}
    for sheet, ref, value in cached:
        by_sheet.setdefault(f"xl/worksheets/sheet{sheet}.xml", {})[ref] = _cached_text(value)
    formula_cell = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v>[^<]*</v>)?')
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            values = by_sheet.get(item.filename)
            if values:
                content = formula_cell.sub(
                    lambda m, values=values: f"{m.group(1)}<v>{values[m.group(2)]}</v>" if m.group(2) in values else m.group(0),
                    content.decode("utf-8"),
                ).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()
