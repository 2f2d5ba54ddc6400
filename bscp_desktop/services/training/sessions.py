"""Sessions of a course: their checks and how many places each has left.

A session is refused a start the course already has, fewer places than delegates hold, an end
on another day than its start, or a move its record forbids: to a day before its bookings or
cancellations were made, a register marked or evaluations on record moving to a day still to
come, evaluations or no-shows moving to a day after their follow-ups, or scored evaluations
moving to a course whose learning outcomes differ in those places. The course's own checks
(`courses`) ask the same question of scored outcomes, so the helpers for them live here, with
`save_record` both modules use.

A session moved to another day has its cancellations marked again as late or in time by the
notice, from the day it has now, in any financial year; `save_session_saying` says which changed,
how the session's charges (its no-shows and late cancellations, priced as the statements price
them) did, and the statement they move to when the move changes their financial year, and warns
when that changes a financial year before this one (whose charges a new notice leaves as they
were: they may have been invoiced). A session moved or given another cost after its cost was recorded in
Finance says so too when what Finance records for it (its live expenses) no longer matches: another total
or another financial year (`SessionDTO.finance_difference`, which the Training tab also shows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.finance import Expense
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingEvaluation, TrainingScore, TrainingSeries, TrainingSession
from bscp_desktop.domain.dates import EARLIEST_YEAR, LATEST_YEAR, financial_year_label, financial_year_of, format_date_long, missing_local_time
from bscp_desktop.domain.money import ZERO, MoneyError, format_money, parse_money, total
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.training import Audience, CourseFormat, Outcome, session_label
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import ArchivedAt, CommandFields, OneLive, archivers, assign, equal_where_given, get_or_raise, on_days, only_ids, read_one, unarchived
from bscp_desktop.services.training.settings import late, remark_late_cancellations, remark_since

if TYPE_CHECKING:
    from bscp_desktop.services.training.charges import ChargeLine

MAX_CAPACITY = 10_000
#: The longest venue or link: an online meeting's join link runs to a few hundred characters.
VENUE_LENGTH = 2_000

# one live session of a course at a time: saving and restoring ask this rule
SESSION_TIME = OneLive(TrainingSession, "starts_at", "The course already has a session starting then", ("course_id",), folded=False)


def save_record(session: Session, model: type, record_id: int | None, values: dict, label: str) -> int:
    """Insert a record (no id) or update one; returns its id. Inside the caller's unit of work."""
    if record_id is None:
        record = model(**values)
        session.add(record)
    else:
        record = get_or_raise(session, model, record_id, label)
        assign(record, values)
    session.flush()
    return record.id


def money_field(c: Checker, value, field_name: str, label: str) -> Decimal:
    """A cost as typed, zero when blank; an amount that is not one is added to `c`."""
    try:
        return parse_money(value, label, required=False) or ZERO
    except MoneyError as exc:
        c.add(field_name, str(exc))
        return ZERO


# ---------------------------------------------------------------- learning outcomes scored


def outcomes_of(course: TrainingCourse) -> tuple[str, ...]:
    """A course's learning outcomes, in their places (outcome 1 first)."""
    return tuple(o for o in course.learning_outcomes.split("\n") if o)


def scored_numbers(session: Session, *where) -> set[int]:
    """The learning outcomes (by number) scored on evaluations of the sessions `where` picks."""
    return set(session.scalars(
        select(TrainingScore.outcome_number).distinct()
        .join(TrainingEvaluation, TrainingEvaluation.id == TrainingScore.evaluation_id)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .where(*where, TrainingScore.outcome_number > 0)))


def same_words(text: str) -> str:
    """An outcome's words, for comparing two wordings (spacing and capitals aside)."""
    return " ".join(text.split()).casefold()


def _moved_scores_problem(session: Session, session_id: int, course: TrainingCourse) -> str | None:
    """Scores are kept by their outcome's place: a session scored moves only to a course with
    the same learning outcomes in those places (else they would count under other outcomes)."""
    was = session.get(TrainingCourse, session.get(TrainingSession, session_id).course_id)
    old, new = (outcomes_of(c) for c in (was, course))
    for number in sorted(scored_numbers(session, TrainingSession.id == session_id) if was is not course else ()):
        text = old[number - 1] if number <= len(old) else f"Outcome {number}"
        if number > len(new) or same_words(new[number - 1]) != same_words(text):
            return (f"The course cannot change to {course.title}: evaluations of this session have scores for "
                    f"'{text}' (learning outcome {number} of {was.title}), which {course.title} does not have in "
                    "that place. Add a session to that course instead")
    return None


