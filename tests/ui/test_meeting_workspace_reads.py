"""Opening a meeting in the window reads its workspace once (one service call, one
transaction), not once per panel."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QTabWidget

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting


def test_opening_a_meeting_reads_its_workspace_once(qtbot, db, world, monkeypatch):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    for title in ("Welcome", "Partner updates", "Any other business"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tab = MeetingsTab(db, tabs)
    tabs.addTab(tab, "Meetings")
    tabs.show()
    reads: list[int] = []
    real = mt.meeting_workspace

    def counted(database, meeting_id):
        reads.append(meeting_id)
        return real(database, meeting_id)

    monkeypatch.setattr(mt, "meeting_workspace", counted)
    workspace = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: workspace.isVisible())
    qtbot.wait(50)  # let any reload queued by showing it run
    assert reads == [m.id]
    assert [i.title for i in workspace.data.live_agenda] == ["Welcome", "Partner updates", "Any other business"]
