"""A session the partnership called off (the facilitator is ill, the venue is lost): its bookings
are called off by the partnership, not cancelled by the delegates, so no agency is charged and
the figures leave the session out, saying so; reinstating it before it starts puts every booking
back as it was. Refusals name the field and leave everything as it was."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date.today()
SOON = datetime.combine(TODAY + timedelta(days=2), time(9, 30))  # a cancellation today would be late
RAN = datetime.combine(TODAY - timedelta(days=3), time(9, 30))


def _session(db, when=SOON, capacity=2, title="Neglect basics"):
    course = next((c for c in cs.list_courses(db) if c.title == title), None) or cs.create_course(
        db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, organisation="Agency One", booked_on=None):
    return bk.create_booking(db, bk.BookingFields(
        session_id=session.id, delegate_name=name, organisation_name=organisation,
        booked_on=booked_on or min(TODAY, session.starts_at.date()) - timedelta(days=20))).booking


def _rates(db, day):
    st.set_charge_rate(db, financial_year_of(day), Decimal("50"), Decimal("25"))


def _state(db, session_id):
    """Everything calling off could change: the bookings and the session's notes."""
    bookings = [(b.delegate_name, b.outcome, b.cancelled_on, b.late_cancellation, b.gave_up_place)
                for b in bk.list_bookings(db, session_id=session_id)]
    return bookings, cs.get_session(db, session_id).notes


def _booked_and_waiting(db):
    session = _session(db)
    ann, bob = _book(db, session, "Ann Able"), _book(db, session, "Bob Baker", "Agency Two")
    cara = _book(db, session, "Cara Cole")  # the session is full: she waits
    assert [ann.outcome, bob.outcome, cara.outcome] == [Outcome.BOOKED, Outcome.BOOKED, Outcome.WAITLISTED]
    return session


# ------------------------------------------------------------------ calling off


def test_calling_off_marks_every_booking_called_off_by_the_partnership_and_keeps_the_reason(db):
    session = _booked_and_waiting(db)
    called = co.call_off_session(db, session.id, "  The facilitator is ill  ", today=TODAY)
    assert (called.on, called.reason, called.bookings) == (TODAY, "The facilitator is ill", 3)
    bookings = bk.list_bookings(db, session_id=session.id)
    assert {b.outcome for b in bookings} == {Outcome.CALLED_OFF}
    assert {(b.cancelled_on, b.late_cancellation, b.charge) for b in bookings} == {(TODAY, False, None)}
    assert bookings[0].outcome_text == "Called off by the partnership"
    assert cs.get_session(db, session.id).notes == f"Called off by the partnership on {TODAY:%d/%m/%Y}: The facilitator is ill"
    with db.unit_of_work() as s:
        assert co.called_off_in(s)[session.id] == called


def test_no_agency_is_charged_for_a_session_called_off_unlike_late_cancellations(db):
    _rates(db, SOON.date())
    called_off = _booked_and_waiting(db)
    cancelled = _session(db, SOON + timedelta(hours=4))
    for booking in (_book(db, cancelled, "Dan Dale"), _book(db, cancelled, "Eve East", "Agency Two")):
        bk.cancel_booking(db, booking.id, TODAY)  # the delegates' own late cancellations: £25 each
    co.call_off_session(db, called_off.id, "The venue is lost", today=TODAY)
    report = ch.charges_report(db, SOON.date(), SOON.date())
    assert sorted((line.delegate_name, line.amount) for line in report.lines) == [
        ("Dan Dale", Decimal("25.00")), ("Eve East", Decimal("25.00"))]


