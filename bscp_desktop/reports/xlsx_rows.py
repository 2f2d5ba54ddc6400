"""Writing a sheet's rows as XML text (used by `WorkbookBuilder`).

openpyxl's write-only `append` makes a cell object for every value and an XML element for every
cell; on a table of a million cells that is most of the time a workbook takes. Here openpyxl
writes everything around the rows (columns, panes, filter, page set-up, header and footer, the
styles, the package), and the rows themselves are written as the same XML, as text: each look
(number format, wrapping, quote prefix, fill, font, border) is registered with the workbook once
and named by its number in every cell that has it.

The rules stay those of `xlsx_cells`: values arrive already safe (`safe_cell_value`: no
characters XML cannot hold), every `str` is written as an inline string (never a formula), one
holding an `_xHHHH_` escape sequence as the runs of `literal_runs` (so that it reads as typed),
text starting with a formula character (`needs_quote_prefix`) also gets Excel's quote prefix,
and only a `Formula` the program made becomes a formula, written with its value so that readers
that do not calculate see the program's own figure.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from bscp_desktop.reports.xlsx_cells import FORMULA_TRIGGERS, MAX_COLUMN_WIDTH, Column, Formula, literal_runs, needs_quote_prefix, number_format_of

WRAP_AT = MAX_COLUMN_WIDTH - 2  # text longer than the widest column wraps
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


class DataRow(list):
    """A table's row of safe values; each cell's look follows from its value and column."""


class StyledRow(list):
    """A row of (safe value, look) pairs, the look made by `SheetRows.look` (titles, headers,
    totals); a None value with a look is an empty cell that still shows it (a border)."""


def cached_text(value: Any) -> str:
    """A formula's stored value as Excel writes it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(int(value))


def escaped(text: str) -> str:
    """Text as XML character data (a carriage return kept as one)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _space(text: str) -> str:
    """The attribute that keeps a text's first or last space, if it has one there."""
    return ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""


def runs_text(runs: Sequence[str]) -> str:
    """The pieces of `literal_runs` as the runs of an inline string, inside its `<is>`."""
    return "".join(f"<r><t{_space(run)}>{escaped(run)}</t></r>" for run in runs)


