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


def _called_off(db, world, day: date, status: MeetingStatus):
    from bscp_desktop.services import meetings as mt

    m = meeting(db, world.forum, datetime.combine(day, time(10)))
    at.prefill_attendance(db, m.id)
    at.set_quorum(db, world.forum.id, 3, QuorumRule.HEAD_COUNT)
    rows = at.list_attendance(db, m.id)
    at.set_attendance(db, [rows[0].id], AttendanceStatus.APOLOGIES)
    mt.set_meeting_status(db, m.id, status)
    return m, rows[0].name


def test_a_cancelled_meeting_lists_no_one_absent_or_expected_and_judges_no_quorum(qtbot, db, world):
    for day, status in ((date(2024, 3, 14), MeetingStatus.CANCELLED),
                        (date.today() + timedelta(days=3), MeetingStatus.POSTPONED)):
        m, apologised = _called_off(db, world, day, status)
        panel = _register(qtbot, db, m.id)
        shown = _attendance(panel)
        assert shown.pop(apologised)[0] == "Apologies"  # what was sent ahead is kept
        assert shown and all(text == "Not held" and colour != WARNING_BACKGROUND for text, colour in shown.values())
        assert panel.quorum_state.text() == (f"This meeting is marked {status.label.lower()}, so it did not take place: "
                                             "no quorum is judged.")
        assert "#b00020" not in panel.quorum_state.styleSheet()
        tools = [panel.fill_action, panel.new_action, *panel.mark_actions.values()]
        assert not any(tool.isEnabled() for tool in tools)  # the services refuse them: greyed, saying why
        assert all(tool.toolTip().startswith(f"This meeting is marked {status.label.lower()}") for tool in tools)


def test_a_meeting_called_off_then_planned_again_offers_its_register_tools_again(qtbot, db, world):
    from bscp_desktop.services import meetings as mt

    m, _apologised = _called_off(db, world, date.today() + timedelta(days=3), MeetingStatus.CANCELLED)
    panel = _register(qtbot, db, m.id)
    assert not panel.fill_action.isEnabled()
    mt.set_meeting_status(db, m.id, MeetingStatus.PLANNED)
    ws = panel.workspace
    ws.reload()
    qtbot.waitUntil(lambda: not ws.loading() and ws.meeting.status is MeetingStatus.PLANNED, timeout=5000)
    qtbot.waitUntil(lambda: not panel.loading(), timeout=5000)
    panel.table.selectRow(0)
    assert panel.fill_action.isEnabled() and panel.new_action.isEnabled()
    assert panel.mark_actions[AttendanceStatus.PRESENT].toolTip() == "Mark the chosen people: present (Ctrl+1)"
    assert panel.mark_actions[AttendanceStatus.PRESENT].isEnabled()
    assert "Expected" in {text for text, _colour in _attendance(panel).values()}
