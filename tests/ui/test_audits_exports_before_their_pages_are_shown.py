"""File > Export's Section 11 summary and case audit report, asked for before Audits has ever
been shown: each is written for the cycle or audit its page shows first (the newest), not
refused as if there were none; only a database with none says to start one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.ui.helpers import settled, start_window


@pytest.fixture
def said(monkeypatch):
    """The messages shown, and the file names offered by the save dialog (each cancelled)."""
    seen = {"messages": [], "offered": []}
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _parent, title, text, *a, **k:
                                                                 seen["messages"].append((title, text))))

    def save_as(_parent, _caption, suggested="", *_a, **_k):
        seen["offered"].append(Path(suggested).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    return seen


def _export(window, starts: str):
    window.export_menu.popup(window.geometry().center())  # File > Export opened, as a user does
    window.export_menu.close()
    return next(a for a in window.export_menu.actions() if a.text().startswith(starts))


def test_the_demo_exports_the_cycle_and_audit_its_pages_show_first(qtbot, demo_db, said):
    window = start_window(qtbot, demo_db)
    _export(window, "Section 11 summary of the selected cycle").trigger()
    _export(window, "Report of the selected case audit").trigger()
    newest = ca.list_audits(demo_db)[0]
    assert said["messages"] == []
    assert said["offered"] == ["Section 11 summary 2024-26.pdf", f"Case audit {newest.reference}.pdf"]
    # the very cycle and audit the pages show once Audits is opened
    tab = window.tab("Audits")
    tab.sections.setCurrentWidget(tab.section11)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.section11.selected_cycle() is not None, timeout=30_000)
    assert tab.section11.selected_cycle().name == "2024-26"
    tab.sections.setCurrentWidget(tab.audits)
    settled(tab.audits)
    qtbot.waitUntil(lambda: tab.audits.selected() is not None, timeout=30_000)
    assert tab.audits.selected().reference == newest.reference
    window.db.close()


def test_with_no_cycle_nor_audit_the_exports_say_to_start_one(qtbot, db, said):
    tab = AuditsTab(db, None)  # never shown: its pages have read nothing
    qtbot.addWidget(tab)
    assert tab._cycle_options() is None
    assert tab._audit_options() is None
    assert said["messages"] == [("Section 11 summary", "Start a Section 11 cycle first."),
                                ("Case audit report", "No case audits yet: plan one first (New audit, on Case audits).")]


def test_an_archived_cycle_is_not_chosen_before_the_page_is_shown(qtbot, db, said):
    from datetime import date
    old = s11.create_cycle(db, s11.CycleFields("2021-23", date(2021, 10, 1), date(2022, 1, 31)))
    newer = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.archive_cycle(db, newer.id)
    tab = AuditsTab(db, None)
    qtbot.addWidget(tab)
    assert tab._cycle_options() == {"cycle": old.id}  # as the page shows: archived cycles are hidden
    assert tab._chosen == "2021-23"
