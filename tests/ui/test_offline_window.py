"""Take offline…, Bring back… and Release… in the window, and the compare dialog, on a real
PostgreSQL server (skipped, with the reason, without one)."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop.app import make_application
from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from bscp_desktop.ui.common.worker import BackgroundTask
from bscp_desktop.ui.main_window import MainWindow
from bscp_desktop.ui.meetings.offline import CompareDialog, ReleaseDialog
from tests.meetings_world import meeting
from tests.offline.helpers import as_officer, forum_meeting
from tests.ui.helpers import start_window, when_modal


def _window(qtbot, db) -> MainWindow:
    make_application()
    win = start_window(qtbot, db)
    return win


def _meetings_page(win):
    tab = win.tab("Meetings")
    win.tabs.setCurrentWidget(tab)
    page = tab.meetings
    page.reload()
    return tab, page


def _select(page, qtbot, meeting_id: int) -> None:
    page.select_id(meeting_id)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == meeting_id)


def test_on_a_database_file_the_actions_say_why_they_are_off(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), "March forum")
    win = _window(qtbot, db)
    _tab, page = _meetings_page(win)
    _select(page, qtbot, m.id)
    actions = page.offline
    for action in (actions.take_action, actions.release_action, actions.bring_action):
        assert not action.isEnabled()
        assert "team database" in action.toolTip()
    assert [a.text() for a in (actions.take_action, actions.bring_action, actions.release_action)] == [
        "Take offline…", "Bring back…", "Release…"]


def test_take_offline_minute_and_bring_back_through_the_window(qtbot, pg_db, tmp_path, monkeypatch):
    pg_address = pg_db.url  # the same team database, for another officer
    _world, m, items = forum_meeting(pg_db)
    win = _window(qtbot, pg_db)
    tab, page = _meetings_page(win)
    _select(page, qtbot, m.id)
    assert page.offline.take_action.isEnabled() and not page.offline.release_action.isEnabled()

    copy = tmp_path / "March forum offline.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    page.offline.take_action.trigger()
    # the window opens the copy right away, at the meeting
    qtbot.waitUntil(lambda: win.db.path == copy, timeout=20000)
    tab = win.tab("Meetings")
    assert tab.workspace is not None and tab.workspace.meeting_id == m.id
    assert "offline copy" in tab.offline_banner.text() and tab.offline_banner.isVisibleTo(win)
    page = tab.meetings
    assert page.offline.bring_action.isEnabled() and not page.offline.take_action.isEnabled()
    # minuted offline (the live editor saves through the same command)
    tab.close_meeting()
    mt.save_item_minutes(win.db, items[1].id, "Minuted offline in the meeting room.")
    # meanwhile, on the team database, another officer is refused; the same field changed there
    with Database.open_target(pg_address) as other:
        as_officer(other, "Bob Manager")
        with pytest.raises(Exception, match="taken offline by"):
            mt.save_item_minutes(other, items[0].id, "Bob's apologies")
    mt.save_item_minutes(pg_db, items[1].id, "Minuted on the server.")  # the officer, on the team database too

    seen: dict = {}

    def compare(dialog):
        assert isinstance(dialog, CompareDialog)
        seen["rows"] = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
        seen["sides"] = (dialog.server_text.toPlainText(), dialog.offline_text.toPlainText())
        assert not dialog.bring_button.isEnabled()
        dialog.keep_offline.click()
        assert dialog.bring_button.isEnabled()
        dialog.bring_button.click()

    monkeypatch.setattr("bscp_desktop.ui.meetings.offline.confirm", lambda *a: True)
    when_modal(compare, "Bring back")
    page.offline.bring_action.trigger()
    qtbot.waitUntil(lambda: win.db.path is None, timeout=20000)  # connected to the team database
    qtbot.waitUntil(lambda: "sides" in seen, timeout=20000)
    assert seen["rows"] == ["Minutes"]
    assert seen["sides"] == ("Minuted on the server.", "Minuted offline in the meeting room.")
    qtbot.waitUntil(lambda: off.meeting_mark(win.db, m.id) is None, timeout=20000)
    assert mt.get_agenda_item(win.db, items[1].id).minutes == "Minuted offline in the meeting room."
    # the bring-back ends, its result said, within this test (not over the next one's dialogs)
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=20000)


def test_release_a_meeting_with_a_reason(qtbot, pg_db, tmp_path):
    _world, m, _items = forum_meeting(pg_db)
    as_officer(pg_db, "Alice Officer")
    off.take_offline(pg_db, m.id, tmp_path / "lost.sqlite3")
    pg_db.user = None  # the window's own officer releases it
    win = _window(qtbot, pg_db)
    _tab, page = _meetings_page(win)
    _select(page, qtbot, m.id)
    qtbot.waitUntil(lambda: page.offline.release_action.isEnabled())
    assert not page.offline.take_action.isEnabled()
    assert "Alice Officer" in page.offline.take_action.toolTip()

    def release(dialog):
        assert isinstance(dialog, ReleaseDialog)
        assert not dialog.save_button.isEnabled() or dialog.check()
        dialog.reason.setPlainText("The laptop was left on a train")
        dialog.save_button.click()

    when_modal(release, "Release")
    page.offline.release_action.trigger()
    assert off.meeting_mark(pg_db, m.id) is None
    marks = off.list_marks(pg_db, active_only=False)
    assert marks[0].ended_how == "released" and marks[0].reason == "The laptop was left on a train"
    qtbot.waitUntil(lambda: page.offline.take_action.isEnabled())


def test_marks_the_login_may_not_read_turn_the_actions_off_with_the_reason(qtbot, pg_db, monkeypatch):
    _world, m, _items = forum_meeting(pg_db)

    def refused(_db, active_only=True):
        raise PermissionError("Your login may not read meeting_offline.")

    monkeypatch.setattr(off, "list_marks", refused)
    win = _window(qtbot, pg_db)
    _tab, page = _meetings_page(win)
    _select(page, qtbot, m.id)
    assert [r.title for r in [page.selected()]] == ["March forum"]  # the list itself still shows
    for action in (page.offline.take_action, page.offline.bring_action, page.offline.release_action):
        assert not action.isEnabled() and "may not read" in action.toolTip()


def test_bringing_back_connects_through_the_saved_connection_to_that_server(monkeypatch):
    from bscp_desktop.services import connections as cx
    from bscp_desktop.ui.meetings.offline import OfflineActions

    team = cx.Connection("Team", "db.brent.gov.uk", "bscp", "amara.okafor")
    other = cx.Connection("Other", "db.brent.gov.uk", "bscp_test", "amara.okafor")
    monkeypatch.setattr("bscp_desktop.ui.team.connect.load_connections", lambda settings: [other, team])
    monkeypatch.setattr(cx, "saved_password", lambda connection: f"pw-{connection.name}")

    class Window:
        settings = object()
        calls: list = []

        def connect_to(self, connection, password, then=None):
            self.calls.append((connection.name, password))
            return True

        def switch_to(self, target, create, then=None):
            self.calls.append((target, None))
            return True

    window = Window()
    assert OfflineActions._connect(window, "postgresql://amara.okafor@db.brent.gov.uk/bscp?sslmode=verify-full")
    assert OfflineActions._connect(window, "postgresql://amara.okafor@elsewhere.gov.uk/bscp")
    assert window.calls == [("Team", "pw-Team"), ("postgresql://amara.okafor@elsewhere.gov.uk/bscp", None)]


def test_a_meeting_opened_from_a_search_says_it_is_offline(qtbot, pg_db, tmp_path):
    _world, m, _items = forum_meeting(pg_db)
    as_officer(pg_db, "Alice Officer")
    off.take_offline(pg_db, m.id, tmp_path / "copy.sqlite3")
    pg_db.user = None
    win = _window(qtbot, pg_db)
    tab = win.tab("Meetings")
    win.tabs.setCurrentWidget(tab)  # as the window's search does, whichever tab the window opened on
    tab.show_record("meeting", m.id)  # before the list has loaded
    assert "taken offline by Alice Officer" in tab.workspace.offline_note.text()
    assert tab.workspace.offline_bar.isVisibleTo(win)


def test_the_minutes_of_a_meeting_another_officer_holds_offline_can_be_read_not_typed_into(qtbot, pg_db, tmp_path):
    _world, m, items = forum_meeting(pg_db)
    as_officer(pg_db, "Alice Officer")
    off.take_offline(pg_db, m.id, tmp_path / "copy.sqlite3")
    pg_db.user = None  # another officer's window
    win = _window(qtbot, pg_db)
    tab = win.tab("Meetings")
    minutes = tab.open_meeting(m.id).minutes
    assert minutes.editor.isReadOnly()
    assert "taken offline by Alice Officer" in minutes.state.text()
    assert "can be read here, not changed" in minutes.state.text()
    minutes.item_list.setCurrentRow(1)  # every item stays read-only
    assert minutes.editor.isReadOnly()


def test_the_officer_who_took_the_meeting_offline_is_not_held_out_of_it(qtbot, pg_db, tmp_path):
    _world, m, _items = forum_meeting(pg_db)
    as_officer(pg_db, "Alice Officer")
    off.take_offline(pg_db, m.id, tmp_path / "copy.sqlite3")
    win = _window(qtbot, pg_db)  # Alice's own window
    minutes = win.tab("Meetings").open_meeting(m.id).minutes
    assert not minutes.editor.isReadOnly()


def test_an_open_meetings_minutes_follow_its_offline_mark_as_it_is_read_again(qtbot, pg_db, tmp_path):
    """Taken offline by another officer while open here, the minutes become read-only; brought
    back, they can be typed into again, without opening the meeting anew."""
    _world, m, _items = forum_meeting(pg_db)
    win = _window(qtbot, pg_db)
    workspace = win.tab("Meetings").open_meeting(m.id)
    qtbot.waitUntil(lambda: workspace.data is not None)
    minutes = workspace.pages.show_page("minutes")
    minutes.item_list.setCurrentRow(0)
    assert not minutes.editor.isReadOnly()
    as_officer(pg_db, "Alice Officer")
    copy = tmp_path / "copy.sqlite3"
    off.take_offline(pg_db, m.id, copy)
    pg_db.user = None  # this window's officer
    workspace.reload()
    qtbot.waitUntil(lambda: not workspace.loading())
    assert minutes.editor.isReadOnly()
    assert "taken offline by Alice Officer" in minutes.state.text()
    as_officer(pg_db, "Alice Officer")
    off.bring_back(pg_db, copy)
    pg_db.user = None
    workspace.reload()
    qtbot.waitUntil(lambda: not workspace.loading())
    assert not minutes.editor.isReadOnly() and "taken offline" not in minutes.state.text()


def _workspace_actions(workspace) -> dict[str, object]:
    return {a.text(): a for a in workspace.offline_actions}


def test_take_offline_and_bring_back_from_the_open_meeting(qtbot, pg_db, tmp_path, monkeypatch):
    _world, m, items = forum_meeting(pg_db)
    win = _window(qtbot, pg_db)
    tab, _page = _meetings_page(win)
    workspace = tab.open_meeting(m.id)
    acts = _workspace_actions(workspace)
    assert list(acts) == ["Take offline…", "Bring back…", "Release…"]  # the list's words
    assert acts["Take offline…"].isEnabled()
    for name in ("Bring back…", "Release…"):
        assert not acts[name].isEnabled() and acts[name].toolTip() == "This meeting is not offline."

    copy = tmp_path / "March forum offline.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    acts["Take offline…"].trigger()
    qtbot.waitUntil(lambda: win.db.path == copy, timeout=20000)
    tab = win.tab("Meetings")
    workspace = tab.workspace
    assert workspace is not None and workspace.meeting_id == m.id
    acts = _workspace_actions(workspace)
    assert acts["Bring back…"].isEnabled() and "team database it came from" in acts["Bring back…"].toolTip()
    assert not acts["Take offline…"].isEnabled() and not acts["Release…"].isEnabled()
    win.resize(1100, 640)
    win.grab().save(str(tmp_path / "workspace-offline-copy.png"))
    mt.save_item_minutes(win.db, items[1].id, "Minuted offline in the meeting room.")

    monkeypatch.setattr("bscp_desktop.ui.meetings.offline.confirm", lambda *a: True)
    acts["Bring back…"].trigger()
    qtbot.waitUntil(lambda: win.db.path is None, timeout=20000)  # connected to the team database
    qtbot.waitUntil(lambda: off.meeting_mark(win.db, m.id) is None, timeout=20000)
    assert mt.get_agenda_item(win.db, items[1].id).minutes == "Minuted offline in the meeting room."
    # the bring-back ends, its result said, within this test (not over the next one's dialogs)
    qtbot.waitUntil(lambda: not BackgroundTask._running, timeout=20000)


def test_release_from_the_open_meeting(qtbot, pg_db, tmp_path):
    _world, m, _items = forum_meeting(pg_db)
    as_officer(pg_db, "Alice Officer")
    off.take_offline(pg_db, m.id, tmp_path / "lost.sqlite3")
    pg_db.user = None  # the window's own officer releases it
    win = _window(qtbot, pg_db)
    tab, _page = _meetings_page(win)
    workspace = tab.open_meeting(m.id)
    acts = _workspace_actions(workspace)
    assert acts["Release…"].isEnabled() and acts["Bring back…"].isEnabled()
    assert not acts["Take offline…"].isEnabled() and "Alice Officer" in acts["Take offline…"].toolTip()
    win.resize(1100, 640)
    win.grab().save(str(tmp_path / "workspace-offline.png"))

    def release(dialog):
        assert isinstance(dialog, ReleaseDialog)
        dialog.reason.setPlainText("The laptop was left on a train")
        dialog.save_button.click()

    when_modal(release, "Release")
    acts["Release…"].trigger()
    assert off.meeting_mark(pg_db, m.id) is None
    qtbot.waitUntil(lambda: acts["Take offline…"].isEnabled(), timeout=5000)  # the workspace reloads
    assert not acts["Release…"].isEnabled()


def test_the_open_meeting_reads_its_offline_mark_in_its_worker_each_time_it_is_read(qtbot, pg_db, tmp_path,
                                                                                     monkeypatch):
    _world, m, _items = forum_meeting(pg_db)
    win = _window(qtbot, pg_db)
    win.tabs.setCurrentWidget(win.tab("Meetings"))  # the window opens on Memberships
    workspace = win.tab("Meetings").open_meeting(m.id)
    qtbot.waitUntil(lambda: workspace.data is not None)
    assert not workspace.offline_bar.isVisibleTo(win)
    as_officer(pg_db, "Alice Officer")  # another officer takes it offline while it is open here
    off.take_offline(pg_db, m.id, tmp_path / "copy.sqlite3")
    pg_db.user = None
    readers = []
    meeting_mark = off.meeting_mark

    def watched(db, meeting_id):
        readers.append(threading.current_thread())
        return meeting_mark(db, meeting_id)

    monkeypatch.setattr(off, "meeting_mark", watched)
    workspace.reload()
    qtbot.waitUntil(lambda: not workspace.loading())
    assert readers and threading.main_thread() not in readers  # never on the window's thread
    assert "taken offline by Alice Officer" in workspace.offline_note.text()
    assert workspace.offline_bar.isVisibleTo(win)
    acts = _workspace_actions(workspace)
    assert acts["Release…"].isEnabled() and not acts["Take offline…"].isEnabled()


def test_a_date_changed_in_both_places_is_shown_as_dd_mm_yyyy(qtbot):
    """The compare dialog shows each side's value as people read it, not as it is stored."""
    mark = off.OfflineMarkDTO(1, 7, "Executive Group 14/03/2024: Executive meeting", "Priya Shah",
                              datetime(2024, 3, 14, 8, 30), "offline.sqlite3", "", None, "", "", "")
    conflicts = (
        off.Conflict(("action", 3, "due_date"), "Action: Write to schools", "Due date", "2024-05-31", "2024-06-30",
                     "Tom Adeyemi-Clarke", datetime(2024, 3, 14, 12, 40)),
        off.Conflict(("action", 3, "status"), "Action: Write to schools", "Status", "in_progress", "done",
                     "Tom Adeyemi-Clarke", datetime(2024, 3, 14, 12, 41)),
    )
    dialog = CompareDialog(off.BringBackPlan(mark, 2, 0, 0, conflicts))
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.server_text.toPlainText(), dialog.offline_text.toPlainText()) == ("31/05/2024", "30/06/2024")
    dialog.table.selectRow(1)
    assert (dialog.server_text.toPlainText(), dialog.offline_text.toPlainText()) == ("In progress", "Done")


