"""The checks of a booking before it is saved: its fields, the person chosen from Memberships,
the session (offered: neither archived nor called off by the partnership) and the delegate (not already booked on the session, also
when a cancelled booking is booked again); the dates of a booking, which the bookings import
asks too, and of one restored (with its attendance, on a session moved while it was archived);
the marks of a register before they are saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import versions
from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from bscp_desktop.domain.dates import EARLIEST_YEAR, LATEST_YEAR, format_date
from bscp_desktop.domain.delegates import delegate_key, matching_booking
from bscp_desktop.domain.training import Outcome, session_label
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services.common import CommandFields
from bscp_desktop.services.training.called_off import called_off_on
from bscp_desktop.services.training.settings import OrganisationMatcher, matched_id, matcher_in

NOTES_LONGEST = 10000  # characters of a booking's notes


@dataclass(frozen=True)
class BookingFields(CommandFields):
    session_id: int | None
    delegate_name: str
    email: str = ""
    job_title: str = ""
    organisation_name: str = ""
    organisation_id: int | None = None  # None: matched from organisation_name
    person_id: int | None = None
    booked_on: date | None = None
    outcome: Outcome | str | None = None  # None: booked, or waitlisted when the session is full
    cancelled_on: date | None = None
    non_attendance_reason: str = ""
    followed_up_on: date | None = None
    notes: str = ""


def check_booking_fields(f: BookingFields, today: date | None = None,
                         session_day: date | None = None) -> tuple[Checker, dict]:
    """Checks that need no database: the checker with its errors so far, and clean values. A
    cancellation or a follow-up is recorded once made: neither is dated after `today`; a no-show
    is followed up on or after its session's day (`session_day`, when known)."""
    c = Checker()
    today = today or date.today()
    if f.session_id is None:
        c.add("session_id", "Choose the session")
    try:
        outcome = Outcome.parse(f.outcome) if f.outcome not in (None, "") else None
    except ValueError:
        c.add("outcome", f"'{f.outcome}' is not an outcome; choose one of: {Outcome.choices_text()}")
        outcome = None
    if outcome is Outcome.CALLED_OFF:
        c.add("outcome", "Called off by the partnership is recorded for a whole session, on the Sessions page "
                         "(Call off session…), not for one booking")
    check_booking_dates(c, outcome, f.booked_on, f.cancelled_on, f.followed_up_on, today, session_day)
    values = {
        "delegate_name": c.name("delegate_name", f.delegate_name, "Delegate's name"),  # on one line
        "email": c.email("email", f.email),
        "job_title": c.optional("job_title", " ".join(clean_text(f.job_title).split()), "Job title", 200),
        "organisation_name": c.optional("organisation_name", " ".join(clean_text(f.organisation_name).split()),
                                        "Organisation", 200),
        "non_attendance_reason": c.optional("non_attendance_reason", f.non_attendance_reason,
                                            "Reason for not attending", 5000),
        "notes": c.optional("notes", f.notes, "Notes", NOTES_LONGEST),
        "booked_on": f.booked_on,
        "cancelled_on": f.cancelled_on if outcome is Outcome.CANCELLED else None,
        "followed_up_on": f.followed_up_on,
        "person_id": f.person_id,
        "organisation_id": f.organisation_id,
        "session_id": f.session_id,
    }
    return c, {"values": values, "outcome": outcome}


