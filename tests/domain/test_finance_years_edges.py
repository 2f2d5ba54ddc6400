"""The financial years the program keeps, 1900/01 to 2199/00, at their edges: a year outside
them is named as financial years are written, and a finance period may have any day of them
(1 April 1900 to 31 March 2200), not the days of 1899/00 or of 2200/01."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.finance import check_period, check_year, kept_years

OUTSIDE = "is outside the financial years this program keeps (1900/01 to 2199/00)"


def test_a_year_outside_those_kept_is_said_as_financial_years():
    assert kept_years() == "1900/01 to 2199/00"
    assert check_year(9998) == f"The financial year 9998/99 {OUTSIDE}"
    assert check_year(1899, named=False) == f"1899/00 {OUTSIDE}"
    assert check_year(2200) == f"The financial year 2200/01 {OUTSIDE}"
    assert check_year(1900) is None and check_year(2199) is None


@pytest.mark.parametrize(("start", "end"), [
    (date(2200, 1, 1), date(2200, 3, 31)),  # January to March 2200: the end of 2199/00
    (date(2199, 4, 1), date(2200, 3, 31)),  # the whole of 2199/00
    (date(1900, 4, 1), date(1900, 4, 1)),  # the first day of 1900/01
])
def test_a_period_may_have_any_day_of_the_years_kept(start, end):
    assert check_period(start, end) == {}


@pytest.mark.parametrize(("start", "end", "field", "day"), [
    (date(2200, 3, 1), date(2200, 4, 1), "date_to", "1 April 2200"),  # 2200/01
    (date(1900, 3, 31), date(1900, 5, 1), "date_from", "31 March 1900"),  # 1899/00
])
def test_a_period_with_a_day_of_a_year_not_kept_is_refused_naming_the_day(start, end, field, day):
    errors = check_period(start, end)
    assert list(errors) == [field]
    assert errors[field] == f"{day} {OUTSIDE}: choose a day from 1 April 1900 to 31 March 2200"
