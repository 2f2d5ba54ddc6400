"""Shows a chart of `reports.charts` in the window: the very SVG drawing the PDF prints.

    view = ChartView(parent)
    view.set_chart(chart)          # a reports.charts.Chart, or None for an empty message

The drawing is made again at the width the view has (so labels keep their size as the window
grows) and painted with QtSvg. A view made with `background=True` makes its drawings in a worker
thread (a chart of sixty organisations takes longer than the window may pause), painting the
last one stretched, or nothing, until the new one is ready. Under it, "Show the numbers" opens the table behind the chart;
the chart's text alternative is the view's accessible description.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QFontDatabase, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget

from bscp_desktop import paths
from bscp_desktop.ui.common.editors import after_a_pause
from bscp_desktop.ui.common.labels import as_typed, plain_label
from bscp_desktop.ui.common.table_model import tab_moves_on

if TYPE_CHECKING:
    from bscp_desktop.reports.charts import Chart

#: Screen pixels per point of the drawing: the PDF's 7.5 pt labels read as about 10 px.
SCALE = 1.35
MIN_WIDTH_PT = 300

_fonts_loaded = False
_fonts_lock = threading.Lock()


def load_chart_fonts() -> None:
    """Give Qt the fonts the PDF uses, so the window draws the chart's text the same way (once;
    the window does it in a worker thread after start-up, as Qt's font database allows, since
    reading the files took tens of milliseconds of the window's thread)."""
    global _fonts_loaded
    with _fonts_lock:
        if _fonts_loaded:
            return
        for path in sorted(paths.resource("fonts").glob("*.ttf")):
            if "Oblique" not in path.name:  # labels are never italic
                QFontDatabase.addApplicationFont(str(path))
        _fonts_loaded = True


def drawing_for(chart: Chart, width: int) -> tuple[int, bytes]:
    """(width, the chart's SVG for a canvas that wide): safe in a worker thread, so a page can
    have its charts drawn before they reach the window."""
    from bscp_desktop.reports.charts import chart_svg
    return width, chart_svg(chart, max(MIN_WIDTH_PT, width / SCALE))


class ChartCanvas(QWidget):
    """Paints one chart's SVG, made at the canvas's own width."""

    def __init__(self, parent: QWidget | None = None, background: bool = False):
        super().__init__(parent)
        load_chart_fonts()
        self.background = background
        self._drawing: tuple[int, int] | None = None  # (chart, width) being drawn in a worker
        self._task = None
        self.chart: Chart | None = None
        self._renderer = QSvgRenderer(self)
        self._made_for: tuple[int, int] | None = None
        # While the window is being resized the last drawing is stretched, and made again
        # once the width settles (a drawing takes tens of milliseconds).
        self._settle = after_a_pause(self, 150, self._redraw)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(int(MIN_WIDTH_PT * SCALE))

    def set_chart(self, chart: Chart | None, prepared: tuple[int, bytes] | None = None) -> None:
        """Show `chart`; `prepared` is (width, drawing) made off the UI thread by `drawing_for`,
        used when the canvas still has that width (else the chart is drawn when painted)."""
        self.chart = chart
        self._made_for = None
        if chart is not None:
            from bscp_desktop.reports.charts import drawing_size
            self.setFixedHeight(int(drawing_size(chart, MIN_WIDTH_PT)[1] * SCALE) + 2)
            if prepared is not None and prepared[0] == self.width():
                self._renderer.load(QByteArray(prepared[1]))
                self._made_for = (id(chart), self.width())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(int(480 * SCALE), self.height())

    def svg(self) -> bytes:
        """The SVG for the current width (also what the view paints)."""
        return drawing_for(self.chart, self.width())[1] if self.chart is not None else b""

    def render_now(self) -> None:
        """Make the drawing for the current width (normally done when painted)."""
        if self.chart is not None:
            self._renderer.load(QByteArray(self.svg()))
            self._made_for = (id(self.chart), self.width())

    def drawn(self) -> bool:
        """True when the drawing painted is the chart's, at the canvas's width."""
        return self.chart is None or self._made_for == (id(self.chart), self.width())

    def loading(self) -> bool:
        """True while its drawing is being made in a worker (what waits for a page to be ready,
        a picture of the window say, waits for it too). A chart never painted (scrolled out of
        sight) is not waited for: its drawing is made when it is first painted."""
        return self._drawing is not None

    def _draw_in_background(self) -> None:
        chart, width = self.chart, self.width()
        if chart is None or self._drawing == (id(chart), width):
            return
        from bscp_desktop.ui.common.worker import BackgroundTask
        self._drawing = wanted = (id(chart), width)
        self._task = BackgroundTask(self, "Drawing the chart", lambda _p: drawing_for(chart, width)[1],
                                    show_progress=False)
        self._task.done.connect(lambda svg: self._drawn(wanted, svg))
        self._task.error.connect(lambda _exc: setattr(self, "_drawing", None))
        self._task.start()

    def _drawn(self, wanted: tuple[int, int], svg: bytes) -> None:
        self._drawing = None
        if self.chart is not None and wanted == (id(self.chart), self.width()):
            self._renderer.load(QByteArray(svg))
            self._made_for = wanted
        self.update()  # painted; drawn again if the width moved on meanwhile

    def _redraw(self) -> None:
        if self.background:
            self._draw_in_background()
            return
        self.render_now()
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._made_for is not None and self._made_for[1] != self.width():
            self._settle.start()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.chart is None:
            return
        current = (id(self.chart), self.width())
        if self._made_for is None or self._made_for[0] != current[0]:
            if not self.background:
                self.render_now()
            else:  # nothing of this chart drawn yet: blank until its drawing is ready
                self._draw_in_background()
                painter = QPainter(self)
                painter.fillRect(self.rect(), Qt.GlobalColor.white)
                painter.end()
                return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        size = self._renderer.defaultSize()
        if self._made_for == current:
            target = QRectF(0, 0, size.width() * SCALE, size.height() * SCALE)
        else:  # stretched to the new width until it is drawn again
            target = QRectF(0, 0, self.width(), size.height() * SCALE)
        self._renderer.render(painter, target)
        painter.end()


