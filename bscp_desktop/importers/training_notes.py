"""What the report of a bookings import says besides its bad rows: the rows added, updated and
left as they were, the courses and sessions created, the capacities changed, the bookings left
as they are (archived, or on an archived course or session) or put on the waiting list, the organisation names not matched, those of
organisations archived in Memberships (the bookings count for them), and the places free on a
session while delegates wait for one; and the notes of the training import templates.

A place the import frees (a cancellation, or the places raised) is not given by the import:
as in the window, it is offered to the first delegate on the waiting list
(`services.training.bookings.offer_for`), and the team gives it from the session's waiting list.
The report names who that is, for each session still to run. A row put on the waiting list while
delegates wait for a free place is told its turn on the list in the window's order
(`services.training.waiting_list`: by the date it was booked, then as entered), the order the
delegates named for the free places follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bscp_desktop.domain.dates import format_datetime
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.training import WaitingDelegate, first_on_waitlist
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import listed
from bscp_desktop.services.training.waiting_list import WaitingTurn, in_turn

WHERE_TO_OFFER = "Training tab, Bookings, Waiting list: Give the place"
NAMED = 8  # the delegates a note names; then how many more


@dataclass
class FreePlaces:
    """A session's places free and delegates waiting once the import is done."""

    free: int = 0
    waiting: list[WaitingDelegate] = field(default_factory=list)

    def first_waiting(self, how_many: int) -> list[str]:
        """The names of the delegates to be offered places, in their turn (`first_on_waitlist`)."""
        left, names = list(self.waiting), []
        while left and len(names) < how_many:
            first = first_on_waitlist(left)
            left.remove(first)
            names.append(first.name)
        return names


# a booking new in the file waits behind those on record (its number is given when it is saved)
NEW_BOOKING = 1 << 62


def waiting_after(booking_id: int | None, row_number: int, booked_on: date, name: str) -> WaitingDelegate:
    """A delegate on the waiting list once the import is done, in their turn on it."""
    return WaitingDelegate(booking_id if booking_id is not None else NEW_BOOKING + row_number, booked_on, name)


def booking_notes(report: ImportReport, plans, decisions: list, dry_run: bool,
                  archived_organisations: dict[int, str] | None = None) -> None:
    """Counts the rows into `report` and adds its notes. `plans` are the sessions of the file
    (`importers.training._SessionPlan`), `decisions` what each row does (`_Decision`), and
    `archived_organisations` the names, by id, of those archived in Memberships that rows name."""
    changed_capacity = [p for p in plans.values() if p.id is not None and p.new_capacity and p.new_capacity != p.capacity]
    capacity_rows = {p.capacity_row for p in changed_capacity}
    for d in decisions:
        if d.booking is None:
            report.added += 1
        elif d.changed or d.row.number in capacity_rows:  # the row changed its session's places
            report.updated += 1
        else:
            report.unchanged += 1
    verb = "Would create" if dry_run else "Created"
    new_courses = sorted({p.course_title for p in plans.values() if not p.course_exists and not p.unneeded},
                         key=str.casefold)
    new_sessions = [f"{p.course_title}, {format_datetime(p.key[1])}" for p in plans.values()
                    if p.id is None and not p.unneeded]
    if new_courses:
        report.notes.append(f"{verb} {counted(len(new_courses), 'course')}: {listed(new_courses)}.")
    if new_sessions:
        report.notes.append(f"{verb} {counted(len(new_sessions), 'session')}: {listed(new_sessions, separator='; ')}.")
    if changed_capacity:
        report.notes.append(f"Capacity changed for {counted(len(changed_capacity), 'session')}: "
                            + listed([f"{p.course_title}, {format_datetime(p.key[1])} to {p.new_capacity:,}" for p in changed_capacity],
                                     separator="; ") + ".")

    def rows(ds: list) -> str:
        return f"{len(ds):,} row{'s' if len(ds) != 1 else ''} ({listed([str(d.row.number) for d in ds], 12)})"

    archived = [d for d in decisions if d.archived]
    if archived:
        report.notes.append(
            f"{rows(archived)} match{'' if len(archived) != 1 else 'es'} "
            f"{'bookings' if len(archived) != 1 else 'a booking'} archived in the program: left as "
            f"{'they are' if len(archived) != 1 else 'it is'} (restore {'them' if len(archived) != 1 else 'it'} "
            "to update from the file)."
        )
    called_off = [d for d in decisions if d.called_off]
    if called_off:
        many = len(called_off) != 1
        report.notes.append(f"{rows(called_off)} {'are' if many else 'is'} for a session the partnership called off: "
                            f"{'those bookings stay' if many else 'that booking stays'} called off.")
    for on_called_off, where in ((False, "on archived courses or sessions"),
                                 (True, "on sessions the partnership called off")):
        closed = [d for d in decisions if d.closed and not d.called_off
                  and plans[d.row.session_key].called_off is on_called_off]
        if closed:
            many = len(closed) != 1
            report.notes.append(
                f"{rows(closed)} {where} match{'' if many else 'es'} the "
                f"booking{'s' if many else ''} held there: left as {'they are' if many else 'it is'}."
            )
    kept = [d for d in decisions if d.register_kept]
    if kept:
        report.notes.append(
            f"{rows(kept)} say{'' if len(kept) != 1 else 's'} Booked for "
            f"{'delegates' if len(kept) != 1 else 'a delegate'} the register in the program already marks "
            f"attended or no-show: the register is kept."
        )
    waitlisted = [d for d in decisions if d.waitlisted]
    if waitlisted:
        report.notes.append(
            f"{len(waitlisted):,} booking{'s' if len(waitlisted) != 1 else ''} beyond the places on the session "
            f"{'were' if len(waitlisted) != 1 else 'was'} put on the waiting list "
            f"(row{'s' if len(waitlisted) != 1 else ''} {listed([str(d.row.number) for d in waitlisted], 12)})."
        )
    report.notes.extend(_queued_note(plans[d.row.session_key], d, decisions, dry_run) for d in decisions if d.waiting_ahead)
    report.notes.extend(_free_places(plans, dry_run))
    unmatched = sorted({d.values["organisation_name"] for d in decisions
                        if d.values["organisation_name"] and d.values["organisation_id"] is None}, key=str.casefold)
    if unmatched:
        report.notes.append(
            f"{len(unmatched):,} organisation name{'s' if len(unmatched) != 1 else ''} did not match an organisation "
            f"and {'are' if len(unmatched) != 1 else 'is'} kept as typed (link them in the Training tab, "
            f"Organisations): {listed(unmatched)}."
        )
    report.notes.extend(_archived_organisation_notes(decisions, archived_organisations or {}, dry_run))


