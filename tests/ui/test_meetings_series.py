"""A new series of meetings starts from today, and its preview says how many of its dates are
already in the past (they would be added as planned meetings) before the officer saves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.meetings import Weekday
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import SeriesDialog
from bscp_desktop.ui.meetings.dialogs.meeting import past_dates_sentence

FIFTH_DECEMBER = date(2026, 12, 5)


def series_dialog(qtbot, db, world, today: date) -> SeriesDialog:
    dialog = SeriesDialog(db, None, group_id=world.forum.id, today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo, value) -> None:
    """Choose `value` in a drop-down as the officer does (the activated signal)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_new_series_starts_from_today_with_no_date_in_the_past(qtbot, db, world):
    dialog = series_dialog(qtbot, db, world, FIFTH_DECEMBER)
    assert dialog.year.currentData() == 2026
    assert dialog.first_month.currentData() == 12  # the second Thursday of December is the 10th
    assert all(held >= FIFTH_DECEMBER for _day, held, _why in dialog.days())
    assert dialog.preview.text() == "Dates: Every 3 months on the second Thursday, from December: 10/12/2026, 11/03/2027"
    assert "in the past" not in dialog.preview.text()


def test_the_first_month_follows_the_rule_until_the_officer_chooses_one(qtbot, db, world):
    dialog = series_dialog(qtbot, db, world, date(2026, 12, 11))
    assert dialog.first_month.currentData() == 1  # 10 December has gone: January
    choose(dialog.nth, 4)  # the fourth Thursday of December, the 24th, is still to come
    assert dialog.first_month.currentData() == 12
    choose(dialog.year, 2027)  # another year starts in April
    assert dialog.first_month.currentData() == 4
    choose(dialog.year, 2026)
    choose(dialog.first_month, 2)
    choose(dialog.weekday, Weekday.MONDAY)
    assert dialog.first_month.currentData() == 2  # chosen: it stays


def test_with_less_than_a_quarter_of_the_year_left_the_series_starts_next_april(qtbot, db, world):
    dialog = series_dialog(qtbot, db, world, date(2027, 1, 20))
    assert (dialog.year.currentData(), dialog.first_month.currentData()) == (2027, 4)
    assert any("less than a quarter of this financial year" in label.text() for label in dialog.findChildren(QLabel))


def test_the_preview_says_how_many_dates_are_in_the_past(qtbot, db, world):
    dialog = series_dialog(qtbot, db, world, FIFTH_DECEMBER)
    choose(dialog.first_month, 4)
    dialog.every.setValue(1)
    choose(dialog.nth, 1)
    choose(dialog.weekday, Weekday.MONDAY)
    text = dialog.preview.text()
    assert text.startswith("Dates: Every month on the first Monday, from April: 07/04/2026")
    assert text.endswith(
        "\n\n8 of these 12 dates are in the past: they will be recorded as planned meetings. "
        "Choose a later first month or financial year to leave them out."
    )
    assert not dialog.fields_area.isAncestorOf(dialog.preview)  # in view beside Save, not scrolled away
    choose(dialog.first_month, 12)
    assert "in the past" not in dialog.preview.text()
    choose(dialog.year, 2025)
    assert "All 4 of these dates are in the past" in dialog.preview.text()


def test_one_date_in_the_past_is_said_in_the_singular():
    december, march = date(2026, 12, 10), date(2027, 3, 11)
    assert past_dates_sentence([december, march], date(2026, 12, 11)) == (
        "1 of these 2 dates is in the past: it will be recorded as a planned meeting. "
        "Choose a later first month or financial year to leave it out."
    )
    assert past_dates_sentence([december], date(2026, 12, 11)).startswith("This date is in the past: it will")
    assert past_dates_sentence([december, march], date(2026, 12, 10)) == ""  # a meeting today is not past


def test_saving_the_series_as_offered_adds_no_meeting_in_the_past(qtbot, db, world):
    dialog = series_dialog(qtbot, db, world, FIFTH_DECEMBER)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(m.starts_at.date() for m in mt.list_meetings(db)) == [date(2026, 12, 10), date(2027, 3, 11)]
