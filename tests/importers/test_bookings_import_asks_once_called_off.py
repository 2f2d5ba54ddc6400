"""The bookings import asks once, for all the sessions on record a file names, which of them the
partnership called off: an LMS file naming a term's sessions again costs one query, not one a
session (a called-off session's rows are still refused: tests/services/test_training_called_off_everywhere.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import event

from bscp_desktop.importers import run_import
from bscp_desktop.services.training import courses as cs
from tests.importers.test_training_import import write_csv

DAY = date.today() + timedelta(days=10)


def _statements_importing(db, tmp_path, sessions: int) -> int:
    course = cs.create_course(db, cs.CourseFields(title=f"Neglect {sessions}", topic="Neglect"))
    rows = []
    for n in range(sessions):
        start = datetime.combine(DAY + timedelta(days=n), time(9, 30))
        cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=start, capacity=10))
        rows.append([course.title, start.strftime("%d/%m/%Y %H:%M"), "", f"Delegate {n}", "", "", "Agency One",
                     date.today().strftime("%d/%m/%Y"), "Booked", ""])
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "max(training_booking.cancelled_on)" in statement.lower():  # `called_off.called_off_in`
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        run_import(db, "bookings", write_csv(tmp_path / f"lms{sessions}.csv", rows))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_a_file_naming_many_sessions_on_record_asks_about_calling_off_as_often_as_one_naming_two(db, tmp_path):
    assert _statements_importing(db, tmp_path, 20) == _statements_importing(db, tmp_path, 2) >= 1
