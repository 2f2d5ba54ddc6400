"""Dialogs never clip their own words: every dialog of the program grows to fit what it shows.

Qt sizes a window once, from its layout's size hint, and never for the height wrapped text
needs at the window's width; a message or hint that appears later (a field's error, a longer
choice) is cut short. `install(app)` fixes that for every dialog, present and future: when a
dialog is shown and whenever its layout changes, it is made
wide enough for each drop-down's current text and each unwrapped label, and then tall enough
for its wrapped text at that width (never more than most of the screen, or all of its height for
a form on screen whose fields' messages need it; it only grows, so an officer's own size is kept). A form's fields scroll when they are taller than that, its
buttons in view below them (`fields_scroll.FieldsScroll`); any other dialog that would be taller grows
wider first, so that its wrapped text takes fewer lines, and when it is still taller than the
screen at its widest its content scrolls instead (`page_scroll.PageScroller`, each table showing a
few rows), its buttons and the line above them (why nothing was saved) kept in view below it.
`shortfalls(widget)` measures what is cut short; the layout check over every dialog
(`dialog_catalogue.clipped`) uses the same measure.

No window is larger than its screen: `fit_to_screen(window)` caps a window's size to the room its
screen gives (the screen less the task bar, less the window's title bar and edges) and moves it
wholly on to it, so Save and Cancel stay in view on a small laptop screen. Every dialog goes
through it each time it is fitted; a window that is not a dialog (the main window) calls it
itself, and a dialog's own first size is asked for through it (`fit_to_screen(self, QSize(...))`;
`open_beside` for a window kept open beside the main one) so that it opens no larger than the
screen. A form whose fields are taller scrolls them.

The screen a window is on comes from `screen_of(widget)`, never from `widget.screen()`: PySide
makes the widget that asks the owner, on Python's side, of the one wrapper of the application's
screen. When that widget's wrapper is later collected as garbage (a closed dialog in a reference
cycle), the screen's wrapper is handed back to Python and deleted with it, deleting the screen
itself: the next window opened crashed the program.

Each table in a dialog lets Tab move on to the next field (`table_model.tab_moves_on`), as
every list of the program does, whatever the dialog set up.

How a dialog is found: showing any dialog goes through `QDialog.setVisible` (show, exec, open),
which `install` wraps once; the first time a dialog is shown it gets an event filter of its own
(its layout requests and resizes). An event filter on the whole application would have seen
every event of every widget, each passing through Python: that cost about a tenth of the
window's own time while building a tab or a long form.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QBoxLayout, QComboBox, QDialog, QDialogButtonBox, QLabel, QScrollArea, QStyle, QStyleOptionComboBox, QTableView, QVBoxLayout, QWidget
from shiboken6 import isValid

from bscp_desktop.ui.common.page_scroll import PageScroller
from bscp_desktop.ui.common.table_model import tab_moves_on
from bscp_desktop.ui.common.turns import next_turn

SCREEN_SHARE = 0.9  # a dialog grows to at most this share of the screen
#: A dynamic property of a form on screen whose fields' messages need more height: it grows to
#: all the room its screen has (`largest_on_screen`), not only most of it (`fields_scroll`).
GROWS_TO_THE_SCREEN = "_bscp_grows_to_the_screen"
#: Room kept for a window's title bar, and for its two side edges, until the window is on screen
#: and its own frame is known (or where the system draws none that Qt can see).
TITLE_BAR = 40
EDGES = 16


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen the widget's window is on (the one holding its middle), else the main screen;
    asked of the application, so that no widget is made the owner of the screen (see above)."""
    window = widget.window()
    middle = (window.frameGeometry() if window.isVisible() else window.geometry()).center()
    return QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()


def screen_room(widget: QWidget, available: QRect | None = None) -> QRect:
    """The part of the screen a window may cover, frame included: its screen less the task
    bar (`available`, when given, instead)."""
    if available is not None:
        return QRect(available)
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1600, 1000)


def _frame(widget: QWidget) -> tuple[int, int]:
    """(width, height) the window's frame adds to it: its title bar and edges."""
    extra_w, extra_h = EDGES, TITLE_BAR
    if widget.isWindow() and widget.isVisible():
        frame, inside = widget.frameGeometry(), widget.geometry()
        extra_w = max(extra_w, frame.width() - inside.width())
        extra_h = max(extra_h, frame.height() - inside.height())
    return extra_w, extra_h


def largest_on_screen(widget: QWidget, available: QRect | None = None) -> QSize:
    """The largest size the window may have with its frame on its screen."""
    room = screen_room(widget, available)
    extra_w, extra_h = _frame(widget)
    return QSize(max(1, room.width() - extra_w), max(1, room.height() - extra_h))


