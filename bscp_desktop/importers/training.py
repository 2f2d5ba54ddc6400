"""Importing bookings from the learning management system (LMS), evaluations and monthly
registrations: every row checked first, then one transaction.

Bookings (template columns, in this order): Course, Session start, Capacity, Delegate, Email,
Job title, Organisation, Booked on, Outcome, Cancelled on.

* Courses and sessions the file names that do not exist are created (the dry run says which),
  unless every row of one is a booking the team moved to another session (or its session's date).
  A new session needs its Capacity; for a session already held, a different Capacity changes it
  (its row counts as updated), unless it is fewer than the places held once the file is in, as
  the window refuses it (`sessions.capacity_problem`). On an archived course or session, or one
  the partnership called off, a row
  that matches the booking held there is left as it is (the report says how many); one that
  would add or change a booking or the capacity is a bad row, as the window refuses such a
  booking: restore it first. The training workbook's outcome of a booking called off ("Called off
  by the partnership") leaves it as it is; given for any other booking, it is a bad row: a session
  is called off whole, on the Sessions page. A course is matched by its title, case, spacing,
  curly quotes and dashes aside (`training_titles`).
* A row for the same delegate (by e-mail, else by name) and session updates that booking; the
  same file imported again changes nothing. A booking remembers the row that last described it
  (`training_bookings_rules.as_corrected`): a row finds that booking first, wherever the team
  moved it, and a value the file still gives as it did then leaves what the team corrected in the
  program as it is (the report says which rows); a value the file changed is taken. A blank
  cell never clears what is held, and a Booked or Waitlisted row never undoes attended or
  no-show marked in the program, nor a Cancelled row attended
  (`training_bookings_rules.register_kept`: the report says so).
* Capacity is enforced as in the window: a new Booked row beyond the places left, or while
  delegates wait for a place, is waitlisted (reported). Attended and No-show are facts and are
  kept. A cancellation needs its date (on or before the session), which decides if it was late.
  A place the file frees while delegates wait is given by no one but the team: the report names
  who is first on the waiting list to be offered it (`importers.training_notes`).
* The organisation is matched to the organisation records by name, short name or a saved other
  name; names that do not match are kept as typed and listed in the report. A name of an
  organisation archived in Memberships links to it, and the report says the bookings count for it.

Evaluations: one row per delegate and learning outcome (Learning outcome is the number in the
course's list, its words, or blank for overall confidence), for sessions already recorded.
Evaluations and registrations are read in `importers.training_evaluations`.

The training workbook's Bookings and Evaluations sheets import again: Session starts is Session
start, and Organisation (as booked) the organisation (not Organisation, the name it matched).
Late cancellation is worked out from Cancelled on (a cancellation on record, of the same date, keeps
what it was marked under the notice of its day); reasons, follow-ups and waivers are not read,
and a waiver on record is cleared when a row changes the booking's charge, as in the window.
A row's dates, with those its booking keeps, are checked as the booking window checks them.

A file from another LMS whose headings differ is read with the columns the team chose for it, or
with those saved for such files (`importers.training_columns`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from sqlalchemy import bindparam, or_, select

from bscp_desktop.db import bulk
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from bscp_desktop.domain.dates import format_datetime
from bscp_desktop.domain.delegates import matching_booking, rows_sharing_a_booking
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.training import Outcome, is_late_cancellation
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import Progress, Table
from bscp_desktop.importers.training_booking_rows import BookingRow, CellReader, parse_booking
from bscp_desktop.importers.training_bookings_rules import as_corrected, as_imported, booking_values, memory_prefix, readdressed, register_kept, register_notes, remembered_key, row_key
from bscp_desktop.importers.training_columns import AS_BOOKED, BOOKING_FIELDS, FIELDS, fields_for  # noqa: F401 - re-exported
from bscp_desktop.importers.training_evaluations import import_evaluations, import_registrations
from bscp_desktop.importers.training_notes import TEMPLATE_NOTES, FreePlaces, booking_notes, correction_notes, waiting_after  # noqa: F401 - the template notes, re-exported
from bscp_desktop.importers.training_titles import title_key
from bscp_desktop.services.common import assign
from bscp_desktop.services.training import settings as training_settings
from bscp_desktop.services.training.booking_checks import already_booked, check_booking_dates, closed_problem
from bscp_desktop.services.training.bookings import place_outcome
from bscp_desktop.services.training.called_off import called_off_in
from bscp_desktop.services.training.evaluations import keep_evaluated
from bscp_desktop.services.training.sessions import capacity_problem

WRITE_CHUNK = 5000
UPDATE_CHUNK = 500


# ------------------------------------------------------------------ bookings


@dataclass
class _SessionPlan:
    key: tuple[str, datetime]
    course_title: str
    id: int | None
    capacity: int | None
    course_exists: bool = True
    capacity_row: int | None = None
    new_capacity: int | None = None
    rows: list[BookingRow] = field(default_factory=list)
    closed: str = ""  # why no booking is made or changed on it (the course or the session is archived)
    called_off: bool = False  # the partnership called the session off
    unneeded: bool = False  # not on record, and every row of it is a booking on another session: not created
    free_places: FreePlaces = field(default_factory=FreePlaces)  # once the import is done


def import_bookings(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    total = len(table.rows)
    columns = set(table.columns)
    if {"_as_booked", "organisation"} <= columns:
        report.notes.append(f"{AS_BOOKED.label} is read as each delegate's organisation, not Organisation (the name matched in Memberships).")
    with db.unit_of_work() as session:
        rows: list[BookingRow] = []
        today = date.today()  # one day for every row, however long the file takes to check
        read = CellReader()
        for i, (number, cells) in enumerate(table.rows):
            if i % 500 == 0:
                progress(i, total, f"Checking row {i + 1:,} of {total:,}…")
            row, errors = parse_booking(number, cells, columns, today, read)
            if errors:
                report.refuse_row(number, errors)
            else:
                rows.append(row)
        plans = _plan_sessions(session, rows, report)
        for session_id in sorted({p.id for p in plans.values() if p.id is not None}):
            # as a booking made in the window meanwhile does: places are decided one at a time
            decide_alone(session, f"training session {session_id} places")
        existing = _existing_bookings(session, [p.id for p in plans.values() if p.id is not None])
        repeats = _check_repeats(rows, report)
        decisions = _decide(session, plans, existing, _remembered(session, plans), report, repeats)
        if report.bad_rows:
            raise ImportRejected(report)
        booking_notes(report, plans, decisions, dry_run, _archived_organisations(session, decisions))
        report.notes.extend(register_notes(decisions))
        report.notes.extend(correction_notes(decisions))
        if not dry_run:
            _write_bookings(session, plans, decisions, progress)


def _archived_organisations(session, decisions: list[_Decision]) -> dict[int, str]:
    """The names of the organisations archived in Memberships that the rows link to, by id."""
    ids = {d.values["organisation_id"] for d in decisions if d.values["organisation_id"] is not None}
    if not ids:
        return {}
    return dict(session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(ids), Organisation.archived_at.is_not(None))).all())


def _plan_sessions(session, rows: list[BookingRow], report: ImportReport) -> dict[tuple[str, datetime], _SessionPlan]:
    courses: dict[str, tuple[int, str, bool]] = {}
    for course_id, title, archived_at in session.execute(
        select(TrainingCourse.id, TrainingCourse.title, TrainingCourse.archived_at)
        .order_by(TrainingCourse.archived_at.is_not(None))
    ):
        courses.setdefault(title_key(title), (course_id, title, archived_at is not None))  # a live course first
    wanted_courses = {courses[k][0] for k in {r.session_key[0] for r in rows} if k in courses}
    sessions: dict[tuple[int, datetime], tuple[int, int, bool]] = {}
    if wanted_courses:
        for sid, cid, starts_at, capacity, archived_at in session.execute(
            select(TrainingSession.id, TrainingSession.course_id, TrainingSession.starts_at, TrainingSession.capacity,
                   TrainingSession.archived_at)
            .where(TrainingSession.course_id.in_(wanted_courses)).order_by(TrainingSession.archived_at.is_not(None))
        ):
            sessions.setdefault((cid, starts_at), (sid, capacity, archived_at is not None))  # a live session first
    named = {sessions[(courses[k][0], start)][0] for k, start in {r.session_key for r in rows}
             if k in courses and (courses[k][0], start) in sessions}
    called_off = called_off_in(session, sorted(named)) if named else {}  # one query for the file's sessions
    plans: dict[tuple[str, datetime], _SessionPlan] = {}
    for row in rows:
        plan = plans.get(row.session_key)
        if plan is None:
            course = courses.get(row.session_key[0])
            found = sessions.get((course[0], row.start)) if course else None
            plan = _SessionPlan(row.session_key, course[1] if course else row.course,
                                found[0] if found else None, found[1] if found else None, course is not None)
            if (course and course[2]) or (found and (found[2] or found[0] in called_off)):
                # archived, or called off by the partnership: rows that would change it are bad (`_decide`)
                plan.closed = _closed(session, course, found, row.start)
                plan.called_off = found is not None and found[0] in called_off
            plans[row.session_key] = plan
        plan.rows.append(row)
        if plan.closed or row.capacity is None:
            continue
        if plan.capacity_row is not None and plan.new_capacity != row.capacity:
            report.bad_rows.append(
                f"Row {row.number}: Capacity {row.capacity} differs from {plan.new_capacity} on row "
                f"{plan.capacity_row} for the same session ({row.course}, {format_datetime(row.start)})."
            )
            continue
        plan.capacity_row, plan.new_capacity = row.number, row.capacity
    return plans


def _check_new_sessions(plans, found: dict[int, TrainingBooking | None], report: ImportReport) -> None:
    """A session of the file not on record is created only for the rows that make new bookings
    on it: rows that are all bookings the team moved to another session (`_by_memory`) need no
    session there, nor its Capacity. One to be created needs its Capacity."""
    for plan in plans.values():
        if plan.id is not None or plan.closed:
            continue
        plan.unneeded = all(found[id(r)] is not None for r in plan.rows)
        if not plan.unneeded and plan.new_capacity is None:
            first = next(r for r in plan.rows if found[id(r)] is None)
            report.bad_rows.append(
                f"Row {first.number}: Capacity is empty, and {first.course} has no session on "
                f"{format_datetime(first.start)} yet: give the number of places to create it."
            )


def _closed(session, course: tuple[int, str, bool], found: tuple[int, int, bool] | None, start: datetime) -> str:
    """Why a row cannot book on the session, as the window says it (`closed_problem`), after
    the column it comes from: the course is archived, or the session is, or it was called off."""
    row = session.get(TrainingSession, found[0]) if found else TrainingSession(course_id=course[0], starts_at=start)
    checker = Checker()
    closed_problem(checker, session, row)
    return f"{'Course' if course[2] else 'Session start'}: {checker.errors['session_id']}"


def _existing_bookings(session, session_ids: list[int]) -> dict[int, dict[str, TrainingBooking]]:
    found: dict[int, dict[str, TrainingBooking]] = {}
    for start in range(0, len(session_ids), 500):
        for b in session.scalars(select(TrainingBooking).where(TrainingBooking.session_id.in_(session_ids[start:start + 500]))):
            found.setdefault(b.session_id, {})[b.delegate_key] = b
    return found


def _remembered(session, plans) -> dict[tuple[str, str, str], tuple[TrainingBooking, datetime]]:
    """The bookings the file's sessions last described (`as_imported`), wherever the team has
    moved them since, by the row they remember, with the start of the session each is on now."""
    prefixes = [memory_prefix(*key).replace("!", "!!").replace("%", "!%").replace("_", "!_") for key in plans]
    found: dict[tuple[str, str, str], tuple[TrainingBooking, datetime]] = {}
    for start in range(0, len(prefixes), 100):
        query = (select(TrainingBooking, TrainingSession.starts_at)
                 .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
                 .where(or_(*(TrainingBooking.imported_as.like(p + "%", escape="!") for p in prefixes[start:start + 100])))
                 .order_by(TrainingBooking.archived_at.is_not(None), TrainingBooking.id))  # a live one first
        for booking, starts_at in session.execute(query):
            if (key := remembered_key(booking)) is not None:
                found.setdefault(key, (booking, starts_at))
    return found


def _by_memory(plans, existing, memory) -> dict[int, TrainingBooking | None]:
    """The booking each row describes: the one it last described (`_remembered`), unless another
    row of the file is that booking's own on its session; else the one on its session (`_match`)."""
    matched = {id(r): _match(existing.get(p.id, {}), r) if p.id is not None else None
               for p in plans.values() for r in p.rows}
    if memory:
        rows = [r for p in plans.values() for r in p.rows]
        claimed = {b.id: id(r) for r in rows if (b := matched[id(r)]) is not None}
        for r in rows:
            found = memory.get(row_key(r))
            if found is not None and claimed.get(found[0].id, id(r)) == id(r):
                matched[id(r)] = found[0]
    return matched


