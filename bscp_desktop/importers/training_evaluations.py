"""Importing training evaluations (one row per delegate and learning outcome, for sessions
already recorded) and monthly registrations on the learning management system: every row
checked first, then one transaction. Bookings are in `importers.training`, which names every
training import.

As with bookings, an evaluation archived in the program is left as it is (a live one of the same
delegate is matched before it), and on an archived course or session an evaluation as held is
left as it is while one the file would add or change is a bad row on each of its rows: restore
the course or session first. The counts of the report are of evaluations, not rows.

A row names its delegate by Delegate or Email. The training workbook's Evaluations sheet gives an
anonymous evaluation (no delegate) its number in the program, Anonymous evaluation, by which its
rows find it again; an anonymous evaluation is added in the window, not by a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from bscp_desktop.db.models.training import TrainingCourse, TrainingEvaluation, TrainingRegistrations, TrainingScore, TrainingSession
from bscp_desktop.domain.dates import format_datetime, parse_date_as_typed, parse_datetime_as_typed, parse_time_as_typed
from bscp_desktop.domain.delegates import delegate_key, matching_booking
from bscp_desktop.domain.evaluations import check_score
from bscp_desktop.domain.training import Outcome, session_label
from bscp_desktop.domain.validation import clean_email, email_problem, whole_number
from bscp_desktop.importers.evaluation_bookings import ANONYMOUS_KEY, find_bookings, refuse_booked_elsewhere, unbooked_note
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import EXCEL_MOMENT_HINT, FieldSpec, Progress, Table, cell_date, cell_value, excel_serial, listed
from bscp_desktop.importers.training_titles import title_key
from bscp_desktop.services.common import assign
from bscp_desktop.services.training.evaluations import OVERALL, not_attended_problem, same_delegate_evaluation
from bscp_desktop.services.training.figures import MOST_REGISTRATIONS, month_not_begun

#: The heading of the session's start on the Bookings and Evaluations sheets of the training
#: workbook (`export xlsx --area training`), so the program's own sheets import again.
SESSION_STARTS = "Session starts"
#: The session's time, when the file gives it apart from the date (as many LMS exports do).
SESSION_TIME = FieldSpec("_time", "Session time", ("start time", "time"))
#: The training workbook's number of an anonymous evaluation held in the program, on the rows
#: that give neither Delegate nor Email, so that its rows are found again (no template has it).
ANONYMOUS = FieldSpec("_anonymous", "Anonymous evaluation")
#: Said of a time of day Excel keeps as a number (0.395833 for 09:30), in a column not formatted as times.
EXCEL_TIME_HINT = ("(this looks like a time stored as an Excel number: format the column as a time in Excel and "
                   "save again)")
_EXCEL_TIME = re.compile(r"0?\.[0-9]+")
#: A Before or After cell saying the delegate gave no score ("N/A", a dash): read as a blank one.
_NO_SCORE = frozenset({"n/a", "na", "n.a.", "not applicable", "-", "\u2013", "\u2014"})


class SessionTimeError(ValueError):
    """A Session time cell that is no time: the message names the column."""


EVALUATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("course", "Course", ("course title", "course name", "event", "event name"), required=True),
    FieldSpec("start", "Session start", ("start", "session date", "start date", "date", "session", SESSION_STARTS),
              required=True),
    FieldSpec("delegate", "Delegate", ("name", "delegate name", "learner", "attendee", "respondent")),
    FieldSpec("email", "Email", ("e-mail", "email address", "e-mail address")),
    FieldSpec("outcome", "Learning outcome", ("outcome", "learning outcome number", "question", "objective")),
    FieldSpec("before", "Before", ("pre", "pre course", "confidence before", "before score", "pre score")),
    FieldSpec("after", "After", ("post", "post course", "confidence after", "after score", "post score")),
    FieldSpec("comments", "Comments", ("comment", "feedback", "any other comments")),
    FieldSpec("delegate_follow_up", "Delegate follow-up", ("delegate follow up", "follow-up delegate",
                                                           "what changed in practice")),
    FieldSpec("manager_follow_up", "Manager follow-up", ("manager follow up", "line manager follow-up",
                                                         "line manager follow up", "follow-up manager")),
    SESSION_TIME,
    ANONYMOUS,
)

LABELS = {spec.key: spec.label for spec in EVALUATION_FIELDS}
#: The longest text each column may hold (the evaluation's window and service allow the same).
_LONGEST = {"delegate": 200, "comments": 20000, "delegate_follow_up": 20000, "manager_follow_up": 20000}

REGISTRATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("month", "Month", ("date", "period"), required=True),
    FieldSpec("count", "Registrations", ("new registrations", "new accounts", "accounts", "count", "number"),
              required=True),
)


# An LMS export repeats the same few dates and times on thousands of rows: each is read once
# (the answer depends on the text alone; a ValueError is not kept, so a bad cell is reported on
# every row that has it).
@lru_cache(maxsize=4096)
def session_start(text: str, time_text: str) -> datetime:
    """A session's start from its Session start cell and its Session time cell (blank when the
    start gives the time): a date alone is refused, not read as a session at midnight, and so
    is a start whose own time the Session time cell contradicts (which is right cannot be told).
    A number Excel keeps a date and time as (46266.395833), in a column not formatted as dates, is
    refused saying how to make dates of it, as a date column's whole number is (`cell_date`); a
    Session time cell that is no time, naming that column (`_session_time`)."""
    try:
        start = parse_datetime_as_typed(text)
    except ValueError as exc:
        if excel_serial(text, fraction=True):
            raise ValueError(f"{exc} {EXCEL_MOMENT_HINT}") from exc
        raise
    if time_text and start.time() == time(0, 0):
        start = datetime.combine(start.date(), _session_time(time_text))
    elif time_text:
        if _session_time(time_text) != start.time():
            raise ValueError(f"'{' '.join(str(text).split())}' gives {start:%H:%M} but {SESSION_TIME.label} gives "
                             f"'{time_text.strip()}': give the session's time in one of them, or the same time in both")
    elif not time_text and isinstance(text, str) and _a_date_alone(text):  # not a session at midnight
        raise ValueError(f"'{text.strip()}' has no time: give the time the session starts too (dd/mm/yyyy HH:MM)")
    return start


def _session_time(text: str) -> time:
    """A Session time cell's time; `SessionTimeError` naming the column, with the hint a date
    column's Excel number gets for a time of day Excel keeps as a number."""
    try:
        return parse_time_as_typed(text)
    except ValueError as exc:
        hint = (EXCEL_TIME_HINT if _EXCEL_TIME.fullmatch(text.strip()) else
                EXCEL_MOMENT_HINT if excel_serial(text, fraction=True) else "")
        raise SessionTimeError(" ".join(filter(None, [f"{SESSION_TIME.label}: {exc}", hint]))) from exc


