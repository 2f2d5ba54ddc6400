"""Typing helpers: qtbot.keyClicks takes ASCII only, so other text goes in as key events."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type any Unicode text into a widget, one key event per character."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch))


def table_texts(page, column: int = 0) -> list[str]:
    proxy = page.proxy
    return [proxy.data(proxy.index(r, column)) for r in range(proxy.rowCount())]
