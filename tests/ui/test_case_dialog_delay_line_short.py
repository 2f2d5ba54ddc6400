"""The line under Published in the case dialog says the publication was delayed without repeating
the whole reason for the delay typed just below it: a long reason only by its first words."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import clocks_for
from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews import dialogs
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

D = date
LONG_REASON = ("The criminal trial of the child's father was adjourned twice and the police asked that nothing be "
               "published until the jury returned its verdict. " * 25).strip()
QUOTED = "Delayed: The criminal trial of the child's father was adjourned twice and the…"


def test_the_line_under_published_quotes_only_the_first_words_of_a_long_reason(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child PG", IncidentType.SERIOUS_HARM, D(2025, 3, 3), notification_sent=D(2025, 3, 4),
        partners_told=D(2025, 3, 4), rapid_review_sent=D(2025, 3, 20), decision=Decision.LCSPR,
        decision_date=D(2025, 3, 24), published=D(2026, 6, 25), delay_reason=LONG_REASON))
    dialog = CaseReviewDialog(db, case, today=D(2026, 7, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading(), timeout=5000)
    line = dialog.due_labels["published"].text()
    assert line.startswith("Due ") and "working days late" in line
    assert line.endswith(f". {QUOTED}")  # no full stop after the "…"
    assert len(line) < 250
    assert dialogs.editor_text(dialog.delay_reason) == LONG_REASON  # the whole reason, in its own field


def test_a_clock_with_no_due_date_yet_quotes_the_reason_the_same_way():
    clock = next(c for c in clocks_for(DEFAULT_RULES, {}, None, D(2026, 7, 1), delay_reason=LONG_REASON)
                 if c.met_by == "published")
    assert dialogs._due_text(clock).endswith(f"{dialogs.NO_DUE_DATE_YET} {QUOTED}")
