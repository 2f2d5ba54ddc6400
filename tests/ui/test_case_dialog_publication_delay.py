"""The case dialog refuses, as the service does, a planned publication after the date the review
is due to be published while no reason for the delay is recorded, beside Planned publication."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

D = date


def test_a_late_planned_publication_is_refused_until_the_reason_for_the_delay_is_typed(qtbot, db):
    dialog = CaseReviewDialog(db, None, None, today=D(2024, 7, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: not dialog.loading())
    dialog.alias.setText("Child PG")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    dialog.became_aware.set_value(D(2024, 6, 3))
    dialog.notification_sent.set_value(D(2024, 6, 5))
    dialog.rapid_review_sent.set_value(D(2024, 6, 20))
    dialog.decision.setCurrentIndex(dialog.decision.findData(Decision.LCSPR))
    dialog.decision_date.set_value(D(2024, 6, 24))
    dialog.planned_publication.set_value(D(2034, 12, 24))
    assert dialog.check()["planned_publication"] == (
        "Planned publication (24/12/2034) is after the date the review is due to be published (24/12/2024): "
        "record the reason for the delay")
    dialog.delay_reason.setPlainText("Criminal proceedings")
    assert "planned_publication" not in dialog.check()
