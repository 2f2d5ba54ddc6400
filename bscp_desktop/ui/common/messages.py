"""Plain dialogs for errors and confirmations."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from bscp_desktop.domain.validation import NotFoundError, ValidationError

#: What follows a database's own words: what the user can do about it.
_WHAT_TO_DO = "If this happens again, restore a backup from the File menu."


def explain(exc: BaseException) -> str:
    """One plain sentence for an error a user can act on."""
    if isinstance(exc, ValidationError):
        return exc.sentence()
    words = _database_words(exc)
    if words:
        return words
    if isinstance(exc, (NotFoundError, PermissionError, FileNotFoundError, ValueError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
    return str(exc) or exc.__class__.__name__


def _database_words(exc: BaseException) -> str:
    """A database's own error in words, never the SQL it was running: a driver's error as the
    database layer wraps it (it carries its statement and the original error); or a value held
    in the file that this version cannot read (a date, a choice or a sum written by another
    program), raised while the database layer read it. '' for any other error."""
    if hasattr(exc, "statement") and hasattr(exc, "orig"):
        text = str(exc.orig or exc).strip()
        reason = text.splitlines()[0].split(" [SQL:")[0].rstrip(". ") if text else type(exc).__name__
        return f"The database could not be read or changed ({reason}); nothing was changed. {_WHAT_TO_DO}"
    if isinstance(exc, (ValueError, TypeError, LookupError)) and _raised_reading_the_database(exc):
        return (f"A record in the database holds a value this version cannot read ({exc}); it may have been "
                "changed by another program: restore a backup from the File menu.")
    return ""


#: Where a value read from the file is turned into Python's: the database layer's processing
#: of each row, a column type of the program's own, and a stored choice turned into its kind.
_READING = (f"{os.sep}sqlalchemy{os.sep}engine{os.sep}", f"{os.sep}sqlalchemy{os.sep}sql{os.sep}type_api")


def _raised_reading_the_database(exc: BaseException) -> bool:
    frame, innermost = exc.__traceback__, None
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_name == "process_result_value" or any(part in code.co_filename for part in _READING):
            return True
        innermost, frame = code, frame.tb_next
    return innermost is not None and innermost.co_name == "__new__" and innermost.co_filename.endswith(f"{os.sep}enum.py")


def show_error(parent: QWidget | None, title: str, exc_or_text: BaseException | str) -> None:
    text = exc_or_text if isinstance(exc_or_text, str) else explain(exc_or_text)
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, text: str) -> None:
    """A short confirmation: in the status bar if there is one, else a small message."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)
        return
    box = QMessageBox(QMessageBox.Icon.Information, "Done", text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
