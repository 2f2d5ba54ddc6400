"""Figures and charts for a period against the one before: key figures with the counts behind
every rate, attendance by course topic and by organisation, year on year, evaluation results,
and the tables by course, topic, organisation and sector.

The figures are worked out in a worker thread (a decade of bookings adds up in well under a
second), with the charts' drawings and the tables' text, so choosing a period never holds the
window up: the window only puts them in place, a part per turn.
"""

from __future__ import annotations

from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.evaluations import shown_scores
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.training import Figures, Rate, not_counted_yet
from bscp_desktop.jobs.training import figures_data, key_figure_rows
from bscp_desktop.services.training import figures as fg
from bscp_desktop.ui.common.chart_view import ChartView, drawing_for
from bscp_desktop.ui.common.columns import FullTextOnHover
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.table_model import Column, fit_columns, longest_texts, tab_moves_on
from bscp_desktop.ui.common.turns import PartByPart
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.training.period import LAST_QUARTER, LAST_YEAR, THIS_QUARTER, THIS_YEAR, PeriodBar, offer_recent_years_later
from bscp_desktop.ui.training.registrations import RegistrationsDialog

COUNT_HEADERS = ["Sessions", "Places", "Bookings", "Attended", "No-shows", "Cancelled (late)", "Waitlisted",
                 "Attendance rate", "Take-up", "No-show rate", "Cancellation rate"]
SPARE_TO = "spare_to"  # a `read_only_table`'s column that takes the spare width
#: On a narrow window a row's name (a course, a topic, an organisation, a sector), which the row
#: is read by, keeps this many characters' width a line (a longer one goes on to a second line).
NAME_LEAST_CHARS = 20


