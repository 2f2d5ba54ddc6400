"""An output of the record chosen in a list (a case's summary, a session's sign-in sheet, a
delegate's certificate), asked
for on a new database where the list holds none, says how to add one, not only to choose one."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.training.tab import TrainingTab


def test_the_case_summary_and_the_sign_in_sheet_say_how_to_add_the_first(qtbot, db, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text, *_a: said.append((title, text)))
    cases = CaseReviewsTab(db)
    qtbot.addWidget(cases)
    cases.output("case").trigger()
    training = TrainingTab(db)
    qtbot.addWidget(training)
    training.output("session-register").trigger()
    training.output("certificate").trigger()
    assert said == [
        ("Case summary", "Select a case in the tracker first; with none recorded yet, add one with New case review."),
        ("Sign-in sheet", "Select a session on the Sessions page first; with none yet, add one there with New session."),
        ("Certificate of attendance", "Select the booking of someone who attended, on the Bookings page, first; with "
                                      "none yet, add one there with New booking, and mark them attended in the "
                                      "session's Register… once it is held."),
    ]
