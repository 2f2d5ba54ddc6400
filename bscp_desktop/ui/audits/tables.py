"""Small read-only tables of the Audits pages (returns, cases, actions): cells that say their
value in words, with a background colour where the value has one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.table_model import read_only_rows

MAX_WIDTH = 280


def item(text: str, colour: str | None = None, data=None) -> QTableWidgetItem:
    """A read-only cell on one line (its whole text as a tooltip when long); `data` (a DTO)
    rides along for double-clicks."""
    cell = QTableWidgetItem(text.replace("\n", " "))
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if len(text) > 30 or "\n" in text:  # a cut cell shows its whole text on hover
        cell.setToolTip(as_typed(text))  # a name like "<b>Org</b>" shows as typed, not bold
    if colour and colour.upper() != "#FFFFFF":
        cell.setBackground(QBrush(QColor(colour)))
    if data is not None:
        cell.setData(Qt.ItemDataRole.UserRole, data)
    return cell


def table(name: str, headers: list[str]) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setHorizontalHeaderLabels(headers)
    return read_only_rows(view, name)


def add_row(view: QTableWidget, cells: list[tuple[str, str | None]], data=None) -> None:
    """Append a row of (text, colour) cells; `data` goes on the first cell."""
    row = view.rowCount()
    view.insertRow(row)
    for column, (text, colour) in enumerate(cells):
        view.setItem(row, column, item(text, colour, data if column == 0 else None))


def fit(view: QTableWidget) -> None:
    view.resizeColumnsToContents()
    for column in range(view.columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), MAX_WIDTH))


def row_data(view: QTableWidget):
    """The DTO of the selected row (or of the only row), else None."""
    row = view.currentRow()
    if row < 0 and view.rowCount() == 1:
        row = 0
    return view.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else None


def day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""
