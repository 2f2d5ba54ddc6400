"""A negative adjustment to the reserves names the choice that lowers them, and a financial year
holding only archived records is kept by one rule, which the Years list and `remove_year` share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines


def test_a_negative_adjustment_says_to_take_it_from_the_reserves(db):
    year = fin.create_year(db, "2024/25")
    with pytest.raises(ValidationError) as refused:
        fin.update_year(db, year.id, fin.YearFields("-1,000.00", "add", "Audited reserves £1,000 lower"))
    assert refused.value.errors == {"adjustment": (
        "Adjustment to the reserves '-1,000.00' cannot be negative: to lower the reserves, choose 'Take from the "
        "reserves' in 'The adjustment' and type the amount without a minus sign")}
    taken = fin.update_year(db, year.id, fin.YearFields("1,000.00", "subtract", "Audited reserves £1,000 lower"))
    assert taken.adjustment == Decimal("-1000.00")  # as the message says: the reserves are lower
    with pytest.raises(ValidationError) as refused:  # an amount with no direction beside it keeps the general words
        fin.create_income(db, fin.IncomeFields(date(2024, 5, 1), "Grant", "-5"))
    assert refused.value.errors["amount"] == "Amount '-5' cannot be negative; enter the amount without a minus sign"


@pytest.mark.slow
def test_a_year_holding_only_archived_records_is_not_offered_for_removal_and_says_why(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    contribution = fin.create_contribution(db, fin.ContributionFields("2024/25", police.id, ContributionKind.CASH, "500"))
    expense = fin.create_expense(db, fin.ExpenseFields(date(2024, 6, 30), events, "Venue", "Summer", "333.33"))
    fin.archive_contribution(db, contribution.id)
    fin.archive_expense(db, expense.id)
    year = fin.get_year(db, "2024/25")
    assert (year.contributions_agreed, year.spending) == (Decimal("0.00"), Decimal("0.00"))  # the list shows none
    why = ("The financial year 2024/25 holds contributions and expenditure: only a year with nothing recorded in it "
           "can be removed (its contributions and expenditure are archived: restore them, or keep the year)")
    assert year.stays_because == why
    with pytest.raises(ValidationError) as refused:
        fin.remove_year(db, year.id)
    assert refused.value.errors == {"financial_year": why}  # the same rule, the same words
    fin.restore_expense(db, expense.id)
    year = fin.get_year(db, "2024/25")
    assert year.stays_because == ("The financial year 2024/25 holds contributions and expenditure: only a year with "
                                  "nothing recorded in it can be removed (its contributions are archived: restore "
                                  "them, or keep the year)")
    empty = fin.create_year(db, "2022/23")
    assert empty.stays_because == ""
    fin.remove_year(db, empty.id)
    assert [y.label for y in fin.list_years(db)] == ["2024/25"]
