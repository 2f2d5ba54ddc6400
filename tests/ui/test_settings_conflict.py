"""The settings dialogs when someone else saved a setting after the dialog opened: Save is
refused with who and when, nothing is saved, and Reload shows the settings as saved now (two
connections to one file stand for two officers)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services import audits
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import settings as team
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.audits.audit_dialogs import AuditSettingsDialog
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.common.conflict import ConflictDialog
from bscp_desktop.ui.finance.dialogs import FinanceSettingsDialog
from bscp_desktop.ui.setup_checklist import PartnershipNameDialog
from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

CLOSURE = cr.ClosureDay(date(2026, 12, 29), "Council closure")


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(conflict: ConflictDialog) -> dict[str, tuple[str, str]]:
    table = conflict.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}


def _closure_days(dialog) -> list[str]:
    return [dialog.closures.item(r, 0).text() for r in range(dialog.closures.rowCount())]


@pytest.mark.slow
def test_a_case_review_settings_save_after_another_officers_closure_day_is_refused_and_reload_shows_it(
    qtbot, db, theirs, answered
):
    shown, _answer = answered
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    jane = cr.load_settings(theirs)
    cr.save_settings(theirs, replace(jane, closures=(CLOSURE,)))  # Jane saves while the dialog is open

    qtbot.keyClicks(dialog.new_theme, "Radicalisation")
    qtbot.mouseClick(dialog.add_theme_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(shown) == 1 and dialog.isVisible()  # not saved, still open
    message = shown[0].message.text()
    assert message.startswith("Jane Smith changed the setting “Local closure days” on ")
    assert "after you opened the settings" in message and "not been saved" in message
    assert _rows(shown[0]) == {"Local closure days": ("None", "29/12/2026 Council closure")}
    assert "Saved by Jane Smith" in shown[0].table.horizontalHeaderItem(2).text()
    saved = cr.load_settings(db)
    assert saved.closures == (CLOSURE,) and "Radicalisation" not in saved.themes  # Jane's day kept
    # Reload: the dialog shows the settings as Jane saved them, on the page of the change
    assert _closure_days(dialog) == ["29/12/2026 (Tuesday)"]
    assert "Radicalisation" not in dialog.theme_list()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Local closure days"
    assert dialog.error.text().startswith("Reloaded: these are the settings as Jane Smith saved them")
    assert dialog.changed_fields() == []  # nothing changed since the reload
    # the theme added again is saved, with Jane's closure day
    qtbot.keyClicks(dialog.new_theme, "Radicalisation")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and not dialog.isVisible()
    saved = cr.load_settings(db)
    assert saved.closures == (CLOSURE,) and saved.themes[-1] == "Radicalisation"


def test_keep_editing_keeps_what_the_officer_typed_and_saves_nothing(qtbot, db, theirs, answered):
    shown, answer = answered
    answer["button"] = "keep"
    dialog = _open(qtbot, CaseReviewSettingsDialog(db))
    cr.save_settings(theirs, replace(cr.load_settings(theirs), reference_prefix="SCR"))
    dialog.prefix.setText("RR")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and dialog.isVisible()
    assert dialog.prefix.text() == "RR" and dialog.tabs.tabText(dialog.tabs.currentIndex()) == "References"
    assert dialog.error.text().startswith("Jane Smith changed the setting “Reference prefix”")
    assert _rows(shown[0]) == {"Reference prefix": ("RR", "SCR")}
    assert cr.load_settings(db).reference_prefix == "SCR"


def test_a_form_of_settings_is_refused_the_same_way_and_reloads_them(qtbot, db, theirs, answered):
    shown, _answer = answered
    dialog = _open(qtbot, AuditSettingsDialog(db))
    audits.save_settings(theirs, replace(audits.load_settings(theirs), reference_prefix="CA"))
    dialog.prefix.setText("AUD")
    dialog._on_save()
    assert len(shown) == 1 and dialog.isVisible()
    assert shown[0].message.text().startswith("Jane Smith changed the setting “Reference prefix”")
    assert _rows(shown[0]) == {"Reference prefix": ("AUD", "CA")}
    assert audits.load_settings(db).reference_prefix == "CA"
    assert dialog.prefix.text() == "CA" and dialog.status.text().startswith("Reloaded")

    name = _open(qtbot, PartnershipNameDialog(db))
    team.set_partnership_name(theirs, "Brent Safeguarding Children Partnership")
    name.name.setText("Harrow Safeguarding Children Partnership")
    name._on_save()
    assert len(shown) == 2 and name.isVisible()
    assert team.partnership_name(db) == "Brent Safeguarding Children Partnership"
    assert name.name.text() == "Brent Safeguarding Children Partnership"


def test_the_training_and_finance_settings_reload_what_was_saved_since(qtbot, db, theirs, answered):
    shown, _answer = answered
    training = _open(qtbot, TrainingSettingsDialog(db))
    st.save_all(theirs, replace(st.load_settings(theirs), late_cancellation_days=7),
                [ChargeRates(2024, Decimal("25.00"), Decimal("10.00"))], today=date(2024, 12, 5))
    training.notice.setValue(3)
    qtbot.mouseClick(training.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and training.isVisible()
    assert "“Notice for a late cancellation”" in shown[0].message.text()
    assert _rows(shown[0]) == {"Notice for a late cancellation": ("3", "7")}
    assert training.notice.value() == 7 and training.rates.rates() == [ChargeRates(2024, Decimal("25.00"), Decimal("10.00"))]
    assert st.load_settings(db).late_cancellation_days == 7

    finance = _open(qtbot, FinanceSettingsDialog(db))
    fin.save_settings(theirs, replace(fin.load_settings(theirs), overdue_days=45))
    finance.days.setValue(60)
    finance._on_save()
    assert len(shown) == 2 and finance.isVisible() and finance.days.value() == 45
    assert fin.load_settings(db).overdue_days == 45
