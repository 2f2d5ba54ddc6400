"""Pieces the Finance tab's pages share: the financial-year drop-down, and tables of amounts
(text already formatted by `domain.money`; amounts right-aligned, the total line bold)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem

from bscp_desktop.domain.finance import year_label, year_of
from bscp_desktop.services import finance as fin


def fill_year_combo(combo: QComboBox, db, today: date | None, also: Iterable[int] = ()) -> None:
    """The years on record (and `also`), latest first; keeps the year chosen, else the latest
    year with money in it. Fills quietly: no currentIndexChanged."""
    current = combo.currentData()
    years = {y for _label, y in fin.year_choices(db)} | set(also)
    if not years:
        years = {year_of(today or date.today())}
    chosen = current if current in years else fin.latest_year(db, today)
    combo.blockSignals(True)
    combo.clear()
    for y in sorted(years, reverse=True):
        combo.addItem(year_label(y), y)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], bold_last: bool = True) -> None:
    """Put text rows in a table: the first column as text, the others right-aligned as amounts."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold_last and r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """What a table shows, row by row."""
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]
