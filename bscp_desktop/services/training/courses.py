"""Courses, series and sessions. A session knows how many places it has left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.finance import Expense
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingEvaluation, TrainingScore, TrainingSeries, TrainingSession
from bscp_desktop.domain.dates import EARLIEST_YEAR, LATEST_YEAR, format_date_long
from bscp_desktop.domain.money import ZERO, MoneyError, parse_money
from bscp_desktop.domain.training import Audience, CourseFormat, Facilitator, Outcome, session_label
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services.common import ArchivedAt, CommandFields, OneLive, archivers, assign, equal_where_given, get_or_raise, on_days, only_ids, read, read_one, unarchived
from bscp_desktop.services.training.settings import remark_late_cancellations

MAX_CAPACITY = 10_000
MAX_OUTCOMES = 20


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

# ---------------------------------------------------------------- courses

# One live course or series of a title, one live session of a course at a time: saving and
# restoring ask these rules.
COURSE_TITLE = OneLive(TrainingCourse, "title", "There is already a course called '{value}'")
SERIES_TITLE = OneLive(TrainingSeries, "title", "There is already a series called '{value}'")
SESSION_TIME = OneLive(TrainingSession, "starts_at", "The course already has a session starting then", ("course_id",), folded=False)


@dataclass(frozen=True)
class CourseFields(CommandFields):
    title: str
    topic: str = ""
    audience: Audience | str = Audience.CHILDREN
    format: CourseFormat | str = CourseFormat.VIRTUAL
    length_minutes: int | None = None
    learning_outcomes: tuple[str, ...] = ()
    facilitator: Facilitator | str = Facilitator.INTERNAL
    facilitator_name: str = ""
    cost: Decimal | str | None = ZERO
    description: str = ""


@dataclass(frozen=True)
class CourseDTO(ArchivedAt):
    id: int
    title: str
    topic: str
    audience: Audience
    format: CourseFormat
    length_minutes: int | None
    learning_outcomes: tuple[str, ...]
    facilitator: Facilitator
    facilitator_name: str
    cost: Decimal
    description: str
    sessions: int = 0

    @property
    def name(self) -> str:
        return self.title

    @property
    def length_text(self) -> str:
        if not self.length_minutes:
            return ""
        hours, minutes = divmod(self.length_minutes, 60)
        if hours and minutes:
            return f"{hours} h {minutes} min"
        return f"{hours} h" if hours else f"{minutes} min"

    def to_fields(self) -> CourseFields:
        return CourseFields(self.title, self.topic, self.audience, self.format, self.length_minutes,
                            self.learning_outcomes, self.facilitator, self.facilitator_name, self.cost,
                            self.description)


def _choice(c: Checker, enum_type, value, field_name: str, label: str):
    try:
        return enum_type.parse(value)
    except ValueError:
        c.add(field_name, f"'{value}' is not a choice for {label}; choose one of: {enum_type.choices_text()}")
        return None


def _money(c: Checker, value, field_name: str, label: str) -> Decimal:
    try:
        return parse_money(value, label, required=False) or ZERO
    except MoneyError as exc:
        c.add(field_name, str(exc))
        return ZERO


def outcomes_from_text(text: str) -> tuple[str, ...]:
    """Learning outcomes typed one a line (bullets and numbers at the start are dropped)."""
    lines = []
    for line in str(text or "").splitlines():
        cleaned = line.strip().lstrip("•-*–").strip()
        head, _, rest = cleaned.partition(" ")
        if head.rstrip(".)").isdigit() and rest:
            cleaned = rest.strip()
        if cleaned:
            lines.append(cleaned)
    return tuple(lines)


def check_course_fields(f: CourseFields) -> dict:
    c = Checker()
    values = {
        "title": c.name("title", f.title, "Title"),
        "topic": c.optional("topic", f.topic, "Topic", 100),
        "facilitator_name": c.optional("facilitator_name", f.facilitator_name, "Facilitator", 200),
        "description": c.optional("description", f.description, "Description", 10000),
        "cost": _money(c, f.cost, "cost", "Cost"),
    }
    audience = _choice(c, Audience, f.audience, "audience", "audience")
    fmt = _choice(c, CourseFormat, f.format, "format", "format")
    facilitator = _choice(c, Facilitator, f.facilitator, "facilitator", "facilitator")
    length = f.length_minutes
    if length is not None and (isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 60 * 24 * 5):
        c.add("length_minutes", "Length must be a number of minutes, from 1 to 7,200")
    outcomes = [clean_text(o) for o in f.learning_outcomes if clean_text(o)]
    if len(outcomes) > MAX_OUTCOMES:
        c.add("learning_outcomes", f"Give at most {MAX_OUTCOMES} learning outcomes")
    if any(len(o) > 500 for o in outcomes):
        c.add("learning_outcomes", "A learning outcome is too long (at most 500 characters each)")
    c.raise_if_any()
    values.update(
        audience=audience.value, format=fmt.value, facilitator=facilitator.value,
        length_minutes=length, learning_outcomes="\n".join(outcomes),
    )
    return values


def _check_course(session: Session, f: CourseFields, record_id: int | None) -> dict:
    values = check_course_fields(f)
    if problem := COURSE_TITLE.problem(session, record_id, values["title"], advice="; choose another title"):
        raise ValidationError({"title": problem})
    if record_id is not None and (problem := _scored_outcomes_problem(session, record_id, values["learning_outcomes"])):
        raise ValidationError({"learning_outcomes": problem})
    return values


def _scored_numbers(session: Session, *where) -> set[int]:
    """The learning outcomes (by number) scored on evaluations of the sessions `where` picks."""
    return set(session.scalars(
        select(TrainingScore.outcome_number).distinct()
        .join(TrainingEvaluation, TrainingEvaluation.id == TrainingScore.evaluation_id)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .where(*where, TrainingScore.outcome_number > 0)))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _scored_outcomes_problem(session: Session, course_id: int, outcomes_text: str) -> str | None:
    """Evaluations' scores are kept against a learning outcome by its place in the list: once
    scored, an outcome keeps its place (it may be reworded there; new ones go at the end)."""
    scored = _scored_numbers(session, TrainingSession.course_id == course_id)
    old = [o for o in session.get(TrainingCourse, course_id).learning_outcomes.split("\n") if o]
    new = [o for o in outcomes_text.split("\n") if o]
    places = {_words(o): i for i, o in enumerate(new, start=1)}
    for number in sorted(scored):
        if number > len(old):
            continue
        text = old[number - 1]
        place = places.get(_words(text))
        if number > len(new) or (place is not None and place != number):
            return (f"Evaluations have scores for '{text}' as learning outcome {number}: it keeps its place in the "
                    "list (reword it there if need be), and new outcomes go at the end")
    return None


def _moved_scores_problem(session: Session, session_id: int, course: TrainingCourse) -> str | None:
    """Scores are kept by their outcome's place: a session scored moves only to a course with
    the same learning outcomes in those places (else they would count under other outcomes)."""
    was = session.get(TrainingCourse, session.get(TrainingSession, session_id).course_id)
    old, new = (_course_dto(c).learning_outcomes for c in (was, course))
    for number in sorted(_scored_numbers(session, TrainingSession.id == session_id) if was is not course else ()):
        text = old[number - 1] if number <= len(old) else f"Outcome {number}"
        if number > len(new) or _words(new[number - 1]) != _words(text):
            return (f"The course cannot change to {course.title}: evaluations of this session have scores for "
                    f"'{text}' (learning outcome {number} of {was.title}), which {course.title} does not have in "
                    "that place. Add a session to that course instead")
    return None


def _course_dto(course: TrainingCourse, sessions: int = 0) -> CourseDTO:
    return CourseDTO(
        course.id, course.title, course.topic, Audience(course.audience), CourseFormat(course.format),
        course.length_minutes, tuple(o for o in course.learning_outcomes.split("\n") if o),
        Facilitator(course.facilitator), course.facilitator_name, course.cost, course.description,
        sessions, archived_at=course.archived_at,
    )


def courses_in(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[CourseDTO]:
    counts = dict(
        session.execute(
            select(TrainingSession.course_id, func.count())
            .where(TrainingSession.archived_at.is_(None))
            .group_by(TrainingSession.course_id)
        ).all()
    )
    q = select(TrainingCourse).order_by(func.lower(TrainingCourse.title))
    q = only_ids(q, TrainingCourse, ids)
    q = unarchived(q, TrainingCourse, include_archived)
    return [_course_dto(c, counts.get(c.id, 0)) for c in session.scalars(q)]


def save_course(db: Database, course_id: int | None, fields: CourseFields) -> CourseDTO:
    """Add a course (no id) or change one."""
    with db.unit_of_work() as session:
        if course_id is not None:
            get_or_raise(session, TrainingCourse, course_id, "course")
        values = _check_course(session, fields, course_id)
        return courses_in(session, [save_record(session, TrainingCourse, course_id, values, "course")])[0]


def create_course(db: Database, fields: CourseFields) -> CourseDTO:
    return save_course(db, None, fields)


def update_course(db: Database, course_id: int, fields: CourseFields) -> CourseDTO:
    return save_course(db, course_id, fields)


archive_course, restore_course = archivers(TrainingCourse, "course", COURSE_TITLE.restore_check)


def list_courses(db: Database, include_archived: bool = False) -> list[CourseDTO]:
    return read(db, courses_in, include_archived=include_archived)


def get_course(db: Database, course_id: int) -> CourseDTO:
    return read_one(db, TrainingCourse, course_id, "course", courses_in)


# ---------------------------------------------------------------- series


@dataclass(frozen=True)
class SeriesFields(CommandFields):
    title: str
    description: str = ""


@dataclass(frozen=True)
class SeriesDTO(ArchivedAt):
    id: int
    title: str
    description: str
    sessions: int = 0

    @property
    def name(self) -> str:
        return self.title


def _check_series(f: SeriesFields) -> dict:
    c = Checker()
    values = {"title": c.name("title", f.title, "Title"),
              "description": c.optional("description", f.description, "Description", 10000)}
    c.raise_if_any()
    return values


def _series_dtos(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[SeriesDTO]:
    counts = dict(
        session.execute(
            select(TrainingSession.series_id, func.count())
            .where(TrainingSession.archived_at.is_(None), TrainingSession.series_id.is_not(None))
            .group_by(TrainingSession.series_id)
        ).all()
    )
    q = select(TrainingSeries).order_by(func.lower(TrainingSeries.title))
    q = only_ids(q, TrainingSeries, ids)
    q = unarchived(q, TrainingSeries, include_archived)
    return [SeriesDTO(s.id, s.title, s.description, counts.get(s.id, 0), archived_at=s.archived_at) for s in session.scalars(q)]


def save_series(db: Database, series_id: int | None, fields: SeriesFields) -> SeriesDTO:
    """Add a series (no id) or change one."""
    values = _check_series(fields)
    with db.unit_of_work() as session:
        if problem := SERIES_TITLE.problem(session, series_id, values["title"], advice="; choose another title"):
            raise ValidationError({"title": problem})
        return _series_dtos(session, [save_record(session, TrainingSeries, series_id, values, "series")])[0]


def create_series(db: Database, fields: SeriesFields) -> SeriesDTO:
    return save_series(db, None, fields)


def update_series(db: Database, series_id: int, fields: SeriesFields) -> SeriesDTO:
    return save_series(db, series_id, fields)


archive_series, restore_series = archivers(TrainingSeries, "series", SERIES_TITLE.restore_check)


def list_series(db: Database, include_archived: bool = False) -> list[SeriesDTO]:
    return read(db, _series_dtos, include_archived=include_archived)


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
    if f.ends_at is not None and f.starts_at is not None:
        if f.ends_at <= f.starts_at:
            c.add("ends_at", "The session must end after it starts")
        elif (f.ends_at - f.starts_at).days >= 1:
            c.add("ends_at", "A session ends on the day it starts; add another session for another day")
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
        "venue": c.optional("venue", f.venue, "Venue or link", 200),
        "online": bool(f.online),
        "facilitator": c.optional("facilitator", f.facilitator, "Facilitator", 200),
        "cost": _money(c, f.cost, "cost", "Cost"),
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
    if record_id is not None and values["capacity"] is not None:
        held = places_held_in(session, record_id)
        if values["capacity"] < held:
            c.add("capacity", f"{held} delegates already hold places: the capacity cannot be less than {held}")
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
    c.raise_if_any()
    return values


def places_held_in(session: Session, session_id: int) -> int:
    return session.scalar(
        select(func.count()).where(
            TrainingBooking.session_id == session_id,
            TrainingBooking.archived_at.is_(None),
            TrainingBooking.outcome.in_([o.value for o in Outcome if o.holds_place]),
        )
    ) or 0


def _count(outcome: Outcome):
    return func.sum(case((TrainingBooking.outcome == outcome.value, 1), else_=0))


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
            _count(Outcome.CANCELLED).label("cancelled"),
            _count(Outcome.WAITLISTED).label("waitlisted"),
        )
        .where(TrainingBooking.archived_at.is_(None))
        .group_by(TrainingBooking.session_id)
        .subquery()
    )
    spending = (
        select(Expense.training_session_id.label("sid"), func.sum(Expense.amount).label("spent"))
        .where(Expense.archived_at.is_(None), Expense.training_session_id.is_not(None))
        .group_by(Expense.training_session_id)
        .subquery()
    )
    q = (
        select(TrainingSession, TrainingCourse.title, TrainingCourse.topic, TrainingCourse.audience,
               TrainingCourse.format, TrainingSeries.title, tallies, spending.c.spent)
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
         spent) in session.execute(q):
        booked, attended, no_shows = booked or 0, attended or 0, no_shows or 0
        result.append(
            SessionDTO(
                s.id, s.course_id, title, topic, Audience(audience), CourseFormat(fmt), s.series_id,
                series_title or "", s.starts_at, s.ends_at, s.venue, s.online, s.capacity, s.facilitator,
                s.cost, s.notes, booked + attended + no_shows, attended, no_shows, cancelled or 0, waitlisted or 0,
                booked, spent or ZERO, archived_at=s.archived_at,
            )
        )
    return result


def save_session(db: Database, session_id: int | None, fields: SessionFields) -> SessionDTO:
    """Add a session (no id) or change one."""
    with db.unit_of_work() as session:
        if session_id is not None:
            get_or_raise(session, TrainingSession, session_id, "session")
        values = _check_session(session, fields, session_id)
        saved = save_record(session, TrainingSession, session_id, values, "session")
        if session_id is not None:  # moved to another day: its cancellations' notice is counted again
            session.flush()
            remark_late_cancellations(session, session_id=saved)
        return sessions_in(session, [saved])[0]


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
    """(label, id) of live sessions of live courses, newest first (plus any ids in `include`)."""
    keep = set(include)
    with db.unit_of_work() as session:
        closed = set(session.scalars(select(TrainingCourse.id).where(TrainingCourse.archived_at.is_not(None))))
        every = sessions_in(session, include_archived=True)
    rows = [s for s in every if (not s.archived and s.course_id not in closed) or s.id in keep]
    return [(s.name, s.id) for s in sorted(rows, key=lambda s: s.starts_at, reverse=True)]


def course_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    keep = set(include)
    return [(c.title, c.id) for c in list_courses(db, include_archived=True) if not c.archived or c.id in keep]


def series_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    keep = set(include)
    return [(s.title, s.id) for s in list_series(db, include_archived=True) if not s.archived or s.id in keep]
