"""Meetings rules: kinds, statuses, the minutes workflow, series dates, quorum and
attendance rates. Pure Python.

Times of meetings are stored as naive local (Europe/London) wall-clock times, which is how
people say them ("Thursday at 10:00"); `domain.ics` converts them to UTC for calendars.

Attendance monitoring
---------------------
An organisation is *expected* at a meeting when at least one of the meeting's register rows is
an expected member representing it. The secretariat, advisers and guests never count for an
organisation (nor toward quorum): the team that supports a group is not its organisation's
attendance. Only meetings that were held count: cancelled, postponed and planned meetings are
left out, and so are kinds of meeting the team does not count (workshops and rapid review
meetings by default). At each counted meeting the organisation's outcome is, in this order:
*in person* when any of its expected people was present; *by deputy* when none was present but
someone deputised; *apologies* when apologies were sent; otherwise *absent*. The rate is
(in person + by deputy) / expected meetings.

The same counting per seat (each member's own place on the group, lay members included) shows
whether one officer's presence hides another service's absence.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bscp_desktop.domain.dates import bank_holidays, financial_year_bounds, is_working_day
from bscp_desktop.domain.memberships import OrganisationKind, role_counts
from bscp_desktop.domain.validation import and_list

DEFAULT_ATTENDANCE_THRESHOLD = 75  # per cent; the team may change it in settings
ATTENDANCE_THRESHOLD_SETTING = "meetings.attendance_threshold_percent"
UNCOUNTED_KINDS_SETTING = "meetings.kinds_not_counted_for_attendance"


class MeetingKind(enum.StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"
    WORKSHOP = "workshop"
    RAPID_REVIEW = "rapid_review"

    @property
    def label(self) -> str:
        return {
            "ordinary": "Ordinary",
            "extraordinary": "Extraordinary",
            "workshop": "Workshop",
            "rapid_review": "Rapid review",
        }[self.value]


#: Kinds of meeting left out of attendance rates unless the team says otherwise.
DEFAULT_UNCOUNTED_KINDS: frozenset[MeetingKind] = frozenset({MeetingKind.WORKSHOP, MeetingKind.RAPID_REVIEW})


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def called_off(self) -> bool:
        """Cancelled or postponed: the meeting did not take place on its day, so it has no
        minutes, decisions, actions or register."""
        return self in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


class MinutesStatus(enum.StrEnum):
    DRAFT = "draft"
    CIRCULATED = "circulated"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def locked(self) -> bool:
        """Approved minutes change only through an amendment with a reason."""
        return self is MinutesStatus.APPROVED


class ApprovalMethod(enum.StrEnum):
    """How minutes were approved: at a later meeting of the group, or between meetings by the
    chair's action or by e-mail (who and when are recorded)."""

    MEETING = "meeting"
    CHAIRS_ACTION = "chairs_action"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {
            "meeting": "At a later meeting",
            "chairs_action": "By chair's action",
            "email": "By e-mail",
        }[self.value]


# Allowed moves of the minutes workflow (approval is final; amendments keep a reason).
MINUTES_TRANSITIONS: dict[MinutesStatus, frozenset[MinutesStatus]] = {
    MinutesStatus.DRAFT: frozenset({MinutesStatus.CIRCULATED, MinutesStatus.APPROVED}),
    MinutesStatus.CIRCULATED: frozenset({MinutesStatus.DRAFT, MinutesStatus.APPROVED}),
    MinutesStatus.APPROVED: frozenset(),
}


def can_move_minutes(current: MinutesStatus, target: MinutesStatus) -> bool:
    return target in MINUTES_TRANSITIONS[current]


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    DEPUTY = "deputy"
    GUEST = "guest"

    @property
    def label(self) -> str:
        return {
            "present": "Present",
            "apologies": "Apologies",
            "absent": "Absent",
            "deputy": "Deputy attended",
            "guest": "Guest",
        }[self.value]

    @property
    def in_the_room(self) -> bool:
        """Someone was there: the person, their deputy, or a guest."""
        return self in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY, AttendanceStatus.GUEST)


def nothing_recorded(row) -> bool:
    """A register row (anything with its status, version, deputy and notes) as filling the
    register left it: absent, never changed since, no deputy and no note. Such a row may be
    taken off again, or its seat's dates changed, without losing anything an officer recorded."""
    return (row.status == AttendanceStatus.ABSENT.value and (row.version or 1) == 1
            and row.deputy_person_id is None and not row.deputy_name and not row.notes)


