"""Which financial years of a period are set up in Finance (a year record or any finance record
in it), and the finance summary built on that rule: a year never set up is named as such, and
no contributions, budgets or reserves are made up for it."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal as M

from bscp_desktop.domain.finance import ContributionKind, ContributorClass, Period, not_set_up_text, year_balances, years_set_up
from bscp_desktop.domain.finance_summary import ContributionFact, SpendFact, Spending, summarise
from bscp_desktop.domain.money import ZERO

TWO_YEARS = Period(D(2022, 4, 1), D(2024, 3, 31))
OCTOBER_TO_SEPTEMBER = Period(D(2022, 10, 1), D(2023, 9, 30))


def _summary(period: Period, balances, contributions=(), budgets=None, spent=()):
    spending = Spending.of(spent, period)
    return summarise(period, list(contributions), [], spending, budgets or {}, ["Chair"], balances)


def _police(year: int, agreed: str) -> ContributionFact:
    return ContributionFact(year, "Police", ContributorClass.SAFEGUARDING_PARTNER, ContributionKind.CASH, M(agreed), ZERO)


def test_a_year_is_set_up_by_its_record_or_any_finance_record_in_it():
    assert years_set_up(TWO_YEARS, {2023}) == (2023,)
    assert years_set_up(TWO_YEARS, {2021}, [2022], ()) == (2022,)  # a record of a year outside is not one of its
    assert years_set_up(TWO_YEARS, (), [2023, 2022]) == (2022, 2023)
    assert years_set_up(TWO_YEARS) == ()


def test_the_years_not_set_up_are_named_in_plain_words():
    assert not_set_up_text(TWO_YEARS, (2022, 2023)) == ""
    assert not_set_up_text(TWO_YEARS, (2023,)) == (
        "There are no finance records for 2022/23 (it is not set up in Finance), so the contributions, budgets "
        "and reserves are those of 2023/24.")
    assert not_set_up_text(TWO_YEARS, ()) == (
        "There are no finance records for 2022/23 and 2023/24: they are not set up in Finance.")


def test_the_sentence_names_the_figures_the_output_shows():
    """The yearly report shows no budgets: it kept its own copy of the sentence without them."""
    assert not_set_up_text(TWO_YEARS, (2023,), "contributions and reserves") == (
        "There are no finance records for 2022/23 (it is not set up in Finance), so the contributions and reserves "
        "are those of 2023/24.")
    assert not_set_up_text(TWO_YEARS, (), "contributions and reserves") == not_set_up_text(TWO_YEARS, ())
    assert not_set_up_text(TWO_YEARS, (2022, 2023), "contributions and reserves") == ""


def test_a_period_names_only_its_years_set_up_and_opens_its_reserves_on_the_first():
    """A period over a year never set up said "Contributions for 2022/23 and 2023/24" and
    "Reserves on 1 April 2022 £0.00", figures made up for a year with no records."""
    balances = year_balances({2023: (M("500"), "audited")}, {2023: M("5000")}, {2023: M("1000")})
    for period in (TWO_YEARS, OCTOBER_TO_SEPTEMBER):
        s = _summary(period, balances, [_police(2023, "5000")], {(2023, "Chair"): M("1200")},
                     [SpendFact(D(2023, 5, 1), "Chair", M("1000"))])
        assert s.years_set_up == (2023,) and s.years_label == "2023/24"
        assert s.contributions_heading == "Contributions for 2023/24"
        assert s.reserves_start_on == D(2023, 4, 1) and s.reserves_end_on == D(2024, 3, 31)
        assert s.reserves_rows == (("Reserves on 1 April 2023", M("500")), ("Reserves on 31 March 2024", M("4500")))
        assert s.not_set_up_text.startswith("There are no finance records for 2022/23 (it is not set up in Finance)")
        assert s.compare_years is None  # nothing in 2022/23 to compare 2023/24 with


def test_a_period_ending_in_a_year_not_set_up_closes_its_reserves_with_the_last_year_set_up():
    balances = year_balances({2022: (ZERO, "")}, {2022: M("3000")}, {})
    s = _summary(TWO_YEARS, balances, [_police(2022, "3000")])
    assert s.contributions_heading == "Contributions for 2022/23"
    assert s.reserves_rows == (("Reserves on 1 April 2022", ZERO), ("Reserves on 31 March 2023", M("3000")))
    assert s.last_year == 2022 and s.compare_years is None  # no year-on-year into a year with no records


def test_a_period_with_no_year_set_up_gives_the_reserves_it_last_had_or_none():
    earlier = year_balances({2020: (ZERO, "")}, {2020: M("750")}, {})
    s = _summary(TWO_YEARS, earlier)
    assert s.years_set_up == () and s.contributions_heading == "Contributions for 2022/23 and 2023/24"
    assert s.not_set_up_text == "There are no finance records for 2022/23 and 2023/24: they are not set up in Finance."
    assert s.reserves_rows == (("Reserves on 31 March 2021", M("750")),)
    assert s.reserves_text == ("The reserves were £750.00 on 31 March 2021, at the end of 2020/21, the last financial "
                               "year with finance records.")
    nothing = _summary(Period.year(2022), {})
    assert nothing.reserves_rows == ()
    assert nothing.reserves_text == "No earlier financial year is set up in Finance, so there are no reserves to give."


def test_a_period_whose_years_are_all_set_up_is_as_before():
    balances = year_balances({2022: (ZERO, ""), 2023: (ZERO, "")}, {2022: M("100"), 2023: M("200")}, {})
    s = _summary(TWO_YEARS, balances, [_police(2022, "100"), _police(2023, "200")])
    assert s.years_set_up == (2022, 2023) and s.not_set_up_text == ""
    assert s.contributions_heading == "Contributions for 2022/23 and 2023/24"
    assert s.reserves_rows == (("Reserves on 1 April 2022", ZERO), ("Reserves on 31 March 2024", M("300")))
    assert s.compare_years == (2022, 2023)
