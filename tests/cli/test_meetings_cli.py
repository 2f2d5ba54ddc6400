"""The meetings outputs from the command line."""

from __future__ import annotations

from datetime import datetime

import icalendar
import openpyxl
import pypdf
import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.cli.test_cli import assert_refused, cli
from tests.meetings_world import build_world
from tests.services.test_attendance import build_fixture


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "meetings.sqlite3"
    with Database.open(path) as db:
        w = build_world(db)
        build_fixture(db, w)
        m = mt.create_meeting(db, mt.MeetingFields(w.forum.id, "Forum", datetime(2024, 1, 11, 10), datetime(2024, 1, 11, 12),
                                                   status=MeetingStatus.HELD), standing_items=True)
    return path, m.id


@pytest.mark.slow
def test_every_meetings_output_from_the_command_line(demo_db, tmp_path):
    path, meeting_id = demo_db
    runs = [
        ("report", "minutes", "--meeting", meeting_id, "-o", tmp_path / "minutes.pdf"),
        ("report", "minutes", "--meeting", meeting_id, "--circulation", "-o", tmp_path / "circulation.pdf"),
        ("report", "agenda", "--meeting", meeting_id, "-o", tmp_path / "agenda.pdf"),
        ("report", "actions", "-o", tmp_path / "actions.pdf"),
        ("report", "actions", "--xlsx", "-o", tmp_path / "actions.xlsx"),
        ("report", "attendance", "--from", "01/04/2023", "--to", "31/03/2024", "-o", tmp_path / "attendance.xlsx"),
        ("export", "ics", "--meeting", meeting_id, "-o", tmp_path / "meeting.ics"),
        ("export", "xlsx", "--area", "meetings", "-o", tmp_path / "meetings.xlsx"),
    ]
    for args in runs:
        result = cli(args[0], "--db", path, *args[1:])
        assert result.returncode == 0, (args, result.stderr)
        assert "Written" in result.stdout
    for name in ("minutes.pdf", "circulation.pdf", "agenda.pdf", "actions.pdf"):
        assert pypdf.PdfReader(str(tmp_path / name)).pages
    assert openpyxl.load_workbook(tmp_path / "meetings.xlsx").sheetnames == [
        "Meetings", "Agenda items", "Attendance", "Decisions", "Actions",
    ]
    assert "By organisation" in openpyxl.load_workbook(tmp_path / "attendance.xlsx").sheetnames
    cal = icalendar.Calendar.from_ical((tmp_path / "meeting.ics").read_bytes())
    assert len([c for c in cal.walk() if c.name == "VEVENT"]) == 1


@pytest.mark.slow
def test_bad_meetings_commands_get_one_sentence(demo_db, tmp_path):
    path, _ = demo_db
    assert_refused(cli("report", "minutes", "--db", path, "-o", tmp_path / "x.pdf"), "--meeting")
    assert_refused(cli("report", "minutes", "--db", path, "--meeting", 99999, "-o", tmp_path / "x.pdf"), "no meeting")
    assert_refused(cli("export", "ics", "--db", path, "-o", tmp_path / "x.ics"), "--meeting")
    assert_refused(cli("report", "agenda", "--db", path, "--meeting", 1, "--from", "01/01/2024", "-o", tmp_path / "x.pdf"),
                   "does not take")
    assert_refused(
        cli("report", "attendance", "--db", path, "--from", "01/04/2024", "--to", "01/04/2023", "-o", tmp_path / "x.xlsx"),
        "before its start",
    )