def _check_repeats(rows: list[BookingRow], report: ImportReport) -> set[int]:
    """Rows naming a delegate an earlier row on the same session already names, by the rule a
    row finds a booking (`matching_booking`: the same address, else the same name, in any case,
    accents and spacing, where one of the two has none), are bad rows. Returns their numbers."""
    # the earlier rows on each session by their delegate's key and by their name (`name_key`): only
    # those of the row's key or name can be the one it matches, so they alone are asked. A row with
    # an address matches one of its name only if that one has none, so the names of rows with an
    # address are compared (and put by name, from `unnamed`) only once a row without one is there
    seen: dict[tuple[str, datetime], tuple[dict[str, list[BookingRow]], dict[str, list[BookingRow]], list[BookingRow]]] = {}
    repeats: set[int] = set()
    for row in rows:
        found = seen.get(row.session_key)
        if found is None:
            found = seen[row.session_key] = (defaultdict(list), defaultdict(list), [])
        by_key, by_name, unnamed = found
        named = None
        if not row.email:  # any earlier row of its name can be the one it matches
            for other in unnamed:
                by_name[name_key(other.name)].append(other)
            unnamed.clear()
            named = name_key(row.name)
        elif by_name:  # every row without an address is there
            named = name_key(row.name)
        alike = [*by_key.get(row.delegate_key, ()), *(by_name.get(named, ()) if named is not None else ())]
        earlier = matching_booking(sorted({r.number: r for r in alike}.values(), key=lambda r: r.number),
                                   row.name, row.email) if alike else None
        if earlier is None:
            by_key[row.delegate_key].append(row)
            (unnamed if named is None else by_name[named]).append(row)
            continue
        repeats.add(row.number)
        if earlier.delegate_key == row.delegate_key:
            who = row.email or row.name
            report.bad_rows.append(f"Row {row.number}: Repeats row {earlier.number} ({who} on the same session).")
        elif not row.email and not earlier.email:  # the names differ only where names are not told apart
            report.bad_rows.append(
                f"Row {row.number}: Repeats row {earlier.number} on the same session: '{row.name}' on row {row.number} "
                f"is the same delegate as '{earlier.name}' on row {earlier.number} (case, spacing and accents do not "
                "matter): give the delegate one row.")
        else:
            report.bad_rows.append(
                f"Row {row.number}: Repeats row {earlier.number} ({row.name} on the same session, "
                f"{'with' if row.email else 'without'} an e-mail address here and "
                f"{'with' if earlier.email else 'without'} one there): give the delegate one row.")
    return repeats


