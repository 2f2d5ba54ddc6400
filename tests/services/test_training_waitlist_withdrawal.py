"""A delegate who leaves the waiting list held no place: the booking keeps that
(`gave_up_place`), so working out lateness again (the session saved, the notice or closure days
changed, the date corrected) never makes it a charged late cancellation, and the figures do not
count it among the bookings and cancellations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines

MONDAY = datetime(2024, 3, 11, 9, 30)
FRIDAY_BEFORE = date(2024, 3, 8)  # one working day before: late, had a place been held


def _full_session_with_one_waiting(db):
    """A session of one place, taken, and one delegate on its waiting list who leaves it the
    Friday before; charge rates set for the year."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=MONDAY, capacity=1))
    held = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Lee",
                                                  booked_on=date(2024, 2, 1))).booking
    waiting = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Wally West",
                                                     booked_on=date(2024, 2, 2))).booking
    assert waiting.outcome is Outcome.WAITLISTED
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("50.00"), Decimal("25.00"))])
    left = bk.cancel_booking(db, waiting.id, FRIDAY_BEFORE).booking
    assert left.outcome is Outcome.CANCELLED and not left.late_cancellation and not left.gave_up_place
    return session, held, left


def _charged(db) -> list[str]:
    return [ln.delegate_name for ln in ch.charges_report(db, date(2024, 3, 1), date(2024, 3, 31)).lines]


def test_saving_the_session_again_leaves_a_waiting_list_withdrawal_uncharged(db):
    session, _held, left = _full_session_with_one_waiting(db)
    current = cs.get_session(db, session.id)
    cs.update_session(db, session.id, replace(current.to_fields(), venue="Brent Civic Centre"))
    again = bk.get_booking(db, left.id)
    assert not again.late_cancellation and again.charge is None and not again.gave_up_place
    assert _charged(db) == []


def test_changing_the_notice_leaves_a_waiting_list_withdrawal_uncharged(db):
    _session, held, left = _full_session_with_one_waiting(db)
    bk.cancel_booking(db, held.id, date(2024, 3, 4))  # a week before: in time with 3 days' notice
    _saved, changed = st.save_settings(db, st.TrainingSettings(late_cancellation_days=10), today=date(2024, 3, 20))
    assert changed.count == 1  # the delegate who held a place is now late; the one who was waiting is not
    assert bk.get_booking(db, held.id).late_cancellation
    assert not bk.get_booking(db, left.id).late_cancellation
    assert _charged(db) == ["Ann Lee"]


def test_correcting_the_date_of_a_waiting_list_withdrawal_keeps_it_uncharged(db):
    _session, _held, left = _full_session_with_one_waiting(db)
    assert bk.cancellation_notice(db, left.id, date(2024, 3, 11)).startswith("Left the waiting list")
    moved = bk.update_booking(db, left.id, replace(left.to_fields(), cancelled_on=date(2024, 3, 7))).booking
    assert moved.cancelled_on == date(2024, 3, 7)
    assert not moved.late_cancellation and moved.charge is None and not moved.gave_up_place
    assert _charged(db) == []


def test_correcting_the_session_of_a_waiting_list_withdrawal_keeps_it_uncharged(db):
    session, _held, left = _full_session_with_one_waiting(db)
    other = cs.create_session(db, cs.SessionFields(course_id=session.course_id, capacity=5,
                                                   starts_at=datetime(2024, 3, 12, 9, 30)))
    moved = bk.update_booking(db, left.id, replace(left.to_fields(), session_id=other.id)).booking
    assert moved.session_id == other.id and moved.outcome is Outcome.CANCELLED
    assert not moved.late_cancellation and moved.charge is None and not moved.gave_up_place


def test_a_withdrawal_given_a_place_again_and_cancelled_late_is_charged(db):
    _session, held, left = _full_session_with_one_waiting(db)
    bk.cancel_booking(db, held.id, date(2024, 3, 1))  # in time: the place is free
    back = bk.update_booking(db, left.id, replace(left.to_fields(), outcome=Outcome.BOOKED, cancelled_on=None))
    assert back.booking.outcome is Outcome.BOOKED and back.booking.gave_up_place
    late = bk.cancel_booking(db, left.id, FRIDAY_BEFORE).booking
    assert late.late_cancellation and late.gave_up_place
    assert _charged(db) == ["Wally West"]


