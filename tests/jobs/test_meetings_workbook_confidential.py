"""The meetings workbook leaves out what was recorded under confidential agenda items: their
minutes, decisions and actions, also for an archived meeting; under the Decisions and the
Actions table it says how many it left out and from which group's meetings, never their words."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.jobs.meetings import build_workbook, left_out_note
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _confidential_and_open_actions(db, world) -> None:
    m = meeting(db, world.forum, datetime(2024, 5, 9, 10))
    for title, confidential, words in (("Budget", False, "Send the budget"),
                                       ("Child A", True, "Refer Child A to early help")):
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title, confidential=confidential))
        mt.add_item_action(db, item.id, al.ActionFields(words, owner_person_id=world.head.id,
                                                        due_date=date(2024, 7, 1), evidence=f"{words}: evidence"))


def _table(sheet) -> list[tuple]:
    """The table's rows under its header, up to the blank row before a note under it."""
    rows = []
    for r in list(sheet.iter_rows(values_only=True))[1:]:
        if all(v is None for v in r):
            break
        rows.append(r)
    return rows


def _under(sheet) -> list[tuple]:
    """The rows after the table's blank row: the note, if any."""
    rows = list(sheet.iter_rows(values_only=True))
    return rows[len(_table(sheet)) + 2:]


def _column(sheet, n: int) -> list:
    return [r[n] for r in _table(sheet)]


def test_actions_and_decisions_of_confidential_items_are_not_exported(db, world, tmp_path):
    for when in (datetime(2024, 2, 29, 10), datetime(2024, 3, 14, 10)):
        m = meeting(db, world.forum, when)
        open_item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
        secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child A", confidential=True))
        for item, words in ((open_item, f"Send the budget {when:%d/%m}"), (secret, f"Refer Child A {when:%d/%m}")):
            mt.add_decision(db, item.id, words)
            mt.add_item_action(db, item.id, al.ActionFields(words, owner_person_id=world.head.id,
                                                            due_date=date(2024, 4, 30)))
    mt.archive_meeting(db, m.id)  # the second: still listed in the workbook
    wb = openpyxl.load_workbook(jobs.export_workbook(db, "meetings", tmp_path / "meetings.xlsx"))
    expected = ["Send the budget 29/02", "Send the budget 14/03"]
    assert sorted(_column(wb["Actions"], 0)) == sorted(expected)
    assert sorted(_column(wb["Decisions"], 4)) == sorted(expected)
    assert not any("Child A" in str(v) for r in wb["Actions"].iter_rows(values_only=True) for v in r)


@pytest.mark.slow
def test_action_log_leaves_out_the_actions_of_confidential_items(db, world, tmp_path):
    _confidential_and_open_actions(db, world)
    al.create_action(db, al.ActionFields("An action from elsewhere", owner_person_id=world.head.id,
                                         due_date=date(2024, 7, 1)))
    book = openpyxl.load_workbook(jobs.write_report(db, "actions", tmp_path / "Action log.xlsx", xlsx=True))
    cells = [str(v) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r if v]
    assert "Send the budget" in cells and "An action from elsewhere" in cells
    assert not any("Child A" in v for v in cells)
    pdf = jobs.write_report(db, "actions", tmp_path / "Action log.pdf")
    text = " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(pdf)).pages).split())
    assert "Send the budget" in text and "An action from elsewhere" in text
    assert "Child A" not in text


@pytest.mark.slow  # a workbook written and read back
def test_the_decisions_and_actions_sheets_say_how_many_of_confidential_items_they_leave_out(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 5, 9, 10))
    budget = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child A", confidential=True))
    mt.add_decision(db, budget.id, "Agree the budget")
    for words in ("Refer Child A to early help", "Review Child A's plan"):
        mt.add_decision(db, secret.id, words)
    for words, due in (("Refer Child A now", date(2024, 5, 20)), ("Write to Child A's school", date(2024, 7, 1))):
        mt.add_item_action(db, secret.id, al.ActionFields(words, owner_person_id=world.head.id, due_date=due))
    wb = build_workbook(db, today=date(2024, 6, 3))  # the first action overdue then
    book = openpyxl.load_workbook(wb.save(tmp_path / "meetings.xlsx"))
    decisions, actions = book["Decisions"], book["Actions"]
    assert _column(decisions, 4) == ["Agree the budget"] and _table(actions) == []
    assert _under(decisions) == [(None,) * 4 + (
        "2 decisions made under confidential agenda items are left out of this sheet, as confidential items are "
        "left out of the minutes for circulation: from Safeguarding Children Forum meetings (2). The full minutes "
        "of their meetings list them.",) + (None,) * 4]  # in the Decision column
    assert _under(actions) == [(
        "2 actions raised under confidential agenda items are left out of this sheet (1 of them overdue), as "
        "confidential items are left out of the minutes for circulation: from Safeguarding Children Forum "
        "meetings (2). The Action log on the Meetings tab and the full minutes of their meetings list them.",)
        + (None,) * 9]
    assert decisions.auto_filter.ref == "A1:I2" and actions.auto_filter.ref == "A1:J1"  # the notes outside the filter
    for sheet in (decisions, actions):
        assert not any("Child A" in str(v) for r in sheet.iter_rows(values_only=True) for v in r)


def test_a_note_says_one_left_out_in_the_singular_and_nothing_when_none_is():
    assert left_out_note("decision", "made", [], "") == ""
    assert left_out_note("action", "raised", [("Executive Group meetings", 0, 0)], "") == ""
    assert left_out_note("action", "raised", [("Executive Group meetings", 1, 1)], "Listed elsewhere.") == (
        "1 action raised under confidential agenda items is left out of this sheet (overdue), as confidential "
        "items are left out of the minutes for circulation: from Executive Group meetings (1). Listed elsewhere.")
    assert left_out_note("decision", "made", [("Forum meetings", 2, 0), ("Executive Group meetings", 1, 0)], "").startswith(
        "3 decisions made under confidential agenda items are left out of this sheet, as confidential items are left "
        "out of the minutes for circulation: from Executive Group meetings (1) and Forum meetings (2).")


@pytest.mark.slow  # a workbook written and read back
def test_no_note_is_under_the_tables_when_nothing_was_left_out(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 5, 9, 10))
    budget = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.add_decision(db, budget.id, "Agree the budget")
    mt.add_item_action(db, budget.id, al.ActionFields("Send the budget", owner_person_id=world.head.id,
                                                      due_date=date(2024, 7, 1)))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child A", confidential=True))  # nothing decided or actioned
    book = openpyxl.load_workbook(build_workbook(db, today=date(2024, 6, 3)).save(tmp_path / "meetings.xlsx"))
    for sheet, words in ((book["Decisions"], "Agree the budget"), (book["Actions"], "Send the budget")):
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 2 and words in rows[1]  # the header and the one row, nothing under them