@dataclass
class _Decision:
    row: BookingRow
    booking: TrainingBooking | None  # the booking it updates, or None for a new one
    values: dict
    changed: bool
    waitlisted: bool = False
    archived: bool = False  # the booking it matches is archived: left as it is
    closed: bool = False  # on an archived course or session, as held there: left as it is
    moved: bool = False  # the team moved its booking to another session: it holds no place on this one
    kept: tuple[str, ...] = ()  # the values corrected in the program that stand (`as_corrected`)
    replaced: tuple[str, ...] = ()  # those the file's new values replace
    memory: str = ""  # what the booking then remembers of the row (`as_imported`)
    kept_over: Outcome | None = None  # the row's outcome, given way to the register marked in the program
    called_off: bool = False  # its booking stays called off: the partnership called its session off
    readdressed: bool = False  # the learning management system changed its delegate's address (`readdressed`)
    waiting_ahead: int = 0  # put on the waiting list behind these delegates, though a place is free

    @property
    def register_kept(self) -> bool:
        """The row says Booked; the register in the program says more (`booking_notes`)."""
        return self.kept_over is Outcome.BOOKED and not self.called_off


def _match(existing: dict[str, TrainingBooking], row: BookingRow) -> TrainingBooking | None:
    """The booking on the session this row describes (`matching_booking`)."""
    found = existing.get(row.delegate_key)
    return found if found is not None or not existing else matching_booking(existing.values(), row.name, row.email)


