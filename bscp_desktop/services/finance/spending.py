"""Expenditure, its categories, and other income (budgets: services/finance/budgets.py).

An expense or an income line belongs to the financial year of its date (the year is stored
with it, so queries by year are simple, and always agrees with the date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, null, select
from sqlalchemy.orm import Session

from bscp_desktop.db import bulk
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.db.models.finance import Expense as ExpenseRecord
from bscp_desktop.db.models.finance import ExpenseCategory, FinancialYear, OtherIncome
from bscp_desktop.db.models.training import TrainingCourse, TrainingSession
from bscp_desktop.domain.finance import year_label, year_of
from bscp_desktop.domain.money import MoneyError, NegativeMoney, format_money, parse_money
from bscp_desktop.domain.training import session_label
from bscp_desktop.domain.validation import Checker, and_list
from bscp_desktop.services import access
from bscp_desktop.services.common import (
    ARCHIVED_ORGANISATION,
    ArchivedAt,
    CommandFields,
    archivers,
    assign,
    chosen,
    equal_where_given,
    get_or_raise,
    only_ids,
    read,
    read_back,
    read_one,
    same_words,
    taken,
    unarchived,
)
from bscp_desktop.services.finance.common import a_date, end_of_next_year, ensure_year, money, not_after_next_year, positive

CATEGORY_MAX = 100

# --------------------------------------------------------------------------- categories


@dataclass(frozen=True)
class CategoryDTO(ArchivedAt):
    id: int
    name: str
    position: int
    expenses: int = 0


def categories_in(session: Session, include_archived: bool = True) -> list[CategoryDTO]:
    counts = dict(
        session.execute(
            select(ExpenseRecord.category_id, func.count())
            .where(ExpenseRecord.archived_at.is_(None))
            .group_by(ExpenseRecord.category_id)
        ).all()
    )
    q = select(ExpenseCategory).order_by(ExpenseCategory.position, ExpenseCategory.id)
    q = unarchived(q, ExpenseCategory, include_archived)
    return [CategoryDTO(c.id, c.name, c.position, counts.get(c.id, 0), archived_at=c.archived_at) for c in session.scalars(q)]


def list_categories(db: Database, include_archived: bool = False) -> list[CategoryDTO]:
    return read(db, categories_in, include_archived)


def _check_category_name(session: Session, name: str, record_id: int | None) -> str:
    c = Checker()
    text = c.name("name", name, "Category name", CATEGORY_MAX)
    if text:
        clash = taken(session, ExpenseCategory.name, record_id, same_words(ExpenseCategory.name, text))
        if clash:
            c.add("name", f"There is already a category called '{clash}' (restore it if it is archived)")
    c.raise_if_any()
    return text


def create_category(db: Database, name: str) -> CategoryDTO:
    with db.unit_of_work() as session:
        text = _check_category_name(session, name, None)
        position = (session.scalar(select(func.max(ExpenseCategory.position))) or 0) + 1
        record = ExpenseCategory(name=text, position=position)
        session.add(record)
        session.flush()
        return next(c for c in categories_in(session) if c.id == record.id)


def rename_category(db: Database, category_id: int, name: str) -> CategoryDTO:
    with db.unit_of_work() as session:
        record = get_or_raise(session, ExpenseCategory, category_id, "category")
        text = _check_category_name(session, name, category_id)
        if record.name != text:
            record.name = text
        session.flush()
        return next(c for c in categories_in(session) if c.id == category_id)


def move_category(db: Database, category_id: int, steps: int) -> list[CategoryDTO]:
    """Move a category up (negative) or down the list; the order is used in every table."""
    with db.unit_of_work() as session:
        get_or_raise(session, ExpenseCategory, category_id, "category")
        records = list(session.scalars(select(ExpenseCategory).order_by(ExpenseCategory.position, ExpenseCategory.id)))
        index = next(i for i, r in enumerate(records) if r.id == category_id)
        target = max(0, min(len(records) - 1, index + steps))
        records.insert(target, records.pop(index))
        for position, record in enumerate(records):
            if record.position != position:
                record.position = position
        session.flush()
        return categories_in(session)


# Archived categories keep their expenses and budgets; new expenses cannot use them.
archive_category, restore_category = archivers(ExpenseCategory, "category")


# --------------------------------------------------------------------------- expenses


@dataclass(frozen=True)
class ExpenseFields(CommandFields):
    spent_on: date | None
    category_id: int | None
    payee: str
    description: str
    amount: Decimal | str | None
    case_review_id: int | None = None
    training_session_id: int | None = None


@dataclass(frozen=True)
class ExpenseDTO(ArchivedAt):
    id: int
    spent_on: date
    start_year: int
    category_id: int
    category: str
    payee: str
    description: str
    amount: Decimal
    case_review_id: int | None
    case_review: str
    training_session_id: int | None = None
    training_session: str = ""

    @property
    def year_label(self) -> str:
        return year_label(self.start_year)

    @property
    def name(self) -> str:
        return f"the {self.category.lower()} expense of {self.spent_on:%d/%m/%Y}"

    @property
    def linked_to(self) -> str:
        """The training session or case review the money was spent on, if any."""
        return "; ".join(x for x in (self.training_session, self.case_review) if x)

    def to_fields(self) -> ExpenseFields:
        return ExpenseFields(
            self.spent_on, self.category_id, self.payee, self.description, self.amount, self.case_review_id,
            self.training_session_id,
        )


def refund_is_income(label: str, shown: str) -> str:
    """Where a refund or credit goes instead of an expense (without its minus sign it is more spending)."""
    return (f"{label} {shown} cannot be negative: a refund or credit is income, not spending; record it with 'New income line' "
            "on the Other income page of the Finance tab (without the minus sign here it would count as more spending)")


def expense_amount(c: Checker, value: object) -> Decimal | None:
    """An expense's amount, or None with the reason added under "amount"."""
    try:
        return parse_money(value, "Amount")
    except MoneyError as exc:
        c.add("amount", refund_is_income("Amount", exc.shown) if isinstance(exc, NegativeMoney) else str(exc))
    return None


