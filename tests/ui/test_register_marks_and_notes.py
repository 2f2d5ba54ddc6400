"""The register page: a mark made from a register read before a colleague's save is refused with
"Someone else saved this first" (their deputy is not erased unseen), and each person's note
(arrived late, left early) is written with Note… or when they are added (two connections to one
file stand for two officers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.ui.meetings.dialogs.register import GuestDialog, NoteDialog
from tests.ui.helpers import held_meeting_open


def _row(ws, person_id):
    return next(r for r in ws.data.register if r.person_id == person_id)


@pytest.mark.slow
def test_a_mark_over_a_colleagues_deputy_is_refused_naming_them_and_reload_shows_it(qtbot, db, world, theirs, answered):
    shown, _answer = answered
    ws = held_meeting_open(qtbot, db, world)
    ws.pages.setCurrentWidget(ws.attendance)
    row = _row(ws, world.inspector.id)
    at.set_attendance(theirs, [row.id], AttendanceStatus.DEPUTY, deputy_person_id=world.sergeant.id)
    ws.attendance.mark(AttendanceStatus.APOLOGIES, [row])  # Tom's register still shows him absent
    assert len(shown) == 1
    assert shown[0].message.text().startswith("Jane Smith changed the register entry “Inspector Morse” on ")
    assert "not been saved" in shown[0].message.text()
    table = shown[0].table
    compared = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
                for r in range(table.rowCount())}
    assert compared == {"Attendance": ("Absent", "Deputy attended: Sergeant Lewis")}
    saved = next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == row.id)
    assert (saved.status, saved.deputy_person_id) == (AttendanceStatus.DEPUTY, world.sergeant.id)
    qtbot.waitUntil(lambda: _row(ws, world.inspector.id).status is AttendanceStatus.DEPUTY, timeout=5000)  # Reload
    ws.attendance.mark(AttendanceStatus.APOLOGIES, [_row(ws, world.inspector.id)])  # seen: now it is his choice
    assert len(shown) == 1
    assert next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == row.id).status is AttendanceStatus.APOLOGIES


@pytest.mark.slow
def test_note_writes_the_chosen_persons_note_and_the_register_shows_it(qtbot, db, world, monkeypatch):
    ws = held_meeting_open(qtbot, db, world)
    ws.pages.setCurrentWidget(ws.attendance)
    page = ws.attendance
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 5, timeout=5000)
    assert page.note_action.isVisible() and not page.note_action.isEnabled()  # nobody chosen
    row = _row(ws, world.nurse.id)
    page.select_id(row.id)
    assert page.note_action.isEnabled()
    opened = []

    def typed(dialog):
        opened.append(dialog.windowTitle())
        dialog.show()
        dialog.notes.setText("arrived 10:45 <late> & left after item 2")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", typed)
    page.note_action.trigger()
    assert opened == ["Note on the register"]
    assert next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == row.id).notes == (
        "arrived 10:45 <late> & left after item 2")
    notes = next(c for c in range(page.model.columnCount())
                 if page.model.headerData(c, Qt.Orientation.Horizontal) == "Notes")
    qtbot.waitUntil(lambda: any(page.proxy.index(r, notes).data() == "arrived 10:45 <late> & left after item 2"
                                for r in range(page.proxy.rowCount())), timeout=5000)


@pytest.mark.slow
def test_someone_added_to_the_register_can_have_a_note(qtbot, db, world):
    ws_meeting = held_meeting_open(qtbot, db, world).meeting_id
    dialog = GuestDialog(db, ws_meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Visiting Speaker")
    dialog.notes.setText("for item 2 only")
    dialog._on_save()
    added = next(r for r in at.list_attendance(db, ws_meeting) if r.name == "Visiting Speaker")
    assert (added.status, added.notes) == (AttendanceStatus.GUEST, "for item 2 only")


@pytest.mark.slow
def test_a_deputy_saved_over_a_colleagues_mark_is_refused_and_saved_once_reloaded(qtbot, db, world, theirs, answered):
    from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog

    shown, _answer = answered
    ws = held_meeting_open(qtbot, db, world)
    row = _row(ws, world.inspector.id)
    at.set_attendance(theirs, [row.id], AttendanceStatus.APOLOGIES)
    dialog = DeputyDialog(db, [row.id], row.name, [], versions={row.id: row.version})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(world.sergeant.id)
    dialog._on_save()
    assert len(shown) == 1 and "Jane Smith changed" in shown[0].message.text()
    assert next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == row.id).status is AttendanceStatus.APOLOGIES
    dialog.person.set_current_id(world.sergeant.id)  # reloaded: saved from the version now
    dialog._on_save()
    assert len(shown) == 1
    saved = next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == row.id)
    assert (saved.status, saved.deputy_person_id) == (AttendanceStatus.DEPUTY, world.sergeant.id)
