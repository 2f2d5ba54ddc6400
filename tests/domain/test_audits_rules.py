"""Section 11 and case audit rules, without a database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.audits import AUDIT_FLOW, AuditFacts, AuditStatus, Grading, check_audit_dates, check_status_change, next_status, parse_grading
from bscp_desktop.domain.section11 import (
    DEFAULT_STANDARDS,
    Change,
    Rating,
    RatingScale,
    ReturnStatus,
    Timeliness,
    average_text,
    check_moderation,
    check_rating,
    check_return_dates,
    clean_questions,
    compare_ratings,
    count_ratings,
    days_late,
    effective_rating,
    lateness_text,
    parse_rating,
    return_status,
    standard_key,
    timeliness,
)

D = date


@pytest.mark.parametrize(
    ("text", "rating"),
    [("Red", Rating.RED), ("  amber ", Rating.AMBER), ("G", Rating.GREEN), ("GREEN", Rating.GREEN),
     ("N/A", Rating.NOT_APPLICABLE), ("not applicable", Rating.NOT_APPLICABLE), ("", None), (None, None)],
)
def test_ratings_are_read_as_people_type_them(text, rating):
    assert parse_rating(text) is rating


@pytest.mark.parametrize("text", ["Purple", "4", "RAG", "=1+1", "Żółć"])
def test_an_unknown_rating_is_refused_naming_the_choices(text):
    with pytest.raises(ValueError, match="is not a rating; use Red, Amber, Green or Not applicable"):
        parse_rating(text)


@pytest.mark.parametrize(
    ("text", "rating"),
    [("2", Rating.SCORE_2), (2, Rating.SCORE_2), (2.0, Rating.SCORE_2), ("2.0", Rating.SCORE_2),
     ("Score 0", Rating.SCORE_0), (" 3 ", Rating.SCORE_3), ("N/A", Rating.NOT_APPLICABLE), ("", None),
     ("1 (partly met: below the minimum expected)", Rating.SCORE_1)],
)
def test_scores_are_read_on_a_scored_cycle(text, rating):
    assert parse_rating(text, RatingScale.SCORE) is rating


def test_a_rating_of_the_other_scale_is_refused_naming_what_the_cycle_takes():
    with pytest.raises(ValueError, match=r"'2' is not a rating on this cycle's scale \(Red, amber, green\): "
                                         "use Red, Amber, Green or Not applicable"):
        parse_rating("2")
    with pytest.raises(ValueError, match=r"'Green' is not a rating on this cycle's scale \(Score 0 to 3\): "
                                         "use 0, 1, 2, 3 or Not applicable"):
        parse_rating("Green", RatingScale.SCORE)
    with pytest.raises(ValueError, match="'4' is not a rating; use 0, 1, 2, 3 or Not applicable"):
        parse_rating("4", RatingScale.SCORE)


def test_each_scale_lists_its_ratings_with_their_meanings():
    assert RatingScale.RAG.ratings == (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NOT_APPLICABLE)
    assert [r.label for r in RatingScale.SCORE.ratings] == ["0", "1", "2", "3", "Not applicable"]
    assert Rating.SCORE_2.meaning == Rating.AMBER.meaning and Rating.SCORE_3.meaning == Rating.GREEN.meaning
    assert "below the minimum" in Rating.SCORE_1.meaning and Rating.SCORE_0.meaning.startswith("Not met")
    assert Rating.NOT_APPLICABLE.scale is None and Rating.SCORE_0.scale is RatingScale.SCORE


def test_the_moderated_rating_wins():
    assert effective_rating(Rating.GREEN, Rating.AMBER) is Rating.AMBER
    assert effective_rating(Rating.GREEN, None) is Rating.GREEN
    assert effective_rating(None, Rating.RED) is Rating.RED
    assert effective_rating(None, None) is None


def test_not_applicable_needs_a_reason_and_a_changed_rating_needs_a_note():
    assert check_rating("not_applicable_", Rating.NOT_APPLICABLE, " ", "The rating")
    assert not check_rating("not_applicable_", Rating.NOT_APPLICABLE, "We have no staff working with children", "x")
    assert not check_rating("not_applicable_", Rating.RED, "", "x")
    assert "differs from the agency's own (Green)" in check_moderation(Rating.GREEN, Rating.AMBER, "")["moderation_note"]
    assert not check_moderation(Rating.GREEN, Rating.AMBER, "Training records were incomplete")
    assert not check_moderation(Rating.GREEN, Rating.GREEN, "")
    assert not check_moderation(Rating.GREEN, None, "")


@pytest.mark.parametrize(
    ("before", "now", "change"),
    [
        (Rating.RED, Rating.AMBER, Change.IMPROVED), (Rating.AMBER, Rating.GREEN, Change.IMPROVED),
        (Rating.GREEN, Rating.RED, Change.DECLINED), (Rating.AMBER, Rating.AMBER, Change.SAME),
        (None, Rating.GREEN, Change.NEW), (Rating.NOT_APPLICABLE, Rating.GREEN, Change.NOT_COMPARABLE),
        (Rating.GREEN, Rating.NOT_APPLICABLE, Change.NOT_COMPARABLE), (Rating.GREEN, None, Change.NOT_COMPARABLE),
    ],
)
def test_cycle_comparison(before, now, change):
    assert compare_ratings(before, now) is change


def test_scores_compare_with_scores_never_with_colours():
    assert compare_ratings(Rating.SCORE_1, Rating.SCORE_2) is Change.IMPROVED
    assert compare_ratings(Rating.SCORE_3, Rating.SCORE_0) is Change.DECLINED
    assert compare_ratings(Rating.AMBER, Rating.SCORE_2) is Change.NOT_COMPARABLE
    assert compare_ratings(Rating.SCORE_2, Rating.GREEN) is Change.NOT_COMPARABLE


RAG = st.sampled_from([Rating.RED, Rating.AMBER, Rating.GREEN])


@given(RAG, RAG)
def test_comparison_is_antisymmetric(a, b):
    forward, backward = compare_ratings(a, b), compare_ratings(b, a)
    assert {forward, backward} in ({Change.SAME}, {Change.IMPROVED, Change.DECLINED})
    assert (forward is Change.SAME) == (a is b)


def test_standards_match_across_cycles_by_title():
    assert standard_key("Safer recruitment.") == standard_key("  safer   RECRUITMENT ")
    assert len(DEFAULT_STANDARDS) == 8
    assert all(len(s.questions) >= 3 for s in DEFAULT_STANDARDS)
    assert clean_questions("- one\n\n  two  \n• three") == ("one", "two", "three")


def test_counts():
    counts = count_ratings([Rating.RED, Rating.GREEN, Rating.GREEN, None, Rating.NOT_APPLICABLE])
    assert (counts.red, counts.amber, counts.green, counts.not_applicable, counts.not_rated) == (1, 0, 2, 1, 1)
    assert counts.total == 5 and counts.get(None) == 1 and counts.get(Rating.GREEN) == 2
    assert counts.on_scale(RatingScale.RAG) == (1, 0, 2, 1, 1) and counts.average_score is None
    assert average_text(counts) == ""


def test_counts_of_scores_and_their_average():
    counts = count_ratings([Rating.SCORE_3, Rating.SCORE_2, Rating.SCORE_2, Rating.NOT_APPLICABLE, None])
    assert counts.on_scale(RatingScale.SCORE) == (0, 0, 2, 1, 1, 1)
    assert RatingScale.SCORE.count_headers == ("0", "1", "2", "3", "Not applicable", "Not rated")
    assert counts.total == 5 and counts.average_score == pytest.approx(7 / 3)
    assert average_text(counts) == "2.3"


def test_an_average_score_on_a_half_rounds_up():
    """3, 3, 2 and 1 average 2.25: shown as 2.3, as Excel's ROUND shows it (not 2.2)."""
    counts = count_ratings([Rating.SCORE_3, Rating.SCORE_3, Rating.SCORE_2, Rating.SCORE_1, Rating.NOT_APPLICABLE])
    assert average_text(counts) == "2.3"
    assert average_text(count_ratings([Rating.SCORE_0, Rating.SCORE_0, Rating.SCORE_0, Rating.SCORE_1])) == "0.3"
    assert average_text(count_ratings([Rating.SCORE_0])) == "0.0"