def check_expense(session: Session, f: ExpenseFields, record_id: int | None = None) -> dict[str, Any]:
    c = Checker()
    spent_on = a_date(c, "spent_on", f.spent_on, "Date")
    not_after_next_year(c, "spent_on", spent_on, "Date")
    category = chosen(c, session, ExpenseCategory, "category_id", f.category_id, "Choose a category", "category")
    if category is not None and category.archived_at is not None:
        current = session.get(ExpenseRecord, record_id) if record_id else None
        if current is None or current.category_id != category.id:
            c.add("category_id", f"The category '{category.name}' is archived: choose another or restore it")
    payee = c.name("payee", f.payee, "Payee", 200)  # "Venue  Ltd" is Venue Ltd, one payee
    description = c.optional("description", f.description, "Description", 2000)
    amount = expense_amount(c, f.amount)
    positive(c, "amount", amount, "Amount")
    if f.case_review_id is not None and session.get(CaseReview, f.case_review_id) is None:
        c.add("case_review_id", "Choose the case review from the list")
    if f.training_session_id is not None and session.get(TrainingSession, f.training_session_id) is None:
        c.add("training_session_id", "Choose the training session from the list")
    c.raise_if_any()
    return {
        "spent_on": spent_on,
        "category_id": category.id,
        "payee": payee,
        "description": description,
        "amount": amount,
        "case_review_id": f.case_review_id,
        "training_session_id": f.training_session_id,
    }


def _apply_expense(session: Session, record: ExpenseRecord, values: dict[str, Any]) -> None:
    record.financial_year_id = ensure_year(session, year_of(values["spent_on"])).id
    assign(record, values)


def add_expense_in(session: Session, fields: ExpenseFields) -> ExpenseRecord:
    values = check_expense(session, fields)
    record = ExpenseRecord()
    _apply_expense(session, record, values)
    session.add(record)
    session.flush()
    return record


def categories_loaded(session: Session) -> list[ExpenseCategory]:
    """Every category, loaded into the session for as long as the caller holds the list: an
    import checking thousands of lines (`check_expense`) then finds each line's category there,
    where it read it again for every line."""
    return list(session.scalars(select(ExpenseCategory)))


#: How many lines an import writes in one go (`add_checked_expenses`), with its progress between.
ADDED_AT_ONCE = 5_000