def fit_to_screen(widget: QWidget, wanted: QSize | None = None, available: QRect | None = None) -> QSize:
    """Give a window the size `wanted` (else keep its own), no larger than its screen allows
    (`largest_on_screen`), and move one on screen wholly on to the screen: its title bar, Save
    and Cancel all in view. `available` is the screen's room when known otherwise (the screen
    less the task bar). Returns the window's size."""
    size = QSize(wanted) if wanted is not None else widget.size()
    most = largest_on_screen(widget, available)
    capped = size.boundedTo(most)
    # a window never resized has Qt's first size (640 x 480), which Qt throws away for its
    # layout's own when it is shown: a size asked for that happens to be the same is given too
    never_resized = wanted is not None and not widget.testAttribute(Qt.WidgetAttribute.WA_Resized)
    if capped != widget.size() or never_resized:
        widget.resize(capped)
    if widget.isWindow() and widget.isVisible():
        room = screen_room(widget, available)
        extra_w, extra_h = _frame(widget)
        width, height = widget.width() + extra_w, widget.height() + extra_h
        at = widget.pos()  # where its frame starts
        x = max(room.left(), min(at.x(), room.left() + room.width() - width))
        y = max(room.top(), min(at.y(), room.top() + room.height() - height))
        if (x, y) != (at.x(), at.y()):
            widget.move(QPoint(x, y))
    return widget.size()


def open_beside(window: QDialog, title: str, size: QSize) -> None:
    """A window that stays open beside the main window while the officer works there (search,
    the yearly report, partner engagement): not modal, titled, `size` as its screen allows."""
    window.setWindowTitle(title)
    window.setModal(False)
    fit_to_screen(window, size)


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def combo_room(combo: QComboBox) -> tuple[int, int]:
    """(width its current text needs, width it has for text): for a drop-down that wraps its
    text (`wrapped_room`), its widest wrapped line's."""
    wrapped = getattr(combo, "wrapped_room", None)
    if callable(wrapped):
        return wrapped()
    if combo.isEditable() and combo.lineEdit() is not None:
        room = combo.lineEdit().contentsRect().width() - 4
    else:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        ).width() - 2
    return combo.fontMetrics().horizontalAdvance(combo.currentText()), room


def _has_text(label: QLabel) -> bool:
    return bool(label.text()) and (label.pixmap() is None or label.pixmap().isNull())


def _height_shown(widget: QWidget) -> int:
    """Its height, less any part its parent cuts off below."""
    parent = widget.parentWidget()
    if parent is None:
        return widget.height()
    return max(0, min(widget.height(), parent.height() - widget.y()))


