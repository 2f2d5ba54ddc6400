"""Approving minutes at a later meeting still marked planned marks that meeting held, with its
register empty: the Approve minutes dialog says so before saving, and the message after the
save says the meeting is now marked held with its register still to be filled in."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus, MinutesStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings import workspace as workspace_module
from bscp_desktop.ui.meetings.dialogs import ApproveDialog
from tests.meetings_world import meeting
from tests.ui.helpers import held_meeting_open

NOTE = "The meeting of 13/06/2024 will be marked as held: fill in its register afterwards."


def _dialog(qtbot, db, meeting_id):
    dialog = ApproveDialog(db, mt.get_meeting(db, meeting_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_says_a_planned_meeting_will_be_marked_held(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    held = meeting(db, world.forum, datetime(2024, 5, 9, 10), status=MeetingStatus.HELD)
    planned = meeting(db, world.forum, datetime(2024, 6, 13, 10))  # took place, register never filled
    dialog = _dialog(qtbot, db, m.id)
    assert dialog.at.current_id() == held.id
    assert dialog.held_note.isHidden() and dialog.marks_held is None
    dialog.at.setCurrentIndex(dialog.at.findData(planned.id))
    assert dialog.held_note.isVisible() and dialog.held_note.text() == NOTE
    assert dialog.marks_held.id == planned.id
    # approved by the chair's action instead: no meeting is marked held, and nothing is said
    dialog.method.setCurrentIndex(dialog.method.findData(ApprovalMethod.CHAIRS_ACTION))
    assert dialog.held_note.isHidden() and dialog.marks_held is None
    dialog.method.setCurrentIndex(dialog.method.findData(ApprovalMethod.MEETING))
    assert dialog.held_note.isVisible()
    dialog._on_save()
    assert dialog.result()
    assert mt.get_meeting(db, planned.id).status is MeetingStatus.HELD


def test_the_message_after_approving_says_the_meeting_was_marked_held(qtbot, db, world, monkeypatch):
    ws = held_meeting_open(qtbot, db, world)
    planned = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    monkeypatch.setattr(workspace_module, "confirm", lambda *_a: True)
    monkeypatch.setattr(ApproveDialog, "exec", lambda self: (self._on_save(), self.result())[1])
    ws.approve()
    assert mt.get_meeting(db, ws.meeting_id).minutes_status is MinutesStatus.APPROVED
    assert mt.get_meeting(db, planned.id).status is MeetingStatus.HELD
    assert ws.message.text() == (
        "Minutes approved: a later change needs an amendment with a reason. The meeting of 13/06/2024 is now "
        "marked as held: its register is still to be filled in.")


def test_the_message_after_approving_at_a_held_meeting_is_unchanged(qtbot, db, world, monkeypatch):
    ws = held_meeting_open(qtbot, db, world)
    meeting(db, world.forum, datetime(2024, 6, 13, 10), status=MeetingStatus.HELD)
    monkeypatch.setattr(workspace_module, "confirm", lambda *_a: True)
    monkeypatch.setattr(ApproveDialog, "exec", lambda self: (self._on_save(), self.result())[1])
    ws.approve()
    assert ws.message.text() == "Minutes approved: a later change needs an amendment with a reason."
