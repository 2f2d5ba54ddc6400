"""Pieces every finance command uses: reading money and years into a Checker, creating
financial years as they are needed, and the team's finance settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.finance import FinancialYear
from bscp_desktop.domain.dates import parse_financial_year_label
from bscp_desktop.domain.finance import DEFAULT_OVERDUE_DAYS, FIRST_MONEY_YEAR, LAST_YEAR, MAX_OVERDUE_DAYS, check_year, year_label, year_of
from bscp_desktop.domain.money import MoneyError, parse_money
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.settings import Opened, SettingPut, put_settings_in, read_opened, setting_in

OVERDUE_DAYS_SETTING = "finance.overdue_days"
#: The first day money may be recorded on: 1 April of the earliest financial year kept for money.
FIRST_MONEY_DAY = date(FIRST_MONEY_YEAR, 4, 1)


def money(c: Checker, field: str, value: object, label: str, required: bool = True) -> Decimal | None:
    """The amount, or None with the reason added to the checker under ``field``."""
    try:
        return parse_money(value, label, required=required)
    except MoneyError as exc:
        c.add(field, str(exc))
        return None


def positive(c: Checker, field: str, amount: Decimal | None, label: str) -> None:
    if amount is not None and amount <= 0 and field not in c.errors:
        c.add(field, f"{label} must be more than £0.00")


def a_date(c: Checker, field: str, value: date | None, label: str, required: bool = True) -> date | None:
    """The date of money in or out, or None with the reason under ``field``: none before the
    earliest financial year kept for money (31/03/1925 typed for 31/03/2025)."""
    if value is None:
        if required:
            c.add(field, f"{label} is required (dd/mm/yyyy)")
        return None
    if not isinstance(value, date):
        c.add(field, f"{label} must be a date (dd/mm/yyyy)")
        return None
    if value < FIRST_MONEY_DAY:
        c.add(field, f"{label} ({value:%d/%m/%Y}) is before the {year_label(FIRST_MONEY_YEAR)} financial year, "
                     f"which began on {FIRST_MONEY_DAY:%d/%m/%Y}: check the year")
        return None
    if year_of(value) > LAST_YEAR:  # its financial year is one the program keeps
        c.add(field, f"{label} ({value:%d/%m/%Y}) must be between {FIRST_MONEY_DAY:%d/%m/%Y} and 31/03/{LAST_YEAR + 1}")
        return None
    return value


def end_of_next_year(today: date | None = None) -> date:
    """The last day money may be recorded on: 31 March at the end of next financial year."""
    return date(year_of(today or date.today()) + 2, 3, 31)


def not_after_next_year(c: Checker, field: str, value: date | None, label: str, today: date | None = None) -> None:
    """Money planned ahead is recorded up to the end of next financial year, not beyond (a
    year typed wrong, 2150 for 2025, would otherwise become the latest year on record)."""
    last = end_of_next_year(today)
    if value is not None and value > last:
        c.add(field, f"{label} ({value:%d/%m/%Y}) is after the end of next financial year ({last:%d/%m/%Y}): "
                     "check the year")


def year_not_after_next(c: Checker, field: str, start_year: int | None, label: str = "Financial year",
                        today: date | None = None) -> None:
    """`not_after_next_year` for a financial year chosen by its label: one beginning after the
    end of next financial year (2052/53 typed for 2025/26) is refused."""
    last = end_of_next_year(today)
    if start_year is not None and date(start_year, 4, 1) > last and field not in c.errors:
        c.add(field, f"{label} {year_label(start_year)} begins after the end of next financial year "
                     f"({last:%d/%m/%Y}): check the year")


_YEAR_AS_WRITTEN = re.compile(r"^(?:fy\s*)?(\d{4})\s*(?:-|\u2013|\u2014|to)\s*(\d{2}|\d{4})$", re.IGNORECASE)


def start_year_of(value: object, reading: bool = False) -> int:
    """2023, "2023/24" or "2023/2024" -> 2023; also as finance papers write it ("2023-24",
    "2023 to 2024", "FY2023/24"). ValueError otherwise, its message to follow the field's label:
    a year before the earliest kept for money ("Financial year: 1924/25 is before 2000/01, ...")
    or after those the program keeps ("Financial year: 9998/99 is outside the financial years
    this program keeps (1900/01 to 2199/00)"). `reading` a year (a report, a year's figures),
    one before 2000/01 is taken too: a file may hold one recorded before that rule, shown so
    that its lines can be found and corrected."""
    if isinstance(value, bool):
        raise ValueError("choose a year such as 2023/24")
    if isinstance(value, int):
        year = value
    else:
        given = " ".join(str(value).split())
        text = given
        if match := _YEAR_AS_WRITTEN.match(text):
            text = f"{match.group(1)}/{match.group(2)}"
        elif text[:2].casefold() == "fy":
            text = text[2:].strip()
        try:
            year = parse_financial_year_label(text)
        except ValueError as exc:
            raise ValueError(str(exc).replace(f"'{text}'", f"'{given}'", 1)) from None
    if year < FIRST_MONEY_YEAR and not reading:
        raise ValueError(f"{year_label(year)} is before {year_label(FIRST_MONEY_YEAR)}, the earliest financial year "
                         "money can be recorded in: check the year")
    if problem := check_year(year, named=False):  # said as financial years: "1900 to 2199" reads as a date's years
        raise ValueError(problem)
    return year


def a_year(c: Checker, field: str, value: object, label: str = "Financial year", reading: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        c.add(field, f"{label} is required (for example 2023/24)")
        return None
    try:
        return start_year_of(value, reading)
    except ValueError as exc:
        c.add(field, f"{label}: {exc}")
        return None


def ensure_year(session: Session, start_year: int) -> FinancialYear:
    """The financial year's record, created (with no adjustment) when first needed: never one
    before the earliest kept for money (`FIRST_MONEY_YEAR`), whatever records it."""
    problem = check_year(start_year)
    if not problem and start_year < FIRST_MONEY_YEAR:
        problem = (f"The financial year {year_label(start_year)} is before {year_label(FIRST_MONEY_YEAR)}, the earliest "
                   "financial year money can be recorded in: check the year")
    if problem:
        raise ValidationError({"financial_year": problem})
    year = session.scalar(select(FinancialYear).where(FinancialYear.start_year == start_year))
    if year is None:
        year = FinancialYear(start_year=start_year)
        session.add(year)
        session.flush()
    return year


def year_for_date(session: Session, d: date) -> FinancialYear:
    return ensure_year(session, year_of(d))


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class FinanceSettings:
    overdue_days: int = DEFAULT_OVERDUE_DAYS
    #: the setting as stored when this was read: a save from it is refused if someone else
    #: changed it since (services/settings.py); () checks nothing
    opened: Opened = field(default=(), compare=False, repr=False)


def settings_in(session: Session) -> FinanceSettings:
    try:
        days = int(setting_in(session, OVERDUE_DAYS_SETTING, DEFAULT_OVERDUE_DAYS))
    except (TypeError, ValueError):
        days = DEFAULT_OVERDUE_DAYS  # a hand-edited setting that is not a number
    if not 1 <= days <= MAX_OVERDUE_DAYS:
        days = DEFAULT_OVERDUE_DAYS
    return FinanceSettings(days)


def load_settings(db: Database) -> FinanceSettings:
    """The settings as the dialog shows them, with the stored text they were read from."""
    with db.unit_of_work() as session:
        return read_opened(session, (OVERDUE_DAYS_SETTING,), settings_in)


def save_settings(db: Database, settings: FinanceSettings) -> FinanceSettings:
    days = settings.overdue_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_OVERDUE_DAYS:
        raise ValidationError(
            {"overdue_days": f"Days before an unpaid invoice is overdue must be a whole number from 1 to {MAX_OVERDUE_DAYS}"}
        )
    with db.unit_of_work() as session:
        put_settings_in(session, [SettingPut(OVERDUE_DAYS_SETTING, days, "overdue_days",
                                             "Days before an unpaid invoice is overdue",
                                             when_unset=DEFAULT_OVERDUE_DAYS)], settings.opened)
        return read_opened(session, (OVERDUE_DAYS_SETTING,), settings_in)
