"""Two officers mark the same session's register: each saves only the marks they changed, each
from the booking as they read it; a mark on a booking someone else has saved since is refused
(RecordChanged naming the delegate and who changed it when), and nothing of that save is written."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.training import ChargeKind, Outcome
from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


def _register(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 11, 9, 30), capacity=5))
    for name in ("Ama Mensah", "Bilal Khan"):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=date(2024, 2, 1)))
    return session, bk.list_bookings(db, session_id=session.id)  # as the register reads them


def test_a_register_saves_only_the_marks_given_keeping_another_officers_mark(db, theirs):
    session, (ama, bilal) = _register(db)
    bk.mark_register(theirs, session.id, {ama.id: Outcome.NO_SHOW}, {ama.id: ama.version})
    rows = bk.mark_register(db, session.id, {bilal.id: Outcome.ATTENDED}, {bilal.id: bilal.version})
    assert [(b.delegate_name, b.outcome, b.charge) for b in rows] == [
        ("Ama Mensah", Outcome.NO_SHOW, ChargeKind.NO_SHOW), ("Bilal Khan", Outcome.ATTENDED, None)]


def test_a_mark_on_a_booking_changed_since_it_was_read_is_refused_naming_the_delegate_and_who(db, theirs):
    session, (ama, bilal) = _register(db)
    bk.mark_register(theirs, session.id, {ama.id: Outcome.NO_SHOW}, {ama.id: ama.version})
    with pytest.raises(RecordChanged) as refused:
        bk.mark_register(db, session.id, {ama.id: Outcome.ATTENDED, bilal.id: Outcome.ATTENDED},
                         {ama.id: ama.version, bilal.id: bilal.version})
    text = str(refused.value)
    assert "Jane Smith changed" in text and "Ama Mensah" in text and "not been saved" in text
    assert refused.value.changed_at is not None and refused.value.record_id == ama.id
    # nothing of the refused save is written: Ama keeps the no-show and its charge, Bilal is not marked
    assert [(b.outcome, b.charge) for b in bk.list_bookings(db, session_id=session.id)] == [
        (Outcome.NO_SHOW, ChargeKind.NO_SHOW), (Outcome.BOOKED, None)]
    # marked again from the booking as it is now, it is saved
    now = bk.get_booking(db, ama.id)
    assert bk.mark_register(db, session.id, {ama.id: Outcome.ATTENDED}, {ama.id: now.version})[0].outcome is Outcome.ATTENDED
