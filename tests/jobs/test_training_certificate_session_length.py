"""A certificate of attendance states how long the delegate's session ran (its end time less
its start time), not the course's standard length; a session with no end time states the
course's length, and an end that says nothing of the length (on another day, or not after the
start) is not read as one."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, datetime

import pypdf

from bscp_desktop import jobs
from bscp_desktop.domain.training import Outcome
from bscp_desktop.jobs.training import session_length_text
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
                    for p in pypdf.PdfReader(path).pages)


def _attended(db, course, starts_at: datetime, ends_at: datetime | None, name: str):
    session = cs.create_session(db, cs.SessionFields(course.id, starts_at, 10, ends_at))
    booking = bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=date(2024, 2, 1))).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    return session, booking


def test_the_certificate_states_how_long_the_session_ran(db, tmp_path):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", length_minutes=180))
    _s, short = _attended(db, course, datetime(2024, 3, 5, 9, 30), datetime(2024, 3, 5, 11, 0), "Ama Boateng")
    _s, open_ended = _attended(db, course, datetime(2024, 3, 12, 9, 30), None, "Ben Cole")

    text = _text(jobs.write_report(db, "certificate", tmp_path / "short.pdf", booking=short.id))
    assert "on 5 Mar 2024 (1 h 30 min)" in text and "(3 h)" not in text

    text = _text(jobs.write_report(db, "certificate", tmp_path / "open.pdf", booking=open_ended.id))
    assert "on 12 Mar 2024 (3 h)" in text


def test_an_end_on_another_day_or_not_after_the_start_gives_the_course_length(db):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", length_minutes=150))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 5, 9, 30), 10,
                                                     datetime(2024, 3, 5, 16, 45)))
    assert session_length_text(session, course) == "7 h 15 min"
    # ends kept by an earlier version: the next day, or before the start
    assert session_length_text(replace(session, ends_at=datetime(2024, 3, 6, 11, 0)), course) == "2 h 30 min"
    assert session_length_text(replace(session, ends_at=datetime(2024, 3, 5, 9, 0)), course) == "2 h 30 min"
    assert session_length_text(replace(session, ends_at=datetime(2024, 3, 5, 9, 30)), course) == "2 h 30 min"
    # a course without a standard length, and a session without an end: nothing to state
    no_length = replace(course, length_minutes=None)
    assert session_length_text(replace(session, ends_at=None), no_length) == ""
    assert session_length_text(replace(session, ends_at=datetime(2024, 3, 5, 10, 15)), no_length) == "45 min"
