"""Finance rules: financial years, contributions and their status, budgets, reserves and the
summaries a yearly report prints. Pure Python; every amount is a `Decimal` (see `money`).

Money in and out
----------------
* Partners agree a **contribution** for a financial year (1 April to 31 March, "2023/24").
  A cash contribution is invoiced and paid, possibly in parts; its status is worked out by
  `contribution_status`. A contribution **in kind** (staff, rooms) has a description and an
  optional notional value that never counts as cash: it is listed, never added to a total.
* **Other income** (training charges, anything else) is dated and belongs to the financial
  year of its date.
* **Expenditure** is dated, in a category, and belongs to the financial year of its date.

Reserves
--------
A year's income is its cash contributions as agreed (owed to the partnership whether paid yet
or not; what is still owed is shown beside it) plus its other income. A year's opening
balance is the closing balance of the year before it (the nearest earlier year on record),
plus a manual adjustment with its reason; the first year on record starts from its
adjustment. Closing balance = opening + income - expenditure: an underspend is carried into
the reserves, an overspend comes out of them.

Periods
-------
A summary covers a financial year or any period (the yearly report covers 1 October 2022 to
31 March 2024). Each figure says which period it is for: expenditure and other income by
their dates within the period; contributions and budgets for the financial years the period
touches that are set up in Finance (`years_set_up`: a year record or any finance record in
it); reserves at the start of the first of those years and the end of the last. A year of the
period never set up is named as such (`not_set_up_text`), with no figures made up for it.
The summary itself is built in `finance_summary`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bscp_desktop.domain.dates import financial_year_bounds, financial_year_label, financial_year_of
from bscp_desktop.domain.money import ZERO, format_money
from bscp_desktop.domain.validation import and_list

DEFAULT_OVERDUE_DAYS = 30
MAX_OVERDUE_DAYS = 365
FIRST_YEAR = 1900
LAST_YEAR = 2199
#: The earliest financial year money is recorded in (from 1 April 2000): a date or year before
#: it is a year typed wrong (1925 for 2025), which would otherwise become the first year on
#: record, the year every later year's reserves are carried from.
FIRST_MONEY_YEAR = 2000

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "Independent Chair fees",
    "Learning management system and website",
    "External training facilitators",
    "Events",
    "Practice reviews",
    "Section 11 and quality assurance",
    "Other",
)

OTHER_INCOME = "Other income"
TRAINING_CHARGES = "Training charges"

#: The words of a training charge: a no-show or late-cancellation charge of the Training tab.
_TRAINING = re.compile(r"\btraining", re.IGNORECASE)
_A_CHARGE = re.compile(
    r"\bcharge|\bno[\s-]*shows?\b|\blate[\s-]*cancel|\bdid(?:\s+not|n['’]t)\s+attend|\bdnas?\b", re.IGNORECASE
)


def reads_as_training_charge(description: str) -> bool:
    """True when an income line's description reads as a training charge ("Training charges
    invoice paid", "training no-shows", "DNA at training"): the Training tab's charges already
    count as income by themselves, so their payment entered as other income counts twice."""
    return bool(_TRAINING.search(description) and _A_CHARGE.search(description))


class ContributionKind(enum.StrEnum):
    CASH = "cash"
    IN_KIND = "in_kind"

    @property
    def label(self) -> str:
        return {"cash": "Cash", "in_kind": "In kind"}[self.value]


class ContributorClass(enum.StrEnum):
    SAFEGUARDING_PARTNER = "safeguarding_partner"
    RELEVANT_AGENCY = "relevant_agency"

    @property
    def label(self) -> str:
        return {
            "safeguarding_partner": "Safeguarding partner",
            "relevant_agency": "Relevant agency",
        }[self.value]


class ContributionStatus(enum.StrEnum):
    AGREED = "agreed"
    INVOICED = "invoiced"
    PART_PAID = "part_paid"
    RECEIVED = "received"
    OVERDUE = "overdue"
    IN_KIND = "in_kind"

    @property
    def label(self) -> str:
        return {
            "agreed": "Agreed",
            "invoiced": "Invoiced",
            "part_paid": "Part paid",
            "received": "Received",
            "overdue": "Overdue",
            "in_kind": "In kind",
        }[self.value]


#: Background colours shown with (never instead of) the status word.
STATUS_COLOURS: dict[ContributionStatus, str] = {
    ContributionStatus.AGREED: "#eeeeee",
    ContributionStatus.INVOICED: "#dbe9f6",
    ContributionStatus.PART_PAID: "#ffe08a",
    ContributionStatus.RECEIVED: "#c6e8c6",
    ContributionStatus.OVERDUE: "#f4b6b6",
    ContributionStatus.IN_KIND: "#eeeeee",
}


def parse_choice(enum_type: type[enum.StrEnum], value: object) -> enum.StrEnum | None:
    """The member for a stored value or a label, any case and spacing; None for blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, enum_type):
        return value
    text = " ".join(str(value).replace("_", " ").replace("-", " ").split()).casefold()
    for member in enum_type:
        if text in (member.value.replace("_", " "), member.label.casefold()):
            return member
    raise ValueError(str(value).strip())


