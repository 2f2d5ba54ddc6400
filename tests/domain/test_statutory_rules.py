"""Statutory rules with a fixed "today": the report to the Panel and the Secretary of State,
closed and not-notifiable cases, lateness in working days, clocks per kind of case."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import clocks_for, next_clock, working_days_late_text
from bscp_desktop.domain.case_reviews import AgeBand, CaseKind, Decision, IncidentType, Outcome, case_kind, check_stage_dates, current_stage, not_notifiable_conflicts
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineRule, DeadlineStatus, rules_from_dict, rules_to_dict, with_fixed_rules, working_days_late

D = date
TODAY = D(2024, 9, 2)
# An LCSPR decided on Thu 31 Aug 2023: publication due Thu 29 Feb 2024 (6 months).
LCSPR = {
    "became_aware": D(2023, 8, 1),
    "notification_sent": D(2023, 8, 3),
    "partners_told": D(2023, 8, 3),
    "rapid_review_sent": D(2023, 8, 22),
    "decision_date": D(2023, 8, 31),
    "final_report": D(2024, 1, 15),
}


def clocks(dates, decision=Decision.LCSPR, today=TODAY, **kw):
    kw.setdefault("kind", CaseKind.CHILD_DEATH)
    return {c.key: c for c in clocks_for(DEFAULT_RULES, dates, decision, today, **kw)}


# --------------------------------------------------------------- report to the Panel and SoS


def test_sent_one_working_day_before_publication_is_late():
    # published Wed 6 Mar 2024; sent Tue 5 Mar: 7 working days before is Mon 26 Feb
    c = clocks({**LCSPR, "sent_to_panel_sos": D(2024, 3, 5), "published": D(2024, 3, 6)})
    report = c["panel_report"]
    assert report.due == D(2024, 2, 26)
    assert report.anchor_date == D(2024, 3, 6)
    assert report.status is DeadlineStatus.MET_LATE
    assert report.working_days_late == 6  # 27, 28, 29 Feb, 1, 4, 5 Mar
    assert report.extra_text() == "6 working days late"


def test_sent_seven_working_days_before_a_delayed_publication_is_on_time():
    # publication delayed to Fri 14 Jun 2024 (due 29 Feb); sent Wed 5 Jun = 7 working days before
    c = clocks({**LCSPR, "sent_to_panel_sos": D(2024, 6, 5), "published": D(2024, 6, 14)})
    assert c["panel_report"].due == D(2024, 6, 5)
    assert c["panel_report"].status is DeadlineStatus.MET_ON_TIME
    assert c["panel_report"].working_days_late == 0
    assert c["lcspr_publication"].status is DeadlineStatus.MET_LATE
    # March 20 (Good Friday), April 21 (Easter Monday), May 21 (two bank holidays), June 10
    assert c["lcspr_publication"].working_days_late == 72


def test_publication_delayed_after_the_report_was_sent():
    # sent on Mon 19 Feb for a planned publication on Thu 29 Feb; publication then slipped to
    # 14 Jun: the report was sent well before publication, so it is on time
    before = clocks({**LCSPR, "sent_to_panel_sos": D(2024, 2, 19), "planned_publication": D(2024, 2, 29)},
                    today=D(2024, 2, 20))
    assert before["panel_report"].status is DeadlineStatus.MET_ON_TIME
    after = clocks({**LCSPR, "sent_to_panel_sos": D(2024, 2, 19), "planned_publication": D(2024, 2, 29),
                    "published": D(2024, 6, 14)})
    assert after["panel_report"].due == D(2024, 6, 5)
    assert after["panel_report"].status is DeadlineStatus.MET_ON_TIME


def test_planned_publication_is_counted_from_until_published():
    c = clocks({**LCSPR, "planned_publication": D(2024, 7, 18)}, today=D(2024, 7, 1))
    assert c["panel_report"].anchor_date == D(2024, 7, 18)
    assert c["panel_report"].due == D(2024, 7, 9)
    assert c["panel_report"].status is DeadlineStatus.NOT_YET_DUE
    # no plan and not published: counts from the publication due date
    c = clocks(LCSPR, today=D(2024, 2, 1))
    assert c["panel_report"].anchor_date == D(2024, 2, 29)
    assert c["panel_report"].due == D(2024, 2, 20)


def test_sent_after_publication_is_refused_naming_both_dates():
    errors = check_stage_dates({**LCSPR, "sent_to_panel_sos": D(2024, 3, 7), "published": D(2024, 3, 6)})
    assert errors == {
        "sent_to_panel_sos": "Sent to the Panel and Secretary of State (07/03/2024) cannot be after "
        "publication (06/03/2024)"
    }
    assert check_stage_dates({**LCSPR, "sent_to_panel_sos": D(2024, 3, 6), "published": D(2024, 3, 6)}) == {}


def test_planned_publication_may_be_in_the_future_but_not_before_the_decision():
    assert check_stage_dates({**LCSPR, "planned_publication": D(2025, 1, 31)}, today=TODAY) == {}
    errors = check_stage_dates({**LCSPR, "planned_publication": D(2023, 8, 1)})
    assert "planned_publication" in errors and "31/08/2023" in errors["planned_publication"]


def test_the_report_rule_is_fixed_whatever_is_stored():
    stored = rules_to_dict(DEFAULT_RULES)
    stored["panel_report"].update(anchor="due:lcspr_publication", amount=3)  # an earlier version's
    rules = with_fixed_rules(rules_from_dict(stored))
    assert {r.key: r for r in rules}["panel_report"] == {r.key: r for r in DEFAULT_RULES}["panel_report"]
    without = tuple(r for r in DEFAULT_RULES if r.key != "panel_report")
    assert [r.key for r in with_fixed_rules(without)][-1] == "panel_report"


# --------------------------------------------------------------- closed cases stop their clocks


def test_closed_case_clocks_stop_and_say_why():
    dates = {"became_aware": D(2023, 11, 1), "notification_sent": D(2023, 11, 6), "closed": D(2024, 1, 10)}
    c = clocks(dates, decision=None, today=TODAY)
    assert c["notification"].status is DeadlineStatus.MET_ON_TIME  # met clocks keep their result
    assert c["rapid_review"].status is DeadlineStatus.MISSED  # due 27/11/2023, before the case closed
    assert c["rapid_review"].working_days_left is None
    assert c["rapid_review"].note == "Missed: due 27/11/2023, not done when the case was closed on 10/01/2024"
    assert not any(k.open for k in c.values())
    assert next_clock(c.values()) is None


def test_case_closed_as_not_notifiable_has_no_clocks_left():
    dates = {"became_aware": D(2024, 1, 3), "considered_on": D(2024, 1, 9), "closed": D(2024, 1, 9)}
    assert clocks_for(DEFAULT_RULES, dates, None, TODAY, outcome=Outcome.NOT_NOTIFIABLE) == []
    assert current_stage(dates, None, Outcome.NOT_NOTIFIABLE) == "Closed: not notifiable"
    # the same dates on a case not yet decided would be 160 working days overdue
    open_case = {k: v for k, v in dates.items() if k != "closed"}
    assert clocks(open_case, decision=None)["notification"].status is DeadlineStatus.OVERDUE


def test_not_notifiable_refuses_dates_of_the_notified_route():
    conflicts = not_notifiable_conflicts(
        Outcome.NOT_NOTIFIABLE, {"notification_sent": D(2024, 1, 5), "considered_on": D(2024, 1, 9)}
    )
    assert list(conflicts) == ["notification_sent"]
    assert conflicts["notification_sent"].startswith("Notification sent to the Panel (05/01/2024) is only for a notified case")
    assert not_notifiable_conflicts(Outcome.NOTIFIED, {"notification_sent": D(2024, 1, 5)}) == {}


# --------------------------------------------------------------- lateness in working days


def test_lateness_is_counted_in_working_days():
    # due Thu 28 Mar 2024; done Tue 2 Apr: Good Friday and Easter Monday are not working days
    assert working_days_late(D(2024, 3, 28), D(2024, 4, 2)) == 1
    assert working_days_late(D(2024, 3, 28), D(2024, 3, 28)) == 0
    assert working_days_late(D(2024, 3, 28), D(2024, 3, 20)) == 0
    assert working_days_late(D(2024, 3, 28), None) is None
    # done on the Saturday after a Friday deadline is still late
    assert working_days_late(D(2024, 3, 1), D(2024, 3, 2)) == 1
    assert working_days_late_text(1) == "1 working day late"
    assert working_days_late_text(12) == "12 working days late"
    assert working_days_late_text(0) == ""


def test_met_late_clock_says_working_days_late():
    # aware Mon 29 Jan 2024: due Mon 5 Feb; sent Mon 12 Feb = 5 working days late
    c = clocks({"became_aware": D(2024, 1, 29), "notification_sent": D(2024, 2, 12)}, decision=None)
    assert c["notification"].status is DeadlineStatus.MET_LATE
    assert c["notification"].working_days_late == 5
    assert c["notification"].extra_text() == "5 working days late"


# --------------------------------------------------------------- clocks per kind of case


def test_case_kind_from_what_is_recorded():
    assert case_kind(IncidentType.SERIOUS_HARM, True, None) is CaseKind.SERIOUS_HARM
    assert case_kind(IncidentType.DEATH, False, AgeBand.UNDER_1) is CaseKind.CHILD_DEATH
    assert case_kind(IncidentType.DEATH, True, AgeBand.AGE_14_TO_15) is CaseKind.LOOKED_AFTER_DEATH
    assert case_kind(IncidentType.DEATH, True, AgeBand.AGE_18_PLUS) is CaseKind.CARE_LEAVER_DEATH
    assert case_kind(None, False, None) is None


def test_clocks_depend_on_the_kind_of_case():
    aware = {"became_aware": D(2024, 1, 29)}
    harm = clocks(aware, None, D(2024, 1, 30), kind=CaseKind.SERIOUS_HARM)
    assert "sos_ofsted" not in harm and "partners_told" in harm
    looked_after = clocks(aware, None, D(2024, 1, 30), kind=CaseKind.LOOKED_AFTER_DEATH)
    assert looked_after["sos_ofsted"].due == D(2024, 2, 5)
    assert looked_after["sos_ofsted"].met_by == "sos_ofsted_notified"
    care_leaver = clocks(aware, None, D(2024, 1, 30), kind=CaseKind.CARE_LEAVER_DEATH)
    assert "rapid_review" not in care_leaver and "notification" in care_leaver


def test_telling_the_partners_is_a_clock_of_its_own():
    c = clocks({"became_aware": D(2024, 1, 29), "notification_sent": D(2024, 2, 1)}, None, D(2024, 2, 6))
    assert c["partners_told"].due == D(2024, 2, 5)
    assert c["partners_told"].status is DeadlineStatus.OVERDUE
    assert c["partners_told"].extra_text() == "1 working day overdue"


def test_a_rule_limited_to_other_kinds_is_left_out_and_edited_kinds_are_used():
    custom = DeadlineRule("custom", "Custom", "became_aware", 3, "working_days", 1, "", ("serious_harm",))
    rules = (*DEFAULT_RULES, custom)
    death = {c.key for c in clocks_for(rules, {"became_aware": D(2024, 1, 29)}, None, TODAY, kind="child_death")}
    harm = {c.key for c in clocks_for(rules, {"became_aware": D(2024, 1, 29)}, None, TODAY, kind="serious_harm")}
    assert "custom" not in death and "custom" in harm


# --------------------------------------------------------------- reasons for delay


def test_reason_for_delay_is_shown_beside_the_publication_clock():
    dates = {**LCSPR, "delay_told_panel": D(2024, 2, 12)}
    c = clocks(dates, today=D(2024, 3, 4), delay_reason="Criminal proceedings")
    publication = c["lcspr_publication"]
    assert publication.status is DeadlineStatus.OVERDUE  # still late, with the reason beside it
    assert publication.note == "Delayed: Criminal proceedings (Panel told 12/02/2024)"
    assert publication.extra_text() == "2 working days overdue. Delayed: Criminal proceedings (Panel told 12/02/2024)"
