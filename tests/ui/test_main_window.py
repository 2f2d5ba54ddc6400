"""The main window: tab order, menus, switching databases, remembered settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.main_window import MainWindow
from tests.ui.helpers import start_window

TAB_ORDER = ["Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"]


@pytest.fixture
def window(qtbot, tmp_path):
    make_application()
    db = open_database(tmp_path / "main.sqlite3")
    win = start_window(qtbot, db)
    yield win
    win.db.close()


def test_six_tabs_in_order(window):
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TAB_ORDER


def test_each_tab_is_built_when_first_shown_and_a_planned_one_says_so_in_a_sentence(window):
    from dataclasses import replace

    from bscp_desktop.ui.tabs import TABS, NotBuiltTab, build_tab

    on_screen = window.tabs.currentIndex()
    assert not isinstance(window.tabs.widget(on_screen), NotBuiltTab)  # the tab on screen at start
    waiting = [i for i in range(window.tabs.count()) if i != on_screen]
    assert all(isinstance(window.tabs.widget(i), NotBuiltTab) for i in waiting)  # the others are not built yet
    for i in waiting:
        window.tabs.setCurrentIndex(i)  # as a user switches to it
        assert window.tabs.currentIndex() == i and not isinstance(window.tabs.currentWidget(), NotBuiltTab)
    for spec in TABS:
        if spec.not_built:
            text = build_tab(replace(spec, planned=True), window.db, window.tabs).findChild(QLabel).text()
            assert text == spec.not_built and text.endswith(".") and "not in this version" in text


def test_menus(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[0] == "File" and "Help" in titles
    file_items = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    for item in ("New database…", "Open database…", "Open recent", "Back up now", "Restore from a backup…", "Export", "Quit"):
        assert item in file_items


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def test_no_menu_has_two_entries_with_the_same_access_key(window):
    window.export_menu.aboutToShow.emit()  # menus filled as they open, as for a user
    window.recent_menu.aboutToShow.emit()
    menus = [("menu bar", window.menuBar().actions())]
    waiting = [a.menu() for a in window.menuBar().actions()]
    while waiting:
        menu = waiting.pop()
        menus.append((menu.title(), menu.actions()))
        waiting += [a.menu() for a in menu.actions() if a.menu() is not None]
    twice = {}
    for title, actions in menus:
        keys = [_mnemonic(a.text()) for a in actions if a.isVisible() and not a.isSeparator()]
        repeated = sorted({k for k in keys if k is not None and keys.count(k) > 1})
        if repeated:
            twice[title] = repeated
    assert twice == {}  # Alt and the letter would only highlight one of them


def test_every_menu_entry_has_an_access_key(window):
    """Alt, then the menu's letter, then the entry's reaches every entry: "Workbook of the tab in
    front" and "Printed report..." had none. Apart: the recent files, named by their paths, and
    File > Export's list of every output (more than there are letters), gone through with the
    arrow keys."""
    window.export_menu.aboutToShow.emit()
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    file_menu.aboutToShow.emit()
    without = []
    waiting = [a.menu() for a in window.menuBar().actions()]
    while waiting:
        menu = waiting.pop()
        if menu in (window.recent_menu, window.export_menu) or menu.parent() is window.export_menu:
            continue
        without += [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator() and _mnemonic(a.text()) is None]
        waiting += [a.menu() for a in menu.actions() if a.menu() is not None]
    assert without == []

@pytest.mark.slow
def test_switch_database_and_recent_files(window, tmp_path):
    first = window.db.path
    other = tmp_path / "other.sqlite3"
    assert window.switch_to(other, create=True)
    assert window.db.path == other
    ms.create_organisation(window.db, ms.OrganisationFields("Other Org", "other"))
    assert window.recent_files()[:2] == [str(other), str(first)]
    # The first file was released: it can be opened again
    assert window.switch_to(first, create=False)
    assert ms.list_organisations(window.db) == []


def test_opening_a_bad_file_keeps_the_current_database(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("bscp_desktop.ui.main_window.show_error", lambda parent, title, exc: shown.append(str(exc)))
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database at all" * 40)
    current = window.db.path
    assert not window.switch_to(junk, create=False)
    assert window.db.path == current
    assert shown and "not a BSCP Desktop database" in shown[0]
    assert junk.read_text() == "not a database at all" * 40


def test_backup_now_writes_a_copy(window):
    from bscp_desktop import paths

    window.backup_now()
    assert list(Path(paths.backup_dir()).glob("main-*.sqlite3"))


def test_geometry_and_last_database_remembered(window, qtbot):
    window.resize(900, 600)
    window.close()
    from PySide6.QtCore import QSettings

    from bscp_desktop.ui.common.settings_store import written

    written()  # what is written in the background is in the file too
    settings = QSettings()
    assert settings.value("window/geometry") is not None
    assert settings.value("last_database") == str(window.db.path)


@pytest.mark.slow
def test_restore_from_the_file_menu_backs_up_first(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from bscp_desktop.services import backups

    ms.create_organisation(window.db, ms.OrganisationFields("In the backup", "other"))
    window.backup_now()
    ms.create_organisation(window.db, ms.OrganisationFields("Added after", "other"))
    found = backups.list_backups(window.db.path)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: True)
    window.restore_backup()
    assert [o.name for o in ms.list_organisations(window.db)] == ["In the backup"]
    safety = [b for b in backups.list_backups(window.db.path) if "before_restore" in b.path.name]
    assert len(safety) == 1 and len(found) == 1
    from bscp_desktop.db.database import Database

    with Database.open(safety[0].path, lock=False) as copy:
        assert {o.name for o in ms.list_organisations(copy)} == {"In the backup", "Added after"}


def test_backup_now_of_a_team_database_writes_a_file_copy_in_the_background(qtbot, tmp_path, pg_address, monkeypatch):
    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.services import memberships as ms

    make_application()
    window = MainWindow(open_database(pg_address), open_database)
    qtbot.addWidget(window)
    ms.create_organisation(window.db, ms.OrganisationFields("Brent Council", "local_authority"))
    offered = []
    out = tmp_path / "team backup.sqlite3"

    def choose(parent, title, suggested, filter):
        offered.append(suggested)
        return str(out), filter

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", choose)
    window.backup_now()
    qtbot.waitUntil(lambda: "Backed up to" in window.statusBar().currentMessage(), timeout=60_000)
    assert str(out) in window.statusBar().currentMessage()
    assert "-team-" in offered[0] and "backups" in offered[0]
    with open_database(out) as copy:
        assert [o.name for o in ms.list_organisations(copy)] == ["Brent Council"]
    window.db.close()


def test_no_key_of_a_tab_is_also_a_key_of_the_window(window, qtbot):
    """A key both the window's menu and a tab's page offer does neither (Qt finds it ambiguous):
    Ctrl+O on the meetings list opened no meeting and no file."""
    from PySide6.QtGui import QAction

    tabs = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda i=i: window.tab(window.tabs.tabText(i)) is not None)
        tabs.append(window.tab(window.tabs.tabText(i)))
    in_tabs = {id(a) for tab in tabs for a in tab.findChildren(QAction)}
    window_keys = {a.shortcut().toString() for a in window.findChildren(QAction)
                   if id(a) not in in_tabs and not a.shortcut().isEmpty()}
    assert "Ctrl+O" in window_keys
    for i, tab in enumerate(tabs):
        for action in tab.findChildren(QAction):
            key = action.shortcut().toString()
            assert not key or key not in window_keys, f"{action.text()} ({key}) in {window.tabs.tabText(i)}"


def test_switching_database_keeps_words_the_officer_stays_with(window, tmp_path, monkeypatch):
    """Minutes that could not be saved were thrown away without a question when another
    database was opened (Quit and closing a meeting already asked)."""
    meetings = window.tab("Meetings")
    monkeypatch.setattr(meetings, "flush_or_ask", lambda: False, raising=False)  # asked: stay with them
    first = window.db
    assert window.switch_to(tmp_path / "other.sqlite3", True) is False
    assert window.db is first and not (tmp_path / "other.sqlite3").exists()
    monkeypatch.setattr(meetings, "flush_or_ask", lambda: True, raising=False)  # saved, or let go
    assert window.switch_to(tmp_path / "other.sqlite3", True) is True and window.db is not first


def test_the_partner_engagement_window_closes_with_its_database(window, qtbot, tmp_path):
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

    engagement = window.open_engagement()
    assert engagement.isVisible()
    window.switch_to(tmp_path / "other.sqlite3", True)
    assert not [w for w in window.findChildren(EngagementWindow) if w.isVisible()]


def test_the_open_file_named_another_way_is_the_one_already_open(window, tmp_path):
    (tmp_path / "sub").mkdir()
    first = window.db
    assert window.switch_to(tmp_path / "sub" / ".." / first.path.name, False) is True
    assert window.db is first and first.path.exists()


def test_restore_is_not_offered_for_a_team_database_and_says_why(window):
    path = window.db.path
    try:
        window.db.path = None  # as a team database has no file
        window._database_actions(True)
        assert not window.restore_action.isEnabled()
        assert "IT team" in window.restore_action.toolTip()
    finally:
        window.db.path = path
        window._database_actions(True)
    assert window.restore_action.isEnabled() and "IT team" not in window.restore_action.toolTip()


@pytest.mark.parametrize("key, value", [("window/tab", "abc"), ("window/tab", "99999999999999999999"),
                                        ("window/tab", "-3"), ("window/geometry", "garbage")])
def test_a_window_setting_it_cannot_read_is_passed_over_at_start(qtbot, key, value):
    """A value changed by hand or by another program: the window starts as at its first start."""
    from PySide6.QtCore import QSettings

    make_application()
    settings = QSettings()
    settings.setValue(key, value)
    try:
        frame = MainWindow(None, open_database, opening="bscp.sqlite3")
        qtbot.addWidget(frame)
        assert frame.tabs.currentIndex() == 1 and frame.width() > 0
    finally:
        settings.remove(key)
        settings.sync()


def test_a_recent_database_in_a_folder_named_with_an_ampersand_is_listed_as_written(window, tmp_path):
    """"Safeguarding & QA" is shown with its "&", not as "Safeguarding _QA" with an Alt key."""
    other = tmp_path / "Safeguarding & QA" / "Partnership & Board.sqlite3"
    window._remember(other)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if "Safeguarding" in a.text())
    assert entry.text() == str(other).replace("&", "&&")  # Qt shows "&&" as "&"
    assert _mnemonic(entry.text()) is None
    opened = []
    window.switch_to = lambda path, create: opened.append(path)
    entry.trigger()
    assert opened == [other]  # the path itself is opened, not the text shown
