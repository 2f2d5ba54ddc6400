"""An attendance rate is one figure wherever it is shown: the Attendance tab, the yearly
report's attendance section and partner engagement all print it by `format_percent` (whole per
cent, a half rounded up), and the threshold is compared with that same figure (the tab's own
cells and highlight: tests/ui/test_attendance_rate_threshold.py)."""

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.percent import format_percent
from bscp_desktop.services import attendance as at
from bscp_desktop.services import engagement as en
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.attendance_monitoring import RateRow, below_threshold, shown_percent
from tests.built_once import database_with
from tests.meetings_world import build_world, meeting

START, END = date(2023, 4, 1), date(2024, 3, 31)


def _held(db, group, when, present) -> None:
    m = meeting(db, group, when)
    at.prefill_attendance(db, m.id)
    register = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    if present:
        at.set_attendance(db, [register[p.id] for p in present], A.PRESENT)
    else:  # a guest in the room: the meeting took place, every member absent
        at.add_attendee(db, m.id, at.AttendeeFields(name="Visiting Speaker", status=A.PRESENT))
    mt.set_meeting_status(db, m.id, MeetingStatus.HELD)


def build_rates(database):
    """The police attend 5 of 8 forum meetings (62.5%), the council 2 of 3 executive meetings
    (66.67%) and all 8 at the forum."""
    w = build_world(database)
    for i in range(8):
        _held(database, w.forum, datetime(2023, 5 + i, 4, 10), [w.chair, w.nurse] + ([w.inspector] if i < 5 else []))
    for i in range(3):
        _held(database, w.executive, datetime(2023, 6 + i, 12, 10), [w.chair] if i < 2 else [])
    return w


db, rates = database_with("attendance-one-rounding", build_rates, records="rates")


def _rows(report):
    return {(r.organisation_name, r.group_name): r for r in report.by_group + report.by_organisation}


@pytest.mark.slow
def test_the_yearly_report_prints_the_half_up_figure_the_attendance_tab_shows(db, rates):
    report = at.attendance_monitoring(db, START, END)
    rows = _rows(report)
    police, council = rows[("Metropolitan Police", "All groups")], rows[("Brent Council", "Executive Group")]
    assert (police.attended, police.expected, council.attended, council.expected) == (5, 8, 2, 3)
    assert shown_percent(police.rate) == 63 and shown_percent(council.rate) == 67  # 62.5 up, not to the even 62
    section = yr.build_section(db, "attendance", START, END)
    printed = {(t.title, row[0]): row[4] for t in section.blocks if hasattr(t, "rows") for row in t.rows}
    assert printed[("Safeguarding Children Forum", "Metropolitan Police")] == "63%"
    assert printed[("Executive Group", "Brent Council")] == "67%"  # was 66.7%
    assert printed == {(r.group_name, r.organisation_name): format_percent(r.rate) for r in report.by_group}
    partners = {e.organisation: e for e in en.engagement(db, START, END, today=date(2024, 6, 1))}
    assert [(g.group, g.rate_percent) for g in partners["Brent Council"].groups] == [
        ("Executive Group", 66.7), ("Safeguarding Children Forum", 100.0)]
    assert partners["Brent Council"].attendance_rate == pytest.approx(100 * 10 / 11)  # unrounded, printed 91%


@pytest.mark.slow
def test_the_threshold_is_compared_with_the_rate_as_shown(db, rates):
    at.set_threshold(db, 67)
    rows = _rows(at.attendance_monitoring(db, START, END))
    assert not rows[("Brent Council", "Executive Group")].below_threshold  # shown as 67%: not below 67%
    assert rows[("Metropolitan Police", "Safeguarding Children Forum")].below_threshold  # 63%
    section = yr.build_section(db, "attendance", START, END)
    flags = {(t.title, row[0]): row[5] for t in section.blocks if hasattr(t, "rows") for row in t.rows}
    assert flags[("Executive Group", "Brent Council")] == ""
    assert flags[("Safeguarding Children Forum", "Metropolitan Police")] == "Below 67%"
    at.set_threshold(db, 63)
    rows = _rows(at.attendance_monitoring(db, START, END))
    assert not rows[("Metropolitan Police", "All groups")].below_threshold  # 62.5% is shown as 63%
    partners = {e.organisation: e for e in en.engagement(db, START, END, today=date(2024, 6, 1))}
    assert not partners["Metropolitan Police"].below_threshold


def test_a_rate_is_compared_as_printed_and_kept_to_one_place_with_halves_up():
    assert below_threshold(2 / 3, 67) is False and below_threshold(2 / 3, 67.5) is True
    assert below_threshold(5 / 8, 63) is False and below_threshold(5 / 8, 64) is True
    assert below_threshold(0.044, 4.5) is True and below_threshold(0.045, 4.5) is False  # one place below 10%
    assert below_threshold(None, 75) is False  # nothing expected
    row = RateRow(expected=16, in_person=5, by_deputy=0, apologies=0, absent=11, organisation_id=1,
                  organisation_name="Brent Council", group_id=None, group_name="All groups", below_threshold=True)
    assert row.rate_percent == 31.3 and format_percent(row.rate) == "31%"  # 31.25: a half up, not to the even 31.2