def check_booking_dates(c: Checker, outcome: Outcome | None, booked_on: date | None, cancelled_on: date | None,
                        followed_up_on: date | None, today: date, session_day: date | None = None) -> None:
    """The dates of a booking, as they will be stored: in the years the program keeps, none in
    the future, a cancellation dated (only a cancellation), each on or after the one before, and
    a no-show followed up on or after its session's day (`session_day`, when known), as an
    evaluation's follow-ups are. The window and the bookings import (on a row's values with what
    the booking keeps) ask it."""
    for field_name, label, value in (("booked_on", "Booked on", booked_on), ("cancelled_on", "Cancelled on", cancelled_on),
                                     ("followed_up_on", "Followed up on", followed_up_on)):
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            c.add(field_name, f"{label} must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    if outcome is Outcome.CANCELLED and cancelled_on is None:
        c.add("cancelled_on", "Enter the date the booking was cancelled (it decides whether the cancellation was late)")
    if outcome is not Outcome.CANCELLED and cancelled_on is not None and outcome is not None:
        c.add("cancelled_on", f"Only a cancelled booking has a cancellation date; this one is {outcome.label.lower()}")
    c.date_order("cancelled_on", booked_on, cancelled_on, "Booked on", "Cancelled on")
    c.not_future("booked_on", booked_on, "Booked on", today)  # a booking is recorded once made
    c.not_future("cancelled_on", cancelled_on, "Cancelled on", today)
    c.not_future("followed_up_on", followed_up_on, "Followed up on", today)
    if outcome is Outcome.CANCELLED:  # a cancellation is followed up once made
        c.date_order("followed_up_on", cancelled_on, followed_up_on, "Cancelled on", "Followed up on")
    c.date_order("followed_up_on", booked_on, followed_up_on, "Booked on", "Followed up on")
    if "followed_up_on" not in c.errors and (problem := follow_up_problem(outcome, followed_up_on, session_day)):
        c.add("followed_up_on", problem)


def follow_up_problem(outcome: Outcome | None, followed_up_on: date | None, session_day: date | None) -> str:
    """Why a booking's follow-up date is refused ('' if it is not): a no-show is followed up (why
    they did not come) once the session has run, never before its day. The booking and
    follow-up windows and the service ask it."""
    if outcome is not Outcome.NO_SHOW or followed_up_on is None or session_day is None or followed_up_on >= session_day:
        return ""
    return f"Followed up on ({format_date(followed_up_on)}) cannot be before the session on {format_date(session_day)}"


def _with_person(session: Session, f: BookingFields, details: bool) -> tuple[BookingFields, str | None]:
    """A blank delegate's name filled from the person chosen from Memberships; with `details`
    (the booking is made, or given another person) a blank e-mail address, job title and
    organisation too. A booking saved again keeps those as they were recorded: the person's
    later move to another organisation does not move the booking, nor its charge."""
    person = session.get(Person, f.person_id)
    if person is None:
        return f, "Choose the person from the list"
    f = replace(f, delegate_name=f.delegate_name.strip() or person.name)
    if not details:
        return f, None
    org = session.get(Organisation, person.organisation_id) if person.organisation_id else None
    org_given = bool(f.organisation_name.strip())
    return replace(
        f,
        email=f.email.strip() or person.email,
        job_title=f.job_title.strip() or person.job_title,
        organisation_name=f.organisation_name if org_given else (org.name if org else ""),
        organisation_id=f.organisation_id if org_given else (f.organisation_id or person.organisation_id),
    ), None


def _booking_key(session: Session, session_id: int, record_id: int | None, values: dict) -> tuple[str, int | None]:
    """The key the booking is kept by on its session, and the other booking already holding it
    (None when free). A delegate is the address, else the name (`delegate_key`); two people
    chosen from Memberships are two delegates even with one name and no address, so the second
    is kept by its person instead."""
    def holder(key: str):
        return session.execute(select(TrainingBooking.id, TrainingBooking.person_id).where(
            TrainingBooking.session_id == session_id, TrainingBooking.delegate_key == key,
            TrainingBooking.id != (record_id or 0))).first()
    key = delegate_key(values["delegate_name"], values["email"])
    found = holder(key)
    if found is not None and _other_person(found.person_id, values["person_id"]):
        key = f"person:{values['person_id']}"
        found = holder(key)
    return key, found.id if found is not None else None


def _other_person(one: int | None, other: int | None) -> bool:
    """Two bookings are of different delegates when each is of a person chosen from
    Memberships, and not the same one."""
    return one is not None and other is not None and one != other


def checked_booking(
    session: Session, f: BookingFields, record_id: int | None, matcher: OrganisationMatcher | None = None
) -> tuple[dict, Outcome | None, TrainingSession]:
    person_problem = None
    current = session.get(TrainingBooking, record_id) if record_id is not None else None
    if current is not None and current.outcome == Outcome.CALLED_OFF.value:
        raise ValidationError({"outcome": f"{current.delegate_name}'s booking was called off with its session by the "
                                          "partnership: reinstate the session first (Sessions, Reinstate session) to "
                                          "change it"})
    if f.person_id is not None:  # the person's details filled in when booked, or booked for another person
        f, person_problem = _with_person(session, f, current is None or current.person_id != f.person_id)
    row = session.get(TrainingSession, f.session_id) if f.session_id is not None else None
    c, checked = check_booking_fields(f, session_day=row.starts_at.date() if row is not None else None)
    values, outcome = checked["values"], checked["outcome"]
    if person_problem:
        c.add("person_id", person_problem)
    if values["session_id"] is not None and row is None:
        c.add("session_id", "Choose the session from the list")
    if values["organisation_id"] is not None and session.get(Organisation, values["organisation_id"]) is None:
        c.add("organisation_id", "Choose the organisation from the list")
    if row is not None and values["booked_on"] is not None and values["booked_on"] > row.starts_at.date():
        c.add("booked_on", f"Booked on ({format_date(values['booked_on'])}) cannot be after the session "
                           f"({format_date(row.starts_at.date())})")
    if row is not None and values["cancelled_on"] is not None and values["cancelled_on"] > row.starts_at.date():
        c.add("cancelled_on", f"Cancelled on ({format_date(values['cancelled_on'])}) is after the session "
                              f"({format_date(row.starts_at.date())}): record it as a no-show")
    if row is not None:
        attendance_problem(c, outcome, row)
    if row is not None and (current is None or current.session_id != row.id):  # booked on it, or moved to it
        closed_problem(c, session, row)
    if row is not None and not c.errors.get("delegate_name"):
        key, clash = _booking_key(session, row.id, record_id, values)
        if clash:
            who = values["email"] or values["delegate_name"]
            archived = session.get(TrainingBooking, clash).archived_at is not None
            c.add("delegate_name", f"{who} already has a booking on this session, archived: show archived bookings "
                                   "and restore it instead" if archived else
                  f"{who} already has a booking on this session; edit that booking instead")
        elif current is None or (current.session_id, current.delegate_key, current.person_id) != (
                row.id, key, values["person_id"]) or (
                current.outcome == Outcome.CANCELLED.value and outcome is not Outcome.CANCELLED):  # booked again
            same_delegate_problem(c, session, row.id, record_id, values)
        values["delegate_key"] = key
    c.raise_if_any()
    if values["organisation_id"] is None and values["organisation_name"]:
        values["organisation_id"] = matched_id(matcher or matcher_in(session), values["organisation_name"])
    # not given: booked today, or on its session's day, but never after it was cancelled or followed up
    values["booked_on"] = values["booked_on"] or min(date.today(), row.starts_at.date(), *(
        when for when in (values["cancelled_on"], values["followed_up_on"]) if when is not None))
    return values, outcome, row


def closed_problem(c: Checker, session: Session, row: TrainingSession) -> None:
    """A booking is made, or moved, only onto a session that is offered: neither it nor its
    course archived, nor the session called off by the partnership."""
    course = session.get(TrainingCourse, row.course_id)
    if course.archived_at is not None:
        c.add("session_id", f"The course {course.title} is archived: restore it first (Courses, Show archived) "
                            "to book on its sessions")
    elif row.archived_at is not None:
        c.add("session_id", f"The session {session_label(course.title, row.starts_at)} is archived: restore it "
                            "first (Sessions, Show archived)")
    elif row.id is not None and (day := called_off_on(session, row.id)) is not None:
        c.add("session_id", f"The session {session_label(course.title, row.starts_at)} was called off by the "
                            f"partnership on {format_date(day)}: reinstate it first (Sessions, Reinstate session)")


def same_delegate_problem(c: Checker, session: Session, session_id: int, record_id: int | None, values: dict) -> None:
    """The delegate already booked on the session under another spelling: by the rule an
    import or an evaluation finds a delegate's booking (`matching_booking`), or as the same
    person from Memberships. A cancelled or archived booking does not count."""
    others = list(session.scalars(select(TrainingBooking).where(
        TrainingBooking.session_id == session_id, TrainingBooking.archived_at.is_(None),
        TrainingBooking.outcome != Outcome.CANCELLED.value, TrainingBooking.id != (record_id or 0),
    ).order_by(TrainingBooking.id)))
    others = [b for b in others if not _other_person(b.person_id, values["person_id"])]
    field, same = "delegate_name", matching_booking(others, values["delegate_name"], values["email"])
    if same is None and values["person_id"] is not None:
        field, same = "person_id", next((b for b in others if b.person_id == values["person_id"]), None)
    if same is not None:
        c.add(field, already_booked(values["delegate_name"], same))


def already_booked(name: str, same: TrainingBooking) -> str:
    """Why a delegate is not booked (or booked again) on a session where `same`, their live
    booking under another spelling, holds them: the window and the bookings import say it."""
    address = f"<{same.email}>" if same.email else "(no e-mail address)"
    return (f"{name} is already booked on this session: {same.delegate_name} {address}, booked on "
            f"{format_date(same.booked_on)}, outcome {Outcome(same.outcome).label}. Edit that booking instead")


def attendance_problem(c: Checker, outcome: Outcome | None, row: TrainingSession) -> None:
    """Attendance (attended or no-show) is recorded only on a session whose day has come: a
    booking saved, or restored, with it on a session still to come is refused."""
    if outcome in (Outcome.ATTENDED, Outcome.NO_SHOW) and row.starts_at.date() > date.today():
        c.add("outcome", f"The session is on {format_date(row.starts_at.date())}: attendance can be marked from that day")


def moved_session_problem(c: Checker, booking: TrainingBooking, row: TrainingSession) -> None:
    """A booking is made, and cancelled, on or before its session's day, a no-show followed up on
    or after it, and attendance recorded only once that day has come: one archived while its
    session moved to an earlier day, or to a day after its no-show's follow-up, or (attended or
    no-show) to a day still to come, is not restored onto it."""
    day = row.starts_at.date()
    for field, label, when in (("booked_on", "booked", booking.booked_on), ("cancelled_on", "cancelled", booking.cancelled_on)):
        if when is not None and when > day:
            c.add(field, f"{booking.delegate_name} {label} on {format_date(when)}, after the session, now on "
                         f"{format_date(day)}: move the session back to a day on or after {format_date(when)} to "
                         "restore it")
            return
    if follow_up_problem(Outcome(booking.outcome), booking.followed_up_on, day):
        c.add("followed_up_on", f"{booking.delegate_name} did not come and was followed up on "
                                f"{format_date(booking.followed_up_on)}, before the session, now on {format_date(day)}: "
                                f"move the session back to a day on or before {format_date(booking.followed_up_on)} "
                                "to restore it")
        return
    attendance_problem(c, Outcome(booking.outcome), row)


REGISTER_MARKS = (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.BOOKED)


def checked_register(session: Session, row: TrainingSession, outcomes: Mapping[int, Outcome | str],
                     read_at: Mapping[int, int] | None = None) -> list[tuple[TrainingBooking, Outcome]]:
    """The bookings of the session to mark, each with its mark, once every mark is one a
    register makes (attended, no-show or not marked) on a booking of this session holding a
    place, on or after the session's day. A booking whose version the officer read (`read_at`,
    by booking) someone else has saved since is refused with RecordChanged, naming the delegate
    and who changed it when, before anything is written."""
    if (called_off := called_off_on(session, row.id)) is not None:
        raise ValidationError({"register": f"The session was called off by the partnership on {format_date(called_off)}: "
                                           "it did not run, so there is no attendance to mark"})
    if row.starts_at.date() > date.today():
        raise ValidationError({"register": f"The session is on {format_date(row.starts_at.date())}: "
                                           "mark the register on or after that day"})
    bookings = {b.id: b for b in session.scalars(
        select(TrainingBooking).where(TrainingBooking.session_id == row.id, TrainingBooking.id.in_(list(outcomes)))
    )}
    for booking_id, booking in bookings.items():  # another officer's marks are never put back unseen
        versions.check(session, booking, (read_at or {}).get(booking_id))
    errors, marked = {}, []
    for booking_id, value in outcomes.items():
        booking = bookings.get(booking_id)
        try:
            outcome = Outcome.parse(value)
        except ValueError:
            outcome = None
        if booking is None:
            errors[f"booking.{booking_id}"] = "This booking is not for this session"
        elif outcome not in REGISTER_MARKS:
            errors[f"booking.{booking_id}"] = f"{booking.delegate_name}: a register marks attended or no-show"
        elif Outcome(booking.outcome) not in REGISTER_MARKS:
            errors[f"booking.{booking_id}"] = (f"{booking.delegate_name} is {Outcome(booking.outcome).label.lower()}, "
                                               "not booked: change the booking itself")
        else:
            marked.append((booking, outcome))
    if errors:
        raise ValidationError(errors)
    return marked
