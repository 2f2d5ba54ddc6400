"""Bringing back a copy whose minutes were approved offline, while they were approved on the
team database too: in the compare dialog, keeping the copy's approval frees the approved
minutes' rows to keep the copy's minutes, as bringing back from the command line does
(`--keep offline`); keeping the team database's approval locks them again. On a real
PostgreSQL server (skipped, with the reason, without one)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.app import make_application
from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from bscp_desktop.ui.meetings.offline import KEEP_TEXT, CompareDialog
from tests.offline.helpers import taken_offline

OFFLINE_MINUTES = "The minutes the chair approved offline"


def _approved_in_both_places(pg_db, tmp_path):
    server, _world, m, items, path, _mark = taken_offline(pg_db, tmp_path)
    copy = Database.open_target(path)
    try:
        mt.save_item_minutes(copy, items[1].id, OFFLINE_MINUTES)
        mt.approve_minutes(copy, m.id, None, date(2024, 3, 20), method="chairs_action", approved_by="Chair (offline)")
    finally:
        copy.close()
    mt.approve_minutes(server, m.id, None, date(2024, 3, 18), method="email", approved_by="Members by e-mail")
    return server, m, items, path


def _rows(dialog):
    return {c.field: (dialog.table.item(r, 2).text(), dialog.is_locked(c)) for r, c in enumerate(dialog.conflicts)}


@pytest.mark.slow
def test_keeping_the_copys_approval_brings_back_the_copys_minutes(qtbot, pg_db, tmp_path):
    server, m, items, path = _approved_in_both_places(pg_db, tmp_path)
    make_application()
    dialog = CompareDialog(off.plan_bring_back(server, path))
    qtbot.addWidget(dialog)
    minutes_row = next(r for r, c in enumerate(dialog.conflicts) if c.field == "Minutes")
    assert dialog.conflicts[minutes_row].locked  # approved on the team database meanwhile
    assert _rows(dialog)["Minutes"] == (KEEP_TEXT[off.SERVER], True)

    dialog.choose_all(off.OFFLINE)  # the approval first, so the minutes it frees follow
    assert _rows(dialog)["Minutes"] == (KEEP_TEXT[off.OFFLINE], False)
    dialog.table.selectRow(minutes_row)
    assert dialog.keep_offline.isEnabled()
    assert dialog.bring_button.isEnabled()

    # the team database's approval kept again: its approved minutes are locked again
    approval_row = next(r for r, c in enumerate(dialog.conflicts) if c.key == dialog.approval_key)
    dialog.choose(off.SERVER, approval_row)
    assert _rows(dialog)["Minutes"] == (KEEP_TEXT[off.SERVER], True)
    dialog.table.selectRow(minutes_row)
    assert not dialog.keep_offline.isEnabled()
    # and the copy's once more: the minutes wait for the officer's choice, then the copy's is kept
    dialog.choose(off.OFFLINE, approval_row)
    assert _rows(dialog)["Minutes"] == (KEEP_TEXT[None], False) and not dialog.bring_button.isEnabled()
    dialog.table.selectRow(minutes_row)
    dialog.keep_offline.click()
    assert dialog.bring_button.isEnabled()

    off.bring_back(server, path, dict(dialog.choices))
    now = mt.get_meeting(server, m.id)
    assert (now.minutes_approved_on, now.minutes_approved_by) == (date(2024, 3, 20), "Chair (offline)")
    assert mt.get_agenda_item(server, items[1].id).minutes == OFFLINE_MINUTES
