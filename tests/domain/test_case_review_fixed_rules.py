"""The statutory notification rules are requirements the team cannot change or remove; a care
leaver's death is notified to the Secretary of State and Ofsted and waits for no rapid review;
the Panel told of a delay is a date that has happened; a period not begun has nothing overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bscp_desktop.domain.case_review_clocks import clocked_stages, clocks_for, next_step
from bscp_desktop.domain.case_reviews import CaseKind, check_stage_dates
from bscp_desktop.domain.case_summary import SummaryCase, summarise
from bscp_desktop.domain.deadlines import DEFAULT_RULE_BY_KEY, DEFAULT_RULES, rules_from_dict, rules_to_dict, with_fixed_rules

D = date
AWARE = {"became_aware": D(2024, 1, 29)}
NOTIFIED = {**AWARE, "notification_sent": D(2024, 1, 30), "partners_told": D(2024, 1, 30)}


def test_the_notification_rules_are_fixed_and_the_rapid_review_is_not():
    fixed = {r.key for r in DEFAULT_RULES if r.fixed}
    assert {"notification", "partners_told", "sos_ofsted"} <= fixed
    assert not DEFAULT_RULE_BY_KEY["rapid_review"].fixed  # a Panel expectation, not statute
    assert not DEFAULT_RULE_BY_KEY["lcspr_publication"].fixed  # configurable


def test_a_changed_notification_rule_is_put_back_as_required():
    edited = tuple(replace(r, amount=60, label="Notification") if r.key in ("notification", "partners_told")
                   else replace(r, amount=10) if r.key == "rapid_review" else r for r in DEFAULT_RULES)
    rules = {r.key: r for r in with_fixed_rules(edited)}
    assert rules["notification"] == DEFAULT_RULE_BY_KEY["notification"]
    assert rules["partners_told"].amount == 5
    assert rules["rapid_review"].amount == 10  # the team's choice is kept


def test_removed_notification_rules_come_back_in_their_place():
    without = tuple(r for r in DEFAULT_RULES if r.key not in ("notification", "sos_ofsted"))
    assert [r.key for r in with_fixed_rules(without)] == [r.key for r in DEFAULT_RULES]
    custom = replace(DEFAULT_RULE_BY_KEY["rapid_review"], key="local_target", label="Local target")
    kept = [r.key for r in with_fixed_rules((DEFAULT_RULE_BY_KEY["rapid_review"], custom))]
    assert kept == ["notification", "partners_told", "sos_ofsted", "rapid_review", "partners_decision", "local_target",
                    "panel_report"]  # the decision goes with the rapid review


def test_a_stored_rule_set_of_an_earlier_version_takes_the_care_leaver_clock():
    stored = rules_to_dict(DEFAULT_RULES)
    stored["sos_ofsted"].update(label="Looked-after child's death notified to the Secretary of State and Ofsted",
                                applies_to=["looked_after_death"])
    rules = with_fixed_rules(rules_from_dict(stored))
    assert {r.key: r for r in rules}["sos_ofsted"] == DEFAULT_RULE_BY_KEY["sos_ofsted"]
    clocks = {c.key: c for c in clocks_for(rules, AWARE, None, D(2024, 1, 30), kind=CaseKind.CARE_LEAVER_DEATH)}
    assert clocks["sos_ofsted"].due == D(2024, 2, 5)
    assert clocks["sos_ofsted"].label == "Death notified to the Secretary of State and Ofsted"


def test_a_care_leavers_death_is_notified_to_the_secretary_of_state_and_ofsted():
    for kind in (CaseKind.LOOKED_AFTER_DEATH, CaseKind.CARE_LEAVER_DEATH):
        keys = [c.key for c in clocks_for(DEFAULT_RULES, AWARE, None, D(2024, 1, 30), kind=kind)]
        assert "sos_ofsted" in keys, kind
    child = [c.key for c in clocks_for(DEFAULT_RULES, AWARE, None, D(2024, 1, 30), kind=CaseKind.CHILD_DEATH)]
    assert "sos_ofsted" not in child
    assert CaseKind.CARE_LEAVER_DEATH.label == "Death of a care leaver (up to and including 24)"


def test_a_care_leavers_death_waits_for_no_rapid_review():
    clocked = clocked_stages(DEFAULT_RULES, CaseKind.CARE_LEAVER_DEATH)
    assert "rapid_review_sent" not in clocked
    assert next_step(NOTIFIED, None, clocked=clocked) == "Awaiting the partners' decision"
    assert next_step(AWARE, None, clocked=clocked) == "Awaiting notification to the Panel"
    # a child's death still waits for its rapid review, as its clocks say
    child = clocked_stages(DEFAULT_RULES, CaseKind.CHILD_DEATH)
    assert next_step(NOTIFIED, None, clocked=child) == "Awaiting the rapid review meeting"
    # a team that holds rapid reviews for care leavers too waits for it
    rules = tuple(replace(r, applies_to=()) if r.key == "rapid_review" else r for r in DEFAULT_RULES)
    assert next_step(NOTIFIED, None, clocked=clocked_stages(rules, CaseKind.CARE_LEAVER_DEATH)) == (
        "Awaiting the rapid review meeting")


def test_the_panel_told_of_a_delay_cannot_be_in_the_future():
    dates = {**NOTIFIED, "decision_date": D(2024, 2, 20), "delay_told_panel": D(2150, 1, 1)}
    assert check_stage_dates(dates, today=D(2024, 9, 2)) == {
        "delay_told_panel": "Panel told of the delay (01/01/2150) cannot be in the future"
    }
    assert check_stage_dates({**dates, "delay_told_panel": D(2024, 9, 2)}, today=D(2024, 9, 2)) == {}
    # a plan may be in the future
    assert check_stage_dates({**dates, "delay_told_panel": None, "planned_publication": D(2150, 1, 1)},
                             today=D(2024, 9, 2)) == {}


def test_a_period_not_begun_has_nothing_overdue():
    # aware 29/03/2024, never notified: overdue since 05/04/2024
    case = SummaryCase("BSCP-2024-01", "Child A", D(2024, 3, 29), {"became_aware": D(2024, 3, 29)})
    today = D(2026, 12, 6)
    for start, end in ((D(2027, 4, 1), D(2028, 3, 31)), (D(2030, 1, 1), D(2030, 12, 31))):
        summary = summarise([case], start, end, DEFAULT_RULES, today=today)
        assert [t.overdue_at_end for t in summary.timeliness if t.overdue_at_end] == [], start
        assert summary.cases_considered == 0
    begun = summarise([case], D(2026, 4, 1), D(2027, 3, 31), DEFAULT_RULES, today=today)
    assert next(t for t in begun.timeliness if t.key == "notification").overdue_at_end == 1  # as at today
