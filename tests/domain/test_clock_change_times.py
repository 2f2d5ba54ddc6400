"""Times at the British Summer Time changes: a wall-clock time in the hour skipped in March is
named as not existing in the UK, and `to_utc` reads the times at both changes with the offset
the clocks keep after the change, so an event keeps the length its wall-clock times give."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bscp_desktop.domain.dates import missing_local_time
from bscp_desktop.domain.ics import to_utc


@pytest.mark.parametrize("moment", [datetime(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 1, 59)])
def test_a_time_in_the_hour_skipped_in_march_is_named_with_the_change(moment):
    assert missing_local_time(moment) == (f"{moment:%H:%M} on 29/03/2026 does not exist in the UK: the clocks go "
                                          "forward from 01:00 to 02:00 that night")


def test_the_sentence_names_the_day_of_another_years_change():
    assert missing_local_time(datetime(2027, 3, 28, 1, 15)) == (
        "01:15 on 28/03/2027 does not exist in the UK: the clocks go forward from 01:00 to 02:00 that night")


@pytest.mark.parametrize("moment", [
    datetime(2026, 3, 29, 0, 59), datetime(2026, 3, 29, 2, 0), datetime(2026, 3, 28, 1, 30),
    datetime(2026, 10, 25, 1, 30),  # shows twice in October, but shows
    datetime(2026, 7, 1, 10, 0), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), None,
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # an aware time is a moment, not a wall-clock reading
])
def test_times_that_show_on_uk_clocks_pass(moment):
    assert missing_local_time(moment) == ""


def test_march_a_time_in_the_skipped_hour_is_read_in_summer_time_so_an_event_keeps_its_length():
    start, end = to_utc(datetime(2026, 3, 29, 1, 30)), to_utc(datetime(2026, 3, 29, 2, 30))
    assert (start, end) == (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    assert to_utc(datetime(2026, 3, 29, 0, 59)) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)


def test_october_a_repeated_time_is_read_once_and_the_same_way_for_a_start_and_an_end():
    start, end = to_utc(datetime(2026, 10, 25, 1, 30)), to_utc(datetime(2026, 10, 25, 2, 0))
    assert (start, end) == (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), datetime(2026, 10, 25, 2, 0, tzinfo=UTC))
    assert (end - start).total_seconds() == 30 * 60
    assert to_utc(datetime(2026, 10, 25, 1, 30, fold=0)) == to_utc(datetime(2026, 10, 25, 1, 30, fold=1))
    assert to_utc(datetime(2026, 10, 25, 0, 59)) == datetime(2026, 10, 24, 23, 59, tzinfo=UTC)


@pytest.mark.parametrize(("start", "end", "hours"), [
    ((0, 30), (1, 30), 1.0),  # ends the first time 01:30 shows, in BST: an hour, as the clock face says
    ((0, 45), (1, 15), 0.5),
    ((1, 30), (2, 0), 0.5),  # both in the repeated hour: read the second time, as before
    ((0, 30), (2, 0), 2.5),  # 02:00 shows once: the night's extra hour is in the meeting
    ((1, 30), (1, 45), 0.25),
])
def test_october_an_end_in_the_repeated_hour_keeps_the_length_the_clock_face_gives(start, end, hours):
    begins = to_utc(datetime(2026, 10, 25, *start))
    ends = to_utc(datetime(2026, 10, 25, *end), after=begins)
    assert (ends - begins).total_seconds() / 3600 == hours


def test_a_calendar_file_gives_a_meeting_over_the_october_change_the_length_on_the_clock(tmp_path):
    from icalendar import Calendar

    from bscp_desktop.reports.ics import CalendarEvent, build_calendar

    event = CalendarEvent(uid="meeting-1@bscp-desktop", title="Night meeting", starts_at=datetime(2026, 10, 25, 0, 30),
                          ends_at=datetime(2026, 10, 25, 1, 30))
    read = next(c for c in Calendar.from_ical(build_calendar([event], "Brent")).walk() if c.name == "VEVENT")
    assert read["dtstart"].dt == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert read["dtend"].dt == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
