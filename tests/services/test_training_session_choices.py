"""The sessions a booking, an evaluation or an expense may name: live sessions of live courses,
newest first (sessions starting together in their course's title order), labelled by course,
date and time, plus the archived session a record already names. They are read in one
statement of the sessions and their courses alone (not the bookings or the costs the session
list counts), and are the same as the session list gives."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event

from bscp_desktop.domain.training import session_label
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

NEWEST, TOGETHER, OLDER, OLDEST = (datetime(2024, 5, 2, 14, 0), datetime(2024, 3, 11, 9, 30),
                                   datetime(2024, 2, 1, 13, 15), datetime(2024, 1, 10, 10, 0))


def _sessions(db):
    """Two live courses (sessions of both starting together), an archived session and a session
    of an archived course; a booking on one session."""
    neglect = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    risk = cs.create_course(db, cs.CourseFields(title="Adolescent risk", topic="Exploitation"))
    closed = cs.create_course(db, cs.CourseFields(title="Old induction", topic="Induction"))

    def add(course, when):
        return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=10))

    s = {"newest": add(neglect, NEWEST), "neglect": add(neglect, TOGETHER), "risk": add(risk, TOGETHER),
         "archived": add(risk, OLDEST), "closed": add(closed, OLDER)}
    bk.create_booking(db, bk.BookingFields(session_id=s["neglect"].id, delegate_name="Ann Able",
                                           booked_on=date(2024, 3, 1)))
    cs.archive_session(db, s["archived"].id)
    cs.archive_course(db, closed.id)
    return s


def _from_the_session_list(db, include=()) -> list[tuple[str, int]]:
    """The choices as the full session list gives them: live sessions of live courses (and those
    in `include`), newest first, sessions starting together in the list's order."""
    closed = {c.id for c in cs.list_courses(db, include_archived=True) if c.archived}
    with db.unit_of_work() as session:
        every = cs.sessions_in(session, include_archived=True)
    rows = [s for s in every if (not s.archived and s.course_id not in closed) or s.id in set(include)]
    return [(s.name, s.id) for s in sorted(rows, key=lambda s: s.starts_at, reverse=True)]


def test_the_choices_are_labelled_ordered_and_offered_as_the_session_list_gives_them(db):
    s = _sessions(db)
    live = [(session_label("Neglect basics", NEWEST), s["newest"].id),
            (session_label("Adolescent risk", TOGETHER), s["risk"].id),  # starting together: by title
            (session_label("Neglect basics", TOGETHER), s["neglect"].id)]
    assert live[0][0] == "Neglect basics, 2 May 2024 14:00"
    assert cs.session_choices(db) == live == _from_the_session_list(db)
    # an edited record keeps the archived session it names, or the session of an archived course
    archived = (session_label("Adolescent risk", OLDEST), s["archived"].id)
    closed = (session_label("Old induction", OLDER), s["closed"].id)
    assert cs.session_choices(db, [s["archived"].id]) == [*live, archived] == _from_the_session_list(db, [s["archived"].id])
    both = [s["closed"].id, s["archived"].id]
    assert cs.session_choices(db, both) == [*live, closed, archived] == _from_the_session_list(db, both)
    assert cs.session_choices(db, [s["risk"].id]) == live  # a live session named is offered once
    assert cs.session_choices(db, [10_000]) == live  # nor does a missing one add anything


def test_the_choices_are_read_in_one_statement_of_sessions_and_courses_alone(db):
    s = _sessions(db)
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        choices = cs.session_choices(db, [s["archived"].id])
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(choices) == 4
    reads = [q for q in seen if "training_session" in q or "training_course" in q]
    assert len(reads) == 1, reads
    assert "training_booking" not in reads[0] and "expense" not in reads[0]
