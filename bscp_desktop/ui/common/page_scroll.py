"""A page taller than the space it is given scrolls instead of squeezing.

Qt shares a window's height among a page's parts down to each one's minimum, and a table's
minimum is a sliver and a wrapped label's is one line: in a small window, or at a large system
font, a page's tables showed one row and its sentences were cut short. Raising those minimums
would instead make the window taller than a laptop's screen. So every page of a tab is held in
a `PageScroller`: the page is as wide as the space (the window keeps the page's own smallest
width) and as tall as the space or its readable height, whichever is more, with a scroll bar
when it is more. Its readable height counts each wrapped label at the height its text needs at
its width and each list or table with its heading and `ROWS` rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QScrollArea, QStyle, QTableView, QTreeView, QWidget

ROWS = 3  # a list or table shows at least its heading and this many rows before the page scrolls
_OWN = "_bscp_own_minimum_height"  # dynamic properties: the minimum height a widget had of its own,
_SET = "_bscp_readable_height"  # and the one given here


def _rows_height(view: QAbstractItemView) -> int:
    """Its heading and ROWS rows, with its frame and a horizontal scroll bar."""
    if isinstance(view, QTableView):
        row = view.verticalHeader().defaultSectionSize()
        header = view.horizontalHeader().sizeHint().height() if not view.horizontalHeader().isHidden() else 0
    else:
        model = view.model()
        row = view.sizeHintForRow(0) if model is not None and model.rowCount() else -1
        row = row if row > 0 else view.fontMetrics().height() + 6
        header = view.header().sizeHint().height() if isinstance(view, QTreeView) and not view.isHeaderHidden() else 0
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return header + ROWS * row + 2 * view.frameWidth() + scroll_bar


def _at_least(widget: QWidget, height: int) -> bool:
    """Give `widget` a minimum height of `height`, or of its own minimum if that is more (a
    minimum the page set itself, even after this did, is kept); True if it changed."""
    if widget.property(_SET) != widget.minimumHeight():  # never raised here, or set by the page since
        widget.setProperty(_OWN, widget.minimumHeight())
    own = int(widget.property(_OWN))
    if own >= widget.maximumHeight():  # a fixed height: the page's own choice
        return False
    wanted = min(max(own, height), widget.maximumHeight())
    widget.setProperty(_SET, wanted)
    if wanted != widget.minimumHeight():
        widget.setMinimumHeight(wanted)
        return True
    return False


def make_readable(page: QWidget) -> bool:
    """Raise the minimum heights of `page`'s wrapped labels (to their text at their width) and
    of its lists and tables (to their heading and ROWS rows); True if any changed. Parts of
    another window (a drop-down's list) and the cells of a table are left as they are."""
    window = page.window()
    changed = False
    for view in page.findChildren(QAbstractItemView):
        if view.window() is window and not isinstance(view.parentWidget(), QAbstractItemView):
            changed = _at_least(view, _rows_height(view)) or changed
    for label in page.findChildren(QLabel):
        if label.wordWrap() and label.text() and label.isVisibleTo(page) and label.window() is window:
            changed = _at_least(label, label.heightForWidth(label.width())) or changed
    return changed


class PageScroller(QScrollArea):
    """Holds one page (see the module): set it with `hold(page)`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized here: Qt's own would take a page's preferred height as its least
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def hold(self, page: QWidget) -> None:
        self.setWidget(page)
        page.installEventFilter(self)
        self.updateGeometry()
        self.fit()

    def _bar_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """The page's smallest width (and room for a scroll bar beside it); little height."""
        page = self.widget()
        if page is None:
            return super().minimumSizeHint()
        return QSize(page.minimumSizeHint().width() + self._bar_width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def fit(self) -> None:
        """The page as wide as the space and as tall as the space or its readable height."""
        page = self.widget()
        if page is None:
            return
        if page.isVisible():
            make_readable(page)
        layout = page.layout()
        needed = layout.totalMinimumSize().height() if layout is not None else page.minimumSizeHint().height()
        viewport = self.viewport()
        width = max(viewport.width(), page.minimumSizeHint().width())
        height = max(viewport.height(), needed)
        if page.size() != QSize(width, height):
            page.resize(width, height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False
