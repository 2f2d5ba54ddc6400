"""Courses and series. Sessions are in `sessions`; their names are importable from here too
(`courses.SessionFields`, `courses.create_session`, ...), as before the split."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.training import TrainingCourse, TrainingEvaluation, TrainingScore, TrainingSeries, TrainingSession
from bscp_desktop.domain.money import ZERO
from bscp_desktop.domain.text import alphabetical, counted, duration_words
from bscp_desktop.domain.training import Audience, CourseFormat, Facilitator
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services.common import ArchivedAt, CommandFields, OneLive, archivers, get_or_raise, only_ids, read, read_one, unarchived
from bscp_desktop.services.training.sessions import (  # noqa: F401 - sessions, re-exported
    MAX_CAPACITY,
    SESSION_TIME,
    SessionDTO,
    SessionFields,
    archive_session,
    check_session_fields,
    create_session,
    get_session,
    list_sessions,
    money_field,
    outcomes_of,
    places_held_in,
    restore_session,
    same_words,
    save_record,
    save_session,
    scored_numbers,
    session_choices,
    sessions_in,
    update_session,
)

MAX_OUTCOMES = 20

# ---------------------------------------------------------------- courses

#: Curly quotes, primes and the dashes that stand for a hyphen, each read as the plain mark.
_PLAIN_MARKS = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
                              **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
                              **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-")})


def title_key(text: str) -> str:
    """A course title (or a learning outcome) as matched: case, spacing, curly quotes and dashes
    ignored, and a letter typed as two characters (e + a combining accent) read as one. A title
    pasted from a document ("Children’s needs – neglect") is the one an LMS export writes plainly."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_PLAIN_MARKS).split()).casefold()


# One live course or series of a title: saving and restoring ask these rules (a course's title
# as `title_key` reads it, as the training imports match it).
COURSE_TITLE = OneLive(TrainingCourse, "title", "There is already a course called '{value}'", key=title_key)
SERIES_TITLE = OneLive(TrainingSeries, "title", "There is already a series called '{value}'")


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
        return duration_words(self.length_minutes) if self.length_minutes else ""

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
        # one line, like the title: a topic names a chart's bar and a table's row
        "topic": c.optional("topic", " ".join(clean_text(f.topic).split()), "Topic", 100),
        "facilitator_name": c.optional("facilitator_name", f.facilitator_name, "Facilitator", 200),
        "description": c.optional("description", f.description, "Description", 10000),
        "cost": money_field(c, f.cost, "cost", "Cost"),
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


def _scored_outcomes(session: Session, course_id: int) -> dict[int, int]:
    """How many evaluations of the course's sessions scored each learning outcome (by number)."""
    return dict(session.execute(
        select(TrainingScore.outcome_number, func.count())  # one score per evaluation and outcome
        .join(TrainingEvaluation, TrainingEvaluation.id == TrainingScore.evaluation_id)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .where(TrainingSession.course_id == course_id, TrainingScore.outcome_number > 0)
        .group_by(TrainingScore.outcome_number)).all())


def _scored_outcomes_problem(session: Session, course_id: int, outcomes_text: str) -> str | None:
    """Evaluations' scores are kept against a learning outcome by its place in the list: once
    scored, an outcome keeps its place (it may be reworded there; new ones go at the end). It
    is not removed, and no other outcome of the list moves into its place: the scores would
    count under that outcome."""
    scored = _scored_outcomes(session, course_id)
    old = outcomes_of(session.get(TrainingCourse, course_id))
    new = [o for o in outcomes_text.split("\n") if o]
    places = {same_words(o): i for i, o in enumerate(new, start=1)}
    listed = {same_words(o) for o in old}
    for number, evaluations in sorted(scored.items()):
        if number > len(old):
            continue
        text = old[number - 1]
        place = places.get(same_words(text))
        there = same_words(new[number - 1]) if number <= len(new) else None
        if there is None or (place is not None and place != number):
            moved = "removed from the list" if there is None and place is None else "moved"
        elif there != same_words(text) and there in listed:
            moved = f"removed: '{new[number - 1]}' would take its place, and the scores with it"
        else:
            continue
        return (f"{counted(evaluations, 'evaluation')} {'has' if evaluations == 1 else 'have'} scores for '{text}' "
                f"(learning outcome {number}), so it cannot be {moved}. It keeps its place in the list (reword it "
                "there if need be), and new outcomes go at the end")
    return None


def _course_dto(course: TrainingCourse, sessions: int = 0) -> CourseDTO:
    return CourseDTO(
        course.id, course.title, course.topic, Audience(course.audience), CourseFormat(course.format),
        course.length_minutes, outcomes_of(course),
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
    q = select(TrainingCourse).order_by(TrainingCourse.id)
    q = only_ids(q, TrainingCourse, ids)
    q = unarchived(q, TrainingCourse, include_archived)
    by_title = sorted(session.scalars(q), key=lambda c: alphabetical(c.title))  # as names are listed, then as added
    return [_course_dto(c, counts.get(c.id, 0)) for c in by_title]


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


def any_live_course(db: Database) -> bool:
    """Whether a course not archived is on record (a session needs one); stops at the first."""
    with db.unit_of_work() as session:
        return session.scalar(select(TrainingCourse.id).where(TrainingCourse.archived_at.is_(None)).limit(1)) is not None


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
    q = select(TrainingSeries).order_by(TrainingSeries.id)
    q = only_ids(q, TrainingSeries, ids)
    q = unarchived(q, TrainingSeries, include_archived)
    by_title = sorted(session.scalars(q), key=lambda s: alphabetical(s.title))  # as names are listed, then as added
    return [SeriesDTO(s.id, s.title, s.description, counts.get(s.id, 0), archived_at=s.archived_at) for s in by_title]


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


def course_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    keep = set(include)
    return [(c.title, c.id) for c in list_courses(db, include_archived=True) if not c.archived or c.id in keep]


def series_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    keep = set(include)
    return [(s.title, s.id) for s in list_series(db, include_archived=True) if not s.archived or s.id in keep]
