"""Training rules: places and the waiting list, late cancellation in working days, periods,
figures with both denominators, learning gain and charges."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.dates import parse_date_as_typed, parse_datetime_as_typed, working_days_between
from bscp_desktop.domain.delegates import delegate_key, rows_sharing_a_booking
from bscp_desktop.domain.evaluations import FollowUp, check_score, follow_up_window, learning_gain
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.domain.training import (
    Audience,
    Change,
    ChargeKind,
    ChargeRates,
    CourseFormat,
    Figures,
    Outcome,
    Period,
    Rate,
    Tally,
    WaitingDelegate,
    charge_for,
    charge_kind,
    compare,
    first_on_waitlist,
    gave_up_a_place,
    is_late_cancellation,
    outcome_for_new_booking,
    places_held,
    quarter_of,
)

D = date


# ------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Booked", Outcome.BOOKED), ("waitlisted", Outcome.WAITLISTED), ("Waiting list", Outcome.WAITLISTED),
        ("ATTENDED", Outcome.ATTENDED), ("No-show", Outcome.NO_SHOW), ("no show", Outcome.NO_SHOW),
        ("Did not attend", Outcome.NO_SHOW), ("DNA", Outcome.NO_SHOW), ("Cancelled", Outcome.CANCELLED),
        ("canceled", Outcome.CANCELLED), ("no_show", Outcome.NO_SHOW),
    ],
)
def test_outcomes_read_as_lms_exports_write_them(text, outcome):
    assert Outcome.parse(text) is outcome


def test_unknown_words_are_refused():
    with pytest.raises(ValueError):
        Outcome.parse("Maybe")
    assert Audience.parse("Joint with the Adults Board") is Audience.JOINT
    assert Audience.parse("both") is Audience.JOINT
    assert CourseFormat.parse("Face to face") is CourseFormat.IN_PERSON
    assert CourseFormat.parse("e-learning") is CourseFormat.E_LEARNING


# ------------------------------------------------------------------ places


def test_places_are_held_by_booked_attended_and_no_show_only():
    assert places_held([Outcome.BOOKED, Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED, Outcome.WAITLISTED]) == 3


@given(st.integers(0, 200), st.integers(0, 250))
def test_a_booking_beyond_capacity_is_waitlisted(capacity, held):
    outcome = outcome_for_new_booking(capacity, held)
    assert outcome is (Outcome.BOOKED if held < capacity else Outcome.WAITLISTED)


def test_first_on_the_waitlist_is_the_earliest_booked_then_entered():
    waiting = [
        WaitingDelegate(9, D(2024, 3, 2), "Later"),
        WaitingDelegate(7, D(2024, 3, 1), "Second entered"),
        WaitingDelegate(5, D(2024, 3, 1), "First entered"),
    ]
    assert first_on_waitlist(waiting).name == "First entered"
    assert first_on_waitlist([]) is None


# ------------------------------------------------------------------ late cancellation


def test_late_cancellation_counts_working_days_to_the_session():
    monday = D(2024, 3, 11)
    assert is_late_cancellation(D(2024, 3, 6), monday, 3)  # Wed: Thu, Fri, Mon = 3
    assert not is_late_cancellation(D(2024, 3, 5), monday, 3)  # Tue: 4 working days
    assert is_late_cancellation(monday, monday, 3)  # on the day
    assert is_late_cancellation(D(2024, 3, 12), monday, 3)  # after it
    assert not is_late_cancellation(D(2024, 3, 6), monday, 0)  # no notice needed


def test_bank_holidays_and_closures_are_not_working_days():
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April; session Wednesday 3 April
    session = D(2024, 4, 3)
    assert is_late_cancellation(D(2024, 3, 27), session, 3)  # Thu 28, Tue 2, Wed 3
    assert not is_late_cancellation(D(2024, 3, 26), session, 3)  # Wed 27 too: 4
    assert is_late_cancellation(D(2024, 3, 26), session, 3, closures=[D(2024, 3, 27)])


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)), st.integers(0, 40), st.integers(0, 10))
def test_late_is_exactly_within_n_working_days(cancelled, ahead, days):
    session = cancelled + timedelta(days=ahead)
    late = is_late_cancellation(cancelled, session, days)
    assert late == (ahead == 0 or working_days_between(cancelled, session) <= days)


def test_only_a_cancellation_that_held_a_place_gave_one_up():
    assert gave_up_a_place(None)  # a new booking recorded as cancelled
    assert gave_up_a_place(Outcome.BOOKED)
    assert not gave_up_a_place(Outcome.WAITLISTED)  # left the waiting list
    # a cancellation saved again stays as stored, whether it was in time or late
    assert gave_up_a_place(Outcome.CANCELLED, was_gave_up=True)
    assert not gave_up_a_place(Outcome.CANCELLED, was_gave_up=False)


@dataclasses.dataclass
class _NamedRow:
    number: int
    name: str
    email: str


@dataclasses.dataclass
class _Booking:
    delegate_key: str
    delegate_name: str
    email: str


def test_two_delegates_of_one_name_matching_one_booking_are_found():
    booking = _Booking(delegate_key("Sam Patel", ""), "Sam Patel", "")
    rows = [_NamedRow(2, "Sam Patel", "sam@a.org"), _NamedRow(3, "Sam Patel", "SAM@a.org"),
            _NamedRow(4, "Sam Patel", "sam@b.org"), _NamedRow(5, "Jo Bloggs", "")]
    found = rows_sharing_a_booking(rows, lambda r: booking if r.name == "Sam Patel" else None)
    assert [(earlier.number, row.number) for earlier, row, _b in found] == [(2, 4)]  # 3 is the same delegate as 2
    assert found[0][2] is booking


# ------------------------------------------------------------------ periods


def test_a_quarter_compares_with_the_quarter_before():
    q1 = Period(D(2024, 4, 1), D(2024, 6, 30))
    assert q1.whole_months == 3
    assert q1.previous() == Period(D(2024, 1, 1), D(2024, 3, 31))
    year = Period(D(2023, 4, 1), D(2024, 3, 31))
    assert year.label == "2023/24"
    assert year.previous() == Period(D(2022, 4, 1), D(2023, 3, 31))
    assert Period(D(2024, 2, 1), D(2024, 2, 29)).previous() == Period(D(2024, 1, 1), D(2024, 1, 31))


def test_any_other_range_compares_with_the_same_number_of_days():
    p = Period(D(2024, 4, 10), D(2024, 4, 19))
    assert p.previous() == Period(D(2024, 3, 31), D(2024, 4, 9))
    assert p.label == "10 Apr 2024 to 19 Apr 2024"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="ends"):
        Period(D(2024, 4, 2), D(2024, 4, 1))


@given(st.dates(D(1950, 1, 1), D(2150, 12, 31)), st.integers(0, 800))
def test_previous_period_ends_the_day_before_and_never_overlaps(start, length):
    period = Period(start, start + timedelta(days=length))
    before = period.previous()
    assert before.end == period.start - timedelta(days=1)
    if period.whole_months:
        assert before.whole_months == period.whole_months
    else:
        assert before.days == period.days


def test_quarter_of_a_day():
    assert quarter_of(D(2024, 5, 17)) == Period(D(2024, 4, 1), D(2024, 6, 30))
    assert quarter_of(D(2024, 12, 31)) == Period(D(2024, 10, 1), D(2024, 12, 31))


# ------------------------------------------------------------------ rates and figures


def test_take_up_of_150_attended_of_212_places_is_71_percent():
    rate = Rate(150, 212)
    assert rate.percent == "71%"
    assert rate.text == "71% (150 of 212)"
    assert Rate(3, 0).text == "n/a (3 of 0)"
    assert Rate(3, None).text == ""
    assert Rate(9, 200).percent == "4.5%"


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percent_is_the_share_rounded_half_up(numerator, denominator):
    shown = Rate(numerator, denominator).percent
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    number = Decimal(shown.rstrip("%"))
    assert abs(number - exact) <= Decimal("0.5")


def test_format_percent():
    assert format_percent(Decimal("0.655")) == "66%"
    assert format_percent(0.04) == "4%"
    assert format_percent(None) == ""


def _tally() -> Tally:
    t = Tally()
    t.add_session(1, 20)
    t.add_session(2, 10)
    t.add_session(1, 20)  # the same session twice counts once
    for outcome, n in ((Outcome.ATTENDED, 18), (Outcome.NO_SHOW, 3), (Outcome.BOOKED, 2), (Outcome.WAITLISTED, 4)):
        for _ in range(n):
            t.add_booking(outcome)
    t.add_booking(Outcome.CANCELLED, late=True)
    t.add_booking(Outcome.CANCELLED, late=False)
    t.add_booking(Outcome.CANCELLED, late=False)
    return t


def test_figures_have_both_denominators():
    f = _tally().figures()
    assert (f.sessions, f.places) == (2, 30)
    assert f.bookings == 18 + 3 + 2 + 3  # the waiting list is not a booking
    assert (f.attended, f.no_shows, f.cancellations, f.late_cancellations, f.waitlisted) == (18, 3, 3, 1, 4)
    assert f.on_time_cancellations == 2
    assert f.attendance_rate == Rate(18, 26)
    assert f.take_up == Rate(18, 30)
    assert f.no_show_rate == Rate(3, 26)
    assert f.cancellation_rate == Rate(3, 26)
    assert f.take_up.text == "60% (18 of 30)"


def test_an_organisation_has_no_places_so_no_take_up():
    f = _tally().figures(with_places=False)
    assert f.places is None
    assert f.take_up.text == ""


def test_comparison_with_the_previous_period():
    now = Figures(sessions=10, places=200, bookings=208, attended=150, no_shows=20, cancellations=30)
    before = Figures(sessions=9, places=180, bookings=200, attended=140, no_shows=22, cancellations=33)
    changes = compare(now, before)
    assert changes["bookings"].text == "up 4% (from 200)"
    assert changes["no_shows"].text == "down 9% (from 22)"
    assert changes["cancellations"].relative == Decimal(-3) / Decimal(33)
    rate = changes["attendance_rate"]
    assert rate.current == Rate(150, 208) and rate.previous == Rate(140, 200)
    assert rate.text == "up 2 points (from 70%)"
    assert Change(5, 0).text == "up 5 (from 0)"
    assert Change(5, 5).text == "no change"


def test_a_rates_change_in_points_agrees_with_the_percentages_shown():
    now, before = Rate(60, 520), Rate(66, 500)  # 11.5...% and 13.2%: 1.7 points apart, unrounded
    assert (now.percent, before.percent) == ("12%", "13%")
    assert Change(now, before).text == "down 1 point (from 13%)"
    assert Change(Rate(9, 200), Rate(24, 200)).text == "down 7.5 points (from 12%)"  # 4.5% shown
    assert Change(Rate(11, 100), Rate(45, 1000)).text == "up 6.5 points (from 4.5%)"
    assert Change(Rate(116, 1000), Rate(124, 1000)).text == "no change (was 12%)"  # 11.6% and 12.4%


# ------------------------------------------------------------------ evaluations


def test_scores_are_whole_numbers_from_1_to_5():
    assert check_score("4", "Before") == 4
    assert check_score(" ", "Before") is None
    assert check_score(3.0, "After") == 3
    for bad in ("0", "6", "3.5", "good", "NaN", "sNaN", "-sNaN", "Infinity", float("nan"), "1e999999999"):
        with pytest.raises(ValueError, match="Before"):
            check_score(bad, "Before")


def test_learning_gain_is_post_minus_pre_averaged_over_complete_pairs():
    gain = learning_gain([(2, 4), (3, 4), (1, None), (None, 5), (3, 5)])
    assert gain.pairs == 3
    assert gain.mean_before == Decimal(8) / 3
    assert gain.mean_gain == Decimal(13) / 3 - Decimal(8) / 3
    assert gain.text == "2.7 before, 4.3 after: gain +1.6 (3 scores)"  # as the two scores read
    assert learning_gain([]).text == "no scores yet"


def test_follow_up_is_6_to_12_weeks_after():
    assert follow_up_window(D(2024, 1, 1)) == (D(2024, 2, 12), D(2024, 3, 25))


def test_a_follow_up_is_due_from_six_weeks_and_overdue_after_twelve():
    waiting = FollowUp.after(D(2024, 1, 1), done=False)
    assert waiting.text_on(D(2024, 2, 11)) == "From 12/02/2024" and not waiting.due_on(D(2024, 2, 11))
    assert waiting.text_on(D(2024, 2, 12)) == "Due by 25/03/2024" and waiting.due_on(D(2024, 2, 12))
    assert waiting.due_on(D(2024, 3, 25)) and not waiting.overdue_on(D(2024, 3, 25))
    assert waiting.text_on(D(2024, 3, 26)) == "Overdue: due by 25/03/2024" and waiting.overdue_on(D(2024, 3, 26))
    made = FollowUp.after(D(2024, 1, 1), done=True)
    assert made.text_on(D(2024, 6, 1)) == "Done" and not made.due_on(D(2024, 6, 1)) and not made.overdue_on(D(2024, 6, 1))


# ------------------------------------------------------------------ charges


def test_charges_for_no_shows_and_late_cancellations_only():
    rates = ChargeRates(2023, no_show=Decimal("50.00"), late_cancellation=Decimal("25.00"))
    assert charge_kind(Outcome.NO_SHOW, False) is ChargeKind.NO_SHOW
    assert charge_kind(Outcome.CANCELLED, True) is ChargeKind.LATE_CANCELLATION
    assert charge_kind(Outcome.CANCELLED, False) is None
    assert charge_kind(Outcome.ATTENDED, False) is None
    assert charge_for(ChargeKind.NO_SHOW, rates) == Decimal("50.00")
    assert charge_for(ChargeKind.LATE_CANCELLATION, rates) == Decimal("25.00")
    assert charge_for(ChargeKind.NO_SHOW, None) == Decimal("0.00")
    assert rates.label == "2023/24"


# ------------------------------------------------------------------ matching


def test_delegates_match_by_email_any_case_else_by_name():
    assert delegate_key("Ann Lee", " Ann.Lee@Brent.gov.uk ") == delegate_key("A Lee", "ann.lee@brent.gov.uk")
    assert delegate_key("Ann  Lee", "") == delegate_key("ann lee", "")
    assert delegate_key("Ann Lee", "") != delegate_key("Ann Lee", "ann@x.org")


# ------------------------------------------------------------------ dates as typed


@pytest.mark.parametrize(
    "text", ["01/04/2024", "1/4/24", "1-4-2024", "2024-04-01", "1 April 2024", "1st Apr 2024", "Monday 1 April 2024",
             "1 apr 24", "01-Apr-24", "1-April-2024", "Mon 1 Apr 24"]
)
def test_dates_as_people_type_them(text):
    assert parse_date_as_typed(text) == D(2024, 4, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/04/2024 09:30", datetime(2024, 4, 1, 9, 30)),
        ("2024-04-01T09:30:00", datetime(2024, 4, 1, 9, 30)),
        ("1 April 2024 2pm", datetime(2024, 4, 1, 14, 0)),
        ("1/4/24 2.30 pm", datetime(2024, 4, 1, 14, 30)),
        ("01/04/2024", datetime(2024, 4, 1, 0, 0)),
        (datetime(2024, 4, 1, 9, 30, 15), datetime(2024, 4, 1, 9, 30)),
    ],
)
def test_date_and_time_as_typed(text, expected):
    assert parse_datetime_as_typed(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "13/13/2024", "01/04/2024 25:00", "soon", "", "1/4/1850",
                                  "1 Apr 4", "1 Smarch 24", "1 Apr 202"])
def test_not_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_datetime_as_typed(text)


def test_far_years_are_refused_naming_the_range():
    with pytest.raises(ValueError, match="1900 to 2200"):
        parse_date_as_typed("01/01/2300")


@given(st.lists(st.tuples(st.sampled_from(list(Outcome)), st.booleans()), max_size=200), st.integers(1, 60))
def test_figures_always_add_up(bookings, capacity):
    tally = Tally()
    tally.add_session(1, capacity)
    for outcome, is_late in bookings:
        tally.add_booking(outcome, is_late)
    f = tally.figures()
    assert f.bookings == f.attended + f.no_shows + f.cancellations + f.booked
    called_off = sum(1 for outcome, _late in bookings if outcome is Outcome.CALLED_OFF)  # by the partnership: not counted
    assert f.bookings + f.waitlisted == len(bookings) - called_off
    assert 0 <= f.late_cancellations <= f.cancellations
    assert f.on_time_cancellations + f.late_cancellations == f.cancellations
    for rate in (f.attendance_rate, f.no_show_rate, f.cancellation_rate):
        assert rate.value is None or 0 <= rate.value <= 1
    assert f.take_up.denominator == capacity


def test_counting_many_at_once_equals_one_by_one():
    one, many = Tally(), Tally()
    for _ in range(4):
        one.add_booking(Outcome.CANCELLED, late=True)
    many.add_booking(Outcome.CANCELLED, late=True, count=4)
    assert one.figures() == many.figures()


def test_scores_and_gains_round_a_half_up_as_excel_does_in_every_output():
    from decimal import Decimal

    from bscp_desktop.domain.evaluations import gain_text, score_text

    assert (score_text(Decimal("2.25")), score_text(Decimal("2.5")), gain_text(Decimal("0.25"))) == ("2.3", "2.5", "+0.3")
    assert (gain_text(Decimal("-0.25")), gain_text(Decimal("-0.04")), gain_text(Decimal("0"))) == ("-0.3", "0.0", "0.0")
    assert score_text(2.25) == "2.3" and score_text(None) == gain_text(None) == ""
