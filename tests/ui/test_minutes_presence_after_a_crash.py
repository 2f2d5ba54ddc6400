"""The live minutes after the program was killed while minuting and started again on the same
database file: the officer's own claim left by that run is not shown as someone else
"also editing these minutes" (ui/meetings/minutes_presence.py, services/editing.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QWidget

from bscp_desktop.app import open_database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import editing
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.services.test_editing_claims_after_a_crash import key_of_an_earlier_run
from tests.ui.helpers import type_text


@pytest.mark.slow
def test_the_officers_own_claim_from_a_killed_run_is_not_shown_on_a_file(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Working Together 2023"))
    editing.heartbeat(db, "agenda_item", item.id, key_of_an_earlier_run(), "Amara Okafor")  # then killed
    path = db.path
    db.close()
    db = open_database(path, create=False)  # started again: the window opens the file
    qtbot.addWidget(closing := QWidget())
    closing.destroyed.connect(db.close)
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    minutes = ws.minutes
    minutes.timer.setInterval(60_000)  # the save below is made by flush()
    assert minutes.current_item().id == item.id
    assert minutes.presence.look() == ()
    assert minutes.presence_note.isHidden()
    type_text(minutes.editor, " More words.")
    minutes.flush()  # the officer's claim now, and the one left behind cleared
    assert minutes.presence.others == ()
    assert minutes.presence_note.isHidden()
    assert list(editing.editing_now(db, "agenda_item", [item.id])) == [item.id]
    assert len(editing.editing_now(db, "agenda_item", [item.id])[item.id]) == 1


@pytest.mark.slow  # loads every tab's code, as at start
def test_at_start_the_claims_of_a_run_that_ended_go_once_the_first_tab_shows(db, world):
    """Opening at start leaves them (the editing code is not loaded before the first tab shows);
    the start-up worker then clears them."""
    from bscp_desktop import app

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Working Together 2023"))
    editing.heartbeat(db, "agenda_item", item.id, key_of_an_earlier_run(), "Amara Okafor")
    app._load_the_rest(db)
    assert editing.editing_now(db, "agenda_item", [item.id]) == {}
