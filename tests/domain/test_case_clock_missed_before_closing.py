"""Clocks a case cannot hide. A deadline missed before the case closed stays missed (not met) in
the tracker and in every period containing its due date; one still in time when it closed
stops. The partners' decision whether to hold an LCSPR, made with the rapid review, has a clock
of its own, also in rule sets saved before it had one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bscp_desktop.domain.case_review_clocks import clocks_for, next_clock
from bscp_desktop.domain.case_reviews import CaseKind, Decision
from bscp_desktop.domain.case_summary import SummaryCase, summarise
from bscp_desktop.domain.deadlines import DEFAULT_RULE_BY_KEY, DEFAULT_RULES, DeadlineRule, DeadlineStatus, rules_from_dict, rules_to_dict, with_fixed_rules

D = date
TODAY = D(2026, 12, 6)
# notified 03/09/2026: the rapid review (and the decision made with it) due 24/09/2026
NOTIFIED = {"became_aware": D(2026, 9, 1), "notification_sent": D(2026, 9, 3), "partners_told": D(2026, 9, 3)}


def _clocks(dates, rules=DEFAULT_RULES, decision=None, kind=CaseKind.SERIOUS_HARM, today=TODAY):
    return {c.key: c for c in clocks_for(rules, dates, decision, today, kind=kind)}


def _case(dates) -> SummaryCase:
    return SummaryCase("BSCP-2026-01", "Child G", dates["became_aware"], dates, kind=CaseKind.SERIOUS_HARM)


def _rapid(summary):
    return next(t for t in summary.timeliness if t.key == "rapid_review")


def test_a_deadline_passed_before_the_case_closed_is_missed_not_stopped():
    clocks = _clocks({**NOTIFIED, "closed": D(2026, 10, 1)})
    rapid = clocks["rapid_review"]
    assert rapid.due == D(2026, 9, 24)
    assert rapid.status is DeadlineStatus.MISSED and rapid.status.label == "Missed"
    assert rapid.extra_text() == "Missed: due 24/09/2026, not done when the case was closed on 01/10/2026"
    assert not rapid.open and not rapid.met and rapid.working_days_left is None
    assert clocks["notification"].status is DeadlineStatus.MET_ON_TIME  # a clock met stays met
    assert next_clock(clocks.values()) is None  # a closed case has nothing running
    # still in time when the case closed (on the due date, or before it): stopped
    for closed in (D(2026, 9, 24), D(2026, 9, 10)):
        rapid = _clocks({**NOTIFIED, "closed": closed})["rapid_review"]
        assert rapid.status is DeadlineStatus.STOPPED, closed
        assert rapid.note.startswith("Stopped: the case was closed on")
    # no date meets a reminder: past its date, it stops when the case closes, never missed
    reminder = DeadlineRule("chase", "Chase the chronologies", "notification_sent", 5, "working_days", 1)
    clock = _clocks({**NOTIFIED, "closed": D(2026, 10, 1)}, rules=(*DEFAULT_RULES, reminder))["chase"]
    assert clock.status is DeadlineStatus.STOPPED


def test_every_period_containing_the_due_date_counts_the_missed_deadline_as_not_met():
    case = _case({**NOTIFIED, "closed": D(2026, 10, 1)})

    def rapid(start, end):
        return _rapid(summarise([case], start, end, DEFAULT_RULES, today=TODAY))

    half = rapid(D(2026, 4, 1), D(2026, 9, 30))  # open at its end: overdue then
    year = rapid(D(2026, 4, 1), D(2027, 3, 31))  # closed since: missed
    assert (half.on_time, half.late, half.overdue_at_end, half.missed, half.not_met) == (0, 0, 1, 0, 1)
    assert (year.on_time, year.late, year.overdue_at_end, year.missed, year.not_met) == (0, 0, 0, 1, 1)
    september = rapid(D(2026, 9, 1), D(2026, 10, 31))
    assert (september.missed, september.not_met) == (1, 1)
    later = rapid(D(2026, 10, 1), D(2026, 12, 31))  # the due date is not in it
    assert (later.overdue_at_end, later.missed, later.not_met) == (0, 0, 0)
    figures = dict(summarise([case], D(2026, 4, 1), D(2027, 3, 31), DEFAULT_RULES, today=TODAY).figures())
    assert figures["Rapid review sent to the Panel: missed (due in the period, the case closed without it)"] == 1

    # a case closed in time counts nowhere
    case = _case({**NOTIFIED, "closed": D(2026, 9, 10)})
    year = _rapid(summarise([case], D(2026, 4, 1), D(2027, 3, 31), DEFAULT_RULES, today=TODAY))
    assert (year.met, year.overdue_at_end, year.missed) == (0, 0, 0)


# --------------------------------------------------------------- the partners' decision


def test_the_decision_is_due_with_the_rapid_review():
    rule = DEFAULT_RULE_BY_KEY["partners_decision"]
    rapid = DEFAULT_RULE_BY_KEY["rapid_review"]
    assert (rule.anchor, rule.amount, rule.unit, rule.direction) == (rapid.anchor, rapid.amount, rapid.unit, rapid.direction)
    assert rule.met_by == "decision_date" and rule.applies_to == rapid.applies_to
    assert not rule.fixed  # due when the rapid review is, a Panel expectation: the team may change it
    keys = [r.key for r in DEFAULT_RULES]
    assert keys.index("partners_decision") == keys.index("rapid_review") + 1


def test_a_rapid_review_sent_without_a_decision_is_overdue():
    dates = {"became_aware": D(2026, 1, 5), "notification_sent": D(2026, 1, 7), "partners_told": D(2026, 1, 7),
             "rapid_review_sent": D(2026, 1, 28)}
    clocks = _clocks(dates)
    decision = clocks["partners_decision"]
    assert (decision.due, decision.status) == (D(2026, 1, 28), DeadlineStatus.OVERDUE)
    assert next_clock(clocks.values()) is decision
    made = _clocks({**dates, "decision_date": D(2026, 1, 28)}, decision=Decision.NO_LCSPR)["partners_decision"]
    assert made.status is DeadlineStatus.MET_ON_TIME
    # the same day as the rapid review: the rapid review is named first
    assert next_clock(_clocks(NOTIFIED, today=D(2026, 9, 10)).values()).key == "rapid_review"
    # a care leaver's death has no rapid review, nor a decision clock with it
    assert "partners_decision" not in _clocks(NOTIFIED, kind=CaseKind.CARE_LEAVER_DEATH)


def test_a_rule_set_saved_before_the_decision_clock_takes_it_after_the_rapid_review():
    stored = rules_to_dict(DEFAULT_RULES)
    del stored["partners_decision"]
    stored["rapid_review"]["amount"] = 20  # the team's choice
    rules = with_fixed_rules(rules_from_dict(stored))
    assert [r.key for r in rules] == [r.key for r in DEFAULT_RULES]
    assert {r.key: r for r in rules}["partners_decision"] == DEFAULT_RULE_BY_KEY["partners_decision"]
    assert {r.key: r for r in rules}["rapid_review"].amount == 20
    # a decision clock the team changed is kept as changed
    changed = tuple(replace(r, amount=20) if r.key == "partners_decision" else r for r in DEFAULT_RULES)
    assert {r.key: r for r in with_fixed_rules(changed)}["partners_decision"].amount == 20
    # a set without the rapid review clock takes no decision clock: it goes with the rapid review
    without = tuple(r for r in DEFAULT_RULES if r.key not in ("rapid_review", "partners_decision"))
    assert "partners_decision" not in [r.key for r in with_fixed_rules(without)]


def test_the_summary_workbook_has_a_column_of_deadlines_missed(tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop.domain.case_summary import MISSED_HEADING
    from bscp_desktop.reports.case_review_period import summary_workbook

    summary = summarise([_case({**NOTIFIED, "closed": D(2026, 10, 1)})], D(2026, 4, 1), D(2027, 3, 31),
                        DEFAULT_RULES, today=TODAY)
    sheet = load_workbook(summary_workbook(summary, "Brent").save(tmp_path / "s.xlsx"))["Timeliness"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    heading = next(r for r in rows if MISSED_HEADING in r)
    rapid = next(r for r in rows if r[0] == _rapid(summary).label)
    assert rapid[heading.index(MISSED_HEADING)] == 1