# --------------------------------------------------------------------------- years


def kept_years() -> str:
    """The financial years this program keeps, as they are written: "1900/01 to 2199/00" (their
    days are 1 April 1900 to 31 March 2200; "1900 to 2199" would read as the years of dates)."""
    return f"{financial_year_label(FIRST_YEAR)} to {financial_year_label(LAST_YEAR)}"


def check_year(start_year: int, named: bool = True) -> str | None:
    """A message if the year cannot be used, else None: "The financial year 9998/99 is outside
    the financial years this program keeps (1900/01 to 2199/00)", or without its first words
    when not `named` (after a field's label: "Financial year: 9998/99 is outside ...")."""
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        subject = "The financial year " if named else ""
        return f"{subject}{financial_year_label(start_year)} is outside the financial years this program keeps ({kept_years()})"
    return None


def year_of(d: date) -> int:
    return financial_year_of(d)


def year_label(start_year: int) -> str:
    return financial_year_label(start_year)


# --------------------------------------------------------------------------- contributions


def due_date(invoiced_on: date | None, overdue_days: int) -> date | None:
    """The day after which an unpaid invoice is overdue."""
    if invoiced_on is None:
        return None
    try:
        return invoiced_on + timedelta(days=overdue_days)
    except OverflowError:  # an invoice date near the end of the calendar (kept by an earlier version)
        return date.max


def contribution_status(
    kind: ContributionKind,
    agreed: Decimal,
    invoiced_on: date | None,
    received: Decimal,
    today: date,
    overdue_days: int = DEFAULT_OVERDUE_DAYS,
) -> ContributionStatus:
    """Where a contribution stands on ``today``.

    In kind -> In kind. Paid in full (or more) -> Received. Otherwise, invoiced more than
    ``overdue_days`` days ago -> Overdue (part paid or not: the rest is still owed). Else
    Part paid if something came in, Invoiced if invoiced, Agreed if not yet invoiced.
    """
    if kind is ContributionKind.IN_KIND:
        return ContributionStatus.IN_KIND
    if received >= agreed and (agreed > 0 or received > 0):
        return ContributionStatus.RECEIVED
    due = due_date(invoiced_on, overdue_days)
    if due is not None and today > due:
        return ContributionStatus.OVERDUE
    if received > 0:
        return ContributionStatus.PART_PAID
    if invoiced_on is not None:
        return ContributionStatus.INVOICED
    return ContributionStatus.AGREED


def days_overdue(invoiced_on: date | None, today: date, overdue_days: int) -> int:
    due = due_date(invoiced_on, overdue_days)
    return 0 if due is None or today <= due else (today - due).days


def default_class(is_statutory_partner: bool) -> ContributorClass:
    return ContributorClass.SAFEGUARDING_PARTNER if is_statutory_partner else ContributorClass.RELEVANT_AGENCY


# --------------------------------------------------------------------------- budgets


def variance(budget: Decimal | None, actual: Decimal) -> Decimal:
    """Budget less actual: positive is an underspend, negative an overspend. Spending without a
    budget counts against a budget of nothing, so variances always add up to the total
    budget less the total spent."""
    return (budget if budget is not None else ZERO) - actual


NO_BUDGET = "No budget"  # a category's (or a year's) budget when none is set


def variance_text(amount: Decimal, budget_set: bool = True) -> str:
    if not budget_set:
        return NO_BUDGET if amount == 0 else f"{format_money(-amount)} over (no budget)"
    if amount > 0:
        return f"{format_money(amount)} under"
    if amount < 0:
        return f"{format_money(-amount)} over"
    return "On budget"


# --------------------------------------------------------------------------- balances


@dataclass(frozen=True)
class YearBalance:
    start_year: int
    carried_forward: Decimal  # closing balance of the year before (0 for the first)
    adjustment: Decimal  # signed
    adjustment_reason: str
    income: Decimal
    spending: Decimal

    @property
    def label(self) -> str:
        return financial_year_label(self.start_year)

    @property
    def opening(self) -> Decimal:
        return self.carried_forward + self.adjustment

    @property
    def net(self) -> Decimal:
        """Income less spending: an underspend when positive."""
        return self.income - self.spending

    @property
    def closing(self) -> Decimal:
        return self.opening + self.net


