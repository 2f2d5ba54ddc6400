"""A guest's or a deputy's name typed into the register, and a note, are printed on one line in
the minutes: a name pasted with the job title under it from an email signature is saved as one
line, and a deputy's name too long for the register is refused at the field as the window
types it, never cut short without a word. A guest already on the register (added in another
window, in any case or spelling of accents) is not added a second time."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog, GuestDialog, NoteDialog
from tests.ui.helpers import held_meeting_open

SIGNATURE = "Jo Bloggs\r\nHead of Service,  Brent\u200b"


def _row(ws, person_id):
    return next(r for r in ws.data.register if r.person_id == person_id)


@pytest.mark.slow
def test_a_guest_pasted_from_an_email_signature_is_one_line_on_the_register(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    dialog = GuestDialog(db, ws.meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(SIGNATURE)  # a line edit keeps the line break pasted into it
    dialog.notes.setText("arrived\n10:45")
    dialog._on_save()

    added = next(r for r in at.list_attendance(db, ws.meeting_id) if r.status is AttendanceStatus.GUEST)
    assert (added.name, added.notes) == ("Jo Bloggs Head of Service, Brent", "arrived 10:45")


@pytest.mark.slow
def test_a_note_pasted_on_two_lines_is_one_line(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    row = _row(ws, world.inspector.id)
    dialog = NoteDialog(db, row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setText("left after\r\nitem 4")
    dialog._on_save()

    assert _row_now(db, ws.meeting_id, row.id).notes == "left after item 4"


def _row_now(db, meeting_id, row_id):
    return next(r for r in at.list_attendance(db, meeting_id) if r.id == row_id)


@pytest.mark.slow
def test_a_deputy_typed_in_is_one_line_and_too_long_a_name_is_refused_at_the_field(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    row = _row(ws, world.inspector.id)
    dialog = DeputyDialog(db, [row.id], row.name, [], versions={row.id: row.version})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("DS Smith " + "x" * 200)

    assert not dialog.revalidate()
    assert dialog.error_labels["deputy_name"].text() == "The deputy's name is too long (209 characters; at most 200)"
    dialog._on_save()
    assert _row_now(db, ws.meeting_id, row.id).status is AttendanceStatus.ABSENT  # nothing saved, nothing cut

    dialog.name.setText("DS  Smith\nMet Police")
    dialog._on_save()
    saved = _row_now(db, ws.meeting_id, row.id)
    assert (saved.status, saved.deputy_name) == (AttendanceStatus.DEPUTY, "DS Smith Met Police")


def test_the_register_refuses_too_long_a_deputy_name_rather_than_cutting_it(db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)

    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [row.id], AttendanceStatus.DEPUTY, deputy_name="y" * 201)

    assert refused.value.errors == {"deputy_name": "The deputy's name is too long (201 characters; at most 200)"}
    assert _row_now(db, m.id, row.id).status is AttendanceStatus.ABSENT


def test_a_guest_added_twice_is_refused_naming_them_as_the_register_has_them(db, world, theirs):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.add_attendee(theirs, m.id, at.AttendeeFields(name="Jo Blöggs"))  # another officer, in their window

    for typed, there in (("jo  bloggs ", "Jo Blöggs"), ("inspector morse", world.inspector.name)):
        with pytest.raises(ValidationError) as refused:
            at.add_attendee(db, m.id, at.AttendeeFields(name=typed))
        assert refused.value.errors == {"name": f"{there} is already on the register"}
    assert [r.name for r in at.list_attendance(db, m.id) if r.person_id is None] == ["Jo Blöggs"]
    at.add_attendee(db, m.id, at.AttendeeFields(name="Jo Bloggs-Smith"))  # another guest
