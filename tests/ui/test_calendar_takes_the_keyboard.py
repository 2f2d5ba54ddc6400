"""The calendar opened from a date's button has the keyboard at once: the arrow keys move the
day and Enter picks it, sent where Qt sends keys while the calendar is open (the focused widget
of the open pop-up), without Down or Tab pressed first to reach it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bscp_desktop.ui.common.editors import DateEdit


def test_arrow_keys_and_enter_pick_a_day_as_soon_as_the_calendar_opens(qtbot):
    field = DateEdit(value=date(2024, 6, 12))
    qtbot.addWidget(field)
    field.show()
    tries = []

    def keys():
        popup = QApplication.activePopupWidget()
        if popup is None or popup.focusWidget() is None or not field.calendar.isAncestorOf(popup.focusWidget()):
            tries.append(1)
            if len(tries) < 100:  # waits for the calendar to take the keyboard, as a person would not
                QTimer.singleShot(10, keys)
            elif popup is not None:
                popup.hide()
            return
        QTest.keyClick(popup.focusWidget(), Qt.Key.Key_Right)
        QTest.keyClick(QApplication.activePopupWidget().focusWidget(), Qt.Key.Key_Return)
        QTimer.singleShot(200, popup.hide)  # were Enter to pick nothing, the test still ends

    QTimer.singleShot(0, keys)
    field.button.showMenu()  # returns once the calendar closes
    assert field.value() == date(2024, 6, 13)
