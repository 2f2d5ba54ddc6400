"""A case's timeline: each statutory clock, expected against actual, as a table and a chart.

The table carries every fact in words (the chart repeats them for the eye, never alone).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSizePolicy, QStyle, QTableWidget, QTableWidgetItem, QWidget

from bscp_desktop.domain.case_review_clocks import STATUS_COLOURS, Clock
from bscp_desktop.domain.case_reviews import STAGES
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.ui.common.cell_columns import fit_to_cells
from bscp_desktop.ui.common.labels import as_typed, plain_label
from bscp_desktop.ui.common.layout import in_a_column
from bscp_desktop.ui.common.table_model import measured_once, tab_moves_on
from bscp_desktop.ui.common.turns import next_turn

CLOCK_HEADERS = ("Deadline", "Rule", "Counts from", "Due", "Done on", "Status", "Working days")
RULE_COLUMN = 1  # takes the room the other columns leave
#: A column's widest at the usual text size (wider at a larger one): a longer text wraps on more lines.
COLUMN_MOST = 260

_EXPECTED = QColor("#9db7d5")
_ON_TIME = QColor("#2e7d32")
_LATE = QColor("#c62828")
_TODAY = QColor("#6a1b9a")


def clock_row_texts(clock: Clock) -> list[str]:
    """The words of one table row (also used by tests and reports)."""
    extra = clock.extra_text()
    return [
        clock.label,
        clock.rule_text,
        format_date(clock.anchor_date),
        format_date(clock.due),
        format_date(clock.done_on),
        clock.status.label,
        extra,
    ]


class TimelineChart(QWidget):
    """One lane per clock: a bar from the date it counts from to its due date (expected), a
    diamond on the date it was done (green on time, red late) and a line for today. A lane is
    as tall as its clock's name needs, wrapped at the current text size (`lanes`)."""

    LANE = 34  # the least height of a lane
    TOP = 8
    AXIS = 36  # the least room under the lanes for the axis and its dates
    LABEL_GAP = 8  # between a clock's name and the axis's start
    LABEL_PADDING = 6  # above and below a clock's name in its lane, together
    LABEL_FLAGS = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextWordWrap

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.clocks: list[Clock] = []
        self.today: date | None = None
        self.setAccessibleName("Timeline chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)
        self._height = 0  # the height last asked for: asked again when the width changes it

    def set_clocks(self, clocks: list[Clock], today: date | None) -> None:
        self.clocks = [c for c in clocks if c.due is not None or c.done_on is not None]
        self.today = today
        words = [
            f"{c.label}: due {format_date_long(c.due)}"
            + (f", done {format_date_long(c.done_on)}" if c.done_on else "")
            + f", {c.status.label.lower()}"
            for c in self.clocks
        ]
        self.setAccessibleDescription("; ".join(words) or "No clocks have started yet")
        self.updateGeometry()
        self.update()

    def height_for(self, width: int) -> int:
        """The chart's height at `width`: its lanes, each as tall as its clock's name needs, and the axis."""
        metrics = QFontMetrics(self.font())
        lanes = self.lanes(metrics, width)
        bottom = lanes[-1][0] + lanes[-1][1] if lanes else self.TOP + self.LANE
        return bottom + max(self.AXIS, metrics.height() + 12) + 8

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        self._height = self.height_for(self.width() if self.isVisible() else 640)
        return QSize(640, self._height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.height_for(self.width()) != self._height:  # the names wrap on more or fewer lines
            self.updateGeometry()

    def label_width(self, metrics: QFontMetrics, width: int | None = None) -> int:
        """Room for the clocks' names at the chart's `width` (its own by default): the longest on
        one line, or on two lines of a lane of the least height (each word whole), but never more
        than two fifths of the chart (at a larger text size a name takes more lines: its lane
        grows to hold them)."""
        width = self.width() if width is None else width
        widest = max((metrics.horizontalAdvance(c.label) for c in self.clocks), default=0) + 12
        word = max((metrics.horizontalAdvance(w) for c in self.clocks for w in c.label.split()), default=0) + 12
        two_lines = metrics.lineSpacing() * 2 <= self.LANE
        wanted = widest if widest <= width * 0.4 or not two_lines else max(widest // 2 + 24, word)
        return int(min(max(wanted, 80), width * 0.4))

    def lanes(self, metrics: QFontMetrics, width: int | None = None) -> list[tuple[int, int]]:
        """Each clock's lane at the chart's `width` (its own by default): where it starts and how
        tall it is, as tall as the lines its name wraps to (at least `LANE`)."""
        room = QRect(0, 0, max(self.label_width(metrics, width) - self.LABEL_GAP, 1), 10_000)
        lanes, top = [], self.TOP
        for clock in self.clocks:
            height = max(self.LANE, metrics.boundingRect(room, self.LABEL_FLAGS, clock.label).height()
                         + self.LABEL_PADDING)
            lanes.append((top, height))
            top += height
        return lanes

    def _span(self) -> tuple[date, date]:
        days = [d for c in self.clocks for d in (c.anchor_date, c.due, c.done_on) if d]
        if self.today and any(c.open for c in self.clocks):  # finished cases keep their own span
            days.append(self.today)
        first, last = min(days), max(days)
        pad = max(2, (last - first).days // 20)
        return first - timedelta(days=pad), last + timedelta(days=pad)

    @staticmethod
    def _ticks(first: date, last: date) -> list[tuple[date, str]]:
        """Mondays for spans up to about four months, else the first of every few months."""
        total = (last - first).days
        if total <= 120:
            step = 7 if total <= 60 else 14
            tick = first + timedelta(days=(7 - first.weekday()) % 7)
            ticks = []
            while tick <= last:
                ticks.append((tick, format_date_long(tick).rsplit(" ", 1)[0]))
                tick += timedelta(days=step)
            return ticks
        step_months = max(1, round(total / 30 / 8))
        ticks = []
        tick = date(first.year, first.month, 1)
        while tick <= last:
            if tick >= first:
                ticks.append((tick, format_date_long(tick).split(" ", 1)[1]))
            month = tick.month - 1 + step_months
            tick = date(tick.year + month // 12, month % 12 + 1, 1)
        return ticks

    def _axis(self, metrics: QFontMetrics) -> tuple[date, int, float, float]:
        """The first day shown, the days shown, and where the axis starts and ends."""
        first, last = self._span()
        left = self.label_width(metrics)
        right = self.width() - 16
        return first, max((last - first).days, 1), left, max(right - left, 10)

    def tick_labels(self, metrics: QFontMetrics) -> list[tuple[float, float, str]]:
        """Each tick of the axis: where it is, where its date starts and the date. A date starts
        just after its tick, or ends at the chart's edge where it would run past it; a date with
        no room after the one before it is left out ("") and its tick stays."""
        first, total, left, width = self._axis(metrics)
        labels = []
        free = 0.0  # where the next date may start
        for tick, text in self._ticks(*self._span()):
            x = left + width * (tick - first).days / total
            start = min(x + 2, self.width() - 2 - metrics.horizontalAdvance(text))
            if start < free:
                text = ""
            else:
                free = start + metrics.horizontalAdvance(text) + metrics.horizontalAdvance("  ")
            labels.append((x, start, text))
        return labels

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = QFontMetrics(self.font())
        if not self.clocks:
            painter.setPen(palette.text().color())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter,
                "No clock has started yet: record the date the local authority became aware.",
            )
            return
        first, total, left, width = self._axis(metrics)
        last, right = first + timedelta(days=total), left + width

        def x_of(d: date) -> float:
            return left + width * (d - first).days / total

        lanes = self.lanes(metrics)
        bottom = lanes[-1][0] + lanes[-1][1]
        # axis with month ticks
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawLine(QPointF(left, bottom + 2), QPointF(right, bottom + 2))
        for x, text_x, text in self.tick_labels(metrics):
            painter.drawLine(QPointF(x, bottom + 2), QPointF(x, bottom + 6))
            painter.setPen(palette.text().color())
            painter.drawText(QPointF(text_x, bottom + 4 + metrics.ascent()), text)
            painter.setPen(QPen(palette.mid().color(), 1))

        for (y, lane), clock in zip(lanes, self.clocks, strict=True):
            mid = y + lane / 2
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(0, y, left - self.LABEL_GAP, lane), self.LABEL_FLAGS, clock.label)
            if clock.anchor_date and clock.due:
                a, b = sorted((x_of(clock.anchor_date), x_of(clock.due)))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(_EXPECTED))
                painter.drawRect(QRectF(a, mid - 5, max(b - a, 2), 10))
            if clock.due:
                painter.setPen(QPen(QColor(STATUS_COLOURS[clock.status]).darker(160), 2))
                x = x_of(clock.due)
                painter.drawLine(QPointF(x, mid - 9), QPointF(x, mid + 9))
            if clock.done_on:
                x = x_of(clock.done_on)
                colour = _LATE if clock.status is DeadlineStatus.MET_LATE else _ON_TIME
                painter.setPen(QPen(colour.darker(130), 1))
                painter.setBrush(QBrush(colour))
                painter.drawPolygon(QPolygonF([QPointF(x, mid - 7), QPointF(x + 7, mid), QPointF(x, mid + 7), QPointF(x - 7, mid)]))
        if self.today and first <= self.today <= last:
            x = x_of(self.today)
            pen = QPen(_TODAY, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, self.TOP - 4), QPointF(x, bottom + 2))
            painter.setPen(_TODAY)
            font = QFont(self.font())
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QPointF(x + 3, self.TOP + metrics.ascent() - 6), "today")
        painter.end()


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _table_to_read(parent: QWidget, headers: tuple[str, ...], name: str) -> QTableWidget:
    """A table of the case's dates to read, not to choose from: no row numbers, long text wrapped."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    tab_moves_on(table)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its rows (`_fit_now`)
    return table


class TimelinePanel(QWidget):
    """Heading, clocks table, chart and a line of recorded stage dates for one tracker row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = _bold(plain_label("", self, wrap=True))  # the case's reference and alias, as typed
        self.table = _table_to_read(self, CLOCK_HEADERS, "Deadlines of the selected case")
        # each column as wide as its heading and text at the current text size, within limits
        # (`fit_to_cells`): the dates and statuses whole, the Rule taking the room the others
        # leave. On a narrow window (a laptop at 150%, a large text size) the deadline, rule and
        # working days share what the dates leave, wrapped on more lines but never narrower than
        # their headings; narrower still, the table scrolls sideways.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.chart = TimelineChart(self)
        self.legend = QLabel(
            "Chart: the blue bar runs from the date a clock counts from to its due date (the "
            "upright line); a diamond marks the date it was done (green on time, red late); the "
            "dashed line is today.",
            self,
        )
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555555;")
        self.stages_heading = _bold(QLabel("Recorded:", self))
        self.stages = _table_to_read(self, ("Recorded", "Date or value", "Recorded", "Date or value"), "Recorded stage dates")
        self.stages.horizontalHeader().setStretchLastSection(True)
        in_a_column(self, self.heading, self.table, self.chart, self.legend, self.stages_heading, self.stages,
                    1).setContentsMargins(0, 4, 0, 0)
        self.show_row(None)

    def _fit_height(self) -> None:
        """Show every clock and every recorded date without an inner scroll bar, each row as
        tall as its wrapped text (now, and again once the columns fitted to their text have
        their widths: Qt gives them on its next turn)."""
        self._fit_now()
        next_turn(self, self._fit_now)

    def _fit_now(self) -> None:
        for table in (self.table, self.stages):
            table.resizeRowsToContents()
            rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
            header_height = table.horizontalHeader().sizeHint().height()
            columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
            sideways = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table) \
                if columns > table.viewport().width() else 0  # its scroll bar under the rows, not over the last
            table.setFixedHeight(header_height + rows_height + sideways + 2 * table.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        next_turn(self, self._fit_now)  # not after the panel has gone

    def show_row(self, row) -> None:
        """Show a services.case_reviews.TrackerRow, or a hint when nothing is selected."""
        if row is None:
            self.heading.setText("Select a case to see its timeline: each deadline, when it was due and when it was met.")
            self.table.setRowCount(0)
            fit_to_cells(self.table, COLUMN_MOST, rest_to=RULE_COLUMN)
            self.chart.set_clocks([], None)
            self.set_recorded([])
            return
        case = row.case
        clocks = list(row.clocks)
        why = ""
        if not clocks and case.not_notifiable:
            why = (f". No clocks: considered on {format_date(case.considered_on)} and found not notifiable"
                   + (f" ({case.considered_meeting_title})" if case.considered_meeting_title else ""))
        self.heading.setText(f"Timeline for {case.reference} ({case.alias}): {row.stage}{why}")
        with measured_once(self.table):
            self.table.setRowCount(len(clocks))
            for r, clock in enumerate(clocks):
                for c, text in enumerate(clock_row_texts(clock)):
                    item = QTableWidgetItem(text)
                    if c in (0, 1, 6):
                        item.setToolTip(as_typed(text))  # a deadline and its rule may hold names typed
                    if c == 5:
                        item.setBackground(QBrush(QColor(STATUS_COLOURS[clock.status])))
                        item.setForeground(QBrush(QColor("#000000")))
                    self.table.setItem(r, c, item)
        fit_to_cells(self.table, COLUMN_MOST, rest_to=RULE_COLUMN)
        self.chart.set_clocks(clocks, row.today)
        recorded = [(s.label, format_date(getattr(case, s.key))) for s in STAGES if getattr(case, s.key)]
        if case.outcome is not None:
            recorded.insert(0, ("Outcome", case.outcome.label))
        if case.crg_recommendation is not None:
            recorded.append(("Case Review Group recommended", case.crg_recommendation.label))
        if case.decision is not None:
            recorded.append(("Decision", case.decision.label))
        if case.panel_view is not None:
            recorded.append(("Panel's view", case.panel_view.label))
        if case.delay_reason:
            recorded.append(("Reason for delay", case.delay_reason))
        self.set_recorded(recorded)

    def set_recorded(self, pairs: list[tuple[str, str]]) -> None:
        """What is recorded, as a small table: two (what, date or value) pairs a row."""
        half = (len(pairs) + 1) // 2
        with measured_once(self.stages):
            self.stages.setRowCount(half)
            self.stages.clearContents()
            for n, (what, value) in enumerate(pairs):
                row, column = (n, 0) if n < half else (n - half, 2)
                self.stages.setItem(row, column, QTableWidgetItem(what))
                self.stages.setItem(row, column + 1, QTableWidgetItem(value))
        fit_to_cells(self.stages, COLUMN_MOST)
        self.stages.setVisible(bool(pairs))
        self.stages_heading.setVisible(bool(pairs))
        self._fit_height()

    def recorded_pairs(self) -> list[tuple[str, str]]:
        """The (what, date or value) pairs shown, in order (for tests and screen readers)."""
        half = self.stages.rowCount()
        cells = [(r, c) for c in (0, 2) for r in range(half)]
        return [
            (self.stages.item(r, c).text(), self.stages.item(r, c + 1).text())
            for r, c in cells if self.stages.item(r, c) is not None
        ]
