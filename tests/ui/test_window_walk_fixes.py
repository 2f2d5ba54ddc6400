"""What a new officer's first hours in the window showed: a long line in an open meeting wraps
instead of making the workspace wider than a laptop's window at a large font; the case tracker's
outputs show on its bar at the window's first size; Ctrl+E and Ctrl+P save the workbook and the
printed report of whichever tab is in front, and the menus show each key beside one entry only."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QTabWidget, QToolButton, QVBoxLayout, QWidget

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.autosave import saving_editor
from tests.meetings_world import meeting
from tests.ui.helpers import shown_tab, start_window

APPROVED = "These minutes are approved and locked; changes are amendments with a reason."
QUORUM_NOT_MET = ("Quorum not met: the local authority, the Integrated Care Board and the police are not "
                  "represented (each of the three safeguarding partners must be).")


def _large(widget: QWidget) -> None:
    font = widget.font()
    font.setPointSize(13)
    widget.setFont(font)


def test_the_line_saying_how_the_saving_goes_wraps_instead_of_widening_its_editor(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    _large(holder)
    editor = QPlainTextEdit(holder)
    state = saving_editor(editor, "Minutes of this item", "Type the minutes here.")
    QVBoxLayout(holder).addWidget(state)
    state.setText(APPROVED)
    assert state.wordWrap()
    assert state.minimumSizeHint().width() < state.fontMetrics().horizontalAdvance(APPROVED) // 3


@pytest.fixture
def large_font():
    """The application's font at 13 points (as a user may set it), put back afterwards."""
    app = QApplication.instance()
    before = app.font()
    _large(app)
    yield
    app.setFont(before)


@pytest.mark.slow  # a meeting opened in its workspace
def test_an_open_meeting_fits_a_laptop_window_at_a_large_font(qtbot, db, world, large_font):
    m = meeting(db, world.executive, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Welcome"))
    from bscp_desktop.ui.meetings.tab import MeetingsTab

    tabs = QTabWidget()
    tab = MeetingsTab(db, tabs)
    tabs.addTab(tab, "Meetings")
    shown_tab(qtbot, tabs, (1280, 760))
    workspace = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: workspace.data is not None and workspace.toolbar.isEnabled(), timeout=20_000)
    for page, line, sentence in ((workspace.attendance, workspace.attendance.quorum_state, QUORUM_NOT_MET),
                                 (workspace.minutes, workspace.minutes.state, APPROVED)):
        workspace.pages.setCurrentWidget(page)
        qtbot.wait(50)
        line.setText(sentence)
        assert line.minimumSizeHint().width() < 400, sentence  # it wraps: as wide as its longest word
        assert page.minimumSizeHint().width() < 1000, page
    assert workspace.minimumSizeHint().width() < 1000
    workspace.pages.setCurrentWidget(workspace.attendance)
    qtbot.wait(50)
    state = workspace.attendance.quorum_state
    assert state.wordWrap() and state.height() >= 2 * state.fontMetrics().height()  # on two lines, not cut


@pytest.mark.slow  # the Case reviews tab shown on the demo
def test_the_case_tracker_shows_its_outputs_at_the_window_first_size(qtbot, demo_db):
    from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab

    tab = shown_tab(qtbot, CaseReviewsTab(demo_db, None), (1190, 700))  # inside a 1200-wide window
    tracker = tab.tracker
    qtbot.wait(100)
    bar = tracker.toolbar
    names = {"Case summary of the selected case (PDF)…", "Case review tracker (PDF)…", "Case review tracker (Excel)…"}
    outputs = [a for a in bar.actions() if a.text() in names]
    assert len(outputs) == 3
    for action in outputs:
        assert bar.widgetForAction(action).isVisible(), action.text()
    more = bar.findChild(QToolButton, "qt_toolbarext_button")
    assert more is None or not more.isVisible()  # no "››" hiding anything
    assert [a.text() for a in tracker.importing.menu().actions()] == ["Import tracker…", "Blank tracker template…"]


KEYED = {  # each tab: the output Ctrl+E saves, and the one Ctrl+P saves (job, file type)
    "Meetings": (("meetings", ".xlsx"), ("actions", ".pdf")),
    "Memberships": (("memberships", ".xlsx"), ("members", ".pdf")),
    "Case reviews": (("case-reviews", ".xlsx"), ("case", ".pdf")),
    "Audits": (("audits", ".xlsx"), None),
    "Training": (("training", ".xlsx"), ("training-summary", ".pdf")),
    "Finance": (("finance", ".xlsx"), ("finance", ".pdf")),
}


@pytest.mark.slow  # the whole window, every tab built
def test_ctrl_e_and_ctrl_p_save_the_outputs_of_the_tab_in_front_and_each_key_shows_once(qtbot, demo_db, monkeypatch):
    saved: list[tuple[str, str]] = []
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.save_job",
                        lambda _parent, _db, job, output, *_a, **_k: saved.append((job.name, output.suffix)))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *_a: told.append(f"{title}: {text}"))
    window = start_window(qtbot, demo_db)
    window.activateWindow()
    ctrl_p = QKeySequence(QKeySequence.StandardKey.Print)
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        if title == "Case reviews":  # a case chosen, for its summary
            qtbot.waitUntil(lambda tab=tab: tab.tracker.selected() is not None, timeout=20_000)
        workbook, printed = KEYED[title]
        for where in (tab.sections.tabBar(), window.tabs.tabBar()):  # inside the tab, and on the window's row of tabs
            where.setFocus()
            QApplication.processEvents()
            saved.clear()
            qtbot.keyClick(where, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(where, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
            assert saved == [workbook, *([printed] if printed else [])], (title, where)
        file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        file_menu.aboutToShow.emit()
        entries = {e.text().split("\t")[0]: e.isEnabled() for e in window.front_keys.entries}
        assert entries == {f"&Workbook of the tab in front ({title})…": True,
                           f"&Printed report of the tab in front ({title})…": printed is not None}
    assert told == []
    window.export_menu.aboutToShow.emit()
    shown = []  # every entry of every menu, with the key shown beside it
    waiting = [a.menu() for a in window.menuBar().actions()]
    while waiting:
        menu = waiting.pop()
        menu.aboutToShow.emit()
        for action in menu.actions():
            if action.menu() is not None:
                waiting.append(action.menu())
            keys = action.shortcut().toString() or (action.text().split("\t")[1] if "\t" in action.text() else "")
            shown.append(keys)
    assert shown.count("Ctrl+E") == 1 and shown.count(ctrl_p.toString()) == 1