def year_balances(
    adjustments: Mapping[int, tuple[Decimal, str]],
    income: Mapping[int, Decimal],
    spending: Mapping[int, Decimal],
) -> dict[int, YearBalance]:
    """Every year on record (keys of ``adjustments``), and any other year with income or
    spending (a year of training charges alone), with reserves carried from the one before."""
    result: dict[int, YearBalance] = {}
    carried = ZERO
    for year in sorted({*adjustments, *income, *spending}):
        adjustment, reason = adjustments.get(year, (ZERO, ""))
        balance = YearBalance(
            year, carried, adjustment, reason, income.get(year, ZERO), spending.get(year, ZERO)
        )
        result[year] = balance
        carried = balance.closing
    return result


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, start_year: int) -> Period:
        return cls(*financial_year_bounds(start_year))

    @property
    def years(self) -> tuple[int, ...]:
        """Financial years the period touches, oldest first."""
        return tuple(range(financial_year_of(self.start), financial_year_of(self.end) + 1))

    @property
    def is_year(self) -> bool:
        return (self.start, self.end) == financial_year_bounds(financial_year_of(self.start))

    @property
    def label(self) -> str:
        if self.is_year:
            return financial_year_label(financial_year_of(self.start))
        return f"{long_date(self.start)} to {long_date(self.end)}"

    @property
    def years_label(self) -> str:
        labels = [financial_year_label(y) for y in self.years]
        return and_list(labels)

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


def years_set_up(period: Period, *held: Iterable[int]) -> tuple[int, ...]:
    """The financial years of the period that are set up in Finance, oldest first: each with a
    year record or any finance record in it. `held` gives the start years of the year records
    and of the finance records (contributions, income, expenditure, budgets). A year of the
    period that is neither was never set up: it has no contributions, budgets or reserves of
    its own to give."""
    on_record = {year for years in held for year in years}
    return tuple(year for year in period.years if year in on_record)


def not_set_up_text(period: Period, set_up: Iterable[int],
                    figures: str = "contributions, budgets and reserves") -> str:
    """'There are no finance records for 2022/23 (it is not set up in Finance), so …', naming
    the years of the period not set up in Finance; '' when every year of it is. `figures` are
    what the output shows for the years set up: the yearly report, which shows no budgets, says
    "contributions and reserves"."""
    set_up = tuple(set_up)
    missing = [year for year in period.years if year not in set_up]
    if not missing:
        return ""
    labels = and_list([financial_year_label(y) for y in missing])
    it = "it is" if len(missing) == 1 else "they are"
    if not set_up:
        return f"There are no finance records for {labels}: {it} not set up in Finance."
    held = and_list([financial_year_label(y) for y in set_up])
    return f"There are no finance records for {labels} ({it} not set up in Finance), so the {figures} are those of {held}."


def long_date(d: date) -> str:
    """'1 October 2022' (English month names whatever the machine's language)."""
    months = (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    )  # fmt: skip
    return f"{d.day} {months[d.month - 1]} {d.year}"


def check_period(start: date | None, end: date | None) -> dict[str, str]:
    """Errors by field for a period of the finance summary: both days given, the last not
    before the first, each in a financial year this program keeps (1 April 1900 to 31 March
    2200: January to March 2200 is 2199/00, January to March 1900 is 1899/00), at most 50
    years."""
    errors: dict[str, str] = {}
    if start is None:
        errors["date_from"] = "Enter the first day of the period"
    if end is None:
        errors["date_to"] = "Enter the last day of the period"
    if start and end and end < start:
        errors["date_to"] = (
            f"The last day ({long_date(end)}) cannot be before the first day ({long_date(start)})"
        )
    for key, d in (("date_from", start), ("date_to", end)):
        if d is not None and not FIRST_YEAR <= financial_year_of(d) <= LAST_YEAR:
            first, last = financial_year_bounds(FIRST_YEAR)[0], financial_year_bounds(LAST_YEAR)[1]
            errors[key] = (f"{long_date(d)} is outside the financial years this program keeps ({kept_years()}): "
                           f"choose a day from {long_date(first)} to {long_date(last)}")
    if start and end and not errors and financial_year_of(end) - financial_year_of(start) > 50:
        errors["date_to"] = "Choose a period of at most 50 years"
    return errors
