"""A booking of a person chosen from Memberships keeps the organisation, e-mail address and job
title it was made with when it is saved again (a follow-up, a cancellation, a note), whatever
Memberships now says of the person; and two people of one name, chosen from Memberships, are
two delegates on a session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

RAN = datetime(2024, 3, 11, 9, 30)


def _session(db, when=RAN, title="Neglect basics"):
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=5))


def _book(db, session, name="", **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                                  booked_on=date(2024, 2, 1), **kw)).booking


def _org(db, name, kind):
    return ms.create_organisation(db, ms.OrganisationFields(name, kind))


def test_a_follow_up_leaves_a_no_show_with_no_organisation_where_it_was(db):
    police = _org(db, "Metropolitan Police Service", OrganisationKind.POLICE)
    nora = ms.create_person(db, ms.PersonFields("Nora Newman", "Student social worker", None, "nora@example.org"))
    session = _session(db)
    booking = _book(db, session, person_id=nora.id)
    bk.mark_register(db, session.id, {booking.id: Outcome.NO_SHOW})
    ms.update_person(db, nora.id, ms.PersonFields("Nora Newman", "Social worker", police.id, "nora@police.uk"))
    after = bk.record_follow_up(db, booking.id, "Was ill", date(2024, 3, 12))
    assert (after.organisation_id, after.organisation_name, after.email, after.job_title) == (
        None, "", "nora@example.org", "Student social worker")
    assert after.outcome is Outcome.NO_SHOW and after.non_attendance_reason == "Was ill"


def test_a_booking_saved_again_keeps_the_organisation_and_details_it_was_made_with(db):
    council = _org(db, "Brent Council", OrganisationKind.LOCAL_AUTHORITY)
    police = _org(db, "Metropolitan Police Service", OrganisationKind.POLICE)
    ama = ms.create_person(db, ms.PersonFields("Ama Mensah", "Social worker", council.id, "ama@brent.gov.uk"))
    booking = _book(db, _session(db), person_id=ama.id)
    assert (booking.organisation_id, booking.organisation_name) == (council.id, "Brent Council")
    ms.update_person(db, ama.id, ms.PersonFields("Ama Mensah", "Detective", police.id, "ama@met.police.uk"))
    noted = bk.update_booking(db, booking.id, replace(booking.to_fields(), notes="Needs a hearing loop")).booking
    cancelled = bk.cancel_booking(db, booking.id, date(2024, 2, 20)).booking
    for saved in (noted, cancelled):
        assert (saved.organisation_id, saved.organisation_name, saved.email, saved.job_title, saved.sector) == (
            council.id, "Brent Council", "ama@brent.gov.uk", "Social worker", "Statutory partner: local authority")
    # the details cleared by the officer on an edit stay cleared; the name, which a booking needs, is the person's
    cleared = bk.update_booking(db, booking.id, replace(cancelled.to_fields(), delegate_name="", email="",
                                                        job_title="")).booking
    assert (cleared.delegate_name, cleared.email, cleared.job_title) == ("Ama Mensah", "", "")
    # given another person, the booking takes that person's details where it has none
    bo = ms.create_person(db, ms.PersonFields("Bo Chan", "Detective", police.id, "bo@met.police.uk"))
    moved = bk.update_booking(db, booking.id, replace(cleared.to_fields(), delegate_name="", organisation_name="",
                                                      organisation_id=None, person_id=bo.id)).booking
    assert (moved.delegate_name, moved.email, moved.job_title, moved.organisation_id) == (
        "Bo Chan", "bo@met.police.uk", "Detective", police.id)


def test_two_people_of_one_name_are_each_booked_on_a_session(db):
    police = _org(db, "Metropolitan Police Service", OrganisationKind.POLICE)
    council = _org(db, "Brent Council", OrganisationKind.LOCAL_AUTHORITY)
    sam_police = ms.create_person(db, ms.PersonFields("Sam Smith", "DC", police.id))
    sam_council = ms.create_person(db, ms.PersonFields("Sam Smith", "Social worker", council.id))
    session = _session(db)
    first = _book(db, session, person_id=sam_police.id)
    second = _book(db, session, person_id=sam_council.id)
    assert [(b.delegate_name, b.organisation_id) for b in bk.list_bookings(db, session_id=session.id)] == [
        ("Sam Smith", police.id), ("Sam Smith", council.id)]
    for booking in (first, second):  # each saved again as it is
        assert bk.update_booking(db, booking.id, replace(booking.to_fields(), notes="Confirmed")).booking.notes
    # the same person chosen again, or a Sam Smith typed in with no person, is still refused
    for person_id in (sam_police.id, sam_council.id, None):
        with pytest.raises(ValidationError, match="already"):
            _book(db, session, "Sam Smith", person_id=person_id)
    # once Sam Smith of the police is cancelled, a cancellation taken back does not clash with the other
    bk.cancel_booking(db, first.id, date(2024, 2, 20))
    again = bk.update_booking(db, first.id, replace(bk.get_booking(db, first.id).to_fields(), outcome=Outcome.BOOKED,
                                                    cancelled_on=None)).booking
    assert again.outcome is Outcome.BOOKED and len(bk.list_bookings(db, session_id=session.id)) == 2


def test_a_second_person_of_one_name_is_restored_beside_the_first(db):
    sam_one = ms.create_person(db, ms.PersonFields("Sam Smith", "DC"))
    sam_two = ms.create_person(db, ms.PersonFields("Sam Smith", "Social worker"))
    session = _session(db)
    _book(db, session, person_id=sam_one.id)
    second = _book(db, session, person_id=sam_two.id)
    bk.archive_booking(db, second.id)
    assert bk.restore_booking(db, second.id).booking.outcome is Outcome.BOOKED