def test_the_figures_do_not_count_a_waiting_list_withdrawal(db):
    _session, held, _left = _full_session_with_one_waiting(db)
    bk.cancel_booking(db, held.id, date(2024, 3, 1))
    total = fg.figures_report(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1)).total.figures
    assert (total.bookings, total.cancellations, total.late_cancellations, total.waitlisted) == (1, 1, 0, 0)
    assert total.cancellation_rate.text == "100% (1 of 1)"


def test_partner_engagement_counts_no_waiting_list_withdrawal_as_a_booking(db):
    from bscp_desktop.services import engagement as en
    from bscp_desktop.services import memberships as ms

    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=MONDAY, capacity=1))
    for name, booked_on in (("Ann Lee", date(2024, 2, 1)), ("Wally West", date(2024, 2, 2))):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=booked_on,
                                               organisation_id=council.id))
    waiting = next(b for b in bk.list_bookings(db) if b.outcome is Outcome.WAITLISTED)
    bk.cancel_booking(db, waiting.id, FRIDAY_BEFORE)
    (row,) = [r for r in en.engagement(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1))
              if r.organisation == "Brent Council"]
    assert row.bookings == 1
    details = en.partner_details(db, council.id, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1))
    assert [b[2] for b in details.bookings] == ["Ann Lee"]


def test_an_in_time_cancellation_saved_again_still_gave_up_its_place(db):
    """A delegate who held a place and cancelled in time stays among the bookings and
    cancellations when the booking is saved again (its notes typed), by the window or an import."""
    _session, held, _left = _full_session_with_one_waiting(db)
    cancelled = bk.cancel_booking(db, held.id, date(2024, 3, 1)).booking
    assert cancelled.gave_up_place and not cancelled.late_cancellation
    again = bk.update_booking(db, held.id, replace(cancelled.to_fields(), notes="Rebooked for April")).booking
    assert again.gave_up_place and not again.late_cancellation and again.notes == "Rebooked for April"
    total = fg.figures_report(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1)).total.figures
    assert (total.bookings, total.cancellations) == (1, 1)


def test_the_sessions_list_counts_no_waiting_list_withdrawal_as_cancelled(db):
    """The Sessions list and sheet agree with the figures beside them in the training workbook."""
    session, held, _left = _full_session_with_one_waiting(db)
    bk.cancel_booking(db, held.id, FRIDAY_BEFORE)  # late: the one delegate who held a place
    (row,) = [s for s in cs.list_sessions(db) if s.id == session.id]
    assert (row.cancelled, row.waitlisted) == (1, 0)
    total = fg.figures_report(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1)).total.figures
    assert total.cancellations == row.cancelled


def test_partner_engagement_charges_an_organisation_for_its_own_bookings_not_a_name_like_its(db):
    """Charges follow the bookings linked to the organisation, as its counts do: bookings whose
    agency was typed "Brent Mencap" before such an organisation was on record stay unmatched
    (the charges statement lists them under that text) and are not its charges."""
    from bscp_desktop.services import engagement as en
    from bscp_desktop.services import memberships as ms

    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=MONDAY, capacity=5))
    typed = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Lee", booked_on=date(2024, 2, 1),
                                                   organisation_name="Brent Mencap")).booking
    assert typed.organisation_id is None
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("50.00"), Decimal("25.00"))])
    bk.mark_register(db, session.id, {typed.id: Outcome.NO_SHOW})
    mencap = ms.create_organisation(db, ms.OrganisationFields("Brent Mencap", ms.OrganisationKind.VOLUNTARY))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    own = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Bo Diallo", booked_on=date(2024, 2, 2),
                                                 organisation_id=council.id)).booking
    bk.mark_register(db, session.id, {own.id: Outcome.NO_SHOW})
    rows = {r.organisation_id: r for r in en.engagement(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1))}
    assert (rows[mencap.id].bookings, rows[mencap.id].charges_due) == (0, Decimal("0.00"))
    assert (rows[council.id].no_shows, rows[council.id].charges_due) == (1, Decimal("50.00"))
    assert [s.organisation for s in ch.charges_report(db, date(2024, 3, 1), date(2024, 3, 31)).statements
            if s.total_due] == ["Brent Council", "Brent Mencap"]
