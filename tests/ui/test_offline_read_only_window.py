"""An offline copy in the window. New meeting and New series… were offered on it, and a meeting
made there stopped the copy coming back: they are greyed, saying why. A copy already brought
back said "kept only to read" yet offered its minutes, Edit details…, Approve minutes…, New
meeting and Bring back…, refusing only on saving: now nothing that would change it is offered,
each greyed tool giving the banner's reason (on a real PostgreSQL server, skipped with the
reason without one)."""

from __future__ import annotations

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, forum_meeting
from tests.ui.helpers import start_window, type_text

pytestmark = pytest.mark.slow  # a team database on the PostgreSQL test server, taken offline

NEW_MEETINGS = "make new meetings on the team database, as bringing the copy back takes only that meeting."


def _copy(pg_db, tmp_path, brought_back: bool):
    pg_db.user = ALICE
    _world, m, items = forum_meeting(pg_db)
    path = tmp_path / "copy.sqlite3"
    off.take_offline(pg_db, m.id, path)
    if brought_back:
        off.bring_back(pg_db, path)
    return m, items, Database.open(path)


def _tools(toolbar) -> dict[str, tuple[bool, str]]:
    return {a.text(): (a.isEnabled(), a.toolTip()) for a in toolbar.actions() if a.text()}


def test_new_meetings_are_not_offered_on_an_offline_copy(qtbot, pg_db, tmp_path):
    m, _items, local = _copy(pg_db, tmp_path, brought_back=False)
    win = start_window(qtbot, local)
    tab = win.tab("Meetings")
    win.tabs.setCurrentWidget(tab)
    tools = _tools(tab.meetings.toolbar)
    for name in ("New meeting", "New series…"):
        enabled, tip = tools[name]
        assert not enabled and tip.endswith(NEW_MEETINGS), tools
    assert tools["Bring back…"][0]  # the copy itself still comes back
    ws = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: ws.data is not None)
    assert ws.edit_action.isEnabled()  # its own meeting is minuted as usual


def test_a_copy_brought_back_offers_nothing_that_changes_it(qtbot, pg_db, tmp_path):
    m, items, local = _copy(pg_db, tmp_path, brought_back=True)
    win = start_window(qtbot, local)
    tab = win.tab("Meetings")
    win.tabs.setCurrentWidget(tab)
    banner = tab.offline_banner.text()
    assert banner.endswith("it is kept only to read.")
    page = tab.meetings
    tools = _tools(page.toolbar)
    for name in ("New meeting", "New series…", "Bring back…"):
        assert tools[name] == (False, banner), (name, tools)
    page.select_id(m.id)
    qtbot.waitUntil(lambda: page.selected() is not None)
    assert _tools(page.toolbar)["Edit details"] == (False, banner)
    ws = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: ws.data is not None)
    for action in (ws.edit_action, ws.approve_action, ws.circulate_action):
        assert (action.isEnabled(), action.toolTip()) == (False, banner), action.text()
    minutes = ws.pages.show_page("minutes")
    minutes.item_list.setCurrentRow(1)
    assert minutes.editor.isReadOnly()
    assert minutes.state.text() == banner
    type_text(minutes.editor, "Typed in a copy kept only to read.")
    assert minutes.editor.toPlainText() == ""
    agenda = ws.pages.show_page("agenda")
    assert not any(a.isEnabled() for a in agenda.toolbar.actions() if a.text().startswith(("New", "Add", "Archive")))
    register = ws.pages.show_page("attendance")
    qtbot.waitUntil(lambda: register.quorum_state.text() != "")
    for box in (register.quorum_rule, register.quorum):  # the group's rule is not changed from a copy kept to read
        assert (box.isEnabled(), box.toolTip()) == (False, banner)
