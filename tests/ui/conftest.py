"""Fixtures the window tests share."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture
def text_size(qapp):
    """Sets the application's text size in points, as a larger system font would; the size it
    had is put back after the test."""
    before = QApplication.font()

    def set_size(points: float) -> None:
        font = QApplication.font()
        font.setPointSizeF(points)
        QApplication.setFont(font)

    yield set_size
    QApplication.setFont(before)
