"""No-show and late-cancellation charges: a statement per organisation for a period, each
chargeable booking with its amount (from the rates of the session's financial year), waived
charges with their reason, and the total due per organisation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.money import ZERO, format_money, total
from bscp_desktop.domain.text import alphabetical, counted
from bscp_desktop.domain.training import ChargeKind, ChargeRates, Outcome, Period, charge_for, rates_for_year
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training.bookings import BookingDTO, bookings_in
from bscp_desktop.services.training.figures import check_period
from bscp_desktop.services.training.settings import charge_rates_in, matched_id, matcher_in, unmatched_spellings_in


@dataclass(frozen=True)
class ChargeLine:
    booking_id: int
    organisation: str
    sector: str
    delegate_name: str
    email: str
    course_title: str
    starts_at: datetime
    kind: ChargeKind
    cancelled_on: date | None
    amount: Decimal
    waived: bool
    waiver_reason: str
    organisation_id: int | None = None  # None: a name not matched to an organisation, or none given

    @property
    def group(self) -> tuple:
        """The organisation the charge is for: one matched, else the name as given (however it
        is written: "Acme Nursery" and "ACME NURSERY" are one), as the figures count them."""
        if self.organisation_id is not None:
            return ("org", self.organisation_id)
        return ("text", name_key(self.organisation))

    @property
    def due(self) -> Decimal:
        return ZERO if self.waived else self.amount

    @property
    def delegate_contact(self) -> str:
        """What tells two delegates of one name at one organisation apart on a statement: the
        delegate's email, else the booking's id (the Id on the Bookings page)."""
        return self.email or f"No email (booking {self.booking_id})"

    @property
    def session_day(self) -> date:
        return self.starts_at.date()


@dataclass(frozen=True)
class Statement:
    organisation: str
    sector: str
    lines: tuple[ChargeLine, ...]

    @property
    def total_due(self) -> Decimal:
        return total(line.due for line in self.lines)

    @property
    def total_waived(self) -> Decimal:
        return total(line.amount for line in self.lines if line.waived)

    @property
    def no_shows(self) -> int:
        return sum(1 for line in self.lines if line.kind is ChargeKind.NO_SHOW)

    @property
    def late_cancellations(self) -> int:
        return sum(1 for line in self.lines if line.kind is ChargeKind.LATE_CANCELLATION)


@dataclass(frozen=True)
class ChargesReport:
    period: Period
    organisation: str | None  # the organisation asked for, if only one
    rates: tuple[ChargeRates, ...]
    statements: tuple[Statement, ...]
    years_without_rates: tuple[int, ...]  # financial years in the period with no charges set

    @property
    def total_due(self) -> Decimal:
        return total(s.total_due for s in self.statements)

    @property
    def total_waived(self) -> Decimal:
        return total(s.total_waived for s in self.statements)

    @property
    def lines(self) -> tuple[ChargeLine, ...]:
        return tuple(line for s in self.statements for line in s.lines)

    @property
    def missing_rates_note(self) -> str:
        if not self.years_without_rates:
            return ""
        years = [financial_year_label(y) for y in self.years_without_rates]
        those = "that year" if len(years) == 1 else "those years"
        return f"No charges are set for {', '.join(years)}: bookings in {those} are listed at £0.00."


def _shown_name(b: BookingDTO, spellings: dict[str, str] | None) -> str:
    if b.organisation_id is None and spellings:
        return spellings.get(name_key(b.organisation), b.organisation)
    return b.organisation


def _line(b: BookingDTO, rates: list[ChargeRates], spellings: dict[str, str] | None = None) -> ChargeLine | None:
    """The booking's charge, or None; a name not matched to an organisation in the one spelling
    of `spellings` (`unmatched_spellings_in`), so that its charges add up under one name."""
    kind = b.charge
    if kind is None:
        return None
    amount = charge_for(kind, rates_for_year(rates, financial_year_of(b.starts_at.date())))
    return ChargeLine(b.id, _shown_name(b, spellings), b.sector, b.delegate_name, b.email, b.course_title, b.starts_at, kind,
                      b.cancelled_on, amount, b.charge_waived, b.waiver_reason, b.organisation_id)


def charge_lines_in(session: Session, start: date | None = None, end: date | None = None,
                    organisation_id: int | None = None) -> list[ChargeLine]:
    """Every chargeable booking of sessions between the dates (all of them when no dates),
    waived ones included (their `due` is £0.00), of every organisation or the one matched
    organisation given. Finance counts these as income, per organisation: a name not matched
    to one is given in one spelling however bookings write it."""
    rates = charge_rates_in(session)
    spellings = unmatched_spellings_in(session)
    return [line for b in bookings_in(session, start=start, end=end, organisation_id=organisation_id, chargeable=True)
            if (line := _line(b, rates, spellings)) is not None]


def charges_report(db: Database, start: date | None, end: date | None, organisation: str | None = None) -> ChargesReport:
    """Every chargeable booking of sessions in the period, grouped by organisation (or for
    the one organisation named: its name, short name, another name, or the text as booked)."""
    period = check_period(start, end)
    wanted = (organisation or "").strip()
    with db.unit_of_work() as session:
        rates = charge_rates_in(session)
        spellings = unmatched_spellings_in(session)
        bookings = bookings_in(session, start=period.start, end=period.end)
        org_id = matched_id(matcher_in(session), wanted)
    if wanted:
        key = name_key(wanted)
        chosen = [b for b in bookings if (org_id is not None and b.organisation_id == org_id)
                  or (b.organisation_id is None and name_key(b.organisation_name) == key)]
        if not chosen and org_id is None:
            raise ValidationError({"organisation": f"No organisation called '{wanted}' has bookings in this period; "
                                                   "check the name (or its short name)"})
        bookings = chosen
    # {organisation, as the figures group them: (name, sector, its lines)}
    groups: dict[tuple, tuple[str, str, list[ChargeLine]]] = {}
    for b in bookings:
        line = _line(b, rates, spellings)
        if line is not None:
            groups.setdefault(line.group, (line.organisation, line.sector, []))[2].append(line)
    if wanted and not groups:
        groups[()] = (_shown_name(bookings[0], spellings), bookings[0].sector, []) if bookings else (wanted, "", [])
    statements = tuple(
        Statement(name, sector, tuple(sorted(lines, key=lambda ln: (ln.starts_at, alphabetical(ln.delegate_name)))))
        for name, sector, lines in sorted(groups.values(), key=lambda g: alphabetical(g[0]))
    )
    set_years = {r.financial_year for r in rates}
    years = range(financial_year_of(period.start), financial_year_of(period.end) + 1)
    return ChargesReport(period, statements[0].organisation if wanted and statements else None, tuple(rates),
                         statements, tuple(y for y in years if y not in set_years))


def session_archive_note(db: Database, session_id: int) -> str:
    """What archiving a session takes with it, in words for the officer before they confirm
    ('' for a session with no live booking): its attendance leaves the figures, its charges
    the statement and Finance's income (they count only live sessions), its bookings the lists.
    A session called off has no charges, whatever its bookings' outcomes (`BookingDTO.charge`)."""
    with db.unit_of_work() as session:
        rates = charge_rates_in(session)
        bookings = bookings_in(session, session_id=session_id)
    outcomes = Counter(b.outcome for b in bookings)
    lines = [line for b in bookings if (line := _line(b, rates)) is not None]
    kinds = Counter(line.kind for line in lines)
    had = [text for n, text in (
        (outcomes[Outcome.ATTENDED], counted(outcomes[Outcome.ATTENDED], "attended", "attended")),
        (kinds[ChargeKind.NO_SHOW], counted(kinds[ChargeKind.NO_SHOW], "chargeable no-show")),
        (kinds[ChargeKind.LATE_CANCELLATION], counted(kinds[ChargeKind.LATE_CANCELLATION], "late cancellation")),
        (outcomes[Outcome.BOOKED], counted(outcomes[Outcome.BOOKED], "delegate booked", "delegates booked")),
        (outcomes[Outcome.WAITLISTED], f"{outcomes[Outcome.WAITLISTED]} on the waiting list"),
        (outcomes[Outcome.CALLED_OFF], f"{counted(outcomes[Outcome.CALLED_OFF], 'booking')} called off by the "
                                       "partnership (never charged)"),
    ) if n]
    if not had:
        return ""
    due = total(line.due for line in lines)
    goes = []
    if lines:
        goes.append(f"its charges ({format_money(due)}) leave the statement and Finance's income" if due else
                    "its chargeable bookings leave the statement")
    if outcomes[Outcome.ATTENDED] or outcomes[Outcome.NO_SHOW]:
        goes.append("its attendance leaves the training figures")
    if outcomes[Outcome.BOOKED] or outcomes[Outcome.WAITLISTED] or outcomes[Outcome.CALLED_OFF]:
        goes.append("its bookings leave the bookings list")
    return f"It has {_and(had)}: {_and(goes, ', and ')}."


def _and(parts: list[str], last: str = " and ") -> str:
    return ", ".join(parts[:-1]) + (last if len(parts) > 1 else "") + parts[-1]
