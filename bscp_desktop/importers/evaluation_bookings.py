"""The bookings behind the evaluations of an evaluations import (`importers.training_evaluations`):
each evaluation's booking on its session, as the window finds it; a new evaluation from a
delegate with no booking on its session who is booked on another session of the same course
is a bad row on each of its rows (the Session start is most likely wrong); and a note naming
the rows of evaluations from delegates booked on no session of the course (walk-ins, whose
evaluations are counted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bscp_desktop.db.models.training import TrainingBooking, TrainingSession
from bscp_desktop.domain.dates import format_datetime
from bscp_desktop.domain.delegates import matching_booking
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import listed

#: The start of the key of an evaluation given by no delegate (`services.training.evaluations`).
ANONYMOUS_KEY = "anonymous:"
#: A booking on another session that says the delegate was meant for that one, not the file's.
_HOLDS_A_PLACE = (Outcome.BOOKED.value, Outcome.ATTENDED.value, Outcome.NO_SHOW.value)
_BOOKING_COLUMNS = (TrainingBooking.id, TrainingBooking.session_id, TrainingBooking.delegate_key,
                    TrainingBooking.delegate_name, TrainingBooking.email, TrainingBooking.outcome,
                    TrainingBooking.archived_at)


def _in_chunks(session, query, column, ids: list[int]):
    """The rows of `query` for `ids` of `column`, 500 at a time."""
    for start in range(0, len(ids), 500):
        yield from session.execute(query.where(column.in_(ids[start:start + 500])))


def find_bookings(session, evaluations: dict) -> None:
    """Each evaluation's booking on its session, as the window finds it (`matching_booking`: the
    same address, else the same name where one of the two has none)."""
    booked: dict[int, list] = {}
    for b in _in_chunks(session, select(*_BOOKING_COLUMNS), TrainingBooking.session_id,
                        sorted({sid for sid, _k in evaluations})):
        booked.setdefault(b.session_id, []).append(b)
    for (sid, _key), item in evaluations.items():
        item.booking = matching_booking(booked.get(sid, ()), item.named, item.email)


def _unbooked(plans: list, actions: tuple[str, ...]) -> list:
    """The plans doing one of `actions` for evaluations naming a delegate with no booking on their session."""
    return [p for p in plans if p.action in actions and p.item.booking is None
            and not p.item.key.startswith(ANONYMOUS_KEY)]


def refuse_booked_elsewhere(session, plans: list, report: ImportReport) -> None:
    """A new evaluation from a delegate with no booking on its session who holds a place on
    another live session of the same course (booked, attended or a no-show) is a bad row on each
    of its rows, naming the session they are booked on: the Session start is to be corrected.
    An evaluation already held is left to the file, as it was taken before."""
    unbooked = _unbooked(plans, ("add",))
    if not unbooked:
        return
    course_of: dict[int, int] = {}
    for sid, cid in _in_chunks(session, select(TrainingSession.id, TrainingSession.course_id), TrainingSession.id,
                               sorted({p.item.session_id for p in unbooked})):
        course_of[sid] = cid
    starts: dict[int, tuple[int, datetime]] = {}  # the live sessions of those courses: course id, start
    for sid, cid, starts_at in _in_chunks(
            session, select(TrainingSession.id, TrainingSession.course_id, TrainingSession.starts_at)
            .where(TrainingSession.archived_at.is_(None)), TrainingSession.course_id, sorted(set(course_of.values()))):
        starts[sid] = (cid, starts_at)
    booked: dict[int, list] = {}
    for b in _in_chunks(session, select(*_BOOKING_COLUMNS).where(TrainingBooking.archived_at.is_(None),
                                                                   TrainingBooking.outcome.in_(_HOLDS_A_PLACE)),
                        TrainingBooking.session_id, sorted(starts)):
        booked.setdefault(b.session_id, []).append(b)
    for plan in sorted(unbooked, key=lambda p: p.item.first_row):
        item = plan.item
        elsewhere = sorted(starts_at for sid, (cid, starts_at) in starts.items()
                           if cid == course_of.get(item.session_id) and sid != item.session_id
                           and matching_booking(booked.get(sid, ()), item.named, item.email) is not None)
        if elsewhere:
            shown = [format_datetime(s) for s in elsewhere]
            when = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
            report.bad_rows.extend(
                f"Row {number}: Session start: {item.named or item.email} is booked on {when}, not this session: "
                "correct the Session start." for number in item.rows)


def unbooked_note(report: ImportReport, plans: list) -> None:
    """Names the rows of the evaluations added or changed from delegates with no booking on
    their session (booked on no session of the course, as those booked on another are refused)."""
    unbooked = _unbooked(plans, ("add", "update"))
    numbers = sorted(n for p in unbooked for n in p.item.rows)
    if not numbers:
        return
    many = len(unbooked) != 1
    report.notes.append(
        f"{counted(len(numbers), 'row')} ({listed([str(n) for n in numbers], 12)}) "
        f"{'are' if len(numbers) != 1 else 'is'} from {'delegates' if many else 'a delegate'} with no booking on "
        f"their session: {'their evaluations are' if many else 'the evaluation is'} counted; add the "
        f"booking{'s' if many else ''} if they attended.")