class ChartView(QWidget):
    """A chart, its text alternative for screen readers, and the numbers behind it."""

    def __init__(self, parent: QWidget | None = None, empty_text: str = "No figures to show yet.",
                 background: bool = False):
        super().__init__(parent)
        self.empty_text = empty_text
        self.canvas = ChartCanvas(self, background)
        self.empty = plain_label(empty_text, self)  # may name a group or course
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555555; padding: 16px;")
        self.toggle = QToolButton(self)
        self.toggle.setText("Show the numbers")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName("Show the numbers behind the chart")
        self.toggle.toggled.connect(self._show_numbers)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVisible(False)
        self.table.setAccessibleName("Numbers behind the chart")
        tab_moves_on(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        layout.addWidget(self.empty)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table)
        layout.addStretch(1)  # a chart shorter than its place sits at the top of it
        self.set_chart(None)

    @property
    def chart(self) -> Chart | None:
        return self.canvas.chart

    def set_chart(self, chart: Chart | None, prepared: tuple[int, bytes] | None = None) -> None:
        self.canvas.set_chart(chart, prepared)
        has = chart is not None
        self.canvas.setVisible(has)
        self.empty.setVisible(not has)
        self.toggle.setVisible(has)
        self.table.setVisible(has and self.toggle.isChecked())
        if chart is None:
            self.setAccessibleName("Chart")
            self.setAccessibleDescription(self.empty_text)
            self.table.clear()
            return
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(chart.text_alternative)
        self.canvas.setAccessibleName(chart.title)
        self.canvas.setAccessibleDescription(chart.text_alternative)
        self.canvas.setToolTip(as_typed(chart.text_alternative))  # names organisations or topics as typed
        self._fill_table(chart)

    def _fill_table(self, chart: Chart) -> None:
        headers = chart.table_headers()
        rows = chart.table_text_rows()
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(f"Numbers behind the chart: {chart.title}")
        self.toggle.setAccessibleName(f"Show the numbers behind the chart: {chart.title}")  # two charts told apart
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(min(len(rows), 12)))
        self.table.setFixedHeight(max(height, 60))

    def _show_numbers(self, shown: bool) -> None:
        self.table.setVisible(shown and self.chart is not None)
        self.toggle.setText("Hide the numbers" if shown else "Show the numbers")