def start_problem(exc: ValueError, text: str, empty: str = "Session start is empty") -> str:
    """A row's problem with the session's start that `session_start` refused: the column it is in
    named (`empty` when Session start is blank)."""
    return str(exc) if isinstance(exc, SessionTimeError) else f"Session start: {exc}" if text else empty


def _a_date_alone(text: str) -> bool:
    try:
        parse_date_as_typed(" ".join(text.split()))
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ evaluations


def _outcome_number(text: str, outcomes: list[str]) -> int | None:
    """0 for blank or overall confidence; 1 to n by number or words; None when unknown."""
    cleaned = title_key(text).rstrip(".")
    if not cleaned or cleaned in (OVERALL.casefold(), "overall"):
        return 0
    if cleaned.isdecimal():  # not isdigit: "²" is a digit that int() cannot read
        number = int(cleaned)
        return number if 0 <= number <= len(outcomes) else None
    for number, words in enumerate(outcomes, start=1):
        if title_key(words).rstrip(".") == cleaned:
            return number
    return None


@dataclass
class _Evaluation:
    session_id: int
    key: str
    name: str
    first_row: int
    email: str = ""
    named: str = ""  # the delegate's name as the row gives it (`name` is the address without one)
    booking: Any = None  # the delegate's booking on the session (`evaluation_bookings.find_bookings`), if any
    rows: list[int] = field(default_factory=list)  # the numbers of its rows in the file
    scores: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    scored_on: dict[int, int] = field(default_factory=dict)  # the row giving each outcome's scores
    texts: dict[str, list[str]] = field(default_factory=lambda: {"comments": [], "delegate_follow_up": [],
                                                                   "manager_follow_up": []})

    @property
    def delegate_key(self) -> str:  # as `matching_booking` reads a booking, to find one of the file's again
        return self.key

    @property
    def delegate_name(self) -> str:
        return self.named


