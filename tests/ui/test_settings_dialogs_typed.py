"""The case review and training settings dialogs: what is typed but not added is saved or
refused by name on Save, and a refusal shows the page it concerns; Enter in a box with an Add
button adds its entry and the dialog stays open; the dialog opens on its page's first field,
and Tab goes as the screen shows (the page's fields, Save, Cancel, the page tabs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QTabBar

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
    dialog.closure_date.set_value(None)  # refused at Add, it stayed in the date box
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


# -- Enter adds, and the dialog stays open


def test_enter_in_new_theme_adds_the_theme_and_saves_nothing(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    before = cr.load_settings(db)
    dialog.open_page("themes")
    dialog.prefix.setText("XX")  # a half-done edit on another page
    qtbot.keyClicks(dialog.new_theme, "Radicalisation")
    qtbot.keyClick(dialog.new_theme, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.theme_list()[-1] == "Radicalisation" and dialog.new_theme.text() == ""
    assert cr.load_settings(db) == before


def test_enter_in_a_closure_days_reason_adds_the_day_and_saves_nothing(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    dialog.open_page("closures")
    qtbot.keyClicks(dialog.closure_date.line, "29/12/2026")
    qtbot.keyClicks(dialog.closure_reason, "Council closure")
    qtbot.keyClick(dialog.closure_reason, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible()
    assert dialog.closure_days() == (cr.ClosureDay(date(2026, 12, 29), "Council closure"),)
    assert cr.load_settings(db).closures == ()


# -- focus and Tab


def _tab_through(qtbot, dialog, presses: int) -> list:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    stops = [QApplication.focusWidget()]
    for _ in range(presses):
        qtbot.keyClick(stops[-1], Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    return stops


def test_training_settings_open_on_the_topics_and_tab_goes_as_the_screen_shows(qtbot, db):
    dialog = _open(qtbot, TrainingSettingsDialog(db))
    stops = _tab_through(qtbot, dialog, 5)
    save, cancel = (dialog.buttons.button(b) for b in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel))
    assert stops[:4] == [dialog.topics, dialog.notice, save, cancel]
    assert isinstance(stops[4], QTabBar) and stops[5] is dialog.topics


def test_case_review_settings_open_on_the_rules_and_reach_save_after_every_field_of_the_page(qtbot, db):
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    stops = _tab_through(qtbot, dialog, 80)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert stops[0] is dialog.rules.table
    at = stops.index(save)
    assert all(dialog.rules.isAncestorOf(w) for w in stops[:at])  # the page's fields first
    assert stops[at + 1] is dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert isinstance(stops[at + 2], QTabBar)
