"""Small icons drawn in code, so they need no image files or plugins and stay sharp at any
scale."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


@lru_cache(maxsize=1)
def calendar_icon() -> QIcon:
    """A page of a calendar: a dark top band with two rings, and a grid of days."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16.0
        frame = QColor("#1a4d80")
        p.setPen(QPen(frame, max(1.0, s)))
        p.setBrush(QColor("white"))
        p.drawRoundedRect(QRectF(1.5 * s, 2.5 * s, 13 * s, 12 * s), 1.5 * s, 1.5 * s)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(frame)
        p.drawRect(QRectF(1.5 * s, 2.5 * s, 13 * s, 3.5 * s))
        p.drawRoundedRect(QRectF(4 * s, 1 * s, 1.6 * s, 3 * s), 0.6 * s, 0.6 * s)
        p.drawRoundedRect(QRectF(10.4 * s, 1 * s, 1.6 * s, 3 * s), 0.6 * s, 0.6 * s)
        p.setBrush(QColor("#5b7fa6"))
        for row in range(3):
            for col in range(4):
                p.drawRect(QRectF((3.2 + col * 2.6) * s, (7.4 + row * 2.3) * s, 1.6 * s, 1.4 * s))
        p.end()
        icon.addPixmap(pixmap)
    return icon
