"""Plain dialogs for errors and confirmations, and the main window's status bar, which shows
whole a sentence too long for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget

from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.ui.common.labels import MessageBar, as_typed


def explain(exc: BaseException) -> str:
    """One plain sentence for an error a user can act on."""
    if isinstance(exc, ValidationError):
        return exc.sentence()
    from bscp_desktop.services.failures import database_words  # not before the frame shows

    words = database_words(exc)
    if words:
        return words
    if isinstance(exc, (NotFoundError, PermissionError, FileNotFoundError, ValueError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
    return str(exc) or exc.__class__.__name__


def show_error(parent: QWidget | None, title: str, exc_or_text: BaseException | str) -> None:
    text = exc_or_text if isinstance(exc_or_text, str) else explain(exc_or_text)
    QMessageBox.warning(parent, title, as_typed(text))  # a sentence may quote what was typed


class Cancelled(Exception):  # noqa: N818 - what happened, not an error
    """The officer cancelled a question a command asked on its way (the reason for an
    amendment): the command is not done, and there is nothing more to say."""


def done(parent: QWidget | None, failure_title: str, command: Callable[[], object]) -> bool:
    """Run one command the officer asked for; if it is refused or fails, say why under
    `failure_title` (nothing, when the officer cancelled a question it asked). Whether it was done."""
    try:
        command()
    except Cancelled:
        return False
    except Exception as exc:
        show_error(parent, failure_title, exc)
        return False
    return True


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, as_typed(text),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, text: str, first: str, second: str, *,
           warning: bool = False, escape_first: bool = False) -> bool:
    """A question answered by one of two buttons worded as what they do ("Yes, mark it held",
    "Not yet"); True when `first` is chosen (the default; Escape too with `escape_first`)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a question may name what was typed
    chosen = box.addButton(first, QMessageBox.ButtonRole.RejectRole if escape_first else QMessageBox.ButtonRole.YesRole)
    box.addButton(second, QMessageBox.ButtonRole.DestructiveRole if escape_first else QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(chosen)
    if escape_first:
        box.setEscapeButton(chosen)
    box.exec()
    return box.clickedButton() is chosen


def tell(parent: QWidget, text: str) -> None:
    """A confirmation: in the status bar if there is one (the main window's shows a sentence
    too long for it whole as well: `StatusBar`), else a small message."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)
        return
    box = QMessageBox(QMessageBox.Icon.Information, "Done", text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class StatusBar(QStatusBar):
    """The main window's status bar. A message the program shows (`showMessage`: `tell`, Back
    up now) that is wider than the room its permanent widgets leave is shown whole in
    `in_full` as well, and stays there until closed; `currentMessage()` holds it as ever.
    Qt shows an action's status tip (why it is not offered) through its own showMessage, not
    this one: a tip stays on its line."""

    def __init__(self, in_full: MessageBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.in_full = in_full

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt API
        super().showMessage(text, timeout)
        if self.layout() is not None:
            self.layout().activate()  # a permanent widget just given new words has its new width
        if text and self.isVisible() and not self.fits(text):
            self.in_full.say(text)

    def fits(self, text: str) -> bool:
        """Whether `text` shows whole on the bar: one line, no wider than the room Qt draws a
        message in."""
        return "\n" not in text and self.fontMetrics().horizontalAdvance(text) <= self._room().width()

    def _room(self) -> QRect:
        """Where Qt draws a message: from the left edge to the first permanent widget."""
        right = self.width() - 12
        for child in self._shown_under_message():
            right = min(right, child.x() - (0 if isinstance(child, QSizeGrip) else 2))
        return QRect(6, 0, max(right - 6, 0), self.height())

    def _shown_under_message(self) -> list[QWidget]:
        """The permanent widgets and the size grip: the others hide while a message shows."""
        return [child for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if child.isVisible()]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        """As Qt paints the bar, but a message too long for it ends in "…" where it is cut (it is
        whole in `in_full`), not in half a letter against the permanent widgets."""
        text = self.currentMessage()
        if not text or self.fits(text):
            super().paintEvent(event)
            return
        painter = QPainter(self)
        panel = QStyleOption()
        panel.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, panel, painter, self)
        for child in self._shown_under_message():
            if not isinstance(child, QSizeGrip):
                frame = QStyleOption()
                frame.rect = child.geometry().adjusted(-2, -1, 2, 1)
                frame.palette = self.palette()
                frame.state = QStyle.StateFlag.State_None
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter, child)
        room = self._room()
        painter.setPen(self.palette().windowText().color())
        painter.drawText(room, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                         self.fontMetrics().elidedText(text.replace("\n", " "), Qt.TextElideMode.ElideRight, room.width()))
