"""Figures for any period, each against the period of the same length before it: by course,
topic, organisation and sector of organisation; year on year by financial year; registrations
(new LMS accounts) per month; learning gain per course.

Counts come from one grouped query (sessions by outcome, lateness and organisation), so a
decade of bookings adds up in a few tens of milliseconds.

A session the partnership called off (`called_off`) is not counted: not among the sessions run
or still to come, nor its places, nor its bookings called off; the report says how many were
(`FiguresReport.called_off_note`). A delegate's own cancellation made before it was called off
stays counted as the cancellation it was.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingRegistrations, TrainingSession
from bscp_desktop.domain.dates import EARLIEST_YEAR, LATEST_YEAR, add_months, financial_year_label, financial_year_of, format_date
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.training import Change, Figures, Outcome, Period, Tally, called_off_sentence, compare, financial_year_period
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.common import on_days, set_rows
from bscp_desktop.services.training.evaluations import CourseGain, course_gains
from bscp_desktop.services.training.settings import NOT_GIVEN, NOT_MATCHED, sector_label, unmatched_spellings_in

#: The most new registrations a month can record (more is a typing slip).
MOST_REGISTRATIONS = 1_000_000
#: What a month's registrations must be: said the same way by the service and the window.
REGISTRATIONS_RANGE = f"a whole number from 0 to {MOST_REGISTRATIONS:,}"


def label_to(whole: Period, day: date) -> str:
    """A period's label when it is counted only up to `day`: "2025/26 to 05/12/2025", or its
    first day to `day`."""
    fy = financial_year_of(whole.start)
    if whole == financial_year_period(fy):
        return f"{financial_year_label(fy)} to {format_date(day)}"
    return Period(whole.start, day).label


@dataclass(frozen=True)
class PeriodToDate(Period):
    """The first part of a period (`whole`), up to its `end`: the period before one still
    running, cut at the same point so that the two compare like with like."""

    whole: Period | None = None

    @property
    def label(self) -> str:
        return label_to(self.whole, self.end) if self.whole is not None else super().label


@dataclass(frozen=True)
class PeriodNotStarted(Period):
    """A period that begins after the day it is counted on: nothing in it is counted yet."""

    @property
    def label(self) -> str:
        return f"{super().label} (not started)"


def counted_on(period: Period, day: date) -> Period:
    """`period` as counted on `day`: whole once it has ended, up to `day` while it runs (its
    sessions still to come have not run), and marked not started before it begins."""
    if day >= period.end:
        return period
    if day >= period.start:
        return PeriodToDate(period.start, day, whole=period)
    return PeriodNotStarted(period.start, period.end)


def same_point_before(period: Period, previous: Period, day: date) -> Period:
    """The period before `period`, cut at the point `day` is in `period` (the same months on,
    for a period of whole months, else the same number of days); `previous` whole when `day`
    is the period's last day or after it."""
    if day >= period.end:
        return previous
    months = period.whole_months
    cut = add_months(day, -months) if months else previous.start + (day - period.start)
    return PeriodToDate(previous.start, max(min(cut, previous.end), previous.start), whole=previous)


@dataclass(frozen=True)
class FigureRow:
    label: str
    figures: Figures
    previous: Figures
    detail: str = ""  # the topic of a course, the sector of an organisation

    @property
    def changes(self) -> dict[str, Change]:
        return compare(self.figures, self.previous)


@dataclass(frozen=True)
class YearRow:
    financial_year: int
    figures: Figures
    registrations: int | None
    to: date | None = None  # the figures stop here, before the year's end (the period's end, or today)

    @property
    def label(self) -> str:
        label = financial_year_label(self.financial_year)
        if self.to is None:
            return label
        if self.to < date(self.financial_year, 4, 1):
            return f"{label} (not started)"  # nothing counted: the year begins after today
        return f"{label} (to {format_date(self.to)})"


@dataclass(frozen=True)
class FiguresReport:
    period: Period
    previous_period: Period
    total: FigureRow
    by_course: tuple[FigureRow, ...]
    by_topic: tuple[FigureRow, ...]
    by_organisation: tuple[FigureRow, ...]
    by_sector: tuple[FigureRow, ...]
    years: tuple[YearRow, ...]
    registrations: int | None
    previous_registrations: int | None
    registrations_by_month: tuple[tuple[date, int], ...]
    gains: tuple[CourseGain, ...]
    upcoming_sessions: int = 0  # sessions of the period still to come: not counted above
    upcoming_bookings: int = 0
    counted_to: date | None = None  # the period's figures stop here (today), before its end
    called_off_sessions: int = 0  # sessions of the period the partnership called off: not counted above
    called_off_bookings: int = 0  # the bookings they had (booked when called off)

    @property
    def called_off_note(self) -> str:
        """'1 session was called off by the partnership (2 bookings): ...' ('' for none)."""
        return called_off_sentence(self.called_off_sessions, self.called_off_bookings)

    @property
    def period_label(self) -> str:
        """The period as counted: "2026/27 to 05/12/2026" while it runs."""
        return label_to(self.period, self.counted_to) if self.counted_to else self.period.label

    @property
    def empty(self) -> bool:
        return not self.total.figures.sessions and not self.total.figures.bookings


