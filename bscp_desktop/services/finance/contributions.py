"""Partner contributions (cash or in kind), their payments and the chase list.

Each command is one unit of work and raises `ValidationError` naming the field; nothing is
written when it does. Statuses are worked out for a given day with the team's overdue days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.finance import Contribution, ContributionPayment, FinancialYear
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.finance import ContributionKind, ContributionStatus, ContributorClass, contribution_status, days_overdue, default_class, due_date, parse_choice, year_label
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.money import ZERO, format_money
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, ArchivedAt, CommandFields, archivers, assign, chosen, equal_where_given, get_or_raise, only_ids, unarchived
from bscp_desktop.services.finance.common import a_date, a_year, ensure_year, money, positive, settings_in, year_not_after_next

#: What a contribution in kind with no description is told
DESCRIBE_IN_KIND = "Describe the contribution in kind (for example officer support for the partnership)"
#: What to do with a payment of more than is still owed, which is refused
MORE_THAN_AGREED = "raise the agreed amount first if the agreement changed, or record the extra as other income"

# --------------------------------------------------------------------------- inputs and DTOs


@dataclass(frozen=True)
class ContributionFields(CommandFields):
    financial_year: int | str | None
    organisation_id: int | None
    kind: ContributionKind | str | None = ContributionKind.CASH
    agreed: Decimal | str | None = None
    contributor_class: ContributorClass | str | None = None  # None: from the organisation's kind
    agreed_meeting_id: int | None = None
    invoice_reference: str = ""
    invoiced_on: date | None = None
    in_kind_description: str = ""
    notional_value: Decimal | str | None = None
    notes: str = ""


@dataclass(frozen=True)
class ContributionDTO(ArchivedAt):
    id: int
    start_year: int
    organisation_id: int
    organisation_name: str
    kind: ContributionKind
    contributor_class: ContributorClass
    agreed: Decimal
    agreed_meeting_id: int | None
    agreed_meeting: str
    invoice_reference: str
    invoiced_on: date | None
    in_kind_description: str
    notional_value: Decimal | None
    notes: str
    received: Decimal
    last_received_on: date | None
    payments: int
    status: ContributionStatus
    due_on: date | None
    days_overdue: int

    @property
    def year_label(self) -> str:
        return year_label(self.start_year)

    @property
    def outstanding(self) -> Decimal:
        if self.kind is ContributionKind.IN_KIND:
            return ZERO
        return max(self.agreed - self.received, ZERO)

    @property
    def name(self) -> str:
        return f"{self.organisation_name}'s {self.year_label} contribution"

    def to_fields(self) -> ContributionFields:
        """The record as input for `update_contribution` (to change one field)."""
        names = {f.name for f in fields(ContributionFields)} - {"financial_year"}
        return ContributionFields(financial_year=self.start_year, **{n: getattr(self, n) for n in names})


@dataclass(frozen=True)
class PaymentFields(CommandFields):
    contribution_id: int | None
    received_on: date | None
    amount: Decimal | str | None
    reference: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PaymentDTO(ArchivedAt):
    id: int
    contribution_id: int
    received_on: date
    amount: Decimal
    reference: str
    notes: str

    @property
    def name(self) -> str:
        return f"the payment of {format_money(self.amount)} received on {self.received_on:%d/%m/%Y}"


# --------------------------------------------------------------------------- checks


def _choice(c: Checker, enum_type, value, field: str, label: str):
    try:
        return parse_choice(enum_type, value)
    except ValueError:
        choices = ", ".join(m.label for m in enum_type)
        c.add(field, f"{label} '{value}' is not one of: {choices}")
        return None


def _received_so_far(session: Session, contribution_id: int, except_payment: int | None = None) -> Decimal:
    q = select(ContributionPayment.amount).where(
        ContributionPayment.contribution_id == contribution_id, ContributionPayment.archived_at.is_(None)
    )
    if except_payment is not None:
        q = q.where(ContributionPayment.id != except_payment)
    result = ZERO
    for amount in session.scalars(q):
        result += amount
    return result


def check_contribution(session: Session, f: ContributionFields, record_id: int | None) -> dict[str, Any]:
    """Clean column values for a contribution, or ValidationError naming every bad field."""
    c = Checker()
    start_year = a_year(c, "financial_year", f.financial_year)
    year_not_after_next(c, "financial_year", start_year)
    before = session.get(Contribution, record_id) if record_id is not None else None
    if before is not None and start_year is not None:
        _payments_stay_near(c, session, before, start_year)
    organisation = chosen(c, session, Organisation, "organisation_id", f.organisation_id,
                          "Choose the organisation that contributes", "organisation", archived=ARCHIVED_ORGANISATION,
                          kept=before.organisation_id if before is not None else None)
    kind = _choice(c, ContributionKind, f.kind, "kind", "Kind")
    if kind is None and "kind" not in c.errors:
        c.add("kind", "Choose whether the contribution is cash or in kind")
    cls = _choice(c, ContributorClass, f.contributor_class, "contributor_class", "Contributor")
    if cls is None and organisation is not None:
        cls = default_class(OrganisationKind(organisation.kind).is_statutory_partner)
    description = c.optional("in_kind_description", f.in_kind_description, "Contribution in kind", 2000)
    invoice_reference = c.optional("invoice_reference", f.invoice_reference, "Invoice reference", 60)
    invoiced_on = a_date(c, "invoiced_on", f.invoiced_on, "Invoice date", required=False)
    c.not_future("invoiced_on", invoiced_on, "Invoice date", date.today())  # the day it was sent
    if start_year is not None:
        _not_long_before(c, "invoiced_on", invoiced_on, "Invoice date", start_year)
    agreed = ZERO
    notional = None
    if kind is ContributionKind.CASH:
        agreed = money(c, "agreed", f.agreed, "Agreed amount")
        positive(c, "agreed", agreed, "Agreed amount")
        if _given(f.notional_value):
            c.add("notional_value", "A notional value is only for a contribution in kind; a cash contribution has its agreed amount")
        if description:
            c.add("in_kind_description", "A description is only for a contribution in kind")
    elif kind is ContributionKind.IN_KIND:
        if not description:
            c.add("in_kind_description", DESCRIBE_IN_KIND)
        cash = money(c, "agreed", f.agreed, "Agreed amount", required=False)
        if cash:
            c.add("agreed", "A contribution in kind has no cash amount: enter its notional value instead, which never counts as cash")
        notional = money(c, "notional_value", f.notional_value, "Notional value", required=False)
        if invoice_reference or invoiced_on:
            c.add("invoiced_on" if invoiced_on else "invoice_reference", "A contribution in kind is not invoiced")
    meeting_id = f.agreed_meeting_id
    if meeting_id is not None and session.get(Meeting, meeting_id) is None:
        c.add("agreed_meeting_id", "Choose the meeting from the list")
    notes = c.optional("notes", f.notes, "Notes", 5000)
    if start_year is not None and organisation is not None and kind is not None:
        clash = session.scalar(
            select(Contribution.id)
            .join(FinancialYear, FinancialYear.id == Contribution.financial_year_id)
            .where(
                FinancialYear.start_year == start_year,
                Contribution.organisation_id == organisation.id,
                Contribution.kind == kind.value,
                Contribution.archived_at.is_(None),
                Contribution.id != (record_id or 0),
            )
        )
        if clash:
            c.add(
                "organisation_id",
                f"{organisation.name} already has a {kind.label.lower()} contribution for "
                f"{year_label(start_year)}: change that one instead",
            )
    if record_id is not None and agreed is not None and kind is not None:
        received = _received_so_far(session, record_id)
        if kind is ContributionKind.IN_KIND and received:
            c.add("kind", f"{format_money(received)} has been received against this contribution, so it stays cash")
        elif kind is ContributionKind.CASH and agreed < received and "agreed" not in c.errors:
            c.add("agreed", f"Agreed amount {format_money(agreed)} is less than the {format_money(received)} already received")
    c.raise_if_any()
    return {
        "start_year": start_year,
        "organisation_id": organisation.id,
        "kind": kind.value,
        "contributor_class": cls.value,
        "agreed": agreed,
        "agreed_meeting_id": meeting_id,
        "invoice_reference": invoice_reference,
        "invoiced_on": invoiced_on,
        "in_kind_description": description,
        "notional_value": notional,
        "notes": notes,
    }


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _apply(session: Session, record: Contribution, values: dict[str, Any]) -> None:
    values = dict(values)
    record.financial_year_id = ensure_year(session, values.pop("start_year")).id
    assign(record, values)


def add_contribution_in(session: Session, fields: ContributionFields) -> Contribution:
    """Create a contribution inside the caller's unit of work (imports save many at once)."""
    values = check_contribution(session, fields, None)
    record = Contribution()
    _apply(session, record, values)
    session.add(record)
    session.flush()
    return record