# ---------------------------------------------------------------- sessions


@dataclass(frozen=True)
class SessionFields(CommandFields):
    course_id: int | None
    starts_at: datetime | None
    capacity: int | None
    ends_at: datetime | None = None
    venue: str = ""
    online: bool = False
    facilitator: str = ""
    cost: Decimal | str | None = ZERO
    series_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class SessionDTO(ArchivedAt):
    id: int
    course_id: int
    course_title: str
    topic: str
    audience: Audience
    format: CourseFormat
    series_id: int | None
    series_title: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    online: bool
    capacity: int
    facilitator: str
    cost: Decimal
    notes: str
    held: int = 0  # places held: booked, attended or no-show
    attended: int = 0
    no_shows: int = 0
    cancelled: int = 0
    waitlisted: int = 0
    still_booked: int = 0
    spent: Decimal = ZERO  # expenditure recorded against the session in Finance
    spent_from: date | None = None  # the first and last day of that expenditure (None: nothing recorded)
    spent_until: date | None = None

    @property
    def name(self) -> str:
        return session_label(self.course_title, self.starts_at)

    @property
    def day(self) -> date:
        return self.starts_at.date()

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.held, 0)

    @property
    def where(self) -> str:
        if self.online:
            return f"Online ({self.venue})" if self.venue else "Online"
        return self.venue

    @property
    def times(self) -> str:
        end = f" to {self.ends_at:%H:%M}" if self.ends_at else ""
        return f"{format_date_long(self.day)}, {self.starts_at:%H:%M}{end}"

    @property
    def register_marked(self) -> bool:
        return self.held > 0 and self.still_booked == 0

    @property
    def finance_differs(self) -> bool:
        """Finance records expenditure for the session, but not its cost in its financial year: another
        total, or an expense in another financial year."""
        if self.spent_from is None or self.spent_until is None:
            return False
        year = financial_year_of(self.day)
        return self.spent != self.cost or {financial_year_of(self.spent_from), financial_year_of(self.spent_until)} != {year}

    @property
    def finance_difference(self) -> str:
        """What Finance records for the session against its cost and day, in words ('' when they match)."""
        if not self.finance_differs:
            return ""
        first, last = self.spent_from, self.spent_until
        days = f"on {first:%d/%m/%Y}" if first == last else f"from {first:%d/%m/%Y} to {last:%d/%m/%Y}"
        years = " and ".join(dict.fromkeys(financial_year_label(financial_year_of(d)) for d in (first, last)))
        cost = f"costs {format_money(self.cost)}" if self.cost else "has no cost"
        return (f"The cost recorded in Finance for this session ({format_money(self.spent)} {days}, {years}) does not "
                f"match it: it now {cost} and is on {self.day:%d/%m/%Y}, in "
                f"{financial_year_label(financial_year_of(self.day))}. Correct the expense{'' if first == last else 's'} "
                "in the Finance tab (Expenditure).")

    def to_fields(self) -> SessionFields:
        return SessionFields(self.course_id, self.starts_at, self.capacity, self.ends_at, self.venue, self.online,
                             self.facilitator, self.cost, self.series_id, self.notes)


