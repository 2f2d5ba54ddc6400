"""Tables that go on over a page between their rows, never through one that fits on a page.

A row that does not fit under the rows already on a page starts the next page, under the table's
header row, repeated. Only a row taller than a whole page (with the header row above it) is split,
and it starts where it falls, straight under the row before it, so a reader never sees a header
row part way down a page or a row cut in two with its dates on one page and the rest of its text
on the next. Every PDF data table is made by `rows_table`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, LongTable, Table, TableStyle


class WholeRowsTable(LongTable):
    """A table split over pages between its rows (see the module); its parts are tables of this
    kind too (reportlab makes them as its class)."""

    #: Makes the line saying what a part on a later page goes on with ("Case Review Group
    #: (continued)"), or None: a reader of a loose page knows whose rows they are.
    continued: Callable[[], Flowable] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._calc(availWidth, availHeight)
        fitting = self._getFirstPossibleSplitRowPosition(availHeight)  # the rows that fit whole
        parts: list[Flowable] = []
        if header_rows(self) <= fitting < len(self._rowHeights) and self._taller_than_a_page(fitting, availHeight):
            parts = self._splitRows(availHeight, doInRowSplit=True)
        parts = parts or self._splitRows(availHeight, doInRowSplit=False)  # none when no row fits under the header row
        if len(parts) < 2 or self.continued is None:
            return parts
        for part in parts[1:]:
            part.continued = self.continued  # type: ignore[attr-defined]
        return [parts[0], self.continued(), *parts[1:]]

    def _taller_than_a_page(self, row: int, availHeight: float) -> bool:  # noqa: N803 - reportlab's names
        """Whether `row`, under the header row, is taller than the whole frame it is laid out in
        (or, not laid out in one, than the room given)."""
        frame = self._doctemplateAttr("frame")  # while reportlab splits the table in a frame
        room = getattr(frame, "_aH", None) or availHeight
        return sum(self._rowHeights[: header_rows(self)]) + self._rowHeights[row] > room


def header_rows(table: Table) -> int:
    """How many rows at the top of `table` repeat on each page it goes on to."""
    repeated = table.repeatRows
    return repeated if isinstance(repeated, int) else len(repeated)


def rows_table(data: Sequence[Sequence[Any]], widths: Sequence[float], style: Sequence[tuple],
               header_rows: int = 1, continued: Callable[[], Flowable] | None = None) -> WholeRowsTable:
    """A `WholeRowsTable` of `data` (cells as reportlab takes them) in columns of `widths` points,
    set left in `style`; its first `header_rows` rows repeat at the top of every page it goes on to,
    under the line `continued` makes where given."""
    table = WholeRowsTable([list(row) for row in data], colWidths=list(widths), repeatRows=header_rows,
                           hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(list(style)))
    table.continued = continued
    return table
