"""Partner engagement (Reports > Partner engagement…, or Engagement… on an organisation in
Memberships): a sortable table of every organisation's engagement over a period, worked out
away from the window's thread, and each organisation's own workbook.

The table is wider than a laptop's screen and scrolls sideways; the window opens as wide as its
screen allows (`wanted_size`). Its columns are as wide as their text up to a limit (a longer
text, such as the groups an organisation is below the threshold at, ends with "…" and shows
whole on hover), and the column the window's edge would cut through is
narrowed to end at the edge, or left wholly beyond it for the scroll bar (`ends_at_the_edge`):
no text is cut off mid-word where the window ends."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QPushButton, QStyle, QTableView, QVBoxLayout, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.domain.text import counted
from bscp_desktop.jobs.engagement import default_period
from bscp_desktop.services import engagement as en
from bscp_desktop.ui.common.column_widths import for_the_text_size, heading_widths
from bscp_desktop.ui.common.dialog_fit import open_beside
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import captioned, when_resized, wrapping_row
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH, offer_tool
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import safe_file_name, save_job
from bscp_desktop.ui.common.table_model import CELL_PADDING, Column, RecordTableModel, longest_texts, read_only_rows
from bscp_desktop.ui.common.worker import BackgroundTask
from bscp_desktop.ui.yearly_report.window import alive


def _rate(r: en.Engagement) -> str:
    """As the Attendance tab and the yearly report print a rate: 5 of 8 is 63%."""
    return "" if r.attendance_rate is None else format_percent(Decimal(str(r.attendance_rate)) / 100)


def _below(r: en.Engagement) -> str:
    return ", ".join(g.group for g in r.groups if g.below_threshold)


NOT_AVAILABLE = "Not available"  # an audit return figure the login may not read (`en.AUDITS_NOT_READ`), never 0


def _returns(header: str, figure: str) -> Column:
    """An audit return figure's column: the count, or "Not available" with why on hover."""
    def value(r: en.Engagement):
        return getattr(r, figure) if r.audit_returns_counted else NOT_AVAILABLE
    return Column(header, value, align_right=True, sort=lambda r: getattr(r, figure),
                  tooltip=lambda r: "" if r.audit_returns_counted else f"{en.AUDITS_NOT_READ}.")


NOTHING_IN_PERIOD = "No organisation took part in anything in this period."
NO_ORGANISATIONS = "No organisations yet: add the partner organisations in the Memberships tab."  # none current

ORGANISATION_WIDTH = 400  # the organisation's name: most are whole at this width
EDGE_LEAST = 60  # a column narrowed to end at the window's edge keeps at least this and its heading
WINDOW_HEIGHT = 620  # the window's height as it opens (its width from what it shows: `wanted_size`)


COLUMNS = [
    Column("Organisation", lambda r: r.organisation, tooltip=lambda r: r.organisation),
    Column("Meetings expected", lambda r: r.meetings_expected, align_right=True),
    Column("Attended", lambda r: r.meetings_attended, align_right=True),
    Column("Attendance rate", _rate, align_right=True, sort=lambda r: r.attendance_rate),
    Column("Below the threshold at", _below, tooltip=_below),
    Column("Training bookings", lambda r: r.bookings, align_right=True),
    Column("Training attended", lambda r: r.attended, align_right=True),
    Column("No-shows", lambda r: r.no_shows, align_right=True),
    Column("Charges due", lambda r: format_money(r.charges_due), align_right=True, sort=lambda r: r.charges_due),
    Column("Section 11 return", lambda r: r.s11_text, tooltip=lambda r: r.s11_text),
    _returns("Audit returns on time", "audit_returns_on_time"),
    _returns("Audit returns late", "audit_returns_late"),
    Column("Contribution agreed", lambda r: format_money(r.contribution_agreed), align_right=True, sort=lambda r: r.contribution_agreed),
    Column("Contribution received", lambda r: format_money(r.contribution_received), align_right=True, sort=lambda r: r.contribution_received),
    # not cash: what it is, its years and notional value, as the finance summary states it
    Column("Contribution in kind", lambda r: r.in_kind_text, tooltip=lambda r: r.in_kind_text),
]


