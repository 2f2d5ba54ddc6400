"""Archiving an organisation tells the officer of its delegates' training bookings on sessions
still to come (booked or on the waiting list), in the right number; cancelled, called-off and
archived bookings, archived sessions and sessions already run are not counted, and archiving
it still goes ahead with its training figures unchanged."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg

TODAY = date.today()


def _session(db, day: date, capacity: int = 5):
    title = "Neglect basics"
    course = next((c for c in cs.list_courses(db) if c.title == title), None) or cs.create_course(
        db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime.combine(day, time(9, 30)),
                                                  capacity=capacity))


def _book(db, session_id: int, name: str, org_id: int | None, booked_on: date | None = None):
    return bk.create_booking(db, bk.BookingFields(session_id=session_id, delegate_name=name, organisation_id=org_id,
                                                  booked_on=booked_on or TODAY)).booking


def _nursery(db):
    return ms.create_organisation(db, ms.OrganisationFields("Little Acorns Nursery", OrganisationKind.EDUCATION))


def test_one_booking_still_to_come_is_named_in_the_archive_note(db):
    nursery = _nursery(db)
    session = _session(db, TODAY + timedelta(days=20))
    _book(db, session.id, "Ann Lee", nursery.id)
    assert ms.organisation_archive_note(db, nursery.id) == (
        "Its delegates hold 1 training booking on a session still to come: it keeps the organisation and still "
        "counts for it in the training figures (cancel it on the Training tab's Bookings page if the delegate "
        "will not attend).")


def test_only_live_bookings_booked_or_waiting_on_sessions_still_to_come_are_counted(db):
    nursery, other = _nursery(db), ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    soon = _session(db, TODAY + timedelta(days=20), capacity=2)
    later = _session(db, TODAY + timedelta(days=40))
    run = _session(db, TODAY - timedelta(days=3))
    shelved = _session(db, TODAY + timedelta(days=50))
    off = _session(db, TODAY + timedelta(days=60))

    _book(db, soon.id, "Ann Lee", nursery.id, TODAY - timedelta(days=30))
    _book(db, soon.id, "Bob Ray", other.id, TODAY - timedelta(days=30))  # another organisation's
    assert _book(db, soon.id, "Cal Dunn", nursery.id).outcome is Outcome.WAITLISTED  # the session is full
    cancelled = _book(db, later.id, "Dee Fox", nursery.id)
    bk.cancel_booking(db, cancelled.id, TODAY)
    bk.archive_booking(db, _book(db, later.id, "Eve Ash", nursery.id).id)
    _book(db, later.id, "Fay Kent", nursery.id)
    _book(db, run.id, "Gus Hale", nursery.id, TODAY - timedelta(days=30))  # already run
    _book(db, shelved.id, "Hal Nye", nursery.id)
    cs.archive_session(db, shelved.id)
    _book(db, off.id, "Ivy Moss", nursery.id)
    co.call_off_session(db, off.id, "The facilitator is ill")

    note = ms.organisation_archive_note(db, nursery.id)
    assert note == (
        "Its delegates hold 3 training bookings on sessions still to come, 1 of them on the waiting list: they "
        "keep the organisation and still count for it in the training figures (cancel them on the Training "
        "tab's Bookings page if the delegates will not attend).")
    # from a later day only the later session's booking is still to come
    assert ms.organisation_archive_note(db, nursery.id, TODAY + timedelta(days=30)).startswith(
        "Its delegates hold 1 training booking on a session still to come: ")
    assert ms.organisation_archive_note(db, nursery.id, TODAY + timedelta(days=41)) == ""


def test_bookings_come_after_people_and_seats_and_before_open_actions(db, world):
    session = _session(db, TODAY + timedelta(days=20))
    _book(db, session.id, "Ann Lee", world.police.id)
    note = ms.organisation_archive_note(db, world.police.id)
    assert note.startswith("It has 2 current people")
    assert " organisation and end the seats too). Its delegates hold 1 training booking on a session still " in note


def test_archiving_still_goes_ahead_and_its_training_figures_are_unchanged(db):
    nursery = _nursery(db)
    run = _session(db, TODAY - timedelta(days=3))
    came = _book(db, run.id, "Ann Lee", nursery.id, TODAY - timedelta(days=30))
    bk.mark_register(db, run.id, {came.id: Outcome.ATTENDED})
    _book(db, _session(db, TODAY + timedelta(days=20)).id, "Bea Lane", nursery.id)
    start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=30)
    before = fg.figures_report(db, start, end, today=TODAY)
    assert [row.label for row in before.by_organisation] == ["Little Acorns Nursery"]
    assert before.upcoming_bookings == 1

    ms.archive_organisation(db, nursery.id)
    assert nursery.id not in [o.id for o in ms.list_organisations(db)]
    assert fg.figures_report(db, start, end, today=TODAY) == before
    assert {b.organisation_id for b in bk.list_bookings(db)} == {nursery.id}
