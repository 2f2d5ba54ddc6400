"""Training figures in the yearly report for a period still running say what the training
summary says: the comparison labelled with its cut-off day, and the sessions later in the
period, not counted yet, said, also when none has run so far."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.yearly_report import ChartBlock, Para, Table
from bscp_desktop.jobs.training import figures_data
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg

pytestmark = pytest.mark.slow  # sessions and bookings, then the section

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
TODAY = date(2023, 10, 1)  # half way through 2023/24


def _session(db, when: datetime, booked: int, outcome: str = "booked") -> None:
    course = cs.create_course(db, cs.CourseFields(f"Neglect {when:%Y-%m}", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, when, 20))
    for n in range(booked):
        bk.create_booking(db, bk.BookingFields(session.id, f"Delegate {n}", organisation_name="Brent Council",
                                               booked_on=when.date().replace(day=1), outcome=outcome))


def _paras(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Para)]


def test_a_running_period_is_compared_to_the_same_day_and_says_what_is_still_to_come(db):
    _session(db, datetime(2022, 6, 10, 10), 2, "attended")  # the period before, by 1 October 2022
    _session(db, datetime(2023, 1, 10, 10), 3, "attended")  # the period before, after that day
    _session(db, datetime(2023, 6, 10, 10), 1, "attended")  # run so far
    _session(db, datetime(2023, 11, 10, 10), 2)  # later in the period
    built = yr.build_section(db, "training", *PERIOD, today=TODAY)
    summary = figures_data(fg.figures_report(db, *PERIOD, today=TODAY))  # what the training summary is given
    assert (summary.period.label, summary.previous_period.label) == ("2023/24 to 01/10/2023", "2022/23 to 01/10/2022")

    figures = next(b for b in built.blocks if isinstance(b, Table) and b.title == "Training figures")
    assert figures.headers == ("Figure", "This period (2023/24 to 01/10/2023)",
                               "The period before (2022/23 to 01/10/2022)")
    assert figures.rows[0] == ("Sessions run", "1", "1")  # not the 2 sessions of the whole of 2022/23
    topics = next(b for b in built.blocks if isinstance(b, ChartBlock) and b.title == "Attendance by course topic")
    assert [name for name, _values in topics.series] == ["The period before (2022/23 to 01/10/2022)",
                                                        "This period (2023/24 to 01/10/2023)"]
    assert _paras(built) == ["1 session later in the period (2 bookings) is not counted yet: only sessions that "
                             "have run are."]
    assert built.draft.startswith("Between 1 April 2023 and 1 October 2023, 1 session ran with 1 booking; ")

    ended = yr.build_section(db, "training", *PERIOD, today=date(2024, 6, 1))  # the period over: plain labels
    figures = next(b for b in ended.blocks if isinstance(b, Table) and b.title == "Training figures")
    assert figures.headers == ("Figure", "This period", "The period before")
    assert ended.draft.startswith("2 sessions ran with 3 bookings; ")
    # the session of November, held by then, was never marked: nothing still to come, its bookings said
    assert _paras(ended) == ["This period: 2 bookings on sessions already held have no attendance recorded (the "
                             "register is not marked). Until they are marked, the attendance rate counts them as "
                             "not attended."]


def test_a_running_period_with_nothing_run_yet_is_not_said_to_have_had_no_training(db):
    _session(db, datetime(2023, 11, 10, 10), 2)
    _session(db, datetime(2024, 2, 10, 10), 1)
    built = yr.build_section(db, "training", *PERIOD, today=TODAY)
    assert not built.has_data
    assert _paras(built) == [
        "No multi-agency training ran between 1 April 2023 and 1 October 2023, so there are no training figures "
        "for this report.",
        "2 sessions later in the period (3 bookings) are not counted yet: only sessions that have run are."]
    before = yr.build_section(db, "training", *PERIOD, today=date(2023, 3, 1))  # the period not begun
    assert _paras(before)[0] == "No multi-agency training has run yet: the period starts on 1 April 2023."

