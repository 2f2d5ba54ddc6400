"""Laying widgets out in a line: `in_a_column(parent, ...)` one above the other, `in_a_row(...)`
side by side, a `WrappingRow` side by side on as many lines as the width needs. Each part is a
widget, a layout, `(widget_or_layout, stretch)`, or a number (a stretch: empty space that takes
that share). `captioned` puts a caption before each field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QSplitter, QStyle, QVBoxLayout, QWidget, QWidgetItem


def _fill(layout: QBoxLayout | WrappingRow, parts) -> QBoxLayout | WrappingRow:
    for part in parts:
        part, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(part, int):
            layout.addStretch(part)
        elif isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return layout


def in_a_column(parent: QWidget, *parts, margins: bool = False) -> QVBoxLayout:
    """`parent`'s layout: `parts` one above the other (without margins unless asked)."""
    layout = QVBoxLayout(parent)
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    return _fill(layout, parts)


def in_a_row(*parts) -> QHBoxLayout:
    """`parts` side by side, to place in a column or another layout."""
    return _fill(QHBoxLayout(), parts)


def wrapping_row(*parts) -> WrappingRow:
    """`parts` side by side, on more lines when the width is too small (a page's bar of filters
    and buttons); no layouts among them."""
    return _fill(WrappingRow(), parts)


def split_below(owner: QWidget, parts: tuple[QWidget, ...], widget: QWidget, shares: tuple[int, int]) -> QSplitter:
    """Put `widget` under `parts` (the first taking the height) of `owner`'s column, in a splitter
    sharing the height in `shares`: the user can move the line between them."""
    layout = owner.layout()
    where = layout.indexOf(parts[0])
    top = QWidget(owner)
    top_layout = QVBoxLayout(top)
    top_layout.setContentsMargins(0, 0, 0, 0)
    for index, part in enumerate(parts):
        layout.removeWidget(part)
        top_layout.addWidget(part, 1 if index == 0 else 0)
    splitter = QSplitter(Qt.Orientation.Vertical, owner)
    for part, share in ((top, shares[0]), (widget, shares[1])):
        splitter.addWidget(part)
        splitter.setStretchFactor(splitter.indexOf(part), share)
    splitter.setChildrenCollapsible(False)
    layout.insertWidget(where, splitter, 1)
    return splitter


def captioned(parent: QWidget, *pairs: tuple[str, QWidget]) -> list[QWidget]:
    """For each (caption, field): the caption, the field's buddy (its Alt+letter goes there),
    then the field; to lay out in a row."""
    parts: list[QWidget] = []
    for text, field in pairs:
        caption = QLabel(text, parent)
        caption.setBuddy(field)
        parts += [caption, field]
    return parts


