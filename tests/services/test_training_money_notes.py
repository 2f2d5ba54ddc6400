"""Training: what the window says about charges, in money. A session moved across 31 March says
how its charges change (every no-show and late cancellation, priced as the statements price
them) and which year's statement they move to; a new notice counts only the cancellations a
statement shows, leaving out archived sessions and archived bookings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import sessions as ts
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines

RATES = [ChargeRates(2023, Decimal("50.00"), Decimal("25.00")), ChargeRates(2024, Decimal("80.00"), Decimal("40.00"))]
SUMMER_2024 = date(2024, 6, 1)  # in 2024/25: 2023/24 is then a year before this one


def _session(db, when):
    course = cs.create_course(db, cs.CourseFields("Move course", topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course.id, when, 10))


def _book(db, session, name, **kw):
    return bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=date(2024, 3, 1), **kw)).booking


def _due(db, year: int) -> Decimal:
    return ch.charges_report(db, date(year, 4, 1), date(year + 1, 3, 31)).total_due


def _move(db, session, when):
    return ts.save_session_saying(db, session.id, replace(cs.get_session(db, session.id).to_fields(), starts_at=when),
                                  today=SUMMER_2024).note


@pytest.mark.slow
def test_a_no_show_moved_into_the_next_financial_year_says_its_charge_and_statement_change(db):
    st.save_charge_rates(db, RATES)
    session = _session(db, datetime(2024, 3, 28, 9, 30))
    _book(db, session, "Bob NoShow", outcome=Outcome.NO_SHOW)
    assert (_due(db, 2023), _due(db, 2024)) == (Decimal("50.00"), Decimal("0.00"))
    note = _move(db, session, datetime(2024, 4, 2, 9, 30))
    assert (_due(db, 2023), _due(db, 2024)) == (Decimal("0.00"), Decimal("80.00"))
    assert note == (
        "The session moved from 28/03/2024 to 02/04/2024, into another financial year: its charges move from the "
        "2023/24 statement and Finance's income to the 2024/25 one, at that year's rates: £80.00 due instead of "
        "£50.00 (charges up £30.00). 2023/24 is a financial year before this one (which began on 1 Apr 2024): "
        "check whether these charges were invoiced already.")
    # moved again within 2024/25: nothing is marked again and the charge stays as it is
    assert _move(db, session, datetime(2024, 4, 9, 9, 30)) == ""


@pytest.mark.slow
def test_a_move_back_across_31_march_states_the_real_change_for_every_charged_booking(db):
    st.save_charge_rates(db, RATES)
    session = _session(db, datetime(2024, 4, 10, 9, 30))
    _book(db, session, "Nora NoShow", outcome=Outcome.NO_SHOW)
    _book(db, session, "Cal Cancel", outcome=Outcome.CANCELLED, cancelled_on=date(2024, 3, 20))
    assert _due(db, 2024) == Decimal("80.00")  # Cal gave three weeks' notice
    note = _move(db, session, datetime(2024, 3, 25, 9, 30))
    assert (_due(db, 2023), _due(db, 2024)) == (Decimal("75.00"), Decimal("0.00"))  # £50 and Cal now late, £25
    assert note == (
        "The session moved from 10/04/2024 to 25/03/2024, so 1 cancellation was marked again under the notice: "
        "Cal Cancel (cancelled on 20/03/2024) is now late. Its charges move from the 2024/25 statement and "
        "Finance's income to the 2023/24 one, at that year's rates: £75.00 due instead of £80.00 (charges down "
        "£5.00). 2023/24 is a financial year before this one (which began on 1 Apr 2024): check whether these "
        "charges were invoiced already.")


@pytest.mark.slow
def test_a_new_notice_leaves_archived_sessions_and_bookings_out_of_what_it_says(db):
    st.save_charge_rates(db, [ChargeRates(2026, Decimal("50.00"), Decimal("25.00"))])
    when, cancelled = datetime(2026, 11, 10, 9, 30), date(2026, 11, 5)  # late under the notice in force
    shown = _session(db, when)
    counted = _book(db, shown, "Lou Live", outcome=Outcome.CANCELLED, cancelled_on=cancelled)
    archived = _book(db, shown, "Al Archived", outcome=Outcome.CANCELLED, cancelled_on=cancelled)
    bk.archive_booking(db, archived.id)
    gone = cs.create_session(db, cs.SessionFields(shown.course_id, datetime(2026, 11, 10, 14, 0), 10))
    on_gone = _book(db, gone, "Sal Shelved", outcome=Outcome.CANCELLED, cancelled_on=cancelled)
    cs.archive_session(db, gone.id)
    assert all(b.late_cancellation for b in (counted, archived, on_gone))
    assert _due(db, 2026) == Decimal("25.00")  # only Lou's shows on a statement

    _settings, remarked = st.save_settings(db, replace(st.load_settings(db), late_cancellation_days=2),
                                           today=date(2026, 12, 6))
    assert remarked.sentence == (
        "1 cancellation was marked again as late or in time under the new notice: 2026/27, 1 now in time (charges "
        "down £25.00). Only sessions from 1 Apr 2026 on were marked again: cancellations of earlier financial "
        "years keep what they were charged.")
    assert _due(db, 2026) == Decimal("0.00")
    # the archived ones follow the notice too, ready for their restoring, without being counted
    assert not any(bk.get_booking(db, b.id).late_cancellation for b in (counted, archived, on_gone))
