"""The session window's end time has a "not known" state: a session saved without an end (as a
bookings import adds them) opens without one, is saved without one unless the officer ticks
Known and gives it, and a late-evening one can be edited; a new session is still offered one.
A date on a bank holiday or a weekend is noted under the Date, as the meeting window notes it."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bscp_desktop.db.database import Database, sqlite_url
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.conflict import ConflictDialog
from bscp_desktop.ui.training.dialogs import SessionDialog


def _session(db, starts_at: datetime, ends_at: datetime | None = None) -> cs.SessionDTO:
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course.id, starts_at, 10, ends_at))


def _open(qtbot, db, record) -> SessionDialog:
    dialog = SessionDialog(db, record)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.slow
def test_a_session_without_an_end_is_saved_without_one(qtbot, db):
    session = _session(db, datetime(2026, 10, 6, 9, 30))
    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    assert not dialog.end_known.isChecked() and dialog.ends.isHidden()
    dialog.capacity.setValue(12)
    assert dialog.changed_fields() == ["Places (capacity)"]
    dialog._on_save()
    assert dialog.result() == SessionDialog.DialogCode.Accepted
    saved = cs.get_session(db, session.id)
    assert (saved.capacity, saved.ends_at) == (12, None)


@pytest.mark.slow
def test_ticking_known_gives_the_end_and_unticking_it_takes_it_away(qtbot, db):
    session = _session(db, datetime(2026, 10, 6, 9, 30))
    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    dialog.end_known.setChecked(True)
    assert dialog.ends.isVisible() and dialog.ends.value() == time(12, 30)  # three hours on, to begin with
    dialog.ends.set_value(time(13, 0))
    assert dialog.changed_fields() == ["Ends at"]
    dialog._on_save()
    assert cs.get_session(db, session.id).ends_at == datetime(2026, 10, 6, 13, 0)

    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    assert dialog.end_known.isChecked() and dialog.ends.value() == time(13, 0)
    dialog.end_known.setChecked(False)
    dialog._on_save()
    assert cs.get_session(db, session.id).ends_at is None


@pytest.mark.slow
def test_a_late_evening_session_without_an_end_can_be_edited(qtbot, db):
    session = _session(db, datetime(2026, 11, 3, 23, 30))
    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    assert dialog.check() == {} and dialog.save_button.isEnabled()
    assert not dialog.error_labels["ends_at"].isVisible()
    dialog.venue.setText("Brent Civic Centre")
    dialog._on_save()
    saved = cs.get_session(db, session.id)
    assert (saved.venue, saved.ends_at) == ("Brent Civic Centre", None)
    dialog = _open(qtbot, db, saved)
    dialog.end_known.setChecked(True)
    assert dialog.ends.value() == time(23, 59)  # the day's end, not the next morning
    assert dialog.check() == {}


@pytest.mark.slow
def test_a_new_session_is_offered_an_end_three_hours_on(qtbot, db):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    dialog = SessionDialog(db, None, course_id=course.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.end_known.isChecked() and dialog.ends.value() == time(12, 30)
    dialog.day.set_value(date(2026, 10, 6))
    dialog.start.set_value(time(14, 0))
    assert dialog.check() == {"ends_at": "The session must end after it starts"}
    assert dialog.error_labels["ends_at"].isVisible()
    dialog.ends.set_value(time(16, 0))
    dialog._on_save()
    assert dialog.result_value.ends_at == datetime(2026, 10, 6, 16, 0)


@pytest.mark.slow
def test_reload_after_someone_else_gave_the_end_ticks_known(qtbot, db, monkeypatch):
    monkeypatch.setattr(ConflictDialog, "exec", lambda self: ConflictDialog.RELOAD)
    session = _session(db, datetime(2026, 10, 6, 9, 30))
    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    theirs = Database(sqlite_url(db.path), db.path)
    try:
        theirs.user = "Jane Smith"
        cs.update_session(theirs, session.id, cs.SessionFields(
            session.course_id, session.starts_at, 10, datetime(2026, 10, 6, 11, 0)))
    finally:
        theirs.close()
    dialog.capacity.setValue(12)
    dialog._on_save()
    assert dialog.isVisible() and "Reloaded" in dialog.status.text()
    assert dialog.end_known.isChecked() and dialog.ends.value() == time(11, 0)
    assert dialog.changed_fields() == []


@pytest.mark.slow
@pytest.mark.parametrize(("day", "said"), [
    (date(2026, 12, 25), "25/12/2026 is a bank holiday (Christmas Day): check the date."),
    (date(2026, 10, 10), "10/10/2026 is a Saturday: check the date."),
])
def test_a_session_on_a_day_off_is_noted_under_the_date(qtbot, db, day, said):
    session = _session(db, datetime.combine(day, time(9, 30)))
    dialog = _open(qtbot, db, cs.get_session(db, session.id))
    assert dialog.day_note.isVisible() and dialog.day_note.text() == said
    assert dialog.save_button.isEnabled()  # never refused
    dialog.day.set_value(date(2026, 10, 6))
    assert not dialog.day_note.isVisible()


@pytest.mark.slow
def test_a_new_session_moved_onto_a_bank_holiday_is_noted(qtbot, db):
    dialog = _open(qtbot, db, None)
    assert not dialog.day_note.isVisible()
    dialog.day.set_value(date(2026, 12, 25))
    assert dialog.day_note.isVisible()
    assert dialog.day_note.text() == "25/12/2026 is a bank holiday (Christmas Day): check the date."
