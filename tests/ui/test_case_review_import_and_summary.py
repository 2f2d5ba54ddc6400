"""The case tracker import button and the summary page, with the file dialogs stood in for."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.importers.test_case_review_tracker import TRACKER, write_csv, write_xlsx
from tests.ui.helpers import table_texts


@pytest.fixture
def tab(qtbot, db):
    widget = CaseReviewsTab(db, None, today=date(2024, 3, 31))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def wait_for_result(qtbot, importer):
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog.isVisible(), timeout=30000)
    return importer.result_dialog


@pytest.mark.slow
def test_import_the_tracker_through_the_button_checks_first(tab, qtbot, db, tmp_path, monkeypatch):
    rows = [row[:] for row in TRACKER]
    rows[1][1] = "Mary Smith"  # a real name where an alias belongs
    choose_file(monkeypatch, write_xlsx(tmp_path / "tracker.xlsx", rows))
    page = tab.tracker
    page.import_action.trigger()
    check = wait_for_result(qtbot, page.importer)
    assert "will add 10 cases" in check.summary.text()
    assert "looks like a real name" in check.details.toPlainText()
    assert cr.list_case_reviews(db) == []  # nothing written yet
    check.confirm_button.click()
    qtbot.waitUntil(lambda: page.importer.result_dialog is not None and page.importer.result_dialog is not check
                    and page.importer.result_dialog.isVisible(), timeout=30000)
    assert "10 added" in page.importer.result_dialog.summary.text()
    page.filter.setCurrentText("All cases")
    qtbot.waitUntil(lambda: len(table_texts(page)) == 10, timeout=10000)
    assert "CR-03" in table_texts(page)


def test_a_bad_tracker_lists_every_problem_and_offers_no_import(tab, qtbot, db, tmp_path, monkeypatch):
    rows = [row[:] for row in TRACKER[:3]]
    rows[2][11] = "01/01/2023"  # notification before becoming aware
    choose_file(monkeypatch, write_csv(tmp_path / "bad.csv", rows))
    tab.tracker.import_action.trigger()
    result = wait_for_result(qtbot, tab.tracker.importer)
    assert result.confirm_button is None
    assert "Row 4:" in result.details.toPlainText() and "01/01/2023" in result.details.toPlainText()
    assert cr.list_case_reviews(db) == []


def test_blank_template_from_the_tab(tab, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    choose_file(monkeypatch, tmp_path / "blank.csv")
    tab.tracker.template_action.trigger()
    assert (tmp_path / "blank.csv").read_text(encoding="utf-8-sig").startswith("Reference,Alias,Sex,Age band")


def test_summary_page_shows_the_same_figures(tab, db, tmp_path):
    from bscp_desktop.importers import run_import

    run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", TRACKER))
    page = tab.summary
    tab.sections.setCurrentWidget(page)
    page.date_from.set_value(date(2023, 4, 1))
    page.date_to.set_value(date(2024, 3, 31))
    page.reload()
    assert page.figure("Cases considered") == "9"
    assert page.figure("Local reviews published") == "2"
    assert page.figure("Rapid review sent to the Panel: average working days late") == "5.5"
    assert page.figure("Theme: Neglect (share of cases considered)") == "44%"  # 4 of 9, as a percentage
    nothing_late = [label for label in (page.table.item(r, 0).text() for r in range(page.table.rowCount()))
                    if label.endswith(": met late") and page.figure(label) == "0"]
    assert nothing_late  # an average of nothing late is empty, as the workbook and the PDF leave it
    assert all(page.figure(label.replace(": met late", ": average working days late")) == "" for label in nothing_late)
    assert "working days" in page.heading.text()
    page.date_to.set_value(date(2023, 3, 31))
    page.reload()
    assert page.error.isVisible() and "before its start" in page.error.text()


def test_a_period_not_yet_ended_is_shown_as_at_the_pages_today(tab):
    page = tab.summary
    tab.sections.setCurrentWidget(page)
    page.date_from.set_value(date(2024, 1, 1))
    page.date_to.set_value(date(2024, 12, 31))
    page.reload()
    assert "clocks are as they stood on 31/03/2024" in page.heading.text()
    assert any(": overdue as at 31/03/2024" in page.table.item(r, 0).text() for r in range(page.table.rowCount()))
