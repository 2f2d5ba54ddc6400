"""An action added in the action log itself, with no meeting, case review or audit behind it, is
on the Meetings workbook's Actions sheet (the one action log is the Meetings tab's), From "Added
in the action log", and so in the workbook of everything: its action sheets together list every
action the action log lists, the actions of confidential agenda items left out of both."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.action_rules import ActionFields
from tests.meetings_world import meeting

TODAY = date(2024, 6, 3)
ACTION_SHEETS = ("Audit actions", "Case review actions", "Meeting actions")
IN_THE_LOG = "Write to the Panel about the delay"


def _actions(rows: list[list]) -> list[tuple[str, str]]:
    """(action, status) of each action listed on a sheet: the rows under its header row with
    both, leaving out its titles and its notes of actions left out."""
    listed, columns = [], None
    for row in rows:
        if columns is None:
            if "Action" in row and "Status" in row:
                columns = (row.index("Action"), row.index("Status"))
            continue
        action, status = (row[i] if i < len(row) else None for i in columns)
        if action and status:
            listed.append((str(action), str(status)))
    return listed


def _from_column(db, description: str) -> str:
    sheets = dict(jobs.find("xlsx", "meetings").build(db).sheet_values())
    header, *rows = sheets["Actions"]
    (row,) = [r for r in rows if r[header.index("Action")] == description]
    return row[header.index("From")]


def test_an_action_added_in_the_log_is_on_the_meetings_workbooks_actions_sheet(db, world):
    added = al.create_action(db, ActionFields(IN_THE_LOG, owner_person_id=world.chair.id, due_date=date(2026, 9, 30)))
    assert added.source == "Added in the action log"
    assert _from_column(db, IN_THE_LOG) == added.source


@pytest.mark.slow  # builds every area's workbook of the demo
def test_the_workbook_of_everything_lists_every_action_the_action_log_lists(demo_db, tmp_path):
    db = demo_db
    person = ms.list_people(db)[0]
    al.create_action(db, ActionFields(IN_THE_LOG, owner_person_id=person.id, due_date=date(2026, 9, 30)))
    group = ms.list_groups(db)[0]
    private = meeting(db, group, datetime(2024, 5, 9, 10))  # its action is left out of both
    item = mt.add_agenda_item(db, private.id, mt.AgendaItemFields("Child A", confidential=True))
    mt.add_item_action(db, item.id, ActionFields("Refer Child A to early help", owner_person_id=person.id,
                                                 due_date=date(2024, 7, 1)))

    sheets = dict(jobs.find("xlsx", "all").build(db).sheet_values())
    in_workbook = Counter(action for name in ACTION_SHEETS for action, _status in _actions(sheets[name]))
    log = jobs.write_report(db, "actions", tmp_path / "Action log.xlsx", xlsx=True, today=TODAY)
    in_log = Counter(action for ws in openpyxl.load_workbook(log).worksheets
                     for action, _status in _actions([list(r) for r in ws.iter_rows(values_only=True)]))

    assert in_workbook[IN_THE_LOG] == 1
    assert "Refer Child A to early help" not in in_workbook | in_log
    assert in_workbook == in_log
    secret = mt.confidential_item_ids(db)  # the demo's own confidential items' actions are left out too
    shared = [a for a in al.list_action_log(db) if a.links.get("agenda_item_id") not in secret]
    assert sum(in_workbook.values()) == len(shared)
