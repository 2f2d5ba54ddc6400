"""The minutes of a meeting with the keyboard alone: Tab reaches the decisions and actions of
an item, and Enter, Return or F2 opens the chosen one for editing, as a double-click does."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting

KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)


@pytest.fixture
def editor(qtbot, db, world):
    """The Minutes page of a held meeting whose one item has a decision and an action."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    mt.add_decision(db, item.id, "Agreed the terms of reference")
    mt.add_item_action(db, item.id, al.ActionFields("Circulate the terms of reference", world.chair.id,
                                                    due_date=date(2024, 4, 30)))
    page = _minutes_of(qtbot, db, m.id).minutes
    qtbot.waitUntil(page.decisions.isVisible, timeout=2000)
    return page


def _minutes_of(qtbot, db, meeting_id: int):
    """The meeting's workspace in the Meetings tab, on its Minutes page."""
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    tab.activateWindow()
    ws = tab.open_meeting(meeting_id)
    ws.pages.setCurrentWidget(ws.minutes)
    return ws


def what_opened(dialog: QDialog) -> tuple[str, str]:
    """A dialog's title and what it edits (an action's description)."""
    record = getattr(dialog, "record", None)
    return dialog.windowTitle(), getattr(record, "description", "")


def press_on(qtbot, view, key: Qt.Key | None, handle=lambda dialog: dialog.reject()) -> list[tuple[str, str]]:
    """Press `key` on the first row of `view` (None: double-click it); the dialogs it opened (`what_opened`), each given
    to `handle`, which closes it."""
    opened: list[tuple[str, str]] = []

    def close():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            opened.append(what_opened(dialog))
            handle(dialog)

    view.window().activateWindow()  # back from any dialog closed before
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    view.setCurrentRow(0)
    watch = QTimer()
    watch.timeout.connect(close)
    watch.start(20)
    try:
        if key is None:  # a double-click, as before
            where = view.visualItemRect(view.item(0)).center()
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
            qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
        else:
            qtbot.keyClick(view, key)
        qtbot.wait(60)
    finally:
        watch.stop()
    return opened


@pytest.mark.parametrize("key", KEYS)
def test_enter_or_f2_on_a_decision_opens_it_for_editing(qtbot, editor, key):
    assert press_on(qtbot, editor.decisions, key) == [("Edit decision", "")]


@pytest.mark.parametrize("key", KEYS)
def test_enter_or_f2_on_an_action_opens_it_for_editing(qtbot, editor, key):
    assert press_on(qtbot, editor.actions_list, key) == [("Edit action", "Circulate the terms of reference")]


def test_a_double_click_still_opens_a_decision_or_an_action_once(qtbot, editor):
    assert press_on(qtbot, editor.decisions, None) == [("Edit decision", "")]
    assert press_on(qtbot, editor.actions_list, None) == [("Edit action", "Circulate the terms of reference")]


def test_a_decision_is_changed_with_the_keyboard_alone(qtbot, db, editor):
    def retype(dialog):
        dialog.text.setPlainText("Agreed the revised terms of reference")
        dialog.save_button.click()

    press_on(qtbot, editor.decisions, Qt.Key.Key_Return, retype)
    assert [d.text for d in mt.list_decisions(db, editor.meeting.id)] == ["Agreed the revised terms of reference"]


def test_enter_on_an_open_action_from_an_earlier_meeting_opens_it(qtbot, db, world):
    first = meeting(db, world.forum, datetime(2023, 12, 14, 10))
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Business"))
    mt.add_item_action(db, item.id, al.ActionFields("Chase the police data", world.chair.id, due_date=date(2024, 1, 31)))
    second = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    ws = _minutes_of(qtbot, db, second.id)
    review = next(i for i in mt.list_agenda(db, second.id) if i.title == "Action log review")
    ws.minutes.item_list.setCurrentRow(review.position - 1)
    qtbot.waitUntil(ws.minutes.review_list.isVisible, timeout=2000)
    assert press_on(qtbot, ws.minutes.review_list, Qt.Key.Key_Return) == [("Edit action", "Chase the police data")]


def test_tab_reaches_the_decisions_and_the_actions_of_an_item(qtbot, editor):
    editor.item_list.setFocus()
    qtbot.waitUntil(editor.item_list.hasFocus, timeout=2000)
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert editor.editor in reached
    assert editor.decisions in reached and editor.actions_list in reached
    assert reached.index(editor.editor) < reached.index(editor.decisions) < reached.index(editor.actions_list)
    # arriving by Tab chooses a row, so Enter has something to open
    assert editor.actions_list.currentRow() == 0


def test_tab_reaches_the_sub_tab_bar_before_the_list_as_in_every_other_tab(qtbot, db):
    """Action log and Attendance monitoring are one Tab from the tab's search box, not after the
    whole list of meetings."""
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    chain, widget = [], tab.nextInFocusChain()
    while widget is not tab and len(chain) < 500:
        if tab.isAncestorOf(widget) and widget.isVisibleTo(tab) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    bar, page = tab.sections.tabBar(), tab.meetings
    assert chain.index(bar) < min(chain.index(w) for w in chain if page.isAncestorOf(w))