def test_return_status_follows_the_dates():
    assert return_status(None, None, None) is ReturnStatus.NOT_SENT
    assert return_status(D(2024, 4, 1), None, None) is ReturnStatus.SENT
    assert return_status(D(2024, 4, 1), D(2024, 5, 1), None) is ReturnStatus.RETURNED
    assert return_status(D(2024, 4, 1), D(2024, 5, 1), D(2024, 6, 1)) is ReturnStatus.MODERATED
    today = D(2024, 7, 1)
    assert check_return_dates(D(2024, 4, 2), D(2024, 4, 1), None, today)["returned_on"].startswith("Returned (01/04/2024)")
    assert "returned first" in check_return_dates(D(2024, 4, 1), None, D(2024, 5, 1), today)["moderated_on"]
    assert not check_return_dates(D(2024, 4, 1), D(2024, 4, 1), D(2024, 4, 1), today)
    ahead = check_return_dates(D(2024, 6, 1), D(2024, 7, 2), D(2024, 7, 3), today)  # each a step done, not to come
    assert ahead == {"returned_on": "Returned (02/07/2024) cannot be in the future",
                     "moderated_on": "Moderated (03/07/2024) cannot be in the future"}


@pytest.mark.slow
def test_late_returns_against_the_due_date():
    due = D(2024, 6, 28)
    assert timeliness(due, D(2024, 6, 28), D(2024, 9, 1)) is Timeliness.ON_TIME
    assert timeliness(due, D(2024, 7, 3), D(2024, 9, 1)) is Timeliness.LATE
    assert timeliness(due, None, D(2024, 6, 28)) is Timeliness.NOT_YET_DUE
    assert timeliness(due, None, D(2024, 6, 29)) is Timeliness.OVERDUE
    assert timeliness(None, None, D(2030, 1, 1)) is Timeliness.NO_DUE_DATE
    # Friday 28/06 -> Wednesday 03/07 is 3 working days late, not 5 calendar days
    assert days_late(due, D(2024, 7, 3), D(2030, 1, 1)) == 3
    assert lateness_text(due, D(2024, 7, 3), D(2030, 1, 1)) == "Returned 3 working days late"
    assert lateness_text(due, None, D(2024, 6, 29)) == "Overdue by 1 working day"  # a Saturday
    assert lateness_text(due, None, D(2024, 7, 1)) == "Overdue by 1 working day"
    # across the August bank holiday (Monday 26/08/2024)
    assert days_late(D(2024, 8, 23), D(2024, 8, 28), D(2030, 1, 1)) == 2
    assert lateness_text(due, None, D(2024, 6, 1)) == "Due 28/06/2024"


