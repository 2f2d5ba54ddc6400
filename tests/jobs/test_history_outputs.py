"""The change history workbook and the change log: what they show of each change, and what they
leave out (the words of confidential agenda items, as the meetings workbook leaves them out)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _cells(path, sheet: str) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [str(v) for row in book[sheet].iter_rows(values_only=True) for v in row if v is not None]


@pytest.mark.slow
def test_changes_to_confidential_items_leave_their_words_out(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 2, 29, 10))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(
        "Child Q: rapid review", confidential=True, key_focus=True, key_focus_summary="Neglect of Child Q"))
    public = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.save_item_minutes(db, secret.id, "Child Q was seen by the school nurse")
    mt.save_item_minutes(db, public.id, "The budget was agreed")
    mt.add_decision(db, secret.id, "Refer Child Q to children's services")
    action = mt.add_item_action(db, secret.id, al.ActionFields("Write to Child Q's GP", owner_person_id=world.head.id,
                                                               due_date=date(2024, 4, 30)))
    al.add_progress_update(db, action.id, date(2024, 3, 1), "Child Q's GP replied")
    history = _cells(jobs.export_workbook(db, "history", tmp_path / "history.xlsx"), "Change history")
    log = _cells(jobs.write_report(db, "change-log", tmp_path / "log.xlsx"), "Change log")
    for cells in (history, log):
        text = "\n".join(cells)
        assert "Child Q was" not in text and "Neglect" not in text and "Refer Child Q" not in text
        assert "Child Q's GP" not in text
        assert "(confidential item: not exported)" in cells
        assert "The budget was agreed" in cells and "Child Q: rapid review" in text  # its title is listed
