"""An evaluation comes from a delegate who attended, and stays so: an archived evaluation comes
back only as it could be saved, and a booking with a live evaluation is not marked as not
attended (or moved to another session) until the evaluation is archived."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

RAN = datetime.combine(date.today() - timedelta(days=10), time(9, 30))


def _ran_session(db, when=RAN):
    course = next(iter(cs.list_courses(db)), None) or cs.create_course(db, cs.CourseFields(title="Neglect basics"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=5))


def _attended(db, session, name):
    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                                     booked_on=date.today() - timedelta(days=30))).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    return booking


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        command(*args)
    return error.value.errors


def test_an_evaluation_is_not_restored_from_a_delegate_since_marked_a_no_show(db):
    session = _ran_session(db)
    booking = _attended(db, session, "Ann Lee")
    evaluation = ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=booking.id))
    ev.archive_evaluation(db, evaluation.id)
    bk.update_booking(db, booking.id, replace(bk.get_booking(db, booking.id).to_fields(), outcome=Outcome.NO_SHOW))

    said = "Ann Lee did not attend this session (no-show): an evaluation comes from a delegate who did"
    assert _refused(ev.restore_evaluation, db, evaluation.id) == {"booking_id": said}  # as saving a new one says
    assert ev.list_evaluations(db) == []

    bk.update_booking(db, booking.id, replace(bk.get_booking(db, booking.id).to_fields(), outcome=Outcome.ATTENDED))
    ev.restore_evaluation(db, evaluation.id)  # attended after all: it comes back, and saves again
    assert ev.update_evaluation(db, evaluation.id, ev.list_evaluations(db)[0].to_fields()).delegate_name == "Ann Lee"


def test_a_booking_with_a_live_evaluation_is_not_marked_as_not_attended_or_moved(db):
    session = _ran_session(db)
    booking = _attended(db, session, "Ann Lee")
    evaluation = ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=booking.id))
    fields = bk.get_booking(db, booking.id).to_fields()
    first = "archive the evaluation first (Training tab, Evaluations page)"
    said = (f"The booking cannot be marked no-show while {evaluation.name} is on record (an evaluation comes from a "
            f"delegate who attended): {first}")
    assert _refused(bk.update_booking, db, booking.id, replace(fields, outcome=Outcome.NO_SHOW)) == {"outcome": said}
    assert _refused(bk.mark_register, db, session.id, {booking.id: Outcome.NO_SHOW}) == {"outcome": said}
    cancelled = _refused(bk.cancel_booking, db, booking.id, RAN.date() - timedelta(days=1))
    assert cancelled == {"outcome": said.replace("marked no-show", "marked cancelled")}
    other = _ran_session(db, RAN - timedelta(days=1))
    assert _refused(bk.update_booking, db, booking.id, replace(fields, session_id=other.id)) == {
        "session_id": f"The booking cannot move to another session while {evaluation.name} is on record: {first}"}
    assert bk.get_booking(db, booking.id).outcome is Outcome.ATTENDED

    bk.update_booking(db, booking.id, replace(fields, notes="Came late"))  # other changes save as before
    ev.archive_evaluation(db, evaluation.id)
    assert bk.update_booking(db, booking.id, replace(fields, outcome=Outcome.NO_SHOW)).booking.outcome is Outcome.NO_SHOW
