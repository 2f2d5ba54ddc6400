"""Evaluations: confidence before and after a session (1 to 5) for each learning outcome of
its course, comments, and the follow-up 6 to 12 weeks later from the delegate and their line
manager. Learning gain = after minus before, averaged per course."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingEvaluation, TrainingScore, TrainingSession
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.delegates import delegate_key, email_of_key, matching_booking
from bscp_desktop.domain.evaluations import FollowUp, Gain, check_score, learning_gain
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.training import Outcome, Period, session_label
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import ArchivedAt, CommandFields, archivers, assign, equal_where_given, get_or_raise, on_days, only_ids, same_as, set_rows

OVERALL = "Overall confidence"
#: why an evaluation from no one that says nothing (no score, comment or follow-up) is refused
NOTHING_GIVEN = ("An anonymous evaluation needs a confidence score, a comment or a follow-up: fill in at least one "
                 "of them, or choose or name the delegate")


@dataclass(frozen=True)
class ScoreFields(CommandFields):
    outcome_number: int  # 0: overall confidence; 1 to n: the course's learning outcomes
    before: int | str | None
    after: int | str | None


@dataclass(frozen=True)
class EvaluationFields(CommandFields):
    session_id: int | None
    delegate_name: str = ""
    email: str = ""
    booking_id: int | None = None
    scores: tuple[ScoreFields, ...] = ()
    comments: str = ""
    delegate_follow_up: str = ""
    delegate_follow_up_on: date | None = None
    manager_follow_up: str = ""
    manager_follow_up_on: date | None = None


@dataclass(frozen=True)
class ScoreDTO:
    outcome_number: int
    outcome: str
    before: int | None
    after: int | None

    @property
    def gain(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class EvaluationDTO(ArchivedAt):
    id: int
    session_id: int
    course_id: int
    course_title: str
    starts_at: datetime
    booking_id: int | None
    delegate_name: str
    scores: tuple[ScoreDTO, ...]
    comments: str
    delegate_follow_up: str
    delegate_follow_up_on: date | None
    manager_follow_up: str
    manager_follow_up_on: date | None
    email: str = ""  # the address the delegate was matched by ('' for a name only, or anonymous)

    @property
    def session_name(self) -> str:
        return session_label(self.course_title, self.starts_at)

    @property
    def name(self) -> str:
        who = self.delegate_name or "an anonymous delegate"
        return f"the evaluation by {who} of {self.session_name}"

    @property
    def gain(self) -> Gain:
        return learning_gain((s.before, s.after) for s in self.scores)

    @property
    def followed_up(self) -> bool:
        return bool(self.delegate_follow_up or self.manager_follow_up)

    @property
    def follow_up(self) -> FollowUp | None:
        """Its 6 to 12 week follow-up; None for an anonymous evaluation (no one to ask)."""
        if not self.delegate_name.strip() and self.booking_id is None:
            return None
        return FollowUp.after(self.starts_at.date(), self.followed_up)

    def to_fields(self) -> EvaluationFields:
        return EvaluationFields(
            self.session_id, self.delegate_name, "", self.booking_id,
            tuple(ScoreFields(s.outcome_number, s.before, s.after) for s in self.scores), self.comments,
            self.delegate_follow_up, self.delegate_follow_up_on, self.manager_follow_up, self.manager_follow_up_on,
        )


#: no evaluation comes from these: a session called off by the partnership never ran
NOT_ATTENDED = (Outcome.NO_SHOW, Outcome.CANCELLED, Outcome.WAITLISTED, Outcome.CALLED_OFF)


def not_attended_problem(delegate: str, outcome: Outcome) -> str:
    """Why an evaluation is refused from a delegate recorded as not attending (a no-show, a
    cancellation, the waiting list, a session called off), or "": the window's words, and the evaluations import's. A
    booking still only booked is not refused: evaluations often come in before the register is
    marked."""
    if outcome in NOT_ATTENDED:
        return f"{delegate} did not attend this session ({outcome.label.lower()}): an evaluation comes from a delegate who did"
    return ""


def keep_evaluated(session: Session, booking: TrainingBooking, outcome: Outcome, session_id: int) -> None:
    """Refuse to mark a booking as not attended (no-show, cancelled, waiting list, or back to
    booked), or to move it to another session, while its delegate's evaluation of the session is
    live: that evaluation could then never be saved again. The officer archives the evaluation first."""
    moving, was = session_id != booking.session_id, Outcome(booking.outcome)
    if not moving and (outcome is Outcome.ATTENDED or outcome is was or was in NOT_ATTENDED):
        return
    found = session.scalar(select(TrainingEvaluation.id).where(
        TrainingEvaluation.booking_id == booking.id, TrainingEvaluation.archived_at.is_(None)))
    if found is None:
        return
    name = evaluations_in(session, [found])[0].name
    first = "archive the evaluation first (Training tab, Evaluations page)"
    if moving:
        raise ValidationError({"session_id": f"The booking cannot move to another session while {name} is on record: "
                                             f"{first}"})
    raise ValidationError({"outcome": f"The booking cannot be marked {outcome.label.lower()} while {name} is on record "
                                      f"(an evaluation comes from a delegate who attended): {first}"})


E = TypeVar("E")  # an evaluation, or a row with its delegate_key, delegate_name, booking_id and archived_at


@dataclass(frozen=True)
class _Named:
    """An evaluation on record as `matching_booking` reads a booking: its address is in its key."""

    evaluation: Any

    delegate_key = same_as("evaluation.delegate_key")
    delegate_name = same_as("evaluation.delegate_name")

    @property
    def email(self) -> str:
        return email_of_key(self.evaluation.delegate_key)


def same_delegate_evaluation(evaluations: Iterable[E], name: str, email: str, booking_id: int | None = None) -> E | None:
    """The evaluation (a record, or a row of its columns), of one session's, by the delegate
    named (`name`, `email`), by the rule a row finds a delegate's booking (`matching_booking`:
    the same address, else the same name, any case, accents and spacing, where one of the two
    has no address): a live one first. One of another booking than `booking_id` is of another
    delegate."""
    eligible = [e for e in evaluations if booking_id is None or e.booking_id in (None, booking_id)]
    for among in ([e for e in eligible if e.archived_at is None], eligible):
        found = matching_booking([_Named(e) for e in among], name, email)
        if found is not None:
            return found.evaluation
    return None


def outcome_names(outcomes: Sequence[str]) -> list[str]:
    """Index 0 is overall confidence; 1 to n the course's learning outcomes."""
    return [OVERALL, *outcomes]


