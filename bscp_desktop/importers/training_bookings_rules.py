"""What a bookings import row makes of the booking it matches (`importers.training`): the
values it gives, with what the booking keeps where the row is blank, the register marked in the
program kept over a status the file still shows from before the session, and a waiver kept only
with the charge it was given for, by the window's rule (`bookings.waiver_kept`).

A booking remembers what the import last gave it (`as_imported`: the row's course, session
start and delegate as matched, and its values). A later row takes the booking's own value where
it still says what it said then, so what the team corrected in the program stands, and the
file's value where it says something else: the learning management system changed it
(`as_corrected`, a three-way merge). A booking with nothing remembered (or what it remembers
damaged) takes the row as it is. A delegate's address changed in that system is found by their
name (`readdressed`), so the booking is updated, not made twice."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from bscp_desktop.domain.delegates import delegate_key
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.training import Outcome, gave_up_a_place
from bscp_desktop.importers.tabular import listed
from bscp_desktop.services.training.bookings import waiver_kept

if TYPE_CHECKING:
    from bscp_desktop.db.models.training import TrainingBooking
    from bscp_desktop.importers.training import _Decision
    from bscp_desktop.importers.training_booking_rows import BookingRow

REGISTER = (Outcome.ATTENDED, Outcome.NO_SHOW)  # what the register marks, after the session

#: The values a row gives that a booking remembers, by the row's field: the booking's own field.
REMEMBERED = {"name": "delegate_name", "email": "email", "job_title": "job_title", "organisation": "organisation_name",
              "booked_on": "booked_on", "outcome": "outcome", "cancelled_on": "cancelled_on"}


def register_kept(held: Outcome | None, given: Outcome | None) -> bool:
    """Whether a row's outcome gives way to the register marked in the program: the booking is
    left as the register says, and the report says so. A learning management system knows
    nothing of the register, so Booked or Waitlisted on a session already marked is its status
    from before the session; and Cancelled for a delegate marked attended is not taken either,
    as they came (perhaps after cancelling): the team changes the booking if the register is
    wrong. Cancelled for a no-show is taken, as the booking window takes it: a cancellation
    made before the session, charged as one (late or not) instead of the no-show. A booking
    called off with its session by the partnership stays called off, whatever the row says."""
    if held is Outcome.CALLED_OFF and given is not None:  # the partnership called the session off: the
        return True  # learning management system knows nothing of that either, and the booking stays so
    if held not in REGISTER or given is None:
        return False
    return given in (Outcome.BOOKED, Outcome.WAITLISTED) or (given is Outcome.CANCELLED and held is Outcome.ATTENDED)


def register_notes(decisions: Iterable[_Decision]) -> list[str]:
    """The report's notes on the rows saying Waitlisted or Cancelled whose bookings were left
    as the register marks them (those saying Booked, `training_notes.booking_notes`)."""
    notes = []
    decisions = list(decisions)
    for given, after in ((Outcome.WAITLISTED, ""),
                         (Outcome.CANCELLED, " (they came; if they did not, change the booking in the Training tab)")):
        kept = [d for d in decisions if d.kept_over is given and not d.called_off]  # called off: `booking_notes`
        if not kept:
            continue
        many = len(kept) != 1
        marks = " or ".join(o.label.lower() for o in REGISTER if any(d.booking.outcome == o.value for d in kept))
        notes.append(f"{len(kept):,} row{'s' if many else ''} ({listed([str(d.row.number) for d in kept], 12)}) "
                     f"say{'' if many else 's'} {given.label} for {'delegates' if many else 'a delegate'} the register "
                     f"in the program already marks {marks}: the register is kept{after}.")
    return notes


def _gave_up(booking: TrainingBooking | None, outcome: Outcome) -> bool:
    """Whether the row's booking holds a place or gave one up (False: it left the waiting list)."""
    if booking is not None and outcome is Outcome.CALLED_OFF:  # as it was when the session was called off
        return booking.gave_up_place
    if booking is None or outcome is not Outcome.CANCELLED:
        return True
    return gave_up_a_place(Outcome(booking.outcome), booking.gave_up_place)


