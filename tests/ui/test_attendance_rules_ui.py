"""Attendance rules in the window: the quorum rule on the register, the per-seat view, kinds of
meeting counted, the escalation log and approving minutes by chair's action."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingKind, MeetingStatus, MinutesStatus, QuorumRule
from bscp_desktop.services import attendance as at
from bscp_desktop.services import escalations as es
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import ApproveDialog
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting


@pytest.fixture
def tab(qtbot, db, world):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def held(db, world, when=datetime(2024, 1, 11, 10), kind=MeetingKind.ORDINARY):
    m = meeting(db, world.forum, when, kind=kind, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    return m, {r.name: r for r in at.list_attendance(db, m.id)}


@pytest.mark.slow
def test_quorum_rule_on_the_register(tab, qtbot, db, world):
    m, rows = held(db, world)
    at.set_attendance(db, [rows[world.officer.name].id], AttendanceStatus.PRESENT)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0, timeout=5000)
    roles = [panel.proxy.index(r, 2).data() for r in range(panel.proxy.rowCount())]
    assert "Secretariat (not counted)" in roles
    panel.quorum_rule.setCurrentIndex(panel.quorum_rule.findData(QuorumRule.STATUTORY_PARTNERS))
    qtbot.waitUntil(lambda: at.get_quorum_rule(db, world.forum.id) is QuorumRule.STATUTORY_PARTNERS, timeout=5000)
    qtbot.waitUntil(lambda: "not represented" in panel.quorum_state.text(), timeout=5000)
    assert not panel.quorum.isEnabled()


@pytest.mark.slow
def test_seats_kinds_counted_and_escalation_from_the_monitoring_page(tab, qtbot, db, world, monkeypatch):
    m, rows = held(db, world)
    at.set_attendance(db, [rows[world.officer.name].id, rows[world.chair.name].id], AttendanceStatus.PRESENT)
    _, workshop = held(db, world, datetime(2024, 1, 18, 10), MeetingKind.WORKSHOP)
    at.set_attendance(db, [workshop[world.chair.name].id], AttendanceStatus.PRESENT)  # its register marked
    meeting(db, world.forum, datetime(2024, 1, 25, 10), status=MeetingStatus.HELD)  # its register never filled in
    page = tab.monitoring
    tab.sections.setCurrentWidget(page)
    page.date_from.set_value(date(2024, 1, 1))
    page.date_to.set_value(date(2024, 1, 31))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    seats = [page.by_seat.rows[i].name for i in range(len(page.by_seat.rows))]
    assert world.officer.name not in seats and world.head.name in seats
    assert "1 held meeting of a kind not counted (rapid review, workshop) is left out" in page.summary.text()
    assert ("1 held meeting has no register, so nobody's attendance at it is counted: Safeguarding Children Forum, "
            "25/01/2024. Fill in its register.") in page.summary.text()
    page.kind_actions[MeetingKind.WORKSHOP].setChecked(True)  # count workshops from now on
    assert MeetingKind.WORKSHOP not in at.get_uncounted_kinds(db)
    qtbot.waitUntil(lambda: not page.loading() and "of kinds not counted" not in page.summary.text(), timeout=10_000)
    school = next(r for r in page.by_org.rows if r.organisation_name == "Kilburn Park School")
    assert school.expected == 2
    # raise the lowest organisation's attendance from the Escalations tab
    page.views.setCurrentWidget(page.escalations)
    dialog = page.escalations.new_dialog(page.escalations)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.organisation.current_id() is not None
    assert "below the 75% threshold" in dialog.concern.toPlainText()
    qtbot.keyClicks(dialog.raised_with, "Headteacher")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [e.raised_with for e in es.list_escalations(db)] == ["Headteacher"]
    qtbot.waitUntil(lambda: page.escalations.proxy.rowCount() == 1, timeout=5000)
    # the reply is recorded on the same entry, whose history opens from its dialog
    page.escalations.table.selectRow(0)
    dialog = page.escalations.edit_dialog(page.escalations, page.escalations.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.history_button is not None
    raised = dialog.raised_on.value()
    qtbot.keyClicks(dialog.replied_on.line, raised.strftime("%d/%m/%Y"))
    dialog.reply.setPlainText("A deputy will attend when the head cannot")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [entry] = es.list_escalations(db)
    assert entry.replied_on == raised and not entry.awaiting_reply


@pytest.mark.slow
def test_an_approved_meetings_register_keeps_its_quorum_rule_and_leaves_the_groups_alone(tab, qtbot, db, world):
    """The rule on the register is the group's, for its meetings still to be approved: touching it
    on approved minutes would have set the group's rule (and its number, to none) for all of them."""
    at.set_quorum(db, world.forum.id, 5, QuorumRule.HEAD_COUNT)
    m, _rows = held(db, world)
    mt.approve_minutes(db, m.id, None, date(2024, 1, 19), method="chairs_action", approved_by="Independent Chair")
    at.set_quorum(db, world.forum.id, 5, QuorumRule.STATUTORY_PARTNERS)  # changed since, for later meetings
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0, timeout=5000)
    assert panel.quorum_rule.currentData() is QuorumRule.HEAD_COUNT  # the rule of its day
    assert not panel.quorum_rule.isEnabled() and not panel.quorum.isEnabled()
    assert "minutes are approved" in panel.quorum_rule.toolTip()
    panel.quorum_rule.setCurrentIndex(panel.quorum_rule.findData(QuorumRule.STATUTORY_PARTNERS))  # as a slip would
    qtbot.wait(100)
    assert (at.get_quorum_rule(db, world.forum.id), at.get_quorum(db, world.forum.id)) == (QuorumRule.STATUTORY_PARTNERS, 5)


