"""A meeting may have no end time (a series may be set up without one): the meeting dialog opens
such a meeting with "No end time" ticked and the end left unset, saves it back with no end unless
the officer gives one, and still refuses an end before the start. A new meeting starts with the
usual 10:00 to 12:00."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog
from tests.meetings_world import meeting, meeting_fields


def _opened(qtbot, db, record, **kw) -> MeetingDialog:
    dialog = MeetingDialog(db, record, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_meeting_with_no_end_opens_without_one_and_can_be_marked_cancelled(qtbot, db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2026, 11, 30, 14))
    dialog = _opened(qtbot, db, m)
    assert dialog.no_end.isChecked() and not dialog.end.isEnabled()
    assert dialog.end.text() == "--:--"
    assert dialog.revalidate() and dialog.save_button.isEnabled()
    assert dialog.changed_fields() == []
    QApplication.processEvents()
    dialog.grab().save(str(tmp_path / "meeting-dialog-no-end-time.png"))

    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.CANCELLED))
    saved = dialog.save()
    assert (saved.status, saved.starts_at, saved.ends_at) == (MeetingStatus.CANCELLED, datetime(2026, 11, 30, 14), None)


def test_a_morning_meeting_with_no_end_is_saved_without_one(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2026, 11, 30, 9), place="Brent Civic Centre")
    dialog = _opened(qtbot, db, m)
    dialog.place.setText("Room 1, Brent Civic Centre")
    assert dialog.revalidate()
    saved = dialog.save()
    assert (saved.place, saved.ends_at) == ("Room 1, Brent Civic Centre", None)


def test_the_officer_can_give_an_end_and_take_it_away_again(qtbot, db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2026, 11, 30, 14))
    dialog = _opened(qtbot, db, m)
    dialog.no_end.setChecked(False)
    assert dialog.end.isEnabled() and dialog.end.value() == time(16, 0)  # two hours after the start
    assert dialog.changed_fields() == ["Ends at"]
    QApplication.processEvents()
    dialog.grab().save(str(tmp_path / "meeting-dialog-with-end-time.png"))
    dialog.end.set_value(time(13, 0))
    assert not dialog.revalidate()
    assert dialog.error_labels["ends_at"].text() == "The end must be after the start"
    dialog.end.set_value(time(15, 30))
    assert dialog.revalidate()
    assert dialog.save().ends_at == datetime(2026, 11, 30, 15, 30)

    again = _opened(qtbot, db, mt.get_meeting(db, m.id))
    assert not again.no_end.isChecked() and again.end.value() == time(15, 30)
    again.end.set_value(time(13, 0))
    again.no_end.setChecked(True)  # an end before the start no longer matters: there is none
    assert again.revalidate()
    assert again.save().ends_at is None


def test_a_new_meeting_starts_with_an_end_at_noon(qtbot, db, world):
    dialog = _opened(qtbot, db, None, group_id=world.forum.id)
    assert not dialog.no_end.isChecked() and dialog.end.isEnabled()
    assert (dialog.start.value(), dialog.end.value()) == (time(10, 0), time(12, 0))
    qtbot.keyClicks(dialog.day.line, "08/10/2026")
    assert dialog.revalidate()
    assert dialog.save().ends_at == datetime(2026, 10, 8, 12)


def test_approved_minutes_of_a_meeting_with_no_end_need_no_reason_when_nothing_minuted_changes(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 6, 13, 10), status=MeetingStatus.HELD)
    mt.approve_minutes(db, m.id, later.id, on=date(2024, 6, 13))
    dialog = _opened(qtbot, db, mt.get_meeting(db, m.id))
    assert dialog.reason is not None
    dialog.notes.setPlainText("Papers sent a week ahead.")
    assert dialog.revalidate()  # the notes are not part of the minutes: no reason asked for
    assert dialog.save().ends_at is None


def test_reloading_after_a_colleague_took_the_end_away_shows_no_end_time(qtbot, db, world, theirs, answered):
    m = meeting(db, world.forum, datetime(2026, 11, 30, 14), ends_at=datetime(2026, 11, 30, 16))
    dialog = _opened(qtbot, db, m)
    mt.update_meeting(theirs, m.id, meeting_fields(m, ends_at=None))  # on her computer, meanwhile
    dialog.place.setText("Brent Civic Centre")
    dialog._on_save()
    shown, _answer = answered
    assert len(shown) == 1 and not dialog.result()
    assert dialog.no_end.isChecked() and not dialog.end.isEnabled() and dialog.end.text() == "--:--"
    assert dialog.changed_fields() == []

    dialog.place.setText("Brent Civic Centre")
    dialog._on_save()
    assert dialog.result() and mt.get_meeting(db, m.id).ends_at is None


def test_reloading_after_a_colleague_gave_an_end_shows_it(qtbot, db, world, theirs, answered):
    m = meeting(db, world.forum, datetime(2026, 11, 30, 14))
    dialog = _opened(qtbot, db, m)
    mt.update_meeting(theirs, m.id, meeting_fields(m, ends_at=datetime(2026, 11, 30, 15, 30)))
    dialog.place.setText("Brent Civic Centre")
    dialog._on_save()
    assert not dialog.no_end.isChecked() and dialog.end.isEnabled() and dialog.end.value() == time(15, 30)