class WrappingRow(QLayout):
    """A row of widgets that goes on to a second line (and a third) when the window is too narrow
    for it, instead of squeezing its widgets over each other or making the window wider than the
    screen: a filter bar at a large font on a laptop. A caption stays on the line of the field it
    names (its buddy, the widget after it). A widget added with a stretch, and `addStretch`, take
    the line's spare width. `addWidget`, `insertWidget`, `addStretch`, `addSpacing` and `count`
    as a QHBoxLayout's."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id(item): its stretch
        self._lines_height = 0  # the height its lines took when last laid out

    # ------------------------------------------------------------ the list of items
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt API
        self.insertWidget(len(self._items), widget, stretch)

    def insertWidget(self, index: int, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt API
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.insert(index if 0 <= index <= len(self._items) else len(self._items), item)
        self._stretch[id(item)] = stretch
        self.invalidate()

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802 - Qt API
        """Empty space taking that share of its line's spare width."""
        self._add_space(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum), stretch)

    def addSpacing(self, size: int) -> None:  # noqa: N802 - Qt API
        self._add_space(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum), 0)

    def _add_space(self, item: QSpacerItem, stretch: int) -> None:
        self._items.append(item)
        self._stretch[id(item)] = stretch
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    # ------------------------------------------------------------ sizes
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation.Horizontal

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        """The height its lines take at `width` (not offered as height-for-width to the layouts
        above: Qt takes a widget's height-for-width as its preferred height, which would make a
        page as tall as its tables' preferred heights; its minimum height says it instead)."""
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Everything on one line (as tall as its lines now, when they are more than one)."""
        groups = self._groups()
        width = sum(self._group_width(g, hint=True) for g in groups) + self._gap() * max(0, len(groups) - 1)
        height = max((i.sizeHint().height() for g in groups for i in g), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     max(height + margins.top() + margins.bottom(), self._lines_height))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """As narrow as its widest caption and field, the rest on other lines; as tall as the
        lines it takes at its present width."""
        groups = self._groups()
        width = max((self._group_width(g, hint=False) for g in groups), default=0)
        height = max((i.minimumSize().height() for g in groups for i in g), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     max(height + margins.top() + margins.bottom(), self._lines_height))

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        height = self._place(rect, move=True)
        if height != self._lines_height:  # one more line, or one fewer: the layouts above make room
            self._lines_height = height
            self.invalidate()

    # ------------------------------------------------------------ placing
    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if parent else 6

    def _groups(self) -> list[list[QLayoutItem]]:
        """The shown items, a caption with the field it names."""
        shown = [i for i in self._items if not i.isEmpty() or i.spacerItem() is not None]
        groups: list[list[QLayoutItem]] = []
        for item in shown:
            before = groups[-1][-1].widget() if groups else None
            if isinstance(before, QLabel) and before.buddy() is not None and before.buddy() is item.widget():
                groups[-1].append(item)
            else:
                groups.append([item])
        return groups

    def _width(self, item: QLayoutItem, hint: bool) -> int:
        return max(item.sizeHint().width() if hint else item.minimumSize().width(), item.minimumSize().width())

    def _group_width(self, group: list[QLayoutItem], hint: bool) -> int:
        return sum(self._width(i, hint) for i in group) + self._gap() * (len(group) - 1)

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the groups out in lines within `rect` (moving the widgets if `move`); the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = []
        used = 0
        for group in self._groups():
            width = self._group_width(group, hint=True)
            if lines and used + gap + width > area.width() and group[0].spacerItem() is not None:
                continue  # space at the end of a full line: none at the start of the next
            if lines and used + gap + width > area.width():
                lines.append([])
                used = 0
            elif not lines:
                lines.append([])
            else:
                used += gap if lines[-1] else 0
            lines[-1].extend(group)
            used += width
        y = area.y()
        for line in lines:
            height = max(i.sizeHint().height() for i in line)
            if move:
                self._place_line(line, area.x(), y, area.width(), height)
            y += height + gap
        return max(0, y - gap - area.y()) + margins.top() + margins.bottom()

    def _place_line(self, line: list[QLayoutItem], x: int, y: int, width: int, height: int) -> None:
        gap = self._gap()
        widths = [self._width(i, hint=True) for i in line]
        spare = width - sum(widths) - gap * (len(line) - 1)
        if spare < 0:  # one group wider than the line: its parts give way down to their minimum
            for n, item in enumerate(line):
                give = min(-spare, widths[n] - item.minimumSize().width())
                widths[n] -= give
                spare += give
        stretches = [self._stretch.get(id(i), 0) for i in line]
        if spare > 0 and sum(stretches):
            total = sum(stretches)
            for n, stretch in enumerate(stretches):
                widths[n] += spare * stretch // total
        for item, item_width in zip(line, widths, strict=True):
            item_height = min(height, max(item.sizeHint().height(), item.minimumSize().height()))
            item.setGeometry(QRect(x, y + (height - item_height) // 2, item_width, item_height))
            x += item_width + gap


class _TallEnough(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = layout.totalHeightForWidth(watched.width())
                if needed != watched.minimumHeight():
                    watched.setMinimumHeight(needed)
        return False


def tall_enough_for_its_text(widget: QWidget) -> QWidget:
    """Keep `widget` (a panel of wrapped text in the main window) as tall as its text needs at
    its width: the window's own minimum counts the text on one line, so a narrow window would
    otherwise squeeze a line that wraps into half its height."""
    watcher = _TallEnough(widget)
    widget.installEventFilter(watcher)
    return widget


class _Resized(QObject):
    def __init__(self, owner: QObject, act: Callable[[], None], width: bool, height: bool):
        super().__init__(owner)
        self.act, self.width, self.height = act, width, height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            size, old = event.size(), event.oldSize()
            if (self.width and size.width() != old.width()) or (self.height and size.height() != old.height()):
                self.act()
        return False


def when_resized(watched: QWidget, act: Callable[[], None], owner: QObject, *, width: bool = False,
                 height: bool = False) -> None:
    """Call `act()` each time `watched` changes its width (`width`) or height (`height`), for as
    long as `owner` lives: a table sharing its width among its columns again, a panel asking
    for the height a share of its window gives it."""
    watched.installEventFilter(_Resized(owner, act, width, height))