def check_session_fields(f: SessionFields) -> dict:
    c = Checker()
    if f.course_id is None:
        c.add("course_id", "Choose the course")
    if f.starts_at is None:
        c.add("starts_at", "Enter the date and time the session starts")
    elif not EARLIEST_YEAR <= f.starts_at.year <= LATEST_YEAR:
        c.add("starts_at", f"The start must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    elif problem := missing_local_time(f.starts_at):
        c.add("starts_at", problem)
    if f.ends_at is not None and f.starts_at is not None:
        if f.ends_at <= f.starts_at:
            c.add("ends_at", "The session must end after it starts")
        elif f.ends_at.date() != f.starts_at.date():
            c.add("ends_at", "A session ends on the day it starts; add another session for another day")
        elif problem := missing_local_time(f.ends_at):  # as a meeting's end is checked
            c.add("ends_at", problem)
    capacity = f.capacity
    if capacity is None or isinstance(capacity, bool) or not isinstance(capacity, int):
        c.add("capacity", "Enter the number of places (capacity)")
    elif not 1 <= capacity <= MAX_CAPACITY:
        c.add("capacity", f"Capacity must be from 1 to {MAX_CAPACITY:,} places")
    values = {
        "course_id": f.course_id,
        "series_id": f.series_id,
        "starts_at": f.starts_at.replace(second=0, microsecond=0, tzinfo=None) if f.starts_at else None,
        "ends_at": f.ends_at.replace(second=0, microsecond=0, tzinfo=None) if f.ends_at else None,
        "capacity": capacity,
        "venue": c.optional("venue", f.venue, "Venue or link", VENUE_LENGTH),
        "online": bool(f.online),
        "facilitator": c.optional("facilitator", f.facilitator, "Facilitator", 200),
        "cost": money_field(c, f.cost, "cost", "Cost"),
        "notes": c.optional("notes", f.notes, "Notes", 10000),
    }
    c.raise_if_any()
    return values


def _check_session(session: Session, f: SessionFields, record_id: int | None) -> dict:
    values = check_session_fields(f)
    c = Checker()
    course = session.get(TrainingCourse, values["course_id"])
    if course is None:
        c.add("course_id", "Choose the course from the list")
    if values["series_id"] is not None and session.get(TrainingSeries, values["series_id"]) is None:
        c.add("series_id", "Choose the series from the list")
    if course is not None:
        if SESSION_TIME.clash(session, record_id, values["starts_at"], course.id):
            c.add("starts_at", f"{course.title} already has a session starting then")
        if record_id is not None and (problem := _moved_scores_problem(session, record_id, course)):
            c.add("course_id", problem)
    if record_id is not None and values["capacity"] is not None and (
            problem := capacity_problem(values["capacity"], places_held_in(session, record_id))):
        c.add("capacity", problem)
    if record_id is not None and values["starts_at"] is not None and "starts_at" not in c.errors:
        day, live = values["starts_at"].date(), (TrainingBooking.session_id == record_id, TrainingBooking.archived_at.is_(None))
        booked = session.scalar(select(func.max(TrainingBooking.booked_on)).where(*live))
        after = session.execute(select(TrainingBooking.delegate_name, TrainingBooking.cancelled_on).where(
            *live, TrainingBooking.outcome == Outcome.CANCELLED.value, TrainingBooking.cancelled_on > day,
        ).order_by(TrainingBooking.cancelled_on, TrainingBooking.id)).all()
        if booked is not None and day < booked:
            c.add("starts_at", f"A delegate booked on {booked:%d/%m/%Y}: the session cannot move to a day before "
                               "its bookings were made")
        elif after:  # as a booking cancelled after its session is refused ('record it as a no-show')
            c.add("starts_at", f"{after[0].delegate_name} cancelled on {after[0].cancelled_on:%d/%m/%Y}, after "
                               f"{day:%d/%m/%Y}: the session cannot move to a day before its cancellations"
                               + (f" (the last on {after[-1].cancelled_on:%d/%m/%Y})" if len(after) > 1 else ""))
    if record_id is not None and values["starts_at"] is not None and values["starts_at"].date() > date.today():
        marked = session.scalar(select(func.count()).where(
            TrainingBooking.session_id == record_id, TrainingBooking.archived_at.is_(None),
            TrainingBooking.outcome.in_([Outcome.ATTENDED.value, Outcome.NO_SHOW.value]))) or 0
        if marked and "starts_at" not in c.errors:
            c.add("starts_at", f"The register of this session is marked ({marked} attended or did not come): a "
                               "session that has run cannot move to a day still to come")
    if record_id is not None and values["starts_at"] is not None and "starts_at" not in c.errors and (
            problem := _evaluated_problem(session, record_id, values["starts_at"].date())
            or _followed_up_problem(session, record_id, values["starts_at"].date())):
        c.add("starts_at", problem)
    c.raise_if_any()
    return values


def capacity_problem(capacity: int, held: int) -> str:
    """Why a session's capacity is refused ('' if it is not): fewer places than delegates hold
    (booked, attended or did not come). The session window and the bookings import ask it."""
    if capacity >= held:
        return ""
    return (f"{held:,} delegates hold places (booked, attended or did not come), so the capacity cannot be less "
            f"than {held:,}")


def _evaluated_problem(session: Session, session_id: int, day: date) -> str:
    """Why the session cannot move to `day` ('' if it can), as its live evaluations are saved
    only on a session that has run and with follow-ups on or after its day: not to a day still to
    come while it has evaluations, nor to a day after one of their follow-ups."""
    if day == session.get(TrainingSession, session_id).starts_at.date():
        return ""  # not moved to another day
    evaluations = session.execute(select(
        TrainingEvaluation.delegate_name, TrainingEvaluation.delegate_follow_up_on, TrainingEvaluation.manager_follow_up_on,
    ).where(TrainingEvaluation.session_id == session_id, TrainingEvaluation.archived_at.is_(None))
        .order_by(TrainingEvaluation.id)).all()
    if evaluations and day > date.today():
        return (f"The session has {len(evaluations):,} evaluation{'s' if len(evaluations) != 1 else ''} on record: "
                "a session that has run cannot move to a day still to come")
    replies = sorted((when, f"{name or 'An anonymous delegate'}{suffix}")
                     for name, *dates in evaluations for when, suffix in zip(dates, ("", "'s line manager"), strict=True)
                     if when is not None and when < day)
    if replies:
        when, who = replies[0]
        return (f"{who} replied to the follow-up on {when:%d/%m/%Y}, before {day:%d/%m/%Y}: the session cannot move "
                "to a day after its evaluations' follow-ups")
    return ""


def _followed_up_problem(session: Session, session_id: int, day: date) -> str:
    """Why the session cannot move to `day` ('' if it can): its live no-shows are followed up
    on or after its day (`booking_checks.follow_up_problem`), so not to a day after one was."""
    if day == session.get(TrainingSession, session_id).starts_at.date():
        return ""  # not moved to another day
    first = session.execute(select(TrainingBooking.delegate_name, TrainingBooking.followed_up_on).where(
        TrainingBooking.session_id == session_id, TrainingBooking.archived_at.is_(None),
        TrainingBooking.outcome == Outcome.NO_SHOW.value, TrainingBooking.followed_up_on < day,
    ).order_by(TrainingBooking.followed_up_on, TrainingBooking.id).limit(1)).first()
    if first is None:
        return ""
    return (f"{first.delegate_name} did not come and was followed up on {first.followed_up_on:%d/%m/%Y}, before "
            f"{day:%d/%m/%Y}: the session cannot move to a day after its no-shows' follow-ups")


def places_held_in(session: Session, session_id: int) -> int:
    return session.scalar(
        select(func.count()).where(
            TrainingBooking.session_id == session_id,
            TrainingBooking.archived_at.is_(None),
            TrainingBooking.outcome.in_([o.value for o in Outcome if o.holds_place]),
        )
    ) or 0


def _count(outcome: Outcome, *also):
    return func.sum(case((and_(TrainingBooking.outcome == outcome.value, *also), 1), else_=0))


def sessions_in(
    session: Session,
    ids: Sequence[int] | None = None,
    include_archived: bool = True,
    start: date | None = None,
    end: date | None = None,
    course_id: int | None = None,
) -> list[SessionDTO]:
    tallies = (
        select(
            TrainingBooking.session_id.label("sid"),
            _count(Outcome.BOOKED).label("booked"),
            _count(Outcome.ATTENDED).label("attended"),
            _count(Outcome.NO_SHOW).label("no_shows"),
            # a delegate who left the waiting list gave up no place: not a cancellation, as in the figures
            _count(Outcome.CANCELLED, TrainingBooking.gave_up_place).label("cancelled"),
            _count(Outcome.WAITLISTED).label("waitlisted"),
        )
        .where(TrainingBooking.archived_at.is_(None))
        .group_by(TrainingBooking.session_id)
        .subquery()
    )
    spending = (
        select(Expense.training_session_id.label("sid"), func.sum(Expense.amount).label("spent"),
               func.min(Expense.spent_on).label("spent_from"), func.max(Expense.spent_on).label("spent_until"))
        .where(Expense.archived_at.is_(None), Expense.training_session_id.is_not(None))
        .group_by(Expense.training_session_id)
        .subquery()
    )
    q = (
        select(TrainingSession, TrainingCourse.title, TrainingCourse.topic, TrainingCourse.audience,
               TrainingCourse.format, TrainingSeries.title, tallies, spending.c.spent, spending.c.spent_from,
               spending.c.spent_until)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .outerjoin(TrainingSeries, TrainingSeries.id == TrainingSession.series_id)
        .outerjoin(tallies, tallies.c.sid == TrainingSession.id)
        .outerjoin(spending, spending.c.sid == TrainingSession.id)
        .order_by(TrainingSession.starts_at, TrainingCourse.title)
    )
    q = only_ids(q, TrainingSession, ids)
    q = unarchived(q, TrainingSession, include_archived)
    q = q.where(*on_days(TrainingSession.starts_at, start, end))
    q = equal_where_given(q, (TrainingSession.course_id, course_id))
    result = []
    for (s, title, topic, audience, fmt, series_title, _sid, booked, attended, no_shows, cancelled, waitlisted,
         spent, spent_from, spent_until) in session.execute(q):
        booked, attended, no_shows = booked or 0, attended or 0, no_shows or 0
        result.append(
            SessionDTO(
                s.id, s.course_id, title, topic, Audience(audience), CourseFormat(fmt), s.series_id,
                series_title or "", s.starts_at, s.ends_at, s.venue, s.online, s.capacity, s.facilitator,
                s.cost, s.notes, booked + attended + no_shows, attended, no_shows, cancelled or 0, waitlisted or 0,
                booked, spent or ZERO, spent_from, spent_until, archived_at=s.archived_at,
            )
        )
    return result


@dataclass(frozen=True)
class SessionSaved:
    """A session saved, and what moving it to another day did to its cancellations and their
    charges, and to its cost recorded in Finance when that no longer matches, in words ('' when it
    was not moved or re-costed, or nothing changed)."""

    session: SessionDTO
    note: str = ""


def save_session(db: Database, session_id: int | None, fields: SessionFields) -> SessionDTO:
    """Add a session (no id) or change one."""
    return save_session_saying(db, session_id, fields).session


def save_session_saying(db: Database, session_id: int | None, fields: SessionFields,
                        today: date | None = None) -> SessionSaved:
    """Add a session (no id) or change one, saying which cancellations moving it to another day
    marked again as late or in time, and how its charges changed (`_remark_moved`); and, when a
    move or another cost leaves what Finance records for it not matching, what to correct there."""
    with db.unit_of_work() as session:
        record = get_or_raise(session, TrainingSession, session_id, "session") if session_id is not None else None
        was, cost_was = (record.starts_at.date(), record.cost) if record is not None else (None, None)
        values = _check_session(session, fields, session_id)
        day = values["starts_at"].date()
        moved = was is not None and day != was  # moved to another day: its notice is counted again
        before = _charge_lines(session, session_id, was) if moved else []
        saved = save_record(session, TrainingSession, session_id, values, "session")
        note = ""
        if moved:
            session.flush()
            note = _remark_moved(session, saved, was, day, before, today)
        dto = sessions_in(session, [saved])[0]
        if record is not None and (moved or dto.cost != cost_was):  # what Finance records may no longer match
            note = " ".join(x for x in (note, dto.finance_difference) if x)
        return SessionSaved(dto, note)


def _charge_lines(session: Session, session_id: int, day: date) -> list[ChargeLine]:
    """The session's charges on the statements (its session on `day`): each live no-show and late
    cancellation of a live session, priced at the rates of its financial year, as the statements
    and Finance's income price them (`charges.charge_lines_in`)."""
    from bscp_desktop.services.training.charges import charge_lines_in  # charges reads bookings, which read sessions

    ids = set(session.scalars(select(TrainingBooking.id).where(TrainingBooking.session_id == session_id)))
    return [line for line in charge_lines_in(session, day, day) if line.booking_id in ids]


def _money_change(before: Decimal, after: Decimal) -> str:
    change = after - before
    return f"charges {'up' if change > 0 else 'down'} {format_money(abs(change))}" if change else "no change to the charges"


def _remark_moved(session: Session, session_id: int, was: date, day: date, before: list[ChargeLine],
                  today: date | None) -> str:
    """Mark the cancellations of a session moved from `was` to `day` again as late or in time by
    the notice (a session's day is a fact: its cancellations' notice is counted from the day it
    has, in any year, as a cancellation's new date is); what changed, in words for the officer:
    the cancellations marked again, the session's charges due before (`before`, its charge lines
    on `was`) and now, and the statement they move to when the move changes their financial
    year; warning when a financial year before this one is changed (`remark_since`: a new notice
    leaves those as charged, perhaps invoiced)."""
    rows = session.execute(select(
        TrainingBooking.delegate_name, TrainingBooking.cancelled_on, TrainingBooking.late_cancellation,
    ).where(TrainingBooking.session_id == session_id, TrainingBooking.archived_at.is_(None),
            TrainingBooking.outcome == Outcome.CANCELLED.value, TrainingBooking.cancelled_on.is_not(None),
            TrainingBooking.gave_up_place)  # as the notice marks them: one who left the waiting list is never late
        .order_by(TrainingBooking.cancelled_on, TrainingBooking.id)).all()
    changed = [r for r in rows if late(session, r.cancelled_on, day) != r.late_cancellation]
    remark_late_cancellations(session, session_id=session_id)
    after = _charge_lines(session, session_id, day)
    was_year, year = financial_year_of(was), financial_year_of(day)
    due_before, due_after = total(line.due for line in before), total(line.due for line in after)
    other_year = was_year != year and bool(before or after)
    if not changed and not other_year:
        return ""
    note = f"The session moved from {was:%d/%m/%Y} to {day:%d/%m/%Y}"
    if changed:
        now = "; ".join(f"{r.delegate_name} (cancelled on {r.cancelled_on:%d/%m/%Y}) is now "
                        f"{'in time' if r.late_cancellation else 'late'}" for r in changed)
        note += (f", so {counted(len(changed), 'cancellation')} {'was' if len(changed) == 1 else 'were'} marked "
                 f"again under the notice: {now}")
        note += "." if other_year else f" ({_money_change(due_before, due_after)})."
    if other_year:
        amount = (f"{format_money(due_after)} due, as before" if due_after == due_before else
                  f"{format_money(due_after)} due instead of {format_money(due_before)} "
                  f"({_money_change(due_before, due_after)})")
        note += (" Its charges" if changed else ", into another financial year: its charges")
        note += (f" move from the {financial_year_label(was_year)} statement and Finance's income to the "
                 f"{financial_year_label(year)} one, at that year's rates: {amount}.")
    if was_year != year:  # each year's statement loses or gains what is due in it
        changed_years = {fy for fy, due in ((was_year, due_before), (year, due_after)) if due}
    else:
        changed_years = {year} if due_after != due_before else set()
    this_year = financial_year_of(since := remark_since(today))
    years = [financial_year_label(fy) for fy in sorted(changed_years) if fy < this_year]
    if years:
        note += (f" {' and '.join(years)} {'is a financial year' if len(years) == 1 else 'are financial years'} "
                 f"before this one (which began on {format_date_long(since)}): check whether these charges were "
                 "invoiced already.")
    return note


def create_session(db: Database, fields: SessionFields) -> SessionDTO:
    return save_session(db, None, fields)


def update_session(db: Database, session_id: int, fields: SessionFields) -> SessionDTO:
    return save_session(db, session_id, fields)


archive_session, restore_session = archivers(TrainingSession, "session", SESSION_TIME.restore_check)


def list_sessions(
    db: Database,
    include_archived: bool = False,
    start: date | None = None,
    end: date | None = None,
    course_id: int | None = None,
) -> list[SessionDTO]:
    with db.unit_of_work() as session:
        return sessions_in(session, include_archived=include_archived, start=start, end=end, course_id=course_id)


def get_session(db: Database, session_id: int) -> SessionDTO:
    return read_one(db, TrainingSession, session_id, "session", sessions_in)


def session_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    """(label, id) of live sessions of live courses, newest first (plus any ids in `include`,
    such as the archived session a record already names). Sessions starting together follow
    their course's title. Only what the labels show is read: the course's title and the start."""
    offered = and_(TrainingSession.archived_at.is_(None), TrainingCourse.archived_at.is_(None))
    keep = sorted(set(include))
    q = (
        select(TrainingSession.id, TrainingCourse.title, TrainingSession.starts_at)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .where(or_(offered, TrainingSession.id.in_(keep)) if keep else offered)
        .order_by(TrainingSession.starts_at.desc(), TrainingCourse.title, TrainingSession.id)
    )
    with db.unit_of_work() as session:
        return [(session_label(title, starts_at), sid) for sid, title, starts_at in session.execute(q)]
