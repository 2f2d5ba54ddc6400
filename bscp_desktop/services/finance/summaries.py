"""Financial years with their reserves, and the summaries for a year or any period.

Every figure is computed from the records in one read (a handful of queries), by the pure
rules in `domain.finance`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.finance import Budget as BudgetRecord
from bscp_desktop.db.models.finance import Contribution, ContributionPayment, ExpenseCategory, FinancialYear, OtherIncome
from bscp_desktop.db.models.finance import Expense as ExpenseRecord
from bscp_desktop.domain.finance import OTHER_INCOME, TRAINING_CHARGES, ContributionKind, ContributorClass, Period, YearBalance, check_period, year_balances, year_label, year_of
from bscp_desktop.domain.finance_summary import ContributionFact, FinanceSummary, IncomeFact, Spending, summarise
from bscp_desktop.domain.money import ZERO, MoneyError, NegativeMoney, format_money, parse_money, total
from bscp_desktop.domain.training import rates_for_year
from bscp_desktop.domain.validation import Checker, ValidationError, and_list
from bscp_desktop.services.common import CommandFields, assign, get_or_raise, same_as
from bscp_desktop.services.finance.common import a_year, ensure_year, year_not_after_next
from bscp_desktop.services.training.charges import charge_lines_in
from bscp_desktop.services.training.settings import charge_rates_in

# --------------------------------------------------------------------------- years


class AdjustmentDirection(enum.StrEnum):
    ADD = "add"
    SUBTRACT = "subtract"

    @property
    def label(self) -> str:
        return {"add": "Add to the reserves", "subtract": "Take from the reserves"}[self.value]


@dataclass(frozen=True)
class YearFields(CommandFields):
    adjustment: Decimal | str | None = None  # never negative: the direction says which way
    direction: AdjustmentDirection | str = AdjustmentDirection.ADD
    adjustment_reason: str = ""
    notes: str = ""


class _NamedYear:
    """What a financial year is called, from its `start_year`; years are never archived."""

    archived = False

    @property
    def label(self) -> str:
        return year_label(self.start_year)

    @property
    def name(self) -> str:
        return f"the financial year {self.label}"


@dataclass(frozen=True)
class YearDTO(_NamedYear):
    id: int
    start_year: int
    balance: YearBalance
    notes: str
    contributions_agreed: Decimal
    #: received against the year's cash contributions by its end (31 March), as a report of the year counts it
    received: Decimal
    other_income: Decimal
    budget_total: Decimal
    #: why the year cannot be removed (`remove_year` refuses with it), "" when nothing is recorded in it
    stays_because: str = ""
    #: every payment against the year's cash contributions, whatever its date: what is still owed is counted from it
    received_so_far: Decimal = ZERO


    # the year's balance, as read
    carried_forward = same_as("balance.carried_forward")
    adjustment = same_as("balance.adjustment")
    adjustment_reason = same_as("balance.adjustment_reason")
    opening = same_as("balance.opening")
    income = same_as("balance.income")
    spending = same_as("balance.spending")
    closing = same_as("balance.closing")

    @property
    def outstanding(self) -> Decimal:
        """Still owed as at today."""
        return max(self.contributions_agreed - self.received_so_far, ZERO)

    def to_fields(self) -> YearFields:
        direction = AdjustmentDirection.SUBTRACT if self.adjustment < 0 else AdjustmentDirection.ADD
        return YearFields(abs(self.adjustment), direction, self.adjustment_reason, self.notes)


#: The labels of the year's fields, as the Edit year dialog shows them and the messages name them.
ADJUSTMENT_LABEL = "Adjustment to the reserves"
DIRECTION_LABEL = "The adjustment"


def adjustment_amount(c: Checker, value: object, field: str = "adjustment") -> Decimal | None:
    """The adjustment typed, or None with the reason added under `field`. It is never negative:
    the direction says which way it goes, so a minus sign is refused with the choice that takes
    the amount from the reserves (following the general advice alone would add it)."""
    try:
        return parse_money(value, ADJUSTMENT_LABEL, required=False)
    except NegativeMoney as exc:
        c.add(field, f"{ADJUSTMENT_LABEL} {exc.shown} cannot be negative: to lower the reserves, choose "
                     f"'{AdjustmentDirection.SUBTRACT.label}' in '{DIRECTION_LABEL}' and type the amount without "
                     "a minus sign")
    except MoneyError as exc:
        c.add(field, str(exc))
    return None


def signed_adjustment(amount: Decimal, direction: AdjustmentDirection | str | None) -> Decimal:
    """The adjustment as it changes the reserves: `amount` (never negative) taken from them when
    `direction` says so, else added. The year opens with the carried-forward figure plus this."""
    return -amount if direction == AdjustmentDirection.SUBTRACT else amount


def _check_year_fields(f: YearFields) -> dict:
    c = Checker()
    amount = adjustment_amount(c, f.adjustment) or ZERO
    try:
        direction = AdjustmentDirection(f.direction)
    except ValueError:
        direction = None
        c.add("direction", "Choose whether the adjustment adds to or takes from the reserves")
    reason = c.optional("adjustment_reason", f.adjustment_reason, "Reason for the adjustment", 2000)
    if amount and not reason:
        c.add("adjustment_reason", "Give the reason for the adjustment (for example the audited reserves figure)")
    notes = c.optional("notes", f.notes, "Notes", 5000)
    c.raise_if_any()
    signed = signed_adjustment(amount, direction)
    return {"opening_adjustment": signed + ZERO, "adjustment_reason": reason if amount else "", "notes": notes}


@dataclass(frozen=True)
class SavedYear(_NamedYear):
    """A financial year just saved, without its figures (`create_year`/`update_year` with
    `figures=False`): a dialog that only needs to know what was saved, as the Years list
    reads the figures again when it reloads."""

    id: int
    start_year: int


def create_year(db: Database, financial_year: int | str, fields: YearFields | None = None, *,
                figures: bool = True) -> YearDTO | SavedYear:
    """Add a financial year (years are also added on their own when something is recorded in one).
    Its reserves are carried from every year before it, so they are added up only with `figures`."""
    c = Checker()
    start_year = a_year(c, "financial_year", financial_year)
    year_not_after_next(c, "financial_year", start_year)
    values = None
    try:
        values = _check_year_fields(fields or YearFields())
    except ValidationError as exc:
        c.errors.update(exc.errors)
    with db.unit_of_work() as session:
        if start_year is not None and session.scalar(select(FinancialYear.id).where(FinancialYear.start_year == start_year)):
            c.add("financial_year", f"The financial year {year_label(start_year)} is already on record")
        c.raise_if_any()
        year = ensure_year(session, start_year)
        assign(year, values)
        session.flush()
        return _year_dtos(session)[year.start_year] if figures else SavedYear(year.id, year.start_year)


def update_year(db: Database, year_id: int, fields: YearFields, *, figures: bool = True) -> YearDTO | SavedYear:
    """Save a year's adjustment and notes; with `figures` the year is returned with its balances
    (added up from every year's records), without them as `SavedYear`."""
    values = _check_year_fields(fields)
    with db.unit_of_work() as session:
        year = get_or_raise(session, FinancialYear, year_id, "financial year")
        assign(year, values)
        session.flush()
        return _year_dtos(session)[year.start_year] if figures else SavedYear(year.id, year.start_year)


def remove_year(db: Database, year_id: int) -> None:
    """Take away a financial year that holds nothing: one made by a date typed years ahead, say,
    and corrected since. A year holding anything (`YearDTO.stays_because`, which the Finance tab
    offers Remove year by) stays, and the refusal names what it holds. Its change history keeps
    the year and its removal."""
    with db.unit_of_work() as session:
        year = get_or_raise(session, FinancialYear, year_id, "financial year")
        why = _why_year_stays(session, year)
        if why:
            raise ValidationError({"financial_year": why})
        session.delete(year)


_HELD_RECORDS = ((Contribution, "contributions"), (OtherIncome, "other income"), (ExpenseRecord, "expenditure"))


def _why_years_stay(session: Session, facts: _Facts) -> dict[int, str]:
    """Why each year cannot be removed (start year -> the refusal, "" when it can): it holds
    contributions, other income or expenditure (archived ones too: the refusal says when all of
    a kind are archived, as the tab does not list them), budgets, training charges (a charge set
    for it in Training, waived bookings or none yet), an adjustment or notes."""
    live: dict[int, list[str]] = {}
    archived: dict[int, list[str]] = {}
    for model, words in _HELD_RECORDS:
        for year_id, count, gone in session.execute(
            select(model.financial_year_id, func.count(model.id), func.count(model.archived_at))
            .group_by(model.financial_year_id)
        ):
            if count:
                (archived if gone == count else live).setdefault(year_id, []).append(words)
    budgeted = set(session.scalars(select(BudgetRecord.financial_year_id).distinct()))
    rates = charge_rates_in(session)
    why = {}
    for start_year, (year_id, adjustment, _reason, notes) in facts.years.items():
        gone = archived.get(year_id, [])
        held = [words for _model, words in _HELD_RECORDS if words in live.get(year_id, []) + gone]
        held += ["budgets"] if year_id in budgeted else []
        held += [charges] if (charges := _training_charges_held(start_year, rates, facts.charged)) else []
        held += ["an adjustment to its opening balance"] if adjustment else []
        held += ["notes"] if notes.strip() else []
        text = (f"The financial year {year_label(start_year)} holds {and_list(held)}: only a year with nothing "
                "recorded in it can be removed") if held else ""
        if gone:
            one = gone == ["other income"] or gone == ["expenditure"]
            text += (f" (its {and_list(gone)} {'is' if one else 'are'} archived: restore "
                     f"{'it' if one else 'them'}, or keep the year)")
        why[start_year] = text
    return why


def _why_year_stays(session: Session, year: FinancialYear) -> str:
    """`_why_years_stay` for one year, reading only the training charges of its own sessions."""
    period = Period.year(year.start_year)
    lines = charge_lines_in(session, period.start, period.end)
    charged = {year.start_year: (len(lines), sum(1 for line in lines if line.waived))} if lines else {}
    years = {year.start_year: (year.id, year.opening_adjustment, year.adjustment_reason, year.notes)}
    return _why_years_stay(session, _Facts((), (), {}, {}, (), years, charged))[year.start_year]


def _training_charges_held(start_year: int, rates, charged: dict[int, tuple[int, int]]) -> str:
    """The year's training charges in words, or "": while the Training tab charges anything in a
    year, its no-shows and late cancellations are that year's income (a waived charge may be
    reinstated), so the year stays listed with the reserves it carries. `charged`: start year ->
    (chargeable bookings, waived)."""
    rates = rates_for_year(rates, start_year)
    if rates is None or not (rates.no_show or rates.late_cancellation):
        return ""
    words = (f"training charges ({format_money(rates.no_show)} a no-show and {format_money(rates.late_cancellation)} "
             "a late cancellation, set in Training > Charges per year…")
    lines, waived = charged.get(start_year, (0, 0))
    if lines:
        words += f"; {lines} chargeable booking{'s' if lines != 1 else ''}"
        words += f", {waived} waived" if waived else ""
    return words + ")"


def list_years(db: Database) -> list[YearDTO]:
    """Every financial year on record, the latest first."""
    with db.unit_of_work() as session:
        return sorted(_year_dtos(session).values(), key=lambda y: -y.start_year)


def get_year(db: Database, financial_year: int | str) -> YearDTO:
    c = Checker()
    start_year = a_year(c, "financial_year", financial_year, reading=True)
    c.raise_if_any()
    with db.unit_of_work() as session:
        years = _year_dtos(session)
        if start_year not in years:
            ensure_year(session, start_year)
            years = _year_dtos(session)
        return years[start_year]


def year_choices(db: Database) -> list[tuple[str, int]]:
    """(label, start year) of years on record, latest first (read without adding anything up:
    every list's Year filter asks for it)."""
    with db.unit_of_work() as session:
        return [(year_label(y), y) for y in sorted(year_starts_in(session), reverse=True)]


def year_starts_in(session: Session) -> set[int]:
    """The start years of the financial years on record (an import names those it adds)."""
    return set(session.scalars(select(FinancialYear.start_year)))


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class _Facts:
    contributions: tuple[ContributionFact, ...]
    income: tuple[IncomeFact, ...]
    spending: dict[tuple[int, str], Decimal]  # (financial year, category) -> total spent
    budgets: dict[tuple[int, str], Decimal]
    categories: tuple[str, ...]
    years: dict[int, tuple[int, Decimal, str, str]]  # start year -> (id, adjustment, reason, notes)
    charged: dict[int, tuple[int, int]]  # start year -> (chargeable training bookings, waived)


def _facts(session: Session) -> _Facts:
    years = {
        y.start_year: (y.id, y.opening_adjustment, y.adjustment_reason, y.notes)
        for y in session.scalars(select(FinancialYear))
    }
    paid: dict[int, list[tuple[date, Decimal]]] = {}
    for cid, on, amount in session.execute(
        select(ContributionPayment.contribution_id, ContributionPayment.received_on, ContributionPayment.amount).where(
            ContributionPayment.archived_at.is_(None)
        )
    ):
        paid.setdefault(cid, []).append((on, amount))
    contributions = []
    for record, start_year, org in session.execute(
        select(Contribution, FinancialYear.start_year, Organisation.name)
        .join(FinancialYear, FinancialYear.id == Contribution.financial_year_id)
        .join(Organisation, Organisation.id == Contribution.organisation_id)
        .where(Contribution.archived_at.is_(None))
        .order_by(Contribution.id)
    ):
        payments = tuple(paid.get(record.id, ()))
        contributions.append(
            ContributionFact(
                start_year, org, ContributorClass(record.contributor_class), ContributionKind(record.kind),
                record.agreed, total(amount for _on, amount in payments), record.in_kind_description,
                record.notional_value, record.organisation_id, payments,
            )
        )
    charge_lines = charge_lines_in(session)
    income = [
        IncomeFact(on, org or "", OTHER_INCOME, amount)
        for on, org, amount in session.execute(
            select(OtherIncome.received_on, Organisation.name, OtherIncome.amount)
            .outerjoin(Organisation, Organisation.id == OtherIncome.organisation_id)
            .where(OtherIncome.archived_at.is_(None))
        )
    ] + training_charges_in(session, charge_lines)
    charged: dict[int, tuple[int, int]] = {}
    for line in charge_lines:
        lines, waived = charged.get(year_of(line.session_day), (0, 0))
        charged[year_of(line.session_day)] = (lines + 1, waived + bool(line.waived))
    spending = {
        (start_year, category): amount
        for start_year, category, amount in session.execute(
            select(FinancialYear.start_year, ExpenseCategory.name, func.sum(ExpenseRecord.amount))
            .join(FinancialYear, FinancialYear.id == ExpenseRecord.financial_year_id)
            .join(ExpenseCategory, ExpenseCategory.id == ExpenseRecord.category_id)
            .where(ExpenseRecord.archived_at.is_(None))
            .group_by(FinancialYear.start_year, ExpenseCategory.name)
        )
    }
    budgets = {
        (start_year, category): amount
        for start_year, category, amount in session.execute(
            select(FinancialYear.start_year, ExpenseCategory.name, BudgetRecord.amount)
            .join(FinancialYear, FinancialYear.id == BudgetRecord.financial_year_id)
            .join(ExpenseCategory, ExpenseCategory.id == BudgetRecord.category_id)
        )
    }
    categories = tuple(
        session.scalars(
            select(ExpenseCategory.name)
            .where(ExpenseCategory.archived_at.is_(None))
            .order_by(ExpenseCategory.position, ExpenseCategory.id)
        )
    )
    return _Facts(tuple(contributions), tuple(income), spending, budgets, categories, years, charged)


def training_charges_in(session: Session, lines: list | None = None) -> list[IncomeFact]:
    """The Training tab's no-show and late-cancellation charges (`services.training.charges`,
    the same lines its statements list, or `lines` read from it already), as income on the
    day of the session, per organisation; waived charges are not income."""
    return [IncomeFact(line.session_day, line.organisation, TRAINING_CHARGES, line.due)
            for line in (charge_lines_in(session) if lines is None else lines) if line.due]


def _balances(facts: _Facts) -> dict[int, YearBalance]:
    income: dict[int, Decimal] = {}
    for c in facts.contributions:
        if c.kind is ContributionKind.CASH:
            income[c.start_year] = income.get(c.start_year, ZERO) + c.agreed
    for i in facts.income:
        income[year_of(i.on)] = income.get(year_of(i.on), ZERO) + i.amount
    spending: dict[int, Decimal] = {}
    for (year, _), amount in facts.spending.items():
        spending[year] = spending.get(year, ZERO) + amount
    adjustments = {year: (adjustment, reason) for year, (_, adjustment, reason, _) in facts.years.items()}
    return year_balances(adjustments, income, spending)


def _year_dtos(session: Session, facts: _Facts | None = None) -> dict[int, YearDTO]:
    """Every financial year with its balances (`facts` when the caller has read them already)."""
    facts = facts or _facts(session)
    balances = _balances(facts)
    agreed: dict[int, Decimal] = {}
    by_end: dict[int, Decimal] = {}  # received by the year's 31 March
    so_far: dict[int, Decimal] = {}
    for c in facts.contributions:
        if c.kind is ContributionKind.CASH:
            agreed[c.start_year] = agreed.get(c.start_year, ZERO) + c.agreed
            by_end[c.start_year] = by_end.get(c.start_year, ZERO) + c.received_by(Period.year(c.start_year).end)
            so_far[c.start_year] = so_far.get(c.start_year, ZERO) + c.received
    other: dict[int, Decimal] = {}
    for i in facts.income:
        other[year_of(i.on)] = other.get(year_of(i.on), ZERO) + i.amount
    budget: dict[int, Decimal] = {}
    for (year, _), amount in facts.budgets.items():
        budget[year] = budget.get(year, ZERO) + amount
    why = _why_years_stay(session, facts)
    return {
        start_year: YearDTO(
            year_id,
            start_year,
            balances[start_year],
            notes,
            agreed.get(start_year, ZERO),
            by_end.get(start_year, ZERO),
            other.get(start_year, ZERO),
            budget.get(start_year, ZERO),
            why[start_year],
            so_far.get(start_year, ZERO),
        )
        for start_year, (year_id, _, _, notes) in facts.years.items()
    }


# --------------------------------------------------------------------------- summaries


def period_for(
    financial_year: int | str | None = None, date_from: date | None = None, date_to: date | None = None
) -> Period:
    """A financial year, or the period from ``date_from`` to ``date_to`` (both needed)."""
    if financial_year is not None and (date_from is not None or date_to is not None):
        raise ValidationError({"financial_year": "Give either a financial year or a period (from and to), not both"})
    if financial_year is not None:
        c = Checker()
        start_year = a_year(c, "financial_year", financial_year, reading=True)
        c.raise_if_any()
        return Period.year(start_year)
    errors = check_period(date_from, date_to)
    if errors:
        raise ValidationError(errors)
    return Period(date_from, date_to)


def summary_in(session: Session, period: Period, facts: _Facts | None = None) -> FinanceSummary:
    facts = facts or _facts(session)
    in_period = {
        category: amount
        for category, amount in session.execute(
            select(ExpenseCategory.name, func.sum(ExpenseRecord.amount))
            .join(ExpenseCategory, ExpenseCategory.id == ExpenseRecord.category_id)
            .where(
                ExpenseRecord.archived_at.is_(None),
                ExpenseRecord.spent_on >= period.start,
                ExpenseRecord.spent_on <= period.end,
            )
            .group_by(ExpenseCategory.name)
        )
    }
    return summarise(
        period,
        facts.contributions,
        facts.income,
        Spending(facts.spending, in_period),
        facts.budgets,
        facts.categories,
        _balances(facts),
    )


def summary(db: Database, period: Period) -> FinanceSummary:
    with db.unit_of_work() as session:
        return summary_in(session, period)


def year_summary(db: Database, financial_year: int | str) -> FinanceSummary:
    return summary(db, period_for(financial_year))