def _check(session: Session, f: EvaluationFields, record_id: int | None) -> tuple[dict, list[tuple[int, int | None, int | None]]]:
    c = Checker()
    row = session.get(TrainingSession, f.session_id) if f.session_id is not None else None
    if row is None:
        c.add("session_id", "Choose the session" if f.session_id is None else "Choose the session from the list")
    outcomes: list[str] = []
    if row is not None:
        course = session.get(TrainingCourse, row.course_id)
        outcomes = outcome_names([o for o in course.learning_outcomes.split("\n") if o])
    scores: dict[int, tuple[int | None, int | None]] = {}
    for s in f.scores:
        if not isinstance(s, ScoreFields) or s.outcome_number is None:
            c.add("scores", "Each score needs the learning outcome it rates")
            continue
        if row is not None and not 0 <= s.outcome_number < len(outcomes):
            c.add("scores", "This course has no learning outcomes: give the overall confidence score only"
                  if len(outcomes) == 1 else f"Learning outcome {s.outcome_number} is not one of this course's "
                                             f"{len(outcomes) - 1} learning outcomes")
            continue
        name = outcomes[s.outcome_number] if row is not None else f"outcome {s.outcome_number}"
        try:
            before = check_score(s.before, f"Before the session ({name})")
            after = check_score(s.after, f"After the session ({name})")
        except ValueError as exc:
            c.add("scores", str(exc))
            continue
        if s.outcome_number in scores:
            c.add("scores", f"'{name}' is scored twice")
        if before is not None or after is not None:
            scores[s.outcome_number] = (before, after)
    name = c.optional("delegate_name", f.delegate_name, "Delegate's name", 200)
    email = c.email("email", f.email) or _address_kept(session, record_id, name)
    booking = None
    if f.booking_id is not None:
        booking = session.get(TrainingBooking, f.booking_id)
        if booking is None or (row is not None and booking.session_id != row.id):
            c.add("booking_id", "Choose a delegate booked on this session")
            booking = None
    if row is not None and row.starts_at.date() > date.today():
        c.add("session_id", f"The session on {format_date(row.starts_at.date())} has not run yet: it is evaluated "
                            "once it has")
    for key, day, label in (("delegate_follow_up_on", f.delegate_follow_up_on, "Delegate replied on"),
                            ("manager_follow_up_on", f.manager_follow_up_on, "Line manager replied on")):
        if day is not None and row is not None and day < row.starts_at.date():
            c.add(key, f"A follow-up ({format_date(day)}) cannot be before the session ({format_date(row.starts_at.date())})")
        elif key not in c.errors:
            c.not_future(key, day, label, date.today())
    values = {
        "session_id": f.session_id,
        "comments": c.optional("comments", f.comments, "Comments", 20000),
        "delegate_follow_up": c.optional("delegate_follow_up", f.delegate_follow_up, "Delegate's follow-up", 20000),
        "delegate_follow_up_on": f.delegate_follow_up_on,
        "manager_follow_up": c.optional("manager_follow_up", f.manager_follow_up, "Line manager's follow-up", 20000),
        "manager_follow_up_on": f.manager_follow_up_on,
    }
    if booking is not None:
        values.update(booking_id=booking.id, delegate_name=booking.delegate_name, delegate_key=booking.delegate_key)
    elif name or email:
        linked = matching_booking(session.scalars(select(TrainingBooking).where(
            TrainingBooking.session_id == f.session_id)), name, email)
        values.update(booking_id=linked.id if linked is not None else None, delegate_name=name or email,
                      delegate_key=delegate_key(name, email))
    else:
        values.update(booking_id=None, delegate_name="")
        if "booking_id" not in c.errors and not scores and not any(
                values[k] for k in ("comments", "delegate_follow_up", "manager_follow_up")):
            c.add("delegate_name", NOTHING_GIVEN)
    came = session.get(TrainingBooking, values["booking_id"]) if values["booking_id"] is not None else None
    if came is not None and (problem := not_attended_problem(came.delegate_name, Outcome(came.outcome))):
        c.add("booking_id" if booking is not None else "delegate_name", problem)  # chosen from the bookings, or named
    if "delegate_key" in values and row is not None:
        _one_evaluation_each(c, session, row.id, record_id, values, came, booking is not None,
                             (booking.delegate_name, booking.email) if booking is not None else (name, email))
    c.raise_if_any()
    return values, [(n, b, a) for n, (b, a) in sorted(scores.items())]


