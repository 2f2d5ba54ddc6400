"""Excel output in the house layout, written safely.

Callers build a workbook from plain data::

    wb = WorkbookBuilder(title="Memberships", sensitive=False)
    wb.add_sheet("Members", [Column("Name"), Column("Joined", "date"),
                             Column("Fee", "money")], rows)
    wb.save(path)              # atomic: temp file in the same folder, then os.replace

Every sheet gets a bold, frozen header row, an autofilter over the data, column widths from
the content (capped), real Excel dates, `£` money formats and print settings (landscape, fit to
one page wide, header row repeated, "Page X of Y" in the footer). A table longer than a sheet
holds (`EXCEL_ROWS`) goes on in further sheets, "Change log (2)", each with its header, filter
and widths, a note under each part saying where the table goes on, its total on the last.

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
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from bscp_desktop.reports.files import atomic_write
from bscp_desktop.reports.marking import OFFICIAL_SENSITIVE, is_marked
from bscp_desktop.reports.xlsx_cells import (
    CONTINUED,
    EXCEL_ROWS,
    KINDS,
    MAX_CELL_CHARS,
    MAX_COLUMN_WIDTH,
    MONEY_FORMAT,
    XML_ILLEGAL_RE,
    Column,
    Formula,
    check_totals,
    clean_text,
    column_width,
    display_length,
    each_safe_row,
    header_footer_text,
    longest_width,
    needs_quote_prefix,
    number_format_of,
    numbered_sheet_name,
    safe_cell_value,
    sanitise_sheet_name,
    set_cell,
    split_long_text,
)
from bscp_desktop.reports.xlsx_rows import DataRow, SheetRows, StyledRow

__all__ = [  # the cells' rules (xlsx_cells) are part of this module's interface too
    "CONTINUED", "EXCEL_ROWS", "KINDS", "MAX_CELL_CHARS", "MONEY_FORMAT", "OFFICIAL_SENSITIVE", "XML_ILLEGAL_RE", "Column",
    "Formula", "Section", "WorkbookBuilder", "clean_text", "safe_cell_value", "sanitise_sheet_name", "set_cell",
    "split_long_text",
]

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DCE6F1", end_color="DCE6F1")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
_HEADER_ALIGN = Alignment(vertical="center")
_TOTAL_BORDER = Border(top=Side(style="thin", color="808080"))
_PLAIN = Alignment()
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


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
    total_row: list[Any] | None = None  # the program's own figures as they are (no SUM), made safe
    note: tuple[int, str] | None = None  # (column, text): a line under the table, on its last sheet
    sections: list[Section] | None = None
    stream: Callable[[], Iterable[Sequence[Any]]] | None = None  # rows read while the sheet is written


def _safe_rows(name: str, cols: Sequence[Column], rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    return list(each_safe_row(name, cols, rows))


def _rows_per_sheet() -> int:
    """The most rows of a table one sheet holds: under them room is kept for a blank row, the
    total and the note saying where the table goes on."""
    return EXCEL_ROWS - 4


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
        self._sheets: list[_Sheet | Callable[[], WorkbookBuilder | None]] = []  # sheets, and parts made later

    @property
    def sheet_names(self) -> list[str]:
        """The names of the sheets added so far (not those of parts, made only while writing)."""
        return [s.name for s in self._sheets if isinstance(s, _Sheet)]

    @property
    def reads_while_writing(self) -> bool:
        """Whether writing the file still reads records (parts, or sheets read a batch at a time)."""
        return any(not isinstance(s, _Sheet) or s.stream is not None for s in self._sheets)

    def add_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        totals: Mapping[int, Any] | None = None, total_label: str = "Total",
        total_row: Sequence[Any] | None = None, note: str = "", note_at: int = 0,
    ) -> str:
        """Add a table: header from `columns`, one line per row. Returns the sheet name used
        (sanitised and made unique). A row longer than `columns` is a ValueError; a shorter
        row is padded with empty cells.

        `totals` maps a column index to the program's own total of that column: a total row
        is written under the table with a SUM formula over exactly the column's data cells.
        `total_row` is instead a row of the program's own figures as they are (rates, counts no SUM gives).
        Either way it stands in bold after a blank row, outside the filter; `note` under it all, in column `note_at`.
        """
        cols = list(columns)
        if not cols:
            raise ValueError("A sheet needs at least one column")
        if totals is not None and total_row is not None:
            raise ValueError(f"Sheet {name!r} takes totals or a total row, not both")
        safe_rows = _safe_rows(name, cols, rows)
        checked = check_totals(name, cols, totals)
        stated = _safe_rows(name, cols, [total_row])[0] if total_row is not None else None
        sheet_name = sanitise_sheet_name(name, self.sheet_names)
        self._sheets.append(_Sheet(sheet_name, cols, safe_rows, totals=checked, total_label=total_label,
                                   total_row=stated, note=(note_at, clean_text(note)) if note else None))
        return sheet_name

    def add_streamed_sheet(self, name: str, columns: Sequence[Column],
                           rows: Callable[[], Iterable[Sequence[Any]]]) -> str:
        """A table like `add_sheet`'s (no totals) whose rows are read only while the file is
        written, from `rows()`, one at a time: a table of a million rows (the change history)
        is never all in memory. Widths and filter are worked out as the rows go by."""
        cols = list(columns)
        if not cols:
            raise ValueError("A sheet needs at least one column")
        sheet_name = sanitise_sheet_name(name, self.sheet_names)
        self._sheets.append(_Sheet(sheet_name, cols, [], stream=rows))
        return sheet_name

    def rename_sheets(self, names: Mapping[str, str]) -> None:
        """Sheets added so far renamed (`names`: old name -> new), each new name made safe and
        unique as `add_sheet` makes it."""
        for i, sheet in enumerate(self._sheets):
            if isinstance(sheet, _Sheet) and sheet.name in names:
                others = [name for name in self.sheet_names if name != sheet.name]
                self._sheets[i] = dataclasses.replace(sheet, name=sanitise_sheet_name(names[sheet.name], others))

    def add_part(self, make: Callable[[], WorkbookBuilder | None]) -> None:
        """Another builder's sheets, as `add_workbook` adds them, but made by `make()` only
        when this workbook is written, and let go once they are written: a workbook of every
        area holds one area's records at a time. `make` may return None (nothing to add)."""
        self._sheets.append(make)

    def _each_sheet(self, used: list[str] | None = None) -> Iterator[_Sheet]:
        """Every sheet in order, parts made as they are reached, each name unique among `used`
        (which gains each name, and those of the further sheets a long table goes on in)."""
        used = [] if used is None else used
        for entry in self._sheets:
            if isinstance(entry, _Sheet):
                sheets: Iterable[_Sheet] | None = [entry]
            else:
                part = entry()
                sheets = part._each_sheet() if part is not None else []
                part = None
            for sheet in sheets:
                name = sanitise_sheet_name(sheet.name, used)
                used.append(name)
                yield sheet if name == sheet.name else dataclasses.replace(sheet, name=name)
            sheet = sheets = None  # a part's rows are let go before the next part is made

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
                    check_totals(name, cols, section.totals), section.total_label, clean_text(section.note),
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
            if not isinstance(sheet, _Sheet):
                self._sheets.append(sheet)
                continue
            name = sanitise_sheet_name(sheet.name, self.sheet_names)
            self._sheets.append(dataclasses.replace(sheet, name=name))
            used.append(name)
        return used

    def sheet_values(self) -> Iterator[tuple[str, list[list[Any]]]]:
        """Each sheet's name and the values of its rows as written (header and total rows
        included; a total is its `Formula`): what a benchmark writes with the bare library."""
        for sheet in self._each_sheet():
            if sheet.notes:
                yield sheet.name, sheet.rows
                continue
            if sheet.stream is not None:
                yield sheet.name, [[c.header for c in sheet.columns],
                                   *each_safe_row(sheet.name, sheet.columns, sheet.stream())]
                continue
            rows: list[list[Any]] = []
            for s in sheet.sections if sheet.sections is not None else [sheet]:
                if isinstance(s, Section):
                    rows.append([s.title])
                rows.append([c.header for c in s.columns])
                first = len(rows) + 1
                rows.extend(s.rows)
                if s.totals is not None:
                    if not isinstance(s, Section):
                        rows.append([])  # a table's total is kept out of its filter by a blank row
                    last = first + len(s.rows) - 1
                    rows.append(self._total_values(s.columns, s.totals, s.total_label, first, last))
                if isinstance(s, Section):
                    if s.note:
                        rows.append([s.note])
                    rows.append([])
            yield sheet.name, rows

    @staticmethod
    def _total_values(columns: Sequence[Column], totals: Mapping[int, Any], label: str, first: int,
                      last: int) -> list[Any]:
        values: list[Any] = []
        for index in range(len(columns)):
            if index in totals:
                letter = get_column_letter(index + 1)
                values.append(Formula(f"=SUM({letter}{first}:{letter}{last})", totals[index])
                              if last >= first else totals[index])
            else:
                values.append(label if index == 0 else None)
        return values

    # ------------------------------------------------------------------ writing

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._write(buffer)
        return buffer.getvalue()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook atomically to `path` (temp file in the same folder, then
        os.replace). Returns the path."""
        if not self._sheets:
            raise ValueError("The workbook has no sheets; add at least one with add_sheet()")
        return atomic_write(path, self._write)

    def _write(self, out: BinaryIO) -> None:
        if not self._sheets:
            raise ValueError("The workbook has no sheets; add at least one with add_sheet()")
        wb = Workbook(write_only=True)
        self._set_properties(wb)
        self._formulas = False
        self._names: list[str] = []
        for sheet in self._each_sheet(self._names):
            if sheet.notes:
                self._write_notes(wb, sheet)
            elif sheet.sections is not None:
                self._write_sections(wb, sheet)
            elif sheet.stream is not None:
                self._write_streamed(wb, sheet)
            else:
                self._write_table(wb, sheet)
            del sheet  # its rows are let go before the next part is made
        if not wb.worksheets:
            raise ValueError("The workbook has no sheets: none of its parts had any")
        if self._formulas:
            wb.calculation.fullCalcOnLoad = True  # Excel works every formula out again on opening
        wb.save(out)

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
        ws.oddFooter.left.text = header_footer_text(self.title)
        ws.oddFooter.right.text = "Page &P of &N"
        if self.sensitive:
            for part in (ws.oddHeader.center, ws.oddFooter.center):
                part.text = OFFICIAL_SENSITIVE
                part.font = ",Bold"

    def _total_row(self, rows: SheetRows, columns: Sequence[Column], totals: Mapping[int, Any], label: str,
                   first: int, last: int, before: Sequence[tuple[str, int]] = ()) -> StyledRow:
        """A bold total row: a SUM over sheet rows `first` to `last` of each totalled column (and
        rows 2 to n of each earlier sheet (name, n) of the table, `before`), stored with the
        program's own total as its value (the value itself when the table has no rows)."""
        values: list[Any] = []
        for index in range(len(columns)):
            value = safe_cell_value(label) if index == 0 else None
            if index in totals:
                value = totals[index]
                if last >= first:
                    letter = get_column_letter(index + 1)
                    earlier = "".join(f"'{n.replace(chr(39), chr(39) * 2)}'!{letter}2:{letter}{end},"
                                      for n, end in before)
                    value = Formula(f"=SUM({earlier}{letter}{first}:{letter}{last})", value)
                    self._formulas = True
            values.append(value)
        return self._stated_row(rows, columns, values)

    @staticmethod
    def _stated_row(rows: SheetRows, columns: Sequence[Column], values: Sequence[Any]) -> StyledRow:
        """A bold total row of the values given (`add_sheet`'s `total_row` as it is)."""
        cells = StyledRow()
        for value, column in zip(values, columns, strict=True):
            look = rows.look(None if isinstance(value, str) else number_format_of(value, column.kind),
                             quote=isinstance(value, str) and needs_quote_prefix(value),
                             font=_HEADER_FONT, border=_TOTAL_BORDER, alignment=_PLAIN)
            cells.append((value, look))
        return cells

    def _header_row(self, rows: SheetRows, columns: Sequence[Column]) -> StyledRow:
        header = StyledRow()
        for column in columns:
            text = safe_cell_value(column.header)
            header.append((text, rows.look(quote=needs_quote_prefix(text), font=_HEADER_FONT, fill=_HEADER_FILL,
                                           border=_HEADER_BORDER, alignment=_HEADER_ALIGN)))
        return header

    def _widths(self, ws: Any, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                extra: Iterable[tuple[int, Any, str]] = ()) -> None:
        """Column widths from the content (set before the first row is streamed)."""
        longest: dict[int, int] = {}
        for row in rows:
            for index, value in enumerate(row):
                longest[index] = max(longest.get(index, 0), display_length(value, columns[index].kind))
        for index, value, kind in extra:
            longest[index] = max(longest.get(index, 0), display_length(value, kind))
        for index, column in enumerate(columns):
            letter = get_column_letter(index + 1)
            if column.width is not None:
                width = float(column.width)
            else:
                width = column_width(column, longest.get(index, 0))
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
        with SheetRows(ws, kinds) as rows:
            for s in sections:
                rows.write(StyledRow([(s.title, rows.look(quote=needs_quote_prefix(s.title), font=title_font))]))
                rows.write(self._header_row(rows, s.columns))
                at += 2
                first = at + 1
                rows.use(s.columns)
                for row in s.rows:
                    rows.write(DataRow(row))
                    at += 1
                if s.totals:
                    at += 1
                    rows.write(self._total_row(rows, s.columns, s.totals, s.total_label, first, at - 1))
                if s.note:
                    rows.write(StyledRow([(s.note, rows.look(quote=needs_quote_prefix(s.note)))]))
                    at += 1
                rows.write([])
                at += 1

    def _next_sheet_name(self, name: str, number: int) -> str:
        """A free name for a further sheet of the table `name`: "Change history (2)"."""
        self._names.append(numbered_sheet_name(name, number, [*self._names, *self.sheet_names]))
        return self._names[-1]

    def _table_sheet(self, wb: Workbook, name: str) -> Any:
        ws = wb.create_sheet(name)
        self._decorate(ws)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        return ws

    def _write_table(self, wb: Workbook, sheet: _Sheet) -> None:
        """A table held in memory; one longer than a sheet holds goes on in further sheets,
        each with the header, filter and widths of its own rows, its total on the last."""
        per_sheet = _rows_per_sheet()
        starts = range(0, len(sheet.rows), per_sheet) if len(sheet.rows) > per_sheet else [0]
        names = [sheet.name]
        for number in range(2, len(starts) + 1):
            names.append(self._next_sheet_name(sheet.name, number))
        done: list[tuple[str, int]] = []
        for index, (name, start) in enumerate(zip(names, starts, strict=True)):
            last = index == len(names) - 1
            part = sheet.rows[start:start + per_sheet] if len(names) > 1 else sheet.rows
            ws = self._table_sheet(wb, name)
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(part) + 1}"
            # widths have to be set before the first row is streamed
            for at, column in enumerate(sheet.columns):
                longest = 0
                if column.width is None:
                    longest = longest_width(part, at, column.kind)
                    if last and sheet.totals and at in sheet.totals:
                        longest = max(longest, display_length(sheet.totals[at], column.kind))
                    if last and sheet.total_row is not None:
                        longest = max(longest, display_length(sheet.total_row[at], column.kind))
                ws.column_dimensions[get_column_letter(at + 1)].width = column_width(column, longest)

            with SheetRows(ws, sheet.columns) as rows:
                rows.write(self._header_row(rows, sheet.columns))
                for row in part:
                    rows.write(row if type(row) is DataRow else DataRow(row))
                if last and sheet.totals is not None:
                    n = len(part)
                    rows.write([])  # a blank row keeps the total out of the filter and sorting
                    rows.write(self._total_row(rows, sheet.columns, sheet.totals, sheet.total_label, 2, n + 1,
                                               done))
                elif last and sheet.total_row is not None:
                    rows.write([])
                    rows.write(self._stated_row(rows, sheet.columns, sheet.total_row))
                self._write_goes_on(rows, names, index, not last, blank=not (sheet.totals or sheet.total_row))
                if last and sheet.note:  # what the table leaves out, under it all after a blank row
                    rows.write([])
                    rows.write(StyledRow([(None, rows.look())] * sheet.note[0] + [(sheet.note[1], rows.look())]))
            done.append((name, len(part) + 1))

    def _write_goes_on(self, rows: SheetRows, names: Sequence[str], index: int, more: bool, blank: bool) -> None:
        """Under a table written over several sheets, where it comes from and where it goes on."""
        if len(names) > 1:
            said = [f"Continued from the sheet '{names[index - 1]}'."] if index else []
            if more:
                said.append(f"The table goes on in the sheet '{names[index + 1]}': an Excel sheet holds at most "
                            f"{EXCEL_ROWS:,} rows.")
            if blank or more:
                rows.write([])
            rows.write(StyledRow([(" ".join(said), rows.look())]))

    def _write_streamed(self, wb: Workbook, sheet: _Sheet) -> None:
        """A table whose rows are read as it is written; widths and filter (which openpyxl
        writes before the rows) are set once every row of a sheet has gone by. A table longer
        than a sheet holds goes on in further sheets, each like the first."""
        columns = sheet.columns
        cap = MAX_COLUMN_WIDTH - 2  # as `longest_width`: a column this wide is as wide as it gets
        every = each_safe_row(sheet.name, columns, sheet.stream() if sheet.stream else ())
        row, names, per_sheet = next(every, None), [sheet.name], _rows_per_sheet()
        while True:
            ws = self._table_sheet(wb, names[-1])
            longest = [0] * len(columns)
            measuring = [i for i, c in enumerate(columns) if c.width is None]
            count = 0
            with SheetRows(ws, columns, rows_first=True) as rows:
                rows.write(self._header_row(rows, columns))
                while row is not None and count < per_sheet:
                    count += 1
                    for index in measuring:
                        value = row[index]
                        if value is None:
                            continue
                        width = (len(value) if type(value) is str and "\n" not in value
                                 else display_length(value, columns[index].kind))
                        if width > longest[index]:
                            longest[index] = width
                            if width >= cap:
                                measuring = [i for i in measuring if i != index]
                    rows.write(DataRow(row))
                    row = next(every, None)
                more = row is not None
                if more:
                    names.append(self._next_sheet_name(sheet.name, len(names) + 1))
                self._write_goes_on(rows, names, len(names) - 1 - more, more, blank=True)
                ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
                for index, column in enumerate(columns):
                    ws.column_dimensions[get_column_letter(index + 1)].width = column_width(column, longest[index])
            if not more:
                return

    def _write_notes(self, wb: Workbook, sheet: _Sheet) -> None:
        ws = wb.create_sheet(sheet.name)
        self._decorate(ws)
        ws.column_dimensions["A"].width = sheet.columns[0].width or 100
        with SheetRows(ws, sheet.columns) as rows:
            for (text,) in sheet.rows:
                rows.write(StyledRow([(text, rows.look(quote=needs_quote_prefix(text), alignment=_TOP_WRAP))]))