#: The values of a row, as the file heads them, for the notes on corrections made in the program.
_HEADINGS = {"session": "Session start", "name": "Delegate", "email": "Email", "job_title": "Job title",
             "organisation": "Organisation", "booked_on": "Booked on", "outcome": "Outcome", "cancelled_on": "Cancelled on"}


def correction_notes(decisions: list) -> list[str]:
    """The rows whose bookings keep what the team corrected in the program, as the file still
    says what it said at the last import, and those whose new values from the learning
    management system replace such corrections (`training_bookings_rules.as_corrected`): each
    named by its row, delegate and the columns concerned."""
    notes = []
    kept = [d for d in decisions if d.kept]
    if kept:
        notes.append("Corrections made in the program are kept, as the file still says what it said at the last "
                     f"import: {_rows_named(kept, lambda d: d.kept)}.")
    replaced = [d for d in decisions if d.replaced and d.changed]
    if replaced:
        notes.append("The file's new values are taken in place of corrections made in the program, as the learning "
                     f"management system has changed them since: {_rows_named(replaced, lambda d: d.replaced)}.")
    readdressed = [d for d in decisions if d.readdressed and d.changed and "email" not in d.replaced]
    if readdressed:
        notes.append("New e-mail addresses in the file are taken for delegates already booked, as the learning "
                     f"management system has changed them: {_rows_named(readdressed, lambda d: ('email',))}.")
    return notes


def _rows_named(decisions: list, fields) -> str:
    """'row 3 (Bob Best: Session start, Outcome), row 5 (...)', the first twelve, then how many more."""
    order = list(_HEADINGS)
    return listed([f"row {d.row.number} ({d.row.name}: "
                   f"{', '.join(_HEADINGS[f] for f in sorted(fields(d), key=order.index))})" for d in decisions], 12)


def _key(d) -> int:
    """The decision's delegate on the waiting list once the import is done (`waiting_after`)."""
    return waiting_after(d.booking.id if d.booking is not None else None, d.row.number, d.values["booked_on"], "").booking_id


def _queued_note(plan, d, decisions: list, dry_run: bool) -> str:
    """A row put on the waiting list while delegates wait for a free place, as the window says
    it: its turn on the list once the import is done (`WaitingTurn`). Those the file puts on
    the list after it (rows further down, told their own turn) are not said to be behind it."""
    head = (f"Row {d.row.number}: {d.waiting_ahead:,} delegate{'s are' if d.waiting_ahead != 1 else ' is'} already "
            f"waiting for a place on {plan.course_title}, {format_datetime(d.row.start)}: {d.row.name} "
            f"{'would join' if dry_run else 'joins'} the waiting list")
    me, queue = _key(d), [w.booking_id for w in in_turn(plan.free_places.waiting)]
    turn = WaitingTurn.of(plan.free_places.waiting, me)
    later = {_key(o) for o in decisions if o.row.session_key == d.row.session_key and o.row.number > d.row.number
             and (o.waiting_ahead or o.waitlisted)}
    if turn is None or all(k in later for k in queue[queue.index(me) + 1:]):  # behind every delegate already waiting
        return f"{head} behind them: the free place is to be offered to the first delegate waiting."
    who = f"{d.row.name} first" if turn.first else "the first delegate waiting"
    return f"{head} {turn.words}: the free place is to be offered to {who}."