def create_contribution(db: Database, fields: ContributionFields, today: date | None = None) -> ContributionDTO:
    with db.unit_of_work() as session:
        record = add_contribution_in(session, fields)
        return contribution_dtos(session, today, ids=[record.id])[0]


def update_contribution_in(session: Session, contribution_id: int, fields: ContributionFields) -> Contribution:
    record = get_or_raise(session, Contribution, contribution_id, "contribution")
    _apply(session, record, check_contribution(session, fields, contribution_id))
    session.flush()
    return record


def update_contribution(
    db: Database, contribution_id: int, fields: ContributionFields, today: date | None = None
) -> ContributionDTO:
    with db.unit_of_work() as session:
        update_contribution_in(session, contribution_id, fields)
        return contribution_dtos(session, today, ids=[contribution_id])[0]


def _restorable_contribution(session: Session, record: Contribution) -> None:
    current = contribution_dtos(session, ids=[record.id])[0]
    check_contribution(session, current.to_fields(), record.id)  # refuses a second live one


archive_contribution, restore_contribution = archivers(Contribution, "contribution", _restorable_contribution)


# --------------------------------------------------------------------------- payments


def _not_long_before(c: Checker, field: str, value: date | None, label: str, start_year: int) -> None:
    """A contribution's invoice and payments come at the earliest in the year before its own
    (a partner paying ahead); earlier is a year typed wrong."""
    earliest = date(start_year - 1, 4, 1)
    if value is not None and value < earliest and field not in c.errors:
        c.add(field, f"{label} ({value:%d/%m/%Y}) is more than a year before {year_label(start_year)} begins: "
                     "check the year")


