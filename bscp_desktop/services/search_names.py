"""Search hits of records that hold people's names as they were typed: training bookings (the
delegate as the LMS or an officer recorded them), training courses and sessions (their trainer's
name, with what the course teaches and where a session is held) and register entries (a guest's
name, a deputy's, a note), so that a subject access request finds them (`services.search`).

And what is still not searched: the kinds of record that can hold a person's name but are not in
the index (`UNSEARCHED`). When nothing is found, the search says which they are rather than that
no record mentions the name (`unsearched_sentence`).
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.areas import AREAS
from bscp_desktop.db.models import Group, Organisation, Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.text import first_line
from bscp_desktop.services.search_hits import HIT_LINE, Described, chunks, describes, hidden_with, marked

#: Per area, the records that can hold a person's name and are not searched, as the sentence
#: names them. A kind made searchable comes off this list.
UNSEARCHED: dict[str, tuple[str, ...]] = {
    RecordKind.MEETINGS: ("attendance escalations", "minutes amendments"),
    RecordKind.AUDITS: ("Section 11 agency contacts",),
    RecordKind.TRAINING: ("training evaluations",),
    RecordKind.FINANCE: ("finance records",),
}
#: The tables behind each name in `UNSEARCHED` (none of them is searchable).
UNSEARCHED_TABLES: dict[str, tuple[str, ...]] = {
    "attendance escalations": ("attendance_escalation",),
    "minutes amendments": ("minutes_amendment",),
    "Section 11 agency contacts": ("s11_agency",),
    "training evaluations": ("training_evaluation",),
    "finance records": ("expense", "contribution", "contribution_payment", "budget", "financial_year", "other_income"),
}


def unsearched(area: str | None = None) -> tuple[str, ...]:
    """The records of `area` (None: every area) that can hold a name and are not searched, in tab order."""
    return tuple(kind for a in AREAS if area is None or a.kind == area for kind in UNSEARCHED.get(a.kind, ()))


def unsearched_sentence(area: str | None = None) -> str:
    """"Not searched: training evaluations and ...". '' when every record that can hold a name is."""
    kinds = unsearched(area)
    if not kinds:
        return ""
    listed = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
    return f"Not searched: {listed}."


# ---------------------------------------------------------------- training courses and sessions


@describes("training_course")
def _courses(session: Session, ids: list[int]) -> dict[int, Described]:
    """"Course: Coercive and controlling behaviour", undated (a course runs on many days); opened
    on the Training tab's courses."""
    return {
        cid: Described("Training courses", marked(f"Course: {first_line(title, HIT_LINE)}", gone), None,
                       "training_course", cid)
        for part in chunks(ids)
        for cid, title, gone in session.execute(
            select(TrainingCourse.id, TrainingCourse.title, TrainingCourse.archived_at).where(TrainingCourse.id.in_(part)))
    }


def _session_title(course: str, starts_day: str, venue: str, online: bool) -> str:
    """"Session: Neglect basics on 12/03/2024 at Civic Centre" ("..., online" for one held online,
    whose venue is its link)."""
    where = ", online" if online else f" at {first_line(venue, HIT_LINE)}" if venue.strip() else ""
    return f"Session: {course} on {starts_day}{where}"


@describes("training_session")
def _sessions(session: Session, ids: list[int]) -> dict[int, Described]:
    """A session by its course, day and venue, dated by its start; opened on the Training tab's
    sessions."""
    result = {}
    for part in chunks(ids):
        for sid, starts, venue, online, gone, course in session.execute(
            select(TrainingSession.id, TrainingSession.starts_at, TrainingSession.venue, TrainingSession.online,
                   TrainingSession.archived_at, TrainingCourse.title)
            .join(TrainingCourse, TrainingSession.course_id == TrainingCourse.id)
            .where(TrainingSession.id.in_(part))
        ):
            title = marked(_session_title(course, format_date(starts.date()), venue or "", online), gone)
            result[sid] = Described("Training sessions", title, starts.date(), "training_session", sid)
    return result


# ---------------------------------------------------------------- training bookings


@hidden_with("training_booking", ("training_session",))
def _bookings_of_archived_sessions() -> Select:
    return select(TrainingBooking.id).join(TrainingSession, TrainingBooking.session_id == TrainingSession.id).where(
        TrainingSession.archived_at.is_not(None))


@describes("training_booking")
def _bookings(session: Session, ids: list[int]) -> dict[int, Described]:
    """"Booking: Hamza Iqbal, Neglect basics on 12/03/2024", in the delegate's organisation (as
    matched, else as recorded), dated by its session; opened on the Training tab's bookings."""
    result = {}
    for part in chunks(ids):
        for bid, name, given, gone, starts, out, course, organisation in session.execute(
            select(TrainingBooking.id, TrainingBooking.delegate_name, TrainingBooking.organisation_name,
                   TrainingBooking.archived_at, TrainingSession.starts_at, TrainingSession.archived_at,
                   TrainingCourse.title, Organisation.name)
            .join(TrainingSession, TrainingBooking.session_id == TrainingSession.id)
            .join(TrainingCourse, TrainingSession.course_id == TrainingCourse.id)
            .outerjoin(Organisation, TrainingBooking.organisation_id == Organisation.id)
            .where(TrainingBooking.id.in_(part))
        ):
            title = marked(f"Booking: {name}, {course} on {format_date(starts.date())}", gone, out)
            result[bid] = Described(organisation or given or "Training bookings", title, starts.date(),
                                    "training_booking", bid)
    return result


# ---------------------------------------------------------------- registers


@hidden_with("attendance", ("meeting",))
def _registers_of_archived_meetings() -> Select:
    return select(Attendance.id).join(Meeting, Attendance.meeting_id == Meeting.id).where(Meeting.archived_at.is_not(None))


@describes("attendance")
def _register_entries(session: Session, ids: list[int]) -> dict[int, Described]:
    """"Register of Forum meeting 14/03/2024: Keith Makinn (observer)" (the deputy who came for a
    member: "Sam Lee, deputy for Jane Smith"), in its meeting; the meeting opens."""
    person, deputy = aliased(Person), aliased(Person)
    result = {}
    for part in chunks(ids):
        for aid, typed, status, typed_deputy, gone, who, stood_in, mid, title, starts, group, out in session.execute(
            select(Attendance.id, Attendance.name, Attendance.status, Attendance.deputy_name, Attendance.archived_at,
                   person.name, deputy.name, Meeting.id, Meeting.title, Meeting.starts_at, Group.name, Meeting.archived_at)
            .join(Meeting, Attendance.meeting_id == Meeting.id)
            .join(Group, Meeting.group_id == Group.id)
            .outerjoin(person, Attendance.person_id == person.id)
            .outerjoin(deputy, Attendance.deputy_person_id == deputy.id)
            .where(Attendance.id.in_(part))
        ):
            name = who or typed
            came = stood_in or typed_deputy
            if status == AttendanceStatus.DEPUTY.value and came:
                name = f"{came}, deputy for {name}"
            day = format_date(starts.date())
            entry = marked(f"Register of {title} {day}: {name}", gone)
            result[aid] = Described(marked(f"{group}, {day}", out), entry, starts.date(), "meeting", mid)
    return result
