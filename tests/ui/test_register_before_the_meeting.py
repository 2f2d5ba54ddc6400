"""Before a meeting has taken place, its register filled from members lists them as expected,
not absent in warning colour, and the quorum line says what quorum needs rather than that it is
not met. Once the day has passed, members not marked are absent and the quorum is judged."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.services import attendance as at
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND
from tests.meetings_world import meeting
from tests.ui.helpers import open_workspace

ATTENDANCE = 3  # the register's Attendance column


def _register(qtbot, db, meeting_id):
    ws = open_workspace(qtbot, db, meeting_id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0 and panel.quorum_state.text() != "", timeout=5000)
    return panel


def _attendance(panel) -> dict[str, tuple[str, object]]:
    """Each name on the register: its Attendance column's words and background."""
    cell = panel.proxy.index
    return {cell(r, 0).data(): (cell(r, ATTENDANCE).data(), cell(r, ATTENDANCE).data(Qt.ItemDataRole.BackgroundRole))
            for r in range(panel.proxy.rowCount())}


def test_a_meeting_still_to_come_lists_members_as_expected(qtbot, db, world):
    m = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=3), time(10)))
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, 3, QuorumRule.HEAD_COUNT)
    rows = at.list_attendance(db, m.id)
    at.set_attendance(db, [rows[0].id], AttendanceStatus.APOLOGIES)  # apologies sent ahead stand
    panel = _register(qtbot, db, m.id)
    shown = _attendance(panel)
    assert shown.pop(rows[0].name)[0] == "Apologies"
    assert shown and all(text == "Expected" for text, _colour in shown.values())
    assert all(colour != WARNING_BACKGROUND for _text, colour in shown.values())
    assert panel.quorum_state.text() == "Quorum: 3 members (in person or by deputy); marked on the day."
    assert "#b00020" not in panel.quorum_state.styleSheet()


def test_a_partners_quorum_before_the_day_says_who_must_be_represented(qtbot, db, world):
    m = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=3), time(10)))
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, None, QuorumRule.STATUTORY_PARTNERS)
    panel = _register(qtbot, db, m.id)
    assert panel.quorum_state.text() == ("Quorum: the local authority, the Integrated Care Board and the police each "
                                         "represented; marked on the day.")
    assert "#b00020" not in panel.quorum_state.styleSheet()


def test_a_meeting_whose_day_has_passed_still_shows_absent_members(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, 3, QuorumRule.HEAD_COUNT)
    panel = _register(qtbot, db, m.id)
    assert all(text == "Absent" and colour == WARNING_BACKGROUND for text, colour in _attendance(panel).values())
    assert panel.quorum_state.text().startswith("Quorum not met")
    assert "#b00020" in panel.quorum_state.styleSheet()


def test_what_quorum_needs_in_words():
    assert at.quorum_needed_sentence(QuorumRule.HEAD_COUNT, 1) == ("Quorum: 1 member (in person or by deputy); "
                                                                   "marked on the day.")
    assert at.quorum_needed_sentence(None, None) == "No quorum rule for this group."
