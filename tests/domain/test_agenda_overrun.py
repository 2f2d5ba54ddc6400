"""Agenda timings against the meeting's own start and end: how far the items' times run past
its end, and the first item that starts at or after it (`domain.meetings.agenda_overrun`), and
the sentence the agenda, its item dialog and the agenda PDF give (`overrun_sentence`)."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import agenda_overrun
from bscp_desktop.services.meetings.agenda import overrun_sentence

TEN_PM, ELEVEN_PM = datetime(2025, 6, 12, 22), datetime(2025, 6, 12, 23)


def test_items_that_fit_the_meeting_are_not_an_overrun():
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [5, 10, 45]) is None
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [30, 30]) is None  # exactly the hour
    assert overrun_sentence(TEN_PM, ELEVEN_PM, [30, 30]) == ""


def test_items_past_the_end_give_their_total_the_length_and_the_first_item_at_or_after_the_end():
    # 22:00, 22:05, 22:15, 22:25, 23:10 (the end passed), 01:10, 01:15
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [5, 10, 10, 45, 120, 5, 50]) == (245, 60, 4)
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [30, 30, 5]) == (65, 60, 2)  # starts at 23:00, the end itself


def test_the_last_item_running_over_starts_no_item_after_the_end():
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [30, 45]) == (75, 60, None)


def test_an_untimed_item_counts_no_time():
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [None, 90, None]) == (90, 60, 2)
    assert agenda_overrun(TEN_PM, ELEVEN_PM, [None, None]) is None


def test_a_meeting_with_no_end_time_never_runs_over():
    assert agenda_overrun(TEN_PM, None, [600, 600]) is None
    assert overrun_sentence(TEN_PM, None, [600, 600]) == ""


def test_the_sentence_gives_hours_and_minutes_and_the_meetings_own_times():
    assert overrun_sentence(TEN_PM, ELEVEN_PM, [5, 10, 10, 45, 120, 5, 50]) == (
        "The items' times add up to 4 h 5 min; the meeting is 1 h (22:00 to 23:00): 3 h 5 min over.")
    assert overrun_sentence(datetime(2025, 6, 12, 10), datetime(2025, 6, 12, 10, 45), [40, 10]) == (
        "The items' times add up to 50 min; the meeting is 45 min (10:00 to 10:45): 5 min over.")
