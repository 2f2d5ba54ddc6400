"""The action dialog, opened on an action recorded in approved minutes (from the Minutes page or
the action log), asks for the reason when its description, owner or due date is changed, as
the decision dialog does; recording its progress, status or evidence of impact does not."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.actions.dialogs import ActionDialog
from tests.meetings_world import meeting


def _opened(qtbot, db, action_id: int) -> ActionDialog:
    (action,) = [a for a in al.list_action_log(db) if a.id == action_id]
    dialog = ActionDialog(db, action)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.slow  # two dialogs and approved minutes
def test_an_action_of_approved_minutes_asks_a_reason_for_its_owner_but_not_for_its_progress(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    action = mt.add_item_action(db, item.id, al.ActionFields("Write the neglect toolkit", None, world.council.id,
                                                             date(2024, 6, 30)))
    unlocked = _opened(qtbot, db, action.id)
    assert unlocked.reason is None and "reason" not in unlocked.fields
    mt.approve_minutes(db, m.id, meeting(db, world.forum, datetime(2024, 5, 14, 10)).id)

    progress = _opened(qtbot, db, action.id)
    assert progress.reason is not None
    progress.status_combo.setCurrentIndex(progress.status_combo.findData(ActionStatus.IN_PROGRESS))
    assert progress.save_button.isEnabled()  # the work done on it is no amendment
    progress.save_button.click()
    assert al.list_action_log(db)[0].status is ActionStatus.IN_PROGRESS
    assert mt.list_amendments(db, m.id) == []

    owner = _opened(qtbot, db, action.id)
    owner.person.set_current_id(world.chair.id)
    assert not owner.save_button.isEnabled() and owner.check()["reason"] == "Give the reason for the amendment"
    owner.reason.setText("The chair took it on at the next meeting")
    assert owner.save_button.isEnabled()
    owner.save_button.click()
    (amendment,) = mt.list_amendments(db, m.id)
    assert amendment.reason == "The chair took it on at the next meeting"
    assert al.list_action_log(db)[0].owner_person_id == world.chair.id


@pytest.mark.slow  # the action log and two questions
def test_archiving_an_action_of_approved_minutes_from_the_log_asks_the_reason(qtbot, db, world, monkeypatch):
    from bscp_desktop.ui.actions.log import ActionLogPage
    from bscp_desktop.ui.common import list_page
    from tests.ui.helpers import when_modal

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    action = mt.add_item_action(db, item.id, al.ActionFields("Write the neglect toolkit", None, world.council.id,
                                                             date(2024, 6, 30)))
    mt.approve_minutes(db, m.id, meeting(db, world.forum, datetime(2024, 5, 14, 10)).id)
    page = ActionLogPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == 1)
    page.select_id(action.id)
    monkeypatch.setattr(list_page, "confirm", lambda *_a: True)  # "Archive action?" answered Yes
    errors: list = []
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", lambda *a: errors.append(a))

    when_modal(lambda dialog: dialog.reject(), "Amend approved minutes")  # cancelled: nothing done, nothing said
    page.on_archive()
    assert not _archived(db, action.id) and errors == []

    def give_reason(dialog):
        dialog.reason.setText("Agreed at the next meeting that it was no longer needed")
        dialog.save_button.click()

    when_modal(give_reason, "Amend approved minutes")
    page.on_archive()
    assert _archived(db, action.id) and errors == []
    (amendment,) = mt.list_amendments(db, m.id)
    assert amendment.reason == "Agreed at the next meeting that it was no longer needed"


def _archived(db, action_id: int) -> bool:
    return next(a for a in al.list_actions(db, include_archived=True) if a.id == action_id).archived
