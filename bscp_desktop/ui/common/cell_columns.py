"""The columns of a small table filled cell by cell (a `QTableWidget`: a case's deadlines, the
fields changed in both places), fitted to what its cells and headings say at the current text
size, as every list's columns are (`table_model.fit_columns`): each column as wide as its heading,
drawn in bold as the header draws it once a row is chosen, and its widest text, up to a limit that
grows with the text size; on a table too narrow for them all, the columns of words share the room
the others leave, none narrower than its heading. A table whose text wraps shows a longer text on
more lines; one that does not ends it with "…"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from bscp_desktop.ui.common.column_widths import SharedWidths
from bscp_desktop.ui.common.table_model import Column, fit_columns


def cell_texts(view: QTableView, also: Mapping[int, Iterable[str]] | None = None) -> list[list[str]]:
    """Each column's texts, every line of every cell, longest first, with the texts `also` gives
    a column (what it may say later: a choice not made yet)."""
    model = view.model()
    texts = []
    for column in range(model.columnCount()):
        lines = {line for row in range(model.rowCount())
                 for line in str(model.data(model.index(row, column)) or "").split("\n")}
        lines.update((also or {}).get(column, ()))
        texts.append(sorted(lines, key=len, reverse=True))
    return texts


def fit_to_cells(view: QTableView, most: int, also: Mapping[int, Iterable[str]] | None = None,
                 rest_to: int | None = None) -> None:
    """Fit the table's columns to its headings and cells (`fit_columns`), each no wider than
    `most` pixels at the usual text size (more at a larger one). With `rest_to`, the room a wide
    window leaves once every column has that much all goes to that column (a table's longest
    text, read beside the others), not to the columns whose text is cut. Call it again when the
    cells change; as the table is resized the columns share its width again by themselves."""
    model = view.model()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the widths given here, not Qt's own
    headings = [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in range(model.columnCount())]
    fit_columns(view, [Column(heading, str) for heading in headings], (), most, texts=cell_texts(view, also),
                arrows=view.isSortingEnabled(), spare_to=rest_to)
    if rest_to is not None:
        for shared in view.findChildren(SharedWidths):  # the others keep their width at `most`
            shared.wanted = [want if number == rest_to else width
                             for number, (width, want) in enumerate(zip(shared.widths, shared.wanted, strict=True))]
            shared.share()
