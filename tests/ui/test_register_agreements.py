"""The register of a group whose members sign a confidentiality agreement shows, in its Agreement
column, whether the one in the room for each member had a current one on the meeting's day
("Missing" in the warning colour), and a line under the list names those in the room without
one; marking such a member present is done, and the line says it. A group whose members sign
none shows nothing of it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND
from tests.meetings_world import meeting
from tests.ui.helpers import open_workspace

START = date(2022, 4, 1)
DAY = datetime(2024, 3, 14, 10)


def _register(qtbot, db, meeting_id):
    ws = open_workspace(qtbot, db, meeting_id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0, timeout=5000)
    return panel


def _column(panel, header: str) -> int:
    return next(c for c in range(panel.proxy.columnCount())
                if panel.proxy.headerData(c, Qt.Orientation.Horizontal) == header)


def _cells(panel, header: str) -> dict[str, tuple[str, object]]:
    """{name: (text, background)} of one column of the register."""
    column, names = _column(panel, header), _column(panel, "Name")
    return {panel.proxy.index(r, names).data(): (panel.proxy.index(r, column).data(),
                                                 panel.proxy.index(r, column).data(Qt.ItemDataRole.BackgroundRole))
            for r in range(panel.proxy.rowCount())}


def _choose(qtbot, panel, name: str) -> None:
    names = _column(panel, "Name")
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, names).data() == name)
    panel.table.selectRow(row)
    qtbot.waitUntil(lambda: [r.name for r in panel.selected_rows()] == [name], timeout=2000)


@pytest.mark.slow  # opens a meeting in the Meetings tab and marks its register
def test_a_member_without_an_agreement_is_shown_and_named_when_in_the_room(qtbot, db, world):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    for person, role, deputising in ((world.chair, Role.CHAIR, None), (world.inspector, Role.MEMBER, None),
                                     (world.nurse, Role.MEMBER, None), (world.head, Role.DEPUTY, world.nurse)):
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, role, START, organisation_id=person.organisation_id,
                                                     deputy_for_id=deputising.id if deputising else None))
    for person in (world.chair, world.nurse):
        ms.create_agreement(db, ms.AgreementFields(person.id, START))
    m = meeting(db, group, DAY, title="Case Review Group meeting", status=MeetingStatus.HELD)  # asks nothing
    at.prefill_attendance(db, m.id)
    panel = _register(qtbot, db, m.id)

    cells = _cells(panel, "Agreement")
    assert cells[world.chair.name] == ("Signed", None) and cells[world.nurse.name] == ("Signed", None)
    assert cells[world.inspector.name] == ("Missing", WARNING_BACKGROUND)
    assert not panel.agreements.isVisible()  # absent: nobody without one is in the room yet

    _choose(qtbot, panel, world.inspector.name)
    panel.mark_actions[AttendanceStatus.PRESENT].trigger()  # allowed, never refused
    qtbot.waitUntil(lambda: panel.agreements.isVisible(), timeout=5000)
    assert next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id).status is AttendanceStatus.PRESENT
    assert panel.agreements.text() == (
        f"No current confidentiality agreement on 14/03/2024 for this person in the room: {world.inspector.name}. "
        "The group's members sign one: record it on the Memberships tab, or keep them out of its confidential business.")

    # the nurse signed one, but the head who deputised for her did not
    nurse = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.nurse.id)
    at.set_attendance(db, [nurse.id], AttendanceStatus.DEPUTY, deputy_person_id=world.head.id)
    panel.workspace.reload()
    qtbot.waitUntil(lambda: "these 2 people" in panel.agreements.text(), timeout=5000)
    assert f"{world.head.name} (deputising for {world.nurse.name})" in panel.agreements.text()
    assert _cells(panel, "Agreement")[world.nurse.name] == ("Missing (deputy)", WARNING_BACKGROUND)
    tip = panel.proxy.index(next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(
        r, _column(panel, "Name")).data() == world.nurse.name), _column(panel, "Agreement")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{world.head.name}, who deputised, had no current confidentiality agreement on 14/03/2024")


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_a_group_whose_members_sign_none_shows_nothing_of_agreements(qtbot, db, world):
    m = meeting(db, world.forum, DAY, status=MeetingStatus.HELD)  # nobody on it has an agreement
    at.prefill_attendance(db, m.id)
    at.set_attendance(db, [r.id for r in at.list_attendance(db, m.id)], AttendanceStatus.PRESENT)
    panel = _register(qtbot, db, m.id)
    assert {text for text, _background in _cells(panel, "Agreement").values()} == {""}
    assert not panel.agreements.isVisible() and panel.agreements.text() == ""
