"""The yearly report's case reviews section says the Case Review Group considered a case only
when the case has a Considered on date in the period; the period's cases not considered yet are
said apart, and how the case reviews summary counts them is named, so the two agree."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import case_review_summary as crs
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
TODAY = date(2024, 6, 1)
BETWEEN = "Between 1 April 2023 and 31 March 2024 the Case Review Group"


def _case(db, alias, became_aware, **dates):
    return cr.create_case_review(db, cr.CaseReviewFields(alias, "death", became_aware, **dates))


def _built(db):
    built = yr.build_section(db, "case_reviews", *PERIOD, today=TODAY)
    tables = {b.title: b.rows for b in built.blocks if hasattr(b, "rows")}
    return built, dict(tables["Cases in the period"])


def test_a_case_not_considered_yet_is_not_said_to_have_been_considered(db):
    _case(db, "Child A", date(2023, 11, 30))
    assert crs.case_summary(db, *PERIOD, TODAY).cases_considered == 1  # the summary counts it on became aware
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered no cases. 1 case became known in the period and is still to be considered. "
        "(The case review summary for the period shows 1 case considered: it counts a case with no Considered "
        "on date on the date the local authority became aware.) In the period no notifications were sent")
    assert "considered 1 case" not in built.draft
    assert figures["Cases considered"] == "0"
    assert figures["Became known in the period, still to be considered"] == "1"


def test_cases_considered_and_cases_still_to_be_considered_are_counted_apart_in_the_plural(db):
    _case(db, "Child A", date(2023, 5, 2), considered_on=date(2023, 5, 9))
    _case(db, "Child B", date(2023, 6, 1), considered_on=date(2023, 6, 8))
    _case(db, "Child C", date(2023, 9, 4))
    _case(db, "Child D", date(2024, 2, 5))
    _case(db, "Child E", date(2024, 3, 20), considered_on=date(2024, 4, 3))  # considered the year after
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered 2 cases. 2 more cases became known in the period and are still to be considered. "
        "(The case review summary for the period shows 4 cases considered:")
    assert (figures["Cases considered"], figures["Became known in the period, still to be considered"]) == ("2", "2")


def test_a_case_counts_as_considered_once_its_considered_on_date_is_recorded_as_the_summary_counts_it(db):
    case = _case(db, "Child A", date(2023, 5, 2))
    assert _built(db)[0].draft.startswith(f"{BETWEEN} considered no cases. 1 case became known")
    cr.close_as_not_notifiable(db, case.id, date(2023, 5, 9))
    built, figures = _built(db)
    summary = crs.case_summary(db, *PERIOD, TODAY)
    assert built.draft.startswith(f"{BETWEEN} considered 1 case. In the period no notifications were sent")
    assert "still to be considered" not in built.draft and "case review summary" not in built.draft
    assert tuple(figures.items()) == tuple((label, str(n)) for label, n in summary.headline_figures())


def test_a_case_notified_with_no_considered_on_date_is_said_for_what_it_is(db):
    _case(db, "Child A", date(2023, 11, 6), outcome="notified", notification_sent=date(2023, 11, 10),
          partners_told=date(2023, 11, 10))
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered no cases. 1 case became known in the period and is recorded as notified, "
        "with no Considered on date. (The case review summary for the period shows 1 case considered:")
    assert "still to be considered" not in built.draft
    assert figures["Cases considered"] == "0"
    assert figures["Became known in the period, notified, no Considered on date"] == "1"


def test_a_year_with_no_case_considered_and_none_waiting_says_so_plainly(db):
    _case(db, "Child A", date(2023, 3, 1), considered_on=date(2023, 3, 1), outcome="notified",
          notification_sent=date(2023, 3, 6), partners_told=date(2023, 3, 6), rapid_review_sent=date(2023, 4, 20))
    built, figures = _built(db)
    assert built.draft.startswith(
        f"{BETWEEN} considered no cases, and no case that became known in the period is still to be "
        "considered. In the period no notifications were sent to the Child Safeguarding Practice Review Panel "
        "and 1 rapid review was completed.")
    assert figures["Cases considered"] == "0" and len(figures) == 5
