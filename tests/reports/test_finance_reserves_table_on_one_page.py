"""The finance PDF keeps its "Income, expenditure and reserves" heading and table on one page:
however long the contributions above it, the reserves at the start of the period are never left
at the foot of one page with those at its end alone on the next."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as M

from pypdf import PdfReader

from bscp_desktop.domain.finance import ContributionKind, ContributorClass, Period, year_balances
from bscp_desktop.domain.finance_summary import ContributionFact, SpendFact, Spending, summarise
from bscp_desktop.domain.money import ZERO
from bscp_desktop.reports.finance import FinanceReport, write_pdf

PERIOD = Period(date(2023, 4, 1), date(2025, 3, 31))
HEADING = "Income, expenditure and reserves"
ROWS = ("Total income", "Total expenditure", "Underspend", "Reserves on 1 April 2023", "Reserves on 31 March 2025")


def _report(partners: int, in_kind: int) -> FinanceReport:
    contributions = [ContributionFact(2023, f"Partner {n:02d}", ContributorClass.RELEVANT_AGENCY, ContributionKind.CASH,
                                      M("1000"), M("1000")) for n in range(partners)]
    contributions += [ContributionFact(2023, f"Council {n}", ContributorClass.RELEVANT_AGENCY, ContributionKind.IN_KIND,
                                       ZERO, ZERO, description="Meeting rooms") for n in range(in_kind)]
    spent = [SpendFact(date(2023, 6, 1), "Chair", M("500"))]
    balances = year_balances({2023: (ZERO, ""), 2024: (M("-250"), "Returned to partners")},
                             {2023: M(1000 * partners)}, {2023: M("500")})
    summary = summarise(PERIOD, contributions, [], Spending.of(spent, PERIOD), {}, ["Chair"], balances)
    return FinanceReport("Brent Safeguarding Children Partnership", date(2025, 6, 1), summary)


def _pages_holding(path, texts) -> set[int]:
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
    return {next(i for i, page in enumerate(pages) if text in page) for text in texts}


def test_the_reserves_table_and_its_heading_are_never_split_over_a_page(tmp_path):
    """The contributions table grows a row at a time, and the notes of contributions in kind
    under it a line at a time, moving the reserves table down the page through every place the
    page can end in it (17 partners with two in kind, or 19 with one, ended it after four rows)."""
    for partners in range(16, 22):
        for in_kind in range(4):
            path = write_pdf(_report(partners, in_kind), tmp_path / f"f{partners}-{in_kind}.pdf")
            assert len(_pages_holding(path, (HEADING, *ROWS))) == 1, f"split with {partners} partners, {in_kind} in kind"
