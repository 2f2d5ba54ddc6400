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
touches; reserves at the start of the first of those years and the end of the last.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from bscp_desktop.domain.dates import (
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
)
from bscp_desktop.domain.money import ZERO, format_money, total

DEFAULT_OVERDUE_DAYS = 30
MAX_OVERDUE_DAYS = 365
FIRST_YEAR = 1900
LAST_YEAR = 2199

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


def check_year(start_year: int) -> str | None:
    """A message if the year cannot be used, else None."""
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        return (
            f"The financial year {financial_year_label(start_year)} is outside the years this "
            f"program keeps ({FIRST_YEAR} to {LAST_YEAR})"
        )
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


def variance_text(amount: Decimal, budget_set: bool = True) -> str:
    if not budget_set:
        return "No budget" if amount == 0 else f"{format_money(-amount)} over (no budget)"
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
    """Every year on record (keys of ``adjustments``) with reserves carried from the one before."""
    result: dict[int, YearBalance] = {}
    carried = ZERO
    for year in sorted(adjustments):
        adjustment, reason = adjustments[year]
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
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


def long_date(d: date) -> str:
    """'1 October 2022' (English month names whatever the machine's language)."""
    months = (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    )  # fmt: skip
    return f"{d.day} {months[d.month - 1]} {d.year}"


def check_period(start: date | None, end: date | None) -> dict[str, str]:
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
        if d is not None and not FIRST_YEAR <= d.year <= LAST_YEAR:
            errors[key] = f"Choose a date between {FIRST_YEAR} and {LAST_YEAR}"
    if start and end and not errors and financial_year_of(end) - financial_year_of(start) > 50:
        errors["date_to"] = "Choose a period of at most 50 years"
    return errors


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class ContributionFact:
    """A contribution as the summary needs it."""

    start_year: int
    organisation: str
    contributor_class: ContributorClass
    kind: ContributionKind
    agreed: Decimal
    received: Decimal
    description: str = ""
    notional_value: Decimal | None = None


@dataclass(frozen=True)
class IncomeFact:
    on: date
    source: str  # organisation name, or "" when none
    line: str  # "Training charges", "Other income", ...
    amount: Decimal


@dataclass(frozen=True)
class SpendFact:
    on: date
    category: str
    amount: Decimal


@dataclass(frozen=True)
class Spending:
    """Expenditure added up: by (financial year, category), and by category within the
    period a summary covers. The database adds these up itself; `of` does it from lines."""

    by_year: Mapping[tuple[int, str], Decimal]
    in_period: Mapping[str, Decimal]

    @classmethod
    def of(cls, lines: Iterable[SpendFact], period: Period | None = None) -> Spending:
        by_year: dict[tuple[int, str], Decimal] = {}
        in_period: dict[str, Decimal] = {}
        for s in lines:
            key = (financial_year_of(s.on), s.category)
            by_year[key] = by_year.get(key, ZERO) + s.amount
            if period is not None and period.contains(s.on):
                in_period[s.category] = in_period.get(s.category, ZERO) + s.amount
        return cls(by_year, in_period)

    def per_year(self) -> dict[int, Decimal]:
        result: dict[int, Decimal] = {}
        for (year, _), amount in self.by_year.items():
            result[year] = result.get(year, ZERO) + amount
        return result


@dataclass(frozen=True)
class PartnerRow:
    organisation: str
    contributor_class: ContributorClass
    agreed: Decimal
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.agreed - self.received, ZERO)


@dataclass(frozen=True)
class InKindRow:
    organisation: str
    description: str
    notional_value: Decimal | None
    years: str


@dataclass(frozen=True)
class AmountRow:
    label: str
    amount: Decimal
    source: str = ""  # for income: the organisation it came from, if any


@dataclass(frozen=True)
class BudgetRow:
    category: str
    budget: Decimal | None
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        return variance(self.budget, self.actual)

    @property
    def variance_text(self) -> str:
        return variance_text(self.variance, self.budget is not None)


@dataclass(frozen=True)
class ChangeRow:
    label: str
    previous: Decimal
    current: Decimal

    @property
    def change(self) -> Decimal:
        return self.current - self.previous