class ItemKind(enum.StrEnum):
    """What an agenda item is; standing items are recognised by kind, not by title."""

    ORDINARY = "ordinary"
    WELCOME = "welcome"
    LAST_MINUTES = "last_minutes"
    ACTION_REVIEW = "action_review"
    AOB = "aob"

    @property
    def label(self) -> str:
        return {
            "ordinary": "Item",
            "welcome": "Welcome and apologies",
            "last_minutes": "Minutes of the last meeting",
            "action_review": "Action log review",
            "aob": "Any other business",
        }[self.value]


@dataclass(frozen=True)
class StandingItem:
    title: str
    kind: ItemKind = ItemKind.ORDINARY
    minutes_allotted: int | None = None


# Used for a group that has no template of its own. `position` 0-based; AOB goes last.
DEFAULT_STANDING_ITEMS: tuple[StandingItem, ...] = (
    StandingItem("Welcome, introductions and apologies", ItemKind.WELCOME, 5),
    StandingItem("Minutes of the last meeting and matters arising", ItemKind.LAST_MINUTES, 10),
    StandingItem("Action log review", ItemKind.ACTION_REVIEW, 10),
    StandingItem("Any other business", ItemKind.AOB, 5),
)


# --------------------------------------------------------------------------- series


class Weekday(enum.IntEnum):
    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` (1-4, or -1 for the last) `weekday` (0 = Monday) of a month."""
    if nth not in ORDINALS:
        raise ValueError("Choose the first, second, third, fourth or last week of the month")
    days = calendar.monthrange(year, month)[1]
    matching = [date(year, month, d) for d in range(1, days + 1) if date(year, month, d).weekday() == weekday]
    return matching[-1] if nth == -1 else matching[nth - 1]


def series_dates(financial_year: int, first_month: int, every_months: int, weekday: int, nth: int) -> list[date]:
    """Dates of a series within a financial year (1 April to 31 March).

    For example (2024, 4, 3, Weekday.THURSDAY, 2): the second Thursday of April, July,
    October and January.
    """
    if not 1 <= first_month <= 12:
        raise ValueError("The first month must be from 1 (January) to 12 (December)")
    if not 1 <= every_months <= 12:
        raise ValueError("Meetings must be every 1 to 12 months")
    start, end = financial_year_bounds(financial_year)
    year = financial_year if first_month >= 4 else financial_year + 1
    index = year * 12 + first_month - 1
    dates: list[date] = []
    while True:
        y, m0 = divmod(index, 12)
        day = nth_weekday(y, m0 + 1, weekday, nth)
        if day > end:
            break
        if day >= start:
            dates.append(day)
        index += every_months
    return dates


def off_bank_holidays(days: Iterable[date], last: date | None = None) -> list[tuple[date, date, str]]:
    """For each day a series' rule gives: (that day, the day the meeting is held, why it moved
    or ""). A day that is a bank holiday moves to the next working day (25/12/2024, Christmas
    Day, to 27/12/2024), or, where that is after `last` (the end of the series' financial
    year), to the working day before (Good Friday 30/03/2029 to 29/03/2029)."""
    moved = []
    for day in days:
        held, why = day, ""
        while not is_working_day(held):
            why = why or bank_holidays(held.year).get(held, "")
            held += timedelta(days=1)
        if last is not None and held > last:
            held = day - timedelta(days=1)
            while not is_working_day(held):
                held -= timedelta(days=1)
        moved.append((day, held, why))
    return moved


def series_meeting_days(financial_year: int, first_month: int, every_months: int, weekday: int,
                        nth: int) -> list[tuple[date, date, str]]:
    """The series' days (`series_dates`), each moved off a bank holiday within its financial
    year (`off_bank_holidays`): (the rule's day, the day held, why it moved or "")."""
    return off_bank_holidays(series_dates(financial_year, first_month, every_months, weekday, nth),
                             last=financial_year_bounds(financial_year)[1])


def describe_series(first_month: int, every_months: int, weekday: int, nth: int) -> str:
    """"Every 3 months on the second Thursday, from April"."""
    every = "Every month" if every_months == 1 else f"Every {every_months} months"
    return (
        f"{every} on the {ORDINALS[nth]} {Weekday(weekday).label}, "
        f"from {calendar.month_name[first_month]}"
    )


def combine(day: date, at: time) -> datetime:
    return datetime.combine(day, at)


def agenda_overrun(starts_at: datetime, ends_at: datetime | None,
                   minutes: Iterable[int | None]) -> tuple[int, int, int | None] | None:
    """(the items' total minutes, the meeting's length in minutes, the place of the first item
    starting at or after its end, or None) when items timed `minutes`, in the order they are
    taken (an untimed one counts none), run past the meeting's end; None when they fit or it has no end."""
    if ends_at is None:
        return None
    length, total, late = (ends_at - starts_at) // timedelta(minutes=1), 0, None
    for n, allotted in enumerate(minutes):
        late = n if late is None and total >= length else late
        total += allotted or 0
    return (total, length, late) if total > length else None


# --------------------------------------------------------------------------- quorum


class QuorumRule(enum.StrEnum):
    """How a group decides it is quorate (configurable per group)."""

    HEAD_COUNT = "head_count"
    STATUTORY_PARTNERS = "statutory_partners"

    @property
    def label(self) -> str:
        return {
            "head_count": "A number of members",
            "statutory_partners": "Each of the three safeguarding partners represented",
        }[self.value]


STATUTORY_PARTNERS: tuple[OrganisationKind, ...] = (
    OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.ICB, OrganisationKind.POLICE,
)
_PARTNER_NAMES = {
    OrganisationKind.LOCAL_AUTHORITY: "the local authority",
    OrganisationKind.ICB: "the Integrated Care Board",
    OrganisationKind.POLICE: "the police",
}


@dataclass(frozen=True)
class QuorumVerdict:
    met: bool | None  # None: the group has no quorum rule
    sentence: str
    attending: int = 0
    missing_partners: tuple[OrganisationKind, ...] = ()


def quorum_verdict(
    rule: QuorumRule | str | None,
    quorum: int | None,
    attending: int,
    partners_present: Iterable[OrganisationKind] = (),
) -> QuorumVerdict:
    """Whether a meeting is quorate. ``attending`` counts the members in the room (in person or
    by deputy; never the secretariat, advisers or guests); ``partners_present`` the statutory
    partner kinds those members represent (a unit counts for the body it is part of)."""
    rule = QuorumRule(rule) if rule else QuorumRule.HEAD_COUNT
    if rule is QuorumRule.STATUTORY_PARTNERS:
        present = set(partners_present)
        missing = tuple(k for k in STATUTORY_PARTNERS if k not in present)
        if not missing:
            return QuorumVerdict(True, "Quorum met: the local authority, the Integrated Care Board and the police "
                                 "are all represented.", attending)
        names = [_PARTNER_NAMES[k] for k in missing]
        verb = "is" if missing in ((OrganisationKind.LOCAL_AUTHORITY,), (OrganisationKind.ICB,)) else "are"
        return QuorumVerdict(
            False, f"Quorum not met: {and_list(names)} {verb} not represented (each of the three safeguarding "
            "partners must be).", attending, missing,
        )
    met = quorum_met(quorum, attending)
    return QuorumVerdict(met, quorum_sentence(quorum, attending), attending)


def quorum_met(quorum: int | None, attending: int) -> bool | None:
    """None when the group has no quorum rule; otherwise whether enough members attended."""
    if quorum is None or quorum <= 0:
        return None
    return attending >= quorum


def quorum_sentence(quorum: int | None, attending: int) -> str:
    met = quorum_met(quorum, attending)
    if met is None:
        return "No quorum rule for this group."
    verdict = "met" if met else "not met"
    return f"Quorum {verdict}: {attending} of {quorum} members needed are attending (in person or by deputy)."


def partner_kind(kind: OrganisationKind | str | None, ancestor_kinds: Iterable[OrganisationKind | str] = ()) -> OrganisationKind | None:
    """The statutory partner an organisation stands for: its own kind, else the kind of the
    body it is part of (the Met's North West BCU stands for the police)."""
    for k in (kind, *ancestor_kinds):
        try:
            value = OrganisationKind(k) if k else None
        except ValueError:
            value = None
        if value in STATUTORY_PARTNERS:
            return value
    return None


# --------------------------------------------------------------------------- monitoring


class Outcome(enum.StrEnum):
    IN_PERSON = "in_person"
    BY_DEPUTY = "by_deputy"
    APOLOGIES = "apologies"
    ABSENT = "absent"


@dataclass(frozen=True)
class RegisterEntry:
    """One expected member's row at one meeting, as monitoring needs it."""

    meeting_id: int
    meeting_status: MeetingStatus
    group_id: int
    organisation_id: int | None
    status: AttendanceStatus
    expected: bool = True
    role: str = "member"
    meeting_kind: MeetingKind = MeetingKind.ORDINARY
    seat: tuple = ()  # who holds the place: (person id or name, role); for the per-seat view

    def counted(self, uncounted_kinds: Iterable[MeetingKind] = DEFAULT_UNCOUNTED_KINDS) -> bool:
        """A member's seat at a held meeting of a kind that counts (not the secretariat, an
        adviser or a guest)."""
        return (
            self.meeting_status is MeetingStatus.HELD
            and self.meeting_kind not in set(uncounted_kinds)
            and self.status is not AttendanceStatus.GUEST
            and role_counts(self.role, self.expected)
        )


@dataclass(frozen=True, kw_only=True)
class AttendanceCounts:
    """How often a member was expected and how each of those meetings went: in person, by
    deputy, sent apologies, absent. What an attendance count says: attended (in person or by
    deputy) out of expected. Every attendance figure (per organisation and group, per seat, on
    the window and in the workbook) is one of these with its own names beside it; the counts
    are given by keyword (`**counts.counts()` passes them on)."""

    expected: int
    in_person: int
    by_deputy: int
    apologies: int
    absent: int

    def counts(self) -> dict[str, int]:
        """The five counts by name, to build another figure of the same counts."""
        return {"expected": self.expected, "in_person": self.in_person, "by_deputy": self.by_deputy,
                "apologies": self.apologies, "absent": self.absent}

    @property
    def attended(self) -> int:
        return self.in_person + self.by_deputy

    @property
    def rate(self) -> float | None:
        """Attended / expected as a fraction (0.75 = 75%); None when nothing was expected."""
        return None if self.expected == 0 else self.attended / self.expected

    def below(self, threshold_percent: float) -> bool:
        rate = self.rate
        return rate is not None and rate * 100 < threshold_percent


@dataclass(frozen=True)
class AttendanceRate(AttendanceCounts):
    organisation_id: int
    group_id: int | None  # None: all groups together


def _counts(by_outcome: dict[Outcome, int]) -> dict[str, int]:
    """The keyword counts of an AttendanceCounts from a tally of meetings by outcome."""
    return {"expected": sum(by_outcome.values()), **{o.value: by_outcome[o] for o in Outcome}}


def meeting_outcome(statuses: Iterable[AttendanceStatus]) -> Outcome:
    seen = set(statuses)
    if AttendanceStatus.PRESENT in seen:
        return Outcome.IN_PERSON
    if AttendanceStatus.DEPUTY in seen:
        return Outcome.BY_DEPUTY
    if AttendanceStatus.APOLOGIES in seen:
        return Outcome.APOLOGIES
    return Outcome.ABSENT


def attendance_rates(
    entries: Iterable[RegisterEntry], uncounted_kinds: Iterable[MeetingKind] = DEFAULT_UNCOUNTED_KINDS
) -> tuple[list[AttendanceRate], list[AttendanceRate]]:
    """(per organisation and group, per organisation over all groups), sorted by ids.

    See the module notes for the rule. Entries without an organisation, the secretariat,
    advisers, guests, meetings not held and kinds of meeting not counted are ignored.
    """
    uncounted = frozenset(uncounted_kinds)
    per_meeting: dict[tuple[int, int, int], list[AttendanceStatus]] = {}
    for e in entries:
        if e.organisation_id is None or not e.counted(uncounted):
            continue
        per_meeting.setdefault((e.organisation_id, e.group_id, e.meeting_id), []).append(e.status)

    def tally(keys) -> dict:
        counts: dict = {}
        for key, outcome in keys:
            c = counts.setdefault(key, {o: 0 for o in Outcome})
            c[outcome] += 1
        return counts

    outcomes = [((org, group), meeting_outcome(s)) for (org, group, _m), s in per_meeting.items()]
    by_group = tally(outcomes)
    by_org = tally(((org, None), outcome) for (org, _g), outcome in outcomes)

    def rows(counts: dict) -> list[AttendanceRate]:
        result = []
        for (org, group), c in counts.items():
            result.append(
                AttendanceRate(org, group, **_counts(c))
            )
        return sorted(result, key=lambda r: (r.organisation_id, r.group_id or 0))

    return rows(by_group), rows(by_org)


# --------------------------------------------------------------------------- the meeting's life


def held_problem(meeting_day: date, today: date) -> str | None:
    """Why a meeting cannot be marked held yet (it is dated later than today), or None."""
    if meeting_day > today:
        return f"A meeting on {meeting_day:%d/%m/%Y} cannot be marked held before its date"
    return None


def no_minutes_yet(meeting_day: date, status: MeetingStatus, today: date) -> str | None:
    """Why a meeting has no minutes to circulate or approve today (it was called off, or has
    not taken place yet), or None."""
    if status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return f"This meeting is marked {status.label.lower()}, so it has no minutes to circulate or approve"
    if meeting_day > today:
        return (f"This meeting is on {meeting_day:%d/%m/%Y}: its minutes can be circulated and approved "
                "once it has taken place")
    return None


def circulation_problem(meeting_day: date, status: MeetingStatus, on: date, today: date) -> str | None:
    """Why the minutes cannot be marked circulated on `on`, or None."""
    if status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return f"This meeting is marked {status.label.lower()}, so it has no minutes to circulate"
    if on < meeting_day:
        return (
            f"Minutes cannot be circulated ({on:%d/%m/%Y}) before the meeting they record "
            f"({meeting_day:%d/%m/%Y})"
        )
    if on > today:
        return f"The date the minutes were circulated ({on:%d/%m/%Y}) cannot be in the future"
    return None


def approval_problem(meeting_day: date, status: MeetingStatus, on: date, today: date,
                     circulated_on: date | None = None) -> str | None:
    """Why the minutes cannot be approved on `on`, or None. Minutes already circulated (on
    `circulated_on`) are approved on that day or later."""
    if status.called_off:
        return f"This meeting is marked {status.label.lower()}, so it has no minutes to approve"
    if on > today:
        return f"The approval date ({on:%d/%m/%Y}) cannot be in the future"
    if on < meeting_day:
        return (
            f"The approval date ({on:%d/%m/%Y}) cannot be before the meeting whose minutes are "
            f"approved ({meeting_day:%d/%m/%Y})"
        )
    if circulated_on is not None and on < circulated_on:
        return (
            f"The approval date ({on:%d/%m/%Y}) cannot be before the minutes were circulated "
            f"({circulated_on:%d/%m/%Y})"
        )
    return None


def held_by_records(status: MeetingStatus, meeting_day: date, today: date) -> bool:
    """True when a planned meeting must have been held: its minutes are being circulated or
    approved (so the program marks it held rather than leaving it planned)."""
    return status is MeetingStatus.PLANNED and meeting_day <= today


@dataclass(frozen=True)
class SeatRate(AttendanceCounts):
    """One member's own place on a group: how often they (or their deputy) attended."""

    seat: tuple
    group_id: int
    organisation_id: int | None
    role: str


def seat_rates(
    entries: Iterable[RegisterEntry], uncounted_kinds: Iterable[MeetingKind] = DEFAULT_UNCOUNTED_KINDS
) -> list[SeatRate]:
    """Attendance per seat (each member's place on each group), lay members included; the
    secretariat, advisers and guests are left out as in `attendance_rates`. A member who moved
    to another organisation holds a seat for each: their meetings are counted under the
    organisation each register gives them, as the per-organisation figures count them."""
    uncounted = frozenset(uncounted_kinds)
    tallies: dict[tuple, dict] = {}
    for e in entries:
        if not e.counted(uncounted):
            continue
        key = (e.group_id, e.seat or (e.organisation_id, e.role), e.organisation_id)
        t = tallies.setdefault(key, {"org": e.organisation_id, "role": e.role, **{o: set() for o in Outcome}})
        t[meeting_outcome([e.status])].add(e.meeting_id)
    rows = []
    for (group_id, seat, _org), t in tallies.items():
        rows.append(SeatRate(seat, group_id, t["org"], t["role"], **_counts({o: len(t[o]) for o in Outcome})))
    return sorted(rows, key=lambda r: (r.group_id, str(r.seat)))