def _decide(session, plans, existing, memory, report: ImportReport, repeats: set[int]) -> list[_Decision]:
    settings = training_settings.settings_in(session)
    closures = training_settings.closure_dates(session)
    matcher = training_settings.matcher_in(session)

    @cache  # one import's answers, gone with it
    def late(cancelled_on: date, day: date) -> bool:
        return is_late_cancellation(cancelled_on, day, settings.late_cancellation_days, closures)

    @cache
    def organisation_id(name: str) -> int | None:
        return training_settings.matched_id(matcher, name)

    decisions: list[_Decision] = []
    found = _by_memory(plans, existing, memory)
    new_address = readdressed(plans, existing, found)
    found.update(new_address)
    _check_new_sessions(plans, found, report)
    starts = {b.id: starts_at for b, starts_at in memory.values()}
    for plan in plans.values():
        first_decision = len(decisions)
        current = existing.get(plan.id, {}) if plan.id is not None else {}
        if current:  # else every row is a new booking, matching none on record (or one moved from it)
            _one_row_per_booking([r for r in plan.rows if r.number not in repeats], found, report)
        rows, matched, merged = [], {}, {}  # each row as it applies to its booking (`as_corrected`)
        for r in plan.rows:
            b = found[id(r)]
            moved = b is not None and b.session_id != plan.id
            row, kept, replaced = as_corrected(r, b, starts.get(b.id) if moved else None)
            rows.append(row)
            matched[id(row)], merged[id(row)] = b, {"moved": moved, "kept": kept, "replaced": replaced, "memory": as_imported(r),
                                                    "readdressed": id(r) in new_address}
        in_file = {b.id for b in matched.values() if b is not None}
        capacity = plan.new_capacity or plan.capacity or 0
        held = sum(1 for b in current.values() if b.id not in in_file and b.archived_at is None
                   and Outcome(b.outcome).holds_place)  # the places the file leaves as they are
        waiting = _still_waiting(current, rows, matched) if current else []
        cancelled_here = {b.id for r in rows if (b := matched[id(r)]) is not None and r.outcome is Outcome.CANCELLED
                          and not register_kept(Outcome(b.outcome), r.outcome)} if in_file else set()
        # rows that keep a place they hold, or record attendance, go before claims on places; of
        # those, delegates already waiting go first, in their turn on the waiting list
        order = sorted(rows, key=lambda r, m=matched: _turn(r, m[id(r)]))
        for row in order:
            booking = matched[id(row)]
            if booking is not None and booking.archived_at is not None:  # the team took it out: left as it is
                values = booking_values(row, booking, Outcome(booking.outcome), late, organisation_id)
                decisions.append(_Decision(row, booking, values, False, archived=True))
                _refuse_on_closed(plan, row, False, report)
                continue
            old = Outcome(booking.outcome) if booking is not None else None
            if row.called_off and old is not Outcome.CALLED_OFF:  # the workbook's word for a booking called off
                report.bad_rows.append(f"Row {row.number}: Outcome '{Outcome.CALLED_OFF.label}' is recorded for a whole "
                                       "session, on the Sessions page (Call off session…), not for one booking: give "
                                       "the booking's own outcome.")
                continue
            kept_over = row.outcome if register_kept(old, row.outcome) else None  # the register marked here is kept
            wanted = old if kept_over else row.outcome or old or Outcome.BOOKED
            waitlisted, ahead, moved = False, 0, merged[id(row)]["moved"]
            if moved and wanted is Outcome.BOOKED and not old.holds_place:
                wanted = old  # a place on the session the team moved the booking to is theirs to give
            elif wanted is Outcome.BOOKED:  # as the window decides: the places held, then those waiting
                wanted, full, ahead = place_outcome(wanted, old, capacity, lambda h=held: h, lambda w=waiting: len(w))
                waitlisted = full and old is not Outcome.WAITLISTED
                if old is Outcome.WAITLISTED and any(_queued(w) < _queued(booking) for w in waiting):
                    wanted = Outcome.WAITLISTED  # the place is offered to those before them on the list first
                if wanted is Outcome.WAITLISTED:
                    waiting.append(booking)
            if wanted.holds_place and not moved:
                held += 1
            values = booking_values(row, booking, wanted, late, organisation_id)
            changed = booking is None or any(getattr(booking, k) != v for k, v in values.items())
            called_off = old is Outcome.CALLED_OFF and wanted is Outcome.CALLED_OFF
            if plan.closed:  # a row as held is left as it is; one that would change it is refused
                _refuse_on_closed(plan, row, changed, report)
                decisions.append(_Decision(row, booking, values, False, kept_over=kept_over, closed=True,
                                           called_off=called_off))
                continue
            if booking is not None:  # the row's dates with those the booking keeps, as the window checks them
                _check_kept_dates(row, booking, values, report)
                _check_evaluated(session, row, booking, wanted, report)
                if old is Outcome.CANCELLED and wanted is not Outcome.CANCELLED and not moved:
                    _check_booked_again(row, booking, current, cancelled_here, report)
            decisions.append(_Decision(row, booking, values, changed, waitlisted, kept_over=kept_over, waiting_ahead=ahead,
                                       called_off=called_off, **merged[id(row)]))
        # a capacity changed is checked as the window checks it, against the places held once the file is in
        if plan.id is not None and plan.capacity_row is not None and capacity != plan.capacity and (
                problem := capacity_problem(capacity, held)):
            report.bad_rows.append(f"Row {plan.capacity_row}: Capacity {capacity} is too few for {plan.course_title}, "
                                   f"{format_datetime(plan.key[1])}: {problem}.")
        if not plan.closed and not plan.unneeded:  # no place on an archived session, or one not created, is offered
            plan.free_places = _free_places(capacity - held, current, in_file, decisions[first_decision:])
    decisions.sort(key=lambda d: d.row.number)
    return decisions


