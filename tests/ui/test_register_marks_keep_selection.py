"""Marking the register keeps the people just marked chosen, also once the meeting is read again
after the change: Ctrl+1 then Ctrl+2 marks the same person twice, three marked stay three
chosen, and Down then Ctrl+2 marks the next person, with the keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.services import attendance as at
from tests.ui.helpers import held_meeting_open


def _register(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    page = ws.pages.show_page("attendance")
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == 5, timeout=5000)
    page.window().activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=2000)  # the window active: its keys reach the register
    return ws, page


def _saved(db, ws, rid):
    return next(r for r in at.list_attendance(db, ws.meeting_id) if r.id == rid).status


def _read_again(qtbot, ws, page, ids, status):
    """Wait until the workspace has read the register again with the marks, and shown it."""
    def shown():
        statuses = {r.id: r.status for r in ws.rows("register")}
        return (not ws.loading() and not page.loading() and all(statuses[i] is status for i in ids)
                and all(r.status is status for r in page.model.rows if r.id in ids))
    qtbot.waitUntil(shown, timeout=5000)
    qtbot.wait(50)  # any later read settles too


def _chosen(page):
    return [r.id for r in page.selected_rows()]


def _current(page):
    return page.proxy.row_at(page.table.currentIndex().row()).id


@pytest.mark.slow
def test_a_person_marked_with_ctrl_1_stays_chosen_and_ctrl_2_marks_them_again(qtbot, db, world):
    ws, page = _register(qtbot, db, world)
    page.table.selectRow(2)
    rid = _chosen(page)[0]
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    _read_again(qtbot, ws, page, [rid], AttendanceStatus.PRESENT)
    assert _chosen(page) == [rid] and _current(page) == rid
    assert all(action.isEnabled() for action in page.mark_actions.values())
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _read_again(qtbot, ws, page, [rid], AttendanceStatus.APOLOGIES)
    assert _saved(db, ws, rid) is AttendanceStatus.APOLOGIES
    assert _chosen(page) == [rid]


@pytest.mark.slow
def test_three_people_marked_together_all_stay_chosen(qtbot, db, world):
    ws, page = _register(qtbot, db, world)
    model = page.table.selectionModel()
    page.table.setCurrentIndex(page.proxy.index(3, 0))
    model.select(QItemSelection(page.proxy.index(1, 0), page.proxy.index(3, 0)),
                 QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    ids = _chosen(page)
    assert len(ids) == 3
    current = _current(page)
    page.mark_actions[AttendanceStatus.PRESENT].trigger()
    _read_again(qtbot, ws, page, ids, AttendanceStatus.PRESENT)
    assert sorted(_chosen(page)) == sorted(ids)
    assert _current(page) == current


@pytest.mark.slow
def test_ctrl_1_then_down_then_ctrl_2_marks_two_people(qtbot, db, world):
    ws, page = _register(qtbot, db, world)
    page.table.selectRow(0)
    first = _chosen(page)[0]
    second = page.proxy.row_at(1).id
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    _read_again(qtbot, ws, page, [first], AttendanceStatus.PRESENT)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert _chosen(page) == [second]
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _read_again(qtbot, ws, page, [second], AttendanceStatus.APOLOGIES)
    assert _saved(db, ws, first) is AttendanceStatus.PRESENT
    assert _saved(db, ws, second) is AttendanceStatus.APOLOGIES
    assert _chosen(page) == [second]