@dataclass(frozen=True)
class _Session:
    id: int
    course_id: int
    title: str
    topic: str
    capacity: int
    day: date
    called_off: bool = False  # by the partnership: its places and called-off bookings are not counted


@dataclass(frozen=True)
class _Count:
    session_id: int
    outcome: Outcome
    late: bool
    org_key: Hashable
    org_label: str
    sector: str
    n: int


def _facts(
    session: Session, start: date | None, end: date | None, by_organisation: bool = True
) -> tuple[dict[int, _Session], list[_Count]]:
    """Sessions held from `start` to `end`, and their bookings counted by session, outcome and
    lateness (and organisation, unless `by_organisation` is False: quicker over many years)."""
    sq = (
        select(TrainingSession.id, TrainingSession.course_id, TrainingCourse.title, TrainingCourse.topic,
               TrainingSession.capacity, TrainingSession.starts_at)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .where(TrainingSession.archived_at.is_(None))
    )
    sq = sq.where(*on_days(TrainingSession.starts_at, start, end))
    called_off = set(session.scalars(
        select(TrainingBooking.session_id).distinct()
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .where(TrainingBooking.outcome == Outcome.CALLED_OFF.value, TrainingBooking.archived_at.is_(None),
               TrainingSession.archived_at.is_(None), *on_days(TrainingSession.starts_at, start, end))))
    sessions = {
        sid: _Session(sid, cid, title, topic or "No topic", capacity, starts_at.date(), sid in called_off)
        for sid, cid, title, topic, capacity, starts_at in session.execute(sq)
    }
    group = [TrainingBooking.session_id, TrainingBooking.outcome, TrainingBooking.late_cancellation]
    if by_organisation:
        group += [TrainingBooking.organisation_id, TrainingBooking.organisation_name]
        columns = [*group[:4], Organisation.name, Organisation.kind, TrainingBooking.organisation_name]
        grouped = [*group, Organisation.name, Organisation.kind]  # every column shown (PostgreSQL)
    else:
        columns = [*group, literal(None), literal(None), literal(None), literal("")]
        grouped = group
    bq = (
        select(*columns, func.count())
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .outerjoin(Organisation, Organisation.id == TrainingBooking.organisation_id)
        .where(TrainingBooking.archived_at.is_(None), TrainingSession.archived_at.is_(None),
               TrainingBooking.gave_up_place)  # a delegate who left the waiting list never held a place
        .group_by(*grouped)
    )
    bq = bq.where(*on_days(TrainingSession.starts_at, start, end))
    counts = []
    outcomes = {o.value: o for o in Outcome}
    sectors: dict[str | None, str] = {}
    spellings = unmatched_spellings_in(session) if by_organisation else {}
    for sid, outcome, is_late, org_id, org_name, kind, given, n in session.execute(bq):
        if org_id is not None:
            if kind not in sectors:
                sectors[kind] = sector_label(kind)
            key, label, sector = ("org", org_id), org_name, sectors[kind]
        elif given.strip():
            text = name_key(given)  # one name however it is written, shown in one spelling
            key, label, sector = ("text", text), spellings.get(text, given.strip()), NOT_MATCHED
        else:
            key, label, sector = ("none",), NOT_GIVEN, NOT_GIVEN
        counts.append(_Count(sid, outcomes[outcome], bool(is_late), key, label, sector, n))
    return sessions, counts


def _within(sessions: dict[int, _Session], counts: list[_Count], period: Period) -> tuple[dict[int, _Session], list[_Count]]:
    """The sessions held in the period, and their bookings' counts."""
    chosen = {sid: s for sid, s in sessions.items() if period.contains(s.day)}
    return chosen, [c for c in counts if c.session_id in chosen]