def _refuse_on_closed(plan: _SessionPlan, row: BookingRow, changed: bool, report: ImportReport) -> None:
    """A row on an archived course or session that would add or change a booking, or the capacity, is a bad row."""
    if plan.closed and (changed or row.capacity not in (None, plan.capacity)):
        report.bad_rows.append(f"Row {row.number}: {plan.closed}, then import again.")


def _check_booked_again(row: BookingRow, booking: TrainingBooking, current: dict[str, TrainingBooking],
                        cancelled_here: set[int], report: ImportReport) -> None:
    """A cancelled booking a row books again is refused, in the window's words (`already_booked`),
    while the delegate holds another live booking on the session that the file does not cancel."""
    others = sorted((b for b in current.values() if b.id != booking.id and b.archived_at is None
                     and b.outcome != Outcome.CANCELLED.value and b.id not in cancelled_here), key=lambda b: b.id)
    same = matching_booking(others, row.name, row.email)
    if same is not None:
        report.refuse_row(row.number, [already_booked(row.name, same)])


def _check_kept_dates(row: BookingRow, booking: TrainingBooking, values: dict, report: ImportReport) -> None:
    """A booking updated from a row keeps dates the booking window accepts (a row booked after
    the cancellation on record is a bad row): else it could no longer be cancelled or followed up."""
    c = Checker()
    check_booking_dates(c, Outcome(values["outcome"]), values["booked_on"], values["cancelled_on"],
                        booking.followed_up_on, date.today())
    if c.errors:
        report.refuse_row(row.number, c.errors.values())


