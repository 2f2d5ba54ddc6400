"""The meeting's Attendance page says a statutory-partners quorum is met when a member present
sits for a partner by a second seat (a chair who also sits for the ICB), though the register
lists them once, by the chair's seat."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting


@pytest.mark.slow
def test_the_quorum_line_counts_a_present_chairs_seat_for_the_icb(qtbot, db, world):
    bob = ms.create_person(db, ms.PersonFields("Bob Hughes"))
    seated = date(2022, 4, 1)
    ms.create_membership(db, ms.MembershipFields(bob.id, world.forum.id, Role.CHAIR, seated))
    ms.create_membership(db, ms.MembershipFields(bob.id, world.forum.id, Role.MEMBER, seated,
                                                 organisation_id=world.icb.id))
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, None, QuorumRule.STATUTORY_PARTNERS)
    rows = {r.name: r for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[n].id for n in ("Bob Hughes", world.chair.name, world.inspector.name)],
                      AttendanceStatus.PRESENT)
    at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.APOLOGIES)

    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0 and panel.quorum_state.text() != "", timeout=5000)
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert sum("Bob Hughes" in (n or "") for n in names) == 1  # listed once
    assert panel.quorum_state.text() == ("Quorum met: the local authority, the Integrated Care Board and the "
                                         "police are all represented.")
