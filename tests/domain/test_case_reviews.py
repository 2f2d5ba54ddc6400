"""Case review rules: stage order, references, themes and clocks."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.case_review_clocks import clocks_for, days_left_text, next_clock
from bscp_desktop.domain.case_reviews import (
    STAGE_KEYS,
    AgeBand,
    CaseKind,
    Decision,
    IncidentType,
    check_stage_dates,
    count_by_theme_and_year,
    current_stage,
    lcspr_dates_without_decision,
    looks_like_a_name,
    name_warnings,
    names_in_text,
    next_reference,
    parse_enum,
)
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineStatus, rules_from_dict, rules_to_dict
from bscp_desktop.domain.validation import clean_names

D = date


# --------------------------------------------------------------------------- stage order


def test_the_example_message_names_both_dates():
    errors = check_stage_dates(
        {"became_aware": D(2024, 1, 29), "notification_sent": D(2024, 2, 5),
         "rapid_review_sent": D(2024, 2, 3)}
    )
    assert errors == {
        "rapid_review_sent": "Rapid review sent to the Panel (03/02/2024) cannot be before "
        "notification sent (05/02/2024)"
    }


def test_a_decision_before_the_notification_is_refused():
    # the decision comes with the rapid review, which follows the notification to the Panel
    errors = check_stage_dates({"became_aware": D(2024, 1, 2), "notification_sent": D(2024, 1, 8),
                                "decision_date": D(2024, 1, 5)})
    assert errors == {
        "decision_date": "Decision date (05/01/2024) cannot be before notification sent (08/01/2024)"
    }


def test_publication_before_final_report_is_refused():
    errors = check_stage_dates({"final_report": D(2024, 6, 10), "published": D(2024, 6, 1)})
    assert errors == {
        "published": "Published (01/06/2024) cannot be before the final report (10/06/2024)"
    }


def test_dates_in_order_pass_and_equal_dates_are_allowed():
    dates = {key: D(2024, 3, 1) for key in STAGE_KEYS}
    assert check_stage_dates(dates) == {}
    assert check_stage_dates({}) == {}


def test_nearest_recorded_earlier_date_is_named():
    # no notification recorded: the rapid review is compared with the date of becoming aware
    errors = check_stage_dates({"became_aware": D(2024, 1, 10), "rapid_review_sent": D(2024, 1, 9)})
    assert "the date the local authority became aware (10/01/2024)" in errors["rapid_review_sent"]


def test_closing_before_any_other_stage_is_refused():
    errors = check_stage_dates({"became_aware": D(2024, 1, 10), "published": D(2024, 9, 1),
                                "closed": D(2024, 8, 1)})
    assert errors["closed"] == "Case closed (01/08/2024) cannot be before publication (01/09/2024)"


def test_awareness_before_incident_is_refused():
    errors = check_stage_dates({"incident_date": D(2024, 1, 10), "became_aware": D(2024, 1, 9)})
    assert errors["became_aware"].endswith("cannot be before the incident date (10/01/2024)")


def test_future_dates_refused_only_when_asked():
    dates = {"became_aware": D(2030, 1, 1)}
    assert check_stage_dates(dates) == {}
    assert "cannot be in the future" in check_stage_dates(dates, today=D(2024, 1, 1))["became_aware"]


def test_lcspr_dates_need_an_lcspr_decision():
    dates = {"final_report": D(2024, 5, 1)}
    assert lcspr_dates_without_decision(Decision.LCSPR, dates) == {}
    assert "only for an LCSPR" in lcspr_dates_without_decision(Decision.NO_LCSPR, dates)["final_report"]
    assert set(lcspr_dates_without_decision(None, dates)) == {"final_report"}


def test_current_stage():
    assert current_stage({}, None) == "Not yet recorded"
    assert current_stage({"became_aware": D(2024, 1, 1)}, None) == "Awaiting notification"
    dates = {"became_aware": D(2024, 1, 1), "notification_sent": D(2024, 1, 3),
             "rapid_review_sent": D(2024, 1, 20)}
    assert current_stage(dates, None) == "Rapid review sent"
    dates["decision_date"] = D(2024, 1, 20)
    assert current_stage(dates, Decision.NO_LCSPR) == "Decision: No LCSPR"
    assert current_stage(dates, None) == "Decision date recorded"
    dates["published"] = D(2024, 7, 1)
    assert current_stage(dates, Decision.LCSPR) == "LCSPR published"
    dates["closed"] = D(2024, 8, 1)
    assert current_stage(dates, Decision.LCSPR) == "Closed"


# --------------------------------------------------------------------------- references, enums


def test_next_reference_counts_within_the_year_and_prefix():
    assert next_reference("BSCP", 2024, []) == "BSCP-2024-01"
    existing = ["BSCP-2024-01", "BSCP-2024-02", "BSCP-2023-07", "OTHER-2024-09", "junk"]
    assert next_reference("BSCP", 2024, existing) == "BSCP-2024-03"
    assert next_reference("BSCP", 2023, existing) == "BSCP-2023-08"
    assert next_reference("BSCP", 2025, existing) == "BSCP-2025-01"
    assert next_reference("BSCP", 2024, ["BSCP-2024-99"]) == "BSCP-2024-100"


def test_parse_enum_takes_values_and_labels():
    assert parse_enum(IncidentType, "death") is IncidentType.DEATH
    assert parse_enum(IncidentType, "Serious harm") is IncidentType.SERIOUS_HARM
    assert parse_enum(AgeBand, "under 1 year") is AgeBand.UNDER_1
    assert parse_enum(Decision, "") is None
    with pytest.raises(ValueError):
        parse_enum(Decision, "maybe")


def test_themes_are_cleaned_and_counted_by_financial_year():
    assert clean_names([" Neglect ", "neglect", "", "Domestic  abuse"]) == ["Neglect", "Domestic abuse"]
    counts = count_by_theme_and_year(
        [
            (D(2023, 3, 31), ["Neglect"]),  # 2022/23
            (D(2023, 4, 1), ["Neglect", "Domestic abuse"]),  # 2023/24
            (D(2024, 2, 1), ["neglect"]),
            (D(2024, 2, 2), []),
        ]
    )
    assert counts == {
        "Neglect": {2022: 1, 2023: 2},
        "Domestic abuse": {2023: 1},
        "No theme recorded": {2023: 1},
    }


# --------------------------------------------------------------------------- clocks


TODAY = D(2024, 3, 1)


def clocks(dates, decision=None, today=TODAY, **kw):
    return {c.key: c for c in clocks_for(DEFAULT_RULES, dates, decision, today, **kw)}


def test_clocks_before_notification():
    # aware Mon 29 Jan 2024: notification due Mon 5 Feb
    c = clocks({"became_aware": D(2024, 1, 29)}, today=D(2024, 1, 31))
    assert c["notification"].due == D(2024, 2, 5)
    assert c["notification"].status is DeadlineStatus.NOT_YET_DUE
    assert c["notification"].working_days_left == 3  # Thu 1, Fri 2, Mon 5 Feb
    assert c["notification"].rule_text == "5 working days after the date the local authority became aware"
    assert c["rapid_review"].status is DeadlineStatus.NOT_APPLICABLE
    assert c["rapid_review"].due is None
    assert next_clock(c.values()).key == "notification"


def test_clock_status_on_both_sides_of_each_boundary():
    dates = {"became_aware": D(2024, 1, 29)}  # due Mon 5 Feb 2024
    by_day = {
        D(2024, 1, 31): DeadlineStatus.NOT_YET_DUE,  # Wed: Thu, Fri, Mon = 3 left
        D(2024, 2, 1): DeadlineStatus.DUE_SOON,  # Thu: Fri, Mon = 2 left
        D(2024, 2, 5): DeadlineStatus.DUE_SOON,  # the due date
        D(2024, 2, 6): DeadlineStatus.OVERDUE,
    }
    for today, expected in by_day.items():
        assert clocks(dates, today=today)["notification"].status is expected, today
    done_on_time = {**dates, "notification_sent": D(2024, 2, 5)}
    assert clocks(done_on_time, today=D(2024, 2, 20))["notification"].status is DeadlineStatus.MET_ON_TIME
    done_late = {**dates, "notification_sent": D(2024, 2, 6)}
    assert clocks(done_late, today=D(2024, 2, 20))["notification"].status is DeadlineStatus.MET_LATE


def test_rapid_review_counts_from_the_notification_across_easter():
    # notification Thu 21 Mar 2024; Good Friday 29 Mar and Easter Monday 1 Apr are skipped
    c = clocks({"became_aware": D(2024, 3, 18), "notification_sent": D(2024, 3, 21)}, today=D(2024, 3, 22))
    assert c["rapid_review"].due == D(2024, 4, 15)
    assert c["rapid_review"].anchor_date == D(2024, 3, 21)


def test_local_closures_move_the_clock():
    dates = {"became_aware": D(2024, 1, 29)}
    c = clocks(dates, today=D(2024, 1, 29), closures=[D(2024, 1, 31)])
    assert c["notification"].due == D(2024, 2, 6)


def test_lcspr_clocks_start_with_an_lcspr_decision():
    dates = {"became_aware": D(2023, 8, 1), "notification_sent": D(2023, 8, 3),
             "decision_date": D(2023, 8, 31)}
    c = clocks(dates, Decision.LCSPR, today=D(2024, 1, 2))
    assert c["lcspr_publication"].due == D(2024, 2, 29)  # 6 months, clamped to leap day
    assert c["panel_report"].due == D(2024, 2, 20)  # 7 working days before
    assert c["panel_report"].anchor_date == D(2024, 2, 29)
    none = clocks(dates, Decision.NO_LCSPR, today=D(2024, 1, 2))
    assert none["lcspr_publication"].status is DeadlineStatus.NOT_REQUIRED
    assert "No LCSPR" in none["lcspr_publication"].note
    assert none["panel_report"].status is DeadlineStatus.NOT_REQUIRED
    undecided = clocks(dates, None, today=D(2024, 1, 2))
    assert undecided["lcspr_publication"].status is DeadlineStatus.NOT_APPLICABLE


def test_not_published_with_a_reason_stops_the_publication_clock():
    dates = {"became_aware": D(2023, 8, 1), "decision_date": D(2023, 8, 31)}
    c = clocks(dates, Decision.LCSPR, today=D(2024, 6, 1), not_published_reason="Risk to a sibling")
    assert c["lcspr_publication"].status is DeadlineStatus.NOT_REQUIRED
    assert c["lcspr_publication"].note == "Not published: Risk to a sibling"
    assert c["panel_report"].status is DeadlineStatus.OVERDUE  # still owed to the Panel


def test_edited_rules_are_used():
    stored = rules_to_dict(DEFAULT_RULES)
    stored["rapid_review"]["amount"] = 3  # a local choice (the notification's 5 working days are not)
    rules = rules_from_dict(stored)
    dates = {"became_aware": D(2024, 1, 29), "notification_sent": D(2024, 1, 29)}
    c = {x.key: x for x in clocks_for(rules, dates, None, D(2024, 1, 29))}
    assert c["rapid_review"].due == D(2024, 2, 1)
    assert c["rapid_review"].rule_text.startswith("3 working days after")


def test_next_clock_prefers_the_earliest_open_due_date():
    dates = {"became_aware": D(2024, 1, 1), "notification_sent": D(2024, 1, 2), "partners_told": D(2024, 1, 2)}
    c = clocks(dates, today=D(2024, 3, 1), kind=CaseKind.SERIOUS_HARM)
    assert next_clock(c.values()).key == "rapid_review"
    assert next_clock([]) is None


def test_days_left_text():
    assert days_left_text(None) == ""
    assert days_left_text(0) == "Due today"
    assert days_left_text(1) == "1 working day left"
    assert days_left_text(3) == "3 working days left"
    assert days_left_text(-1) == "1 working day overdue"
    assert days_left_text(-4) == "4 working days overdue"


def test_a_deadline_on_a_weekend_is_due_today_only_on_its_day():
    """Six months from a decision on Sunday 1 September 2024 is Saturday 1 March 2025: the
    Friday is the last working day before it, but it is not due that day."""
    dates = {"became_aware": D(2024, 8, 1), "notification": D(2024, 8, 2), "rapid_review_sent": D(2024, 8, 20),
             "decision_date": D(2024, 9, 1)}
    by_day = {day: clocks(dates, Decision.LCSPR, today=day)["lcspr_publication"]
              for day in (D(2025, 2, 27), D(2025, 2, 28), D(2025, 3, 1), D(2025, 3, 2), D(2025, 3, 3))}
    assert {c.due for c in by_day.values()} == {D(2025, 3, 1)}
    assert [c.left_text for c in by_day.values()] == [
        "1 working day left",
        "Due Saturday 01/03/2025: today is the last working day",
        "Due today",
        "1 working day overdue",
        "1 working day overdue",
    ]
    assert by_day[D(2025, 2, 28)].extra_text() == "Due Saturday 01/03/2025: today is the last working day"


def test_a_deadline_on_a_sunday_has_no_working_day_left_on_the_saturday():
    """Six months from a decision on Monday 31 August 2026 is Sunday 28 February 2027: the
    Friday is the last working day to do it; on the Saturday none is left."""
    dates = {"became_aware": D(2026, 8, 24), "notification": D(2026, 8, 27), "rapid_review_sent": D(2026, 8, 28),
             "decision_date": D(2026, 8, 31)}
    texts = {day: clocks(dates, Decision.LCSPR, today=day)["lcspr_publication"].left_text
             for day in (D(2027, 2, 26), D(2027, 2, 27), D(2027, 2, 28))}
    assert texts == {D(2027, 2, 26): "Due Sunday 28/02/2027: today is the last working day",
                     D(2027, 2, 27): "Due Sunday 28/02/2027: no working day left",
                     D(2027, 2, 28): "Due today"}


@pytest.mark.parametrize(
    "text",
    ["Mary Smith", "Child Mary Smith", "Żaneta Kowalska", "O'Brien Kelly", "Jean-Paul Sartre", "Nguyễn Ánh"],
)
def test_real_names_look_like_names(text):
    assert looks_like_a_name(text)


@pytest.mark.parametrize(
    "text",
    ["Child A", "Baby B", "Sibling group C", "Child Alpha", "LAC Child", "mary smith", "", "Case 12 Child B", "Smith"],
)
def test_aliases_do_not_look_like_names(text):
    assert not looks_like_a_name(text)


@pytest.mark.parametrize("text", ["Mary SMITH", "SMITH, Mary", "Jayden O'BRIEN", "Kevin JONES", "Ayesha BEGUM-KHAN"])
def test_a_surname_in_capitals_beside_a_forename_looks_like_a_name(text):
    assert looks_like_a_name(text)
    assert names_in_text(f"Child A was taken to hospital by {text} on Monday.") == [text]


@pytest.mark.parametrize("text", [
    "LAC Child", "Child AB", "Brent MASH", "CAMHS Team", "Brent ICB", "seen by NHS Brent", "Mary was NOT seen",
    "URGENT Referral", "Brent LADO", "the Panel CSPR", "Wembley HA9 0FJ", "Harlesden NW10 2SF", "Sufra NW",
    "Stonebridge SEND", "Harlesden GP", "Willesden CAMHS", "MARY SMITH", "Monday CP",
])
def test_abbreviations_and_capitals_for_emphasis_are_not_surnames(text):
    assert not looks_like_a_name(text)
    assert names_in_text(text) == []


def test_an_organisations_short_name_is_no_surname_when_given():
    text = "Referred by Kilburn WLMHT and Park BHBT."
    assert names_in_text(text) == ["Kilburn WLMHT", "Park BHBT"]
    assert names_in_text(text, abbreviations={"wlmht", "bhbt"}) == []
    assert not looks_like_a_name("Kingsbury WLMHT", abbreviations={"wlmht"})
    assert name_warnings("Child A", {"Summary": "Seen by Kevin JONES"})[0] == (
        "The summary mentions 'Kevin JONES', which looks like a real name")


def test_next_step_says_what_the_case_waits_for_when_no_clock_runs():
    from datetime import date

    from bscp_desktop.domain.case_review_clocks import next_step
    from bscp_desktop.domain.case_reviews import Decision

    day = date(2024, 1, 10)
    base = {"became_aware": day, "notification_sent": day, "rapid_review_meeting": day, "rapid_review_sent": day}
    assert next_step({"became_aware": day}, None) == "Awaiting notification to the Panel"
    assert next_step(base, None) == "Awaiting the partners' decision"
    decided = {**base, "decision_date": day}
    assert next_step(decided, Decision.LCSPR) == "Awaiting agreed terms of reference"
    sent = {**decided, "tor_agreed": day, "draft_report": day, "final_report": day, "sent_to_panel_sos": day}
    assert next_step(sent, Decision.LCSPR) == "Awaiting publication"
    assert next_step(sent, Decision.LCSPR, "The family asked us not to").startswith("Awaiting closure")
    assert next_step({**sent, "published": day}, Decision.LCSPR) == "Awaiting closure: the review is complete"
    assert next_step({**sent, "closed": day}, Decision.LCSPR) == "Closed"
    others = [d for d in Decision if d is not Decision.LCSPR]
    assert next_step(decided, others[0]) == "Awaiting closure: the decision is made"