def _check_evaluated(session, row: BookingRow, booking: TrainingBooking, outcome: Outcome, report: ImportReport) -> None:
    """A booking whose delegate's evaluation of the session is live is not marked not attended
    (no-show, cancelled, waiting list) from a row, as the booking window refuses it
    (`keep_evaluated`): the row is a bad row, in the window's words."""
    try:
        keep_evaluated(session, booking, outcome, booking.session_id)
    except ValidationError as refused:
        report.refuse_row(row.number, refused.errors.values())


def _free_places(free: int, current: dict[str, TrainingBooking], in_file: set[int], decisions: list[_Decision]) -> FreePlaces:
    """The places free on a session once the import is done, and the delegates then waiting:
    those on record the file leaves as they are, and those it leaves or puts on the list."""
    waiting = [waiting_after(b.id, 0, b.booked_on, b.delegate_name) for b in current.values()
               if b.id not in in_file and b.archived_at is None and b.outcome == Outcome.WAITLISTED.value]
    waiting += [waiting_after(d.booking.id if d.booking is not None else None, d.row.number, d.values["booked_on"],
                              d.values["delegate_name"])
                for d in decisions if not d.archived and not d.moved and d.values["outcome"] == Outcome.WAITLISTED.value]
    return FreePlaces(free, waiting)


