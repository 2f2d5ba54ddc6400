"""Writing a sheet's rows straight into openpyxl's write-only stream (used by `WorkbookBuilder`).

openpyxl's `append` makes a cell object for every value and, for a cell that has a look of its
own, goes through an exception and a second cell object; on a table of a million cells that is
most of the time a workbook takes. Here a row is written as the XML elements openpyxl itself
would write, each look (number format, wrapping, quote prefix, fill, font, border) registered
with the workbook once and shared by every cell that has it.

The rules stay those of `xlsx_cells`: values arrive already safe (`safe_cell_value`), every `str`
is written as an inline string (never a formula), text starting with a formula character also
gets Excel's quote prefix, and only a `Formula` the program made becomes a formula, written
with its value so that readers that do not calculate see the program's own figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.constants import XML_NS
from openpyxl.xml.functions import Element, SubElement

from bscp_desktop.reports.xlsx_cells import (
    FORMULA_TRIGGERS,
    MAX_COLUMN_WIDTH,
    Column,
    Formula,
    number_format_of,
)

WRAP_AT = MAX_COLUMN_WIDTH - 2  # text longer than the widest column wraps
_PRESERVE = {f"{{{XML_NS}}}space": "preserve"}


class DataRow(list):
    """A table's row of safe values; each cell's look follows from its value and column."""


class StyledRow(list):
    """A row of (safe value, look) pairs, the look made by `RowWriter.look` (headers, totals)."""


def cached_text(value: Any) -> str:
    """A formula's stored value as Excel writes it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(int(value))


class RowWriter:
    """Writes `DataRow`s and `StyledRow`s of one write-only worksheet; anything else appended
    to the sheet goes the ordinary way. `install()` after the sheet's column widths, panes and
    page set-up are set (the sheet's top is written then) and before the first row."""

    def __init__(self, ws: Any, columns: Sequence[Column]):
        self.ws = ws
        self.epoch = ws.parent.epoch
        self.letters = [get_column_letter(i + 1) for i in range(len(columns))]
        self.use(columns)
        self._looks: dict[tuple, str] = {}  # what a cell looks like -> the workbook's style id
        self._text_looks: dict[tuple, str] = {}
        self._number_looks: dict[tuple, str] = {}
        self.formulas = False

    def use(self, columns: Sequence[Column]) -> None:
        """The columns the next `DataRow`s are in (a sheet of sections changes them per section)."""
        self.kinds = [c.kind for c in columns]
        self.fills = [c.fills for c in columns]

    def look(self, number_format: str | None = None, *, wrap: bool = False, quote: bool = False,
             fill: str | Any = None, font: Any = None, border: Any = None, alignment: Any = None) -> str:
        """The style id of a look, registered with the workbook the first time it is asked for."""
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

    def install(self) -> None:
        ws = self.ws
        ws._get_writer()  # writes the sheet's top: widths and panes are final from here
        plain_values, plain_write = ws._values_to_row, ws._writer.write_row

        def values_to_row(values, row_idx):
            return values if isinstance(values, DataRow | StyledRow) else plain_values(values, row_idx)

        def write_row(xf, row, row_idx):
            if isinstance(row, DataRow):
                self._write_data(xf, row, row_idx)
            elif isinstance(row, StyledRow):
                self._write_styled(xf, row, row_idx)
            else:
                plain_write(xf, row, row_idx)

        ws._values_to_row = values_to_row
        ws._writer.write_row = write_row

    # ------------------------------------------------------------ cells

    def _text_look(self, value: str, index: int) -> str:
        fills = self.fills[index]
        key = ("\n" in value or len(value) > WRAP_AT, value.startswith(FORMULA_TRIGGERS),
               fills.get(value) if fills else None)
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

    def _cell(self, ref: str, value: Any, look: str) -> Any:
        kind = type(value)
        if kind is str:
            if not value:  # as openpyxl writes an empty text: a cell with its look and no value
                return Element("c", {"r": ref, "s": look})
            cell = Element("c", {"r": ref, "s": look, "t": "inlineStr"})
            text = SubElement(SubElement(cell, "is"), "t", _PRESERVE if value != value.strip() else {})
            text.text = value
        elif kind is Formula:
            self.formulas = True
            cell = Element("c", {"r": ref, "s": look})
            SubElement(cell, "f").text = value.text[1:]
            if value.value is not None:
                SubElement(cell, "v").text = cached_text(value.value)
        else:
            cell = Element("c", {"r": ref, "s": look, "t": "n"})
            SubElement(cell, "v").text = safe_string(to_excel(value, self.epoch) if isinstance(value, date) else value)
        return cell

    def _write_data(self, xf, row: DataRow, row_idx: int) -> None:
        number = str(row_idx)
        with xf.element("row", {"r": number}):
            for index, value in enumerate(row):
                if value is None:
                    continue
                look = self._text_look(value, index) if type(value) is str else self._number_look(value, index)
                xf.write(self._cell(self.letters[index] + number, value, look))

    def _write_styled(self, xf, row: StyledRow, row_idx: int) -> None:
        number = str(row_idx)
        with xf.element("row", {"r": number}):
            for index, (value, look) in enumerate(row):
                if value is None:
                    xf.write(Element("c", {"r": self.letters[index] + number, "s": look}))
                else:
                    xf.write(self._cell(self.letters[index] + number, value, look))
