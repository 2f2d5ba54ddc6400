"""Finance: financial years, partner contributions and their payments, other income,
expenditure in categories, and budgets. Every amount is whole pence (`Pence`), a `Decimal`
in Python; never a float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.money import Pence
from bscp_desktop.domain.finance import ContributionKind, ContributorClass
from bscp_desktop.domain.kinds import RecordKind


class FinancialYear(Record):
    """1 April ``start_year`` to 31 March the year after. The opening balance is worked out
    from the year before; ``opening_adjustment`` (signed) corrects it, with its reason."""

    __kind__ = RecordKind.FINANCE
    __tablename__ = "financial_year"

    start_year: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    opening_adjustment: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=Decimal("0.00"))
    adjustment_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ExpenseCategory(Archivable, Record):
    __kind__ = RecordKind.FINANCE
    __tablename__ = "expense_category"

    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Contribution(Archivable, Record):
    __kind__ = RecordKind.FINANCE
    __tablename__ = "contribution"

    financial_year_id: Mapped[int] = mapped_column(ForeignKey("financial_year.id"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="cash", info=choices(ContributionKind))
    contributor_class: Mapped[str] = mapped_column(String(30), nullable=False, info=choices(ContributorClass))
    agreed: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=Decimal("0.00"))
    agreed_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    invoice_reference: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    invoiced_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    in_kind_description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notional_value: Mapped[Decimal | None] = mapped_column(Pence, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ContributionPayment(Archivable, Record):
    """Money received against a contribution: one row per payment, so part payments add up."""

    __kind__ = RecordKind.FINANCE
    __tablename__ = "contribution_payment"

    contribution_id: Mapped[int] = mapped_column(ForeignKey("contribution.id"), nullable=False, index=True)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Pence, nullable=False)
    reference: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class OtherIncome(Archivable, Record):
    """Income other than partners' contributions (charges, grants, refunds), by date."""

    __kind__ = RecordKind.FINANCE
    __tablename__ = "other_income"

    received_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    financial_year_id: Mapped[int] = mapped_column(ForeignKey("financial_year.id"), nullable=False, index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    amount: Mapped[Decimal] = mapped_column(Pence, nullable=False)


class Expense(Archivable, Record):
    __kind__ = RecordKind.FINANCE
    __tablename__ = "expense"

    spent_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    financial_year_id: Mapped[int] = mapped_column(ForeignKey("financial_year.id"), nullable=False, index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("expense_category.id"), nullable=False, index=True)
    payee: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    amount: Mapped[Decimal] = mapped_column(Pence, nullable=False)
    case_review_id: Mapped[int | None] = mapped_column(ForeignKey("case_review.id"), nullable=True)
    training_session_id: Mapped[int | None] = mapped_column(ForeignKey("training_session.id"), nullable=True)


class Budget(Record):
    __kind__ = RecordKind.FINANCE
    __tablename__ = "budget"
    __table_args__ = (UniqueConstraint("financial_year_id", "category_id"),)

    financial_year_id: Mapped[int] = mapped_column(ForeignKey("financial_year.id"), nullable=False, index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("expense_category.id"), nullable=False, index=True)
    amount: Mapped[Decimal] = mapped_column(Pence, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