def _address_kept(session: Session, record_id: int | None, name: str) -> str:
    """The address an evaluation on record was made with (an import's), kept when it is saved
    again under the same name without one, as the window shows none: else the delegate would
    lose it, and be taken for a namesake evaluating with another address."""
    saved = session.get(TrainingEvaluation, record_id) if record_id is not None else None
    if saved is None or not name or name_key(saved.delegate_name) != name_key(name):
        return ""
    return _Named(saved).email


def _one_evaluation_each(c: Checker, session: Session, session_id: int, record_id: int | None, values: dict,
                         came: TrainingBooking | None, chosen: bool, named: tuple[str, str]) -> None:
    """A delegate evaluates a session once: not again under the same key, nor for the same
    booking however they were named in it, nor under another spelling of the name, `named`
    (`same_delegate_evaluation`: "jose alvarez" is José Álvarez), whose evaluation is named."""
    others = session.execute(select(TrainingEvaluation.id, TrainingEvaluation.delegate_key,
                                    TrainingEvaluation.delegate_name, TrainingEvaluation.booking_id,
                                    TrainingEvaluation.archived_at)
                             .where(TrainingEvaluation.session_id == session_id,
                                    TrainingEvaluation.id != (record_id or 0))
                             .order_by(TrainingEvaluation.id)).all()
    who = came.delegate_name if came is not None else values["delegate_name"]
    field = "booking_id" if chosen else "delegate_name"  # chosen from the bookings, or named
    same = next((e for e in others if e.delegate_key == values["delegate_key"] or (
        values["booking_id"] is not None and e.booking_id == values["booking_id"])), None)
    same = same or same_delegate_evaluation(others, *named, values["booking_id"])
    if same is None:
        return
    if name_key(same.delegate_name) == name_key(who) and same.delegate_name != who:  # another spelling
        c.add(field, f"{who} is the same delegate as {same.delegate_name} (case, spacing and accents do not "
                     "matter), who has already evaluated this session; edit that evaluation")
    else:
        c.add(field, f"{who} has already evaluated this session; edit that evaluation")


