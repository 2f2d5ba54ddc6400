"""Saving the settings keeps the statutory notification rules as required; a care leaver's death
has the Secretary of State and Ofsted clock, and the tracker waits for no rapid review of it; the
Panel told of a delay is refused in the future."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.deadlines import DEFAULT_RULE_BY_KEY, DEFAULT_RULES
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr

D = date


def test_the_notification_rules_cannot_be_changed_or_removed_in_the_settings(db):
    settings = cr.load_settings(db)
    changed = tuple(replace(r, amount=60) if r.key in ("notification", "rapid_review") else r for r in settings.rules)
    first = cr.save_settings(db, replace(settings, rules=changed))
    saved = {r.key: r for r in first.rules}
    assert saved["notification"] == DEFAULT_RULE_BY_KEY["notification"]
    assert saved["rapid_review"].amount == 60  # a local choice
    removed = tuple(r for r in first.rules if r.key not in ("notification", "partners_told", "sos_ofsted"))
    kept = cr.save_settings(db, replace(first, rules=removed)).rules
    assert [r.key for r in kept] == [r.key for r in DEFAULT_RULES]
    assert [r.key for r in cr.load_settings(db).rules] == [r.key for r in DEFAULT_RULES]


def test_a_care_leavers_death_has_the_secretary_of_state_clock_and_no_rapid_review_step(db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Young person A", "death", D(2024, 10, 1), age_band="18_plus", looked_after=True,
        notification_sent=D(2024, 10, 4), partners_told=D(2024, 10, 4), sos_ofsted_notified=D(2024, 10, 4)))
    row = cr.tracker_row(db, case.id, today=D(2024, 10, 10))
    assert case.kind.label == "Death of a care leaver (up to and including 24)"
    clocks = {c.key: c for c in row.clocks}
    assert "rapid_review" not in clocks and clocks["sos_ofsted"].met
    assert row.next is None
    assert row.next_text == "Awaiting the partners' decision"
    child = cr.create_case_review(db, cr.CaseReviewFields(
        "Child B", "death", D(2024, 10, 1), notification_sent=D(2024, 10, 4), partners_told=D(2024, 10, 4)))
    assert cr.tracker_row(db, child.id, today=D(2024, 10, 4)).next_step == "Awaiting the rapid review meeting"


def test_the_panel_told_of_a_delay_is_refused_in_the_future(db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", D(2024, 3, 29)))
    fields = replace(case.to_fields(), notification_sent=D(2024, 4, 8), rapid_review_sent=D(2024, 4, 29),
                     decision="lcspr", decision_date=D(2024, 4, 29), delay_reason="Criminal proceedings",
                     delay_told_panel=D(2150, 1, 1))
    with pytest.raises(ValidationError) as refused:
        cr.update_case_review(db, case.id, fields)
    assert refused.value.errors == {"delay_told_panel": "Panel told of the delay (01/01/2150) cannot be in the future"}
    saved = cr.update_case_review(db, case.id, replace(fields, delay_told_panel=D(2024, 11, 4)))
    assert saved.delay_told_panel == D(2024, 11, 4)
