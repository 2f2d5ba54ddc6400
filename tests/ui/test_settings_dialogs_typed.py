"""The case review and training settings dialogs: what is typed but not added is saved or
refused by name on Save, and a refusal shows the page it concerns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLineEdit

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    return dialog


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _page(dialog) -> str:
    return dialog.tabs.tabText(dialog.tabs.currentIndex())


def test_a_closure_day_and_a_theme_typed_but_not_added_are_saved(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    qtbot.keyClicks(dialog.closure_date.line, "29/12/2026")
    qtbot.keyClicks(dialog.closure_reason, "Christmas closure")
    qtbot.keyClicks(dialog.new_theme, "  Radicalisation ")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    settings = cr.load_settings(db)
    assert settings.closures == (cr.ClosureDay(date(2026, 12, 29), "Christmas closure"),)
    assert settings.themes[-1] == "Radicalisation"


def test_a_closure_typed_incomplete_or_wrong_is_refused_on_its_page_and_nothing_saved(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    qtbot.keyClicks(dialog.closure_reason, "Christmas closure")
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "Local closure days"
    assert dialog.error.text().startswith("Closure date: enter the date") and "Add closure day" in dialog.error.text()
    qtbot.keyClicks(dialog.closure_date.line, "not a date")
    dialog.tabs.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "Local closure days"
    assert dialog.error.text().startswith("Closure date: 'not a date' is not a date")
    assert cr.load_settings(db).closures == ()


def test_a_refused_setting_shows_the_page_it_concerns(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    qtbot.keyClicks(dialog.closure_date.line, "25/12/2026")
    qtbot.mouseClick(dialog.add_closure_button, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "Local closure days"
    assert "Christmas Day, not a working day" in dialog.error.text()
    dialog.closures.removeRow(0)
    dialog.prefix.setText("1-bad")
    dialog.tabs.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "References" and "reference prefix" in dialog.error.text()
    dialog.prefix.setText("CR")
    dialog.themes.clear()
    dialog.tabs.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "Themes" and dialog.error.text() == "Keep at least one theme."


def test_training_topics_refused_show_their_page(qtbot, db):
    dialog = _open(qtbot, TrainingSettingsDialog(db, None, "charges"))
    dialog.topics.setPlainText("  \n ")
    _save(qtbot, dialog)
    assert dialog.isVisible() and _page(dialog) == "Topics and notice"
    assert dialog.error.text() == "Keep at least one course topic."


def test_a_training_charge_still_being_typed_is_saved_by_ctrl_s(qtbot, db):
    dialog = _open(qtbot, TrainingSettingsDialog(db, None, "charges"))
    dialog.rates.add_year(2026)
    dialog.rates.setCurrentCell(0, 1)
    dialog.rates.editItem(dialog.rates.item(0, 1))
    [editor] = dialog.rates.viewport().findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "12.50")
    dialog.findChild(QShortcut).activated.emit()  # Ctrl+S, the cell still open
    assert not dialog.isVisible()
    assert st.list_charge_rates(db) == [ChargeRates(2026, Decimal("12.50"), Decimal("0.00"))]
