"""The New decision line is one line: a decision pasted with its line breaks (Windows' "\\r\\n"
among them) is saved and listed with spaces in their place."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting


@pytest.mark.slow  # opens a meeting's Minutes page
def test_a_decision_pasted_with_line_breaks_is_saved_on_one_line(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    page = ws.minutes
    qtbot.waitUntil(page.decision_edit.isVisible, timeout=2000)
    QApplication.clipboard().setText("Agreed the neglect strategy\r\nand its budget\rfor 2024/25\n")
    page.decision_edit.setFocus()
    page.decision_edit.paste()
    qtbot.keyClick(page.decision_edit, Qt.Key.Key_Return)
    (saved,) = mt.list_decisions(db, m.id)
    assert saved.agenda_item_id == item.id
    assert saved.text == "Agreed the neglect strategy and its budget for 2024/25"
    rows = [page.decisions.item(r).text() for r in range(page.decisions.count())]
    assert rows and rows[0].startswith("Agreed the neglect strategy and its budget for 2024/25")
    assert not any(c in rows[0] for c in "\r\n")
    assert page.decision_edit.text() == ""