class SheetRows:
    """The rows of one write-only worksheet. Set the sheet's column widths, panes, filter and
    page set-up first, then

        rows = SheetRows(ws, columns)
        with rows:
            rows.write(StyledRow(...)); rows.write(DataRow(...)); rows.write([])  # a blank row

    Entering closes the sheet for openpyxl (which writes everything but the rows) and opens its
    file to put the rows in; leaving finishes the file.

    With `rows_first`, the rows go to a temporary file while they are written, and the sheet is
    closed for openpyxl only on leaving: widths and filter that depend on every row (rows read
    a batch at a time, never all in memory) can then still be set inside the `with` block."""

    def __init__(self, ws: Any, columns: Sequence[Column], *, rows_first: bool = False):
        self.ws = ws
        self.epoch = ws.parent.epoch
        self.letters = [get_column_letter(i + 1) for i in range(max(len(columns), 1))]
        self.use(columns)
        self._looks: dict[tuple, str] = {}  # what a cell looks like -> the workbook's style number
        self._text_looks: dict[tuple, str] = {}
        self._number_looks: dict[tuple, str] = {}
        self.formulas = False
        self.row_idx = 0
        self.rows_first = rows_first
        self._out: Any = None
        self._tail = b""

    def use(self, columns: Sequence[Column]) -> None:
        """The columns the next `DataRow`s are in (a sheet of sections changes them per section)."""
        self.kinds = [c.kind for c in columns]
        self.fills = [c.fills for c in columns]

    def look(self, number_format: str | None = None, *, wrap: bool = False, quote: bool = False,
             fill: str | Any = None, font: Any = None, border: Any = None, alignment: Any = None) -> str:
        """The style number of a look, registered with the workbook the first time it is asked for."""
        key = (number_format, wrap, quote, fill, font, border, alignment)
        found = self._looks.get(key)
        if found is None:
            from openpyxl.styles import Alignment, PatternFill

            proto = WriteOnlyCell(self.ws)  # its style descriptors register each part once
            proto.alignment = alignment or Alignment(vertical="top", wrap_text=wrap or None)
            if number_format:
                proto.number_format = number_format
            if quote:
                proto.quotePrefix = True
            if fill:
                proto.fill = PatternFill("solid", start_color=fill, end_color=fill) if isinstance(fill, str) else fill
            if font is not None:
                proto.font = font
            if border is not None:
                proto.border = border
            found = self._looks[key] = str(proto.style_id)
        return found

    # ------------------------------------------------------------ the sheet's file

    def _open_sheet_file(self) -> Any:
        """Close the sheet for openpyxl and open its file just where the rows go."""
        self.ws.close()  # openpyxl writes the sheet with no rows
        path = Path(self.ws._writer.out)
        written = path.read_bytes()
        found = _EMPTY_SHEET_DATA.search(written)
        if found is None:
            raise RuntimeError("openpyxl wrote a sheet without the place for its rows")
        self._tail = b"</sheetData>" + written[found.end():]
        out = path.open("w", encoding="utf-8", newline="")
        out.write(written[: found.start()].decode("utf-8") + "<sheetData>")
        return out

    def __enter__(self) -> SheetRows:
        if self.rows_first:
            self._out = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        else:
            self._out = self._open_sheet_file()
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        rows, self._out = self._out, None
        if not self.rows_first:
            try:
                rows.write(self._tail.decode("utf-8"))
            finally:
                rows.close()
            return
        try:
            if exc_type is None:
                rows.seek(0)
                with self._open_sheet_file() as out:
                    shutil.copyfileobj(rows, out, 1 << 20)
                    out.write(self._tail.decode("utf-8"))
        finally:
            rows.close()

    def write(self, row: Sequence[Any]) -> None:
        self.row_idx += 1
        number = str(self.row_idx)
        if isinstance(row, StyledRow):
            cells = [self._cell(self.letters[i] + number, value, look) for i, (value, look) in enumerate(row)]
        elif row:
            cells = [
                self._cell(self.letters[i] + number, value,
                           self._text_look(value, i) if type(value) is str else self._number_look(value, i))
                for i, value in enumerate(row) if value is not None
            ]
        else:
            return  # a blank row: nothing in the file
        self._out.write(f'<row r="{number}">{"".join(cells)}</row>')

    # ------------------------------------------------------------ cells

    def _text_look(self, value: str, index: int) -> str:
        fills = self.fills[index]
        quote = value.startswith(FORMULA_TRIGGERS) or (value.startswith("_x") and needs_quote_prefix(value))
        key = ("\n" in value or len(value) > WRAP_AT, quote, fills.get(value) if fills else None)
        found = self._text_looks.get(key)
        if found is None:
            found = self._text_looks[key] = self.look(None, wrap=key[0], quote=key[1], fill=key[2])
        return found

    def _number_look(self, value: Any, index: int) -> str:
        key = (type(value), self.kinds[index])
        found = self._number_looks.get(key)
        if found is None:
            found = self._number_looks[key] = self.look(number_format_of(value, self.kinds[index]))
        return found

    def _cell(self, ref: str, value: Any, look: str) -> str:
        kind = type(value)
        if kind is str:
            if not value:  # as openpyxl writes an empty text: a cell with its look and no value
                return f'<c r="{ref}" s="{look}"/>'
            if "_x" in value and len(runs := literal_runs(value)) > 1:  # it holds an escape sequence
                return f'<c r="{ref}" s="{look}" t="inlineStr"><is>{runs_text(runs)}</is></c>'
            space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
            return f'<c r="{ref}" s="{look}" t="inlineStr"><is><t{space}>{escaped(value)}</t></is></c>'
        if value is None:
            return f'<c r="{ref}" s="{look}"/>'
        if kind is Formula:
            self.formulas = True
            cached = "" if value.value is None else f"<v>{cached_text(value.value)}</v>"
            return f'<c r="{ref}" s="{look}"><f>{escaped(value.text[1:])}</f>{cached}</c>'
        if isinstance(value, date):
            value = to_excel(value, self.epoch)
        elif not isinstance(value, int | float | Decimal):  # not a value safe_cell_value gives
            return self._cell(ref, str(value), look)
        return f'<c r="{ref}" s="{look}" t="n"><v>{safe_string(value)}</v></c>'
