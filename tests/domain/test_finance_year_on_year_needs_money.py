"""Year on year compares the last year of a summary with the year before only when either of
them has cash contributions or expenditure: two years on record with no money in them leave
nothing to compare, so no output gives a heading with no table under it."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal as M

from bscp_desktop.domain.finance import ContributionKind, ContributorClass, Period, year_balances
from bscp_desktop.domain.finance_summary import ContributionFact, SpendFact, Spending, summarise
from bscp_desktop.domain.money import ZERO

YEAR = Period.year(2022)
NO_ADJUSTMENT = (ZERO, "")


def _summary(contributions=(), spent=()):
    balances = year_balances({2021: NO_ADJUSTMENT, 2022: NO_ADJUSTMENT}, {}, {})
    return summarise(YEAR, list(contributions), [], Spending.of(spent, YEAR), {}, ["Chair"], balances)


def _cash(year: int, agreed: str) -> ContributionFact:
    return ContributionFact(year, "Police", ContributorClass.SAFEGUARDING_PARTNER, ContributionKind.CASH, M(agreed), ZERO)


def test_two_years_on_record_without_money_have_nothing_to_compare():
    s = _summary()
    assert (s.compare_years, s.partner_changes, s.category_changes) == (None, (), ())


def test_contributions_of_nothing_and_in_kind_ones_are_not_money_to_compare():
    in_kind = ContributionFact(2021, "Council", ContributorClass.SAFEGUARDING_PARTNER, ContributionKind.IN_KIND,
                               ZERO, ZERO, "Meeting rooms", M("500"))
    s = _summary([in_kind, _cash(2021, "0"), _cash(2022, "0")])
    assert (s.compare_years, s.partner_changes, s.category_changes) == (None, (), ())


def test_money_in_either_year_is_compared():
    before = _summary([_cash(2021, "4000")])
    assert before.compare_years == (2021, 2022)
    assert [(r.label, r.previous, r.current) for r in before.partner_changes] == [("Police", M("4000"), ZERO)]
    now = _summary(spent=[SpendFact(D(2022, 6, 1), "Chair", M("250"))])
    assert now.compare_years == (2021, 2022) and now.partner_changes == ()
    assert [(r.label, r.previous, r.current) for r in now.category_changes] == [("Chair", ZERO, M("250"))]