def test_approve_minutes_by_chairs_action(qtbot, db, world):
    m, _rows = held(db, world)
    dialog = ApproveDialog(db, mt.get_meeting(db, m.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.method.setCurrentIndex(dialog.method.findData("meeting"))
    assert not dialog.on.isEnabled()  # at a later meeting: on that meeting's day
    dialog.method.setCurrentIndex(dialog.method.findData("chairs_action"))
    assert not dialog.at.isEnabled() and dialog.by.isEnabled() and dialog.on.isEnabled()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.by, "Independent Chair")
    qtbot.keyClicks(dialog.on.line, "19/01/2024")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    approved = mt.get_meeting(db, m.id)
    assert approved.minutes_status is MinutesStatus.APPROVED
    assert approved.minutes_state == "Approved on 19/01/2024 by chair's action (Independent Chair)"


def test_the_quorum_is_set_in_the_group_dialog(qtbot, db, world):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.memberships.dialogs import GroupDialog

    dialog = GroupDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Safeguarding Partnership Executive")
    dialog.tier.setValue(1)  # an executive group: the Working Together rule
    assert dialog.quorum_rule.currentData() == QuorumRule.STATUTORY_PARTNERS and not dialog.quorum.isEnabled()
    dialog.tier.setValue(2)
    assert dialog.quorum_rule.currentData() == QuorumRule.HEAD_COUNT and dialog.quorum.isEnabled()
    dialog.quorum.setValue(5)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    group = next(g for g in ms.list_groups(db) if g.name == "Safeguarding Partnership Executive")
    assert (group.quorum_rule, group.quorum) == (QuorumRule.HEAD_COUNT, 5)

    dialog = GroupDialog(db, world.executive)  # editing keeps the rule unless changed
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.quorum_rule.currentData() == QuorumRule.STATUTORY_PARTNERS
    dialog.quorum_rule.setCurrentIndex(dialog.quorum_rule.findData(QuorumRule.HEAD_COUNT))
    dialog.quorum.setValue(4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert at.get_quorum_rule(db, world.executive.id) is QuorumRule.HEAD_COUNT


def test_the_quorum_rule_read_with_the_meeting_is_shown_in_full(tab, qtbot, db, world):
    m = meeting(db, world.executive, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.quorum_rule.currentData() is QuorumRule.STATUTORY_PARTNERS, timeout=5000)
    text = panel.quorum_rule.currentText()
    assert text == "Each of the three safeguarding partners represented"
    assert panel.quorum_rule.width() > panel.quorum_rule.fontMetrics().horizontalAdvance(text)


@pytest.mark.slow
def test_removing_from_the_register_takes_off_everyone_chosen_and_says_what_it_does(tab, qtbot, db, world, monkeypatch):
    """Delete (or Remove from register) with three people chosen took off only the first, and
    asked to "Archive person", promising a restore the register does not have."""
    from bscp_desktop.ui.meetings import workspace_pages

    m, rows = held(db, world)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 3, timeout=5000)
    before = panel.proxy.rowCount()
    asked = []
    monkeypatch.setattr(workspace_pages, "confirm", lambda _parent, title, text: asked.append((title, text)) or True)
    panel.table.selectRow(0)
    for row in (1, 2):
        panel.table.selectionModel().select(panel.proxy.index(row, 0),
                                             panel.table.selectionModel().SelectionFlag.Select
                                             | panel.table.selectionModel().SelectionFlag.Rows)
    chosen = {r.id for r in panel.selected_rows()}
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert asked and asked[0][0] == "Remove from register" and "these 3 people" in asked[0][1]
    assert "Show archived" not in asked[0][1]
    assert not chosen & {r.id for r in at.list_attendance(db, m.id)}
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == before - 3, timeout=5000)


@pytest.mark.slow
def test_fill_from_members_says_who_it_took_off_the_register(tab, qtbot, db, world):
    """It said "Added 0 member(s)" when it had taken people off: now it names them."""
    from bscp_desktop.services import memberships as ms

    m, _rows = held(db, world, datetime(2024, 6, 13, 10))
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == world.head.id]
    mt.archive_meeting(db, m.id)  # her seat ends while the meeting is archived: its register keeps her
    ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role,
                                                          seat.start_date, date(2024, 5, 31), seat.organisation_id))
    mt.restore_meeting(db, m.id)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    qtbot.waitUntil(lambda: ws.attendance.proxy.rowCount() == 5, timeout=5000)
    ws.attendance.fill_action.trigger()
    assert ws.message.text() == ("Took 1 person off the register who was not a member of the group on 13/06/2024 "
                                 f"and had nothing recorded: {world.head.name}.")
    qtbot.waitUntil(lambda: ws.attendance.proxy.rowCount() == 4, timeout=5000)


@pytest.mark.slow
def test_the_register_of_a_meeting_archived_while_open_is_refused_with_the_reason(tab, qtbot, db, world, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    m, rows = held(db, world)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    panel = ws.attendance
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 5, timeout=5000)
    mt.archive_meeting(db, m.id)  # by a colleague
    told = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, title, text: told.append((title, text))))
    panel.mark(AttendanceStatus.PRESENT, [rows[world.chair.name]])
    ws.agenda.add_standing()
    assert told == [
        ("Could not mark attendance", "The meeting of 11/01/2024 is archived: restore it first to change its register."),
        ("Could not add the standing items", "The meeting of 11/01/2024 is archived: restore it first to change its "
                                             "agenda."),
    ]
    assert at.list_attendance(db, m.id)[0].status is AttendanceStatus.ABSENT and mt.list_agenda(db, m.id) == []