def _payments_stay_near(c: Checker, session: Session, record: Contribution, start_year: int) -> None:
    """A paid contribution moved to another year keeps its payments within `_not_long_before`
    of the new year (a later year typed for the right one would leave them long before it)."""
    was = session.scalar(select(FinancialYear.start_year).where(FinancialYear.id == record.financial_year_id))
    if start_year == was or "financial_year" in c.errors:
        return
    early = list(session.scalars(
        select(ContributionPayment.received_on)
        .where(ContributionPayment.contribution_id == record.id, ContributionPayment.archived_at.is_(None),
               ContributionPayment.received_on < date(start_year - 1, 4, 1))
        .order_by(ContributionPayment.received_on)
    ))
    if early:
        dates = ", ".join(f"{d:%d/%m/%Y}" for d in early[:3]) + (f" and {len(early) - 3} more" if len(early) > 3 else "")
        label = year_label(start_year)
        c.add("financial_year", f"Financial year {label}: this contribution has {'payments' if len(early) > 1 else 'a payment'} "
                                f"received on {dates}, more than a year before {label} begins: check the year "
                                f"(or archive {'those payments' if len(early) > 1 else 'that payment'} first)")


def _check_payment(session: Session, f: PaymentFields, payment_id: int | None) -> dict[str, Any]:
    c = Checker()
    contribution = chosen(c, session, Contribution, "contribution_id", f.contribution_id, "Choose the contribution the money is for", "contribution")
    if contribution is not None and contribution.kind != ContributionKind.CASH.value:
        c.add("contribution_id", "A contribution in kind takes no payments")
    elif contribution is not None and contribution.archived_at is not None:
        c.add("contribution_id", "This contribution is archived: restore it before recording payments")
    received_on = a_date(c, "received_on", f.received_on, "Date received")
    c.not_future("received_on", received_on, "Date received", date.today())  # money is recorded once it is in
    if contribution is not None:
        start_year = session.scalar(select(FinancialYear.start_year).where(FinancialYear.id == contribution.financial_year_id))
        _not_long_before(c, "received_on", received_on, "Date received", start_year)
    amount = money(c, "amount", f.amount, "Amount received")
    positive(c, "amount", amount, "Amount received")
    reference = c.optional("reference", f.reference, "Payment reference", 60)
    notes = c.optional("notes", f.notes, "Notes", 2000)
    if contribution is not None and amount is not None and "amount" not in c.errors and "contribution_id" not in c.errors:
        owed = contribution.agreed - _received_so_far(session, contribution.id, payment_id)
        if amount > owed:
            c.add(
                "amount",
                f"Amount received {format_money(amount)} is more than the {format_money(max(owed, ZERO))} "
                f"still owed of the {format_money(contribution.agreed)} agreed: {MORE_THAN_AGREED}",
            )
    c.raise_if_any()
    return {
        "contribution_id": contribution.id,
        "received_on": received_on,
        "amount": amount,
        "reference": reference,
        "notes": notes,
    }