def add_checked_expenses(session: Session, checked: Sequence[dict[str, Any]], progress=None) -> None:
    """Add the lines an import has checked (`check_expense`'s values, in file order) in bulk
    (`db/bulk.add_new`: one entry of change history a line, written together), where a line at
    a time took minutes on ten years of spending. Each year's record is read (or made) once.
    `progress(done, total)`, if given, after each `ADDED_AT_ONCE`."""
    years: dict[int, int] = {}
    rows = []
    for values in checked:
        start_year = year_of(values["spent_on"])
        if start_year not in years:
            years[start_year] = ensure_year(session, start_year).id
        rows.append({**values, "financial_year_id": years[start_year]})
    for done in range(0, len(rows), ADDED_AT_ONCE):
        chunk = rows[done:done + ADDED_AT_ONCE]
        bulk.add_new(session, ExpenseRecord, chunk)
        if progress is not None:
            progress(done + len(chunk), len(rows))


def create_expense(db: Database, fields: ExpenseFields) -> ExpenseDTO:
    with db.unit_of_work() as session:
        return expense_dtos(session, ids=[add_expense_in(session, fields).id])[0]


def update_expense(db: Database, expense_id: int, fields: ExpenseFields) -> ExpenseDTO:
    with db.unit_of_work() as session:
        record = get_or_raise(session, ExpenseRecord, expense_id, "expense")
        _apply_expense(session, record, check_expense(session, fields, expense_id))
        return read_back(session, record, expense_dtos)


def _restorable_expense(session: Session, record: ExpenseRecord) -> None:
    """An archived expense comes back only as a new one could be saved: not in a category
    archived since (a session's costs may be spread over several expenses, fees and venue hire)."""
    check_expense(session, expense_dtos(session, ids=[record.id])[0].to_fields())


archive_expense, restore_expense = archivers(ExpenseRecord, "expense", _restorable_expense)


