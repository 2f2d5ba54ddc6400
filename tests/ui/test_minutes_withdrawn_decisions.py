"""A decision withdrawn by mistake is seen again from the Minutes page (Withdrawn decisions…)
and restored from there; on approved minutes the restore asks for the amendment's reason, as
withdrawing it did."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs.decision import WithdrawnDecisionsDialog
from tests.meetings_world import meeting
from tests.ui.test_meetings_keyboard import _minutes_of


def _rows(view) -> list[str]:
    return [view.item(r).text() for r in range(view.count())]


@pytest.mark.slow  # the whole Meetings tab
def test_a_withdrawn_decision_is_seen_and_restored_from_the_minutes_page(qtbot, db, world, monkeypatch):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    mt.archive_decision(db, decision.id)
    page = _minutes_of(qtbot, db, m.id).minutes
    qtbot.waitUntil(page.withdrawn_button.isVisible, timeout=2000)
    assert _rows(page.decisions) == [] and page.withdrawn_button.isEnabled()

    seen = []

    def restore_the_first(dialog):
        seen.append(_rows(dialog.list))
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()
        seen.append(_rows(dialog.list))
        return 0

    monkeypatch.setattr(WithdrawnDecisionsDialog, "exec", restore_the_first)
    page.withdrawn_button.click()
    assert seen == [[f"Adopt the neglect strategy (withdrawn {format_date(date.today())})"],
                    ["No decision has been withdrawn from this item."]]
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]
    qtbot.waitUntil(lambda: _rows(page.decisions) == ["Adopt the neglect strategy (no owner, no due date)"],
                    timeout=3000)


def test_restoring_a_decision_of_approved_minutes_asks_for_the_reason(qtbot, db, world, monkeypatch):
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

    dialog = WithdrawnDecisionsDialog(db, mt.get_meeting(db, m.id), mt.get_agenda_item(db, item.id))
    qtbot.addWidget(dialog)
    assert any("restoring it is an amendment" in label.text() for label in dialog.findChildren(QLabel))
    dialog.restore_button.click()
    assert asked == ["Restoring a decision"] and dialog.restored
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]
    assert mt.list_amendments(db, m.id)[-1].reason == "Withdrawn from the wrong item"
