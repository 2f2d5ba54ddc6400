"""Training bookings: one booking per delegate on a session (however they are named), the
waiting list kept in order when a place is free, no booking made, restored or given a place on an
archived session or on a session of an archived course, no place offered or given once a session
has started, and a booking naming an archived organisation counting for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome, session_label
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

RAN = datetime(2024, 3, 11, 9, 30)
TO_COME = datetime.combine(date.today() + timedelta(days=90), time(9, 30))  # a place freed on it can be offered


def _session(db, capacity=5, title="Neglect basics", when=RAN):
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, booked_on=date(2024, 2, 1), **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=booked_on,
                                                  **kw))


# ------------------------------------------------------------------ one booking per delegate


def test_the_same_delegate_named_with_and_without_an_address_is_booked_once(db):
    session = _session(db)
    first = _book(db, session, "Ama Mensah").booking
    with pytest.raises(ValidationError) as refused:
        _book(db, session, "Ama  Mensah", email="ama.mensah@brent.gov.uk")
    assert refused.value.errors == {"delegate_name": (
        "Ama Mensah is already booked on this session: Ama Mensah (no e-mail address), booked on 01/02/2024, "
        "outcome Booked. Edit that booking instead")}
    # two delegates of one name, each with their own address, are two people
    with_address = _book(db, session, "Bo Chan", email="bo@brent.gov.uk").booking
    with pytest.raises(ValidationError, match="Bo Chan <bo@brent.gov.uk>"):  # a booking renamed as them
        bk.update_booking(db, first.id, replace(first.to_fields(), delegate_name="Bo Chan"))
    _book(db, session, "Bo Chan", email="bo.chan@harrow.gov.uk")
    assert [b.delegate_name for b in bk.list_bookings(db, session_id=session.id)] == ["Ama Mensah", "Bo Chan",
                                                                                       "Bo Chan"]
    # a booking edited without changing who it is for is saved as before
    assert bk.update_booking(db, with_address.id, replace(with_address.to_fields(), notes="Vegetarian")).booking.notes


def test_a_cancelled_or_archived_booking_does_not_stop_the_delegate_booking_again(db):
    session = _session(db)
    cancelled = _book(db, session, "Ama Mensah").booking
    bk.cancel_booking(db, cancelled.id, date(2024, 2, 5))
    again = _book(db, session, "Ama Mensah", email="ama@brent.gov.uk").booking
    bk.archive_booking(db, again.id)
    assert _book(db, session, "ama mensah", email="ama.mensah@brent.gov.uk").booking.outcome is Outcome.BOOKED


def test_the_same_person_from_memberships_is_booked_once(db):
    person = ms.create_person(db, ms.PersonFields(name="Żaneta Ólafsdóttir", email="zaneta@brent.gov.uk"))
    session = _session(db)
    _book(db, session, "", person_id=person.id)
    with pytest.raises(ValidationError) as refused:  # chosen again, their name typed as they sign it
        _book(db, session, "Zaneta Olafsdottir", email="z.o@home.example", person_id=person.id)
    assert set(refused.value.errors) == {"person_id"}
    assert "Żaneta Ólafsdóttir <zaneta@brent.gov.uk>" in refused.value.errors["person_id"]


# ------------------------------------------------------------------ the waiting list


def _one_place_two_waiting(db):
    session = _session(db, capacity=1, when=TO_COME)
    held = _book(db, session, "Ann Holder").booking
    first = _book(db, session, "Will First", booked_on=date(2024, 2, 3)).booking
    second = _book(db, session, "Wendy Second", booked_on=date(2024, 2, 5)).booking
    offer = bk.cancel_booking(db, held.id, date(2024, 2, 10)).offer
    assert offer is not None and offer.booking_id == first.id  # the team answers "not now"
    return session, held, first, second


def test_a_new_booking_joins_the_waiting_list_behind_those_waiting_for_a_free_place(db):
    session, _held, first, second = _one_place_two_waiting(db)
    result = _book(db, session, "Nadia Newcomer", booked_on=date(2024, 2, 12))
    assert result.booking.outcome is Outcome.WAITLISTED and not result.waitlisted_because_full
    assert result.message == (f"2 delegates are already waiting for a place on {session_label('Neglect basics', TO_COME)}: "
                              "Nadia Newcomer joins the waiting list behind them. The free place is offered to the "
                              "first delegate waiting.")
    assert result.offer is not None and result.offer.booking_id == first.id
    assert [b.delegate_name for b in bk.waiting_list(db, session.id)] == ["Will First", "Wendy Second",
                                                                          "Nadia Newcomer"]
    # a delegate already waiting may still be given the place by the team
    assert bk.update_booking(db, second.id, replace(second.to_fields(), outcome="booked")).booking.outcome \
        is Outcome.BOOKED


def test_a_booking_cancelled_then_booked_again_or_restored_waits_behind_those_waiting(db):
    session, held, first, _second = _one_place_two_waiting(db)
    # booked again on a later day than those waiting: the list is in Booked on order
    again = bk.update_booking(db, held.id, replace(bk.get_booking(db, held.id).to_fields(), outcome=None,
                                                   cancelled_on=None, booked_on=date(2024, 2, 12)))
    assert again.booking.outcome is Outcome.WAITLISTED and again.waiting_ahead == 2
    assert again.offer is not None and again.offer.booking_id == first.id
    other = _session(db, capacity=3, title="Neglect advanced")
    moved = _book(db, other, "Mo Mover").booking
    result = bk.update_booking(db, moved.id, replace(moved.to_fields(), session_id=session.id))
    assert result.booking.outcome is Outcome.WAITLISTED  # moved onto the session: behind them too


def test_a_restored_booking_waits_behind_those_waiting_for_a_free_place(db):
    session = _session(db, capacity=1, when=TO_COME)
    archived = _book(db, session, "Ria Restored").booking
    waiting = _book(db, session, "Will Waiting", booked_on=date(2024, 2, 3)).booking
    offer = bk.archive_booking(db, archived.id)
    assert offer is not None and offer.booking_id == waiting.id  # the team answers "not now"
    bk.restore_booking(db, archived.id)
    assert bk.get_booking(db, archived.id).outcome is Outcome.WAITLISTED
    alone = _session(db, capacity=1, title="Neglect advanced")
    kept = _book(db, alone, "Kay Kept").booking
    bk.archive_booking(db, kept.id)
    bk.restore_booking(db, kept.id)
    assert bk.get_booking(db, kept.id).outcome is Outcome.BOOKED  # no one waiting: its place is kept
    late = _book(db, session, "Lee Late", booked_on=date(2024, 2, 4), outcome="booked")
    assert late.booking.outcome is Outcome.WAITLISTED and late.waiting_ahead == 2


def test_a_booking_restored_after_the_delegate_was_booked_again_is_refused(db):
    session = _session(db, capacity=5)
    archived = _book(db, session, "Ama One", email="ama@x.org").booking
    bk.archive_booking(db, archived.id)
    again = _book(db, session, "Ama One", booked_on=date(2024, 2, 5)).booking  # no e-mail: another spelling
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, archived.id)
    assert refused.value.errors == {"delegate_name": (
        "The booking cannot be restored. Ama One is already booked on this session: Ama One (no e-mail address), "
        "booked on 05/02/2024, outcome Booked. Edit that booking instead")}
    assert bk.get_booking(db, archived.id).archived and cs.get_session(db, session.id).held == 1
    person = ms.create_person(db, ms.PersonFields(name="Bo Chan"))  # the same person, named differently
    first = _book(db, session, "Bo Chan", person_id=person.id).booking
    bk.archive_booking(db, first.id)
    _book(db, session, "Robert Chan", email="robert@x.org", person_id=person.id)
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, first.id)
    assert set(refused.value.errors) == {"person_id"} and "Robert Chan <robert@x.org>" in refused.value.errors["person_id"]
    # once the other booking is cancelled (or archived), the first is restored, with its place
    bk.cancel_booking(db, again.id, date(2024, 2, 6))
    bk.restore_booking(db, archived.id)
    assert bk.get_booking(db, archived.id).outcome is Outcome.BOOKED


def test_a_delegate_put_on_the_waiting_list_is_not_offered_their_own_place(db):
    session = _session(db, capacity=1, when=TO_COME)
    early = _book(db, session, "Ama Early", booked_on=date(2024, 1, 10)).booking
    waiting = _book(db, session, "Will Waiting").booking
    result = bk.update_booking(db, early.id, replace(early.to_fields(), outcome="waitlisted"))
    assert result.booking.outcome is Outcome.WAITLISTED
    assert result.offer is not None and result.offer.booking_id == waiting.id
    alone = _session(db, capacity=1, title="Neglect advanced")
    only = _book(db, alone, "Olu Only").booking
    assert bk.update_booking(db, only.id, replace(only.to_fields(), outcome="waitlisted")).offer is None


# ------------------------------------------------------------------ archived sessions and courses


def test_no_booking_on_an_archived_session_or_a_session_of_an_archived_course(db):
    session = _session(db)
    other = cs.create_session(db, cs.SessionFields(course_id=session.course_id, starts_at=datetime(2024, 3, 18, 9, 30),
                                                   capacity=5))
    kept = _book(db, session, "Kay Kept").booking
    cs.archive_session(db, other.id)
    with pytest.raises(ValidationError) as refused:
        _book(db, other, "Eve Early")
    assert refused.value.errors == {"session_id": "The session Neglect basics, 18 Mar 2024 09:30 is archived: "
                                                  "restore it first (Sessions, Show archived)"}
    cs.restore_session(db, other.id)
    cs.archive_course(db, session.course_id)
    assert {i for _label, i in cs.session_choices(db)}.isdisjoint({session.id, other.id})
    assert session.id in {i for _label, i in cs.session_choices(db, include=[session.id])}  # a booking's own
    with pytest.raises(ValidationError) as refused:
        _book(db, session, "Fay Late")
    assert refused.value.errors == {"session_id": "The course Neglect basics is archived: restore it first "
                                                  "(Courses, Show archived) to book on its sessions"}
    with pytest.raises(ValidationError, match="is archived: restore it first"):  # nor moved onto one
        bk.update_booking(db, kept.id, replace(kept.to_fields(), session_id=other.id))
    # a booking already on the session is still followed up
    followed = bk.record_follow_up(db, kept.id, "Illness", None)
    assert followed.non_attendance_reason == "Illness"


def test_a_cancellation_dated_after_the_session_is_refused_and_one_on_the_day_is_late(db):
    session = _session(db)  # 11/03/2024
    booking = _book(db, session, "Ama Mensah").booking
    with pytest.raises(ValidationError) as refused:
        bk.cancel_booking(db, booking.id, date(2024, 3, 12))
    assert refused.value.errors == {"cancelled_on": (
        "Cancelled on (12/03/2024) is after the session (11/03/2024): record it as a no-show")}
    assert bk.get_booking(db, booking.id).outcome is Outcome.BOOKED
    on_the_day = bk.cancel_booking(db, booking.id, date(2024, 3, 11)).booking
    assert on_the_day.outcome is Outcome.CANCELLED and on_the_day.late_cancellation


# ------------------------------------------------------------------ restoring, and giving a place, on a closed session


def test_a_booking_is_not_restored_on_an_archived_session_or_a_session_of_an_archived_course(db):
    session = _session(db)
    booking = _book(db, session, "Ria Restored").booking
    bk.archive_booking(db, booking.id)
    cs.archive_session(db, session.id)
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, booking.id)
    assert refused.value.errors == {"session_id": "The booking cannot be restored. The session Neglect basics, "
                                                  "11 Mar 2024 09:30 is archived: restore it first (Sessions, Show archived)"}
    cs.restore_session(db, session.id)
    cs.archive_course(db, session.course_id)
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, booking.id)
    assert refused.value.errors == {"session_id": "The booking cannot be restored. The course Neglect basics is "
                                                  "archived: restore it first (Courses, Show archived) to book on its sessions"}
    assert bk.get_booking(db, booking.id).archived
    cs.restore_course(db, session.course_id)
    assert bk.restore_booking(db, booking.id).booking.outcome is Outcome.BOOKED


def test_a_cancelled_booking_is_not_restored_onto_a_session_moved_to_before_its_cancellation(db):
    session = _session(db)  # 11/03/2024
    booking = _book(db, session, "Cal Cancelled").booking
    bk.cancel_booking(db, booking.id, date(2024, 3, 8))
    bk.archive_booking(db, booking.id)
    late_booker = _book(db, session, "Lou Later", booked_on=date(2024, 3, 6)).booking
    bk.archive_booking(db, late_booker.id)
    moved = cs.update_session(db, session.id, replace(session.to_fields(), starts_at=datetime(2024, 3, 5, 9, 30)))
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, booking.id)
    assert refused.value.errors == {"cancelled_on": (
        "The booking cannot be restored. Cal Cancelled cancelled on 08/03/2024, after the session, now on 05/03/2024: "
        "move the session back to a day on or after 08/03/2024 to restore it")}
    assert bk.get_booking(db, booking.id).archived
    with pytest.raises(ValidationError, match="Lou Later booked on 06/03/2024, after the session, now on 05/03/2024"):
        bk.restore_booking(db, late_booker.id)
    cs.update_session(db, session.id, replace(moved.to_fields(), starts_at=datetime(2024, 3, 11, 9, 30)))
    restored = bk.restore_booking(db, booking.id).booking
    assert not restored.archived and restored.outcome is Outcome.CANCELLED


def test_a_restored_booking_put_on_the_waiting_list_says_so(db):
    session = _session(db, capacity=1)
    archived = _book(db, session, "Ria Restored").booking
    bk.archive_booking(db, archived.id)
    _book(db, session, "Fay Full")
    result = bk.restore_booking(db, archived.id)
    assert result.booking.outcome is Outcome.WAITLISTED and result.waitlisted_because_full
    assert result.message == ("Ria Restored is back on the waiting list: the session is full (Neglect basics, "
                              "11 Mar 2024 09:30). The session has started: no place is offered.")
    # behind a delegate waiting for the free place, which is offered to them
    other = _session(db, capacity=1, title="Neglect advanced", when=TO_COME)
    gone = _book(db, other, "Gil Gone", booked_on=date(2024, 2, 4)).booking
    waiting = _book(db, other, "Will Waiting", booked_on=date(2024, 2, 3)).booking
    bk.archive_booking(db, gone.id)  # the team answers "not now" to the offer
    result = bk.restore_booking(db, gone.id)
    assert result.booking.outcome is Outcome.WAITLISTED and result.waiting_ahead == 1
    assert result.message == ("Gil Gone is back on the waiting list: 1 delegate is already waiting for the free place "
                              f"on {session_label('Neglect advanced', TO_COME)}, and it is offered to the first of them.")
    assert result.offer is not None and result.offer.booking_id == waiting.id
    # one that keeps its place says nothing
    alone = _session(db, capacity=1, title="Neglect refresher")
    kept = _book(db, alone, "Kay Kept").booking
    bk.archive_booking(db, kept.id)
    result = bk.restore_booking(db, kept.id)
    assert result.booking.outcome is Outcome.BOOKED and result.message == "" and result.offer is None


def test_no_place_is_given_or_offered_on_an_archived_session_or_a_session_of_an_archived_course(db):
    session = _session(db, capacity=1, when=TO_COME)
    held = _book(db, session, "Ann Holder").booking
    waiting = _book(db, session, "Will Waiting").booking
    cs.archive_course(db, session.course_id)
    assert bk.cancel_booking(db, held.id, date(2024, 2, 10)).offer is None  # no offer to give
    with pytest.raises(ValidationError) as refused:
        bk.offer_place(db, waiting.id)
    assert refused.value.errors == {"session_id": "The place cannot be given. The course Neglect basics is archived: "
                                                  "restore it first (Courses, Show archived) to book on its sessions"}
    cs.restore_course(db, session.course_id)
    cs.archive_session(db, session.id)
    assert bk.waitlist_offer(db, session.id) is None
    with pytest.raises(ValidationError, match=f"The place cannot be given. The session "
                                              f"{session_label('Neglect basics', TO_COME)} is archived: restore it first"):
        bk.offer_place(db, waiting.id)
    assert bk.get_booking(db, waiting.id).outcome is Outcome.WAITLISTED
    cs.restore_session(db, session.id)
    assert bk.offer_place(db, waiting.id).outcome is Outcome.BOOKED


def test_no_place_is_offered_or_given_once_the_session_has_started(db):
    """A place that comes free on a session that has run is no one's to take: a no-show corrected
    to a cancellation, a booking archived or moved away, or the places raised offer it to no one,
    and giving it is refused, saying why."""
    session = _session(db, capacity=3)
    ann, bo, cy = (_book(db, session, name).booking for name in ("Ann Holder", "Bo Came", "Cy Mover"))
    waiting = _book(db, session, "Will Waiting", booked_on=date(2024, 2, 3)).booking
    bk.mark_register(db, session.id, {ann.id: "no_show", bo.id: "attended"})
    assert bk.cancel_booking(db, ann.id, date(2024, 3, 8)).offer is None
    assert bk.archive_booking(db, bo.id) is None
    other = _session(db, capacity=5, title="Neglect advanced")
    assert bk.update_booking(db, cy.id, replace(cy.to_fields(), session_id=other.id)).offer is None
    cs.update_session(db, session.id, replace(cs.get_session(db, session.id).to_fields(), capacity=4))
    assert bk.waitlist_offer(db, session.id) is None
    with pytest.raises(ValidationError) as refused:
        bk.offer_place(db, waiting.id)
    assert refused.value.errors == {"session_id": (
        "The place cannot be given. The session started on 11 Mar 2024 at 09:30: a place that comes free is given "
        "only before its session starts")}
    assert bk.get_booking(db, waiting.id).outcome is Outcome.WAITLISTED


def test_a_booking_recorded_cancelled_without_its_booked_on_date_is_booked_no_later_than_it_was_cancelled(db):
    session = _session(db)
    made = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Cy Late", outcome="cancelled",
                                                  cancelled_on=date(2024, 3, 1))).booking
    assert made.booked_on == date(2024, 3, 1)  # not the session's day, after it was cancelled
    assert bk.record_follow_up(db, made.id, "Training elsewhere", date(2024, 3, 4)).followed_up_on == date(2024, 3, 4)


# ------------------------------------------------------------------ an archived organisation named


def test_a_booking_naming_an_archived_organisation_counts_for_it_and_says_so(db):
    trust = ms.create_organisation(db, ms.OrganisationFields("Kilburn Free School Trust", OrganisationKind.EDUCATION))
    ms.archive_organisation(db, trust.id)
    session = _session(db)
    result = _book(db, session, "Ama Mensah", organisation_name="Kilburn Free School Trust")
    assert result.booking.organisation_id == trust.id
    assert result.message == "Kilburn Free School Trust is archived in Memberships: the booking counts for it."
    # saved again, still linked as it was: nothing more to say
    again = bk.update_booking(db, result.booking.id, replace(result.booking.to_fields(), notes="Vegetarian"))
    assert again.message == ""
    # a live organisation's name says nothing
    live = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    booked = _book(db, session, "Bo Chan", organisation_name="brent council")
    assert booked.booking.organisation_id == live.id and booked.message == ""


def test_a_day_after_the_session_is_no_cancellation_so_nothing_is_said_of_its_charge(db):
    """The date is refused beside it ('record it as a no-show'): the dialog says nothing of a
    late-cancellation charge for it."""
    session = _session(db)  # held on 11/03/2024
    held = _book(db, session, "Ama Holder").booking
    assert bk.cancellation_notice(db, held.id, date(2024, 3, 12)) == ""
    assert bk.cancellation_notice(db, held.id, date(2024, 3, 11)).startswith("A late cancellation")