def add_payment_in(session: Session, fields: PaymentFields) -> ContributionPayment:
    payment = ContributionPayment(**_check_payment(session, fields, None))
    session.add(payment)
    session.flush()
    return payment


def record_payment(db: Database, fields: PaymentFields) -> PaymentDTO:
    """Money received against a contribution (all of it, or a part payment)."""
    with db.unit_of_work() as session:
        return _payment_dto(add_payment_in(session, fields))


def update_payment(db: Database, payment_id: int, fields: PaymentFields) -> PaymentDTO:
    with db.unit_of_work() as session:
        payment = get_or_raise(session, ContributionPayment, payment_id, "payment")
        values = _check_payment(session, fields, payment_id)
        if values["contribution_id"] != payment.contribution_id:
            raise ValidationError({"contribution_id": "A payment cannot move to another contribution; archive it and record it there"})
        assign(payment, values)
        session.flush()
        return _payment_dto(payment)


def _restorable_payment(session: Session, payment: ContributionPayment) -> None:
    fields = PaymentFields(payment.contribution_id, payment.received_on, payment.amount, payment.reference, payment.notes)
    _check_payment(session, fields, payment.id)


archive_payment, restore_payment = archivers(ContributionPayment, "payment", _restorable_payment)


def _payment_dto(p: ContributionPayment) -> PaymentDTO:
    return PaymentDTO(p.id, p.contribution_id, p.received_on, p.amount, p.reference, p.notes, archived_at=p.archived_at)


def list_payments(db: Database, contribution_id: int, include_archived: bool = False) -> list[PaymentDTO]:
    with db.unit_of_work() as session:
        q = select(ContributionPayment).where(ContributionPayment.contribution_id == contribution_id)
        q = unarchived(q, ContributionPayment, include_archived)
        return [_payment_dto(p) for p in session.scalars(q.order_by(ContributionPayment.received_on, ContributionPayment.id))]


def archived_payments_in(session: Session) -> dict[int, list[PaymentDTO]]:
    """The payments archived in the Finance tab (one that bounced, say), by their contribution's
    id, in the order received."""
    q = (select(ContributionPayment).where(ContributionPayment.archived_at.is_not(None))
         .order_by(ContributionPayment.received_on, ContributionPayment.id))
    found: dict[int, list[PaymentDTO]] = {}
    for p in session.scalars(q):
        found.setdefault(p.contribution_id, []).append(_payment_dto(p))
    return found


def payments_in(session: Session, start_year: int | None = None) -> list[tuple[PaymentDTO, int]]:
    """Live payments on live contributions, with each contribution's financial year."""
    q = (
        select(ContributionPayment, FinancialYear.start_year)
        .join(Contribution, Contribution.id == ContributionPayment.contribution_id)
        .join(FinancialYear, FinancialYear.id == Contribution.financial_year_id)
        .where(ContributionPayment.archived_at.is_(None), Contribution.archived_at.is_(None))
        .order_by(ContributionPayment.received_on, ContributionPayment.id)
    )
    q = equal_where_given(q, (FinancialYear.start_year, start_year))
    return [(_payment_dto(p), year) for p, year in session.execute(q)]


# --------------------------------------------------------------------------- queries


def meeting_label(title: str, starts_at: datetime) -> str:
    return f"{title}, {format_date_long(starts_at.date())}"


