"""The meeting dialog notes, under the times, another meeting of the same group at an
overlapping time, naming it; Save stays enabled, as a group may meet twice in a day."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog
from tests.meetings_world import meeting

NOTE = "The Executive Group already meets 10:00–12:00 on 08/10/2026: check the time."


def _executive_morning(db, world) -> mt.MeetingDTO:
    return meeting(db, world.executive, datetime(2026, 10, 8, 10), "Executive Group",
                   ends_at=datetime(2026, 10, 8, 12))


def _new_meeting(qtbot, db, world) -> MeetingDialog:
    dialog = MeetingDialog(db, None, group_id=world.executive.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_meeting_at_an_overlapping_time_is_noted_and_can_still_be_saved(qtbot, db, world, tmp_path):
    _executive_morning(db, world)
    dialog = _new_meeting(qtbot, db, world)
    assert dialog.overlap_note.isHidden()
    qtbot.keyClicks(dialog.day.line, "08/10/2026")
    dialog.start.set_value(time(11, 0))
    dialog.end.set_value(time(13, 0))
    assert dialog.overlap_note.isVisible() and dialog.overlap_note.text() == NOTE
    assert dialog.revalidate() and dialog.save_button.isEnabled()
    QApplication.processEvents()
    dialog.grab().save(str(tmp_path / "meeting-dialog-overlap.png"))
    note = dialog.overlap_note
    assert note.height() >= note.heightForWidth(note.width())  # every line of it shown

    dialog.start.set_value(time(12, 0))  # starts as the other ends
    assert dialog.overlap_note.isHidden()
    dialog.start.set_value(time(11, 0))
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.CANCELLED))
    assert dialog.overlap_note.isHidden()  # a cancelled meeting takes no time
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.PLANNED))
    assert dialog.overlap_note.text() == NOTE

    saved = dialog.save()
    assert (saved.starts_at, saved.ends_at) == (datetime(2026, 10, 8, 11), datetime(2026, 10, 8, 13))


def test_another_group_meeting_then_is_not_noted(qtbot, db, world):
    _executive_morning(db, world)
    dialog = _new_meeting(qtbot, db, world)
    qtbot.keyClicks(dialog.day.line, "08/10/2026")
    dialog.start.set_value(time(11, 0))
    assert dialog.overlap_note.text() == NOTE
    dialog.group.setCurrentIndex(dialog.group.findData(world.forum.id))
    assert dialog.overlap_note.isHidden()


def test_a_meeting_moved_onto_another_is_noted_but_not_against_itself(qtbot, db, world):
    morning = _executive_morning(db, world)
    later = meeting(db, world.executive, datetime(2026, 10, 8, 14), "Executive Group",
                    ends_at=datetime(2026, 10, 8, 15))
    dialog = MeetingDialog(db, later)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.overlap_note.isHidden()
    dialog.start.set_value(time(11, 30))
    assert dialog.overlap_note.text() == NOTE
    itself = MeetingDialog(db, mt.get_meeting(db, morning.id))
    qtbot.addWidget(itself)
    assert itself.overlap_note.isHidden()  # the meeting is not another meeting at its own time