def booking_values(row: BookingRow, booking: TrainingBooking | None, outcome: Outcome,
                   late: Callable[[date, date], bool], organisation_id: Callable[[str], int | None]) -> dict:
    """The booking's values from its row: `late(cancelled_on, session day)` says whether a
    cancellation is late, `organisation_id(name)` which organisation a name matches. A waiver
    on record is cleared when the booking's charge becomes another, as in the window."""
    if booking is None:  # a new booking: the row's values as they are
        email, job_title, organisation = row.email, row.job_title, row.organisation
    else:  # a blank cell keeps what is held
        email, job_title = row.email or booking.email, row.job_title or booking.job_title
        organisation = row.organisation or booking.organisation_name
    cancelled_on = row.cancelled_on if outcome is Outcome.CANCELLED else None
    if outcome in (Outcome.CANCELLED, Outcome.CALLED_OFF) and cancelled_on is None and booking is not None:
        cancelled_on = booking.cancelled_on  # as held (called off: the day the partnership called it off)
    booked_on = row.booked_on or (booking.booked_on if booking is not None else  # as the window: never after cancelled
                                  min(date.today(), row.start.date(), cancelled_on or date.max))
    values = {
        "delegate_name": row.name,
        "email": email,
        "job_title": job_title,
        "organisation_name": organisation,
        "booked_on": booked_on,
        "outcome": outcome.value,
        "cancelled_on": cancelled_on,
        "gave_up_place": _gave_up(booking, outcome),
    }
    if booking is not None and booking.outcome == Outcome.CANCELLED.value and outcome is Outcome.CANCELLED and (
            booking.cancelled_on, booking.gave_up_place) == (cancelled_on, values["gave_up_place"]):
        values["late_cancellation"] = booking.late_cancellation  # as marked under the notice of its day, as the window
    else:
        values["late_cancellation"] = (bool(cancelled_on) and outcome is Outcome.CANCELLED and values["gave_up_place"]
                                       and late(cancelled_on, row.start.date()))
    if booking is not None:
        values.update(waiver_kept(booking, outcome, values["late_cancellation"]))
    if booking is not None and organisation == booking.organisation_name and booking.organisation_id is not None:
        values["organisation_id"] = booking.organisation_id  # as linked before (perhaps by hand)
    else:
        values["organisation_id"] = organisation_id(organisation)
    # the row's own key, worked out as it was read, unless its address is the one kept
    values["delegate_key"] = row.delegate_key if email == row.email else delegate_key(row.name, email)
    return values


def _as_text(value) -> str | None:
    """A row's or a booking's value as remembered: text, a date as yyyy-mm-dd, an outcome as stored."""
    if isinstance(value, Outcome):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


def memory_prefix(course_key: str, start: datetime) -> str:
    """How `as_imported` begins for every row of one session: a later import finds the bookings
    the file's sessions last described by it, wherever the team has moved them since."""
    return '{"key": ' + json.dumps([course_key, start.isoformat()])[:-1] + ", "


def as_imported(row: BookingRow) -> str:
    """What a booking remembers of the row that last described it (`remembered` reads it)."""
    key = [row.session_key[0], row.start.isoformat(), row.delegate_key]
    return json.dumps({"key": key, **{f: _as_text(getattr(row, f)) for f in REMEMBERED}})


def remembered(booking: TrainingBooking | None) -> dict | None:
    """What the import last gave the booking; None when nothing is remembered (made in the
    window, imported before the program remembered it, or not readable: not of the shape
    `as_imported` gives, a key of three texts and each value a text or none)."""
    text = booking.imported_as if booking is not None else None
    try:
        held = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(held, dict) or not isinstance(key := held.get("key"), list) or len(key) != 3:
        return None
    if not all(isinstance(part, str) for part in key):
        return None
    if any(not isinstance(held[name], str | None) for name in REMEMBERED if name in held):
        return None
    return held


