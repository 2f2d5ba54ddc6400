"""The Minutes page opens a decision in its own dialog: text, owner, owning organisation, due
date and evidence of impact; the decisions list says each one's owner and due date, or what it
is missing. The one-line quick add stays as it was."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs.decision import DecisionDialog
from tests.meetings_world import meeting
from tests.ui.test_meetings_keyboard import _minutes_of, press_on


@pytest.fixture
def held(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    return m, item


def _rows(view) -> list[str]:
    return [view.item(r).text() for r in range(view.count())]


@pytest.mark.slow  # the whole Meetings tab, and a dialog opened by a key
def test_a_decision_is_given_an_owner_and_due_date_from_the_minutes_page(qtbot, db, world, held, tmp_path):
    m, item = held
    d = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    page = _minutes_of(qtbot, db, m.id).minutes
    qtbot.waitUntil(lambda: page.decisions.count() == 1, timeout=2000)
    assert _rows(page.decisions) == ["Adopt the neglect strategy (no owner, no due date)"]

    def give_owner(dialog):
        assert isinstance(dialog, DecisionDialog)
        assert [dialog.labels[n] for n in dialog.fields] == [
            "Decision", "Owner", "Owning organisation", "Due date", "Evidence of impact"]
        dialog.organisation.set_current_id(world.council.id)
        dialog.due.set_value(date(2024, 4, 30))
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            dialog.grab().save(str(tmp_path / "decision-dialog.png"))
        assert dialog.save_button.isEnabled()
        dialog.save_button.click()

    assert press_on(qtbot, page.decisions, Qt.Key.Key_Return, give_owner) == [("Edit decision", "")]
    (saved,) = mt.list_decisions(db, m.id)
    assert (saved.id, saved.owner_organisation_id, saved.due_date) == (d.id, world.council.id, date(2024, 4, 30))
    # 30/04/2024 is past: its evidence of impact is asked for now
    qtbot.waitUntil(lambda: _rows(page.decisions) == [
        "Adopt the neglect strategy — owner: Brent Council, due 30/04/2024 (no evidence of impact)"], timeout=2000)
    page.window().grab().save(str(tmp_path / "minutes-decisions.png"))


def test_the_quick_add_line_still_records_the_text_alone(qtbot, db, held):
    m, item = held
    page = _minutes_of(qtbot, db, m.id).minutes
    qtbot.waitUntil(page.decision_edit.isVisible, timeout=2000)
    page.decision_edit.setText("Agreed the terms of reference")
    page.add_decision()
    (d,) = mt.list_decisions(db, m.id)
    assert (d.text, d.owner, d.due_date) == ("Agreed the terms of reference", "", None)
    qtbot.waitUntil(lambda: _rows(page.decisions) == ["Agreed the terms of reference (no owner, no due date)"],
                    timeout=2000)


def test_a_due_date_before_the_meeting_is_shown_and_not_saved(qtbot, db, world, held):
    m, item = held
    d = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    dialog = DecisionDialog(db, mt.get_meeting(db, m.id), d)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(world.chair.id)
    dialog.due.set_value(date(2024, 3, 1))
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["due_date"].text() == (
        "Due date (01/03/2024) cannot be before the day of the meeting (14/03/2024)")
    dialog.due.set_value(date(2024, 3, 14))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert mt.list_decisions(db, m.id)[0].owner_person_id == world.chair.id


def test_approved_minutes_ask_a_reason_for_an_owner_but_not_for_evidence(qtbot, db, world, held):
    m, item = held
    d = mt.add_decision(db, item.id, mt.DecisionFields("Adopt the neglect strategy", None, world.council.id,
                                                       date(2024, 4, 30)))
    later = meeting(db, world.forum, datetime(2024, 5, 14, 10))
    mt.approve_minutes(db, m.id, later.id)
    locked = mt.get_meeting(db, m.id)

    dialog = DecisionDialog(db, locked, d)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.evidence.setPlainText("Every school has the toolkit")
    assert dialog.save_button.isEnabled()  # evidence of impact is no amendment
    dialog.save_button.click()
    assert mt.list_decisions(db, m.id)[0].evidence == "Every school has the toolkit"
    assert mt.list_amendments(db, m.id) == []

    again = DecisionDialog(db, locked, mt.list_decisions(db, m.id)[0])
    qtbot.addWidget(again)
    again.show()
    again.person.set_current_id(world.chair.id)
    assert not again.save_button.isEnabled() and "reason" in again.check()
    again.reason.setText("The chair took it on at the next meeting")
    again.save_button.click()
    (amendment,) = mt.list_amendments(db, m.id)
    assert amendment.reason == "The chair took it on at the next meeting"
    assert mt.list_decisions(db, m.id)[0].owner_person_id == world.chair.id
