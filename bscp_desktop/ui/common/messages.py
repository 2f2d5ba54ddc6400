"""Plain dialogs for errors and confirmations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.ui.common.labels import as_typed


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
    """A short confirmation: in the status bar if there is one, else a small message."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)
        return
    box = QMessageBox(QMessageBox.Icon.Information, "Done", text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
