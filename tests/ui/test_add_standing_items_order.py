"""The agenda page's Add standing items puts a standing item removed by mistake back where the
group's order puts it, not above the welcome."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import ItemKind
from bscp_desktop.services import meetings as mt
from tests.ui.helpers import open_workspace, reread, table_texts

IN_ORDER = ["Welcome, introductions and apologies", "Minutes of the last meeting and matters arising",
            "Action log review", "Neglect strategy", "Any other business"]


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_add_standing_items_puts_the_action_log_review_back_after_the_minutes(qtbot, db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2026, 11, 12, 10),
                                               datetime(2026, 11, 12, 12)), standing_items=True)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    review = next(i for i in mt.list_agenda(db, m.id) if i.kind is ItemKind.ACTION_REVIEW)
    mt.archive_agenda_item(db, review.id)  # taken off by mistake
    ws = open_workspace(qtbot, db, m.id)
    agenda = ws.pages.show_page("agenda")
    qtbot.waitUntil(lambda: not agenda.loading(), timeout=5000)
    agenda.standing_action.trigger()
    assert ws.message.text() == "Added 1 standing item."
    reread(qtbot, ws)
    qtbot.waitUntil(lambda: not agenda.loading(), timeout=5000)
    assert [i.title for i in ws.rows("agenda") if not i.archived] == IN_ORDER
    assert [t for t in table_texts(agenda, 1) if t in IN_ORDER] == IN_ORDER
    assert [(i.position, i.title) for i in mt.list_agenda(db, m.id)] == list(enumerate(IN_ORDER, 1))
