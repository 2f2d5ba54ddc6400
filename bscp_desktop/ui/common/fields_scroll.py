"""A form's fields, scrolling when they are taller than the screen leaves them.

`FieldsScroll` holds the fields of every form (`form.FormDialog`) and of any dialog laid out
like one: as tall as they need, up to what the screen leaves beside the dialog's note and
buttons, which stay in view below them.

When a field's error appears, goes or changes, the form calls `messages_changed`, and the
fields are laid out afresh on the next turn of the event loop. Without it Qt's form layout may
keep the heights it found for its rows while the errors were being shown, one by one: the rows
below were squeezed into less than they need (a list's hint drawn over its items, a box's hint
inside the box) and stayed so however long the dialog was left, or resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QStyle, QWidget

from bscp_desktop.ui.common.dialog_fit import SCREEN_SHARE, screen_of
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
        screen = screen_of(self)
        if screen is None:
            return needed
        return max(0, min(needed, int(screen.availableGeometry().height() * SCREEN_SHARE) - self._rest()))

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
        others = sum(item.minimumSize().height() for item in shown if item.widget() is not self)
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
