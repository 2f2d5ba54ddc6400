"""The Meetings tab driven through its real widgets: meeting, agenda, register, live minutes,
decisions and actions, and the action log."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.meetings.dialogs import AgendaItemDialog, ReasonDialog
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.ui import helpers
from tests.ui.helpers import table_texts, type_text


@pytest.fixture
def tab(qtbot, db, world):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def when_modal(qtbot, handle):
    """Run `handle(dialog)` on the next modal dialog that opens (dialogs call exec())."""
    helpers.when_modal(handle)


@pytest.mark.slow
def test_create_meeting_agenda_register_minutes_decision_and_action(tab, qtbot, db, world):
    # -- a meeting through the dialog
    page = tab.meetings
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    dialog.group.set_current_id(world.forum.id)
    assert dialog.title_edit.text() == "Safeguarding Children Forum"  # suggested from the group
    qtbot.keyClicks(dialog.day.line, "14/03/2024")
    qtbot.keyClicks(dialog.place, "Brent Civic Centre")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.HELD))
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert table_texts(page, 0) == ["14/03/2024"]
    assert table_texts(page, 7) == ["4"]  # standing items

    # -- open it and add agenda items
    page.table.selectRow(0)
    page.open_selected()
    ws = tab.workspace
    assert ws is not None and ws.isVisible()
    agenda = ws.agenda
    item_dialog = agenda.new_dialog(agenda)
    qtbot.addWidget(item_dialog)
    item_dialog.show()
    type_text(item_dialog.title_edit, "Working Together 2023 — Żółć & <update>")
    qtbot.keyClicks(item_dialog.presenter, "Independent Chair")
    item_dialog.key_focus.setChecked(True)
    assert not item_dialog.save_button.isEnabled()  # a key area of focus needs its summary
    qtbot.keyClicks(item_dialog.summary, "Working Together 2023 update")
    qtbot.mouseClick(item_dialog.save_button, Qt.MouseButton.LeftButton)
    # a new item goes before any other business
    assert table_texts(agenda, 1)[-2:] == ["Working Together 2023 — Żółć & <update>", "Any other business"]
    # moved up one place
    agenda.select_id(mt.list_agenda(db, ws.meeting_id)[-2].id)
    agenda.up_action.trigger()
    assert table_texts(agenda, 1)[-3] == "Working Together 2023 — Żółć & <update>"

    # -- attendance register: fill, mark present and deputy
    ws.pages.setCurrentWidget(ws.attendance)
    ws.attendance.fill_action.trigger()
    assert len(table_texts(ws.attendance)) == 5
    names = table_texts(ws.attendance)
    ws.attendance.table.selectRow(names.index(world.chair.name))
    ws.attendance.mark_actions[AttendanceStatus.PRESENT].trigger()
    inspector_row = names.index(world.inspector.name)
    ws.attendance.table.clearSelection()
    ws.attendance.table.selectRow(inspector_row)
    when_modal(qtbot, lambda d: (d.person.set_current_id(world.sergeant.id), d._on_save()))
    ws.attendance.deputy_action.trigger()
    register = {r.name: r for r in at.list_attendance(db, ws.meeting_id)}
    assert register[world.chair.name].status is AttendanceStatus.PRESENT
    assert register[world.inspector.name].deputy_name == "Sergeant Lewis"
    assert "Deputy attended: Sergeant Lewis" in table_texts(ws.attendance, 3)

    # -- live minutes: type, and it saves itself
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    target = next(i for i in mt.list_agenda(db, ws.meeting_id) if i.title.startswith("Working Together"))
    editor.item_list.setCurrentRow(target.position - 1)
    assert editor.heading.text().endswith("Working Together 2023 — Żółć & <update>")
    type_text(editor.editor, "Partners agreed the draft — Ναι. ")
    qtbot.waitUntil(lambda: mt.get_agenda_item(db, target.id).minutes == "Partners agreed the draft — Ναι. ", timeout=3000)
    assert "saved" in editor.state.text()

    # -- a decision inline (keyboard: Ctrl+Shift+D then Enter)
    editor.focus_decision()
    type_text(editor.decision_edit, "Adopt the arrangements")
    qtbot.keyClick(editor.decision_edit, Qt.Key.Key_Return)
    assert [d.text for d in mt.list_decisions(db, ws.meeting_id)] == ["Adopt the arrangements"]
    assert editor.decisions.count() == 1

    # -- an action inline, through its dialog
    def fill_action(d):
        assert isinstance(d, ActionDialog)
        type_text(d.description, "Publish the new arrangements")
        d.person.set_current_id(world.chair.id)
        d.due.set_value(date(2024, 6, 30))
        d._on_save()

    when_modal(qtbot, fill_action)
    editor.new_action()
    (action,) = mt.list_meeting_actions(db, ws.meeting_id)
    assert action.links["agenda_item_id"] == target.id
    assert editor.actions_list.count() == 1

    # -- it is in the one action log, with where it came from
    ws.close_workspace()
    tab.sections.setCurrentWidget(tab.action_log)
    log = tab.action_log
    assert table_texts(log, 0) == ["Publish the new arrangements"]
    assert table_texts(log, 1)[0].startswith("Safeguarding Children Forum, 14/03/2024: item")
    log.overdue_only.setChecked(True)
    assert table_texts(log, 0) == ([] if log.today <= date(2024, 6, 30) else ["Publish the new arrangements"])


@pytest.mark.slow
def test_minutes_save_on_item_change_and_focus_loss(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    first = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    second = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Second"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    editor.timer.setInterval(60_000)  # prove the saves below do not wait for the timer
    type_text(editor.editor, "One")
    editor.next_item()  # Alt+Down
    assert mt.get_agenda_item(db, first.id).minutes == "One"
    assert editor.heading.text() == "2. Second"
    type_text(editor.editor, "Two")
    editor.decision_edit.setFocus()  # leaving the editor saves
    qtbot.waitUntil(lambda: mt.get_agenda_item(db, second.id).minutes == "Two", timeout=2000)
    editor.previous_item()
    assert editor.editor.toPlainText() == "One"
    type_text(editor.editor, " more")
    tab.flush()  # what the main window calls before closing
    assert mt.get_agenda_item(db, first.id).minutes == "One more"


def test_keyboard_shortcuts_move_between_items(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Second"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    editor.editor.setFocus()
    qtbot.waitUntil(editor.editor.hasFocus, timeout=2000)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.heading.text() == "2. Second"
    qtbot.keyClick(editor.editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.decision_edit.hasFocus()


@pytest.mark.slow
def test_approved_minutes_are_read_only_and_amended_with_a_reason(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Item"))
    mt.save_item_minutes(db, item.id, "Original")
    mt.approve_minutes(db, m.id, later.id)
    ws = tab.open_meeting(m.id)
    assert "Approved on 14/03/2024" in ws.minutes_state.text()
    ws.pages.setCurrentWidget(ws.minutes)
    assert ws.minutes.editor.isReadOnly() and ws.minutes.amend_button.isVisible()

    def amend(d):
        d.text.setPlainText("Original, corrected")
        qtbot.keyClick(d.text, Qt.Key.Key_Tab)  # Tab moves on to the reason, as in every text box
        text = d.text.toPlainText()
        qtbot.keyClicks(d.reason, "Date corrected at the March meeting")
        d._on_save()
        assert text == "Original, corrected"

    when_modal(qtbot, amend)
    ws.minutes.amend_button.click()
    assert mt.get_agenda_item(db, item.id).minutes == "Original, corrected"
    assert ws.minutes.editor.toPlainText() == "Original, corrected"

    # adding a decision to approved minutes asks for the reason first
    def give_reason(d):
        assert isinstance(d, ReasonDialog)
        qtbot.keyClicks(d.reason, "Omitted in error")
        d._on_save()

    when_modal(qtbot, give_reason)
    ws.minutes.decision_edit.setText("Late decision")
    ws.minutes.add_decision()
    assert [d.text for d in mt.list_decisions(db, m.id)] == ["Late decision"]
    assert [a.reason for a in mt.list_amendments(db, m.id)] == ["Date corrected at the March meeting", "Omitted in error"]


def test_action_review_item_lists_open_actions_from_earlier_meetings(tab, qtbot, db, world):
    first = meeting(db, world.forum, datetime(2023, 12, 14, 10))
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Business"))
    mt.add_item_action(db, item.id, al.ActionFields("Chase the police data", world.chair.id, due_date=date(2024, 1, 31)))
    second = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    ws = tab.open_meeting(second.id)
    ws.pages.setCurrentWidget(ws.minutes)
    review = next(i for i in mt.list_agenda(db, second.id) if i.title == "Action log review")
    ws.minutes.item_list.setCurrentRow(review.position - 1)
    assert ws.minutes.review_box.isVisible()
    assert ws.minutes.review_list.item(0).text().startswith("Chase the police data")


def test_edit_agenda_item_dialog_and_empty_states(tab, qtbot, db, world):
    assert tab.meetings.stack.currentWidget() is tab.meetings.empty
    assert "No meetings yet" in tab.meetings.empty.text()
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    tab.meetings.reload()
    ws = tab.open_meeting(m.id)
    assert "No agenda yet" in ws.agenda.empty.text()
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Old title"))
    dialog = AgendaItemDialog(db, ws.meeting, item, ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.clear()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "New title")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert mt.get_agenda_item(db, item.id).title == "New title"
    assert table_texts(ws.agenda, 1) == ["New title"]


@pytest.mark.slow
def test_attendance_monitoring_view_highlights_low_attendance(tab, qtbot, db, world):
    from tests.services.test_attendance import build_fixture

    build_fixture(db, world)
    page = tab.monitoring
    tab.sections.setCurrentWidget(page)
    page.date_from.set_value(date(2023, 4, 1))
    page.date_to.set_value(date(2024, 3, 31))
    qtbot.waitUntil(lambda: not page.loading() and "meetings held are counted" in page.summary.text(), timeout=10_000)
    proxy = page.by_org_view.model()
    rows = {proxy.index(r, 0).data(): proxy.index(r, 6).data() for r in range(proxy.rowCount())}
    assert rows == {"Brent Council": "75%", "Kilburn Park School": "33%", "Metropolitan Police": "67%",
                    "NWL Integrated Care Board": "100%"}
    highlighted = {
        proxy.index(r, 0).data() for r in range(proxy.rowCount())
        if proxy.index(r, 6).data(Qt.ItemDataRole.BackgroundRole) is not None
    }
    assert highlighted == {"Kilburn Park School", "Metropolitan Police"}
    page.threshold.setValue(60)
    page.threshold.editingFinished.emit()
    assert at.get_threshold(db) == 60
    qtbot.waitUntil(lambda: "1 organisation attended less than 60% and is highlighted" in page.summary.text(), timeout=10_000)


@pytest.mark.slow
def test_action_log_filters(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    e = meeting(db, world.executive, datetime(2024, 3, 21, 10))
    i1 = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("A"))
    i2 = mt.add_agenda_item(db, e.id, mt.AgendaItemFields("B"))
    due = date(2024, 4, 30)
    mt.add_item_action(db, i1.id, al.ActionFields("Forum action", owner_person_id=world.nurse.id, due_date=due))
    done = mt.add_item_action(db, i2.id, al.ActionFields("Executive action", owner_organisation_id=world.police.id,
                                                         due_date=due))
    al.update_action(db, done.id, al.ActionFields("Executive action", owner_organisation_id=world.police.id,
                                                  due_date=due, status=ActionStatus.DONE, evidence="Reported back"))
    log = tab.action_log
    tab.sections.setCurrentWidget(log)
    log.reload()
    assert table_texts(log) == ["Forum action"]  # open or in progress by default
    log.status_filter.setCurrentIndex(log.status_filter.findData(None))
    assert sorted(table_texts(log)) == ["Executive action", "Forum action"]
    log.group_filter.setCurrentIndex(log.group_filter.findData(world.executive.id))
    assert table_texts(log) == ["Executive action"]
    log.group_filter.setCurrentIndex(0)
    log.owner_filter.setCurrentIndex(log.owner_filter.findData(f"organisation:{world.police.id}"))
    assert table_texts(log) == ["Executive action"]


@pytest.mark.slow
def test_series_dialog_and_standing_items_dialog(tab, qtbot, db, world, monkeypatch, tmp_path):
    from bscp_desktop.ui.meetings.dialogs import SeriesDialog, StandingItemsDialog

    dialog = SeriesDialog(db, tab.meetings, group_id=world.forum.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setCurrentIndex(dialog.year.findData(2024))
    assert "11/04/2024, 11/07/2024, 10/10/2024, 09/01/2025" in dialog.preview.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(mt.list_meetings(db)) == 4

    standing = StandingItemsDialog(db, world.forum.id, world.forum.name, tab)
    qtbot.addWidget(standing)
    standing.text.setPlainText("Welcome and apologies\nPartner updates\nAny other business")
    standing._save()
    items = mt.list_standing_items(db, world.forum.id)
    assert [(s.title, s.kind.value) for s in items] == [
        ("Welcome and apologies", "welcome"), ("Partner updates", "ordinary"), ("Any other business", "aob"),
    ]

    # the series' calendar file from the meeting, saved in the background
    first = min(mt.list_meetings(db), key=lambda m: m.starts_at)
    ws = tab.open_meeting(first.id)
    target = tmp_path / "series.ics"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a, **k: None)
    ws.series_ics_action.trigger()
    from bscp_desktop.ui.common.outputs import OutputProcess

    qtbot.waitUntil(lambda: target.exists() and not OutputProcess._running, timeout=60000)
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 4


def test_starting_the_register_of_a_planned_meeting_asks_whether_it_was_held(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    ws = tab.open_meeting(m.id)
    assert ws.held_bar.isVisible() and "still marked planned" in ws.held_note.text()
    ws.pages.setCurrentWidget(ws.attendance)
    asked = []

    def answer_yes(box):
        asked.append(box.text())
        yes = next(b for b in box.buttons() if b.text() == "Yes, mark it held")
        yes.click()

    when_modal(qtbot, answer_yes)
    ws.attendance.fill_action.trigger()
    assert asked and "Did it take place on 14/03/2024?" in asked[0]
    assert mt.get_meeting(db, m.id).status is MeetingStatus.HELD
    assert not ws.held_bar.isVisible()
    assert len(at.list_attendance(db, m.id)) == 5


@pytest.mark.slow
def test_starting_the_minutes_asks_in_the_bar_and_no_word_is_lost(tab, qtbot, db, world, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.windowTitle()) or 0)
    type_text(ws.minutes.editor, "Chair welcomed everyone")  # no question box takes the keyboard
    ws.minutes.flush()
    assert boxes == []
    assert mt.get_agenda_item(db, item.id).minutes == "Chair welcomed everyone"
    assert ws.held_bar.isVisible() and "taking the minutes" in ws.held_note.text()
    assert mt.get_meeting(db, m.id).status is MeetingStatus.PLANNED
    ws.held_button.click()
    qtbot.waitUntil(lambda: mt.get_meeting(db, m.id).status is MeetingStatus.HELD)
    ws.held_button.click()
    assert mt.get_meeting(db, m.id).status is MeetingStatus.HELD


def test_meetings_list_flags_past_meetings_still_planned(tab, qtbot, db, world):
    meeting(db, world.forum, datetime(2024, 3, 14, 10))
    tab.meetings.reload()
    proxy = tab.meetings.proxy
    index = proxy.index(0, 5)
    assert index.data() == "Planned"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "attendance monitoring leaves it out" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_action_log_and_attendance_monitoring_are_made_when_first_shown(tab, qtbot, db, world):
    from bscp_desktop.ui.actions.log import ActionLogPage
    from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage

    qtbot.wait(20)
    assert tab.sections.built() == [tab.stack]  # opening the tab makes the list of meetings only
    assert not tab.findChildren(ActionLogPage) and not tab.findChildren(AttendanceMonitoringPage)
    tab.sections.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(tab.sections.built()) == 2, timeout=3000)
    assert isinstance(tab.sections.currentWidget(), ActionLogPage) and tab.action_log.isVisible()
    assert not tab.findChildren(AttendanceMonitoringPage)


def test_add_decision_is_offered_once_a_decision_is_typed(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    assert not editor.add_decision_button.isEnabled()
    editor.decision_edit.setText("   ")
    assert not editor.add_decision_button.isEnabled()
    editor.decision_edit.setText("The strategy is agreed")
    assert editor.add_decision_button.isEnabled()


def test_withdraw_is_offered_once_a_decision_is_chosen(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.add_decision(db, item.id, "The strategy is agreed")
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    qtbot.waitUntil(lambda: editor.decisions.count() == 1)
    assert not editor.withdraw_decision_button.isEnabled()  # nothing chosen: it would do nothing
    editor.decisions.setCurrentRow(0)
    assert editor.withdraw_decision_button.isEnabled()
    editor.refresh_lists()
    assert not editor.withdraw_decision_button.isEnabled()


def test_the_minutes_keep_room_for_eight_lines_on_a_small_screen(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.add_decision(db, item.id, "The strategy is agreed")
    tab.resize(1024, 520)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes.editor
    qtbot.waitUntil(lambda: editor.isVisible())
    qtbot.wait(50)
    assert editor.height() >= 8 * editor.fontMetrics().lineSpacing()


def test_the_series_preview_says_which_dates_move_off_a_bank_holiday(qtbot, db, world):
    from bscp_desktop.ui.meetings.dialogs import SeriesDialog

    dialog = SeriesDialog(db, None, group_id=world.forum.id)
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData(2024))
    dialog.first_month.setCurrentIndex(dialog.first_month.findData(5))
    dialog.nth.setCurrentIndex(dialog.nth.findData(-1))  # the last Monday
    dialog.weekday.setCurrentIndex(0)
    assert "28/05/2024 (27/05/2024 is Spring Bank Holiday)" in dialog.preview.text()
    assert "25/11/2024," in dialog.preview.text()


def test_a_member_chosen_as_their_own_deputy_is_refused_beside_the_deputy_chosen(qtbot, db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    row = next(r for r in at.list_attendance(db, m.id) if r.name == world.inspector.name)
    dialog = DeputyDialog(db, [row.id], world.inspector.name, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(world.inspector.id)
    dialog._on_save()
    label = dialog.error_labels["deputy_person_id"]
    assert label.isVisible() and label.text() == "A member cannot be their own deputy: mark them present instead"
    assert not dialog.error_labels["deputy_name"].isVisible()


def test_agenda_moves_are_offered_only_where_an_item_can_go_and_standing_items_say_what_they_did(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    for title in ("First", "Second", "Third"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    tab.meetings.reload()
    ws = tab.open_meeting(m.id)
    agenda = ws.agenda
    qtbot.waitUntil(lambda: not agenda.loading())
    assert not agenda.up_action.isEnabled() and not agenda.down_action.isEnabled()  # nothing chosen
    first, _second, third = (i.id for i in sorted(agenda.model.rows, key=lambda i: i.position))
    agenda.select_id(first)
    assert (agenda.up_action.isEnabled(), agenda.down_action.isEnabled()) == (False, True)
    agenda.select_id(third)
    assert (agenda.up_action.isEnabled(), agenda.down_action.isEnabled()) == (True, False)
    agenda.add_standing()
    qtbot.waitUntil(lambda: not agenda.loading())
    assert ws.message.text().startswith("Added ")
    agenda.add_standing()
    assert ws.message.text() == "The group's standing items are all on the agenda already."


def test_minutes_are_circulated_and_approved_only_for_a_meeting_that_has_taken_place(tab, qtbot, db, world):
    from datetime import timedelta

    ahead = date.today() + timedelta(days=30)
    planned = meeting(db, world.forum, datetime(ahead.year, ahead.month, ahead.day, 10))
    called_off = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.CANCELLED)
    held = meeting(db, world.forum, datetime(2024, 2, 14, 10), status=MeetingStatus.HELD)
    ws = tab.open_meeting(planned.id)
    for action in (ws.circulate_action, ws.approve_action):
        assert not action.isEnabled()
        assert action.toolTip() == (f"This meeting is on {ahead:%d/%m/%Y}: its minutes can be circulated "
                                    "and approved once it has taken place.")
    ws = tab.open_meeting(called_off.id)
    assert not ws.circulate_action.isEnabled() and not ws.approve_action.isEnabled()
    assert "marked cancelled, so it has no minutes" in ws.approve_action.toolTip()
    ws = tab.open_meeting(held.id)
    assert ws.circulate_action.isEnabled() and ws.approve_action.isEnabled()
    assert ws.circulate_action.toolTip() == "Mark minutes circulated"


def test_the_deputy_dialog_never_suggests_a_deputy_archived_before_the_meeting(tab, qtbot, db, world):
    from datetime import time, timedelta

    from bscp_desktop.domain.memberships import Role
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import memberships as ms

    m = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=7), time(10)))  # after Ann left
    member = next(x for x in ms.list_memberships(db, group_id=world.forum.id) if x.person_id == world.inspector.id)
    for name, archived in (("Ann Gone", True), ("Bo Here", False)):
        person = ms.create_person(db, ms.PersonFields(name, organisation_id=world.police.id))
        ms.create_membership(db, ms.MembershipFields(person.id, world.forum.id, Role.DEPUTY, date(2022, 4, 1),
                                                     organisation_id=world.police.id, deputy_for_id=member.id))
        if archived:
            ms.archive_person(db, person.id)  # memberships left as they are
    at.prefill_attendance(db, m.id)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    page = ws.attendance
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() > 0, timeout=15000)  # read off the thread
    page.select_id(next(r.id for r in at.list_attendance(db, m.id) if r.name == world.inspector.name))
    qtbot.waitUntil(lambda: [r.name for r in page.selected_rows()] == [world.inspector.name], timeout=15000)
    offered = []

    def look(dialog):
        offered.extend(dialog.person.itemText(i) for i in range(dialog.person.count()))
        dialog.reject()

    helpers.when_modal(look)
    page.mark_deputy()
    assert "Bo Here" in offered and not [name for name in offered if "Ann Gone" in name]


def test_a_deputy_for_two_members_chosen_together_is_suggested_once(tab, qtbot, db, world):
    from bscp_desktop.domain.memberships import Role
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import memberships as ms

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    deputy = ms.create_person(db, ms.PersonFields("Bo Both", organisation_id=world.police.id))
    for member in (world.inspector, world.nurse):  # one person, the named deputy of two members
        ms.create_membership(db, ms.MembershipFields(deputy.id, world.forum.id, Role.DEPUTY, date(2022, 4, 1),
                                                     organisation_id=world.police.id, deputy_for_id=member.id))
    at.prefill_attendance(db, m.id)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.attendance)
    page = ws.attendance
    chosen = {world.inspector.name, world.nurse.name}
    page.table.clearSelection()
    for row in at.list_attendance(db, m.id):
        if row.name in chosen:
            page.table.selectionModel().select(
                page.proxy.index(page.proxy.proxy_row(lambda r, i=row.id: r.id == i), 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert len(page.selected_rows()) == 2
    offered = []

    def look(dialog):
        offered.extend(dialog.person.itemText(i) for i in range(dialog.person.count()))
        dialog.reject()

    helpers.when_modal(look)
    page.mark_deputy()
    assert len([name for name in offered if "Bo Both" in name]) == 1, offered


@pytest.mark.slow
def test_minutes_not_saved_are_never_dropped_without_asking(tab, qtbot, db, world, monkeypatch):
    """A save refused (too long here) kept the words on screen, but moving to another item, back
    to the list or closing took them away with no question."""
    from bscp_desktop.services.meetings.dtos import MAX_MINUTES_CHARS

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    first = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Second"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    answers, asked = [True, True, False], []  # stay, stay, then discard
    monkeypatch.setattr("bscp_desktop.ui.common.autosave.keep_unsaved",
                        lambda parent, what, failure: asked.append(failure) or answers.pop(0))
    too_long = "x" * (MAX_MINUTES_CHARS + 1)
    editor.editor.setPlainText(too_long)
    assert not editor.flush() and editor.state.text().startswith("Not saved:")
    editor.next_item()  # asked: stays on the item with the words
    assert editor.heading.text() == "1. First" and editor.editor.toPlainText() == too_long
    assert asked and "at most" in asked[-1]
    ws.reload()  # a reload meanwhile keeps saying they are not saved
    qtbot.waitUntil(lambda: editor.state.text().startswith("Not saved:"), timeout=3000)
    assert editor.editor.toPlainText() == too_long
    tab.close_meeting()  # back to the list: asked, and stays
    assert tab.workspace is ws and editor.editor.toPlainText() == too_long
    ws.close_workspace()  # asked again: discarded this time
    assert tab.workspace is None and mt.get_agenda_item(db, first.id).minutes == ""
    assert len(asked) == 3


def test_words_typed_before_the_minutes_were_locked_are_said_not_saved(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    editor.timer.setInterval(60_000)
    type_text(editor.editor, "Late words")
    editor.editor.setReadOnly(True)  # as the workspace does once the minutes are approved elsewhere
    assert not editor.flush()
    assert editor.state.text().startswith("Not saved: this text can no longer be changed here")


def test_a_save_under_way_is_never_started_again_by_its_own_question(qtbot):
    """The conflict question took the focus from the editor, whose leaving started the same save
    again: a second question opened over the first."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from bscp_desktop.ui.common.autosave import AutoSaver

    box = QPlainTextEdit()
    qtbot.addWidget(box)
    writes = []

    def write(text):
        writes.append(text)
        assert not saver.flush()  # what leaving the editor for the question does meanwhile
        return True

    saver = AutoSaver(box, QLabel(), box.toPlainText, write)
    box.setPlainText("Words")
    assert saver.flush() and writes == ["Words"]


def test_circulating_minutes_with_nothing_minuted_asks_first(tab, qtbot, db, world):
    from bscp_desktop.domain.meetings import MinutesStatus

    held = meeting(db, world.forum, datetime(2024, 2, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Partner updates"))
    ws = tab.open_meeting(held.id)
    seen: list[str] = []
    helpers.when_modal(helpers.click_button("No", seen), "Mark the minutes circulated")
    ws.circulate()
    assert seen and seen[0].startswith("Nothing is minuted for this meeting yet")
    assert mt.get_meeting(db, held.id).minutes_status is MinutesStatus.DRAFT
    mt.save_item_minutes(db, item.id, "Each partner gave an update.")
    helpers.when_modal(lambda dialog: dialog._on_save(), "Mark minutes circulated")  # the day they went out: today
    ws.circulate()  # words minuted: no question
    assert mt.get_meeting(db, held.id).minutes_status is MinutesStatus.CIRCULATED
    assert mt.get_meeting(db, held.id).minutes_circulated_on == date.today()
    assert len(seen) == 1
