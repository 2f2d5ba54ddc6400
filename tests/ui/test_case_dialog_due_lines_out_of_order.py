"""A date the case dialog refuses as out of order is never called met on the due line under it:
a step dated before the date its clock counts from meets nothing, in the dialog, the tracker and
the clock's status the reports print."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import clocks_for
from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineStatus
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

D = date
AWARE, NOTIFIED, RAPID_REVIEW = D(2024, 11, 20), D(2024, 11, 18), D(2024, 11, 8)


def _new_case_dialog(qtbot, db) -> CaseReviewDialog:
    dialog = CaseReviewDialog(db, None, None, today=D(2024, 12, 9))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: not dialog.loading())
    dialog.alias.setText("Child A")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    dialog.became_aware.set_value(AWARE)
    dialog.notification_sent.set_value(NOTIFIED)
    dialog.rapid_review_sent.set_value(RAPID_REVIEW)
    return dialog


def test_a_date_refused_as_out_of_order_is_not_called_met_beside_it(qtbot, db):
    dialog = _new_case_dialog(qtbot, db)
    errors = dialog.check()
    assert "notification_sent" in errors and "rapid_review_sent" in errors  # refused, as before
    notification = dialog.due_labels["notification_sent"].text()
    assert "met" not in notification.lower(), notification
    assert notification.startswith("Due 27/11/2024: 5 working days after the date the local authority became aware.")
    assert notification.endswith(
        "Not counted: the date recorded (18/11/2024) is before the date it counts from (20/11/2024).")
    rapid_review = dialog.due_labels["rapid_review_sent"].text()
    assert "met" not in rapid_review.lower(), rapid_review
    assert "Not counted: the date recorded (08/11/2024) is before the date it counts from (18/11/2024)" in rapid_review


def test_the_due_line_says_met_again_once_the_dates_are_in_order(qtbot, db):
    dialog = _new_case_dialog(qtbot, db)
    dialog.became_aware.set_value(D(2024, 11, 15))
    dialog.check()
    assert dialog.due_labels["notification_sent"].text().endswith("Met on time.")


def test_a_clock_met_by_a_date_before_it_starts_is_not_met_for_the_tracker_and_reports():
    dates = {"became_aware": AWARE, "notification_sent": NOTIFIED, "rapid_review_sent": RAPID_REVIEW}
    clocks = {c.key: c for c in clocks_for(DEFAULT_RULES, dates, None, D(2024, 12, 9), kind="serious_harm")}
    for key in ("notification", "rapid_review"):
        assert not clocks[key].met and clocks[key].status is not DeadlineStatus.MET_ON_TIME
        assert clocks[key].working_days_late is None
    # on the day it counts from is on time (day 0), and the report to the Panel, counted back from
    # publication, is met by a date before it
    same_day = {c.key: c for c in clocks_for(DEFAULT_RULES, {"became_aware": AWARE, "notification_sent": AWARE},
                                             None, D(2024, 12, 9))}
    assert same_day["notification"].status is DeadlineStatus.MET_ON_TIME
    lcspr = {"became_aware": D(2024, 1, 2), "notification_sent": D(2024, 1, 5), "decision_date": D(2024, 2, 1),
             "sent_to_panel_sos": D(2024, 7, 10), "published": D(2024, 7, 25)}
    report = next(c for c in clocks_for(DEFAULT_RULES, lcspr, Decision.LCSPR, D(2024, 8, 1)) if c.key == "panel_report")
    assert report.status is DeadlineStatus.MET_ON_TIME