def test_a_copy_that_cannot_be_brought_back_is_said_not_asked(monkeypatch):
    """With problems no choice of values would put right, the plan is said; the officer is not
    asked "Bring it back now?" only to be refused after."""
    from types import SimpleNamespace

    from bscp_desktop.ui.meetings import offline as module

    plan = off.BringBackPlan(SimpleNamespace(meeting="Safeguarding Children Forum, 14/03/2024"), 2, 0, 0, (),
                             problems=("The meeting is archived on the team database",))
    said, asked = [], []
    monkeypatch.setattr(module, "show_error", lambda _parent, title, text: said.append((title, text)))
    monkeypatch.setattr(module, "confirm", lambda *a: asked.append(a) or False)
    module.OfflineActions._planned(SimpleNamespace(page=None, db=None), plan, None)
    assert not asked and said[0][0] == "Could not bring the meeting back"
    assert "cannot be brought back until this is put right: The meeting is archived" in said[0][1]


def test_on_a_small_screen_the_fields_changed_in_both_places_show_three_at_a_time(qtbot):
    """At 150% on a 1280x720 laptop the dialog is about 770 by 430 points: the list of fields
    showed one and a half of them, the two value boxes taking the height."""
    mark = off.OfflineMarkDTO(1, 7, "Executive Group 14/03/2024: Executive meeting", "Priya Shah",
                              datetime(2024, 3, 14, 8, 30), "offline.sqlite3", "", None, "", "", "")
    conflicts = tuple(
        off.Conflict(("action", n, "status"), f"Action {n}: Write to schools", "Status", "in_progress", "done",
                     "Tom Adeyemi-Clarke", datetime(2024, 3, 14, 12, 40))
        for n in range(5)
    )
    dialog = CompareDialog(off.BringBackPlan(mark, 5, 0, 0, conflicts))
    qtbot.addWidget(dialog)
    dialog.resize(767, 432)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 440
    assert dialog.table.viewport().height() >= 3 * dialog.table.rowHeight(0)
    assert dialog.server_text.height() >= 2 * dialog.server_text.fontMetrics().lineSpacing()  # the values still readable
