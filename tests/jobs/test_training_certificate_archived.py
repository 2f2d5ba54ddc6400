"""A certificate of attendance is written only for a booking on record, on a session on record:
not for one archived (entered by mistake), nor for one on an archived session."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


def _attended(db, name: str):
    course = cs.create_course(db, cs.CourseFields("Neglect basics"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 6, 10, 10, 0), 5))
    booking = bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=date(2024, 6, 1))).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    return session, booking


@pytest.mark.slow
def test_no_certificate_for_an_archived_booking_or_a_booking_on_an_archived_session(db, tmp_path):
    session, booking = _attended(db, "Entered By Mistake")
    bk.archive_booking(db, booking.id)
    with pytest.raises(ValidationError) as refused:
        jobs.write_report(db, "certificate", tmp_path / "a.pdf", booking=booking.id)
    assert refused.value.errors == {"booking": (
        "Entered By Mistake's booking on Neglect basics, 10 Jun 2024 10:00 is archived: a certificate is only for a "
        "booking on record (restore it first: Bookings, Show archived)")}
    bk.restore_booking(db, booking.id)
    cs.archive_session(db, session.id)
    with pytest.raises(ValidationError) as refused:
        jobs.write_report(db, "certificate", tmp_path / "b.pdf", booking=booking.id)
    assert refused.value.errors == {"booking": (
        "The session Neglect basics, 10 Jun 2024 10:00 is archived: a certificate is only for a session on record "
        "(restore it first: Sessions, Show archived)")}
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()
