"""A month's registrations typed as something that is no number ("12a", "-5") stay shown as
typed when the officer looks at another year and comes back: never replaced by a figure they did
not type ("-1"), which would read as a number the program took."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services.training import figures as fg
from bscp_desktop.ui.training.registrations import RegistrationsDialog


def test_a_refused_figure_is_shown_as_typed_after_another_year_is_looked_at(qtbot, db):
    dialog = RegistrationsDialog(db, today=date(2024, 6, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.year.currentText() == "2024/25"
    dialog.table.item(0, 1).setText("12a")  # April 2024
    dialog.table.item(1, 1).setText("-5")  # May 2024
    dialog.table.item(2, 1).setText("30")  # June 2024
    dialog.year.setCurrentText("2023/24")
    dialog.year.setCurrentText("2024/25")
    assert [dialog.table.item(row, 1).text() for row in range(3)] == ["12a", "-5", "30"]
    assert dialog.error.text() == "New accounts must be a whole number from 0 to 1,000,000: April 2024, May 2024."
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.table.item(0, 1).setText("12")  # corrected, then away and back again: the figure, not the refusal
    dialog.table.item(1, 1).setText("")
    dialog.year.setCurrentText("2023/24")
    dialog.year.setCurrentText("2024/25")
    assert [dialog.table.item(row, 1).text() for row in range(3)] == ["12", "", "30"]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert fg.list_registrations(db) == [(date(2024, 4, 1), 12), (date(2024, 6, 1), 30)]
