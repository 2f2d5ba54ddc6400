"""A form's fields, scrolling when they are taller than the screen leaves them.

`FieldsScroll` holds the fields of every form (`form.FormDialog`) and of any dialog laid out
like one: as tall as they need, up to what the screen leaves beside the dialog's note and
buttons, which stay in view below them.

When a field's error appears, goes or changes, the form calls `messages_changed`, and the
fields are laid out afresh on the next turn of the event loop. Without it Qt's form layout may
keep the heights it found for its rows while the errors were being shown, one by one: the rows
below were squeezed into less than they need (a list's hint drawn over its items, a box's hint
inside the box) and stayed so however long the dialog was left, or resized.

A form opens no taller than most of its screen (`SCREEN_SHARE`). Once it is on screen and a
message under a field needs more height, it grows to all the room its screen has, less its title
bar (`dialog_fit.GROWS_TO_THE_SCREEN`), so that an error appearing does not push the lower fields
out of view while the screen has room; only beyond that do the fields scroll. It never shrinks
below the size the officer gave it, and stays wholly on its screen (`dialog_fit.fit_to_screen`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QStyle, QWidget

from bscp_desktop.ui.common.dialog_fit import GROWS_TO_THE_SCREEN, SCREEN_SHARE, largest_on_screen, screen_of
from bscp_desktop.ui.common.turns import next_turn


class FieldsScroll(QScrollArea):
    """A form's fields: as tall as they need, up to what the screen leaves for them beside the
    rest of the dialog (its note and buttons), scrolling beyond that. Qt's own scroll area would
    ask for a third of a laptop's screen however long or short the form."""

    def __init__(self, dialog: QDialog):
        super().__init__(dialog)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        # fields wider than the screen allows the dialog scroll sideways rather than be cut off
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(QWidget(self))
        # Tab goes from the last field to the buttons, not to the area itself (a stop that shows
        # nothing); the area still scrolls to each field Tab reaches
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._relaying = False  # a fresh layout is waiting for its turn (`messages_changed`)

    def _bar_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def _height(self, width: int | None = None) -> int:
        """The fields' height at `width` (else their least), within what the screen leaves them."""
        body = self.widget()
        needed = body.minimumSizeHint().height()
        layout = body.layout()
        if width is not None and layout is not None and layout.hasHeightForWidth():
            needed = max(needed, layout.totalHeightForWidth(max(width, body.minimumSizeHint().width())))
        room = self._room()
        if room is None:
            return needed
        return max(0, min(needed, room - self._rest()))

    def _room(self) -> int | None:
        """The height the screen gives the whole dialog: most of it as the form opens; all of
        it (less the title bar) once a field's message on screen needs more (see the module)."""
        window = self.window()
        if window.property(GROWS_TO_THE_SCREEN) is True:
            return largest_on_screen(window).height()
        screen = screen_of(self)
        return None if screen is None else int(screen.availableGeometry().height() * SCREEN_SHARE)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        """As tall as the fields' wrapped hints and errors need at that width (within the screen)."""
        return self._height(width - self._bar_width())

    def _rest(self) -> int:
        """The height of the rest of the dialog at its least: its note, its buttons, its margins."""
        layout = self.window().layout()
        if layout is None:
            return 0
        margins = layout.contentsMargins()
        shown = [layout.itemAt(i) for i in range(layout.count()) if not layout.itemAt(i).isEmpty()]
        width = self.window().width() - margins.left() - margins.right()
        # a wrapped line (the note above the buttons saying why nothing is saved) as tall as it
        # is at the dialog's width: its least would leave the dialog too tall for the fields
        others = sum(max(item.minimumSize().height(), item.heightForWidth(width) if item.hasHeightForWidth() else 0)
                     for item in shown if item.widget() is not self)
        return margins.top() + margins.bottom() + others + max(0, layout.spacing()) * max(0, len(shown) - 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.widget().minimumSizeHint().width() + self._bar_width(), self._height())

    def messages_changed(self) -> None:
        """A field's error appeared, went or changed: the fields are laid out afresh once what
        that set waiting has been done (see the module's note)."""
        if not self._relaying:
            self._relaying = True
            next_turn(self, self._lay_out_afresh)

    def _lay_out_afresh(self) -> None:
        self._relaying = False
        window = self.window()
        if window.isVisible() and window.isWindow() and window.property(GROWS_TO_THE_SCREEN) is not True:
            window.setProperty(GROWS_TO_THE_SCREEN, True)  # shown: it may grow to all its screen's height
            self.updateGeometry()
        layout = self.widget().layout()
        if layout is not None:
            layout.invalidate()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a field, hint or error more or less: the dialog asks again
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self.widget().sizeHint().width()
        return QSize(width + self._bar_width(), self._height(width))
