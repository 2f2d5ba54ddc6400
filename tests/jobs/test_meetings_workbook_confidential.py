"""The meetings workbook leaves out what was recorded under confidential agenda items: their
minutes, decisions and actions, also for an archived meeting."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl

from bscp_desktop import jobs
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


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
