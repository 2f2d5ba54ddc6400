"""The meetings workbook and the attendance report, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.services.test_attendance import build_fixture

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.slow
def test_meetings_workbook_has_the_five_sheets(db, world, tmp_path):
    w = world
    build_fixture(db, w)
    m = mt.create_meeting(db, mt.MeetingFields(w.forum.id, "=HYPERLINK(\"x\")", datetime(2024, 3, 14, 10),
                                               status=MeetingStatus.HELD))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("+Budget", key_focus=True, key_focus_summary="Budget 2024/25"))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child A", confidential=True))
    mt.save_item_minutes(db, item.id, "-5% on last year")
    mt.save_item_minutes(db, secret.id, "Sensitive words")
    mt.add_decision(db, item.id, "@Agreed")
    mt.add_decision(db, secret.id, "Secret decision")
    mt.add_item_action(db, item.id, al.ActionFields("Send the budget", owner_organisation_id=w.council.id,
                                                    due_date=date(2024, 4, 1)))
    al.create_action(db, al.ActionFields("An action from elsewhere", owner_organisation_id=w.council.id,
                                         due_date=date(2024, 4, 1)))
    out = jobs.export_workbook(db, "meetings", tmp_path / "meetings.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Meetings", "Agenda items", "Attendance", "Decisions", "Actions"]
    meetings = _rows(wb["Meetings"])
    assert meetings[0][:5] == ("Date", "Starts", "Ends", "Group", "Title")
    assert len(meetings) == 1 + 7
    formula_row = next(r for r in meetings[1:] if str(r[4]).startswith("=HYPERLINK"))
    assert formula_row[0] == datetime(2024, 3, 14)
    assert wb["Meetings"].cell(row=meetings.index(formula_row) + 1, column=5).data_type == "s"  # text, not a formula
    assert "Budget 2024/25" in formula_row[16]
    items = {r[3]: r for r in _rows(wb["Agenda items"])[1:]}
    assert items["+Budget"][11] == "-5% on last year"
    assert items["Child A"][11] == "(confidential item: not exported)"
    decisions = _rows(wb["Decisions"])
    assert [r[4] for r in decisions[1:2]] == ["@Agreed"] and decisions[2] == (None,) * 9
    assert decisions[3][4].startswith("1 decision made under confidential agenda items is left out of this sheet")
    assert len(decisions) == 4 and not any("Secret" in str(v) for r in decisions for v in r)  # the count, not the words
    attendance = _rows(wb["Attendance"])
    assert len(attendance) == 1 + 5 * 5 + 1 + 1  # five Forum registers of five, a guest, the Executive's one
    assert any(r[8] == "Sergeant Lewis" for r in attendance[1:])
    actions = [r[0] for r in _rows(wb["Actions"])[1:]]
    # the meetings' actions, and those added in the action log with no meeting, case or audit
    assert actions == ["Send the budget", "An action from elsewhere"]


@pytest.mark.slow
def test_attendance_report_matches_the_fixture(db, world, tmp_path):
    w = world
    build_fixture(db, w)
    out = jobs.write_report(db, "attendance", tmp_path / "attendance.xlsx", date_from=date(2023, 4, 1),
                            date_to=date(2024, 3, 31))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["By organisation", "By organisation and group", "By seat", "Escalations", "Registers", "About"]
    by_org = {r[0]: r for r in _rows(wb["By organisation"])[1:]}
    assert by_org["Kilburn Park School"][1:7] == (3, 1, 0, 1, 1, 1 / 3)
    assert by_org["Kilburn Park School"][7] == "Below threshold"
    assert by_org["Brent Council"][6] == 0.75 and by_org["Brent Council"][7] is None
    assert wb["By organisation"].cell(row=2, column=7).number_format == "0.0%"
    registers = _rows(wb["Registers"])[1:]
    assert {r[2] for r in registers} == {"Held", "Cancelled"}  # the period's registers, cancelled shown
    assert all(r[0] >= datetime(2023, 4, 1) for r in registers)
