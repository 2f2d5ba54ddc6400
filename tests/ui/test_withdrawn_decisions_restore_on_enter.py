"""The Withdrawn decisions dialog with the keyboard: Enter on the chosen decision restores it, as
a double-click does (asking for the reason on approved minutes), rather than closing the
dialog; Escape closes it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs.decision import WithdrawnDecisionsDialog
from tests.meetings_world import meeting


def _shown(qtbot, db, meeting_id: int, item_id: int) -> WithdrawnDecisionsDialog:
    dialog = WithdrawnDecisionsDialog(db, mt.get_meeting(db, meeting_id), mt.get_agenda_item(db, item_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.waitUntil(dialog.list.hasFocus, timeout=2000)
    return dialog


@pytest.fixture
def withdrawn(db, world):
    """A held meeting whose one item has a withdrawn decision: (meeting, item, decision)."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    mt.archive_decision(db, decision.id)
    return m, item, decision


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_chosen_decision_restores_it_and_leaves_the_dialog_open(qtbot, db, withdrawn, key):
    m, item, decision = withdrawn
    dialog = _shown(qtbot, db, m.id, item.id)
    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.list, key)
    assert dialog.restored and dialog.isVisible()
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]
    assert dialog.list.item(0).text() == "No decision has been withdrawn from this item."


def test_enter_on_the_chosen_decision_of_approved_minutes_asks_for_the_reason(qtbot, db, world, monkeypatch):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    mt.circulate_minutes(db, m.id, date(2023, 12, 20))
    mt.approve_minutes(db, m.id, later.id)
    mt.archive_decision(db, decision.id, reason="Recorded twice")
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.meetings.commands.ask_reason",
                        lambda _parent, what: asked.append(what) or "Withdrawn from the wrong item")
    dialog = _shown(qtbot, db, m.id, item.id)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert asked == ["Restoring a decision"] and dialog.restored and dialog.isVisible()
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]


def test_escape_closes_the_dialog_and_no_button_is_pressed_by_enter(qtbot, db, withdrawn):
    m, item, _decision = withdrawn
    dialog = _shown(qtbot, db, m.id, item.id)
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.autoDefault() or b.isDefault()] == []
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.restored
    assert mt.list_decisions(db, m.id) == []
