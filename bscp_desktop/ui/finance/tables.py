"""Pieces the Finance tab's pages share: the kinds of record its lists show, the year filter,
the totals line under a list, toolbar entries, the financial-year drop-down, and tables of
amounts (text already formatted by `domain.money`; amounts right-aligned, the total line bold)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QTableWidget, QTableWidgetItem

from bscp_desktop.domain.finance import year_label
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.messages import tell


def years_to_offer(db, wanted: int | None, today: date | None, also: Iterable[int] = ()) -> tuple[list[int], int]:
    """The years on record (and `also`), latest first, and the one to show: `wanted` when it is
    one of them, else the latest year with money in it. Reads the database only (no widget),
    so a page may ask from a worker thread."""
    years = {y for _label, y in fin.year_choices(db)} | set(also)
    chosen = wanted if wanted in years else fin.latest_year(db, today)
    years.add(chosen)  # the latest year with money, or this year when none is on record
    return sorted(years, reverse=True), chosen


def fill_year_combo(combo: QComboBox, years: Sequence[int], chosen: int) -> None:
    """Fill a year drop-down quietly (no currentIndexChanged) and choose `chosen`."""
    combo.blockSignals(True)
    combo.clear()
    for y in years:
        combo.addItem(year_label(y), y)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], bold_last: bool = True) -> None:
    """Put text rows in a table: the first column as text, the others right-aligned as amounts."""
    table.setRowCount(len(rows))
    bold = QFont(table.font())
    bold.setBold(True)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(AMOUNT_ALIGNMENT)
            if bold_last and r == len(rows) - 1:
                item.setFont(bold)
            table.setItem(r, c, item)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """What a table shows, row by row."""
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


FINANCE_KINDS = (RecordKind.FINANCE, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS)
TOTALS_STYLE = "font-weight: bold; padding: 2px 4px;"


def year_filter(db) -> list[tuple[str, int]]:
    return fin.year_choices(db)


class TotalsMixin:
    """A bold line under the table adding up the live rows shown (`text(rows)`). The sum is the
    model's summary of its shown rows, worked out where they are narrowed (in the worker that
    read them, or that searched or filtered a long list), and only when they change: sorting
    keeps it."""

    def add_totals_line(self, text: Callable[[Sequence], str]) -> QLabel:
        self.model.summarise = lambda shown: _live_totals(text, shown)
        self.totals = plain_label("", self, wrap=True, name="Totals of the rows shown")
        self.totals.setStyleSheet(TOTALS_STYLE)
        self.layout().addWidget(self.totals)
        self.model.modelReset.connect(self._update_totals)  # rows loaded, searched, filtered or sorted
        return self.totals

    def _update_totals(self, *_args) -> None:
        self.totals.setText(self.model.summary or "")


def _live_totals(text: Callable[[Sequence], str], shown: Sequence) -> str:
    """What the live rows shown add up to; archived rows shown beside them (Show archived
    ticked) are not counted, and the line says so."""
    rows = [r for r in shown if not r.archived]
    if len(rows) == len(shown):
        return text(rows) if rows else ""
    if not rows:
        return "Only archived rows are shown: archived ones are not counted."
    said = text(rows)
    if said.endswith(")."):  # a last sentence with its own note in brackets
        return f"{said} Archived ones are not counted."
    return f"{said.removesuffix('.')} (archived ones not counted)."


def archived_why(noun: str, row) -> str:
    """Why an archived row is not changed ('' for a live one or none), as for an archived payment."""
    return f"The {noun} is archived: restore it to change it." if row is not None and row.archived else ""


class ArchivedKeptAsIs:
    """An archived record of a finance list is not changed: Edit is not offered for it, saying
    why (`archived_why`), and a double-click or Enter on it says why in place of opening it.
    Restore it first. Put before `RecordListPage` among a page's bases."""

    def update_actions(self, row) -> None:
        super().update_actions(row)
        why = archived_why(self.noun, row)
        if why:
            self.offer_tool(self.edit_action, why)

    def on_edit(self) -> None:
        why = archived_why(self.noun, self.selected())
        if why:
            tell(self, why)
            return
        super().on_edit()
