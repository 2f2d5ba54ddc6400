"""The small labels every area uses, with one look: a grey note beside a field or under a
section, and the red line a problem is shown in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

HINT_STYLE = "color: #555555;"
ERROR_STYLE = "color: #b00020;"


def note_label(text: str = "", parent: QWidget | None = None, small: bool = False) -> QLabel:
    """A wrapped grey note, shown as plain text (a name typed by a user is never markup)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(HINT_STYLE + (" font-size: small;" if small else ""))
    return label
