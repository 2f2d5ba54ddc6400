"""A read-only login (the Independent Scrutineer) is offered nothing that changes a record: on
every tab and page, Add, Edit, Archive, Import, marking the register and typing minutes are
disabled, each saying why; reading, searching and exports stay open. An officer's login on the
same database is offered all of it."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTabWidget, QToolBar, QToolButton

from bscp_desktop.app import make_application, open_database
from bscp_desktop.cli import main
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.permissions import READ_ONLY, changes_records
from bscp_desktop.ui.dialog_catalogue import finish_background_work
from bscp_desktop.ui.main_window import MainWindow

READING = ("Open", "Export", "Blank", "Search", "Show", "History", "Workbook", "Engagement", "Minutes", "Agenda",
           "Calendar", "Timeline", "Summary")


@pytest.fixture
def demo_team(pg_demo_template):
    address = pg_demo_template.copy()
    assert main(["team", "roles", "--apply", "--db", address]) == 0
    return address


def _login(address: str, name: str, *groups: str) -> str:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"{name} {role}", *flags, "--db", address]) == 0
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


@pytest.fixture
def window_as(qtbot, monkeypatch):
    said = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *args, **kw: said.append(args[2:3])))
    opened = []

    def open_as(address: str) -> MainWindow:
        make_application()
        win = MainWindow(open_database(address), open_database)
        qtbot.addWidget(win)
        win.resize(1280, 800)  # a council laptop's screen, whatever size an earlier test left saved
        win.show()
        win.said = said
        opened.append(win)
        return win

    yield open_as
    for win in opened:
        win.db.close()
    from bscp_desktop.ui.common.permissions import guard_database

    guard_database(None)


def _walk(win: MainWindow):
    """Show every tab and every page in it (as an officer clicking through), yielding each."""
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        tab = win.tabs.widget(i)
        QApplication.processEvents()
        finish_background_work(60)
        inner = [w for w in tab.findChildren(QTabWidget)]
        yield win.tabs.tabText(i), tab
        for pages in inner:
            for j in range(pages.count()):
                pages.setCurrentIndex(j)
                QApplication.processEvents()
                finish_background_work(60)
                yield f"{win.tabs.tabText(i)} > {pages.tabText(j)}", pages.widget(j)


def _controls(widget):
    """The actions and buttons on screen in `widget`, and a shown toolbar's actions (also those
    in its overflow menu, where a narrow window puts them): (text, enabled, tooltip)."""
    seen, targets = [], set()
    toolbar_actions = [a for bar in widget.findChildren(QToolBar) if bar.isVisible() for a in bar.actions()
                       if a.isVisible() and not a.isSeparator()]
    buttons = [b for b in widget.findChildren(QToolButton) + widget.findChildren(QPushButton) if b.isVisible()]
    for target in toolbar_actions + [(b.defaultAction() if isinstance(b, QToolButton) else None) or b for b in buttons]:
        if target.text() and id(target) not in targets:
            targets.add(id(target))
            seen.append((target, target.text(), target.isEnabled(), target.toolTip()))
    return seen


def test_a_read_only_login_is_offered_no_change_on_any_tab(demo_team, window_as, tmp_path):
    win = window_as(_login(demo_team, "Sam Scrutineer", "read-only"))
    assert "(read only)" in win.db_label.text()
    refused_on: dict[str, list[str]] = {}
    open_changes = []
    for where, page in _walk(win):
        for target, text, enabled, tip in _controls(page):
            if changes_records(target):
                if enabled or tip != READ_ONLY:
                    open_changes.append((where, text, enabled, tip))
                else:
                    refused_on.setdefault(where.split(" > ")[0], []).append(text)
        if isinstance(page, RecordListPage):
            for action in (page.new_action, page.edit_action, page.archive_action):
                if action.isVisible():
                    page.table.selectRow(0)
                    QApplication.processEvents()
                    assert not action.isEnabled() and action.toolTip() == READ_ONLY, (where, action.text())
    assert open_changes == []
    assert set(refused_on) == {"Meetings", "Memberships", "Audits", "Training", "Finance"}  # Case reviews: closed
    assert {"New meeting", "Edit", "Archive"} <= set(refused_on["Meetings"])
    assert any(t.startswith("Import") for t in refused_on["Memberships"])
    assert win.said == []
    win.tabs.setCurrentIndex(1)
    win.resize(1100, 640)
    win.grab().save(str(tmp_path / "read-only-tab.png"))


def test_reading_stays_open_to_a_read_only_login(demo_team, window_as):
    win = window_as(_login(demo_team, "Sam Scrutineer", "read-only"))
    meetings = win.tab("Meetings")
    page = meetings.meetings
    finish_background_work(60)
    QApplication.processEvents()
    page.table.selectRow(0)
    assert page.open_action.isEnabled()
    assert win.search_all_action.isEnabled()
    exports = [a for a in win.export_menu.actions() if not a.isSeparator()]
    assert exports and all(a.isEnabled() for a in exports)


def test_a_read_only_login_reads_the_minutes_and_cannot_type_into_them(demo_team, window_as, qtbot, tmp_path):
    win = window_as(_login(demo_team, "Sam Scrutineer", "read-only"))
    meetings = win.tab("Meetings")
    from bscp_desktop.services import meetings as mt

    held = [m for m in mt.list_meetings(win.db) if not m.locked]  # minutes an officer could type into
    win.tabs.setCurrentWidget(meetings)
    workspace = meetings.open_meeting(held[0].id)
    minutes = workspace.minutes
    workspace.pages.setCurrentWidget(minutes)
    QApplication.processEvents()
    assert minutes.editor.isReadOnly() and READ_ONLY in minutes.state.text()
    for action in (workspace.edit_action, workspace.approve_action, workspace.circulate_action):
        assert not action.isEnabled() and action.toolTip() == READ_ONLY
    workspace.pages.setCurrentWidget(workspace.attendance)
    QApplication.processEvents()
    for action in workspace.attendance.mark_actions.values():
        assert not action.isEnabled() and action.toolTip() == READ_ONLY
    assert not workspace.attendance.quorum.isEnabled()
    assert not minutes.add_decision_button.isEnabled() or not minutes.add_decision_button.isVisible()


def test_an_edit_dialog_reached_by_double_click_says_why_save_is_off(demo_team, window_as, qtbot):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.memberships.dialogs import OrganisationDialog

    win = window_as(_login(demo_team, "Sam Scrutineer", "read-only"))
    [first, *_] = ms.list_organisations(win.db)
    dialog = OrganisationDialog(win.db, first, win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(first.name + " (renamed)")
    assert not dialog.save_button.isEnabled() and dialog.save_button.toolTip() == READ_ONLY
    assert READ_ONLY in dialog.status.text()
    dialog._on_save()  # Ctrl+S
    assert dialog.result_value is None and dialog.status.text() == f"Not saved. {READ_ONLY}"


def test_an_officer_is_offered_the_changes(demo_team, window_as):
    win = window_as(_login(demo_team, "Olu Officer", "officer"))
    page = win.tab("Memberships").memberships
    QApplication.processEvents()
    finish_background_work(60)
    assert page.new_action.isEnabled() and page.new_action.toolTip() != READ_ONLY
    assert not [a for a in win.findChildren(QAction) if a.toolTip() == READ_ONLY]


def test_the_yearly_report_window_offers_no_change_to_a_read_only_login(demo_team, window_as):
    win = window_as(_login(demo_team, "Sam Scrutineer", "read-only"))
    yearly = win.open_yearly_report()
    QApplication.processEvents()
    finish_background_work(60)
    for button in (yearly.new_button, yearly.edit_button, yearly.final_button, yearly.archive_button):
        assert not button.isEnabled() and button.toolTip() == READ_ONLY, button.text()
    if yearly.sections.count():
        yearly.sections.setCurrentRow(0)
        QApplication.processEvents()
        assert yearly.editor.text.isReadOnly() and yearly.editor.state.text() == READ_ONLY
    yearly.close()