def _in_a_table(widget: QWidget, top: QWidget) -> bool:
    """A cell of a table or list: cut short by the table's columns, read in full elsewhere
    (the table's own rule, as in every list of the program)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


class _Parts:
    """What a dialog holds, found once: its labels, its widgets with a layout and its drop-downs
    (finding them wraps each for Python, which a fit would otherwise do several times over)."""

    def __init__(self, top: QWidget):
        self.labels = top.findChildren(QLabel)
        self.boxes = [w for w in top.findChildren(QWidget) if w.layout() is not None and not isinstance(w, QComboBox)]
        self.combos = top.findChildren(QComboBox)


def shortfalls(top: QWidget, parts: _Parts | None = None) -> list[tuple[QWidget, str, int, int]]:
    """(widget, "width" or "height", needed, has) for everything `top` cuts short (cells of
    tables aside)."""
    parts = parts or _Parts(top)
    found = []
    for label in parts.labels:
        if not _has_text(label) or not _shown(label, top) or _in_a_table(label, top):
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            has = _height_shown(label)
            if needed > has + 1:
                found.append((label, "height", needed, has))
        else:
            needed = label.minimumSizeHint().width()
            if needed > label.width() + 1:
                found.append((label, "width", needed, label.width()))
    for box in parts.boxes:  # a field and its hint squeezed below their minimum
        if not _shown(box, top) or box.parentWidget() is None:
            continue
        needed = box.layout().totalMinimumSize().height()
        if needed > box.height() + 1 and box.parentWidget().layout() is not None:
            found.append((box, "height", needed, box.height()))
    for combo in parts.combos:
        if not combo.currentText() or not _shown(combo, top) or _in_a_table(combo, top):
            continue
        needed, room = combo_room(combo)
        if needed > room:
            found.append((combo, "width", needed, room))
    for area in top.findChildren(QScrollArea):  # fields wider than what shows of them, with no bar to reach them
        body = area.widget()
        if body is not None and _shown(area, top) and not area.horizontalScrollBar().isVisible():
            if body.width() > area.viewport().width() + 1:
                found.append((area, "width", body.width(), area.viewport().width()))
    return found


def _wrapped_labels_tall_enough(dialog: QDialog, parts: _Parts) -> bool:
    """Give each wrapped label the height its text needs at its width (layouts honour a
    minimum height where they ignore height-for-width). True if any changed."""
    changed = False
    for label in parts.labels:
        if not label.wordWrap() or not _has_text(label) or not _shown(label, dialog):
            continue
        needed = label.heightForWidth(label.width())
        if needed > 0 and needed != label.minimumHeight():
            label.setMinimumHeight(needed)
            changed = True
        box = label.parentWidget()  # a field with its hint: form layouts size it by its own hint
        if box is not None and box is not dialog and box.layout() is not None:
            wanted = box.layout().totalMinimumSize().height()
            if wanted > box.minimumHeight() or (changed and wanted != box.minimumHeight()):
                box.setMinimumHeight(wanted)
                changed = True
    return changed


def fit(dialog: QDialog) -> None:
    """Grow the dialog until nothing in it is cut short (within most of the screen), keep it
    on its screen (`fit_to_screen`), and let Tab move on past its tables."""
    layout = dialog.layout()
    if layout is None or not dialog.isVisible():
        return
    tab_moves_on(*dialog.findChildren(QTableView))
    _grow(dialog, layout)
    most = _most(dialog)
    if layout.totalMinimumSize().height() > most.height() and _scroll_content(dialog, layout):
        _grow(dialog, layout)  # the content scrolls: as tall as the screen allows, no taller
        wanted = max(layout.totalSizeHint().height(), layout.totalMinimumSize().height())
        dialog.resize(dialog.width(), min(most.height(), wanted))
    fit_to_screen(dialog)


def _kept_in_view(layout: QBoxLayout) -> int:
    """The index of the first of the items at the foot of the dialog's column that stay in view
    below its scrolling content: its buttons and the lines above them."""
    first = layout.count()
    while first > 0 and isinstance(layout.itemAt(first - 1).widget(), (QDialogButtonBox, QLabel)):
        first -= 1
    return first


def _scroll_content(dialog: QDialog, layout) -> bool:
    """Put what a dialog laid out in a column holds above its buttons into a scrolling page, the
    buttons kept in view below it; True if it did. A dialog whose fields scroll already, or laid
    out otherwise, is left as it is."""
    if (not isinstance(layout, QBoxLayout) or layout.direction() != QBoxLayout.Direction.TopToBottom
            or any(isinstance(layout.itemAt(i).widget(), QScrollArea) for i in range(layout.count()))):
        return False
    moved = _kept_in_view(layout)
    if moved == 0:
        return False
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(layout.spacing())
    taken = [(layout.stretch(0), layout.takeAt(0)) for _ in range(moved)]
    for stretch, item in taken:
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            hidden = widget.isHidden()
            column.addWidget(widget, stretch, item.alignment())
            widget.setHidden(hidden)  # moved as it was, shown or hidden
        elif inner is not None:
            column.addLayout(inner, stretch)
        else:
            column.addItem(item)  # a space or a stretch
    scroller = PageScroller(dialog)
    scroller.setAccessibleName(f"{dialog.windowTitle() or 'Dialog'} content")
    scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, the content scrolling to each
    layout.insertWidget(0, scroller, 1)
    scroller.hold(content)
    scroller.show()
    layout.activate()
    return True


def _beside(dialog: QDialog, widget: QWidget) -> int:
    """The dialog's width not taken by `widget`: what it keeps whatever the widget's width. A
    field in a scrolling form may already be wider than the dialog (its width is no guide):
    there, what the form keeps left of the field (its margin, or a label) and right of it (its
    margin), what the dialog keeps beside the form's view, and room for its scroll bar."""
    area = _scroll_area_of(widget, dialog)
    if area is None or area.widget() is None:
        return dialog.width() - widget.width()
    bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, area)
    body = area.widget()
    margins = body.layout().contentsMargins() if body.layout() is not None else None
    left = max(widget.mapTo(body, QPoint(0, 0)).x(), margins.left() if margins is not None else 0)
    right = margins.right() if margins is not None else 0
    return (dialog.width() - area.viewport().width()) + left + right + bar


def _scroll_area_of(widget: QWidget, dialog: QDialog) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea) and parent.widgetResizable():
            return parent
        parent = parent.parentWidget()
    return None


def _scrolled_sideways(dialog: QDialog) -> int:
    """How much wider the dialog must be for its scrolling forms to show their fields whole (a
    scroll area's own minimum leaves its fields out)."""
    short = 0
    for area in dialog.findChildren(QScrollArea):
        body = area.widget()
        if body is not None and area.widgetResizable() and area.isVisible():
            short = max(short, body.minimumSizeHint().width() - area.viewport().width())
    return short


