"""Training service against a real SQLite file: courses and sessions, capacity and the waiting
list, late cancellation in working days, figures with both denominators against the previous
period, evaluations and learning gain, and charges."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse
from bscp_desktop.domain.training import ChargeKind, ChargeRates, Outcome, Rate
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import sessions as ss
from bscp_desktop.services.training import settings as st

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


def _course(db, title="Neglect: recognising and responding", topic="Neglect", **kw):
    return cs.create_course(db, cs.CourseFields(title=title, topic=topic, **kw))


def _session(db, course, when=datetime(2024, 3, 11, 9, 30), capacity=2, **kw):
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity, **kw))


BOOKED = D(2024, 2, 1)
TO_COME = datetime.combine(date.today() + timedelta(days=90), time(9, 30))  # a place freed on it can be offered


def _book(db, session, name, booked_on=BOOKED, **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=booked_on, **kw))


# ------------------------------------------------------------------ courses and sessions


def test_a_series_title_is_used_once_among_live_series(db):
    briefings = cs.create_series(db, cs.SeriesFields("Lunchtime briefings"))
    with pytest.raises(ValidationError) as refused:
        cs.create_series(db, cs.SeriesFields("lunchtime  Briefings "))
    assert refused.value.errors == {"title": "There is already a series called 'lunchtime Briefings'; choose another title"}
    assert cs.update_series(db, briefings.id, cs.SeriesFields("Lunchtime briefings", "One hour")).description == "One hour"
    cs.archive_series(db, briefings.id)
    assert cs.create_series(db, cs.SeriesFields("Lunchtime briefings")).title == "Lunchtime briefings"
    assert [s.title for s in cs.list_series(db)] == ["Lunchtime briefings"]


def test_course_checks_name_each_field(db):
    with pytest.raises(ValidationError) as err:
        cs.create_course(db, cs.CourseFields(title=" ", audience="teenagers", format="radio", cost="-5",
                                             length_minutes=0))
    assert set(err.value.errors) == {"title", "audience", "format", "cost", "length_minutes"}
    assert "choose one of: Children, Adults, Joint with the Adults Board" in err.value.errors["audience"]
    course = _course(db, learning_outcomes=("Spot neglect", "Make a referral"), cost="£1,250.00",
                     audience="joint", format="Briefing (60 to 90 minutes)", length_minutes=90)
    assert course.cost == Decimal("1250.00")
    assert course.learning_outcomes == ("Spot neglect", "Make a referral")
    assert course.length_text == "1 h 30 min"
    with pytest.raises(ValidationError, match="already a course called"):
        _course(db, title="neglect: RECOGNISING and responding")
    with pytest.raises(ValidationError, match="already a course called"):  # a stray space is no new course
        _course(db, title=" Neglect:  recognising and\tresponding ")


def test_learning_outcomes_typed_one_a_line():
    assert cs.outcomes_from_text("1. Spot neglect\n• Refer\n\n - Record it") == ("Spot neglect", "Refer", "Record it")


def test_session_checks(db):
    course = _course(db)
    with pytest.raises(ValidationError) as err:
        cs.create_session(db, cs.SessionFields(course_id=None, starts_at=None, capacity=0))
    assert set(err.value.errors) == {"course_id", "starts_at", "capacity"}
    with pytest.raises(ValidationError, match="end after it starts"):
        cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 1, 10), 10, ends_at=datetime(2024, 3, 1, 9)))
    session = _session(db, course, capacity=10, venue="Brent Civic Centre", cost="300")
    assert session.places_left == 10 and session.cost == Decimal("300.00")
    with pytest.raises(ValidationError, match="already has a session starting then"):
        _session(db, course)


def test_capacity_cannot_drop_below_places_held(db):
    session = _session(db, _course(db), capacity=3)
    for name in ("A", "B", "C"):
        _book(db, session, name)
    with pytest.raises(ValidationError, match="cannot be less than 3"):
        cs.update_session(db, session.id, cs.SessionFields(session.course_id, session.starts_at, 2))
    assert cs.get_session(db, session.id).capacity == 3


# ------------------------------------------------------------------ capacity and the waiting list


def test_a_booking_beyond_capacity_is_waitlisted(db):
    session = _session(db, _course(db), capacity=2)
    first = _book(db, session, "Ann Lee", email="ann@brent.gov.uk")
    second = _book(db, session, "Bo Chan")
    third = _book(db, session, "Cy Diaz", booked_on=D(2024, 2, 3))
    assert first.booking.outcome is Outcome.BOOKED and not first.waitlisted_because_full
    assert second.booking.outcome is Outcome.BOOKED
    assert third.booking.outcome is Outcome.WAITLISTED and third.waitlisted_because_full
    assert "is full: Cy Diaz is on the waiting list" in third.message
    info = cs.get_session(db, session.id)
    assert (info.held, info.waitlisted, info.places_left) == (2, 1, 0)


def test_cancelling_offers_the_place_to_the_first_waiting_and_the_team_confirms(db):
    session = _session(db, _course(db), when=TO_COME, capacity=1)
    held = _book(db, session, "Ann Lee").booking
    later = _book(db, session, "Late Comer", booked_on=D(2024, 2, 5)).booking
    first = _book(db, session, "First Waiting", booked_on=D(2024, 2, 2)).booking
    result = bk.cancel_booking(db, held.id, D(2024, 2, 20))
    assert result.booking.outcome is Outcome.CANCELLED
    assert result.offer is not None and result.offer.booking_id == first.id
    assert "The first delegate on the waiting list is First Waiting" in result.offer.sentence
    # nothing moves until the team confirms
    assert bk.get_booking(db, first.id).outcome is Outcome.WAITLISTED
    assert bk.offer_place(db, first.id).outcome is Outcome.BOOKED
    with pytest.raises(ValidationError, match="full"):
        bk.offer_place(db, later.id)


def test_a_cancellation_or_follow_up_dated_after_today_is_refused_and_nothing_changes(db):
    session = _session(db, _course(db), when=datetime.combine(date.today() + timedelta(days=30), time(9, 30)))
    held = _book(db, session, "Ann Lee", booked_on=date.today()).booking
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        bk.cancel_booking(db, held.id, tomorrow)
    assert refused.value.errors == {"cancelled_on": f"Cancelled on ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    with pytest.raises(ValidationError) as refused:
        bk.update_booking(db, held.id, replace(held.to_fields(), followed_up_on=tomorrow))
    assert set(refused.value.errors) == {"followed_up_on"}
    assert bk.get_booking(db, held.id).outcome is Outcome.BOOKED
    cancelled = bk.cancel_booking(db, held.id, date.today()).booking
    assert cancelled.outcome is Outcome.CANCELLED
    yesterday = date.today() - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:  # followed up before it was cancelled
        bk.record_follow_up(db, held.id, "Illness", yesterday)
    assert refused.value.errors == {"followed_up_on": f"Followed up on ({yesterday:%d/%m/%Y}) cannot be before "
                                                      f"cancelled on ({date.today():%d/%m/%Y})"}


def test_a_session_with_a_place_free_and_someone_waiting_has_an_offer_to_make(db):
    session = _session(db, _course(db), when=TO_COME, capacity=1)
    _book(db, session, "Ann Lee")
    first = _book(db, session, "First Waiting", booked_on=D(2024, 2, 2)).booking
    _book(db, session, "Late Comer", booked_on=D(2024, 2, 5))
    assert bk.waitlist_offer(db, session.id) is None  # full
    cs.update_session(db, session.id, cs.SessionFields(session.course_id, session.starts_at, 2))
    offer = bk.waitlist_offer(db, session.id)  # its places raised
    assert offer is not None and offer.booking_id == first.id
    bk.offer_place(db, first.id)
    assert bk.waitlist_offer(db, session.id) is None  # full again


def test_cancelling_a_waitlisted_booking_offers_nothing(db):
    session = _session(db, _course(db), capacity=1)
    _book(db, session, "Ann Lee")
    waiting = _book(db, session, "Bo Chan").booking
    assert bk.cancel_booking(db, waiting.id, D(2024, 2, 20)).offer is None


def test_a_duplicate_delegate_on_one_session_is_refused(db):
    session = _session(db, _course(db), capacity=5)
    _book(db, session, "Ann Lee", email="Ann@Brent.gov.uk")
    with pytest.raises(ValidationError, match="already has a booking on this session"):
        _book(db, session, "Ann L", email="ann@brent.gov.uk")


def test_booking_checks(db):
    session = _session(db, _course(db), capacity=5)
    with pytest.raises(ValidationError) as err:
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="", email="not-an-email",
                                               outcome="Cancelled", booked_on=D(2024, 3, 20)))
    assert set(err.value.errors) >= {"delegate_name", "email", "cancelled_on", "booked_on"}
    assert db_count(db) == 0


def db_count(db) -> int:
    with db.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(TrainingBooking))


def test_a_person_from_memberships_fills_the_delegate(db):
    org = ms.create_organisation(db, ms.OrganisationFields(name="Brent Council", kind="local_authority"))
    person = ms.create_person(db, ms.PersonFields(name="Żaneta Ólafsdóttir", job_title="Social worker",
                                                  organisation_id=org.id, email="zaneta@brent.gov.uk"))
    session = _session(db, _course(db), capacity=5)
    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="", person_id=person.id,
                                                     booked_on=D(2024, 2, 1))).booking
    assert (booking.delegate_name, booking.email, booking.job_title) == ("Żaneta Ólafsdóttir", "zaneta@brent.gov.uk",
                                                                          "Social worker")
    assert booking.organisation_id == org.id and booking.sector == "Statutory partner: local authority"


# ------------------------------------------------------------------ late cancellation


def test_a_delegate_leaving_the_waiting_list_late_is_not_charged(db):
    from bscp_desktop.domain.training import ChargeRates
    from bscp_desktop.services.training import charges as ch

    session = _session(db, _course(db), when=datetime(2024, 3, 11, 9, 30), capacity=1)  # a Monday
    _book(db, session, "Ann Lee")
    waiting = _book(db, session, "Wally West").booking
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("50.00"), Decimal("25.00"))])
    left = bk.cancel_booking(db, waiting.id, D(2024, 3, 8)).booking  # a working day before: late, had it held a place
    assert left.outcome is Outcome.CANCELLED and not left.late_cancellation and left.charge is None
    again = bk.update_booking(db, waiting.id, dataclasses.replace(left.to_fields(), notes="Found another course"))
    assert not again.booking.late_cancellation  # saved again unchanged: still not late
    assert [ln.delegate_name for ln in ch.charges_report(db, D(2024, 3, 1), D(2024, 3, 31)).lines] == []


def test_late_cancellation_uses_working_days_and_the_setting(db):
    session = _session(db, _course(db), when=datetime(2024, 3, 11, 9, 30), capacity=5)  # a Monday
    wed = _book(db, session, "Wednesday").booking
    tue = _book(db, session, "Tuesday").booking
    assert bk.cancel_booking(db, wed.id, D(2024, 3, 6)).booking.late_cancellation  # Thu, Fri, Mon: 3
    assert not bk.cancel_booking(db, tue.id, D(2024, 3, 5)).booking.late_cancellation  # 4 working days
    # a longer notice re-marks cancellations already recorded
    saved, changed = st.save_settings(db, st.TrainingSettings(late_cancellation_days=5), today=D(2024, 3, 20))
    assert saved.late_cancellation_days == 5 and changed.count == 1
    assert bk.get_booking(db, tue.id).late_cancellation
    with pytest.raises(ValidationError, match="0 to 30 working days"):
        st.save_settings(db, st.TrainingSettings(late_cancellation_days=31))


def test_bank_holidays_and_local_closures_are_not_working_days(db):
    from bscp_desktop.services.settings import set_setting

    session = _session(db, _course(db), when=datetime(2024, 4, 3, 10, 0), capacity=5)  # after Easter
    a = _book(db, session, "A").booking
    b = _book(db, session, "B").booking
    assert bk.cancel_booking(db, a.id, D(2024, 3, 27)).booking.late_cancellation  # Thu 28, Tue 2, Wed 3
    set_setting(db, "closure_days", [{"date": "2024-03-27", "reason": "Office move"}])
    assert bk.cancel_booking(db, b.id, D(2024, 3, 26)).booking.late_cancellation


def test_a_session_moved_to_another_day_counts_its_cancellations_notice_again(db):
    session = _session(db, _course(db), when=datetime(2024, 6, 20, 9, 30), capacity=5)  # a Thursday
    early = _book(db, session, "Early").booking
    assert not bk.cancel_booking(db, early.id, D(2024, 6, 3)).booking.late_cancellation
    moved = cs.update_session(db, session.id, dataclasses.replace(cs.get_session(db, session.id).to_fields(),
                                                                  starts_at=datetime(2024, 6, 5, 9, 30)))
    assert moved.starts_at.date() == D(2024, 6, 5)
    assert bk.get_booking(db, early.id).late_cancellation  # Tue 4, Wed 5: within 3 working days now


def test_a_closure_day_saved_in_the_settings_counts_this_years_cancellations_again(db):
    from bscp_desktop.services import case_review_settings as crs

    session = _session(db, _course(db), when=datetime(2024, 6, 10, 9, 30), capacity=5)  # a Monday
    one = _book(db, session, "One").booking
    assert not bk.cancel_booking(db, one.id, D(2024, 6, 4)).booking.late_cancellation  # Wed, Thu, Fri, Mon: 4
    current = crs.load_settings(db)
    crs.save_settings(db, dataclasses.replace(current, closures=(crs.ClosureDay(D(2024, 6, 6), "Office move"),)),
                      today=D(2024, 12, 5))  # in the session's financial year: earlier years keep their charges
    assert bk.get_booking(db, one.id).late_cancellation  # Wed 5, Fri 7, Mon 10: 3


def test_a_waiver_is_of_the_charge_it_was_given_for(db):
    session = _session(db, _course(db), when=datetime(2024, 3, 11, 9, 30), capacity=5)
    held = _book(db, session, "Dee Eve").booking
    [marked] = [b for b in bk.mark_register(db, session.id, {held.id: Outcome.NO_SHOW})]
    bk.waive_charge(db, marked.id, "Register error")
    assert bk.get_booking(db, held.id).charge_waived
    # the same no-show saved again keeps its waiver
    assert bk.update_booking(db, held.id, bk.get_booking(db, held.id).to_fields()).booking.charge_waived
    attended = bk.update_booking(db, held.id, dataclasses.replace(bk.get_booking(db, held.id).to_fields(),
                                                                  outcome=Outcome.ATTENDED)).booking
    assert (attended.charge_waived, attended.waiver_reason) == (False, "")
    late = bk.cancel_booking(db, held.id, D(2024, 3, 8)).booking
    assert late.late_cancellation and not late.charge_waived


# ------------------------------------------------------------------ registers and follow-up


def test_register_marks_a_whole_session_in_one_transaction(db):
    session = _session(db, _course(db), capacity=3)
    ids = [_book(db, session, n).booking.id for n in ("A", "B", "C")]
    with pytest.raises(ValidationError):
        bk.mark_register(db, session.id, {ids[0]: Outcome.ATTENDED, ids[1]: "cancelled"})
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.BOOKED}
    rows = bk.mark_register(db, session.id, {ids[0]: Outcome.ATTENDED, ids[1]: Outcome.ATTENDED, ids[2]: "No-show"})
    assert [b.outcome for b in rows] == [Outcome.ATTENDED, Outcome.ATTENDED, Outcome.NO_SHOW]
    followed = bk.record_follow_up(db, ids[2], "Called to a child protection conference", D(2024, 3, 13))
    assert followed.non_attendance_reason == "Called to a child protection conference"
    assert cs.get_session(db, session.id).register_marked


def test_attendance_cannot_be_marked_before_the_session(db):
    future = _session(db, _course(db), when=datetime(2199, 1, 5, 10, 0), capacity=3)
    booking = _book(db, future, "A", booked_on=D(2024, 1, 1)).booking
    with pytest.raises(ValidationError, match="mark the register on or after"):
        bk.mark_register(db, future.id, {booking.id: Outcome.ATTENDED})


# ------------------------------------------------------------------ organisations


def test_organisation_text_is_matched_by_name_short_name_or_saved_alias(db):
    nhs = ms.create_organisation(db, ms.OrganisationFields(name="London North West University Healthcare NHS Trust",
                                                            short_name="LNWUH", kind="icb"))
    session = _session(db, _course(db), capacity=10)
    by_short = _book(db, session, "A", organisation_name="lnwuh").booking
    unknown = _book(db, session, "B", organisation_name="Northwick Park Hospital").booking
    assert by_short.organisation_id == nhs.id and by_short.organisation == nhs.name
    assert unknown.organisation_id is None and unknown.sector == st.NOT_MATCHED
    assert st.unmatched_organisation_names(db) == [("Northwick Park Hospital", 1)]
    assert st.map_organisation_name(db, "northwick park hospital", nhs.id) == 1
    assert bk.get_booking(db, unknown.id).organisation_id == nhs.id
    later = _book(db, session, "C", organisation_name="Northwick Park Hospital").booking
    assert later.organisation_id == nhs.id
    assert [a.alias for a in st.list_aliases(db)] == ["northwick park hospital"]
    # the name is one of the organisation's other names in Memberships, used by every import
    assert ms.find_organisation(db, "Northwick Park Hospital").id == nhs.id
    assert "northwick park hospital" in ms.list_organisations(db)[0].aliases


def test_an_other_name_given_in_memberships_matches_bookings(db):
    brent = ms.create_organisation(db, ms.OrganisationFields(name="Brent Council", kind="local_authority",
                                                              aliases=("Brent Children's Services",)))
    session = _session(db, _course(db), capacity=10)
    booking = _book(db, session, "A", organisation_name="BRENT CHILDREN’S SERVICES").booking
    assert booking.organisation_id == brent.id and "local authority" in booking.sector


def test_a_name_belongs_to_one_organisation_only(db):
    brent = ms.create_organisation(db, ms.OrganisationFields(name="Brent Council", kind="local_authority",
                                                              aliases=("BC",)))
    police = ms.create_organisation(db, ms.OrganisationFields(name="Metropolitan Police", kind="police"))
    _book(db, _session(db, _course(db), capacity=10), "A", organisation_name="bc")
    with pytest.raises(ValidationError) as err:
        st.map_organisation_name(db, "B.C.", police.id)
    assert set(err.value.errors) == {"alias"} and "Brent Council" in err.value.errors["alias"]
    with pytest.raises(ValidationError, match="Choose the organisation"):
        st.map_organisation_name(db, "Met", 999)
    assert [a.alias for a in st.list_aliases(db)] == ["BC"]
    assert st.map_organisation_name(db, "Brent Council", brent.id) == 0  # its own name: nothing to add


def test_forgetting_a_name_unlinks_the_bookings_it_linked(db):
    nhs = ms.create_organisation(db, ms.OrganisationFields(name="NHS North West London", short_name="NWL",
                                                            kind="icb"))
    police = ms.create_organisation(db, ms.OrganisationFields(name="Metropolitan Police", kind="police"))
    session = _session(db, _course(db), capacity=10)
    booking = _book(db, session, "A", organisation_name="NWL ICB").booking
    chosen = _book(db, session, "B", organisation_name="nwl icb", organisation_id=police.id).booking
    by_own_name = _book(db, session, "C", organisation_name="NHS North West London").booking
    assert st.map_organisation_name(db, "NWL ICB", nhs.id) == 1  # the one listed as not matched
    assert bk.get_booking(db, chosen.id).organisation_id == police.id  # linked by hand: kept
    assert st.unmatched_organisation_names(db) == []
    (alias,) = st.list_aliases(db)
    assert st.remove_alias(db, alias.id) == 1
    assert st.list_aliases(db) == [] and ms.list_organisations(db)[0].aliases == ()
    assert bk.get_booking(db, booking.id).organisation_id is None
    assert bk.get_booking(db, chosen.id).organisation_id == police.id
    assert bk.get_booking(db, by_own_name.id).organisation_id == nhs.id
    assert st.unmatched_organisation_names(db) == [("NWL ICB", 1)]
    # a name that still names the organisation (its short name) keeps its bookings
    short = _book(db, session, "D", organisation_name="NWL").booking
    assert st.map_organisation_name(db, "NWL", nhs.id) == 0
    assert st.list_aliases(db) != [] and st.remove_alias(db, st.list_aliases(db)[0].id) == 0
    assert bk.get_booking(db, short.id).organisation_id == nhs.id


# ------------------------------------------------------------------ figures


def _programme(db):
    """Quarter 1 of 2024/25 and the quarter before, with counts worked out by hand."""
    brent = ms.create_organisation(db, ms.OrganisationFields(name="Brent Council", kind="local_authority"))
    school = ms.create_organisation(db, ms.OrganisationFields(name="Kilburn Park School", kind="education"))
    neglect = _course(db)
    da = _course(db, title="Domestic abuse briefing", topic="Domestic abuse")
    s1 = _session(db, neglect, when=datetime(2024, 4, 15, 10), capacity=10)
    s2 = _session(db, da, when=datetime(2024, 6, 3, 13), capacity=5)
    s0 = _session(db, neglect, when=datetime(2024, 2, 12, 10), capacity=8)  # the quarter before

    def many(session, outcome, n, org, prefix, **kw):
        for i in range(n):
            _book(db, session, f"{prefix} {i}", booked_on=D(2024, 1, 10), organisation_name=org.name,
                  outcome=outcome, **kw)

    many(s1, Outcome.ATTENDED, 6, brent, "s1 brent")
    many(s1, Outcome.ATTENDED, 1, school, "s1 school")
    many(s1, Outcome.NO_SHOW, 2, brent, "s1 noshow")
    many(s1, Outcome.CANCELLED, 1, school, "s1 late", cancelled_on=D(2024, 4, 12))  # Fri before Mon: late
    many(s1, Outcome.CANCELLED, 1, brent, "s1 early", cancelled_on=D(2024, 3, 1))
    many(s2, Outcome.ATTENDED, 4, school, "s2 school")
    many(s2, Outcome.WAITLISTED, 2, brent, "s2 wait")
    many(s0, Outcome.ATTENDED, 5, brent, "s0 brent")
    many(s0, Outcome.NO_SHOW, 1, brent, "s0 noshow")
    return brent, school


@pytest.mark.slow
def test_every_figure_with_both_denominators_and_the_previous_period(db):
    _programme(db)
    report = fg.figures_report(db, D(2024, 4, 1), D(2024, 6, 30))
    assert report.previous_period.start == D(2024, 1, 1)
    total = report.total.figures
    assert (total.sessions, total.places) == (2, 15)
    assert total.bookings == 6 + 1 + 2 + 1 + 1 + 4  # 15: waitlisted are not bookings
    assert (total.attended, total.no_shows, total.cancellations, total.late_cancellations, total.waitlisted) == (11, 2, 2, 1, 2)
    assert total.attendance_rate == Rate(11, 15)
    assert total.take_up == Rate(11, 15)
    assert total.no_show_rate == Rate(2, 15)
    assert total.cancellation_rate == Rate(2, 15)
    before = report.total.previous
    assert (before.sessions, before.places, before.bookings, before.attended) == (1, 8, 6, 5)
    assert report.total.changes["attended"].text == "up 120% (from 5)"
    assert report.total.changes["take_up"].text == "up 10 points (from 63%)"  # 73% shown now

    by_course = {r.label: r for r in report.by_course}
    neglect = by_course["Neglect: recognising and responding"]
    assert (neglect.figures.places, neglect.figures.attended, neglect.figures.bookings) == (10, 7, 11)
    assert neglect.detail == "Neglect"
    assert neglect.figures.take_up.text == "70% (7 of 10)"
    assert neglect.previous.attended == 5

    by_topic = {r.label: r.figures for r in report.by_topic}
    assert by_topic["Domestic abuse"].take_up.text == "80% (4 of 5)"

    by_org = {r.label: r for r in report.by_organisation}
    assert by_org["Brent Council"].figures.attended == 6
    assert by_org["Brent Council"].figures.places is None  # places are not an organisation's
    assert by_org["Brent Council"].figures.bookings == 6 + 2 + 1
    assert by_org["Brent Council"].figures.waitlisted == 2
    assert by_org["Kilburn Park School"].detail == "Education"
    assert by_org["Kilburn Park School"].figures.late_cancellations == 1
    by_sector = {r.label: r.figures for r in report.by_sector}
    assert by_sector["Education"].attended == 5
    assert by_sector["Statutory partner: local authority"].no_shows == 2

    years = {y.label: y.figures for y in report.years}
    # the last year's figures stop where the period does, and its label says so
    assert years["2023/24"].attended == 5 and years["2024/25 (to 30/06/2024)"].attended == 11


def test_latest_day_a_session_ran(db):
    assert fg.latest_day_run(db) is None
    course = _course(db)
    _session(db, course, when=datetime(2024, 3, 11, 9, 30))
    _session(db, course, when=datetime(2024, 5, 11, 9, 30))
    assert fg.latest_day_run(db, today=D(2024, 4, 1)) == D(2024, 3, 11)
    assert fg.latest_day_run(db, today=D(2024, 5, 11)) == D(2024, 5, 11)


def test_registrations_per_month(db):
    fg.set_registrations(db, D(2024, 4, 17), 30)
    fg.set_registrations(db, D(2024, 5, 1), 12)
    fg.set_registrations(db, D(2024, 1, 1), 7)
    report = fg.figures_report(db, D(2024, 4, 1), D(2024, 6, 30))
    assert report.registrations == 42 and report.previous_registrations == 7
    assert report.registrations_by_month == ((D(2024, 4, 1), 30), (D(2024, 5, 1), 12))
    fg.set_registrations(db, D(2024, 5, 1), None)
    assert fg.list_registrations(db) == [(D(2024, 1, 1), 7), (D(2024, 4, 1), 30)]
    with pytest.raises(ValidationError):
        fg.set_registrations(db, D(2024, 5, 1), -1)


def test_registrations_over_the_limit_are_refused_naming_the_limit(db):
    for count in (-1, 1_000_001):  # a negative count and a typing slip say the same
        with pytest.raises(ValidationError) as err:
            fg.set_registrations(db, D(2024, 5, 1), count)
        assert err.value.errors == {"count": "Registrations for May 2024 must be a whole number from 0 to 1,000,000"}
    fg.set_registrations(db, D(2024, 5, 1), 1_000_000)
    assert fg.list_registrations(db) == [(D(2024, 5, 1), 1_000_000)]


def test_a_period_needs_both_dates_in_order(db):
    with pytest.raises(ValidationError) as err:
        fg.figures_report(db, None, None)
    assert set(err.value.errors) == {"date_from", "date_to"}
    with pytest.raises(ValidationError, match="ends"):
        fg.figures_report(db, D(2024, 5, 1), D(2024, 4, 1))


# ------------------------------------------------------------------ evaluations


def test_evaluations_and_learning_gain_per_course(db):
    course = _course(db, learning_outcomes=("Spot neglect", "Make a referral"))
    session = _session(db, course, capacity=5)
    booking = _book(db, session, "Ann Lee", email="ann@brent.gov.uk").booking
    first = ev.create_evaluation(db, ev.EvaluationFields(
        session.id, email="ANN@brent.gov.uk", delegate_name="Ann Lee",
        scores=(ev.ScoreFields(1, 2, 4), ev.ScoreFields(2, "3", "5")), comments="Useful",
    ))
    assert first.booking_id == booking.id  # linked by e-mail
    assert [s.outcome for s in first.scores] == ["Spot neglect", "Make a referral"]
    ev.create_evaluation(db, ev.EvaluationFields(session.id, scores=(ev.ScoreFields(0, 3, 3),)))  # anonymous
    with pytest.raises(ValidationError, match="not a score"):
        ev.create_evaluation(db, ev.EvaluationFields(session.id, scores=(ev.ScoreFields(1, 0, 6),)))
    with pytest.raises(ValidationError, match="not one of this course's 2 learning outcomes"):
        ev.create_evaluation(db, ev.EvaluationFields(session.id, scores=(ev.ScoreFields(3, 1, 2),)))
    with pytest.raises(ValidationError, match="already evaluated"):
        ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=booking.id))
    updated = ev.update_evaluation(db, first.id, ev.EvaluationFields(
        session.id, booking_id=booking.id, scores=(ev.ScoreFields(1, 2, 5),),
        manager_follow_up="Now refers earlier", manager_follow_up_on=D(2024, 5, 10),
    ))
    assert len(updated.scores) == 1 and updated.followed_up
    gains = ev.course_gains(db)
    assert len(gains) == 1 and gains[0].evaluations == 2
    assert gains[0].gain.pairs == 2
    assert gains[0].gain.mean_gain == Decimal("1.5")  # (5 - 2 + 3 - 3) / 2
    assert [name for name, _g in gains[0].by_outcome] == ["Overall confidence", "Spot neglect"]


# ------------------------------------------------------------------ charges


@pytest.mark.slow
def test_charges_per_organisation_with_waivers(db):
    brent, school = _programme(db)
    st.save_charge_rates(db, [ChargeRates(2024, Decimal("50.00"), Decimal("25.00")),
                              ChargeRates(2023, Decimal("40.00"), Decimal("0.00"))])
    report = ch.charges_report(db, D(2024, 4, 1), D(2024, 6, 30))
    statements = {s.organisation: s for s in report.statements}
    assert statements["Brent Council"].no_shows == 2
    assert statements["Brent Council"].total_due == Decimal("100.00")
    assert statements["Kilburn Park School"].late_cancellations == 1
    assert statements["Kilburn Park School"].total_due == Decimal("25.00")
    assert report.total_due == Decimal("125.00")
    line = statements["Brent Council"].lines[0]
    bk.waive_charge(db, line.booking_id, "Staff member was off sick: certificate seen")
    after = ch.charges_report(db, D(2024, 4, 1), D(2024, 6, 30), organisation="brent council")
    assert [s.organisation for s in after.statements] == ["Brent Council"]
    assert after.total_due == Decimal("50.00") and after.total_waived == Decimal("50.00")
    waived = next(ln for ln in after.lines if ln.waived)
    assert waived.waiver_reason == "Staff member was off sick: certificate seen"
    assert waived.kind is ChargeKind.NO_SHOW
    with pytest.raises(ValidationError, match="Only a no-show or a late cancellation"):
        attended = next(b for b in bk.list_bookings(db) if b.outcome is Outcome.ATTENDED)
        bk.waive_charge(db, attended.id, "no")
    with pytest.raises(ValidationError, match="No organisation called 'Nowhere'"):
        ch.charges_report(db, D(2024, 4, 1), D(2024, 6, 30), organisation="Nowhere")
    earlier = ch.charges_report(db, D(2024, 1, 1), D(2024, 3, 31))
    assert earlier.total_due == Decimal("40.00")  # 2023/24 rates


def test_charge_rates_may_be_zero_but_not_negative_or_twice(db):
    st.save_charge_rates(db, [ChargeRates(2024, Decimal("0.00"), Decimal("0.00"))])
    with pytest.raises(ValidationError, match="cannot be negative"):
        st.save_charge_rates(db, [ChargeRates(2024, Decimal("-1"), Decimal("0"))])
    with pytest.raises(ValidationError, match="listed twice"):
        st.save_charge_rates(db, [ChargeRates(2024, Decimal("1"), Decimal("0")), ChargeRates(2024, Decimal("2"), Decimal("0"))])
    assert st.list_charge_rates(db) == [ChargeRates(2024, Decimal("0.00"), Decimal("0.00"))]
    with pytest.raises(ValidationError) as refused:
        st.save_charge_rates(db, [ChargeRates(9998, Decimal("1"), Decimal("0"))])
    assert refused.value.errors == {
        "rates.9998": "The financial year 9998/99 is outside the financial years this program keeps (1900/01 to 2199/00)"}
    report = ch.charges_report(db, D(2023, 4, 1), D(2025, 3, 31))
    assert report.missing_rates_note.startswith("No charges are set for 2023/24")
    assert "bookings in that year are listed" in report.missing_rates_note


# ------------------------------------------------------------------ nothing half-saved


def test_sessions_are_named_from_courses_too():
    """Sessions have their own module; every name is importable from `courses` as before."""
    for name in ("SessionFields", "SessionDTO", "create_session", "update_session", "save_session", "get_session",
                 "list_sessions", "archive_session", "restore_session", "session_choices", "sessions_in",
                 "places_held_in", "check_session_fields", "MAX_CAPACITY"):
        assert getattr(cs, name) is getattr(ss, name), name


def test_a_failing_command_rolls_back(db, monkeypatch):
    course = _course(db)

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ss, "sessions_in", boom)
    with pytest.raises(RuntimeError):
        cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 1, 10), 10))
    monkeypatch.undo()
    assert cs.list_sessions(db) == []
    with db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(TrainingCourse)) == 1


def test_archived_records_keep_their_history(db):
    session = _session(db, _course(db), when=TO_COME, capacity=1)
    held = _book(db, session, "A").booking
    waiting = _book(db, session, "B").booking
    offer = bk.archive_booking(db, held.id)
    assert offer is not None and offer.booking_id == waiting.id
    assert bk.list_bookings(db) == [bk.get_booking(db, waiting.id)]
    assert len(bk.list_bookings(db, include_archived=True)) == 2


def test_sessions_still_to_come_are_counted_apart(db):
    course = _course(db)
    past = _session(db, course, when=datetime(2024, 4, 15, 10), capacity=10)
    future = _session(db, course, when=datetime(2024, 6, 20, 10), capacity=20)
    _book(db, past, "A", outcome="Attended")
    _book(db, future, "B")
    _book(db, future, "C")
    report = fg.figures_report(db, D(2024, 4, 1), D(2024, 6, 30), today=D(2024, 5, 1))
    assert (report.total.figures.sessions, report.total.figures.places, report.total.figures.bookings) == (1, 10, 1)
    assert report.total.figures.take_up.text == "10% (1 of 10)"
    assert (report.upcoming_sessions, report.upcoming_bookings) == (1, 2)
    later = fg.figures_report(db, D(2024, 4, 1), D(2024, 6, 30), today=D(2024, 7, 1))
    assert later.upcoming_sessions == 0 and later.total.figures.places == 30


def test_settings_and_charges_save_together_or_not_at_all(db):
    with pytest.raises(ValidationError) as err:
        st.save_all(db, st.TrainingSettings(("Neglect",), 4), [ChargeRates(2024, Decimal("-3"), Decimal("0"))])
    assert "rates.2024" in err.value.errors
    assert st.load_settings(db).late_cancellation_days == 3  # nothing saved
    saved, _changed = st.save_all(db, st.TrainingSettings(("Neglect", " neglect ", "LADO"), 4),
                                  [ChargeRates(2024, Decimal("30"), Decimal("15"))])
    assert saved.topics == ("Neglect", "LADO") and saved.late_cancellation_days == 4
    assert st.list_charge_rates(db) == [ChargeRates(2024, Decimal("30.00"), Decimal("15.00"))]


def test_a_session_whose_register_is_marked_does_not_move_to_a_day_to_come(db):
    session = _session(db, _course(db), capacity=3)
    came = _book(db, session, "Ann Lee").booking
    bk.mark_register(db, session.id, {came.id: Outcome.ATTENDED})
    ahead = datetime.combine(date.today() + timedelta(days=60), time(9, 30))
    with pytest.raises(ValidationError) as refused:
        cs.update_session(db, session.id, cs.SessionFields(session.course_id, ahead, 3))
    assert refused.value.errors == {"starts_at": "The register of this session is marked (1 attended or did not come): "
                                                 "a session that has run cannot move to a day still to come"}
    moved = cs.update_session(db, session.id, cs.SessionFields(session.course_id, datetime(2024, 3, 12, 9, 30), 3))
    assert moved.starts_at == datetime(2024, 3, 12, 9, 30)  # to another past day: fine


def test_follow_ups_due_are_those_six_weeks_on_with_none_recorded(db):
    course = _course(db)
    today = D(2024, 6, 3)
    days_ago = {weeks: _session(db, course, when=datetime.combine(today - timedelta(weeks=weeks), time(9, 30)), capacity=9)
                for weeks in (2, 8, 14)}
    for weeks, session in days_ago.items():
        ev.create_evaluation(db, ev.EvaluationFields(session.id, f"Delegate {weeks} weeks"))
    ev.create_evaluation(db, ev.EvaluationFields(days_ago[14].id, comments="Very practical"))  # anonymous: no one to ask
    ev.create_evaluation(db, ev.EvaluationFields(days_ago[8].id, "Followed up", manager_follow_up="Refers earlier now",
                                                 manager_follow_up_on=today))
    due = ev.list_evaluations(db, follow_ups_due_on=today)
    assert [e.delegate_name for e in due] == ["Delegate 14 weeks", "Delegate 8 weeks"]
    assert [e.delegate_name for e in ev.list_evaluations(db, follow_ups_due_on=today, overdue_only=True)] == ["Delegate 14 weeks"]
    texts = {e.delegate_name: e.follow_up.text_on(today) if e.follow_up else None for e in ev.list_evaluations(db)}
    assert texts == {"Delegate 2 weeks": "From 01/07/2024", "Delegate 8 weeks": "Due by 01/07/2024",
                     "Followed up": "Done", "Delegate 14 weeks": "Overdue: due by 20/05/2024", "": None}


def test_an_evaluation_comes_after_the_session_from_a_delegate_who_attended(db):
    from bscp_desktop.services.training import evaluations as ev

    course = _course(db, learning_outcomes=("Spot neglect",))
    ahead = _session(db, course, when=datetime.combine(date.today() + timedelta(days=30), time(9, 30)))
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, ev.EvaluationFields(ahead.id, "Ann Lee"))
    assert refused.value.errors == {"session_id": f"The session on {ahead.starts_at:%d/%m/%Y} has not run yet: it is "
                                                  "evaluated once it has"}
    ran = _session(db, course, capacity=3)
    came, missed = _book(db, ran, "Ann Lee").booking, _book(db, ran, "Bo Chan").booking
    bk.mark_register(db, ran.id, {came.id: Outcome.ATTENDED, missed.id: Outcome.NO_SHOW})
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, ev.EvaluationFields(ran.id, booking_id=missed.id))
    assert refused.value.errors == {"booking_id": "Bo Chan did not attend this session (no-show): an evaluation comes "
                                                  "from a delegate who did"}
    with pytest.raises(ValidationError) as refused:  # named, not chosen: the same booking
        ev.create_evaluation(db, ev.EvaluationFields(ran.id, "Bo Chan"))
    assert set(refused.value.errors) == {"delegate_name"} and "did not attend" in refused.value.errors["delegate_name"]
    bk.update_booking(db, missed.id, dataclasses.replace(bk.get_booking(db, missed.id).to_fields(), email="bo@example.org"))
    with pytest.raises(ValidationError) as refused:  # named without the address the booking has: still Bo's
        ev.create_evaluation(db, ev.EvaluationFields(ran.id, "Bo Chan"))
    assert set(refused.value.errors) == {"delegate_name"} and "did not attend" in refused.value.errors["delegate_name"]
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, ev.EvaluationFields(ran.id, booking_id=came.id, delegate_follow_up="Using it",
                                                     delegate_follow_up_on=tomorrow))
    assert refused.value.errors == {"delegate_follow_up_on": f"Delegate replied on ({tomorrow:%d/%m/%Y}) cannot be in "
                                                             "the future"}
    assert ev.create_evaluation(db, ev.EvaluationFields(ran.id, booking_id=came.id)).delegate_name == "Ann Lee"


def test_a_scored_learning_outcome_keeps_its_place_in_the_list(db):
    from bscp_desktop.services.training import evaluations as ev

    course = _course(db, learning_outcomes=("Know DASH", "Refer to MARAC"))
    ran = _session(db, course, capacity=3)
    ev.create_evaluation(db, ev.EvaluationFields(ran.id, "Ann Lee", scores=(ev.ScoreFields(1, 1, 2),
                                                                            ev.ScoreFields(2, 1, 5))))
    fields = dataclasses.replace(cs.get_course(db, course.id).to_fields())
    for outcomes in (("Understand coercive control", "Know DASH", "Refer to MARAC"),  # one added at the top
                     ("Refer to MARAC", "Know DASH"),  # reordered
                     ("Know DASH",)):  # one removed
        with pytest.raises(ValidationError) as refused:
            cs.update_course(db, course.id, dataclasses.replace(fields, learning_outcomes=outcomes))
        assert set(refused.value.errors) == {"learning_outcomes"}
        assert "keeps its place in the list" in refused.value.errors["learning_outcomes"]
    changed = cs.update_course(db, course.id, dataclasses.replace(
        fields, learning_outcomes=("Know and use DASH", "Refer to MARAC", "Understand coercive control")))
    assert changed.learning_outcomes == ("Know and use DASH", "Refer to MARAC", "Understand coercive control")
    scores = ev.list_evaluations(db)[0].scores
    assert [(s.outcome, s.before, s.after) for s in scores if s.before] == [("Know and use DASH", 1, 2),
                                                                            ("Refer to MARAC", 1, 5)]


def test_a_delegates_name_job_and_organisation_are_kept_on_one_line(db):
    session = _session(db, _course(db), capacity=3)
    booking = _book(db, session, "Ann\nLee", job_title=" Youth\n worker ", organisation_name="Brent\tCouncil").booking
    assert (booking.delegate_name, booking.job_title, booking.organisation_name) == ("Ann Lee", "Youth worker",
                                                                                     "Brent Council")


def test_booking_again_someone_whose_booking_was_archived_says_so(db):
    session = _session(db, _course(db), capacity=3)
    ann = _book(db, session, "Ann Lee").booking
    bk.archive_booking(db, ann.id)
    with pytest.raises(ValidationError) as refused:
        _book(db, session, "Ann Lee")
    assert refused.value.errors == {"delegate_name": "Ann Lee already has a booking on this session, archived: show "
                                                     "archived bookings and restore it instead"}


def test_a_session_does_not_move_to_a_day_before_its_bookings_were_made(db):
    course = _course(db)
    session = _session(db, course, capacity=5)
    _book(db, session, "Ann Lee", booked_on=D(2024, 3, 4))
    fields = cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 1, 9, 30), capacity=5)
    with pytest.raises(ValidationError) as refused:
        cs.update_session(db, session.id, fields)
    assert refused.value.errors == {"starts_at": "A delegate booked on 04/03/2024: the session cannot move to a day "
                                                 "before its bookings were made"}
    moved = cs.update_session(db, session.id, dataclasses.replace(fields, starts_at=datetime(2024, 3, 4, 13, 0)))
    assert moved.starts_at == datetime(2024, 3, 4, 13, 0)  # the day of the booking itself is fine


def test_a_session_does_not_move_to_a_day_before_its_cancellations(db):
    course = _course(db)
    session = _session(db, course, when=datetime(2024, 3, 20, 9, 30), capacity=5)
    ann, bo = _book(db, session, "Ann Lee").booking, _book(db, session, "Bo Chan").booking
    bk.cancel_booking(db, ann.id, D(2024, 3, 4))
    bk.cancel_booking(db, bo.id, D(2024, 3, 8))
    fields = dataclasses.replace(cs.get_session(db, session.id).to_fields(), starts_at=datetime(2024, 3, 1, 9, 30))
    with pytest.raises(ValidationError) as refused:  # after the bookings, before both cancellations
        cs.update_session(db, session.id, fields)
    assert refused.value.errors == {"starts_at": "Ann Lee cancelled on 04/03/2024, after 01/03/2024: the session "
                                                 "cannot move to a day before its cancellations (the last on 08/03/2024)"}
    with pytest.raises(ValidationError) as refused:
        cs.update_session(db, session.id, dataclasses.replace(fields, starts_at=datetime(2024, 3, 5, 9, 30)))
    assert refused.value.errors == {"starts_at": "Bo Chan cancelled on 08/03/2024, after 05/03/2024: the session "
                                                 "cannot move to a day before its cancellations"}
    moved = cs.update_session(db, session.id, dataclasses.replace(fields, starts_at=datetime(2024, 3, 8, 13, 0)))
    assert moved.starts_at == datetime(2024, 3, 8, 13, 0)  # the day of the cancellation itself is fine
    assert bk.update_booking(db, bo.id, bk.get_booking(db, bo.id).to_fields()).booking.late_cancellation


def test_a_session_with_scored_evaluations_moves_only_to_a_course_with_the_same_outcomes_in_their_places(db):
    course = _course(db, learning_outcomes=("Spot neglect", "Know the referral route", "Record concerns"))
    other = _course(db, "Exploitation", learning_outcomes=("Understand exploitation",))
    twin = _course(db, "Neglect (evening)", learning_outcomes=("spot  neglect", "Refer", "Record concerns", "More"))
    ran = _session(db, course, capacity=3)
    ev.create_evaluation(db, ev.EvaluationFields(ran.id, "Ann Lee", scores=(ev.ScoreFields(0, 2, 4),
                                                                            ev.ScoreFields(3, 1, 5))))
    fields = cs.get_session(db, ran.id).to_fields()
    with pytest.raises(ValidationError) as refused:
        cs.update_session(db, ran.id, dataclasses.replace(fields, course_id=other.id))
    assert refused.value.errors == {"course_id": (
        "The course cannot change to Exploitation: evaluations of this session have scores for 'Record concerns' "
        "(learning outcome 3 of Neglect: recognising and responding), which Exploitation does not have in that "
        "place. Add a session to that course instead")}
    assert [s.outcome for s in ev.list_evaluations(db)[0].scores if s.outcome_number] == ["Record concerns"]
    moved = cs.update_session(db, ran.id, dataclasses.replace(fields, course_id=twin.id))  # outcome 3 is the same
    assert moved.course_title == "Neglect (evening)"
    unscored = _session(db, course, when=datetime(2024, 4, 8, 9, 30), capacity=3)
    ev.create_evaluation(db, ev.EvaluationFields(unscored.id, "Bo Chan", scores=(ev.ScoreFields(0, 2, 4),)))
    assert cs.update_session(db, unscored.id, dataclasses.replace(cs.get_session(db, unscored.id).to_fields(),
                                                                  course_id=other.id)).course_title == "Exploitation"