def _tally_by(
    sessions: dict[int, _Session],
    counts: list[_Count],
    key: Callable[[_Session, _Count | None], tuple[Hashable, str, str]],
    with_places: bool,
) -> dict[Hashable, tuple[str, str, Figures]]:
    """Figures per group, for sessions and counts already chosen for one period."""
    tallies: dict[Hashable, tuple[str, str, Tally]] = {}
    if with_places:
        for s in sessions.values():
            if s.called_off:  # it did not run: its places are no one's to take up
                continue
            k, label, detail = key(s, None)
            if k not in tallies:
                tallies[k] = (label, detail, Tally())
            tallies[k][2].add_session(s.id, s.capacity)
    for c in counts:
        if c.outcome is Outcome.CALLED_OFF:  # neither attended, a no-show nor the delegate's cancellation
            continue
        s = sessions[c.session_id]
        k, label, detail = key(s, c)
        if k not in tallies:
            tallies[k] = (label, detail, Tally())
        tally = tallies[k][2]
        if not with_places:
            tally.session_ids.add(s.id)  # sessions they booked on; places are not theirs
        tally.add_booking(c.outcome, c.late, c.n)
    return {k: (label, detail, t.figures(with_places)) for k, (label, detail, t) in tallies.items()}


def _rows(now_facts, before_facts, key, with_places: bool) -> tuple[FigureRow, ...]:
    now = _tally_by(*now_facts, key, with_places)
    before = _tally_by(*before_facts, key, with_places)
    empty = Figures(places=0 if with_places else None)
    # every group of either period: one that had bookings only in the period before (an agency
    # that stopped attending, a topic no longer run) shows 0 this period against its figures then
    rows = [
        FigureRow(label, figures, before.get(k, ("", "", empty))[2], detail)
        for k, (label, detail, figures) in now.items()
    ] + [
        FigureRow(label, empty, previous, detail)
        for k, (label, detail, previous) in before.items() if k not in now
    ]
    return tuple(sorted(rows, key=lambda r: (-r.figures.attended, -r.figures.bookings, alphabetical(r.label))))


def _by_course(s: _Session, _c):
    return s.course_id, s.title, s.topic


def _by_topic(s: _Session, _c):
    return s.topic.casefold(), s.topic, ""


def _by_organisation(_s, c: _Count):
    return c.org_key, c.org_label, c.sector


def _by_sector(_s, c: _Count):
    return c.sector, c.sector, ""


def _everything(_s, _c):
    return "all", "All sessions", ""


def check_period(start: date | None, end: date | None) -> Period:
    """The period from the dates given, or a ValidationError naming the field."""
    errors = {}
    if start is None:
        errors["date_from"] = "Give the first day of the period (--from dd/mm/yyyy)"
    if end is None:
        errors["date_to"] = "Give the last day of the period (--to dd/mm/yyyy)"
    for key, day in (("date_from", start), ("date_to", end)):
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            errors[key] = f"The period must be between {EARLIEST_YEAR} and {LATEST_YEAR}"
    if errors:
        raise ValidationError(errors)
    try:
        return Period(start, end)
    except ValueError as exc:
        raise ValidationError({"date_to": str(exc)}) from exc


def latest_day_run(db: Database, today: date | None = None) -> date | None:
    """The day of the latest session that has run (up to `today`), or None."""
    today = today or date.today()
    with db.unit_of_work() as session:
        latest = session.scalar(
            select(func.max(TrainingSession.starts_at)).where(
                TrainingSession.archived_at.is_(None),
                TrainingSession.starts_at <= datetime.combine(today, datetime.max.time()),
            )
        )
    return latest.date() if latest is not None else None


def registrations_in(session: Session) -> list[tuple[date, int]]:
    return [(m, n) for m, n in session.execute(
        select(TrainingRegistrations.month, TrainingRegistrations.count).order_by(TrainingRegistrations.month))]


def list_registrations(db: Database) -> list[tuple[date, int]]:
    with db.unit_of_work() as session:
        return registrations_in(session)


def month_not_begun(month: date, today: date | None = None) -> bool:
    return month.replace(day=1) > (today or date.today())


def set_registrations(db: Database, month: date, count: int | None) -> None:
    """New LMS accounts in the month of `month` (None removes the month)."""
    save_registrations(db, {month: count})


