"""Attendance monitoring: how often each organisation attended each group over a period.

The figures count every register of the period, so they are worked out in a worker thread
(ten years of meetings): the page says it is working them out, and shows them when they
arrive, unless other figures were asked for since."""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QMenu, QPushButton, QSpinBox, QTableView, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.dates import financial_year_bounds, financial_year_of, format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MeetingKind
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.reports.attendance import meetings_counted, period_words
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, after_a_pause, refill_group_filter
from bscp_desktop.ui.common.keys import tab_along
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import captioned, wrapping_row
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH
from bscp_desktop.ui.common.messages import done, explain, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import save_job
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column, FilterProxy, RecordTableModel, fit_columns, tab_moves_on
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.meetings.escalations import EscalationsPage

DATE_DELAY_MS = 400  # after the last keystroke in a date, the figures follow


def _rate(r) -> str:
    """The rate as every output prints it (2 of 3 is 67%, 5 of 8 is 63%); the highlight compares
    this same figure with the threshold (`attendance_monitoring.below_threshold`)."""
    return format_percent(r.rate)


def _columns(with_group: bool) -> list[Column]:
    cols = [Column("Organisation", lambda r: r.organisation_name)]
    if with_group:
        cols.append(Column("Group", lambda r: r.group_name))
    highlight = lambda r: WARNING_BACKGROUND if r.below_threshold else None  # noqa: E731
    cols += [
        Column("Meetings expected", lambda r: r.expected, align_right=True),
        Column("In person", lambda r: r.in_person, align_right=True),
        Column("By deputy", lambda r: r.by_deputy, align_right=True),
        Column("Apologies", lambda r: r.apologies, align_right=True),
        Column("Absent", lambda r: r.absent, align_right=True),
        Column("Attendance rate", _rate, align_right=True, background=highlight, sort=attrgetter("rate"),
               tooltip=lambda r: "Below the threshold: raise with the organisation" if r.below_threshold else ""),
    ]
    return cols


def _seat_columns() -> list[Column]:
    highlight = lambda r: WARNING_BACKGROUND if r.below_threshold else None  # noqa: E731
    return [
        Column("Group", lambda r: r.group_name),
        Column("Member", lambda r: r.name, tooltip=lambda r: r.name),
        Column("Role", lambda r: r.role_label),
        Column("Organisation", lambda r: r.organisation_name or "(none)",
               tooltip=lambda r: r.organisation_name or "Sits without an organisation (a lay member or an independent role)"),

        Column("Meetings expected", lambda r: r.expected, align_right=True),
        Column("In person", lambda r: r.in_person, align_right=True),
        Column("By deputy", lambda r: r.by_deputy, align_right=True),
        Column("Apologies", lambda r: r.apologies, align_right=True),
        Column("Absent", lambda r: r.absent, align_right=True),
        Column("Attendance rate", _rate, align_right=True, background=highlight, sort=attrgetter("rate")),
    ]


def _table(parent, columns, name: str) -> tuple[QTableView, RecordTableModel]:
    model = RecordTableModel(columns, parent)
    model.muted = lambda _row: False
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    tab_moves_on(view)
    return view, model


class AttendanceMonitoringPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self._stale = True
        self._threshold_text = "threshold"
        start, end = financial_year_bounds(financial_year_of(date.today()))
        self.date_from = DateEdit(self, start)
        self.date_from.setAccessibleName("From")
        self.date_to = DateEdit(self, end)
        self.date_to.setAccessibleName("To")
        self.group = QComboBox(self)
        self.group.setAccessibleName("Group")
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # filled when the figures arrive
        self.group.addItem("All groups", None)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(0, 100)
        self.threshold.setSuffix("%")
        self.threshold.setAccessibleName("Highlight below")
        self.threshold.setToolTip("Organisations attending less than this are highlighted; saved for the whole team")
        self.refresh_button = QPushButton("Show", self)
        self.refresh_button.setAccessibleName("Show attendance")
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton("Export to Excel…", self)
        self.export_button.setAccessibleName("Export attendance to Excel")
        self.export_button.clicked.connect(self.export)

        bar = wrapping_row(
            *captioned(self, ("From:", self.date_from), ("To:", self.date_to), ("Group:", self.group),
                       ("Highlight below:", self.threshold)),
            self.refresh_button, 1, self.export_button,
        )

        self.summary = plain_label("", self, wrap=True, name="Summary")  # names meetings held without a register
        self.by_org_view, self.by_org = _table(self, _columns(False), "Attendance by organisation")
        self.by_group_view, self.by_group = _table(self, _columns(True), "Attendance by organisation and group")
        self.by_seat_view, self.by_seat = _table(self, _seat_columns(), "Attendance by seat")
        self.escalations = EscalationsPage(db, self, suggest=self._suggested_escalation)
        self.error = plain_label("", self)  # may quote what was typed
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.kinds_button = QPushButton("Meetings counted…", self)
        self.kinds_button.setAccessibleName("Kinds of meeting counted")
        self.kinds_button.setToolTip("Which kinds of meeting count toward attendance rates (saved for the whole team)")
        self.kinds_menu = QMenu(self.kinds_button)
        self.kind_actions = {}
        for kind in MeetingKind:
            action = self.kinds_menu.addAction(kind.label)
            action.setCheckable(True)
            action.toggled.connect(lambda _on: self._kinds_changed())
            self.kind_actions[kind] = action
        self.kinds_button.setMenu(self.kinds_menu)
        bar.insertWidget(bar.count() - 2, self.kinds_button)

        self.views = QTabWidget(self)
        self.views.setDocumentMode(True)
        self.views.addTab(self.by_org_view, "By organisation")
        self.views.addTab(self.by_group_view, "By organisation and group")
        self.views.addTab(self.by_seat_view, "By seat (each member)")
        self.views.addTab(self.escalations, "Escalations")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.views, 1)
        # Tab goes along the bar as it shows (Meetings counted… sits between Show and Export), then to the figures
        tab_along([self.date_from, self.date_to, self.group, self.threshold, self.refresh_button, self.kinds_button,
                   self.export_button, self.views])

        self.threshold.editingFinished.connect(self._threshold_changed)
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        self._period_chosen = False  # opens on the latest period with data
        self.date_timer = after_a_pause(self, DATE_DELAY_MS, self._dates_changed)
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self._date_typed)
            edit.line.editingFinished.connect(self._dates_changed)
        self.reading = LatestRead(self, "attendance", self._arrived, self._failed)
        self.watch(db, RecordKind.MEETINGS, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS)

    def _date_typed(self) -> None:
        """A whole date (picked, or typed as dd/mm/yyyy) shows at once; a date still being
        typed waits for a pause."""
        self._period_chosen = True
        edit = self.sender()
        try:
            whole = isinstance(edit, DateEdit) and edit.text() == format_date(edit.value())
        except ValueError:
            whole = False
        if whole:
            self._dates_changed()
        else:
            self.date_timer.start()

    def _dates_changed(self) -> None:
        self.date_timer.stop()
        try:
            period = self.period()
        except ValueError:
            return  # wait until both are dates
        if period != getattr(self, "_shown_period", None):
            self.reload()

    def _show_period(self, period: tuple[date, date]) -> None:
        """Put a period in the date boxes without setting off another reading."""
        for edit, day in zip((self.date_from, self.date_to), period, strict=True):
            edit.blockSignals(True)
            edit.set_value(day)
            edit.blockSignals(False)

    def _threshold_changed(self) -> None:
        try:
            if self.threshold.value() != at.get_threshold(self.db):
                at.set_threshold(self.db, self.threshold.value())
        except Exception as exc:
            show_error(self, "Could not save the threshold", exc)
            return
        self.reload()

    def _kinds_changed(self) -> None:
        uncounted = [k for k, action in self.kind_actions.items() if not action.isChecked()]
        if not done(self, "Could not save the kinds of meeting counted", lambda: at.set_uncounted_kinds(self.db, uncounted)):
            return
        self.reload()

    def _suggested_escalation(self) -> dict:
        """Raise the organisation selected in the rates (or the lowest below the threshold)."""
        view, model = (self.by_group_view, self.by_group) if self.views.currentWidget() is self.by_group_view else (
            self.by_org_view, self.by_org)
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        row = view.model().row_at(rows[0].row()) if rows else next(
            (r for r in sorted(model.rows, key=lambda r: r.rate if r.rate is not None else 1) if r.below_threshold), None)
        if row is None:
            return {}
        concern = (f"Attendance of {row.attended} of {row.expected} meetings ({_rate(row)}) "
                   f"{'at ' + row.group_name if row.group_id else 'across the groups'}, below the {self._threshold_text}.")
        return {"organisation_id": row.organisation_id, "group_id": row.group_id, "concern": concern}

    def period(self) -> tuple[date | None, date | None]:
        return self.date_from.value(), self.date_to.value()

    def loading(self) -> bool:
        """True while the figures are being worked out."""
        return self.reading.loading()

    def reload(self) -> None:
        """Work the figures out again in a worker thread (the first time, for the financial year
        of the latest register filled in); they are shown when they arrive."""
        self._stale = False
        self.error.hide()
        try:
            date_from, date_to = self.period()
        except ValueError as exc:
            self._failed(exc)
            return
        latest_wanted, self._period_chosen = not self._period_chosen, True
        db, group_id = self.db, self.group.currentData()
        self._shown_period = (date_from, date_to)

        def read():
            latest = at.latest_period_with_data(db) if latest_wanted else None
            start, end = latest or (date_from, date_to)
            return latest, (start, end), ms.list_groups(db), at.attendance_monitoring(db, start, end, group_id=group_id)

        self.summary.setText("Working out the attendance…")
        self.reading.start(read)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(explain(exc))
        self.error.show()
        if self.summary.text().startswith("Working out"):
            self.summary.clear()

    def _arrived(self, answer) -> None:
        latest, (date_from, date_to), groups, report = answer
        if latest is not None:
            self._show_period(latest)
            self._shown_period = latest
        refill_group_filter(self.group, groups)
        self.threshold.blockSignals(True)
        self.threshold.setValue(round(report.threshold))
        self.threshold.blockSignals(False)
        self._threshold_text = f"{report.threshold:g}% threshold"
        for kind, action in self.kind_actions.items():
            action.blockSignals(True)
            action.setChecked(kind not in report.kinds_not_counted)
            action.blockSignals(False)
        for view, model, rows in ((self.by_org_view, self.by_org, report.by_organisation),
                                  (self.by_group_view, self.by_group, report.by_group),
                                  (self.by_seat_view, self.by_seat, report.by_seat)):
            model.set_rows(rows)
            fit_columns(view, model.columns, model.shown, MAX_COLUMN_WIDTH)  # long names elided, in full on hover
        below = sum(1 for r in report.by_organisation if r.below_threshold)
        n = report.planned_but_past
        still_planned = (
            f" {n} meeting{'s' if n != 1 else ''} in this period {'are' if n != 1 else 'is'} still marked planned "
            f"though {'their' if n != 1 else 'its'} date has passed, so {'they are' if n != 1 else 'it is'} not "
            f"counted as held: open {'each one' if n != 1 else 'it'} and mark it held (or cancelled)."
            if n else ""
        )
        period = period_words(date_from, date_to)
        # the same words as the workbook's About sheet
        counted = meetings_counted(report.meetings_held, report.meetings_not_counted, report.still_to_come)
        registers = "".join(f" {s}" for s in (report.without_register_sentence, report.nobody_present_sentence) if s)
        if not report.by_organisation:
            self.summary.setText(
                f"No attendance recorded from {period}: {counted} Mark a meeting as held and fill in its "
                "register to see rates here." + still_planned + registers
            )
            return
        kinds = ", ".join(k.label.lower() for k in report.kinds_not_counted)
        k = report.meetings_of_kinds_not_counted
        not_counted_kinds = (
            f" {k} held meeting{'s' if k != 1 else ''} of {'kinds' if k != 1 else 'a kind'} not counted ({kinds}) "
            f"{'are' if k != 1 else 'is'} left out." if k else ""
        )
        self.summary.setText(
            f"From {period}: {counted}{not_counted_kinds} {_below(below, report.threshold)} Attending by deputy "
            "counts as attending; the secretariat, advisers and guests never count for an organisation."
            + still_planned + registers
        )

    def export(self) -> None:
        try:
            date_from, date_to = self.period()
        except ValueError as exc:
            show_error(self, "Export attendance", exc)
            return
        options = {k: v for k, v in (("date_from", date_from), ("date_to", date_to)) if v is not None}
        job = jobs.find("report", "attendance")
        save_job(self, self.db, job, job.outputs[0], options, "Attendance report.xlsx", "Attendance report")


def _below(n: int, threshold: float) -> str:
    """How many organisations attended less than the threshold, highlighted in the table."""
    if not n:
        return f"No organisation attended less than {threshold:g}%."
    if n == 1:
        return f"1 organisation attended less than {threshold:g}% and is highlighted."
    return f"{n:,} organisations attended less than {threshold:g}% and are highlighted."
