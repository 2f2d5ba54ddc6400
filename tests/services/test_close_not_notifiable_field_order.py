"""Close as not notifiable with a Considered on date before the date the local authority became
aware is refused on Considered on, not on Closed on: the day considered is wrong, so no date the
case closed is asked for from it (Closed on used to be blamed first, the real error shown only
once it was filled in)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr

D = date
ON_CONSIDERED = ("Considered by the Case Review Group (20/03/2024) cannot be before the date the local authority "
                 "became aware (25/03/2024)")


@pytest.mark.parametrize("closed", [None, D(2024, 3, 25)])
def test_a_day_considered_too_early_is_refused_on_considered_on(db, closed):
    case = cr.create_case_review(db, cr.CaseReviewFields(alias="Child A", incident_type="serious_harm",
                                                         became_aware=D(2024, 3, 25)))
    with pytest.raises(ValidationError) as err:
        cr.close_as_not_notifiable(db, case.id, considered_on=D(2024, 3, 20), closed=closed)
    assert err.value.errors == {"considered_on": ON_CONSIDERED}
    kept = cr.get_case_review(db, case.id)
    assert (kept.closed, kept.considered_on, kept.outcome) == (None, None, None)


def test_a_step_after_a_good_day_considered_still_asks_for_the_date_it_closed(db):
    case = cr.create_case_review(db, cr.CaseReviewFields(alias="Child A", incident_type="serious_harm",
                                                         became_aware=D(2024, 3, 25), partners_told=D(2024, 3, 28)))
    with pytest.raises(ValidationError) as err:
        cr.close_as_not_notifiable(db, case.id, considered_on=D(2024, 3, 26), closed=None)
    assert set(err.value.errors) == {"closed"}
    assert "enter the date it closed, 28/03/2024 or after" in err.value.errors["closed"]
    closed = cr.close_as_not_notifiable(db, case.id, considered_on=D(2024, 3, 26), closed=D(2024, 3, 28))
    assert (closed.considered_on, closed.closed) == (D(2024, 3, 26), D(2024, 3, 28))
