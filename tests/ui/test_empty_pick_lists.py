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
