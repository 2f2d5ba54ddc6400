from datetime import UTC, date, datetime

import pytest

from bscp_desktop.domain.ics import to_local, to_utc
from bscp_desktop.domain.meetings import (
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    RegisterEntry,
    Weekday,
    attendance_rates,
    can_move_minutes,
    describe_series,
    meeting_outcome,
    nth_weekday,
    quorum_met,
    series_dates,
)


def test_nth_weekday():
    assert nth_weekday(2024, 4, Weekday.THURSDAY, 2) == date(2024, 4, 11)
    assert nth_weekday(2024, 2, Weekday.THURSDAY, -1) == date(2024, 2, 29)
    assert nth_weekday(2023, 6, Weekday.MONDAY, 1) == date(2023, 6, 5)
    with pytest.raises(ValueError):
        nth_weekday(2024, 4, Weekday.MONDAY, 5)


def test_every_third_month_on_the_second_thursday():
    assert series_dates(2024, 4, 3, Weekday.THURSDAY, 2) == [
        date(2024, 4, 11), date(2024, 7, 11), date(2024, 10, 10), date(2025, 1, 9),
    ]
    # Starting in June: June, September, December, March (still inside the year)
    assert series_dates(2023, 6, 3, Weekday.WEDNESDAY, 1) == [
        date(2023, 6, 7), date(2023, 9, 6), date(2023, 12, 6), date(2024, 3, 6),
    ]
    # A first month of February means February of the second calendar year
    assert series_dates(2023, 2, 1, Weekday.FRIDAY, -1) == [date(2024, 2, 23), date(2024, 3, 29)]
    assert len(series_dates(2023, 4, 1, Weekday.TUESDAY, 3)) == 12
    assert describe_series(4, 3, 3, 2) == "Every 3 months on the second Thursday, from April"


def test_minutes_workflow_moves():
    assert can_move_minutes(MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)
    assert can_move_minutes(MinutesStatus.CIRCULATED, MinutesStatus.APPROVED)
    assert can_move_minutes(MinutesStatus.CIRCULATED, MinutesStatus.DRAFT)
    assert not can_move_minutes(MinutesStatus.APPROVED, MinutesStatus.DRAFT)
    assert MinutesStatus.APPROVED.locked and not MinutesStatus.CIRCULATED.locked


def test_quorum():
    assert quorum_met(None, 3) is None
    assert quorum_met(0, 3) is None
    assert quorum_met(4, 3) is False
    assert quorum_met(4, 4) is True


def test_outcome_order():
    A = AttendanceStatus
    assert meeting_outcome([A.ABSENT, A.PRESENT, A.APOLOGIES]) is Outcome.IN_PERSON
    assert meeting_outcome([A.DEPUTY, A.APOLOGIES]) is Outcome.BY_DEPUTY
    assert meeting_outcome([A.APOLOGIES, A.ABSENT]) is Outcome.APOLOGIES
    assert meeting_outcome([A.ABSENT]) is Outcome.ABSENT


def test_rates_leave_out_unheld_meetings_and_guests():
    A, M = AttendanceStatus, MeetingStatus
    entries = [
        RegisterEntry(1, M.HELD, 10, 100, A.PRESENT),
        RegisterEntry(2, M.HELD, 10, 100, A.APOLOGIES),
        RegisterEntry(3, M.CANCELLED, 10, 100, A.ABSENT),
        RegisterEntry(4, M.PLANNED, 10, 100, A.ABSENT),
        RegisterEntry(1, M.HELD, 10, 200, A.GUEST, expected=False),
        RegisterEntry(5, M.HELD, 20, 100, A.DEPUTY),
    ]
    by_group, by_org = attendance_rates(entries)
    assert [(r.organisation_id, r.group_id, r.expected, r.attended) for r in by_group] == [(100, 10, 2, 1), (100, 20, 1, 1)]
    (total,) = by_org
    assert (total.expected, total.in_person, total.by_deputy, total.apologies, total.absent) == (3, 1, 1, 1, 0)
    assert total.rate == pytest.approx(2 / 3)
    assert total.below(75) and not total.below(60)


def test_bst_and_winter_to_utc():
    assert to_utc(datetime(2024, 7, 11, 10, 0)) == datetime(2024, 7, 11, 9, 0, tzinfo=UTC)
    assert to_utc(datetime(2024, 1, 11, 10, 0)) == datetime(2024, 1, 11, 10, 0, tzinfo=UTC)
    assert to_local(datetime(2024, 7, 11, 9, 0, tzinfo=UTC)) == datetime(2024, 7, 11, 10, 0)
