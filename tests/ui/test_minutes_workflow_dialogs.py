"""The minutes' workflow in the window: circulated on the day they went out, an amendment that
never overwrites a colleague's, a reason asked only for what the approved minutes record, and
the reason's question in plain English."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus, MinutesStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings import commands
from bscp_desktop.ui.meetings.dialogs import AmendMinutesDialog, ApproveDialog, MeetingDialog
from bscp_desktop.ui.meetings.dialogs.agenda import CirculateDialog
from tests.meetings_world import meeting
from tests.ui.helpers import held_meeting_open, type_text, when_modal


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.slow
def test_minutes_are_marked_circulated_on_the_day_they_went_out(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    mt.save_item_minutes(db, ws.data.live_agenda[1].id, "Minuted.")
    chosen: list[CirculateDialog] = []

    def circulated_on_the_18th(dialog):
        chosen.append(dialog)
        assert dialog.on.value() == date.today()  # today unless the officer says otherwise
        for day, refused in ((date(2024, 3, 13), "before the meeting"), (date.today() + timedelta(days=1), "future")):
            dialog.on.set_value(day)
            assert not dialog.revalidate() and refused in dialog.error_labels["minutes_circulated_on"].text()
        dialog.on.set_value(date(2024, 3, 18))
        dialog._on_save()

    when_modal(circulated_on_the_18th, "Mark minutes circulated")
    ws.circulate_action.trigger()
    assert chosen and mt.get_meeting(db, ws.meeting_id).minutes_circulated_on == date(2024, 3, 18)
    # approved by e-mail a week after they went out: not refused as before circulation
    approve = _shown(qtbot, ApproveDialog(db, mt.get_meeting(db, ws.meeting_id)))
    approve.method.setCurrentIndex(approve.method.findData(ApprovalMethod.EMAIL))
    approve.by.setText("Members by e-mail")
    approve.on.set_value(date(2024, 3, 25))
    approve._on_save()
    assert approve.result() and mt.get_meeting(db, ws.meeting_id).minutes_status is MinutesStatus.APPROVED


def _approved(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), ends_at=datetime(2024, 3, 14, 12), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 6, 13, 10), ends_at=datetime(2024, 6, 13, 12), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect"))
    mt.save_item_minutes(db, item.id, "The Forum noted the report.")
    mt.approve_minutes(db, m.id, later.id)
    return m, mt.get_agenda_item(db, item.id)


def test_an_amendment_saved_by_a_colleague_first_is_not_overwritten(qtbot, db, world, theirs, answered):
    shown, _answer = answered  # Reload
    m, item = _approved(db, world)
    dialog = _shown(qtbot, AmendMinutesDialog(db, item))
    jane = "The Forum noted the report and agreed the strategy."
    mt.amend_minutes(theirs, item.id, jane, "Jane's correction")  # on her computer, meanwhile
    dialog.text.setPlainText("The Forum noted the report and thanked the author.")
    dialog.reason.setText("Tom's correction")
    dialog._on_save()
    assert len(shown) == 1 and not dialog.result()
    assert "Jane Smith changed the agenda item" in shown[0].message.text()
    assert mt.get_agenda_item(db, item.id).minutes == jane
    assert dialog.text.toPlainText() == jane and dialog.reason.text() == "Tom's correction"  # reloaded: theirs to amend
    dialog.text.setPlainText(jane + " The author was thanked.")
    dialog._on_save()
    assert dialog.result() and len(shown) == 1
    assert [(a.reason, a.old_text) for a in mt.list_amendments(db, m.id)] == [
        ("Jane's correction", "The Forum noted the report."), ("Tom's correction", jane)]


def test_notes_and_key_areas_of_approved_minutes_need_no_reason_but_their_details_do(qtbot, db, world):
    m, _item = _approved(db, world)
    dialog = _shown(qtbot, MeetingDialog(db, mt.get_meeting(db, m.id)))
    type_text(dialog.key_focus, "Neglect strategy launched")
    type_text(dialog.notes, "Papers sent late.")
    assert dialog.revalidate() and dialog.status.text() == ""
    dialog._on_save()
    assert dialog.result() and mt.get_meeting(db, m.id).key_focus == "Neglect strategy launched"
    assert mt.list_amendments(db, m.id) == []
    dialog = _shown(qtbot, MeetingDialog(db, mt.get_meeting(db, m.id)))
    dialog.title_edit.setText("Forum (extended)")
    assert not dialog.revalidate() and "Reason for amendment" in dialog.status.text()
    dialog.reason.setText("Title as on the papers")
    dialog._on_save()
    assert dialog.result() and [a.reason for a in mt.list_amendments(db, m.id)] == ["Title as on the papers"]


@pytest.mark.parametrize(("title", "doing"), [
    ("Move an agenda item", "Moving an agenda item"), ("Mark attendance", "Marking attendance"),
    ("Add a decision", "Adding a decision"), ("Remove an agenda item", "Removing an agenda item"),
    ("Withdraw a decision", "Withdrawing a decision"), ("Copy the last agenda", "Copying the last agenda"),
    ("Set the quorum", "Setting the quorum"),
])
def test_a_commands_title_is_named_as_the_doing_of_it(title, doing):
    assert commands.doing(title) == doing


def test_the_reason_for_an_amendment_is_asked_in_a_sentence(qtbot, db, world):
    _m, item = _approved(db, world)
    asked: list[str] = []

    def read_and_cancel(dialog):
        asked.extend(label.text() for label in dialog.findChildren(QLabel) if "is an amendment" in label.text())
        dialog.reject()

    when_modal(read_and_cancel, "Amend approved minutes")
    result = commands.run(None, "Add a decision", lambda reason: mt.add_decision(db, item.id, "Agreed", reason))
    assert result is commands.FAILED and asked == [
        "These minutes are approved and locked. Adding a decision is an amendment: give the reason. "
        "It is kept with the change history."]