def _check_registrations(months: Mapping[date, int | None]) -> dict[date, int | None]:
    errors: dict[str, str] = {}
    clean: dict[date, int | None] = {}
    for month, count in months.items():
        label = month.strftime("%B %Y") if EARLIEST_YEAR <= month.year <= LATEST_YEAR else str(month)
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MOST_REGISTRATIONS):
            errors.setdefault("count", f"Registrations for {label} must be {REGISTRATIONS_RANGE}")
        if not EARLIEST_YEAR <= month.year <= LATEST_YEAR:
            errors.setdefault("month", f"The month must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
        elif count is not None and month_not_begun(month):
            errors.setdefault("month", f"{label} has not begun: its registrations are counted once it has")
        clean[month.replace(day=1)] = count
    if errors:
        raise ValidationError(errors)
    return clean


def save_registrations(db: Database, months: Mapping[date, int | None]) -> None:
    """New LMS accounts per month ({month: count}; None removes the month), in one transaction:
    every month is checked first, and a refused month writes none of them."""
    clean = _check_registrations(months)
    with db.unit_of_work() as session:
        rows = {r.month: r for r in session.scalars(
            select(TrainingRegistrations).where(TrainingRegistrations.month.in_(list(clean))))}
        set_rows(session, rows, {month: {"count": count} for month, count in clean.items() if count is not None},
                 lambda month, **values: TrainingRegistrations(month=month, **values))


def _registrations(months: list[tuple[date, int]], period: Period) -> int | None:
    found = [n for m, n in months if period.contains(m)]
    return sum(found) if found else None


def figures_report(db: Database, start: date, end: date, years: int = 5, today: date | None = None) -> FiguresReport:
    """Every figure for the period and the one before it, and the last `years` financial years.

    Only sessions that have run (up to `today`) are counted: places and bookings of sessions
    still to come would lower take-up and attendance before anyone could attend. They are
    given apart, as `upcoming_sessions` and `upcoming_bookings`. A period still running is
    compared with the period before up to the same point (this year to date against last
    year to the same day), not with the whole of it; a period not started yet, with the period
    before as counted today (up to today while it runs).
    """
    period = check_period(start, end)
    today = today or date.today()
    running = period.start <= today < period.end
    previous = same_point_before(period, period.previous(), today) if running else counted_on(period.previous(), today)
    first_year = financial_year_of(period.end) - years + 1
    with db.unit_of_work() as session:
        sessions, counts = _facts(session, previous.start, period.end)
        year_facts = _facts(session, date(first_year, 4, 1), min(period.end, today), by_organisation=False)
        months = registrations_in(session)
    run = Period(period.start, min(period.end, today)) if period.start <= today else None
    ahead = Period(max(period.start, today + timedelta(days=1)), period.end) if period.end > today else None
    now = _within(sessions, counts, run) if run else ({}, [])
    before = ({}, []) if isinstance(previous, PeriodNotStarted) else _within(sessions, counts, previous)
    later = _within(sessions, counts, ahead) if ahead else ({}, [])
    to_run = {sid for sid, s in later[0].items() if not s.called_off}  # a session called off will not run
    whole = _within(sessions, counts, period)
    total_now = _tally_by(*now, _everything, True).get("all", ("", "", Figures()))[2]
    total_before = _tally_by(*before, _everything, True).get("all", ("", "", Figures()))[2]
    by_year = _tally_by(*year_facts, lambda s, _c: (financial_year_of(s.day), "", ""), True)
    year_rows = []
    cut = min(period.end, today)
    for fy in range(first_year, financial_year_of(period.end) + 1):
        figures = by_year.get(fy, ("", "", Figures()))[2]
        first, last = date(fy, 4, 1), date(fy + 1, 3, 31)
        # a year cut short counts the registrations of the months begun by the cut, as its figures stop there
        registered = _registrations(months, Period(first, min(cut, last))) if cut >= first else None
        year_rows.append(YearRow(fy, figures, registered, cut if cut < last else None))
    while year_rows and not year_rows[0].figures.sessions and not year_rows[0].figures.bookings:
        year_rows.pop(0)  # years before the programme's records begin
    return FiguresReport(
        period=period,
        previous_period=previous,
        total=FigureRow("Total", total_now, total_before),
        by_course=_rows(now, before, _by_course, True),
        by_topic=_rows(now, before, _by_topic, True),
        by_organisation=_rows(now, before, _by_organisation, False),
        by_sector=_rows(now, before, _by_sector, False),
        years=tuple(year_rows),
        registrations=_registrations(months, period),
        previous_registrations=None if isinstance(previous, PeriodNotStarted) else _registrations(months, previous),
        registrations_by_month=tuple((m, n) for m, n in months if period.contains(m)),
        gains=tuple(course_gains(db, period)),
        upcoming_sessions=len(to_run),
        upcoming_bookings=sum(c.n for c in later[1] if c.outcome is not Outcome.WAITLISTED and c.session_id in to_run),
        counted_to=today if running else None,
        called_off_sessions=sum(1 for s in whole[0].values() if s.called_off),
        called_off_bookings=sum(c.n for c in whole[1] if c.outcome is Outcome.CALLED_OFF),
    )