def import_evaluations(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    total = len(table.rows)
    with db.unit_of_work() as session:
        courses: dict[str, tuple[int, str, bool]] = {}  # by title: id, title, archived
        for cid, title, archived_at in session.execute(select(TrainingCourse.id, TrainingCourse.title, TrainingCourse.archived_at)
                                                       .order_by(TrainingCourse.archived_at.is_not(None))):
            courses.setdefault(title_key(title), (cid, title, archived_at is not None))  # a live course first
        sessions: dict[tuple[int, datetime], tuple[int, str, bool]] = {}  # id, learning outcomes, archived
        for sid, cid, starts_at, outcomes, archived_at in session.execute(
                select(TrainingSession.id, TrainingSession.course_id, TrainingSession.starts_at,
                       TrainingCourse.learning_outcomes, TrainingSession.archived_at)
                .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
                .order_by(TrainingSession.archived_at.is_not(None))):
            sessions.setdefault((cid, starts_at), (sid, outcomes, archived_at is not None))  # a live session first
        closed: dict[int, str] = {}  # session id: why its evaluations are not added or changed
        anonymous = _anonymous_held(session, table)
        evaluations: dict[tuple[int, str], _Evaluation] = {}
        for i, (number, cells) in enumerate(table.rows):
            if i % 500 == 0:
                progress(i, total, f"Checking row {i + 1:,} of {total:,}…")
            errors: list[str] = []
            course, start_text = cell_value(cells, "course"), cell_value(cells, "start")
            found = None
            try:
                start = session_start(start_text, cell_value(cells, "_time"))
                held = courses.get(title_key(course))
                if held is None:
                    errors.append(_no_course(course))
                else:
                    found = sessions.get((held[0], start))
                    if found is None and held[2]:  # its bookings are refused too until it is restored
                        errors.append(_closed(held[1], start, course_archived=True))
                    elif found is None:
                        errors.append(f"{course} has no session on {format_datetime(start)}; import the bookings first")
                    elif start.date() > date.today():
                        errors.append(f"The session on {format_datetime(start)} has not run yet: it is evaluated "
                                      "once it has")
                        found = None
                    if found is not None and (held[2] or found[2]):
                        closed[found[0]] = _closed(held[1], start, course_archived=held[2])
            except ValueError as exc:
                if title_key(course) not in courses:  # a course left blank or not on record is named too
                    errors.append(_no_course(course))
                errors.append(start_problem(exc, start_text))
            name, email = cell_value(cells, "delegate"), clean_email(cells.get("email", ""))  # as the window keeps it
            unnamed = ""  # the key of the anonymous evaluation a row naming no delegate gives the number of
            if not name and not email:
                unnamed = _anonymous_key(cells, found[0] if found is not None else None, anonymous, errors)
            if problem := email_problem(email):
                errors.append(problem)
            for key, most in _LONGEST.items():  # as the evaluation's window allows
                if len(cell_value(cells, key)) > most:
                    errors.append(f"{LABELS[key]} is too long ({len(cell_value(cells, key)):,} characters; at most {most:,})")
            number_of_outcome = 0
            if found is not None:
                outcomes = [o for o in found[1].split("\n") if o]
                number_of_outcome = _outcome_number(cell_value(cells, "outcome"), outcomes)
                if number_of_outcome is None:
                    choices = "; ".join(f"{n} {o}" for n, o in enumerate(outcomes, start=1)) or "none"
                    errors.append(f"Learning outcome '{cell_value(cells, 'outcome')}' is not one of the course's "
                                  f"(leave it blank for overall confidence; the course lists: {choices})")
            scores = (_score(cells, "before", errors), _score(cells, "after", errors))  # each bad one named
            if errors:
                report.refuse_row(number, errors)
                continue
            key = unnamed or delegate_key(name, email)
            evaluation = evaluations.setdefault((found[0], key), _Evaluation(found[0], key, name or email, number,
                                                                             email, name))
            if scores != (None, None):
                if number_of_outcome in evaluation.scores:
                    report.bad_rows.append(f"Row {number}: {_scored_again(evaluation, number_of_outcome, scores)}.")
                    continue
                evaluation.scores[number_of_outcome] = scores
                evaluation.scored_on[number_of_outcome] = number
            evaluation.rows.append(number)
            too_long = []
            for text_key, kept in evaluation.texts.items():
                value = cell_value(cells, text_key)
                if value and value not in kept:
                    joined = len("\n".join([*kept, value]))
                    if joined > _LONGEST[text_key]:  # the delegate's rows together, as one evaluation holds them
                        too_long.append(f"{LABELS[text_key]} with row {evaluation.first_row}'s is too long "
                                        f"({joined:,} characters together; at most {_LONGEST[text_key]:,})")
                    else:
                        kept.append(value)
            if too_long:
                report.refuse_row(number, too_long)
        find_bookings(session, evaluations)
        _one_evaluation_per_delegate(evaluations, report)
        _refuse_the_absent(evaluations, report)
        plans = _plan_evaluations(session, evaluations, closed, report)
        refuse_booked_elsewhere(session, plans, report)
        if report.bad_rows:
            raise ImportRejected(report)
        _evaluation_notes(report, plans)
        unbooked_note(report, plans)
        if not dry_run:
            _write_evaluations(session, plans)


def _anonymous_held(session, table: Table) -> dict[int, tuple[int, str]]:
    """The anonymous evaluations on record that the file's rows give the number of (Anonymous
    evaluation, on a row naming no delegate): {number: (session id, key)}."""
    numbers = set()
    for _number, cells in table.rows:
        if not cell_value(cells, "delegate") and not cell_value(cells, "email"):
            try:
                numbers.add(whole_number(cell_value(cells, ANONYMOUS.key)))
            except ValueError:
                continue  # a blank or bad number is said on its row
    wanted, held = sorted(numbers), {}
    for start in range(0, len(wanted), 500):
        for eid, sid, key in session.execute(
                select(TrainingEvaluation.id, TrainingEvaluation.session_id, TrainingEvaluation.delegate_key)
                .where(TrainingEvaluation.id.in_(wanted[start:start + 500]))):
            if key.startswith(ANONYMOUS_KEY):
                held[eid] = (sid, key)
    return held


def _anonymous_key(cells: dict[str, str], session_id: int | None, held: dict[int, tuple[int, str]],
                   errors: list[str]) -> str:
    """The key of the anonymous evaluation on record a row naming no delegate gives the number
    of (the training workbook's Anonymous evaluation), so importing the workbook again finds it
    as it is; a row with no number, or one of no anonymous evaluation of its session, is a bad row."""
    text = cell_value(cells, ANONYMOUS.key)
    if not text:
        errors.append("Give the Delegate or the Email, so the evaluation can be matched again (an anonymous "
                      "evaluation is added in the Training tab: New evaluation)")
        return ""
    try:
        number = whole_number(text)
    except ValueError:
        number = None
    found = held.get(number) if number is not None else None
    if found is None or found[0] != session_id:
        if session_id is not None:  # else the row's session is said already
            errors.append(f"{ANONYMOUS.label} '{text}' is not the number of an anonymous evaluation of this session "
                          "held in the program: give the Delegate or the Email (an anonymous evaluation is added in "
                          "the Training tab: New evaluation)")
        return ""
    return found[1]


def _scored_again(evaluation: _Evaluation, outcome: int, scores: tuple[int | None, int | None]) -> str:
    """Why a row giving scores for a delegate and learning outcome an earlier row gave them for is refused."""
    earlier = evaluation.scored_on[outcome]
    if evaluation.scores[outcome] == scores:
        return f"Repeats the scores of row {earlier} for the same delegate and learning outcome: keep one of the two rows"

    def shown(given: tuple[int | None, int | None]) -> str:
        return ", ".join(f"{LABELS[key]} {'blank' if score is None else score}" for key, score in zip(("before", "after"), given, strict=True))

    return (f"Gives other scores ({shown(scores)}) for the same delegate and learning outcome as row {earlier} "
            f"({shown(evaluation.scores[outcome])}): give the delegate's scores for it on one row, then import again")


def _score(cells: dict[str, str], key: str, errors: list[str]) -> int | None:
    """The Before or After score of a row; a bad one is added to `errors` (None). "N/A" or a
    dash, as survey exports write a question left unanswered, is no score, as a blank is."""
    text = cell_value(cells, key)
    if text.strip().casefold() in _NO_SCORE:
        return None
    try:
        return check_score(text, LABELS[key])
    except ValueError as exc:
        errors.append(str(exc))
        return None


def _no_course(course: str) -> str:
    return f"There is no course called '{course}'" if course else "Course is empty"


def _closed(title: str, start: datetime, course_archived: bool) -> str:
    """Why no evaluation is added to or changed on a session, after the column it comes from,
    as a row for its bookings is told: the course is archived, or the session is."""
    if course_archived:
        return (f"Course: The course {title} is archived: restore it first (Courses, Show archived) to add or "
                "change its evaluations, then import again")
    return (f"Session start: The session {session_label(title, start)} is archived: restore it first (Sessions, "
            "Show archived) to add or change its evaluations, then import again")


def _one_evaluation_per_delegate(evaluations: dict[tuple[int, str], _Evaluation], report: ImportReport) -> None:
    """One delegate, one evaluation: rows naming the same booking in two ways (with the e-mail
    address and without it, the name spelt with accents and without, or two addresses for a
    booking made without one), or, with no booking, the same delegate by the rule a booking is
    found (`matching_booking`), are a bad row, rather than two evaluations of one delegate."""
    first: dict[int, _Evaluation] = {}
    unbooked: dict[int, list[_Evaluation]] = {}  # by session, the first of each delegate with no booking
    for item in sorted(evaluations.values(), key=lambda e: e.first_row):
        if item.booking is None:
            earlier = matching_booking(unbooked.get(item.session_id, ()), item.named, item.email)
            if earlier is None:
                unbooked.setdefault(item.session_id, []).append(item)
                continue
        else:
            earlier = first.setdefault(item.booking.id, item)
            if earlier is item:
                continue
            if item.email and earlier.email:  # two addresses: two delegates of one name
                report.bad_rows.append(
                    f"Row {item.first_row}: This delegate ({item.email}) and the one on row {earlier.first_row} "
                    f"({earlier.email}) both match the booking of {item.booking.delegate_name}, which has no e-mail "
                    "address: give that booking its delegate's address in the Training tab, then import again.")
                continue
        report.bad_rows.append(f"Row {item.first_row}: {_same_delegate(item, earlier)}")


def _same_delegate(item: _Evaluation, earlier: _Evaluation) -> str:
    """How two rows name one delegate: with the address and without it, or (neither with one)
    the name spelt in two ways that names are not told apart by."""
    if item.email or earlier.email:
        whose = f"{item.booking.delegate_name}'s booking" if item.booking is not None else earlier.named or earlier.email
        return (f"Names the same delegate as row {earlier.first_row} ({whose}), once with an e-mail address and once "
                "without: give the address on both rows or on neither.")
    return (f"'{item.named}' on row {item.first_row} is the same delegate as '{earlier.named}' on row "
            f"{earlier.first_row} (case, spacing and accents do not matter): spell the name the same way on both "
            "rows.")


def _refuse_the_absent(evaluations: dict[tuple[int, str], _Evaluation], report: ImportReport) -> None:
    """An evaluation comes from a delegate recorded as attending, as in the window: a row whose
    delegate's booking on the session is still booked (its register not marked), a no-show, a
    cancellation or on the waiting list is a bad row (`not_attended_problem`)."""
    for item in sorted(evaluations.values(), key=lambda e: e.first_row):
        b = item.booking
        if b is not None and b.archived_at is None and (problem := not_attended_problem(b.delegate_name, Outcome(b.outcome))):
            report.refuse_row(item.first_row, [problem])


@dataclass
class _Plan:
    """What the import does with one evaluation of the file."""

    item: _Evaluation
    record: TrainingEvaluation | None  # the evaluation on record it matches, if any
    values: dict[str, str]  # the texts the file gives
    scores: dict[int, TrainingScore]  # the record's scores, by learning outcome
    score_changes: dict[int, tuple[int | None, int | None]]
    action: str  # "add", "update", "unchanged" or "archived" (matches an archived one: left as it is)
    closed: bool = False  # its session, or the session's course, is archived


def _plan_evaluations(session, evaluations: dict[tuple[int, str], _Evaluation], closed: dict[int, str],
                      report: ImportReport) -> list[_Plan]:
    """Each evaluation of the file against the one on record it matches (a live one before an
    archived one): an archived evaluation is left as it is, as an archived booking is; one on
    an archived course or session that the file would add or change is a bad row on each of its rows."""
    existing: dict[tuple[int, str], TrainingEvaluation] = {}
    by_booking: dict[int, TrainingEvaluation] = {}  # a delegate's evaluation, however the file names them
    by_session: dict[int, list[TrainingEvaluation]] = {}  # to find one by another spelling of the name
    session_ids = sorted({sid for sid, _k in evaluations})
    for start in range(0, len(session_ids), 500):
        for e in session.scalars(select(TrainingEvaluation)
                                 .where(TrainingEvaluation.session_id.in_(session_ids[start:start + 500]))
                                 .order_by(TrainingEvaluation.archived_at.is_not(None), TrainingEvaluation.id)):
            existing.setdefault((e.session_id, e.delegate_key), e)  # a live one first
            by_session.setdefault(e.session_id, []).append(e)
            if e.booking_id is not None:
                by_booking.setdefault(e.booking_id, e)
    plans = []
    spelt: dict[int, _Evaluation] = {}  # an evaluation found by another spelling: the first row finding it
    for (sid, key), item in evaluations.items():  # in the order of their first rows
        found = [e for e in (by_booking.get(item.booking.id) if item.booking is not None else None,
                             existing.get((sid, key))) if e is not None]
        if not found and (same := same_delegate_evaluation(by_session.get(sid, ()), item.named, item.email,
                                                           item.booking.id if item.booking is not None else None)):
            found = [same]  # "jose alvarez" in the file is José Álvarez's evaluation, as the window finds it
            if (earlier := spelt.setdefault(same.id, item)) is not item:
                report.bad_rows.append(
                    f"Row {item.first_row}: This delegate ({item.email or item.named}) and the one on row "
                    f"{earlier.first_row} ({earlier.email or earlier.named}) both match the evaluation by "
                    f"{same.delegate_name}, which has no e-mail address: give that evaluation its delegate's "
                    "address in the Training tab, then import again.")
        record = next((e for e in found if e.archived_at is None), found[0] if found else None)
        values = {k: "\n".join(v) for k, v in item.texts.items() if v}
        scores = {}
        if record is not None:
            scores = {s.outcome_number: s for s in session.scalars(
                select(TrainingScore).where(TrainingScore.evaluation_id == record.id))}
        changes = {n: ba for n, ba in item.scores.items() if n not in scores or (scores[n].before, scores[n].after) != ba}
        if record is None:
            action = "add"
        elif record.archived_at is not None:
            action = "archived"
        elif changes or any(getattr(record, k) != v for k, v in values.items()):
            action = "update"
        else:
            action = "unchanged"
        if sid in closed and action in ("add", "update"):
            report.bad_rows.extend(f"Row {number}: {closed[sid]}." for number in item.rows)
        plans.append(_Plan(item, record, values, scores, changes, action, sid in closed))
    return plans


def _evaluation_notes(report: ImportReport, plans: list[_Plan]) -> None:
    """Counts the evaluations into `report` and says what the counts are, and which
    evaluations were left as they are."""
    for plan in plans:
        if plan.action == "add":
            report.added += 1
        elif plan.action == "update":
            report.updated += 1
        else:
            report.unchanged += 1
    if len(plans) != report.rows:
        report.notes.append(f"The counts are of evaluations (one for each delegate and session): the file's "
                            f"{report.rows:,} row{'s' if report.rows != 1 else ''} hold{'s' if report.rows == 1 else ''} "
                            f"{len(plans):,}.")

    def which(chosen: list[_Plan]) -> str:
        numbers = sorted(n for p in chosen for n in p.item.rows)
        many = len(chosen) != 1
        return (f"{len(chosen):,} evaluation{'s' if many else ''} (row{'s' if len(numbers) != 1 else ''} "
                f"{listed([str(n) for n in numbers], 12)})")

    archived = [p for p in plans if p.action == "archived"]
    if archived:
        many = len(archived) != 1
        report.notes.append(f"{which(archived)} match{'' if many else 'es'} {'evaluations' if many else 'an evaluation'} "
                            f"archived in the program: left as {'they are' if many else 'it is'} (restore "
                            f"{'them' if many else 'it'} to update from the file).")
    kept = [p for p in plans if p.closed and p.action == "unchanged"]
    if kept:
        many = len(kept) != 1
        report.notes.append(f"{which(kept)} on archived courses or sessions {'are' if many else 'is'} as held: left as "
                            f"{'they are' if many else 'it is'}.")


def _write_evaluations(session, plans: list[_Plan]) -> None:
    for plan in plans:
        if plan.action not in ("add", "update"):
            continue
        item, row = plan.item, plan.record
        if row is None:
            row = TrainingEvaluation(session_id=item.session_id, delegate_key=item.key, delegate_name=item.name,
                                     booking_id=item.booking.id if item.booking is not None else None, **plan.values)
            session.add(row)
            session.flush()
        else:
            assign(row, plan.values)
        for n, (before, after) in plan.score_changes.items():
            score = plan.scores.get(n)
            if score is None:
                session.add(TrainingScore(evaluation_id=row.id, outcome_number=n, before=before, after=after))
            else:
                assign(score, {"before": before, "after": after})
    session.flush()


# ------------------------------------------------------------------ registrations


def _month(text: str) -> date:
    cleaned = " ".join(text.replace("-", " ").replace("/", " ").split())
    parts = cleaned.split()
    if len(parts) == 2:  # "April 2024", "Apr 2024", "04 2024", "2024 04"; "Apr-24" (Excel's mmm-yy) is 2024
        first, second = parts
        if first.isdigit() and len(first) == 4:
            first, second = second, first
        if second.isdigit() and (len(second) == 4 or (len(second) == 2 and not first.isdigit())):
            try:
                return parse_date_as_typed(f"1 {first} {second}" if not first.isdigit() else f"01/{first}/{second}")
            except ValueError:
                pass
    return cell_date(text).replace(day=1)


def import_registrations(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    with db.unit_of_work() as session:
        existing = {r.month: r for r in session.scalars(select(TrainingRegistrations))}
        seen: dict[date, int] = {}
        changes: list[tuple[date, int]] = []
        for number, cells in table.rows:
            errors = []
            month = None
            try:
                month = _month(cell_value(cells, "month"))
            except ValueError:
                errors.append(f"Month '{cell_value(cells, 'month')}' is not a month; write it as April 2024 or 04/2024")
            if month is not None and month_not_begun(month):
                errors.append(f"{month:%B %Y} has not begun: its registrations are counted once it has")
            raw, count = cell_value(cells, "count"), None
            try:
                count = whole_number(raw) if raw else None
            except ValueError as exc:  # "2,5" is not 25
                errors.append(f"Registrations '{raw}' is not a whole number: {exc}" if str(exc) else
                              f"Registrations '{raw}' is not a whole number from 0 to {MOST_REGISTRATIONS:,}")
            if not raw:
                errors.append("Registrations is empty: give the number of new accounts in the month (0 if none)")
            elif count is not None and count > MOST_REGISTRATIONS:
                errors.append(f"Registrations '{raw}' is not a whole number from 0 to {MOST_REGISTRATIONS:,}")
            if month is not None and month in seen:
                errors.append(f"Repeats row {seen[month]} (the same month)")
            if errors:
                report.refuse_row(number, errors)
                continue
            seen[month] = number
            changes.append((month, count))
        if report.bad_rows:
            raise ImportRejected(report)
        for month, count in changes:
            row = existing.get(month)
            if row is None:
                report.added += 1
                if not dry_run:
                    session.add(TrainingRegistrations(month=month, count=count))
            elif row.count != count:
                report.updated += 1
                if not dry_run:
                    row.count = count
            else:
                report.unchanged += 1
