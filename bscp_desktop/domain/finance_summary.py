"""The finance summary of a year or a period: contributions by partner and in kind, other
income, spending by category against budget, and the changes from the previous year, built
from plain facts. Pure Python; the money type is `money`, years and periods are in `finance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bscp_desktop.domain.dates import financial_year_bounds, financial_year_label, financial_year_of
from bscp_desktop.domain.finance import (
    NO_BUDGET,
    OTHER_INCOME,
    TRAINING_CHARGES,
    ContributionKind,
    ContributorClass,
    Period,
    YearBalance,
    long_date,
    not_set_up_text,
    variance,
    variance_text,
    years_set_up,
)
from bscp_desktop.domain.finance_headings import outstanding_heading, received_heading
from bscp_desktop.domain.money import ZERO, format_change, format_money, total
from bscp_desktop.domain.text import isolate
from bscp_desktop.domain.validation import and_list


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
    organisation_id: int | None = None
    #: (date received, amount) of each payment making up `received`; None when their dates are not known
    payments: tuple[tuple[date, Decimal], ...] | None = None

    def received_by(self, day: date) -> Decimal:
        """What had been received by `day`: the payments dated on or before it (one dated before
        the contribution's year began counts for it); all of `received` when no dates are given."""
        if self.payments is None:
            return self.received
        return total(amount for on, amount in self.payments if on <= day)


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
    """A partner's cash contributions for the years of a summary. `received` is every payment
    recorded, whatever its date (what the Finance tab says is received so far);
    `received_by_end` the payments dated by the end of the summary's period, the figure a report
    of the period gives, so a report of a closed year reads the same whenever it is made."""

    organisation: str
    contributor_class: ContributorClass
    agreed: Decimal
    received: Decimal
    organisation_id: int | None = None  # two organisations of one name (one archived) are two rows
    received_by_end: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return max(self.agreed - self.received, ZERO)

    @property
    def outstanding_at_end(self) -> Decimal:
        """What was still owed at the end of the summary's period."""
        return max(self.agreed - self.received_by_end, ZERO)


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


class AgainstBudget:
    """What spending against a budget shows, for any row with `budget` (None when no budget
    is set) and `actual`: the variance and its words."""

    budget: Decimal | None
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        return variance(self.budget, self.actual)

    @property
    def variance_text(self) -> str:
        return variance_text(self.variance, self.budget is not None)

    @property
    def budget_text(self) -> str:
        return format_money(self.budget, NO_BUDGET)


@dataclass(frozen=True)
class BudgetTotal(AgainstBudget):
    """The total of rows against budget: the sum of the budgets set, or no budget at all when
    none of the rows has one, so a year without budgets is said as each of its rows is ("No
    budget", "£… over (no budget)"), not as a budget of £0.00 overspent."""

    budget: Decimal | None
    actual: Decimal

    @classmethod
    def of(cls, rows: Iterable[AgainstBudget]) -> BudgetTotal:
        rows = tuple(rows)
        budgeted = any(r.budget is not None for r in rows)
        return cls(total(r.budget for r in rows) if budgeted else None, total(r.actual for r in rows))


@dataclass(frozen=True)
class BudgetRow(AgainstBudget):
    """One category's budget against actual: in a summary over a period, or (with its year
    and notes) one line of the finance workbook's Budgets sheet."""

    category: str
    budget: Decimal | None
    actual: Decimal
    year: str = ""
    notes: str = ""


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
    years_set_up: tuple[int, ...]  # the years of the period set up in Finance (`finance.years_set_up`)
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
        """Received so far: every payment recorded, whatever its date."""
        return total(p.received for p in self.partners)

    @property
    def outstanding_total(self) -> Decimal:
        """Still owed as at today."""
        return total(p.outstanding for p in self.partners)

    @property
    def received_by_end_total(self) -> Decimal:
        """Received by the end of the period: what every report of the period gives."""
        return total(p.received_by_end for p in self.partners)

    @property
    def outstanding_at_end_total(self) -> Decimal:
        return total(p.outstanding_at_end for p in self.partners)

    def received_text(self, today: date) -> str:
        """What had been received of the contributions by the end of the period and what was still
        owed, by whom (payments dated later are not counted, so a closed period reads the same
        whenever it is told); as at `today` while the period has not ended. The finance report
        prints it, and the Finance tab shows it for a period that has ended."""
        # each name isolated: an amount after a name in Arabic script is not drawn into it
        owed = "; ".join(f"{isolate(p.organisation)} {format_money(p.outstanding_at_end)}"
                         for p in self.partners if p.outstanding_at_end)
        received, outstanding = format_money(self.received_by_end_total), format_money(self.outstanding_at_end_total)
        if self.period.end < today:
            end = f"{self.period.end:%d/%m/%Y}"
            return f"{received} of this had been received by {end}; {outstanding} was still owed on {end} ({owed})."
        return f"{received} of this has been received; {outstanding} is still owed ({owed})."

    def received_heading(self, today: date) -> str:
        """The heading of `PartnerRow.received_by_end`: 'Received by 31/03/2024' once the period
        has ended, 'Received so far (at 07/12/2026)' while it runs (`finance_headings`)."""
        return received_heading(self.period.end, today)

    def outstanding_heading(self, today: date) -> str:
        """The heading of `PartnerRow.outstanding_at_end`, as at the same day."""
        return outstanding_heading(self.period.end, today)

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
    def years_label(self) -> str:
        """The financial years the contributions and budgets are for: those of the period set
        up in Finance ("2023/24"), or all of its years when none is."""
        if not self.years_set_up:
            return self.period.years_label
        return and_list([financial_year_label(y) for y in self.years_set_up])

    @property
    def not_set_up_text(self) -> str:
        """The years of the period not set up in Finance, in a sentence; '' when none."""
        return not_set_up_text(self.period, self.years_set_up)

    @property
    def last_year(self) -> int:
        """The last financial year of the period set up in Finance (or its last year)."""
        return self.years_set_up[-1] if self.years_set_up else self.period.years[-1]

    @property
    def reserves_rows(self) -> tuple[tuple[str, Decimal], ...]:
        """("Reserves on 1 April 2023", amount) at either end of the years set up; when none
        of the period's years is, the reserves at the end of the last earlier year set up, or
        none at all."""
        if self.years_set_up:
            return ((f"Reserves on {long_date(self.reserves_start_on)}", self.reserves_start),
                    (f"Reserves on {long_date(self.reserves_end_on)}", self.reserves_end))
        earlier = self._earlier_year
        return () if earlier is None else ((f"Reserves on {long_date(financial_year_bounds(earlier)[1])}",
                                            self.reserves_start),)

    @property
    def _earlier_year(self) -> int | None:
        earlier = [y for y in self.years_on_record if y < self.period.years[0]]
        return earlier[-1] if earlier else None

    @property
    def reserves_text(self) -> str:
        """What the underspend (or overspend) did to the reserves. Over one financial year, or
        whole years whose reserves moved by it alone, it is their change; over whole years it is
        their change with the opening balances adjusted after the first year, named; over another
        period it is not (each year's contributions count whole, and a year's reserves move at its
        end), so the sentence then says how they moved. When no year of the period is set up in
        Finance, the reserves it last had."""
        if not self.years_set_up:
            earlier = self._earlier_year
            if earlier is None:
                return "No earlier financial year is set up in Finance, so there are no reserves to give."
            return (f"The reserves were {reserves_words(self.reserves_start)} on {long_date(financial_year_bounds(earlier)[1])}, "
                    f"at the end of {financial_year_label(earlier)}, the last financial year with finance records.")
        if self.period.is_year:
            return self._year_reserves_text()
        if _whole_years(self.period):
            return self._years_reserves_text()
        return (f"The reserves went from {reserves_words(self.reserves_start)} to {reserves_words(self.reserves_end)} "
                "over the period: a period that is not one financial year counts each year's contributions whole, "
                f"so its {'underspend' if self.net >= 0 else 'overspend'} is not the change in the reserves.")

    def _years_reserves_text(self) -> str:
        """Over whole financial years: as over one year when the underspend (or overspend) is the
        change in the reserves; else the change, with the adjustments to the opening balances of
        the later years that make it up."""
        moved = self.reserves_end - self.reserves_start
        if self.net == moved:
            return self._year_reserves_text()
        went = f"The reserves went from {reserves_words(self.reserves_start)} to {reserves_words(self.reserves_end)} over the period"
        first = financial_year_label(financial_year_of(self.reserves_start_on))  # its adjustment is in the opening reserves
        later = [(label, amount) for label, amount, _reason in self.adjustments if label != first]
        if not later or self.net + total(amount for _label, amount in later) != moved:
            return f"{went}."
        net = (f"the underspend of {format_money(self.net)}" if self.net > 0 else
               f"the overspend of {format_money(-self.net)}" if self.net < 0 else "no underspend or overspend")
        balances = and_list([f"{label} adjusted by {format_change(amount)}" for label, amount in later])
        return f"{went}: {net}, and the opening balance{'s' if len(later) > 1 else ''} of {balances}."

    def _year_reserves_text(self) -> str:
        """Over one year: met from the reserves only while they last; once they end below nought
        the sentence says by how much they are overdrawn, and whether they were before."""
        start, end = self.reserves_start, self.reserves_end
        ends_overdrawn = f"they end the period {format_money(-end)} overdrawn"
        if self.net > 0:
            said = f"The underspend of {format_money(self.net)} is carried into the reserves"
            return f"{said}; {ends_overdrawn}." if end < 0 else f"{said}."
        if self.net < 0:
            overspend = format_money(-self.net)
            if end >= 0:
                return f"The overspend of {overspend} is met from the reserves."
            if start > 0:
                return f"The overspend of {overspend} is more than the reserves of {format_money(start)}: {ends_overdrawn}."
            if start == 0:
                return f"There are no reserves to meet the overspend of {overspend}: {ends_overdrawn}."
            return (f"The reserves were already {format_money(-start)} overdrawn, so nothing meets the overspend of "
                    f"{overspend}: {ends_overdrawn}.")
        if end < 0:
            return f"Income and expenditure balance: the reserves are as they were, {format_money(-end)} overdrawn."
        return "Income and expenditure balance: the reserves are as they were."

    @property
    def adjustment_texts(self) -> tuple[str, ...]:
        """A sentence for each opening balance of the period adjusted, with its reason."""
        return tuple(f"The opening balance of {label} was adjusted by {format_change(amount)}: {reason}"
                     for label, amount, reason in self.adjustments)

    @property
    def budgets_total(self) -> BudgetTotal:
        """The Total row of budget against actual (no budget when no category has one)."""
        return BudgetTotal.of(self.budgets)

    @property
    def contributions_heading(self) -> str:
        return f"Contributions for {self.years_label}"

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


def _whole_years(period: Period) -> bool:
    """True when the period starts on a 1 April and ends on a 31 March."""
    return (period.start == financial_year_bounds(financial_year_of(period.start))[0]
            and period.end == financial_year_bounds(financial_year_of(period.end))[1])


def reserves_words(amount: Decimal) -> str:
    """'£2,249.50', or '£6,850.50 overdrawn' for reserves below nought."""
    return f"{format_money(-amount)} overdrawn" if amount < 0 else format_money(amount)


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
    partners = _partner_rows((c for c in in_years if c.kind is ContributionKind.CASH), period.end)
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
    set_up = years_set_up(period, balances, (c.start_year for c in contributions),
                          (y for y, _ in spending.by_year), (y for y, _ in budgets))
    first = set_up[0] if set_up else years[0]
    last = next((balances[y] for y in reversed(years) if y in balances), None)
    earlier = [y for y in recorded if y < first]
    # on the first 1 April of the years set up: that year's opening, or (a year with nothing
    # in it) the closing of the nearest earlier year; a later year's adjustment comes in on
    # its own 1 April
    start_amount = (balances[first].opening if first in balances
                    else balances[earlier[-1]].closing if earlier else ZERO)
    end_amount = last.closing if last else start_amount

    compare, partner_changes, category_changes = _year_on_year(
        set_up[-1] if set_up else years[-1], recorded, contributions, spending, order
    )

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
        reserves_start_on=financial_year_bounds(first)[0],
        reserves_end_on=financial_year_bounds(set_up[-1] if set_up else years[-1])[1],
        years_on_record=tuple(recorded),
        years_set_up=set_up,
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


def _partner_rows(items: Iterable[ContributionFact], end: date) -> tuple[PartnerRow, ...]:
    """Each organisation's cash contributions, with what it had paid by `end`, the period's last day."""
    rows: dict[tuple, list] = {}
    for c in items:
        row = rows.setdefault((c.organisation_id, c.organisation), [c.contributor_class, ZERO, ZERO, ZERO])
        row[1] += c.agreed
        row[2] += c.received
        row[3] += c.received_by(end)
    # safeguarding partners first, then relevant agencies; each in the order recorded
    ordered = sorted(rows.items(), key=lambda kv: kv[1][0] is not ContributorClass.SAFEGUARDING_PARTNER)
    return tuple(PartnerRow(name, cls, agreed, received, org_id, by_end)
                 for (org_id, name), (cls, agreed, received, by_end) in ordered)


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


def _year_on_year(
    current: int,
    recorded: Sequence[int],
    contributions: Sequence[ContributionFact],
    spending: Spending,
    order: Sequence[str],
) -> tuple[tuple[int, int] | None, tuple[ChangeRow, ...], tuple[ChangeRow, ...]]:
    """(previous, current) with the changes in contributions and in expenditure between them:
    the last year of the period set up in Finance and the year before it, when the year before
    is on record and either year has cash contributions or expenditure. Otherwise there is
    nothing to compare: (None, (), ()), so no output gives a year-on-year heading with no table."""
    previous = current - 1
    has_previous = previous in recorded or any(c.start_year == previous for c in contributions) or any(
        year == previous for year, _ in spending.by_year
    )
    if not has_previous:
        return None, (), ()
    partners = _partner_changes(contributions, previous, current)
    categories = _category_changes(spending, order, previous, current)
    if not partners and not categories:
        return None, (), ()
    return (previous, current), partners, categories


def _partner_changes(contributions: Sequence[ContributionFact], previous: int, current: int) -> tuple[ChangeRow, ...]:
    amounts: dict[str, list[Decimal]] = {}
    for c in contributions:
        if c.kind is ContributionKind.CASH and c.start_year in (previous, current):
            pair = amounts.setdefault(c.organisation, [ZERO, ZERO])
            pair[0 if c.start_year == previous else 1] += c.agreed
    return tuple(
        ChangeRow(name, a, b) for name, (a, b) in sorted(amounts.items(), key=lambda kv: kv[0].casefold()) if a or b
    )


def _category_changes(spending: Spending, order: Sequence[str], previous: int, current: int) -> tuple[ChangeRow, ...]:
    amounts = {
        name: [spending.by_year.get((previous, name), ZERO), spending.by_year.get((current, name), ZERO)]
        for name in order
    }
    return tuple(ChangeRow(name, a, b) for name, (a, b) in amounts.items() if a or b)
