"""Statutory deadline rules, due dates and statuses."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.deadlines import (
    DEFAULT_RULES,
    DeadlineRule,
    DeadlineRuleError,
    DeadlineStatus,
    compute_all_due,
    compute_due,
    deadline_status,
    rules_from_dict,
    rules_to_dict,
    working_days_late,
    working_days_left,
)

D = date
RULES = {rule.key: rule for rule in DEFAULT_RULES}


def rule(**changes) -> DeadlineRule:
    fields = {
        "key": "custom",
        "label": "Custom step",
        "anchor": "became_aware",
        "amount": 5,
        "unit": "working_days",
        "direction": 1,
    }
    return DeadlineRule(**{**fields, **changes})


# --------------------------------------------------------------------------- rules as data


def test_default_rules():
    assert [r.key for r in DEFAULT_RULES] == [
        "notification",
        "partners_told",
        "sos_ofsted",
        "rapid_review",
        "partners_decision",
        "lcspr_publication",
        "panel_report",
    ]
    assert [(r.anchor, r.amount, r.unit, r.direction) for r in DEFAULT_RULES] == [
        ("became_aware", 5, "working_days", 1),
        ("became_aware", 5, "working_days", 1),
        ("became_aware", 5, "working_days", 1),
        ("notification_sent", 15, "working_days", 1),
        ("notification_sent", 15, "working_days", 1),  # the decision is made with the rapid review
        ("decision", 6, "months", 1),
        ("publication|due:lcspr_publication", 7, "working_days", -1),
    ]
    assert RULES["sos_ofsted"].applies_to == ("looked_after_death", "care_leaver_death")
    assert "care_leaver_death" not in RULES["rapid_review"].applies_to
    assert RULES["partners_decision"].applies_to == RULES["rapid_review"].applies_to
    # the notification within 5 working days is statutory; the rapid review's 15 working days
    # (a Panel expectation) and the LCSPR's 6 months are local choices
    assert [r.key for r in DEFAULT_RULES if r.fixed] == ["notification", "partners_told", "sos_ofsted", "panel_report"]


def test_describe_default_rules():
    assert [r.describe() for r in DEFAULT_RULES] == [
        "5 working days after the date the local authority became aware",
        "5 working days after the date the local authority became aware",
        "5 working days after the date the local authority became aware",
        "15 working days after the date the notification was sent to the Panel",
        "15 working days after the date the notification was sent to the Panel",
        "6 months after the date of the decision to hold an LCSPR",
        "7 working days before publication (the actual date once published, else the planned "
        "date), or until it is known, the LCSPR publication due date",
    ]


def test_describe_other_shapes():
    assert (
        rule(amount=1).describe() == "1 working day after the date the local authority became aware"
    )
    assert rule(amount=10, unit="calendar_days", direction=-1).describe() == (
        "10 calendar days before the date the local authority became aware"
    )
    assert rule(amount=1, unit="months").describe().startswith("1 month after")
    assert rule(amount=0).describe() == "On the date the local authority became aware"
    assert (
        rule(anchor="strategy_meeting").describe()
        == "5 working days after the strategy meeting date"
    )
    assert rule(anchor="due:rapid_review").describe() == (
        "5 working days after the due date for rapid review"
    )
    labels = {"strategy_meeting": "the strategy meeting"}
    assert rule(anchor="strategy_meeting").describe(labels) == (
        "5 working days after the strategy meeting"
    )


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_RULES[0].amount = 10  # type: ignore[misc]


def test_rules_round_trip_through_json():
    stored = json.loads(json.dumps(rules_to_dict(DEFAULT_RULES)))
    assert stored["notification"] == {
        "label": "Serious incident notification to the Panel",
        "anchor": "became_aware",
        "amount": 5,
        "unit": "working_days",
        "direction": 1,
        "met_by": "notification_sent",
        "applies_to": [],
    }
    assert stored["sos_ofsted"]["applies_to"] == ["looked_after_death", "care_leaver_death"]
    assert rules_from_dict(stored) == DEFAULT_RULES


def test_default_rules_are_met_by_their_stage():
    assert [r.met_by for r in DEFAULT_RULES] == [
        "notification_sent",
        "partners_told",
        "sos_ofsted_notified",
        "rapid_review_sent",
        "decision_date",
        "published",
        "sent_to_panel_sos",
    ]


def test_rules_stored_without_met_by_load_with_the_defaults():
    stored = rules_to_dict(DEFAULT_RULES)
    for fields in stored.values():
        del fields["met_by"]
    stored["custom"] = {**stored["notification"]}
    loaded = {r.key: r for r in rules_from_dict(stored)}
    assert loaded["rapid_review"].met_by == "rapid_review_sent"
    assert loaded["custom"].met_by == ""


def test_met_by_must_be_a_stage_name():
    with pytest.raises(DeadlineRuleError) as caught:
        rule(met_by="Published!")
    assert caught.value.field == "met_by"
    stored = rules_to_dict(DEFAULT_RULES)
    stored["notification"]["met_by"] = 5
    with pytest.raises(DeadlineRuleError) as caught:
        rules_from_dict(stored)
    assert caught.value.field == "notification.met_by"


def test_edited_rules_load():
    stored = rules_to_dict(DEFAULT_RULES)
    stored["lcspr_publication"]["amount"] = 9
    stored["panel_report"]["amount"] = 10.0  # JSON numbers may arrive as floats
    loaded = {r.key: r for r in rules_from_dict(stored)}
    assert loaded["lcspr_publication"].amount == 9
    assert loaded["panel_report"].amount == 10
    assert rules_from_dict({"x": {**stored["notification"], "amount": 0}})[0].amount == 0
    assert rules_from_dict({"x": {**stored["notification"], "amount": 400}})[0].amount == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "5"}, "notification.amount"),
        ({"amount": 5.5}, "notification.amount"),
        ({"amount": -1}, "notification.amount"),
        ({"amount": 401}, "notification.amount"),
        ({"amount": True}, "notification.amount"),
        ({"amount": None}, "notification.amount"),
        ({"unit": "weeks"}, "notification.unit"),
        ({"direction": 0}, "notification.direction"),
        ({"direction": "after"}, "notification.direction"),
        ({"direction": 1.0}, "notification.direction"),
        ({"direction": True}, "notification.direction"),
        ({"unit": ["months"]}, "notification.unit"),
        ({"label": "  "}, "notification.label"),
        ({"anchor": ""}, "notification.anchor"),
        ({"anchor": "Became Aware"}, "notification.anchor"),
        ({"anchor": "due:nothing_called_this"}, "notification.anchor"),
        ({"anchor": "due:notification"}, "notification.anchor"),
        ({"weeks": 2}, "notification.weeks"),
    ],
)
def test_rules_from_dict_names_the_bad_field(change, field):
    stored = rules_to_dict(DEFAULT_RULES)
    stored["notification"].update(change)
    with pytest.raises(ValueError) as caught:
        rules_from_dict(stored)
    assert isinstance(caught.value, DeadlineRuleError)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + ": ")


def test_rules_from_dict_missing_field_and_bad_key():
    stored = rules_to_dict(DEFAULT_RULES)
    del stored["rapid_review"]["unit"]
    with pytest.raises(DeadlineRuleError, match=r"^rapid_review\.unit: is missing$"):
        rules_from_dict(stored)
    with pytest.raises(DeadlineRuleError) as caught:
        rules_from_dict({"Bad Key": rules_to_dict(DEFAULT_RULES)["notification"]})
    assert caught.value.field == "Bad Key.key"
    with pytest.raises(DeadlineRuleError):
        rules_from_dict({"notification": "5 working days"})
    with pytest.raises(DeadlineRuleError):
        rules_from_dict(["notification"])  # type: ignore[arg-type]


def test_rules_from_dict_rejects_a_circle():
    stored = rules_to_dict(DEFAULT_RULES)
    stored["lcspr_publication"]["anchor"] = "due:panel_report"
    with pytest.raises(DeadlineRuleError, match="circle"):
        rules_from_dict(stored)


def test_amount_message_is_plain():
    with pytest.raises(DeadlineRuleError) as caught:
        rule(amount=500)
    assert caught.value.field == "amount"
    assert caught.value.message == "must be a whole number from 0 to 400"


# --------------------------------------------------------------------------- due dates


def test_compute_due_for_each_default_rule():
    # Thu 22 Dec 2022 + 5 working days over Christmas and New Year substitute days
    assert compute_due(RULES["notification"], {"became_aware": D(2022, 12, 22)}) == D(2023, 1, 3)
    # Tue 3 Jan 2023 + 15: 4-6 (3), 9-13 (8), 16-20 (13), 23 (14), 24 (15)
    assert compute_due(RULES["rapid_review"], {"notification_sent": D(2023, 1, 3)}) == D(
        2023, 1, 24
    )
    # 31 Aug 2023 + 6 months clamps to 29 Feb 2024
    assert compute_due(RULES["lcspr_publication"], {"decision": D(2023, 8, 31)}) == D(2024, 2, 29)
    # Thu 29 Feb 2024 - 7 working days: 28, 27, 26, 23, 22, 21, 20
    assert compute_due(RULES["panel_report"], {"due:lcspr_publication": D(2024, 2, 29)}) == D(
        2024, 2, 20
    )


def test_compute_due_without_anchor_is_none():
    assert compute_due(RULES["notification"], {}) is None
    assert compute_due(RULES["notification"], {"became_aware": None}) is None


def test_compute_due_calendar_days_and_closures():
    assert compute_due(rule(unit="calendar_days", amount=10), {"became_aware": D(2023, 1, 1)}) == D(
        2023, 1, 11
    )
    assert compute_due(
        rule(unit="calendar_days", amount=3, direction=-1), {"became_aware": D(2023, 1, 1)}
    ) == D(2022, 12, 29)
    # a local closure on 28 Dec 2022 pushes the notification deadline to 4 Jan 2023
    assert compute_due(
        RULES["notification"], {"became_aware": D(2022, 12, 22)}, closures=[D(2022, 12, 28)]
    ) == D(2023, 1, 4)


def test_month_rules_do_not_move_off_weekends():
    # 4 Aug 2022 + 6 months = Sat 4 Feb 2023: the calendar date stands
    assert compute_due(RULES["lcspr_publication"], {"decision": D(2022, 8, 4)}) == D(2023, 2, 4)


def test_compute_all_due_follows_due_anchors():
    stages = {
        "became_aware": D(2022, 12, 22),
        "notification_sent": D(2023, 1, 3),
        "decision": D(2023, 8, 31),
    }
    expected = {
        "notification": D(2023, 1, 3),
        "partners_told": D(2023, 1, 3),
        "sos_ofsted": D(2023, 1, 3),
        "rapid_review": D(2023, 1, 24),
        "partners_decision": D(2023, 1, 24),
        "lcspr_publication": D(2024, 2, 29),
        "panel_report": D(2024, 2, 20),
    }
    assert compute_all_due(DEFAULT_RULES, stages) == expected
    # order of the rules does not matter
    assert compute_all_due(tuple(reversed(DEFAULT_RULES)), stages) == expected


def test_compute_all_due_before_stages_are_recorded():
    due = compute_all_due(DEFAULT_RULES, {"became_aware": D(2022, 12, 22)})
    assert due == {
        "notification": D(2023, 1, 3),
        "partners_told": D(2023, 1, 3),
        "sos_ofsted": D(2023, 1, 3),
        "rapid_review": None,
        "partners_decision": None,
        "lcspr_publication": None,
        "panel_report": None,
    }


def test_compute_all_due_with_closures():
    closures = [D(2024, 2, 21)]
    due = compute_all_due(DEFAULT_RULES, {"decision": D(2023, 8, 31)}, closures)
    assert due["panel_report"] == D(2024, 2, 19)


# --------------------------------------------------------------------------- statuses

DUE = D(2023, 1, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2023, 1, 4), DeadlineStatus.NOT_YET_DUE),  # Wed: 4 working days left
        (D(2023, 1, 5), DeadlineStatus.NOT_YET_DUE),  # Thu: Fri, Mon, Tue = 3 left
        (D(2023, 1, 6), DeadlineStatus.DUE_SOON),  # Fri: Mon, Tue = 2 left, across the weekend
        (D(2023, 1, 7), DeadlineStatus.DUE_SOON),  # Sat
        (D(2023, 1, 8), DeadlineStatus.DUE_SOON),  # Sun
        (D(2023, 1, 9), DeadlineStatus.DUE_SOON),  # Mon: one day before
        (D(2023, 1, 10), DeadlineStatus.DUE_SOON),  # the due date itself
        (D(2023, 1, 11), DeadlineStatus.OVERDUE),  # one day after
        (D(2023, 3, 1), DeadlineStatus.OVERDUE),
    ],
)
def test_status_when_not_done(today, expected):
    assert deadline_status(DUE, None, today) is expected


@pytest.mark.parametrize(
    ("done_on", "today", "expected"),
    [
        (D(2023, 1, 10), D(2023, 1, 10), DeadlineStatus.MET_ON_TIME),  # done on the due date
        (D(2023, 1, 10), D(2023, 6, 1), DeadlineStatus.MET_ON_TIME),
        (D(2023, 1, 2), D(2023, 1, 3), DeadlineStatus.MET_ON_TIME),  # done early
        (D(2023, 1, 11), D(2023, 1, 11), DeadlineStatus.MET_LATE),  # a day late
        (D(2023, 1, 11), D(2023, 6, 1), DeadlineStatus.MET_LATE),
    ],
)
def test_status_when_done(done_on, today, expected):
    assert deadline_status(DUE, done_on, today) is expected


def test_status_without_a_due_date():
    assert deadline_status(None, None, D(2023, 1, 10)) is DeadlineStatus.NOT_APPLICABLE
    assert deadline_status(None, D(2023, 1, 5), D(2023, 1, 10)) is DeadlineStatus.NOT_APPLICABLE


def test_status_across_christmas_and_closures():
    due = D(2023, 1, 3)
    # Wed 28 Dec 2022: 29, 30 Dec, 3 Jan (2 Jan substitute) = 3 left
    assert deadline_status(due, None, D(2022, 12, 28)) is DeadlineStatus.NOT_YET_DUE
    assert deadline_status(due, None, D(2022, 12, 29)) is DeadlineStatus.DUE_SOON
    # a closure on 30 Dec leaves only 29 Dec and 3 Jan
    closures = {D(2022, 12, 30)}
    assert deadline_status(due, None, D(2022, 12, 28), closures) is DeadlineStatus.DUE_SOON


def test_due_soon_window_is_configurable():
    assert deadline_status(DUE, None, D(2023, 1, 9), due_soon_working_days=0) is (
        DeadlineStatus.NOT_YET_DUE
    )
    assert deadline_status(DUE, None, D(2023, 1, 10), due_soon_working_days=0) is (
        DeadlineStatus.DUE_SOON
    )
    assert deadline_status(DUE, None, D(2023, 1, 3), due_soon_working_days=5) is (
        DeadlineStatus.DUE_SOON
    )


def test_status_labels():
    assert {s: s.label for s in DeadlineStatus} == {
        DeadlineStatus.NOT_YET_DUE: "Not yet due",
        DeadlineStatus.DUE_SOON: "Due soon",
        DeadlineStatus.OVERDUE: "Overdue",
        DeadlineStatus.MET_ON_TIME: "Met on time",
        DeadlineStatus.MET_LATE: "Met late",
        DeadlineStatus.NOT_APPLICABLE: "Not started",
        DeadlineStatus.NOT_REQUIRED: "Not required",
        DeadlineStatus.STOPPED: "Stopped",
        DeadlineStatus.MISSED: "Missed",
    }
    assert DeadlineStatus("met_late") is DeadlineStatus.MET_LATE  # stored values are stable


@pytest.mark.parametrize(
    ("today", "due", "left"),
    [
        (D(2023, 1, 5), DUE, 3),
        (D(2023, 1, 10), DUE, 0),
        (D(2023, 1, 11), DUE, -1),
        (D(2023, 1, 16), DUE, -4),  # 10, 11, 12, 13 Jan have passed
        # due on Sat 4 Feb 2023 (a month rule): Sunday and Monday are already 1 day overdue
        (D(2023, 2, 5), D(2023, 2, 4), -1),
        (D(2023, 2, 6), D(2023, 2, 4), -1),
        (D(2023, 2, 3), D(2023, 2, 4), 0),
        # ... and Tuesday 2 (Monday and Tuesday have passed), as a step done that Tuesday is 2 late
        (D(2023, 2, 7), D(2023, 2, 4), -2),
        # due on Christmas Day 2024: Boxing Day is a holiday, so Friday 27 and Monday 30 have passed
        (D(2024, 12, 30), D(2024, 12, 25), -2),
        (D(2024, 12, 31), D(2024, 12, 25), -3),
        (D(2023, 1, 10), None, None),
    ],
)
def test_working_days_left(today, due, left):
    assert working_days_left(today, due) == left


@given(due=st.dates(min_value=D(2022, 1, 1), max_value=D(2026, 12, 31)), offset=st.integers(min_value=1, max_value=60))
def test_days_overdue_are_the_days_late_of_a_step_done_today(due, offset):
    today = due + timedelta(days=offset)
    assert working_days_left(today, due) == -working_days_late(due, today)


def test_working_days_left_with_closures():
    assert working_days_left(D(2023, 1, 5), DUE, [D(2023, 1, 9)]) == 2


days_2022_2026 = st.dates(min_value=D(2022, 1, 1), max_value=D(2026, 12, 31))


@given(due=days_2022_2026, offset=st.integers(min_value=-40, max_value=40))
def test_status_agrees_with_days_left(due, offset):
    today = due + timedelta(days=offset)
    status = deadline_status(due, None, today)
    left = working_days_left(today, due)
    assert (status is DeadlineStatus.OVERDUE) == (today > due) == (left < 0)
    if status is DeadlineStatus.DUE_SOON:
        assert 0 <= left <= 2
    if status is DeadlineStatus.NOT_YET_DUE:
        assert left > 2
