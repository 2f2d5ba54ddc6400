"""Times typed or imported on the 12-hour clock: "p.m." as well as "pm", and an hour the
12-hour clock does not have ("13:00 PM") refused saying so, for a session's start as for a
date column's cell (one rule: `dates.time_of_day`)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from bscp_desktop.domain.dates import parse_datetime_as_typed, parse_time_as_typed
from bscp_desktop.importers.cell_dates import cell_date_and_time


@pytest.mark.parametrize(("typed", "read"), [
    ("2.30 p.m.", time(14, 30)), ("12:15 P.M.", time(12, 15)), ("12 a.m.", time(0, 0)), ("9am", time(9, 0)),
])
def test_a_time_with_am_or_pm_in_any_form_is_read(typed, read):
    assert parse_time_as_typed(typed) == read


def test_a_session_start_with_p_m_is_read():
    assert parse_datetime_as_typed("01/03/2024 2:30 p.m.") == datetime(2024, 3, 1, 14, 30)


@pytest.mark.parametrize(("typed", "instead"), [
    ("01/03/2024 13:00 PM", "give 1:00 PM, or 13:00 without PM"),
    ("01/03/2024 0:30 am", "give 12:30 AM, or 00:30 without AM"),
])
def test_an_hour_the_12_hour_clock_has_not_is_refused_saying_so(typed, instead):
    with pytest.raises(ValueError) as refused:
        parse_datetime_as_typed(typed)
    assert "which the 12-hour clock does not have (its hours are 1 to 12)" in str(refused.value)
    assert instead in str(refused.value)
    with pytest.raises(ValueError) as in_a_cell:
        cell_date_and_time(typed)
    assert instead in str(in_a_cell.value)