@pytest.mark.parametrize(("text", "grading"), [("Good", Grading.GOOD), ("requires improvement", Grading.REQUIRES_IMPROVEMENT),
                                               ("RI", Grading.REQUIRES_IMPROVEMENT), ("Requires-Improvement", Grading.REQUIRES_IMPROVEMENT),
                                               ("outstanding", Grading.OUTSTANDING), ("", None)])
def test_gradings(text, grading):
    assert parse_grading(text) is grading


def test_unknown_grading_is_refused():
    with pytest.raises(ValueError, match="Outstanding, Good, Requires improvement or Inadequate"):
        parse_grading("Excellent")


READY = AuditFacts(cases=3, returns_requested=6, discussed_on=D(2023, 4, 20), reported_on=D(2023, 5, 1),
                   closed_on=D(2023, 9, 1))


def test_the_status_moves_one_step_at_a_time():
    for current, new in zip(AUDIT_FLOW, AUDIT_FLOW[1:], strict=False):
        assert check_status_change(current, new, READY) is None
        assert check_status_change(new, current, READY) is None  # one step back to correct
    assert "next step is Returns requested" in check_status_change(AuditStatus.PLANNED, AuditStatus.CLOSED, READY)
    assert "step back is Returns in" in check_status_change(AuditStatus.DISCUSSED, AuditStatus.PLANNED, READY)
    assert next_status(AuditStatus.REPORTED) is AuditStatus.CLOSED and next_status(AuditStatus.CLOSED) is None


def test_each_step_needs_what_it_stands_for():
    S = AuditStatus
    assert "sample of cases" in check_status_change(S.PLANNED, S.RETURNS_REQUESTED, AuditFacts())
    assert "agencies involved" in check_status_change(S.PLANNED, S.RETURNS_REQUESTED, AuditFacts(cases=2))
    missing = check_status_change(S.RETURNS_REQUESTED, S.RETURNS_IN, AuditFacts(
        cases=2, returns_requested=4, returns_outstanding=("Police for Child A", "ICB for Child A", "CLCH for Child B",
                                                          "LNWUHT for Child B")))
    assert missing.startswith("4 returns are still outstanding (Police for Child A, ICB for Child A, CLCH for Child B and 1 more)")
    assert "joint discussion" in check_status_change(S.RETURNS_IN, S.DISCUSSED, AuditFacts(cases=1))
    assert "agreed grading" in check_status_change(
        S.RETURNS_IN, S.DISCUSSED, AuditFacts(discussed_on=D(2023, 4, 20), cases_without_agreed_grading=("Child B",)))
    assert "reported" in check_status_change(S.DISCUSSED, S.REPORTED, AuditFacts())
    assert "1 action from this audit is still open" in check_status_change(
        S.REPORTED, S.CLOSED, AuditFacts(closed_on=D(2023, 9, 1), open_actions=1))


def test_audit_dates_in_order():
    errors = check_audit_dates({"audit_date": D(2023, 2, 1), "discussed_on": D(2023, 1, 20),
                                "reported_on": D(2023, 1, 10), "returns_due": D(2023, 3, 1)})
    assert errors["discussed_on"] == "Joint discussion (20/01/2023) cannot be before the audit date (01/02/2023)"
    assert errors["reported_on"].startswith("Reported (10/01/2023) cannot be before the joint discussion")
    assert "returns_due" not in errors
