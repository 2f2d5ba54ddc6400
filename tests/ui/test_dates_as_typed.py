"""Dates typed as people type them, and attendance monitoring's period (issue: daily use,
point 10)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.dates import parse_date_entry
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.meetings.tab import MeetingsTab


@pytest.fixture
def tab(qtbot, db, world):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


@pytest.mark.parametrize("typed", ["14/1/27", "14/01/2027", "14 Jan 2027", "14 january 2027", "14-01-2027"])
def test_the_ways_people_type_a_date(typed):
    assert parse_date_entry(typed) == date(2027, 1, 14)


def test_today_and_tomorrow():
    assert parse_date_entry("today", date(2027, 4, 1)) == date(2027, 4, 1)
    assert parse_date_entry(" Tomorrow ", date(2027, 3, 31)) == date(2027, 4, 1)
    assert parse_date_entry("1 April 2027") == date(2027, 4, 1)
    with pytest.raises(ValueError, match="type it as 14/01/2027, 14 Jan 2027 or today"):
        parse_date_entry("next Tuesday")


@pytest.mark.parametrize("typed,shown", [
    ("14/1/27", "14/01/2027"), ("14 Jan 2027", "14/01/2027"), ("1 April 2027", "01/04/2027"),
])
def test_a_new_meeting_takes_the_date_as_typed_and_shows_it_back(tab, qtbot, db, world, typed, shown):
    page = tab.meetings
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.group.set_current_id(world.forum.id)
    qtbot.keyClicks(dialog.day.line, typed)
    assert dialog.save_button.isEnabled()
    dialog.day.line.editingFinished.emit()  # moving to the next field
    assert dialog.day.line.text() == shown
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [m.date for m in mt.list_meetings(db)] == [parse_date_entry(typed)]


def test_tomorrow_typed_in_a_dialog(tab, qtbot, db, world):
    dialog = tab.meetings.new_dialog(tab.meetings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.group.set_current_id(world.forum.id)
    qtbot.keyClicks(dialog.day.line, "tomorrow")
    dialog.day.line.editingFinished.emit()
    assert dialog.day.line.text() == (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    dialog.day.line.clear()
    qtbot.keyClicks(dialog.day.line, "the 14th")
    assert not dialog.save_button.isEnabled()
    assert "type it as 14/01/2027" in dialog.error_labels["starts_at"].text()


def test_the_calendar_button_has_an_icon_and_a_tooltip(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert not edit.button.icon().isNull()
    assert edit.button.toolTip() == "Pick a date from a calendar"
    assert "today" in edit.line.toolTip()


@pytest.mark.slow
def test_monitoring_opens_on_the_latest_period_with_data_and_follows_the_dates(tab, qtbot, db, world):
    from tests.services.test_attendance import build_fixture

    build_fixture(db, world)  # registers from March 2023 to March 2024
    page = tab.monitoring
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)  # worked out in the background
    assert (page.date_from.text(), page.date_to.text()) == ("01/04/2023", "31/03/2024")
    proxy = page.by_org_view.model()
    assert proxy.rowCount() == 4
    assert "4 meetings held are counted" in page.summary.text()
    # typed as people type it: the figures follow after a pause
    page.date_from.line.selectAll()
    qtbot.keyClicks(page.date_from.line, "1 Jan 2024")
    qtbot.waitUntil(lambda: "1 meeting held is counted" in page.summary.text(), timeout=3000)
    assert datetime(2024, 3, 7).date() >= page.date_from.value()


def test_enter_in_the_calendar_picks_the_date_the_arrow_keys_reached(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    field = DateEdit(value=date(2024, 6, 12))
    qtbot.addWidget(field)
    field.show()

    def keys():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, keys)
            return
        view = field.calendar.findChild(QWidget, "qt_calendar_calendarview")
        QTest.keyClick(view, Qt.Key.Key_Right)
        QTest.keyClick(view, Qt.Key.Key_Return)
        QTimer.singleShot(200, menu.hide)  # were Enter to pick nothing, the test still ends

    QTimer.singleShot(0, keys)
    field.button.showMenu()  # returns once the calendar closes
    assert field.value() == date(2024, 6, 13)


def test_each_calendar_button_is_named_after_its_field():
    from bscp_desktop.ui.common.form import FormDialog

    dialog = FormDialog("Session")
    start, end = dialog.add_field("start", "Start", DateEdit()), dialog.add_field("end", "End", DateEdit())
    assert start.button.accessibleName() == "Start: pick a date"
    assert end.button.accessibleName() == "End: pick a date"
    assert start.line.accessibleName() == "Start" and DateEdit().button.accessibleName() == "Pick a date"
    dialog.deleteLater()