def _most(dialog: QDialog) -> QSize:
    """The largest a dialog grows to: most of its screen (its whole height for a form whose
    fields' messages need it: `GROWS_TO_THE_SCREEN`)."""
    room = screen_room(dialog)
    most = largest_on_screen(dialog)
    height = most.height() if dialog.property(GROWS_TO_THE_SCREEN) is True else min(int(room.height() * SCREEN_SHARE), most.height())
    return QSize(min(int(room.width() * SCREEN_SHARE), most.width()), height)


def _grow(dialog: QDialog, layout) -> None:
    most = _most(dialog)
    max_width, max_height = most.width(), most.height()
    parts = _Parts(dialog)
    for _ in range(6):
        layout.activate()
        least = min(layout.minimumSize().width(), max_width)  # a dialog's own minimum width stops Qt doing this
        if least > dialog.width():  # fields wider than the dialog (a long name in a drop-down)
            dialog.resize(least, dialog.height())
            layout.activate()
        widened = False
        for widget, kind, needed, has in shortfalls(dialog, parts):
            if kind == "width":  # a drop-down or unwrapped label as wide as its text (within reason)
                wanted = min(widget.width() + needed - has + 4, max_width - _beside(dialog, widget))
                if wanted > widget.minimumWidth():
                    widget.setMinimumWidth(wanted)
                    widget.setProperty(_WIDENED, True)
                    widened = True
        if widened:
            layout.activate()
        wanted = max(layout.minimumSize().width() if widened else 0, dialog.width() + _scrolled_sideways(dialog))
        if wanted > dialog.width() and dialog.width() < max_width:
            dialog.resize(min(wanted, max(max_width, dialog.width())), dialog.height())
            layout.activate()
            widened = True
        elif (over := _scrolled_sideways(dialog)) > 0:  # as wide as it may be: the fields give way
            for widget in (w for w in dialog.findChildren(QWidget) if w.property(_WIDENED) is True):
                widget.setMinimumWidth(max(widget.minimumSizeHint().width(), widget.minimumWidth() - over))
            layout.activate()
        changed = _wrapped_labels_tall_enough(dialog, parts) or widened
        layout.activate()
        needed = layout.totalMinimumSize().height()
        if layout.hasHeightForWidth():
            needed = max(needed, layout.totalHeightForWidth(dialog.width()))
        if needed > max_height and dialog.width() < max_width:  # too tall for the screen: wider, so
            wider = min(max_width, dialog.width() + dialog.width() // 3)  # its wrapped text takes fewer lines
            dialog.resize(wider, min(dialog.height(), max_height))
            continue
        height = min(max(needed, dialog.height()), max(max_height, dialog.height()))
        if height > dialog.height():
            dialog.resize(dialog.width(), height)
        elif not changed:
            return


_FIT_ON = frozenset((QEvent.Type.Show, QEvent.Type.LayoutRequest, QEvent.Type.Resize))


class _DialogFitter(QObject):
    """Fits each dialog when it is shown and after its layout changes (see the module)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: set[int] = set()

    def watch(self, dialog: QDialog) -> None:
        """Fit `dialog` now that it is shown, and whenever its layout changes (once per dialog)."""
        if dialog.property(_WATCHED) is not True:
            dialog.setProperty(_WATCHED, True)
            dialog.installEventFilter(self)
        self._later(dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _FIT_ON and isinstance(watched, QDialog):
            self._later(watched)
        return False

    def _later(self, dialog: QDialog) -> None:
        key = id(dialog)
        if key in self._pending:
            return
        self._pending.add(key)
        ref = weakref.ref(dialog)

        def run() -> None:
            self._pending.discard(key)
            target = ref()
            if target is not None and isValid(target):  # not closed and deleted meanwhile
                fit(target)

        next_turn(None, run)  # once its layout has settled; several changes, one fit


_WATCHED = "_bscp_fitted"  # a dynamic property: the dialog already has the fitter's filter
_WIDENED = "_bscp_widened"  # a field made wider here: it gives way when its form would scroll sideways
_fitter: _DialogFitter | None = None
_set_visible = QDialog.setVisible  # Qt's own


def _setting_visible(dialog: QDialog, visible: bool) -> None:
    _set_visible(dialog, visible)
    if visible and _fitter is not None and isValid(_fitter):
        _fitter.watch(dialog)


def install(app: QApplication) -> None:
    """Fit every dialog of the application from now on (once per application)."""
    global _fitter
    if _fitter is None or not isValid(_fitter) or _fitter.parent() is not app:
        _fitter = _DialogFitter(app)
    QDialog.setVisible = _setting_visible  # show(), exec() and open() all come through here
