"""The case dialog refuses clearing the date a case found not notifiable closed, beside Case
closed and on the line above the buttons, rather than saving it with the date put back."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_reviews import IncidentType, Outcome
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog


def open_closed_case(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child A", IncidentType.SERIOUS_HARM, date(2024, 11, 25), outcome=Outcome.NOT_NOTIFIABLE,
        considered_on=date(2024, 11, 28), closed=date(2024, 12, 1)))
    dialog = CaseReviewDialog(db, case, today=date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.whole, timeout=5000)
    return case, dialog


def test_clearing_case_closed_on_a_not_notifiable_case_says_why_and_saves_nothing(qtbot, db):
    case, dialog = open_closed_case(qtbot, db)
    assert dialog.save_button.isEnabled()
    dialog.closed.set_value(None)
    assert not dialog.save_button.isEnabled()
    said = dialog.error_labels["closed"].text()
    assert said.startswith("Case closed cannot be left empty while the outcome is Not notifiable")
    assert "01/12/2024" in said and "change the outcome" in said
    assert dialog.status.text().startswith("Case closed cannot be left empty")
    dialog._on_save()
    assert dialog.isVisible() and cr.get_case_review(db, case.id).closed == date(2024, 12, 1)


def test_changing_the_outcome_reopens_the_case(qtbot, db):
    case, dialog = open_closed_case(qtbot, db)
    dialog.closed.set_value(None)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(None))
    assert dialog.save_button.isEnabled(), dialog.status.text()
    dialog._on_save()
    assert not dialog.isVisible()
    saved = cr.get_case_review(db, case.id)
    assert saved.outcome is None and saved.closed is None