def test_no_place_is_offered_booked_or_marked_on_a_session_called_off(db):
    session = _booked_and_waiting(db)
    waiting = next(b for b in bk.list_bookings(db, session_id=session.id) if b.delegate_name == "Cara Cole")
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    assert bk.waitlist_offer(db, session.id) is None
    with pytest.raises(ValidationError) as refused:
        _book(db, session, "Fay Ford")
    assert refused.value.errors["session_id"] == (
        f"The session Neglect basics, {SOON:%-d %b %Y} 09:30 was called off by the partnership on {TODAY:%d/%m/%Y}: "
        "reinstate it first (Sessions, Reinstate session)")
    with pytest.raises(ValidationError) as refused:
        bk.offer_place(db, waiting.id)
    assert refused.value.errors == {"outcome": "Cara Cole is not on the waiting list"}  # no longer: called off
    with pytest.raises(ValidationError) as refused:  # a booking called off changes only with its session
        bk.update_booking(db, waiting.id, dataclasses.replace(waiting.to_fields(), outcome=Outcome.BOOKED))
    assert refused.value.errors == {"outcome": "Cara Cole's booking was called off with its session by the "
                                               "partnership: reinstate the session first (Sessions, Reinstate "
                                               "session) to change it"}
    with pytest.raises(ValidationError) as refused:
        bk.mark_register(db, session.id, {waiting.id: Outcome.ATTENDED})
    assert refused.value.errors == {"register": f"The session was called off by the partnership on "
                                                f"{TODAY:%d/%m/%Y}: it did not run, so there is no attendance to mark"}


def test_one_booking_is_never_called_off_on_its_own(db):
    session = _session(db)
    with pytest.raises(ValidationError) as refused:
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Able",
                                               outcome=Outcome.CALLED_OFF))
    assert refused.value.errors["outcome"].startswith("Called off by the partnership is recorded for a whole session")
    with pytest.raises(ValueError):  # typed or imported, the words are not an outcome of one booking
        Outcome.parse("Called off by the partnership")
    assert "Called off" not in Outcome.choices_text()


# ------------------------------------------------------------------ refusals


def test_a_blank_reason_is_refused_naming_the_field(db):
    session = _booked_and_waiting(db)
    before = _state(db, session.id)
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, session.id, " \n ", today=TODAY)
    assert refused.value.errors == {"reason": "Give the reason the session was called off (for example, the "
                                              "facilitator is ill): it is kept in the session's notes"}
    assert _state(db, session.id) == before


def test_an_archived_session_or_one_already_called_off_is_refused(db):
    session = _booked_and_waiting(db)
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    before = _state(db, session.id)
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, session.id, "Again", today=TODAY)
    assert refused.value.errors == {"session_id": f"The session Neglect basics, {SOON:%-d %b %Y} 09:30 was already "
                                                  f"called off by the partnership on {TODAY:%d/%m/%Y}"}
    assert _state(db, session.id) == before
    other = _session(db, SOON + timedelta(hours=4))
    _book(db, other, "Gil Grey")
    cs.archive_session(db, other.id)
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, other.id, "The venue is lost", today=TODAY)
    assert "is archived: restore it first (Sessions, Show archived) to call it off" in refused.value.errors["session_id"]


def test_a_session_that_ran_or_has_no_one_booked_is_not_called_off(db):
    ran = _session(db, RAN, capacity=5)
    came, stayed = _book(db, ran, "Ann Able"), _book(db, ran, "Bob Baker")
    bk.mark_register(db, ran.id, {came.id: Outcome.ATTENDED, stayed.id: Outcome.NO_SHOW})
    before = _state(db, ran.id)
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, ran.id, "The facilitator is ill", today=TODAY)
    assert refused.value.errors == {"session_id": f"The session Neglect basics, {RAN:%-d %b %Y} 09:30 ran: its "
                                                  "register has 1 attended and 1 no-show, so it cannot be called off. "
                                                  "Correct the register first if it is wrong"}
    assert _state(db, ran.id) == before
    empty = _session(db)
    with pytest.raises(ValidationError) as refused:
        co.call_off_session(db, empty.id, "The facilitator is ill", today=TODAY)
    assert refused.value.errors["session_id"].endswith("so there is no booking to call off: archive the session if "
                                                       "it will not run")


