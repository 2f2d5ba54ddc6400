"""The yearly report's case reviews section never says a case closed with no outcome recorded is
still to be considered: it is said and counted apart, and the period's figures still add up to
the case review summary's "Cases considered"."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import case_review_summary as crs
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.yearly_report.cases_considered import CLOSED_UNDECIDED, CONSIDERED, TO_CONSIDER

PERIOD = (date(2026, 4, 1), date(2027, 3, 31))
TODAY = date(2026, 12, 7)
BETWEEN = "Between 1 April 2026 and 7 December 2026 the Case Review Group"  # the period so far


def _case(db, alias, became_aware, **dates):
    return cr.create_case_review(db, cr.CaseReviewFields(alias, "death", became_aware, **dates))


def _built(db):
    built = yr.build_section(db, "case_reviews", *PERIOD, today=TODAY)
    tables = {b.title: b.rows for b in built.blocks if hasattr(b, "rows")}
    return built, dict(tables["Cases in the period"])


def test_a_case_closed_with_no_outcome_is_not_still_to_be_considered(db):
    _case(db, "Child N", date(2026, 5, 4), considered_on=date(2026, 5, 11), outcome="not_notifiable")
    for alias, aware in (("Child O", date(2026, 9, 1)), ("Child P", date(2026, 10, 5)), ("Child R", date(2026, 11, 2))):
        _case(db, alias, aware)
    _case(db, "Child Q", date(2026, 11, 20), closed=date(2026, 11, 23))
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered 1 case. 3 more cases became known in the period and are still to be considered. "
        "1 more case became known in the period and was closed with no outcome recorded. "
        "(The case review summary for the period shows 5 cases considered:")
    assert (figures[CONSIDERED], figures[TO_CONSIDER], figures[CLOSED_UNDECIDED]) == ("1", "3", "1")
    summary = crs.case_summary(db, *PERIOD, TODAY)
    assert sum(int(figures[label]) for label in (CONSIDERED, TO_CONSIDER, CLOSED_UNDECIDED)) == summary.cases_considered


def test_cases_closed_with_no_outcome_and_none_waiting_are_said_in_the_plural(db):
    _case(db, "Child Q", date(2026, 11, 20), closed=date(2026, 11, 23))
    _case(db, "Child S", date(2026, 6, 1), closed=date(2026, 6, 8))
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered no cases. 2 cases became known in the period and were closed with no outcome "
        "recorded. (The case review summary for the period shows 2 cases considered:")
    assert "still to be considered" not in built.draft
    assert TO_CONSIDER not in figures
    assert (figures[CONSIDERED], figures[CLOSED_UNDECIDED]) == ("0", "2")
