"""Registrations: new accounts on the learning management system (LMS), month by month.

One financial year is shown at a time, April to March; a month left empty has no figure (it
is not zero). Every year changed is saved together, in one transaction, with Save; Escape
asks before a figure typed is lost (`closing.AsksBeforeClosing`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.dates import add_months, financial_year_label, financial_year_of
from bscp_desktop.domain.validation import ValidationError, whole_number
from bscp_desktop.services.training import figures as fg
from bscp_desktop.ui.common.closing import AsksBeforeClosing
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.labels import plain_label

ERROR = "color: #b00020;"


def year_months(start_year: int) -> list[date]:
    """The first day of each month of the financial year starting in April `start_year`."""
    return [add_months(date(start_year, 4, 1), i) for i in range(12)]


class RegistrationsDialog(AsksBeforeClosing, QDialog):
    part_noun = "month"

    def __init__(self, db, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Registrations (new LMS accounts)")
        fit_to_screen(self, QSize(460, 520))  # every month in view, if the screen allows
        self.known: dict[date, int] = dict(fg.list_registrations(db))
        self.edited: dict[date, int | None] = {}
        self.refused: dict[date, str] = {}  # a month's figure that is no number, as typed (-1 in `edited`)
        this_year = financial_year_of(today or date.today())
        years = {financial_year_of(m) for m in self.known} | {this_year, this_year - 1}
        self.year = QComboBox(self)
        self.year.setAccessibleName("Financial year")
        for y in sorted(years, reverse=True):
            self.year.addItem(financial_year_label(y), y)
        self.year.setCurrentIndex(max(self.year.findData(this_year), 0))
        intro = QLabel("New accounts on the learning management system in each month. Leave a month empty "
                       "when there is no figure for it.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(12, 2, self)
        self.table.setHorizontalHeaderLabels(["Month", "New accounts"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Registrations per month")
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid, as everywhere else (arrows move in it)
        self.error = plain_label("", self, wrap=True)  # may quote what was typed
        self.error.setStyleSheet(ERROR)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        caption = QLabel("Financial year:", self)
        caption.setBuddy(self.year)
        top.addWidget(caption)
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._shown_year: int | None = None
        self.year.currentIndexChanged.connect(lambda _i: self._show_year())
        self.table.itemChanged.connect(self._typed)
        self._show_year()

    def _show_year(self) -> None:
        self._shown_year = self.year.currentData()
        self.table.blockSignals(True)
        for row, month in enumerate(year_months(self._shown_year)):
            label = QTableWidgetItem(month.strftime("%B %Y"))
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, month)
            self.table.setItem(row, 0, label)
            count = self.edited[month] if month in self.edited else self.known.get(month)
            item = QTableWidgetItem(self.refused.get(month, "" if count is None else str(count)))  # as typed
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, item)
        self.table.blockSignals(False)
        self.table.setCurrentCell(0, 1)

    def _typed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        month = self.table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        self.refused.pop(month, None)
        try:  # commas only between thousands: "2,5" is not 25
            self.edited[month] = whole_number(text) if text else None
        except ValueError:
            self.edited[month] = -1  # refused by the check below, with the month named
            self.refused[month] = text
        self._check()

    def _check(self) -> bool:
        bad = [m.strftime("%B %Y") for m, n in sorted(self.edited.items()) if n is not None and n < 0]
        self.error.setText(f"New accounts must be {fg.REGISTRATIONS_RANGE}: {', '.join(bad)}." if bad else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not bad)
        return not bad

    def shown_state(self) -> dict[date, int | None]:
        return {month: self.edited.get(month, self.known.get(month)) for month in sorted({*self.known, *self.edited})}

    def part_label(self, key: date) -> str:
        return f"the figure for {key:%B %Y}"

    def changes(self) -> dict[date, int | None]:
        return {m: n for m, n in self.edited.items() if n != self.known.get(m)}

    def save(self) -> None:
        if not self._check():
            return
        try:
            fg.save_registrations(self.db, self.changes())
        except ValidationError as exc:
            self.error.setText(exc.sentence())
            return
        self.accept()