def _one_row_per_booking(rows: list[BookingRow], matched: dict[int, TrainingBooking | None], report: ImportReport) -> None:
    """Two delegates of one name (told apart by their e-mail addresses, or one without) must not
    both update the one booking of that name made without an address: the second would overwrite
    the first. Which of them it is, the team says (its address, in the window)."""
    for earlier, row, booking in rows_sharing_a_booking(sorted(rows, key=lambda r: r.number), lambda r: matched[id(r)]):
        report.bad_rows.append(
            f"Row {row.number}: This delegate ({row.email or 'no e-mail address'}) and the one on row "
            f"{earlier.number} ({earlier.email or 'no e-mail address'}) both match the booking of "
            f"{booking.delegate_name}, which has no e-mail address: give that booking its delegate's "
            "address in the Training tab, then import again.")


def _still_waiting(current: dict[str, TrainingBooking], rows: list[BookingRow], matched: dict) -> list:
    """The live bookings waiting that the file leaves waiting: not in it, or with no outcome or Waitlisted."""
    row_of = {b.id: r for r in rows if (b := matched[id(r)]) is not None}
    return [b for b in current.values() if b.archived_at is None and b.outcome == Outcome.WAITLISTED.value
            and (b.id not in row_of or row_of[b.id].outcome in (None, Outcome.WAITLISTED))]


def _queued(booking: TrainingBooking | None) -> tuple[date, int]:
    """A booking's turn on the waiting list (`first_on_waitlist`); one new in this file comes last."""
    return (booking.booked_on, booking.id) if booking is not None else (date.max, 0)