def read_only_table(headers: list[str], name: str, stretch: int = 0) -> QTableWidget:
    """A table to read; column `stretch` takes the spare width. Its columns are fitted as every
    list's are each time it is filled (`fill`, `fit_to`): the figures whole, a long name cut
    short (whole on hover) only on a window too narrow for it."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setAccessibleName(name)
    table.setItemDelegate(FullTextOnHover(table))  # a name cut short shows whole on hover
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setProperty(SPARE_TO, stretch)
    tab_moves_on(table)
    return table


def fit_to(table: QTableWidget, rows: list[list[str]], right_from: int) -> None:
    """Fit a table's columns to its headings and the rows' texts, as every list's are: the
    columns from `right_from` (counts, rates) are figures, kept whole, and the names share the
    room they leave, down to `NAME_LEAST_CHARS` each (the table then scrolls sideways); room to
    spare goes to the table's `stretch` column. The tables are not sorted by their headings, so
    no room is kept there for a sort arrow."""
    columns = [Column(table.horizontalHeaderItem(c).text(), itemgetter(c), align_right=c >= right_from)
               for c in range(table.columnCount())]
    fit_columns(table, columns, rows, MAX_COLUMN_WIDTH, texts=longest_texts(columns, rows, len(rows) or 1),
                arrows=False, least_chars=NAME_LEAST_CHARS, spare_to=table.property(SPARE_TO))


def as_text(rows: list[list]) -> list[list[str]]:
    """Rows of values as a table shows them (a Rate as '71% (150 of 212)', a count as '3,362',
    as the changes beside them say it): safe in a worker."""
    return [[value if isinstance(value, str) else value.text if isinstance(value, Rate)
             else "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
             for value in row] for row in rows]


def fill(table: QTableWidget, rows: list[list], right_from: int = 1, fit: bool = False) -> None:
    """Put rows of values (see `as_text`) in a table, its columns fitted to them (`fit_to`, for a
    `read_only_table`). With `fit` the table is exactly as tall as its rows (up to 24 of them);
    otherwise at least a few rows tall."""
    table.setSortingEnabled(False)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    texts = as_text(rows)
    table.setRowCount(len(rows))
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c >= right_from:
                item.setTextAlignment(right)
            table.setItem(r, c, item)
    shown = min(len(rows), 24 if fit else 14)
    if fit:  # every row shows: no room is kept for a scroll bar
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if shown == len(rows) else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    if table.property(SPARE_TO) is not None:  # a `read_only_table`
        fit_to(table, texts, right_from)
    height = table.horizontalHeader().sizeHint().height() + sum(table.rowHeight(r) for r in range(shown)) + 6
    if fit:
        table.setFixedHeight(max(height, 60))
    else:
        table.setMinimumHeight(min(max(height, 80), 460))


def figure_row(label: str, f: Figures, places: bool = True) -> list:
    return [label, f.sessions, f.places if places else "", f.bookings, f.attended, f.no_shows,
            f"{f.cancellations:,} ({f.late_cancellations:,})", f.waitlisted, f.attendance_rate,
            f.take_up if places else "", f.no_show_rate, f.cancellation_rate]


class FiguresPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.report: fg.FiguresReport | None = None
        self.reading = LatestRead(self, "training figures", lambda answer: self._show(*answer), self._failed)
        self.showing = PartByPart(self)  # a report, a part per turn
        self.period_bar = PeriodBar([THIS_YEAR, LAST_YEAR, THIS_QUARTER, LAST_QUARTER], THIS_YEAR)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555555;")
        self.registrations_button = QPushButton("Registrations…", self)
        self.registrations_button.setToolTip("New LMS accounts per month")
        top = QHBoxLayout()
        top.addWidget(self.period_bar)
        top.addStretch(1)
        top.addWidget(self.registrations_button)
        self.registrations_button.clicked.connect(self.edit_registrations)

        self.key = read_only_table(["Figure", "This period", "Previous period", "Change"], "Key figures", stretch=3)
        self.charts = QTabWidget(self)
        self.charts.setAccessibleName("Charts")
        self.topic_chart = ChartView(self, "No sessions have run in this period yet.", background=True)
        self.organisation_chart = ChartView(self, "No bookings from organisations in this period yet.", background=True)
        self.year_chart = ChartView(self, "No years with sessions yet.", background=True)
        self.rate_chart = ChartView(self, "No years with sessions yet.", background=True)
        for view, title in ((self.topic_chart, "By course topic"), (self.organisation_chart, "By organisation"),
                            (self.year_chart, "Year on year"), (self.rate_chart, "Rates year on year")):
            self.charts.addTab(view, title)
        self.tables = QTabWidget(self)
        self.tables.setAccessibleName("Figures tables")
        self.by_course = read_only_table(["Course", *COUNT_HEADERS], "Figures by course")
        self.by_topic = read_only_table(["Topic", *COUNT_HEADERS], "Figures by topic")
        self.by_organisation = read_only_table(["Organisation", "Sector", *COUNT_HEADERS], "Figures by organisation")
        self.by_sector = read_only_table(["Sector", *COUNT_HEADERS], "Figures by sector")
        self.years = read_only_table(["Financial year", *COUNT_HEADERS, "Registrations"], "Year on year")
        self.gains = read_only_table(["Course", "Evaluations", "Before", "After", "Learning gain",
                                      "Follow-ups (delegate / manager)"], "Evaluation results")
        for table, title in ((self.by_course, "By course"), (self.by_topic, "By topic"),
                             (self.by_organisation, "By organisation"), (self.by_sector, "By sector"),
                             (self.years, "Year on year"), (self.gains, "Evaluations")):
            self.tables.addTab(table, title)

        body = QWidget()
        inner = QVBoxLayout(body)
        for widget in (self.status, self.key, self.charts, self.tables):
            inner.addWidget(widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # the scroll bar always takes its room: the charts keep their width (they are drawn for it)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables and charts in it, as on Finance > Summary
        scroll.setAccessibleName("Figures and charts")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.period_bar.changed.connect(lambda _p: self.reload())
        self._defaulted = self._choosing_year = False
        self.watch(db, RecordKind.TRAINING, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS)
        self.refresh()

    def loading(self) -> bool:
        """True while the page is being read, or the chart on screen drawn, in the background."""
        return (self._choosing_year or self.reading.loading() or self.showing.busy()
                or any(view.canvas.isVisible() and not view.canvas.drawn() for view in self.chart_views().values()))

    def edit_registrations(self) -> None:
        RegistrationsDialog(self.db, self).exec()

    def reload(self) -> None:
        if not self._defaulted:  # first, the latest year in which sessions ran is chosen
            self._defaulted = self._choosing_year = True
            self.status.setText("Working out the figures…")
            offer_recent_years_later(self, self.period_bar, self.db, self.reload)
            return
        self._choosing_year = False
        self.showing.stop()  # what is still being shown of the last figures is no longer wanted
        db, period = self.db, self.period_bar.period
        self.status.setText("Working out the figures…")

        # the charts share one place (a tab each), so each is drawn at the width of the one shown
        width = self.charts.currentWidget().canvas.width()
        widths = {name: width for name in self.chart_views()}

        def job():
            report = fg.figures_report(db, period.start, period.end)
            return report, self.charts_of(report, widths), self.tables_of(report)

        self.reading.start(job)

    def _failed(self, exc) -> None:
        self.status.setText(f"The figures could not be worked out: {explain(exc)}")

    def chart_views(self) -> dict[str, ChartView]:
        return {"topic": self.topic_chart, "organisation": self.organisation_chart, "year": self.year_chart,
                "rate": self.rate_chart}

    @staticmethod
    def charts_of(report: fg.FiguresReport, widths: dict[str, int] | None = None) -> dict[str, tuple]:
        """{view: (chart, its drawing at the view's width)}, None for an empty one; made in the
        worker thread, so the window only shows them."""
        from bscp_desktop.reports import training as out
        data = figures_data(report)
        charts = {
            "topic": out.topic_chart(data) if report.by_topic else None,
            "organisation": out.organisation_chart(data) if report.by_organisation else None,
            "year": out.year_chart(data) if report.years else None,
            "rate": out.take_up_chart(data) if report.years else None,
        }
        return {name: (chart, drawing_for(chart, widths[name]) if chart is not None and widths else None)
                for name, chart in charts.items()}

    @staticmethod
    def tables_of(report: fg.FiguresReport) -> dict[str, list[list[str]]]:
        """Each table's rows as text (`as_text`); made in the worker thread with the figures."""
        total = figure_row("Total", report.total.figures)
        return {name: as_text(rows) for name, rows in {
            "by_course": [figure_row(r.label, r.figures) for r in report.by_course] + [total],
            "by_topic": [figure_row(r.label, r.figures) for r in report.by_topic] + [total],
            "by_organisation": [[r.label, r.detail, *figure_row("", r.figures, False)[1:]]
                                for r in report.by_organisation] + [["Total", "", *total[1:]]],
            "by_sector": [figure_row(r.label, r.figures, False) for r in report.by_sector] + [total],
            "years": [[y.label, *figure_row("", y.figures)[1:], y.registrations] for y in report.years],
            "gains": [[g.course_title, g.evaluations, *shown_scores(g.gain),
                       f"{g.delegate_follow_ups:,} / {g.manager_follow_ups:,}"]
                      for g in report.gains],
        }.items()}

    def _show(self, report: fg.FiguresReport, charts: dict[str, tuple] | None = None,
              tables: dict[str, list[list[str]]] | None = None) -> None:
        """Show a report, a part per turn of the event loop (the key figures, the charts, then
        each table), so the window answers in between."""
        self.report = report
        tables = tables or self.tables_of(report)
        parts = [lambda: self._show_key(report), lambda: self._show_charts(report, charts)]
        for name in tables:
            parts.append(lambda name=name: fill(getattr(self, name), tables[name],
                                                right_from=2 if name == "by_organisation" else 1))
        self.showing.run(parts)

    def _show_key(self, report: fg.FiguresReport) -> None:
        notes = [f"{report.period_label}, compared with {report.previous_period.label}. Bookings are every booking "
                 "except the waiting list; attendance rate is attended / bookings, take-up is attended / places."]
        if report.upcoming_sessions:  # as the training summary and the yearly report say it
            notes.append(not_counted_yet(report.upcoming_sessions, report.upcoming_bookings))
        if report.called_off_note:  # sessions the partnership called off are counted nowhere above
            notes.append(report.called_off_note)
        if report.empty:
            notes.append("No sessions have run in this period: choose another period.")
        self.status.setText(" ".join(notes))
        fill(self.key, key_figure_rows(report), fit=True)  # as the summary PDF and workbook list them
        for r in range(self.key.rowCount()):
            self.key.item(r, 3).setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _show_charts(self, report: fg.FiguresReport, charts: dict[str, tuple] | None) -> None:
        if charts is None:
            charts = self.charts_of(report)  # drawn when painted
        for name, view in self.chart_views().items():
            view.set_chart(*charts[name])
