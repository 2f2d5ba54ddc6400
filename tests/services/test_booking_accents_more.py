"""A delegate's name typed without its accents names the same delegate: the window refuses a
second booking of them on a session (so a place freed is not offered to them), an evaluation
naming them finds their booking, and the bookings import updates their booking rather than
adding one, as with a name typed in other letters' case or spacing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.delegates import delegate_key, matching_booking
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import COURSE, write_csv

RAN = datetime(2024, 4, 15, 10, 0)


def _session(db, capacity=1, when=RAN, title=COURSE):
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, booked_on=date(2024, 3, 1), **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=booked_on, **kw))


class _Booking:
    def __init__(self, name: str, email: str = ""):
        self.delegate_name, self.email, self.delegate_key = name, email, delegate_key(name, email)


def test_the_shared_rule_finds_a_booking_by_a_name_typed_without_accents():
    jose = _Booking("José  Álvarez")
    assert matching_booking([jose], "jose alvarez", "") is jose
    assert matching_booking([jose], "JOSE ALVAREZ", "jose@brent.gov.uk") is jose  # the booking has no address
    assert matching_booking([_Booking("José Álvarez", "jose@brent.gov.uk")], "jose alvarez", "j.a@x.org") is None
    assert matching_booking([jose, _Booking("Jose Álvarez")], "JOSE ALVAREZ", "") is None  # two of that name


@pytest.mark.slow  # a late cancellation reads the bank holidays
def test_a_delegate_named_without_accents_is_not_booked_twice_on_a_session(db):
    session = _session(db, when=datetime.combine(date.today() + timedelta(days=1), time(9)))
    jose = _book(db, session, "José Álvarez", booked_on=date.today()).booking
    for name, email in (("jose alvarez", ""), ("Jose  Alvarez", "jose.alvarez@brent.gov.uk")):
        with pytest.raises(ValidationError) as refused:
            _book(db, session, name, booked_on=date.today(), email=email)
        assert refused.value.errors == {"delegate_name": (
            f"{' '.join(name.split())} is already booked on this session: José Álvarez (no e-mail address), booked on "
            f"{date.today():%d/%m/%Y}, outcome Booked. Edit that booking instead")}
    assert [b.delegate_name for b in bk.list_bookings(db, session_id=session.id)] == ["José Álvarez"]
    assert bk.cancel_booking(db, jose.id, date.today()).offer is None  # nobody waiting: not José again


def test_an_evaluation_naming_the_delegate_without_accents_is_of_their_booking(db):
    session = _session(db, capacity=5)
    jose = _book(db, session, "José Álvarez").booking
    bk.mark_register(db, session.id, {jose.id: Outcome.ATTENDED})
    evaluation = ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="jose alvarez",
                                                              comments="Useful"))
    assert evaluation.booking_id == jose.id
    with pytest.raises(ValidationError, match="already evaluated"):
        ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="JOSÉ ÁLVAREZ"))


def test_the_bookings_import_updates_the_booking_of_a_delegate_named_without_accents(db, tmp_path):
    session = _session(db, capacity=3)
    jose = _book(db, session, "José Álvarez").booking
    row = [COURSE, "15/04/2024 10:00", "3", "jose alvarez", "", "Social worker", "", "01/03/2024", "Attended", ""]
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", [row]))
    assert (report.added, report.updated) == (0, 1)
    [booking] = bk.list_bookings(db, session_id=session.id)
    assert (booking.id, booking.outcome, booking.job_title) == (jose.id, Outcome.ATTENDED, "Social worker")
