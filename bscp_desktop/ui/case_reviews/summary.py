"""The case reviews summary for any period, on screen, with the same figures as the PDF and
the workbook (`report case-summary`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.case_summary import Share
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.services import case_review_summary as summaries
from bscp_desktop.ui.common.area_tab import output_button
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import captioned, wrapping_row
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import job_actions
from bscp_desktop.ui.common.table_model import tab_moves_on
from bscp_desktop.ui.common.worker import LatestRead


def _number(value) -> str:
    if value is None:  # an average of nothing
        return ""
    if isinstance(value, Share):
        return format_percent(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.3g}" if value < 1 else f"{value:g}"
    return f"{value:g}" if isinstance(value, float) else str(value)



def summary_file_name(options: dict) -> str:
    """The case reviews summary's file name, for the period its options give: the same from the
    page and File > Export."""
    return f"Case reviews summary {options['date_from']:%d-%m-%Y} to {options['date_to']:%d-%m-%Y}"

class SummaryPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, parent=None, today=None):
        super().__init__(parent)
        self.db = db
        self._today = today  # None: the computer's date, read each time the figures are worked out
        start, end = summaries.default_period(today)
        self.date_from = DateEdit(self, start)
        self.date_from.setAccessibleName("From")
        self.date_to = DateEdit(self, end)
        self.date_to.setAccessibleName("To")
        self.show_button = QPushButton("Show", self)
        self.show_button.setAccessibleName("Show the summary")
        self.show_button.clicked.connect(self.reload)
        bar = wrapping_row(*captioned(self, ("From:", self.date_from), ("To:", self.date_to)), self.show_button, 1)
        self.pdf_action, self.xlsx_action = self.output_actions(self)
        for action in (self.pdf_action, self.xlsx_action):
            bar.addWidget(output_button(action, self))
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.error = plain_label("", self, wrap=True)  # may quote what was typed
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Figure", "Number"])
        self.table.setAccessibleName("Case reviews summary figures")
        tab_moves_on(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.reading = LatestRead(self, "case reviews summary", self._show, self._failed)
        self.date_from.changed.connect(self._dates_changed)
        self.date_to.changed.connect(self._dates_changed)
        self.watch(db, RecordKind.CASE_REVIEWS, RecordKind.SETTINGS)
        self._stale = True  # loads when first shown

    def output_actions(self, parent) -> list:
        """The summary's PDF and Excel entries, for the period shown here."""
        return job_actions(
            parent, self.db, jobs.find("report", "case-summary"), ask=self.options,
            file_name=summary_file_name,
        )

    def period(self):
        return summaries.check_period(self.date_from.value(), self.date_to.value())

    def options(self) -> dict | None:
        try:
            start, end = self.period()
        except Exception as exc:
            self.error.setText(explain(exc))
            self.error.show()
            return None
        return {"date_from": start, "date_to": end}

    def _dates_changed(self) -> None:
        try:
            self.date_from.value()
            self.date_to.value()
        except ValueError:
            return
        self.reload()

    def loading(self) -> bool:
        return self.reading.loading()

    def reload(self) -> None:
        """Work the figures out in a worker thread (every case's clocks over the period)."""
        self._stale = False
        self.error.hide()
        try:
            start, end = self.period()
        except Exception as exc:
            self._failed(exc)
            return
        db, today = self.db, self._today or date.today()
        self.reading.start(lambda: (start, end, summaries.case_summary(db, start, end, today)))

    def _failed(self, exc: Exception) -> None:
        self.error.setText(explain(exc))
        self.error.show()

    def _show(self, answer) -> None:
        start, end, summary = answer
        self.heading.setText(
            f"From {format_date(start)} to {format_date(end)}. A case counts as considered on its Considered "
            "on date (else the date the local authority became aware); the other figures count the step's own "
            f"date. Lateness is in working days; clocks are as they stood {_stood(summary)}."
        )
        figures = summary.figures()
        self.table.setRowCount(len(figures))
        for row, (label, number) in enumerate(figures):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(_number(number))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, item)

    def figure(self, label: str) -> str:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == label:
                return self.table.item(row, 1).text()
        raise KeyError(label)


def _stood(summary) -> str:
    """When the clocks are judged: on the last day of the period, or today for one not yet ended."""
    return f"on {format_date(summary.clocks_as_at)}" if summary.clocks_as_at else "on the last day of the period"