def remembered_key(booking: TrainingBooking) -> tuple[str, str, str] | None:
    """The course, session start and delegate of the row that last described the booking."""
    held = remembered(booking)
    return tuple(held["key"]) if held is not None else None  # type: ignore[return-value]


def row_key(row: BookingRow) -> tuple[str, str, str]:
    return row.session_key[0], row.start.isoformat(), row.delegate_key


def readdressed(plans, existing: dict, matched: dict) -> dict[int, TrainingBooking]:
    """The bookings whose delegate's e-mail address the learning management system changed, by
    the row (its id) that gives the new one: a row matching no booking (`matched`), whose
    session holds no booking of its address and exactly one live booking of the delegate's
    name (any case, accents and spacing, as last imported or as held now), last imported with
    another address, which no row of the file gives for that session. Two rows that would both be that booking take neither."""
    found: dict[int, TrainingBooking] = {}
    for plan in plans.values():
        bookings = existing.get(plan.id, {}) if plan.id is not None else {}
        unmatched = [r for r in plan.rows if matched[id(r)] is None and r.email and r.delegate_key not in bookings]
        if not unmatched:
            continue
        given = {r.delegate_key for r in plan.rows}
        claimed = {b.id for r in plan.rows if (b := matched[id(r)]) is not None}
        by_name: dict[str, list[tuple[TrainingBooking, str]]] = defaultdict(list)  # also by the name held now
        for b in (b for b in bookings.values() if b.archived_at is None):
            held = remembered(b) or {}
            address = held["key"][2] if held.get("email") else ""  # as last imported ("": none, or not imported)
            for name in {name_key(held.get("name") or ""), name_key(b.delegate_name)} - {""}:
                by_name[name].append((b, address))
        rows_of: dict[int, list[BookingRow]] = defaultdict(list)
        for r in unmatched:
            same = by_name.get(name_key(r.name), [])
            if len(same) == 1 and (b := same[0][0]).id not in claimed and same[0][1] not in ("", *given):
                rows_of[b.id].append(r)
        for r in (rows[0] for rows in rows_of.values() if len(rows) == 1):
            found[id(r)] = by_name[name_key(r.name)][0][0]
    return found


def as_corrected(row: BookingRow, booking: TrainingBooking | None,
                 start: datetime | None = None) -> tuple[BookingRow, tuple[str, ...], tuple[str, ...]]:
    """The row as it applies to its booking: each value the file still gives as it did at the
    last import is the booking's own (a correction made in the program stands), any other the
    file's. `start` is the session the booking is on, where the team moved it. Returns the row,
    the fields whose corrections are kept and those where the file's new value replaces one."""
    held = remembered(booking)
    if held is None:  # nothing remembered: the row as it is
        return row, (), ()
    changes: dict = {"start": start} if start is not None and start != row.start else {}
    kept, replaced = ["session"] if changes else [], []
    for name, column in REMEMBERED.items():
        given, now = getattr(row, name), getattr(booking, column)
        if name == "outcome":
            if register_kept(Outcome(now), given):  # the register rule decides, and says so
                continue
            now = Outcome(now)
        if name in held and _as_text(given) == held[name]:  # the file says what it said then
            if _as_text(given) != _as_text(now):
                changes[name] = now
                if given not in (None, ""):  # a blank cell keeps what is held anyway
                    kept.append(name)
        elif given not in (None, "") and name in held and _as_text(now) not in (held[name], _as_text(given)):
            replaced.append(name)  # corrected in the program, then changed in the file
    if not changes:
        return row, tuple(kept), tuple(replaced)
    corrected = replace(row, **changes)
    if {"name", "email"} & changes.keys():
        corrected.delegate_key = delegate_key(corrected.name, corrected.email)
    return corrected, tuple(kept), tuple(replaced)