def test_calling_off_is_one_transaction_nothing_half_saved(db, monkeypatch):
    session = _booked_and_waiting(db)
    before = _state(db, session.id)

    def fails(*_args, **_kw):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(co, "CalledOff", fails)  # after every booking is changed, before the commit
    with pytest.raises(RuntimeError):
        co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    assert _state(db, session.id) == before


# ------------------------------------------------------------------ figures


def test_the_figures_leave_a_session_called_off_out_and_say_so(db):
    ran = _session(db, RAN, capacity=5)
    came = _book(db, ran, "Ann Able")
    bk.mark_register(db, ran.id, {came.id: Outcome.ATTENDED})
    called = _session(db, RAN + timedelta(hours=4), capacity=2, title="Exploitation")  # its register never marked
    _book(db, called, "Bob Baker", "Agency Two")
    _book(db, called, "Cara Cole", "Agency Two")
    _book(db, called, "Dan Dale", "Agency Two")  # waiting: never held a place
    later = _session(db, SOON, capacity=3, title="Exploitation")
    _book(db, later, "Eve East")
    co.call_off_session(db, called.id, "The venue is lost", today=TODAY)
    co.call_off_session(db, later.id, "The facilitator is ill", today=TODAY)

    report = fg.figures_report(db, RAN.date(), SOON.date(), today=TODAY)
    total = report.total.figures
    assert (total.sessions, total.places, total.bookings, total.attended, total.cancellations) == (1, 5, 1, 1, 0)
    assert total.attendance_rate.text == "100% (1 of 1)"
    assert [r.label for r in report.by_organisation] == ["Agency One"]  # Agency Two is not blamed for it
    assert (report.upcoming_sessions, report.upcoming_bookings) == (0, 0)
    assert (report.called_off_sessions, report.called_off_bookings) == (2, 3)
    assert report.called_off_note == ("2 sessions were called off by the partnership (3 bookings): they are not "
                                      "counted, and no one is charged for them.")


def test_the_sentence_for_one_session_called_off():
    from bscp_desktop.domain.training import called_off_sentence

    assert called_off_sentence(1, 2) == ("1 session was called off by the partnership (2 bookings): it is not "
                                         "counted, and no one is charged for it.")
    assert called_off_sentence(0, 0) == ""


# ------------------------------------------------------------------ reinstating


def test_reinstating_puts_the_bookings_back_as_they_were_in_their_turn(db):
    session = _booked_and_waiting(db)
    before = _state(db, session.id)
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    back = co.reinstate_session(db, session.id)
    assert back.sentence == f"Neglect basics, {SOON:%-d %b %Y} 09:30 is back on: 2 delegates booked again, and 1 on the waiting list."
    assert _state(db, session.id) == before  # the reason leaves the notes; the change history keeps it
    assert [w.delegate_name for w in bk.waiting_list(db, session.id)] == ["Cara Cole"]
    with db.unit_of_work() as s:
        assert co.called_off_in(s, [session.id]) == {}
    _book(db, session, "Fay Ford")  # booked on again: onto the waiting list, after Cara


def test_reinstating_is_refused_once_started_with_too_few_places_or_not_called_off(db):
    session = _booked_and_waiting(db)
    with pytest.raises(ValidationError) as refused:
        co.reinstate_session(db, session.id)
    assert refused.value.errors["session_id"].endswith("is not called off: there is nothing to reinstate")
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    called = _state(db, session.id)
    with pytest.raises(ValidationError) as refused:
        co.reinstate_session(db, session.id, now=SOON + timedelta(minutes=1))
    assert refused.value.errors == {"session_id": f"The session started on {SOON:%-d %b %Y} at 09:30: a session "
                                                  "called off is reinstated only before it starts"}
    fewer = dataclasses.replace(cs.get_session(db, session.id).to_fields(), capacity=1)
    cs.update_session(db, session.id, fewer)
    with pytest.raises(ValidationError) as refused:
        co.reinstate_session(db, session.id)
    assert refused.value.errors == {"capacity": "The session has 1 place, but 2 delegates were booked on it: raise "
                                                "its places to 2 first (Edit), then reinstate it"}
    assert _state(db, session.id) == called
