"""The hint beside each date of the case dialog says a clock's status once, reading naturally:
"Stopped: the case was closed on ...", not "Stopped: Stopped: ..."; "Overdue by 3 working days",
not "Overdue: 3 working days overdue"; every status checked, and the dialog itself."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bscp_desktop.domain.case_review_clocks import clocks_for
from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineRule, DeadlineStatus
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews import dialogs
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

D = date
AWARE = D(2024, 1, 29)  # a Monday: the notification is due Monday 05/02/2024
LCSPR = {"became_aware": D(2023, 5, 1), "notification_sent": D(2023, 5, 2), "decision_date": D(2023, 5, 26)}
REMINDER = DeadlineRule("chase", "Chase the agencies", "became_aware", 3, "working_days", 1, "")
RULE = "5 working days after the date the local authority became aware"

#: (dates, decision, today, extra arguments, the notification clock's hint after its rule, or None)
CASES = [
    ({"became_aware": AWARE}, None, D(2024, 1, 29), {}, "Not yet due: 5 working days left."),
    ({"became_aware": AWARE}, None, D(2024, 2, 1), {}, "Due soon: 2 working days left."),
    ({"became_aware": AWARE}, None, D(2024, 2, 5), {}, "Due today."),
    ({"became_aware": AWARE}, None, D(2024, 2, 8), {}, "Overdue by 3 working days."),
    ({"became_aware": AWARE}, None, D(2024, 2, 6), {}, "Overdue by 1 working day."),
    ({"became_aware": AWARE, "notification_sent": D(2024, 2, 2)}, None, D(2024, 2, 8), {}, "Met on time."),
    ({"became_aware": AWARE, "notification_sent": D(2024, 2, 8)}, None, D(2024, 2, 9), {}, "Met 3 working days late."),
    ({"became_aware": AWARE, "closed": D(2024, 1, 30)}, None, D(2024, 3, 1), {},
     "Stopped: the case was closed on 30/01/2024."),
    ({"became_aware": AWARE, "closed": D(2024, 2, 20)}, None, D(2024, 3, 1), {},
     "Missed: due 05/02/2024, not done when the case was closed on 20/02/2024."),
    (LCSPR, Decision.LCSPR, D(2023, 11, 24), {}, None),  # publication due on a Sunday
    (LCSPR, Decision.LCSPR, D(2023, 9, 1), {"not_published_reason": "The family objected"}, None),
    (LCSPR, Decision.LCSPR, D(2023, 12, 20), {"delay_reason": "Criminal trial"}, None),
    ({**LCSPR, "published": D(2023, 12, 20)}, Decision.LCSPR, D(2024, 1, 5), {"delay_reason": "Criminal trial"}, None),
    (LCSPR, Decision.NO_LCSPR, D(2023, 9, 1), {}, None),
]


def _status_words(status: DeadlineStatus) -> list[str]:
    """The word of a status that must not be said twice: 'overdue', 'late', 'stopped'..."""
    return {DeadlineStatus.MET_LATE: ["late"], DeadlineStatus.MET_ON_TIME: ["met"],
            DeadlineStatus.NOT_REQUIRED: ["required", "not"]}.get(status, [status.label.split()[-1].lower()])


def _hints():
    for dates, decision, today, extra, _expected in CASES:
        for clock in clocks_for((*DEFAULT_RULES, REMINDER), dates, decision, today, **extra):
            yield clock, dialogs._due_text(clock)


def test_every_status_is_said_once():
    seen = set()
    for clock, text in _hints():
        seen.add(clock.status)
        said = text.split(f"{clock.rule_text}. ", 1)[1].lower()
        for word in _status_words(clock.status):
            assert len(re.findall(rf"\b{word}\b", said)) <= 1, text
        assert not re.search(r"(\w+): \1\b", said), text
        assert ".." not in text and ": due " not in text.replace("Missed: due ", ""), text
    assert seen == set(DeadlineStatus)  # every status is checked


@pytest.mark.parametrize("case", [c for c in CASES if c[-1]], ids=lambda c: c[-1].split(":")[0].split(" by")[0])
def test_the_notification_clock_reads_naturally(case):
    dates, decision, today, extra, expected = case
    clock = clocks_for(DEFAULT_RULES, dates, decision, today, **extra)[0]
    assert dialogs._due_text(clock) == f"Due {clock.due:%d/%m/%Y}: {RULE}. {expected}"


def test_a_due_date_on_a_sunday_is_said_once_as_due_soon():
    clock = next(c for c in clocks_for(DEFAULT_RULES, LCSPR, Decision.LCSPR, D(2023, 11, 24)) if c.met_by == "published")
    assert dialogs._due_text(clock).endswith(
        "6 months after the date of the decision to hold an LCSPR. Due soon: today is the last working day before "
        "Sunday 26/11/2023.")  # Friday: the last working day
    clock = next(c for c in clocks_for(DEFAULT_RULES, LCSPR, Decision.LCSPR, D(2023, 11, 25)) if c.met_by == "published")
    assert dialogs._due_text(clock).endswith(
        "6 months after the date of the decision to hold an LCSPR. Due soon: no working day left before Sunday 26/11/2023.")


def test_a_reason_not_to_publish_is_said_without_a_status_before_it():
    clock = next(c for c in clocks_for(DEFAULT_RULES, LCSPR, Decision.LCSPR, D(2023, 9, 1),
                                       not_published_reason="The family objected") if c.met_by == "published")
    assert clock.status is DeadlineStatus.NOT_REQUIRED
    assert dialogs._due_text(clock).endswith("LCSPR. Not published: The family objected.")


def test_the_dialog_of_a_closed_case_says_stopped_and_missed_once(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(alias="Child A", incident_type="serious_harm",
                                                         became_aware=D(2024, 3, 25), closed=D(2024, 4, 10)))
    dialog = CaseReviewDialog(db, case, None, today=D(2024, 5, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: not dialog.loading())
    assert dialog.due_labels["notification_sent"].text() == (
        f"Due 03/04/2024: {RULE}. Missed: due 03/04/2024, not done when the case was closed on 10/04/2024.")
    dialog.closed.set_value(D(2024, 3, 26))
    assert dialog.due_labels["notification_sent"].text() == f"Due 03/04/2024: {RULE}. Stopped: the case was closed on 26/03/2024."
