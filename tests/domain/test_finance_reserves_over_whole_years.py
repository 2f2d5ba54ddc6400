"""What the finance summary says the underspend did to the reserves over a period of whole
financial years (1 April to 31 March): their change when it is, the adjustment to a later year's
opening balance named when that is why it is not, and the sentence about contributions counted
whole kept for a period that does not start on 1 April or end on 31 March."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal as M

from bscp_desktop.domain.finance import ContributionKind, ContributorClass, Period, year_balances
from bscp_desktop.domain.finance_summary import ContributionFact, SpendFact, Spending, summarise
from bscp_desktop.domain.money import ZERO

TWO_YEARS = Period(D(2023, 4, 1), D(2025, 3, 31))
NOT_WHOLE = "a period that is not one financial year counts each year's contributions whole"


def _summary(period: Period, adjustments: dict, spent: tuple[str, str] = ("20000", "30000")):
    contributions = [ContributionFact(y, "Police", ContributorClass.SAFEGUARDING_PARTNER, ContributionKind.CASH,
                                      M("50000"), ZERO) for y in (2023, 2024)]
    lines = [SpendFact(D(2023, 6, 1), "Chair", M(spent[0])), SpendFact(D(2024, 6, 1), "Chair", M(spent[1]))]
    balances = year_balances({2023: adjustments.get(2023, (ZERO, "")), 2024: adjustments.get(2024, (ZERO, ""))},
                             {2023: M("50000"), 2024: M("50000")}, {2023: M(spent[0]), 2024: M(spent[1])})
    return summarise(period, contributions, [], Spending.of(lines, period), {}, ["Chair"], balances)


def test_over_two_whole_years_the_underspend_is_the_change_in_the_reserves():
    s = _summary(TWO_YEARS, {})
    assert (s.net, s.reserves_start, s.reserves_end) == (M("50000"), ZERO, M("50000"))
    assert s.reserves_text == "The underspend of £50,000.00 is carried into the reserves."


def test_an_adjustment_to_the_first_years_opening_balance_is_in_the_reserves_it_starts_with():
    s = _summary(TWO_YEARS, {2023: (M("1000"), "audited")})
    assert (s.reserves_start, s.reserves_end) == (M("1000"), M("51000"))
    assert s.reserves_text == "The underspend of £50,000.00 is carried into the reserves."


def test_an_overspend_over_whole_years_is_said_as_over_one_year():
    s = _summary(TWO_YEARS, {2023: (M("10000"), "audited")}, ("60000", "60000"))
    assert s.reserves_text == ("The overspend of £20,000.00 is more than the reserves of £10,000.00: they end the "
                               "period £10,000.00 overdrawn.")


def test_an_adjustment_to_a_later_years_opening_balance_is_named_as_the_difference():
    s = _summary(TWO_YEARS, {2024: (M("-5000"), "Returned to partners")})
    assert (s.net, s.reserves_end) == (M("50000"), M("45000"))
    assert s.reserves_text == ("The reserves went from £0.00 to £45,000.00 over the period: the underspend of "
                               "£50,000.00, and the opening balance of 2024/25 adjusted by -£5,000.00.")
    assert NOT_WHOLE not in s.reserves_text
    assert s.adjustment_texts == ("The opening balance of 2024/25 was adjusted by -£5,000.00: Returned to partners",)


def test_an_overspend_with_a_later_adjustment_names_both():
    s = _summary(TWO_YEARS, {2024: (M("2500"), "grant")}, ("60000", "50000"))
    assert s.reserves_text == ("The reserves went from £0.00 to £7,500.00 overdrawn over the period: the overspend "
                               "of £10,000.00, and the opening balance of 2024/25 adjusted by +£2,500.00.")


def test_a_period_not_of_whole_years_keeps_its_sentence():
    for period in (Period(D(2023, 10, 1), D(2025, 3, 31)), Period(D(2023, 4, 1), D(2024, 9, 30))):
        s = _summary(period, {2024: (M("-5000"), "Returned to partners")})
        assert NOT_WHOLE in s.reserves_text
