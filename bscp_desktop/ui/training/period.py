"""Choosing a period: this or last financial year or quarter, recent and upcoming, every
year, or dates of one's own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from bscp_desktop.domain.dates import add_months, financial_year_label, financial_year_of, parse_financial_year_label
from bscp_desktop.domain.training import Period, financial_year_period, quarter_of
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.labels import ERROR_COLOUR, plain_label, tinted

RECENT = "Recent and upcoming (3 months either side)"
THIS_YEAR = "This financial year"
LAST_YEAR = "Last financial year"
THIS_QUARTER = "This quarter"
LAST_QUARTER = "Last quarter"
EVERY_YEAR = "Every year"
CUSTOM = "Dates…"
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)


def preset_period(name: str, today: date) -> Period:
    """The period a preset names: one of the words above, or a financial year ("2023/24")."""
    try:
        return financial_year_period(parse_financial_year_label(name))
    except ValueError:
        pass
    if name == RECENT:
        return Period(add_months(today, -3), add_months(today, 3))
    if name == THIS_YEAR:
        return financial_year_period(financial_year_of(today))
    if name == LAST_YEAR:
        return financial_year_period(financial_year_of(today) - 1)
    if name == THIS_QUARTER:
        return quarter_of(today)
    if name == LAST_QUARTER:
        return quarter_of(quarter_of(today).start - timedelta(days=1))
    return Period(EARLIEST, LATEST)


class PeriodBar(QWidget):
    """A preset drop-down; "Dates…" shows two date boxes. `changed` is sent with each new period."""

    changed = Signal(object)

    def __init__(self, presets: list[str], default: str, parent: QWidget | None = None, label: str = "Period:"):
        super().__init__(parent)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName("Period")
        self.choice.addItems([*presets, CUSTOM])
        self.start = DateEdit(self)
        self.start.setAccessibleName("From")
        self.end = DateEdit(self)
        self.end.setAccessibleName("To")
        self.to_label = QLabel("to", self)
        # why the dates typed are not the period shown (quoting them)
        self.problem = plain_label("", self, wrap=True, name="Period problem")
        tinted(self.problem, ERROR_COLOUR)
        self.problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(label, self)
        caption.setBuddy(self.choice)
        for widget in (caption, self.choice, self.start, self.to_label, self.end):
            layout.addWidget(widget)
        layout.addWidget(self.problem, 1)  # the room left; the dates keep theirs
        for box in (self.start, self.end):
            box.setMinimumWidth(box.sizeHint().width())
        self._period = preset_period(default, date.today())
        self.choice.setCurrentText(default)
        self._show_dates(False)
        self.choice.currentTextChanged.connect(self._preset_chosen)
        self.start.changed.connect(self._dates_typed)
        self.end.changed.connect(self._dates_typed)

    def _show_dates(self, shown: bool) -> None:
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(shown)
        if not shown:
            self.problem.hide()

    def _preset_chosen(self, name: str) -> None:
        if name == CUSTOM:
            self.start.set_value(self._period.start if self._period.start != EARLIEST else None)
            self.end.set_value(self._period.end if self._period.end != LATEST else None)
            self._show_dates(True)
            return
        self._show_dates(False)
        self.set_period(preset_period(name, date.today()))

    def _dates_typed(self) -> None:
        problem = ""
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError as exc:
            start = end = None
            problem = f"{exc}: still showing the period before."
        if start and end and start > end:
            problem = (f"The To date ({end:%d/%m/%Y}) is before the From date ({start:%d/%m/%Y}): still "
                       "showing the period before.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if start and end and not problem:
            self.set_period(Period(start, end))

    def set_period(self, period: Period) -> None:
        if period != self._period:
            self._period = period
            self.changed.emit(period)

    def show_dates(self, period: Period) -> None:
        """Switch to "Dates…" showing `period`."""
        self.choice.blockSignals(True)
        self.choice.setCurrentText(CUSTOM)
        self.choice.blockSignals(False)
        self.start.blockSignals(True)
        self.end.blockSignals(True)
        self.start.set_value(period.start)
        self.end.set_value(period.end)
        self.start.blockSignals(False)
        self.end.blockSignals(False)
        self._show_dates(True)
        self.set_period(period)

    def add_year(self, start_year: int, select: bool = False) -> None:
        """Offer a financial year by its label ("2023/24"), before "Dates…"; choose it if asked."""
        label = financial_year_label(start_year)
        if self.choice.findText(label) < 0:
            self.choice.insertItem(self.choice.count() - 1, label)
        if select:
            self.choice.setCurrentText(label)
            self.set_period(preset_period(label, date.today()))

    @property
    def period(self) -> Period:
        return self._period


def offer_recent_years(bar: PeriodBar, latest_run: date | None, today: date | None = None) -> None:
    """Offer the five financial years before last by their labels, and choose the latest year in
    which sessions ran (this year, if any have): a page of figures opens on figures."""
    this_year = financial_year_of(today or date.today())
    for year in range(this_year - 2, this_year - 7, -1):
        bar.add_year(year)
    if latest_run is None:
        return
    ran = financial_year_of(latest_run)
    if ran == this_year - 1:
        bar.choice.setCurrentText(LAST_YEAR)
    elif ran < this_year - 1:
        bar.add_year(ran, select=True)


def offer_recent_years_later(owner: QWidget, bar: PeriodBar, db, then: Callable[[], None]) -> None:
    """`offer_recent_years` with the latest day a session ran read in a worker thread (a query
    over ten years of sessions); `then()` once the bar shows the year chosen."""
    from bscp_desktop.services.training.figures import latest_day_run
    from bscp_desktop.ui.common.worker import BackgroundTask

    def chosen(latest: date | None) -> None:
        bar.blockSignals(True)
        offer_recent_years(bar, latest)
        bar.blockSignals(False)
        then()

    task = BackgroundTask(owner, "Finding the latest year of sessions", lambda _progress: latest_day_run(db),
                          show_progress=False)
    task.done.connect(chosen)
    task.error.connect(lambda _exc: chosen(None))
    task.start()

