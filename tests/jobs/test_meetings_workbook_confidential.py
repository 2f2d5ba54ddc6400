"""The meetings workbook leaves out what was recorded under confidential agenda items: their
minutes, decisions and actions, also for an archived meeting."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
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


def _column(sheet, n: int) -> list:
    return [r[n] for r in list(sheet.iter_rows(values_only=True))[1:]]


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