def _set_scores(session: Session, evaluation: TrainingEvaluation, scores: list[tuple[int, int | None, int | None]]) -> None:
    current = {s.outcome_number: s for s in session.scalars(
        select(TrainingScore).where(TrainingScore.evaluation_id == evaluation.id))}
    set_rows(session, current, {n: {"before": b, "after": a} for n, b, a in scores},
             lambda number, **values: TrainingScore(evaluation_id=evaluation.id, outcome_number=number, **values))
    session.flush()


def evaluations_in(session: Session, ids: Sequence[int] | None = None, *, session_id: int | None = None,
                   period: Period | None = None, include_archived: bool = False) -> list[EvaluationDTO]:
    q = (
        select(TrainingEvaluation, TrainingSession.course_id, TrainingSession.starts_at, TrainingCourse.title,
               TrainingCourse.learning_outcomes)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .order_by(TrainingSession.starts_at, TrainingEvaluation.id)
    )
    q = only_ids(q, TrainingEvaluation, ids)
    q = equal_where_given(q, (TrainingEvaluation.session_id, session_id))
    if period is not None:
        q = q.where(*on_days(TrainingSession.starts_at, period.start, period.end))
    if not include_archived and ids is None:
        q = q.where(TrainingEvaluation.archived_at.is_(None), TrainingSession.archived_at.is_(None))
    rows = session.execute(q).all()
    scores: dict[int, list[TrainingScore]] = {}
    eval_ids = [r[0].id for r in rows]
    for start in range(0, len(eval_ids), 900):
        for s in session.scalars(select(TrainingScore).where(TrainingScore.evaluation_id.in_(eval_ids[start:start + 900]))):
            scores.setdefault(s.evaluation_id, []).append(s)
    result = []
    for e, course_id, starts_at, title, outcomes_text in rows:
        names = outcome_names([o for o in outcomes_text.split("\n") if o])
        result.append(EvaluationDTO(
            e.id, e.session_id, course_id, title, starts_at, e.booking_id, e.delegate_name,
            tuple(ScoreDTO(s.outcome_number, names[s.outcome_number] if s.outcome_number < len(names)
                           else f"Outcome {s.outcome_number}", s.before, s.after)
                  for s in sorted(scores.get(e.id, []), key=lambda s: s.outcome_number)),
            e.comments, e.delegate_follow_up, e.delegate_follow_up_on, e.manager_follow_up,
            e.manager_follow_up_on, email_of_key(e.delegate_key), archived_at=e.archived_at,
        ))
    return result


