"""The case review settings dialog: a theme renamed there is renamed on the cases holding it,
saying on how many; Add closure day and Add theme refuse at once what Save would refuse."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog


def _dialog(qtbot, db) -> CaseReviewSettingsDialog:
    dialog = CaseReviewSettingsDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _item(dialog, text: str):
    return next(dialog.themes.item(i) for i in range(dialog.themes.count()) if dialog.themes.item(i).text() == text)


def test_a_theme_renamed_in_the_settings_is_renamed_on_its_cases(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29), themes=("Neglect",)))
    dialog = _dialog(qtbot, db)
    dialog.open_page("themes")
    _item(dialog, "Neglect").setText("Neglect (long)")
    _item(dialog, "Neglect (long)").setText("Neglect (chronic)")  # renamed twice: from the first name to the last
    _item(dialog, "Exploitation").setText("Child exploitation")
    _item(dialog, "Child exploitation").setText("Exploitation")  # renamed back: no rename
    assert dialog.renamed_themes() == {"Neglect": "Neglect (chronic)"}
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert cr.get_case_review(db, case.id).themes == ("Neglect (chronic)",)
    rows = {r.theme: r.total for r in cr.themes_summary(db).rows}
    assert rows["Neglect (chronic)"] == 1 and "Neglect" not in rows
    [told] = dialog.findChildren(QMessageBox)
    assert told.text() == "Settings saved. The renamed theme changed on 1 case."


@pytest.mark.slow  # the first bank holidays read of a run is about 0.3 s
def test_add_closure_day_refuses_a_weekend_or_bank_holiday_beside_the_field(qtbot, db):
    dialog = _dialog(qtbot, db)
    dialog.open_page("closures")
    qtbot.keyClicks(dialog.closure_date.line, "03/02/2024")
    qtbot.mouseClick(dialog.add_closure_button, Qt.MouseButton.LeftButton)
    assert dialog.closures.rowCount() == 0 and dialog.closure_date.line.text() == "03/02/2024"
    assert dialog.closure_error.text() == ("03/02/2024 is a Saturday, not a working day anyway: a closure day is a "
                                           "weekday that is not a bank holiday")
    dialog.closure_date.set_value(date(2024, 12, 25))
    qtbot.mouseClick(dialog.add_closure_button, Qt.MouseButton.LeftButton)
    assert dialog.closures.rowCount() == 0 and "25/12/2024 is Christmas Day" in dialog.closure_error.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # the day typed is refused by Save as well
    assert dialog.isVisible() and "25/12/2024 is Christmas Day" in dialog.error.text()
    dialog.closure_date.set_value(date(2024, 12, 27))
    qtbot.mouseClick(dialog.add_closure_button, Qt.MouseButton.LeftButton)
    assert dialog.closures.rowCount() == 1 and dialog.closure_error.text() == ""
    assert cr.load_settings(db).closures == ()


def test_add_theme_refuses_a_theme_too_long_beside_the_field(qtbot, db):
    dialog = _dialog(qtbot, db)
    dialog.open_page("themes")
    count = dialog.themes.count()
    dialog.new_theme.setText("X" * 300)
    qtbot.mouseClick(dialog.add_theme_button, Qt.MouseButton.LeftButton)
    assert dialog.themes.count() == count
    assert dialog.theme_error.text() == f"The theme '{'X' * 30}…' is too long (at most 100 characters)."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed is lost without a word
    assert dialog.isVisible() and "too long" in dialog.error.text()
    _item(dialog, "Neglect").setText("Y" * 101)
    assert _item(dialog, "Neglect") and "so 'Neglect' keeps its name" in dialog.theme_error.text()