@dataclass(frozen=True)
class FinanceSummary:
    period: Period
    partners: tuple[PartnerRow, ...]
    in_kind: tuple[InKindRow, ...]
    other_income: tuple[AmountRow, ...]
    spending: tuple[AmountRow, ...]
    budgets: tuple[BudgetRow, ...]
    reserves_start: Decimal
    reserves_end: Decimal
    reserves_start_on: date
    reserves_end_on: date
    years_on_record: tuple[int, ...]
    compare_years: tuple[int, int] | None = None
    partner_changes: tuple[ChangeRow, ...] = ()
    category_changes: tuple[ChangeRow, ...] = ()
    adjustments: tuple[tuple[str, Decimal, str], ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def contributions_total(self) -> Decimal:
        return total(p.agreed for p in self.partners)

    @property
    def received_total(self) -> Decimal:
        return total(p.received for p in self.partners)

    @property
    def outstanding_total(self) -> Decimal:
        return total(p.outstanding for p in self.partners)

    @property
    def other_income_total(self) -> Decimal:
        return total(r.amount for r in self.other_income)

    @property
    def income_total(self) -> Decimal:
        return self.contributions_total + self.other_income_total

    @property
    def spending_total(self) -> Decimal:
        return total(r.amount for r in self.spending)

    @property
    def net(self) -> Decimal:
        """Income less spending for the figures shown: underspend when positive."""
        return self.income_total - self.spending_total

    @property
    def net_text(self) -> str:
        if self.net > 0:
            return f"Underspend of {format_money(self.net)}"
        if self.net < 0:
            return f"Overspend of {format_money(-self.net)}"
        return "Income and spending balance exactly"

    @property
    def budget_total(self) -> Decimal:
        return total(b.budget for b in self.budgets)

    @property
    def budget_actual_total(self) -> Decimal:
        return total(b.actual for b in self.budgets)

    @property
    def contributions_heading(self) -> str:
        return f"Contributions for {self.period.years_label}"

    @property
    def spending_heading(self) -> str:
        return f"Expenditure, {self.period.label}"

    @property
    def income_chart(self) -> tuple[tuple[str, Decimal], ...]:
        """Income by partner: each organisation's cash contribution plus any charges it paid;
        income from no organisation as "Other income"."""
        amounts: dict[str, Decimal] = {}
        for p in self.partners:
            amounts[p.organisation] = amounts.get(p.organisation, ZERO) + p.agreed
        for r in self.other_income:
            key = r.source or OTHER_INCOME
            amounts[key] = amounts.get(key, ZERO) + r.amount
        return tuple((k, v) for k, v in amounts.items() if v)

    @property
    def spending_chart(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((r.label, r.amount) for r in self.spending if r.amount)


def income_line_label(line: str, source: str) -> str:
    """'Training charges: Probation Service'; 'Other income' when there is no source."""
    return f"{line}: {source}" if source else line


def summarise(
    period: Period,
    contributions: Sequence[ContributionFact],
    income: Sequence[IncomeFact],
    spending: Spending,
    budgets: Mapping[tuple[int, str], Decimal],
    categories: Sequence[str],
    balances: Mapping[int, YearBalance],
) -> FinanceSummary:
    """Everything a summary shows, from plain facts. ``budgets`` maps (year, category) to an
    amount; ``categories`` gives the order of categories (others follow by name)."""
    years = period.years
    in_years = [c for c in contributions if c.start_year in years]
    partners = _partner_rows(c for c in in_years if c.kind is ContributionKind.CASH)
    in_kind = _in_kind_rows(c for c in in_years if c.kind is ContributionKind.IN_KIND)

    other: dict[tuple[str, str], Decimal] = {}
    for item in sorted(income, key=lambda i: (i.line != TRAINING_CHARGES, i.line, i.source.casefold())):
        if period.contains(item.on):
            key = (item.line, item.source)
            other[key] = other.get(key, ZERO) + item.amount

    order = _category_order(
        categories, [k[1] for k in spending.by_year] + list(spending.in_period) + [k[1] for k in budgets]
    )
    spending_rows = tuple(
        AmountRow(name, spending.in_period[name]) for name in order if spending.in_period.get(name)
    )
    actual = {name: total(spending.by_year.get((y, name)) for y in years) for name in order}
    budget_rows = []
    for name in order:
        amounts = [budgets[(y, name)] for y in years if (y, name) in budgets]
        budget = total(amounts) if amounts else None
        if budget is not None or actual[name]:
            budget_rows.append(BudgetRow(name, budget, actual[name]))

    recorded = sorted(balances)
    first = next((balances[y] for y in years if y in balances), None)
    last = next((balances[y] for y in reversed(years) if y in balances), None)
    earlier = [y for y in recorded if y < years[0]]
    start_amount = first.opening if first else (balances[earlier[-1]].closing if earlier else ZERO)
    end_amount = last.closing if last else start_amount

    compare = _compare_years(years, recorded, contributions, spending)
    partner_changes: tuple[ChangeRow, ...] = ()
    category_changes: tuple[ChangeRow, ...] = ()
    if compare:
        previous, current = compare
        partner_changes = _partner_changes(contributions, previous, current)
        category_changes = _category_changes(spending, order, previous, current)

    return FinanceSummary(
        period=period,
        partners=partners,
        in_kind=in_kind,
        other_income=tuple(
            AmountRow(income_line_label(line, source), amount, source) for (line, source), amount in other.items()
        ),
        spending=spending_rows,
        budgets=tuple(budget_rows),
        reserves_start=start_amount,
        reserves_end=end_amount,
        reserves_start_on=financial_year_bounds(years[0])[0],
        reserves_end_on=financial_year_bounds(years[-1])[1],
        years_on_record=tuple(recorded),
        compare_years=compare,
        partner_changes=partner_changes,
        category_changes=category_changes,
        adjustments=tuple(
            (balances[y].label, balances[y].adjustment, balances[y].adjustment_reason)
            for y in years
            if y in balances and balances[y].adjustment
        ),
    )


def _category_order(configured: Sequence[str], used: Iterable[str]) -> list[str]:
    order = list(dict.fromkeys(configured))
    extra = sorted({u for u in used if u not in order}, key=str.casefold)
    return order + extra


def _partner_rows(items: Iterable[ContributionFact]) -> tuple[PartnerRow, ...]:
    rows: dict[str, list] = {}
    for c in items:
        row = rows.setdefault(c.organisation, [c.contributor_class, ZERO, ZERO])
        row[1] += c.agreed
        row[2] += c.received
    # safeguarding partners first, then relevant agencies; each in the order recorded
    ordered = sorted(rows.items(), key=lambda kv: kv[1][0] is not ContributorClass.SAFEGUARDING_PARTNER)
    return tuple(PartnerRow(name, cls, agreed, received) for name, (cls, agreed, received) in ordered)


def _in_kind_rows(items: Iterable[ContributionFact]) -> tuple[InKindRow, ...]:
    rows: dict[tuple[str, str], list] = {}
    for c in items:
        key = (c.organisation, c.description)
        row = rows.setdefault(key, [None, []])
        if c.notional_value is not None:
            row[0] = (row[0] or ZERO) + c.notional_value
        row[1].append(financial_year_label(c.start_year))
    return tuple(
        InKindRow(org, description, value, ", ".join(years))
        for (org, description), (value, years) in sorted(rows.items(), key=lambda kv: kv[0][0].casefold())
    )


def _compare_years(
    years: Sequence[int],
    recorded: Sequence[int],
    contributions: Sequence[ContributionFact],
    spending: Spending,
) -> tuple[int, int] | None:
    """(previous, current): the last year of the period and the year before it, when there is
    anything to compare the year with."""
    current = years[-1]
    previous = current - 1
    has_previous = previous in recorded or any(c.start_year == previous for c in contributions) or any(
        year == previous for year, _ in spending.by_year
    )
    return (previous, current) if has_previous else None


def _partner_changes(contributions: Sequence[ContributionFact], previous: int, current: int) -> tuple[ChangeRow, ...]:
    amounts: dict[str, list[Decimal]] = {}
    for c in contributions:
        if c.kind is ContributionKind.CASH and c.start_year in (previous, current):
            pair = amounts.setdefault(c.organisation, [ZERO, ZERO])
            pair[0 if c.start_year == previous else 1] += c.agreed
    return tuple(
        ChangeRow(name, a, b) for name, (a, b) in sorted(amounts.items(), key=lambda kv: kv[0].casefold())
    )


def _category_changes(spending: Spending, order: Sequence[str], previous: int, current: int) -> tuple[ChangeRow, ...]:
    amounts = {
        name: [spending.by_year.get((previous, name), ZERO), spending.by_year.get((current, name), ZERO)]
        for name in order
    }
    return tuple(ChangeRow(name, a, b) for name, (a, b) in amounts.items() if a or b)