def _turn(row: BookingRow, booking: TrainingBooking | None) -> tuple:
    claims = _claims_a_place(row, booking)
    queued = claims and booking is not None and booking.outcome == Outcome.WAITLISTED.value
    return claims, not queued, _queued(booking) if queued else (date.min, 0), row.number


def _claims_a_place(row: BookingRow, booking: TrainingBooking | None) -> bool:
    held = booking is not None and Outcome(booking.outcome).holds_place
    wanted = row.outcome or (Outcome(booking.outcome) if booking is not None else Outcome.BOOKED)
    return wanted is Outcome.BOOKED and not held


def _write_bookings(session, plans, decisions: list[_Decision], progress: Progress) -> None:
    courses = {title_key(t): cid for cid, t in session.execute(select(TrainingCourse.id, TrainingCourse.title)
                                                                 .where(TrainingCourse.archived_at.is_(None)))}
    for cid, t in session.execute(select(TrainingCourse.id, TrainingCourse.title)):
        courses.setdefault(title_key(t), cid)
    session_ids: dict[tuple[str, datetime], int] = {}
    new_courses: dict[str, TrainingCourse] = {}
    plans = {key: plan for key, plan in plans.items() if not plan.unneeded}  # those to create or change
    for plan in plans.values():
        if plan.id is None and plan.key[0] not in courses and plan.key[0] not in new_courses:
            new_courses[plan.key[0]] = TrainingCourse(title=plan.course_title)
    session.add_all(new_courses.values())
    session.flush()  # once for every new course
    courses.update({key: course.id for key, course in new_courses.items()})
    new_sessions: dict[tuple[str, datetime], dict] = {}
    for plan in plans.values():
        if plan.id is None:
            new_sessions[plan.key] = {"course_id": courses[plan.key[0]], "starts_at": plan.key[1],
                                      "capacity": plan.new_capacity}
        else:
            session_ids[plan.key] = plan.id
            if plan.new_capacity and plan.new_capacity != plan.capacity:
                session.get(TrainingSession, plan.id).capacity = plan.new_capacity
    ids = bulk.add_new(session, TrainingSession, list(new_sessions.values()))  # in bulk too: a year has hundreds
    session_ids.update(zip(new_sessions, ids, strict=True))
    total = len(decisions)
    new = [{"session_id": session_ids[d.row.session_key], **d.values, "imported_as": d.memory}
           for d in decisions if d.booking is None]
    changed = [d for d in decisions if d.booking is not None and d.changed]
    _remember(session, [d for d in decisions if d.booking is not None and not d.changed and not (d.archived or d.closed)])
    done = 0
    for start in range(0, len(new), WRITE_CHUNK):
        chunk = new[start:start + WRITE_CHUNK]
        bulk.add_new(session, TrainingBooking, chunk)  # with the change history, in bulk
        done += len(chunk)
        progress(done, total, f"Saving {done:,} of {total:,}…")
    for d in changed:
        assign(d.booking, d.values)
        d.booking.imported_as = d.memory
        done += 1
        if done % UPDATE_CHUNK == 0:
            session.flush()
            progress(done, total, f"Saving {done:,} of {total:,}…")
    session.flush()
    progress(total, total, "Saving…")


def _remember(session, unchanged: list[_Decision]) -> None:
    """What the rows that change nothing gave their bookings, remembered (`as_imported`) without
    a change of the bookings themselves: no one's save of one is then taken for a later change."""
    table = TrainingBooking.__table__
    remember = [{"booking": d.booking.id, "memory": d.memory} for d in unchanged if d.booking.imported_as != d.memory]
    for start in range(0, len(remember), WRITE_CHUNK):
        session.execute(table.update().where(table.c.id == bindparam("booking")).values(imported_as=bindparam("memory")),
                        remember[start:start + WRITE_CHUNK])


IMPORTERS = {"bookings": import_bookings, "evaluations": import_evaluations, "registrations": import_registrations}

SHEETS = {"bookings": "Bookings", "evaluations": "Evaluations", "registrations": "Registrations"}
