"""A case found not notifiable is closed: clearing its Case closed date is refused, naming the
field and how to reopen it, rather than saved with the date silently put back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import IncidentType, Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr

pytestmark = pytest.mark.both_engines


def not_notifiable(**changes) -> cr.CaseReviewFields:
    return cr.CaseReviewFields(
        alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 11, 25),
        outcome=Outcome.NOT_NOTIFIABLE, considered_on=date(2024, 11, 28), **changes,
    )


@pytest.fixture
def closed_case(db):
    return cr.create_case_review(db, not_notifiable(closed=date(2024, 12, 1)))


def test_clearing_the_date_a_not_notifiable_case_closed_is_refused_naming_the_field(db, closed_case):
    with pytest.raises(ValidationError) as refused:
        cr.update_case_review(db, closed_case.id, replace(closed_case.to_fields(), closed=None))
    assert list(refused.value.errors) == ["closed"]
    said = refused.value.errors["closed"]
    assert said.startswith("Case closed cannot be left empty while the outcome is Not notifiable")
    assert "01/12/2024" in said and "change the outcome" in said
    assert cr.get_case_review(db, closed_case.id).closed == date(2024, 12, 1)  # nothing saved


def test_a_not_notifiable_case_is_reopened_by_changing_its_outcome(db, closed_case):
    reopened = cr.update_case_review(db, closed_case.id, replace(closed_case.to_fields(), outcome=None, closed=None))
    assert reopened.outcome is None and reopened.closed is None


def test_another_closing_date_is_saved(db, closed_case):
    moved = cr.update_case_review(db, closed_case.id, replace(closed_case.to_fields(), closed=date(2024, 12, 3)))
    assert moved.closed == date(2024, 12, 3)


def test_a_case_just_found_not_notifiable_still_closes_by_itself(db):
    new = cr.create_case_review(db, not_notifiable())
    assert new.closed == date(2024, 11, 28)  # the day it was considered
    open_case = cr.create_case_review(db, replace(not_notifiable(), alias="Child B", outcome=None))
    decided = cr.update_case_review(db, open_case.id, replace(open_case.to_fields(), outcome=Outcome.NOT_NOTIFIABLE))
    assert decided.closed == date(2024, 11, 28)
