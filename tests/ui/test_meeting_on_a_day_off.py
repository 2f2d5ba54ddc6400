"""A meeting set on a bank holiday or at a weekend is noted beside its date as it is typed, never
refused: a workshop may well be held on a Saturday."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.dates import day_off
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog


def test_the_words_for_a_day_off():
    assert day_off(date(2026, 4, 3)) == "a bank holiday (Good Friday)"
    assert day_off(date(2026, 12, 5)) == "a Saturday"
    assert day_off(date(2026, 12, 6)) == "a Sunday"
    assert day_off(date(2026, 12, 7)) == ""


def test_a_bank_holiday_or_a_weekend_is_noted_beside_the_date_and_still_saved(qtbot, db, world):
    dialog = MeetingDialog(db, None, group_id=world.forum.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.day_note.isHidden()
    qtbot.keyClicks(dialog.day.line, "25/12/2026")
    assert dialog.day_note.isVisible()
    assert dialog.day_note.text() == "25/12/2026 is a bank holiday (Christmas Day): check the date."
    assert "starts_at" not in dialog.check()
    dialog.day.line.clear()
    qtbot.keyClicks(dialog.day.line, "5/12/2026")
    assert dialog.day_note.text() == "05/12/2026 is a Saturday: check the date."
    dialog.day.line.clear()
    qtbot.keyClicks(dialog.day.line, "7/12/2026")
    assert dialog.day_note.isHidden()
