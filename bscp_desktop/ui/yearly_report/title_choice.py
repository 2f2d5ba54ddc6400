"""The drop-down of the yearly report window that chooses the report: it shows the chosen report's
title whole, wrapped between words on as many lines as its width needs (a title may have 200
characters; on a laptop at 150% with a large text size even a usual one is wider than the
screen), and grows as tall as they take. Its open list shows every title on a line."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
_TALL = 100_000


class TitleChoice(QComboBox):
    """A drop-down whose chosen text wraps instead of being cut at its edge."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentTextChanged.connect(lambda _t: self.updateGeometry())

    def _option(self, width: int | None = None) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        if width is not None:
            option.rect = QRect(0, 0, width, super().sizeHint().height())
        return option

    def _field(self, option: QStyleOptionComboBox) -> QRect:
        """Where its text is drawn."""
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).adjusted(1, 0, -1, 0)

    def _text_rect(self, width: int) -> QRect:
        """The chosen text wrapped in the room it has at `width`."""
        room = self._field(self._option(width)).width()
        return self.fontMetrics().boundingRect(QRect(0, 0, max(1, room), _TALL), WRAP, self.currentText())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        single = super().sizeHint().height()
        return max(single, single - self.fontMetrics().height() + self._text_rect(width).height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width()))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # as tall as its text takes at the new width

    def wrapped_room(self) -> tuple[int, int]:
        """(width its text needs, width it has for it), as `dialog_fit.combo_room` gives a
        drop-down's: its wrapped lines' widest, or its whole text on one line where it is not
        as tall as its lines."""
        rect = self._text_rect(self.width())
        room = self._field(self._option(self.width())).width()
        if self.height() < self.heightForWidth(self.width()):
            return self.fontMetrics().horizontalAdvance(self.currentText()), room
        return rect.width(), room

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = self._option()
        text = option.currentText
        option.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, QPalette.ColorRole.ButtonText))
        painter.drawText(self._field(option), WRAP, text)