def contribution_dtos(
    session: Session,
    today: date | None = None,
    *,
    ids: Sequence[int] | None = None,
    start_year: int | None = None,
    include_archived: bool = True,
) -> list[ContributionDTO]:
    """Contributions in year order, safeguarding partners first, then in the order recorded."""
    today = today or date.today()
    overdue_days = settings_in(session).overdue_days
    q = (
        select(Contribution, FinancialYear.start_year, Organisation.name, Meeting.title, Meeting.starts_at)
        .join(FinancialYear, FinancialYear.id == Contribution.financial_year_id)
        .join(Organisation, Organisation.id == Contribution.organisation_id)
        .outerjoin(Meeting, Meeting.id == Contribution.agreed_meeting_id)
    )
    q = only_ids(q, Contribution, ids)
    q = equal_where_given(q, (FinancialYear.start_year, start_year))
    q = unarchived(q, Contribution, include_archived)
    rows = session.execute(q).all()
    contribution_ids = [r[0].id for r in rows]
    paid: dict[int, list] = {}
    if contribution_ids:
        for cid, amount, on in session.execute(
            select(ContributionPayment.contribution_id, ContributionPayment.amount, ContributionPayment.received_on).where(
                ContributionPayment.contribution_id.in_(contribution_ids), ContributionPayment.archived_at.is_(None)
            )
        ):
            entry = paid.setdefault(cid, [ZERO, None, 0])
            entry[0] += amount
            entry[1] = on if entry[1] is None or on > entry[1] else entry[1]
            entry[2] += 1
    result = []
    for record, year, org_name, meeting_title, meeting_start in rows:
        received, last_on, count = paid.get(record.id, [ZERO, None, 0])
        kind = ContributionKind(record.kind)
        result.append(
            ContributionDTO(
                id=record.id,
                start_year=year,
                organisation_id=record.organisation_id,
                organisation_name=org_name,
                kind=kind,
                contributor_class=ContributorClass(record.contributor_class),
                agreed=record.agreed,
                agreed_meeting_id=record.agreed_meeting_id,
                agreed_meeting=meeting_label(meeting_title, meeting_start) if meeting_title else "",
                invoice_reference=record.invoice_reference,
                invoiced_on=record.invoiced_on,
                in_kind_description=record.in_kind_description,
                notional_value=record.notional_value,
                notes=record.notes,
                received=received,
                last_received_on=last_on,
                payments=count,
                status=contribution_status(kind, record.agreed, record.invoiced_on, received, today, overdue_days),
                due_on=due_date(record.invoiced_on, overdue_days) if kind is ContributionKind.CASH else None,
                days_overdue=days_overdue(record.invoiced_on, today, overdue_days)
                if kind is ContributionKind.CASH and received < record.agreed
                else 0,
                archived_at=record.archived_at,
            )
        )
    result.sort(
        key=lambda d: (
            -d.start_year,
            d.kind is not ContributionKind.CASH,
            d.contributor_class is not ContributorClass.SAFEGUARDING_PARTNER,
            d.id,
        )
    )
    return result


def list_contributions(
    db: Database, start_year: int | None = None, include_archived: bool = False, today: date | None = None
) -> list[ContributionDTO]:
    with db.unit_of_work() as session:
        return contribution_dtos(session, today, start_year=start_year, include_archived=include_archived)


def get_contribution(db: Database, contribution_id: int, today: date | None = None) -> ContributionDTO:
    with db.unit_of_work() as session:
        get_or_raise(session, Contribution, contribution_id, "contribution")
        return contribution_dtos(session, today, ids=[contribution_id])[0]


def chase_list(db: Database, today: date | None = None) -> list[ContributionDTO]:
    """Overdue invoices, the longest overdue first."""
    rows = [c for c in list_contributions(db, today=today) if c.status is ContributionStatus.OVERDUE]
    return sorted(rows, key=lambda c: (-c.days_overdue, c.organisation_name.casefold()))


def meeting_choices(db: Database, include: int | None = None) -> list[tuple[str, int]]:
    """(title and date, id) of meetings, newest first, for 'agreed at'."""
    with db.unit_of_work() as session:
        q = select(Meeting.title, Meeting.starts_at, Meeting.id, Meeting.archived_at).order_by(Meeting.starts_at.desc())
        return [
            (meeting_label(title, starts), mid)
            for title, starts, mid, archived in session.execute(q)
            if archived is None or mid == include
        ]