#: What an organisation's engagement is counted from: seats and registers, bookings, payments,
#: Section 11 returns and the attendance threshold.
COUNTED = (RecordKind.MEMBERSHIPS, RecordKind.MEETINGS, RecordKind.TRAINING, RecordKind.FINANCE, RecordKind.AUDITS,
           RecordKind.SETTINGS)


class EngagementWindow(ReloadsWhenShown, QDialog):
    """Every organisation's engagement in a period; worked out again when what it counts changes."""

    def __init__(self, db, parent: QWidget | None = None, organisation_id: int | None = None):
        super().__init__(parent)
        self.db = db
        self.organisation_id = organisation_id
        start, end = default_period(db)
        self.date_from = DateEdit(self, start)
        self.date_from.setAccessibleName("From")
        self.date_to = DateEdit(self, end)
        self.date_to.setAccessibleName("To")
        self.show_button = QPushButton("Show", self)
        self.show_button.clicked.connect(self.load)
        self.workbook_button = QPushButton("Workbook of the chosen organisation…", self)
        self.workbook_button.clicked.connect(self.save_partner_workbook)
        self.state = plain_label("", self, wrap=True)  # may quote the dates typed
        self.state.setStyleSheet("color: #555555;")
        self.model = RecordTableModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, "Engagement of every organisation", sort=True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        when_resized(self.table.viewport(), lambda: self.model.rows and self.fit_columns(), self, width=True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        # on a narrow screen at a large text size the workbook button goes on to a second line
        # instead of squeezing the dates
        self.bar = wrapping_row(*captioned(self, ("From:", self.date_from), ("To:", self.date_to)), self.show_button, 1,
                           self.workbook_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        open_beside(self, "Partner engagement", self.wanted_size())
        self.task: BackgroundTask | None = None
        self._shown_period: tuple = (None, None)  # (first day, last day) of the figures on screen
        self._again = False  # a change heard while the figures were being worked out
        self._update()
        self.watch(db, *COUNTED)
        self.load()

    def wanted_size(self) -> QSize:
        """Wide enough for the bar of dates and buttons on one line and for every column at least
        as wide as its heading (as `fit_columns` makes them), `open_beside` keeping it within the
        screen: on a laptop the window opens as wide as the screen allows."""
        columns = sum(headings(self.table))
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
        table = columns + 2 * self.table.frameWidth() + scroll_bar
        margins = self.layout().contentsMargins()
        width = max(self.bar.sizeHint().width(), table) + margins.left() + margins.right()
        return QSize(width, WINDOW_HEIGHT)

    def reload(self) -> None:
        """Someone changed what the figures count (a name, a register, a booking, a payment)."""
        if self.loading():
            self._again = True
        else:
            self.load()

    def loading(self) -> bool:
        """Whether the figures are still being worked out (screenshots wait for them)."""
        return not self.show_button.isEnabled()

    def _update(self) -> None:
        offer_tool(self.workbook_button, "" if self.chosen() is not None else
                   "Choose an organisation in the table first: the workbook is of the one chosen")

    def chosen(self) -> en.Engagement | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def load(self) -> None:
        try:
            start, end = self.date_from.value(), self.date_to.value()
        except ValueError as exc:
            self.state.setText(f"The dates: {exc}")
            return
        self.state.setText("Working out every organisation's engagement…")
        self.show_button.setEnabled(False)
        # no parent: the task outlives this window if it is closed meanwhile (it ends by itself)
        self.task = BackgroundTask(None, "Partner engagement", lambda _p, db=self.db: en.engagement(db, start, end),
                                   show_progress=False)
        self.task.done.connect(lambda rows: alive(self._loaded, rows, (start, end)))
        self.task.error.connect(lambda exc: alive(self._failed, exc))
        self.task.start()

    def _failed(self, exc) -> None:
        self.show_button.setEnabled(True)
        self._again = False
        self.state.setText("")
        show_error(self, "Partner engagement", exc)

    def _loaded(self, rows: list[en.Engagement], period: tuple = (None, None)) -> None:
        self.show_button.setEnabled(True)
        if self._again:
            self._again = False
            self.load()
            return
        self._shown_period = period
        shown = [r for r in rows if r.has_anything or r.organisation_id == self.organisation_id]
        self.model.set_rows(shown)
        self.fit_columns()
        below = sum(1 for r in shown if r.below_threshold)
        self.state.setText(
            f"{counted(len(shown), 'organisation')} took part in the period; {below} below the attendance threshold in a group. "
            "Click a heading to sort." if shown else NO_ORGANISATIONS if not rows else NOTHING_IN_PERIOD)
        if any(not r.audit_returns_counted for r in rows):  # shown as not available, never as 0
            self.state.setText(f"{self.state.text()} {en.AUDITS_NOT_READ}.")
        if self.organisation_id is not None:
            ids = [r.organisation_id for r in self.model.rows]
            if self.organisation_id in ids:
                self.table.selectRow(ids.index(self.organisation_id))
        self._update()

    def fit_columns(self) -> None:
        """Each column as wide as its text (within limits), none cut off by the window's edge."""
        cells = self.table.fontMetrics()
        caps = [for_the_text_size(cap, self.table.font()) for cap in (ORGANISATION_WIDTH, MAX_COLUMN_WIDTH)]  # larger text, wider
        texts = longest_texts(COLUMNS, self.model.rows)
        for number, (longest, heading) in enumerate(zip(texts, headings(self.table), strict=True)):
            widest = max((cells.horizontalAdvance(text) for text in longest), default=0) + CELL_PADDING
            self.table.setColumnWidth(number, max(min(widest, caps[0] if number == 0 else caps[1]), heading))
        ends_at_the_edge(self.table)

    def save_partner_workbook(self) -> None:
        row = self.chosen()
        if row is None:
            return
        job = jobs.find("report", "partner")
        start, end = self._shown_period  # the period of the figures on screen, whatever is typed since
        options = {"organisation": str(row.organisation_id), "date_from": start, "date_to": end}
        save_job(self, self.db, job, job.outputs[0], options, safe_file_name(f"{row.organisation} engagement.xlsx"))


def headings(view: QTableView) -> list[int]:
    """The width each column's heading needs whole at the table's text size: in bold, as the
    header draws it once a row is chosen, with room for the sort arrow (`heading_widths`)."""
    model = view.model()
    titles = [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in range(model.columnCount())]
    return heading_widths(view.horizontalHeader(), titles, arrows=True)


def ends_at_the_edge(view: QTableView) -> None:
    """Narrow the column the view's right edge cuts through so that it ends at the edge (its
    text elided, whole on hover); where that would leave it less than its heading, widen the
    column before it instead, so that it starts at the edge, wholly beyond it (reached with the
    scroll bar). Columns from the first, as the table opens."""
    header = view.horizontalHeader()
    room, start = view.viewport().width(), 0
    for column in range(header.count()):
        width = header.sectionSize(column)
        if start + width > room:
            if start >= room or column == 0:
                return
            gap = room - start
            least = max(EDGE_LEAST, headings(view)[column])
            if gap >= least:
                view.setColumnWidth(column, gap)
            else:
                view.setColumnWidth(column - 1, header.sectionSize(column - 1) + gap)
            return
        start += width


def open_engagement(parent: QWidget, db, organisation_id: int | None = None) -> EngagementWindow:
    window = EngagementWindow(db, parent, organisation_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