def expense_dtos(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    start_year: int | None = None,
    include_archived: bool = True,
) -> list[ExpenseDTO]:
    e = ExpenseRecord
    cases = access.can_read_in(session, "case_review")  # a team database may keep them from this login
    q = (  # plain columns, not records: a year of thousands of lines reads quickly
        select(
            e.id, e.spent_on, FinancialYear.start_year, e.category_id, ExpenseCategory.name, e.payee, e.description,
            e.amount, e.case_review_id, CaseReview.reference if cases else null(), CaseReview.alias if cases else null(),
            e.archived_at, e.training_session_id, TrainingCourse.title, TrainingSession.starts_at,
        )
        .join(FinancialYear, FinancialYear.id == e.financial_year_id)
        .join(ExpenseCategory, ExpenseCategory.id == e.category_id)
    )
    if cases:
        q = q.outerjoin(CaseReview, CaseReview.id == e.case_review_id)
    q = (
        q.outerjoin(TrainingSession, TrainingSession.id == e.training_session_id)
        .outerjoin(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .order_by(e.spent_on, e.id)
    )
    q = only_ids(q, e, ids)
    q = equal_where_given(q, (FinancialYear.start_year, start_year))
    q = unarchived(q, e, include_archived)
    return [
        ExpenseDTO(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
            f"{row[9]} ({row[10]})" if row[9] else "", row[12],
            session_label(row[13], row[14]) if row[13] else "", archived_at=row[11],
        )
        for row in session.execute(q)
    ]


def list_expenses(db: Database, start_year: int | None = None, include_archived: bool = False) -> list[ExpenseDTO]:
    return read(db, expense_dtos, start_year=start_year, include_archived=include_archived)


def get_expense(db: Database, expense_id: int) -> ExpenseDTO:
    return read_one(db, ExpenseRecord, expense_id, "expense", expense_dtos)


def payees(db: Database) -> list[str]:
    """Payees already used, for completing what is typed."""
    with db.unit_of_work() as session:
        names = session.scalars(select(ExpenseRecord.payee).distinct())
        return sorted({n for n in names if n}, key=str.casefold)


# --------------------------------------------------------------------------- training session costs

TRAINING_CATEGORY = "External training facilitators"


@dataclass(frozen=True)
class SessionCost:
    """A training session whose cost (Training tab) is not yet in the expenditure."""

    session_id: int
    label: str
    day: date
    facilitator: str
    cost: Decimal

    @property
    def year_label(self) -> str:
        return year_label(year_of(self.day))


def session_costs_in(session: Session, ids: Sequence[int] | None = None, until: date | None = None) -> list[SessionCost]:
    """Live training sessions with a cost and no live expense linked to them, oldest first;
    with `until`, only those on or before that day."""
    recorded = select(ExpenseRecord.training_session_id).where(
        ExpenseRecord.training_session_id.is_not(None), ExpenseRecord.archived_at.is_(None)
    )
    q = (
        select(TrainingSession.id, TrainingCourse.title, TrainingSession.starts_at, TrainingSession.facilitator,
               TrainingSession.cost)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .where(TrainingSession.archived_at.is_(None), TrainingSession.cost > 0, TrainingSession.id.not_in(recorded))
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    q = only_ids(q, TrainingSession, ids)
    if until is not None:
        q = q.where(TrainingSession.starts_at < datetime.combine(until + timedelta(days=1), time()))
    return [SessionCost(sid, session_label(title, starts), starts.date(), facilitator, cost)
            for sid, title, starts, facilitator, cost in session.execute(q)]


def costs_not_recorded_in(session: Session, period) -> list[SessionCost]:
    """The training sessions of `period` (a `domain.finance.Period`) with a cost not in the
    expenditure yet, as every finance output names them (`costs_not_recorded_sentence`)."""
    return [c for c in session_costs_in(session) if period.contains(c.day)]


def costs_not_recorded_sentence(costs: Sequence[SessionCost], where: str = "in this period") -> str:
    """What a finance output says of the training sessions `where` whose cost is not in the
    expenditure yet ('' for none): its expenditure, and so its balance, leave it out."""
    if not costs:
        return ""
    n = len(costs)
    return (f"{n} training session{'s' if n != 1 else ''} {where} {'have' if n != 1 else 'has'} a cost not in the "
            f"expenditure yet ({format_money(sum((c.cost for c in costs), Decimal(0)))}): the expenditure and the "
            "balance leave it out until it is recorded (Finance tab, Expenditure, Training session costs).")


def session_costs_to_record(db: Database, today: date | None = None) -> list[SessionCost]:
    """The sessions whose cost can be recorded now: none after the end of next financial year,
    the last day an expense may have (their cost is offered once that year is near)."""
    with db.unit_of_work() as session:
        return session_costs_in(session, until=end_of_next_year(today))


def session_cost(db: Database, session_id: int) -> Decimal | None:
    """The cost of one training session (archived or not) as the Training tab records it, or
    None when no session has that id: what an expense for the session is offered."""
    with db.unit_of_work() as session:
        return session.scalar(select(TrainingSession.cost).where(TrainingSession.id == session_id))


def default_training_category(db: Database) -> int | None:
    """The category training costs usually go to (External training facilitators), if live."""
    return next((c.id for c in list_categories(db) if c.name.casefold() == TRAINING_CATEGORY.casefold()), None)


def record_session_costs(db: Database, session_ids: Sequence[int], category_id: int | None,
                         today: date | None = None) -> list[ExpenseDTO]:
    """Record the cost of each training session as an expense of `category_id`, on the
    session's day, paid to its facilitator, linked to the session: all of them or none (a
    session after the end of next financial year, the last day an expense may have, is named)."""
    wanted = list(dict.fromkeys(session_ids))
    with db.unit_of_work() as session:
        c = Checker()
        if not wanted:
            c.add("training_session_id", "Choose at least one training session")
        found = {s.session_id: s for s in session_costs_in(session, wanted)}
        missing = [sid for sid in wanted if sid not in found]
        if missing:
            c.add("training_session_id", f"{len(missing)} of the chosen sessions "
                  f"{'has' if len(missing) == 1 else 'have'} no cost to record (already in the expenditure, "
                  "archived or without a cost)")
        last = end_of_next_year(today)
        if far := [found[sid].label for sid in wanted if sid in found and found[sid].day > last]:
            c.add("training_session_id", f"The training session{'s' if len(far) > 1 else ''} {and_list(far)} "
                  f"{'is' if len(far) == 1 else 'are'} after the end of next financial year ({last:%d/%m/%Y}), "
                  "the last day an expense may have: record the cost once that year is near")
        if category_id is None:
            c.add("category_id", "Choose a category")
        c.raise_if_any()
        ids = [
            add_expense_in(session, ExpenseFields(
                found[sid].day, category_id, found[sid].facilitator or "Training facilitator",
                found[sid].label, found[sid].cost, None, sid,
            )).id
            for sid in wanted
        ]
        return expense_dtos(session, ids=ids)


# --------------------------------------------------------------------------- other income


@dataclass(frozen=True)
class IncomeFields(CommandFields):
    received_on: date | None
    description: str
    amount: Decimal | str | None
    organisation_id: int | None = None


@dataclass(frozen=True)
class IncomeDTO(ArchivedAt):
    id: int
    received_on: date
    start_year: int
    organisation_id: int | None
    organisation_name: str
    description: str
    amount: Decimal

    @property
    def year_label(self) -> str:
        return year_label(self.start_year)

    @property
    def name(self) -> str:
        return f"the income of {format_money(self.amount)} on {self.received_on:%d/%m/%Y}"

    def to_fields(self) -> IncomeFields:
        return IncomeFields(self.received_on, self.description, self.amount, self.organisation_id)


def _check_income(session: Session, f: IncomeFields, before: OtherIncome | None = None) -> dict[str, Any]:
    """The income's values, checked; `before`, the line as saved (an edit): its organisation,
    archived since, may stay."""
    c = Checker()
    received_on = a_date(c, "received_on", f.received_on, "Date received")
    c.not_future("received_on", received_on, "Date received", date.today())  # money received, as a payment is
    description = c.required("description", f.description, "Description", 2000)
    amount = money(c, "amount", f.amount, "Amount")
    positive(c, "amount", amount, "Amount")
    if f.organisation_id is not None:  # optional: income need not come from an organisation
        chosen(c, session, Organisation, "organisation_id", f.organisation_id, "", "organisation",
               archived=ARCHIVED_ORGANISATION, kept=before.organisation_id if before is not None else None)
    c.raise_if_any()
    return {"received_on": received_on, "description": description, "amount": amount, "organisation_id": f.organisation_id}


def _apply_income(session: Session, record: OtherIncome, values: dict[str, Any]) -> None:
    record.financial_year_id = ensure_year(session, year_of(values["received_on"])).id
    assign(record, values)


def create_income(db: Database, fields: IncomeFields) -> IncomeDTO:
    with db.unit_of_work() as session:
        record = OtherIncome()
        _apply_income(session, record, _check_income(session, fields))
        return read_back(session, record, income_dtos)


def update_income(db: Database, income_id: int, fields: IncomeFields) -> IncomeDTO:
    with db.unit_of_work() as session:
        record = get_or_raise(session, OtherIncome, income_id, "income line")
        _apply_income(session, record, _check_income(session, fields, record))
        return read_back(session, record, income_dtos)


def _restorable_income(session: Session, record: OtherIncome) -> None:
    """An archived income line comes back only as a new one could be saved: not from an
    organisation archived since."""
    _check_income(session, income_dtos(session, ids=[record.id])[0].to_fields())


archive_income, restore_income = archivers(OtherIncome, "income line", _restorable_income)


def income_dtos(
    session: Session, *, ids: Sequence[int] | None = None, start_year: int | None = None, include_archived: bool = True
) -> list[IncomeDTO]:
    q = (
        select(OtherIncome, FinancialYear.start_year, Organisation.name)
        .join(FinancialYear, FinancialYear.id == OtherIncome.financial_year_id)
        .outerjoin(Organisation, Organisation.id == OtherIncome.organisation_id)
        .order_by(OtherIncome.received_on, OtherIncome.id)
    )
    q = only_ids(q, OtherIncome, ids)
    q = equal_where_given(q, (FinancialYear.start_year, start_year))
    q = unarchived(q, OtherIncome, include_archived)
    return [
        IncomeDTO(i.id, i.received_on, year, i.organisation_id, org or "", i.description, i.amount, archived_at=i.archived_at)
        for i, year, org in session.execute(q)
    ]


def list_income(db: Database, start_year: int | None = None, include_archived: bool = False) -> list[IncomeDTO]:
    with db.unit_of_work() as session:
        return income_dtos(session, start_year=start_year, include_archived=include_archived)
