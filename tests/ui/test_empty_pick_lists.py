"""A dialog whose pick list is empty says what to add first and offers to add it (issue: daily
use, point 7), in the Training and Finance tabs as in the others."""

from __future__ import annotations

from bscp_desktop.ui.finance.dialogs import ContributionDialog
from bscp_desktop.ui.training.booking_dialogs import BookingDialog, EvaluationDialog


def offer(dialog, field):
    box = dialog.fields[field].parentWidget()
    notes = [w for w in box.children() if type(w).__name__ == "AddFirst"]
    return notes[0] if notes else None


def test_a_booking_or_evaluation_with_no_sessions_offers_to_add_one(qtbot, db):
    for cls in (BookingDialog, EvaluationDialog):
        dialog = cls(db, None)
        qtbot.addWidget(dialog)
        note = offer(dialog, "session_id")
        assert note is not None and "No sessions yet" in note.note.text()
        assert note.button.text() == "Add a session…"


def test_a_contribution_with_no_organisations_offers_to_add_one(qtbot, db, monkeypatch):
    dialog = ContributionDialog(db, None)
    qtbot.addWidget(dialog)
    note = offer(dialog, "organisation_id")
    assert note is not None and "No organisations yet" in note.note.text()
    opened = []

    class Fake:
        def __init__(self, db, record, parent):
            opened.append(parent)

        def exec(self):
            return False

    monkeypatch.setattr("bscp_desktop.ui.memberships.dialogs.OrganisationDialog", Fake)
    note.button.click()
    assert opened == [dialog]


def test_a_learning_point_or_recommendation_with_no_record_to_come_from_offers_to_add_one(qtbot, db):
    from bscp_desktop.ui.actions.recommendations import RecommendationDialog
    from bscp_desktop.ui.audits.audit_dialogs import AuditDialog, LearningDialog
    from bscp_desktop.ui.audits.recommendations_page import RECOMMENDATIONS as AUDIT_RECOMMENDATIONS
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog
    from bscp_desktop.ui.case_reviews.tab import RECOMMENDATIONS as CASE_RECOMMENDATIONS

    learning = LearningDialog(db, None)
    qtbot.addWidget(learning)
    note = offer(learning, "audit_id")
    assert note.note.text() == "No audits yet: add the audit first." and note.button.text() == "Add an audit…"
    for view, words, button, made in ((AUDIT_RECOMMENDATIONS, "No audits yet", "Add an audit…", AuditDialog),
                                      (CASE_RECOMMENDATIONS, "No cases yet", "Add a case…", CaseReviewDialog)):
        dialog = RecommendationDialog(db, view)
        qtbot.addWidget(dialog)
        note = offer(dialog, view.book.parent_key)
        assert note is not None and note.note.text().startswith(words) and note.button.text() == button
        child = view.new_record(db, dialog)
        qtbot.addWidget(child)
        assert isinstance(child, made)
