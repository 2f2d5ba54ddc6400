"""The demo meetings: the report's fourteen meetings with their key areas of focus."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus, MinutesStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_file):
    path = shutil.copyfile(demo_file, tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    db = Database.open(path)
    yield db
    db.close()


def test_the_fourteen_meetings_of_the_activity_table(demo):
    meetings = sorted(mt.list_meetings(demo), key=lambda m: m.starts_at)
    assert len(meetings) == 14
    assert meetings[0].date == date(2022, 11, 7) and meetings[-1].date == date(2024, 3, 21)
    assert [m.group_name for m in meetings].count("Executive Group") == 6
    assert all(m.status is MeetingStatus.HELD for m in meetings)
    workshop = next(m for m in meetings if m.date == date(2024, 2, 1))
    assert workshop.kind is MeetingKind.WORKSHOP and workshop.title == "Interim Workshop of the Executive Group"


def test_key_areas_of_focus_are_the_reports_bullet_points(demo):
    focus = {m.date: summaries for m, summaries in mt.key_areas_of_focus(demo, date(2022, 10, 1), date(2024, 3, 31))}
    assert len(focus) == 14 and sum(len(s) for s in focus.values()) == 50
    assert focus[date(2023, 12, 14)][1] == "Presentation from Police on 'Right Care , Right Person'"
    assert "HMICFRS update" in focus[date(2024, 3, 21)]
    forum = next(m for m in mt.list_meetings(demo) if m.date == date(2023, 12, 14))
    updates = next(i for i in mt.list_agenda(demo, forum.id) if i.title == "Updates from partners")
    assert "Gaza and Israel" in updates.minutes
    assert mt.list_agenda(demo, forum.id)[-1].title == "Any other business"


def test_attendance_actions_and_minutes_workflow(demo):
    meetings = sorted(mt.list_meetings(demo), key=lambda m: m.starts_at)
    registers = at.list_attendance(demo)
    assert {r.meeting_id for r in registers} == {m.id for m in meetings}
    report = at.attendance_monitoring(demo, date(2022, 10, 1), date(2024, 3, 31))
    # fourteen meetings held; the Executive Group's interim workshop is a kind not counted
    assert report.meetings_held == 13 and report.meetings_of_kinds_not_counted == 1 and report.by_organisation
    deputies = [r for r in registers if r.deputy_name]
    assert len(deputies) == 2 and all("(illustrative)" in r.deputy_name for r in deputies)
    assert sum(r.by_deputy for r in report.by_organisation) == 2
    log = al.list_action_log(demo, kind=RecordKind.MEETINGS)
    assert len(log) == 6 and all(r.description.startswith("(Illustrative)") for r in log)
    statuses = {m.minutes_status for m in meetings}
    assert statuses == {MinutesStatus.APPROVED, MinutesStatus.CIRCULATED}
    last_forum = [m for m in meetings if m.group_name == "Safeguarding Children Forum"][-1]
    assert last_forum.minutes_status is MinutesStatus.CIRCULATED
    assert len(mt.list_decisions(demo)) == 3


def test_every_demo_decision_has_an_owner_a_due_date_and_evidence(demo):
    """A new officer trying the demo sees no decision flagged as missing what every decision needs."""
    decisions = mt.list_decisions(demo)
    assert decisions and all(not d.gaps_on(date(2026, 12, 5)) for d in decisions), [d.gaps_text for d in decisions]
    assert all(d.evidence.startswith("(Illustrative)") for d in decisions)
