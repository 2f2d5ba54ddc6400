"""Finance rules without a database: status, reserves, periods and summaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.finance import ContributionKind, ContributionStatus, ContributorClass, Period, contribution_status, days_overdue, parse_choice, variance, variance_text, year_balances
from bscp_desktop.domain.finance_summary import ContributionFact, IncomeFact, SpendFact, Spending, summarise
from bscp_desktop.domain.money import ZERO, from_pence

D = date
M = Decimal
CASH, KIND = ContributionKind.CASH, ContributionKind.IN_KIND


def test_status_words():
    today = D(2024, 6, 1)
    status = lambda agreed, invoiced, received: contribution_status(CASH, M(agreed), invoiced, M(received), today, 30)  # noqa: E731
    assert status("100", None, "0") is ContributionStatus.AGREED
    assert status("100", D(2024, 5, 10), "0") is ContributionStatus.INVOICED
    assert status("100", D(2024, 5, 10), "40") is ContributionStatus.PART_PAID
    assert status("100", D(2024, 5, 2), "0") is ContributionStatus.INVOICED  # day 30: not yet overdue
    assert status("100", D(2024, 5, 1), "0") is ContributionStatus.OVERDUE
    assert status("100", D(2024, 4, 1), "40") is ContributionStatus.OVERDUE
    assert status("100", D(2024, 4, 1), "100") is ContributionStatus.RECEIVED
    assert status("100", None, "100") is ContributionStatus.RECEIVED  # paid before any invoice
    assert contribution_status(KIND, ZERO, None, ZERO, today) is ContributionStatus.IN_KIND
    assert days_overdue(D(2024, 4, 1), today, 30) == 31
    assert days_overdue(None, today, 30) == 0


def test_choices_read_values_and_labels():
    assert parse_choice(ContributionKind, "In kind") is KIND
    assert parse_choice(ContributionKind, "in-kind") is KIND
    assert parse_choice(ContributionKind, "CASH") is CASH
    assert parse_choice(ContributorClass, "relevant agency") is ContributorClass.RELEVANT_AGENCY
    assert parse_choice(ContributionKind, " ") is None


def test_variance_words():
    assert variance(M("100"), M("40")) == M("60")
    assert variance(None, M("40")) == M("-40")  # spending without a budget is over it
    assert variance_text(M("60")) == "£60.00 under"
    assert variance_text(M("-5.5")) == "£5.50 over"
    assert variance_text(ZERO) == "On budget"
    assert variance_text(ZERO, budget_set=False) == "No budget"
    assert variance_text(M("-12"), budget_set=False) == "£12.00 over (no budget)"


@given(st.lists(st.tuples(st.integers(0, 10**8), st.integers(0, 10**8), st.integers(-(10**6), 10**6)), min_size=1, max_size=6))
def test_each_year_opens_with_the_last_years_closing_balance(rows):
    years = {2020 + i: (from_pence(adj), "") for i, (_, _, adj) in enumerate(rows)}
    income = {2020 + i: from_pence(inc) for i, (inc, _, _) in enumerate(rows)}
    spending = {2020 + i: from_pence(out) for i, (_, out, _) in enumerate(rows)}
    balances = year_balances(years, income, spending)
    previous = ZERO
    for year in sorted(balances):
        b = balances[year]
        assert b.carried_forward == previous
        assert b.closing == previous + b.adjustment + income[year] - spending[year]
        previous = b.closing
    assert previous == sum(income.values(), ZERO) - sum(spending.values(), ZERO) + sum(a for a, _ in years.values())


def test_periods():
    year = Period.year(2023)
    assert (year.start, year.end, year.label, year.is_year, year.years) == (D(2023, 4, 1), D(2024, 3, 31), "2023/24", True, (2023,))
    report = Period(D(2022, 10, 1), D(2024, 3, 31))
    assert report.label == "1 October 2022 to 31 March 2024"
    assert report.years == (2022, 2023) and report.years_label == "2022/23 and 2023/24"
    assert Period(D(2020, 4, 1), D(2023, 3, 31)).years_label == "2020/21, 2021/22 and 2022/23"


def test_summary_keeps_in_kind_out_of_every_total_and_charges_as_income_lines():
    contributions = [
        ContributionFact(2023, "Police", ContributorClass.SAFEGUARDING_PARTNER, CASH, M("5000"), M("5000")),
        ContributionFact(2023, "Probation", ContributorClass.RELEVANT_AGENCY, CASH, M("3719.75"), ZERO),
        ContributionFact(2023, "ICB", ContributorClass.SAFEGUARDING_PARTNER, CASH, M("45900"), M("45900")),
        ContributionFact(2023, "Council", ContributorClass.SAFEGUARDING_PARTNER, KIND, ZERO, ZERO, "Staff", M("90000")),
    ]
    income = [
        IncomeFact(D(2023, 5, 1), "Probation", "Training charges", M("50")),
        IncomeFact(D(2023, 6, 1), "", "Other income", M("10")),
        IncomeFact(D(2024, 6, 1), "", "Other income", M("99")),  # next year
    ]
    spending = [SpendFact(D(2023, 7, 1), "Events", M("5036")), SpendFact(D(2023, 8, 1), "Printing", M("12"))]
    balances = year_balances({2023: (ZERO, "")}, {2023: M("54679.75")}, {2023: M("5048")})
    spent = Spending.of(spending, Period.year(2023))
    s = summarise(Period.year(2023), contributions, income, spent, {(2023, "Events"): M("6000")}, ["Chair", "Events"], balances)
    assert [p.organisation for p in s.partners] == ["Police", "ICB", "Probation"]  # partners first, then agencies
    assert s.contributions_total == M("54619.75") and s.outstanding_total == M("3719.75")
    assert [(r.label, r.amount) for r in s.other_income] == [("Training charges: Probation", M("50")), ("Other income", M("10"))]
    assert s.income_total == M("54679.75")
    assert [r.label for r in s.spending] == ["Events", "Printing"]
    assert [(b.category, b.budget, b.variance) for b in s.budgets] == [("Events", M("6000"), M("964")), ("Printing", None, M("-12"))]
    assert s.reserves_end == M("49631.75") == s.net
    assert ("Council", M("90000")) not in s.income_chart
    assert dict(s.income_chart)["Probation"] == M("3769.75")  # contribution and charges
    assert dict(s.income_chart)["Other income"] == M("10")


def _reserves_only(period: Period, balances) -> tuple:
    s = summarise(period, [], [], Spending.of([], period), {}, [], balances)
    return s.reserves_start, s.reserves_end


def test_a_period_starting_in_a_year_not_set_up_opens_on_the_first_year_set_up():
    """A year of the period never set up in Finance has no reserves of its own: the period's
    open on the first year set up, at its adjusted opening. A period with no year set up has
    the closing of the nearest earlier year (or nothing, before the first year)."""
    balances = year_balances({2021: (M("10000"), "audited"), 2023: (M("-20000"), "write-down")},
                             {2021: M("25250"), 2023: M("50900")}, {2021: M("13000.50"), 2023: M("60000")})
    report = Period(D(2022, 10, 1), D(2024, 3, 31))
    assert _reserves_only(report, balances) == (M("2249.50"), M("-6850.50"))
    assert _reserves_only(Period(D(2022, 4, 1), D(2024, 3, 31)), balances) == (M("2249.50"), M("-6850.50"))
    assert _reserves_only(Period.year(2022), balances) == (M("22249.50"), M("22249.50"))  # the year before's closing
    assert _reserves_only(Period.year(2023), balances) == (M("2249.50"), M("-6850.50"))
    first_on_record = year_balances({2023: (M("20000"), "audited reserves at 31 March 2023")}, {}, {})
    assert _reserves_only(report, first_on_record) == (M("20000"), M("20000"))
    assert _reserves_only(Period.year(2022), first_on_record) == (ZERO, ZERO)


def _year_text(opening: str, income: str, spent: str) -> str:
    year = Period.year(2023)
    contributions = [ContributionFact(2023, "ICB", ContributorClass.SAFEGUARDING_PARTNER, CASH, M(income), ZERO)]
    spending = Spending.of([SpendFact(D(2023, 4, 1), "Chair", M(spent))], year)
    balances = year_balances({2023: (M(opening), "audited")}, {2023: M(income)}, {2023: M(spent)})
    return summarise(year, contributions, [], spending, {}, [], balances).reserves_text


def test_an_overspend_is_met_from_the_reserves_only_while_they_last():
    assert _year_text("10000", "50900", "60000") == "The overspend of £9,100.00 is met from the reserves."
    assert _year_text("2249.50", "50900", "60000") == (
        "The overspend of £9,100.00 is more than the reserves of £2,249.50: they end the period £6,850.50 overdrawn.")
    assert _year_text("0", "50900", "60000") == (
        "There are no reserves to meet the overspend of £9,100.00: they end the period £9,100.00 overdrawn.")
    assert _year_text("-6850.50", "50900", "60000") == (
        "The reserves were already £6,850.50 overdrawn, so nothing meets the overspend of £9,100.00: "
        "they end the period £15,950.50 overdrawn.")
    assert _year_text("-6850.50", "100", "0.01") == (
        "The underspend of £99.99 is carried into the reserves; they end the period £6,750.51 overdrawn.")
    assert _year_text("-6850.50", "7000", "100") == "The underspend of £6,900.00 is carried into the reserves."
    assert _year_text("-10", "5", "5") == "Income and expenditure balance: the reserves are as they were, £10.00 overdrawn."


def test_a_periods_reserves_below_nought_are_said_to_be_overdrawn():
    balances = year_balances({2022: (M("100"), "audited")}, {}, {2023: M("600")})
    period = Period(D(2022, 10, 1), D(2024, 3, 31))
    s = summarise(period, [], [], Spending.of([SpendFact(D(2023, 5, 1), "Chair", M("600"))], period), {}, [], balances)
    assert s.reserves_text.startswith("The reserves went from £100.00 to £500.00 overdrawn over the period")
