"""The yearly report window keeps answering while it works: "Refresh from the records" builds a
section away from the window's thread, with its progress, and the section cannot be typed in or
refreshed again meanwhile; Save as PDF or Word names the file from the title as printed, read
beforehand, without going through every section's words."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def _window(qtbot, db):
    from bscp_desktop.ui.yearly_report import window as module

    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.show()
    return w


def choose(w, key: str) -> None:
    keys = [w.sections.item(r).data(Qt.ItemDataRole.UserRole) for r in range(w.sections.count())]
    w.sections.setCurrentRow(keys.index(key))


def _on_the_windows_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@pytest.mark.slow
def test_refreshing_a_section_runs_away_from_the_window_and_keeps_it_from_being_typed_in(qtbot, db, monkeypatch):
    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    w = _window(qtbot, db)
    choose(w, "activity")
    go_on, calls = threading.Event(), []
    real = yr.refresh_section

    def slow(db_, report_id, key, today=None, progress=None):
        calls.append((key, _on_the_windows_thread()))
        go_on.wait(5)
        return real(db_, report_id, key, today=today, progress=progress)

    monkeypatch.setattr(yr, "refresh_section", slow)
    monkeypatch.setattr(yr, "refresh_all", lambda *a, **k: calls.append(("all", _on_the_windows_thread())))
    w.refresh_section()
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    assert calls == [("activity", False)]  # built in the background, the window free meanwhile
    assert w._task.dialog is not None  # with its progress, as Refresh all has
    assert w.editor.text.isReadOnly() and "Being refreshed" in w.editor.state.text()
    assert not w.refresh_button.isEnabled() and not w.refresh_all_button.isEnabled()
    assert w.built_state.text() == "Refreshing from the records…"
    w.refresh_section()
    w.refresh_all()  # neither starts another refresh of the section
    choose(w, "foreword")  # another section is the officer's to write meanwhile
    assert not w.editor.text.isReadOnly()
    choose(w, "activity")
    assert w.editor.text.isReadOnly() and not w.refresh_button.isEnabled()
    go_on.set()
    qtbot.waitUntil(lambda: not w.refreshing, timeout=10000)
    assert calls == [("activity", False)]
    assert yr.get_report(db, report.id).section("activity").built_at is not None
    assert not w.editor.text.isReadOnly() and w.refresh_button.isEnabled() and w.refresh_all_button.isEnabled()
    assert w.built_state.text().startswith("Built from the records on ")


@pytest.mark.slow
def test_a_refresh_refused_says_why_and_gives_the_section_back(qtbot, db, monkeypatch):
    from bscp_desktop.ui.yearly_report import window as module

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    w = _window(qtbot, db)
    choose(w, "activity")

    def refused(*_a, **_k):
        raise ValidationError({"final": yr.FINAL_MESSAGE})

    monkeypatch.setattr(yr, "refresh_section", refused)
    said = []
    def shown(_parent, title, exc):
        said.append((title, str(exc)))

    monkeypatch.setattr(module, "show_error", shown)
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", shown)
    w.refresh_section()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said == [("Refresh from the records", f"final: {yr.FINAL_MESSAGE}")]
    assert not w.refreshing and not w.editor.text.isReadOnly() and w.refresh_button.isEnabled()


@pytest.mark.slow
def test_save_as_names_the_file_from_the_title_read_beforehand_not_from_every_section(qtbot, db, monkeypatch):
    from bscp_desktop.jobs import safe_file_name
    from bscp_desktop.services import case_reviews as cr

    cr.create_case_review(db, cr.CaseReviewFields("Child Q", "serious_harm", date(2023, 3, 1)))
    yr.create_report(db, yr.ReportFields("Learning from Child Q's review 2023/24", *PERIOD))
    read_here, published = [], []
    real = yr.children_named
    monkeypatch.setattr(yr, "children_named", lambda db_: read_here.append(_on_the_windows_thread()) or real(db_))
    monkeypatch.setattr(yr, "as_published", lambda *a: published.append(a))
    w = _window(qtbot, db)
    qtbot.waitUntil(lambda: w.printed_title is not None, timeout=10000)
    assert True not in read_here  # the names were read away from the window's thread
    offered: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filter: offered.append(suggested) or ("", ""))
    read_here.clear()
    for button in w.output_buttons:
        button.click()
    title = "Learning from the child's review 2023/24"
    assert [Path(p).name for p in offered] == [safe_file_name(title + ".pdf"), safe_file_name(title + ".docx")]
    assert True not in read_here and not published  # nothing read on the window's thread to name the file


@pytest.mark.slow
def test_refresh_all_says_which_sections_it_left_as_they_were(qtbot, db, monkeypatch):
    """A login that may not read case reviews leaves that section as a colleague built it: the
    window says so once the refresh ends (`refresh_all`'s `left`)."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QMessageBox

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    w = _window(qtbot, db)
    left = (yr.left_as_it_was("case_reviews"),)
    monkeypatch.setattr(yr, "refresh_all", lambda *a, **k: SimpleNamespace(left=left))
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text, *a: said.append((title, text)))
    w.refresh_all()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said == [("Refresh all built sections", left[0])]
    assert "Case reviews and learning was left as it was" in left[0] and not w.refreshing