def _archived_organisation_notes(decisions: list, archived: dict[int, str], dry_run: bool) -> list[str]:
    """For each organisation archived in Memberships that rows link their bookings to (not as
    linked before): the bookings count for it, as in the window."""
    rows_of: dict[str, list[int]] = {}
    for d in decisions:
        org = d.values["organisation_id"]
        if org in archived and not d.archived and (d.booking is None or d.booking.organisation_id != org):
            rows_of.setdefault(archived[org], []).append(d.row.number)
    notes = []
    for name, numbers in sorted(rows_of.items(), key=lambda item: item[0].casefold()):
        many = len(numbers) != 1
        verb = "would count" if dry_run else ("count" if many else "counts")
        notes.append(f"{name} is archived in Memberships: the booking{'s' if many else ''} {verb} for it "
                     f"(row{'s' if many else ''} {listed([str(n) for n in numbers], 12)}).")
    return notes


def _free_places(plans, dry_run: bool) -> list[str]:
    """For each session still to run with places free and delegates waiting once the import is
    done: how many, and who is first to be offered them (a place on a session that has run is
    no one's to take)."""
    now = datetime.now()
    notes = []
    for plan in plans.values():
        places: FreePlaces = plan.free_places
        if places.free <= 0 or not places.waiting or plan.key[1] <= now:
            continue
        free, waiting = places.free, len(places.waiting)
        offered = min(free, waiting)
        names = places.first_waiting(min(offered, NAMED))
        more = f" and {offered - len(names):,} more" if offered > len(names) else ""
        who = ", ".join(names) + more if more else " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        be = "would be" if dry_run else ("are" if free != 1 else "is")
        notes.append(
            f"{plan.course_title}, {format_datetime(plan.key[1])}: {free:,} place{'s' if free != 1 else ''} {be} free "
            f"and {waiting:,} delegate{'s wait' if waiting != 1 else ' waits'} for one. The import gives no one a "
            f"place: offer {'it' if offered == 1 else 'them'} to {who}, first on the waiting list ({WHERE_TO_OFFER})."
        )
    return notes


TEMPLATE_NOTES = {
    "bookings": [
        "Bookings: one row per delegate per session, as the learning management system exports them.",
        "Course, Session start and Delegate are required. Session start is dd/mm/yyyy HH:MM (or an Excel date "
        "and time). Capacity is needed the first time a session appears, to create it.",
        "Outcome: Booked, Waitlisted, Attended, No-show or Cancelled (blank is Booked). A cancellation needs "
        "Cancelled on, which decides whether it was late.",
        "Courses and sessions not yet recorded are created. A row for a delegate (by e-mail, else by name) "
        "already booked on the session updates that booking, so importing the same file again adds nothing. "
        "A Booked row leaves attended or no-show marked in the program as it is.",
        "A booking corrected in the program (moved to another session, or its details changed) keeps the "
        "corrections when the file still says what it said before; a value the file changes is taken.",
        "A new Booked row goes on the waiting list when the session is full, or when delegates already wait for a place, "
        "as in the window. The waiting list is in the order of Booked on (then as entered): the report says each row's "
        "turn on it.",
        "A place a cancellation or more places frees is not given by the import: the report names who is first on "
        "the waiting list to be offered it.",
        "A course or session archived in the program takes no new or changed bookings: restore it first. Rows "
        "matching the bookings held there are left as they are.",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
    "evaluations": [
        "Evaluations: one row per delegate and learning outcome, for sessions already recorded.",
        "Learning outcome: the number of the outcome in the course's list, or its words; blank for overall "
        "confidence. Before and After are confidence scores from 1 to 5.",
        "Comments and the follow-ups (6 to 12 weeks later, from the delegate and their line manager) can be "
        "on any of the delegate's rows.",
        "An evaluation archived in the program is left as it is. A course or session archived in the program takes "
        "no new or changed evaluations: restore it first.",
        "Importing the same file again adds nothing. If any row has a problem, nothing is imported.",
    ],
    "registrations": [
        "Registrations: new accounts on the learning management system, one row per month (April 2024, Apr-24 "
        "or 04/2024).",
        "Importing a month again replaces its number.",
    ],
}