def create_evaluation(db: Database, fields: EvaluationFields) -> EvaluationDTO:
    with db.unit_of_work() as session:
        values, scores = _check(session, fields, None)
        values.setdefault("delegate_key", f"anonymous:{uuid.uuid4().hex}")
        evaluation = TrainingEvaluation(**values)
        session.add(evaluation)
        session.flush()
        _set_scores(session, evaluation, scores)
        return evaluations_in(session, [evaluation.id])[0]


def update_evaluation(db: Database, evaluation_id: int, fields: EvaluationFields) -> EvaluationDTO:
    with db.unit_of_work() as session:
        evaluation = get_or_raise(session, TrainingEvaluation, evaluation_id, "evaluation")
        if fields.session_id != evaluation.session_id:
            raise ValidationError({"session_id": "An evaluation stays with its session; archive it and add it there"})
        values, scores = _check(session, fields, evaluation_id)
        assign(evaluation, values)
        _set_scores(session, evaluation, scores)
        return evaluations_in(session, [evaluation_id])[0]


def _restorable_evaluation(session: Session, record: TrainingEvaluation) -> None:
    """An archived evaluation comes back only as it could be saved: not from a delegate whose
    booking has since been marked a no-show, cancelled or put on the waiting list, nor while
    the same delegate's other evaluation of the session is live."""
    _check(session, evaluations_in(session, [record.id])[0].to_fields(), record.id)


archive_evaluation, restore_evaluation = archivers(TrainingEvaluation, "evaluation", _restorable_evaluation)


def list_evaluations(db: Database, *, session_id: int | None = None, period: Period | None = None,
                     include_archived: bool = False, follow_ups_due_on: date | None = None,
                     overdue_only: bool = False) -> list[EvaluationDTO]:
    """The evaluations of a session or a period; with `follow_ups_due_on`, only those whose
    follow-up is waiting to be made that day (six weeks have passed and none is recorded), or
    with `overdue_only` those past the twelve weeks too."""
    with db.unit_of_work() as session:
        rows = evaluations_in(session, session_id=session_id, period=period, include_archived=include_archived)
    if follow_ups_due_on is None:
        return rows
    waiting = FollowUp.overdue_on if overdue_only else FollowUp.due_on
    return [e for e in rows if e.follow_up is not None and waiting(e.follow_up, follow_ups_due_on)]


@dataclass(frozen=True)
class CourseGain:
    """A course's evaluations in a period: learning gain overall and per learning outcome."""

    course_id: int
    course_title: str
    evaluations: int
    gain: Gain
    by_outcome: tuple[tuple[str, Gain], ...]
    delegate_follow_ups: int
    manager_follow_ups: int


def course_gains(db: Database, period: Period | None = None) -> list[CourseGain]:
    """Learning gain per course (after minus before, averaged over every score with both)."""
    evaluations = list_evaluations(db, period=period)
    by_course: dict[int, list[EvaluationDTO]] = {}
    for e in evaluations:
        by_course.setdefault(e.course_id, []).append(e)
    result = []
    for course_id, items in by_course.items():
        outcomes: dict[int, tuple[str, list]] = {}
        for e in items:
            for s in e.scores:
                outcomes.setdefault(s.outcome_number, (s.outcome, []))[1].append((s.before, s.after))
        result.append(CourseGain(
            course_id, items[0].course_title, len(items),
            learning_gain((s.before, s.after) for e in items for s in e.scores),
            tuple((name, learning_gain(pairs)) for _n, (name, pairs) in sorted(outcomes.items())),
            sum(1 for e in items if e.delegate_follow_up), sum(1 for e in items if e.manager_follow_up),
        ))
    return sorted(result, key=lambda g: alphabetical(g.course_title))
