"""Two Training settings dialogs open at once: the second one's Save never puts back the rates
the first saved. Left as they were read, the rates are left as the first saved them; changed,
the Save is refused with who changed them (Reload, Compare, Keep editing), and Reload shows
the rates as saved now."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog
from tests.ui.test_settings_conflict import _open, _rows


def _no_show(db) -> list[str]:
    return [str(r.no_show) for r in st.list_charge_rates(db)]


@pytest.mark.slow
def test_a_second_training_settings_dialog_never_puts_back_the_rates_the_first_saved(qtbot, db, theirs, answered):
    shown, answer = answered
    year = financial_year_of(date.today())
    jane = _open(qtbot, TrainingSettingsDialog(theirs))
    topic_only = _open(qtbot, TrainingSettingsDialog(db))
    new_rate = _open(qtbot, TrainingSettingsDialog(db))
    jane._add_year()
    jane.rates.item(0, 1).setText("99.00")  # Jane: this year's no-show charge
    qtbot.mouseClick(jane.save_button, Qt.MouseButton.LeftButton)
    assert _no_show(db) == ["99.00"]

    answer["button"] = "keep"
    new_rate._add_year()
    new_rate.rates.item(0, 1).setText("50.00")
    qtbot.mouseClick(new_rate.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and new_rate.isVisible()
    assert shown[0].message.text().startswith("Jane Smith changed the setting “Charges per financial year” on ")
    label = financial_year_label(year)
    assert _rows(shown[0])["Charges per financial year"] == (
        f"{label}: no-show £50.00, late cancellation £0.00", f"{label}: no-show £99.00, late cancellation £0.00")
    assert new_rate.tabs.currentIndex() == 1  # the page of the charges
    assert _no_show(db) == ["99.00"]

    topic_only.topics.setPlainText(topic_only.topics.toPlainText() + "\nHousing")  # only a topic
    qtbot.mouseClick(topic_only.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and not topic_only.isVisible()
    assert _no_show(db) == ["99.00"] and "Housing" in st.load_settings(db).topics

    answer["button"] = "reload"
    qtbot.mouseClick(new_rate.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 2 and new_rate.rates.item(0, 1).text() == "99.00"  # the rates as saved now
    new_rate.rates.item(0, 1).setText("50.00")
    qtbot.mouseClick(new_rate.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 2 and not new_rate.isVisible() and _no_show(db) == ["50.00"]
