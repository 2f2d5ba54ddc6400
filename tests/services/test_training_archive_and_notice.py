"""Training: what archiving a session takes with it, and what archiving a course leaves behind,
said before it is archived; and a new late-cancellation notice re-marks this financial year's
cancellations only, saying which years and charges it changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines


def _session(db, when, capacity=10, title="Neglect basics"):
    course = next((c for c in cs.list_courses(db) if c.title == title), None) or cs.create_course(
        db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, booked_on=date(2024, 2, 1), **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, booked_on=booked_on,
                                                  **kw)).booking


# ------------------------------------------------------------------ archiving a session


def test_archiving_a_session_that_ran_says_its_charges_income_and_attendance_go_with_it(db):
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("75.00"), Decimal("40.00"))])
    ran = _session(db, datetime(2024, 3, 11, 9, 30))  # a Monday
    came = [_book(db, ran, f"Came {i}") for i in range(2)]
    absent = [_book(db, ran, f"Absent {i}") for i in range(3)]
    late = _book(db, ran, "Late Leaver")
    bk.cancel_booking(db, late.id, date(2024, 3, 8))  # the Friday before
    bk.mark_register(db, ran.id, {**{b.id: "attended" for b in came}, **{b.id: "no_show" for b in absent}})
    bk.waive_charge(db, absent[0].id, "Hospital appointment")
    assert ch.session_archive_note(db, ran.id) == (
        "It has 2 attended, 3 chargeable no-shows and 1 late cancellation: its charges (£190.00) leave the "
        "statement and Finance's income, and its attendance leaves the training figures.")
    to_come = _session(db, datetime(2030, 3, 11, 9, 30), capacity=1)
    _book(db, to_come, "Ama Booked", booked_on=date.today())
    _book(db, to_come, "Will Waiting", booked_on=date.today())
    assert ch.session_archive_note(db, to_come.id) == (
        "It has 1 delegate booked and 1 on the waiting list: its bookings leave the bookings list.")
    assert ch.session_archive_note(db, _session(db, datetime(2030, 4, 1, 9, 30)).id) == ""


def test_archiving_a_course_names_its_sessions_still_to_come_and_the_places_held_on_them(db):
    soon, later = (datetime.combine(date.today() + timedelta(days=d), time(9, 30)) for d in (30, 60))
    ran = _session(db, datetime(2024, 3, 11, 9, 30), title="Exploitation")
    _book(db, ran, "Ama Past")
    course = ran.course_id
    assert bk.course_archive_note(db, course) == ""  # only sessions that ran: nothing left behind
    first = _session(db, soon, capacity=1, title="Exploitation")
    _book(db, first, "Bo Booked", booked_on=date.today())
    _book(db, first, "Will Waiting", booked_on=date.today())
    assert bk.course_archive_note(db, course) == (
        f"It has 1 session still to come: {format_date_long(first.day)} (1 of 1 place held, 1 on the "
        "waiting list). The session stays on the Sessions list with its bookings, but no new booking can be made on "
        "it while the course is archived: archive it first if it will not run.")
    second = _session(db, later, capacity=12, title="Exploitation")
    for name in ("Cy One", "Di Two"):
        _book(db, second, name, booked_on=date.today())
    note = bk.course_archive_note(db, course)
    assert note.startswith("It has 2 sessions still to come, with 3 places held: ")
    assert f"; {format_date_long(second.day)} (2 of 12 places held). The sessions stay" in note
    cs.archive_session(db, second.id)  # an archived session is not left behind
    assert bk.course_archive_note(db, course).startswith("It has 1 session still to come:")


# ------------------------------------------------------------------ a new notice


def test_a_new_notice_re_marks_this_financial_years_cancellations_only_and_says_what_it_changed(db):
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("50.00"), Decimal("25.00")),
                              ChargeRates(2024, Decimal("60.00"), Decimal("30.00"))])
    closed = _session(db, datetime(2024, 3, 11, 9, 30))  # 2023/24, a Monday: charged and invoiced
    this_year = _session(db, datetime(2024, 6, 10, 9, 30))  # 2024/25, a Monday
    old = _book(db, closed, "Olga Old")
    bk.cancel_booking(db, old.id, date(2024, 3, 5))  # 4 working days before: in time under 3 days' notice
    now = [_book(db, this_year, f"Nia Now {i}", booked_on=date(2024, 5, 1)) for i in range(3)]
    for booking in now:
        bk.cancel_booking(db, booking.id, date(2024, 6, 4))  # 4 working days before
    before = ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due
    saved, changed = st.save_settings(db, st.TrainingSettings(late_cancellation_days=5), today=date(2024, 12, 5))
    assert saved.late_cancellation_days == 5
    assert changed.since == date(2024, 4, 1) and changed.count == 3
    assert changed.years == (st.YearRemarked(2024, now_late=3, charges=Decimal("90.00")),)
    assert changed.sentence == (
        "3 cancellations were marked again as late or in time under the new notice: 2024/25, 3 now late (charges "
        "up £90.00). Only sessions from 1 Apr 2024 on were marked again: cancellations of earlier financial years "
        "keep what they were charged.")
    assert not bk.get_booking(db, old.id).late_cancellation  # 2023/24 keeps what it was charged
    assert ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due == before
    assert all(bk.get_booking(db, b.id).late_cancellation for b in now)
    # back to 3 days, with a charge waived meanwhile: in time again, the waived one changes nothing due
    bk.waive_charge(db, now[0].id, "Manager's error")
    _saved, changed = st.save_settings(db, st.TrainingSettings(late_cancellation_days=3), today=date(2024, 12, 5))
    assert changed.years == (st.YearRemarked(2024, now_in_time=3, charges=Decimal("-60.00")),)
    assert "2024/25, 3 now in time (charges down £60.00)" in changed.sentence
    # the same notice saved again changes nothing and says nothing
    assert st.save_settings(db, st.TrainingSettings(late_cancellation_days=3))[1].sentence == ""


def test_an_earlier_years_cancellation_saved_again_keeps_what_it_was_charged_under_a_new_notice(db):
    """A follow-up, or the session's notes, saved after the notice changed leave an earlier year's
    late cancellation as charged; a new cancellation date, or the session moved to another day,
    is worked out again under the notice saved now."""
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("75.00"), Decimal("40.00"))])
    closed = _session(db, datetime(2024, 3, 11, 9, 30))  # 2023/24, a Monday
    booking = _book(db, closed, "Gina Gone")
    assert bk.cancel_booking(db, booking.id, date(2024, 3, 6)).booking.late_cancellation  # 3 working days' notice
    st.save_settings(db, st.TrainingSettings(late_cancellation_days=1), today=date(2024, 12, 5))

    def due():
        return ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due

    assert due() == Decimal("40.00")
    followed = bk.record_follow_up(db, booking.id, "Sick child, told us by phone", date(2024, 3, 12))
    assert followed.outcome_text == "Cancelled late on 06/03/2024" and due() == Decimal("40.00")
    fields = cs.get_session(db, closed.id).to_fields()
    cs.update_session(db, closed.id, replace(fields, notes="Facilitator notes added"))
    assert bk.get_booking(db, booking.id).late_cancellation and due() == Decimal("40.00")
    cs.update_session(db, closed.id, replace(fields, starts_at=datetime(2024, 3, 12, 9, 30)))  # a day later
    assert not bk.get_booking(db, booking.id).late_cancellation  # 4 working days before: in time under 1 day
    corrected = bk.cancel_booking(db, booking.id, date(2024, 3, 11)).booking  # the date corrected
    assert corrected.outcome_text == "Cancelled late on 11/03/2024" and due() == Decimal("40.00")
