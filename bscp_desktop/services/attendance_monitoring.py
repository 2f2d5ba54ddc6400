"""Attendance monitoring: attendance rates by group, organisation and seat over a period,
against the team's threshold, leaving out the kinds of meeting the team does not count (see
`domain.meetings` for the rule). Cancelled, postponed and unheld meetings do not count. A held
meeting whose register was never filled in counts nobody either way: the report names it.

A period with no end stops at today. Planned meetings from today on are still to come: they are
counted apart (`still_to_come`), neither held nor left out; a planned meeting whose date has
passed is "not marked held" and left out, as cancelled and postponed ones are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import func, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Organisation, Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.domain.dates import financial_year_bounds, financial_year_of
from bscp_desktop.domain.meetings import (
    ATTENDANCE_THRESHOLD_SETTING,
    DEFAULT_ATTENDANCE_THRESHOLD,
    DEFAULT_UNCOUNTED_KINDS,
    UNCOUNTED_KINDS_SETTING,
    AttendanceCounts,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    RegisterEntry,
    attendance_rates,
    seat_rates,
)
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.percent import format_percent, half_up
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import settings
from bscp_desktop.services.common import on_days


@dataclass(frozen=True)
class RateRow(AttendanceCounts):
    """An organisation's attendance at one group, or at all groups together (no group id)."""

    organisation_id: int
    organisation_name: str
    group_id: int | None
    group_name: str
    below_threshold: bool

    @property
    def rate_percent(self) -> float | None:
        """The rate in per cent to one decimal place, a half rounded up (5 of 16 is 31.3), as
        the workbooks' percentage cells show it; screens and reports print `format_percent(rate)`."""
        return None if self.rate is None else float(half_up(Decimal(str(self.rate)) * 100, "0.1"))


@dataclass(frozen=True)
class SeatRow(AttendanceCounts):
    """One member's place on a group (each membership), lay members included."""

    name: str
    role: str
    organisation_name: str
    group_id: int
    group_name: str
    below_threshold: bool

    @property
    def role_label(self) -> str:
        try:
            return Role(self.role).label
        except ValueError:
            return self.role.replace("_", " ").capitalize()


@dataclass(frozen=True)
class MonitoringReport:
    date_from: date | None
    date_to: date | None
    threshold: float
    by_group: list[RateRow]
    by_organisation: list[RateRow]
    meetings_held: int
    meetings_not_counted: int  # cancelled, postponed, or not marked held (planned, its date passed)
    planned_but_past: int = 0  # of those, still marked planned though their date has passed
    by_seat: list[SeatRow] = field(default_factory=list)
    kinds_not_counted: tuple[MeetingKind, ...] = ()
    meetings_of_kinds_not_counted: int = 0  # held, but of a kind the team does not count
    #: held meetings counted in `meetings_held` whose register was never filled in ("Safeguarding
    #: Children Forum, 02/09/2024"): nobody's attendance at them is counted, either way
    held_without_register: tuple[str, ...] = ()
    still_to_come: int = 0  # planned meetings of the period from today on: neither held nor left out
    #: held meetings counted in `meetings_held` whose register lists people but marks nobody
    #: present (filled in, never marked): nobody's attendance at them is counted either
    held_nobody_present: tuple[str, ...] = ()

    @property
    def without_register_sentence(self) -> str:
        """"1 held meeting has no register, so nobody's attendance at it is counted: ...; fill
        in its register." ("" when every held meeting has one)."""
        n = len(self.held_without_register)
        if not n:
            return ""
        named = list(self.held_without_register[:_NAMED]) + ([f"{n - _NAMED} more"] if n > _NAMED else [])
        if n == 1:
            return f"1 held meeting has no register, so nobody's attendance at it is counted: {named[0]}. Fill in its register."
        return (f"{n} held meetings have no register, so nobody's attendance at them is counted: "
                f"{'; '.join(named)}. Fill in their registers.")


    @property
    def nobody_present_sentence(self) -> str:
        """"1 held meeting has a register with nobody marked present, so nobody's attendance at
        it is counted: ... Mark who attended ..." ("" when there is none)."""
        n = len(self.held_nobody_present)
        if not n:
            return ""
        named = "; ".join(list(self.held_nobody_present[:_NAMED]) + ([f"{n - _NAMED} more"] if n > _NAMED else []))
        if n == 1:
            return (f"1 held meeting has a register with nobody marked present, so nobody's attendance at it is "
                    f"counted: {named}. Mark who attended on its register (or, if it did not take place, mark it "
                    "cancelled).")
        return (f"{n} held meetings have registers with nobody marked present, so nobody's attendance at them is "
                f"counted: {named}. Mark who attended on their registers (or, if one did not take place, mark it "
                "cancelled).")


_NAMED = 10  # the most meetings without a register named one by one


def shown_percent(rate: float | None) -> Decimal | None:
    """The rate as the number printed (`format_percent`: whole per cent, halves up; one decimal
    place below ten per cent): 2 of 3 is 67, 5 of 8 is 63. None when nothing was expected."""
    return None if rate is None else Decimal(format_percent(rate).removesuffix("%"))


def below_threshold(rate: float | None, threshold_percent: float) -> bool:
    """Below the threshold as the officer reads it: the rate printed ("67%" for 2 of 3) is
    compared, so a rate shown as 67% is never highlighted as below a 67% threshold."""
    shown = shown_percent(rate)
    return shown is not None and shown < Decimal(str(threshold_percent))


def get_threshold(db: Database) -> float:
    """The attendance rate (per cent) below which an organisation is highlighted."""
    value = settings.get_setting(db, ATTENDANCE_THRESHOLD_SETTING, DEFAULT_ATTENDANCE_THRESHOLD)
    try:
        return float(value)
    except (TypeError, ValueError):
        return float(DEFAULT_ATTENDANCE_THRESHOLD)


def set_threshold(db: Database, percent: float) -> None:
    try:
        value = float(percent)
    except (TypeError, ValueError):
        raise ValidationError({"threshold": "The threshold is a percentage from 0 to 100"}) from None
    if not 0 <= value <= 100:
        raise ValidationError({"threshold": "The threshold is a percentage from 0 to 100"})
    with db.unit_of_work() as session:  # the first change is from the default in force until then
        settings.put_setting_in(session, ATTENDANCE_THRESHOLD_SETTING, int(value) if value.is_integer() else value,
                                default=DEFAULT_ATTENDANCE_THRESHOLD)


def get_uncounted_kinds(db: Database) -> frozenset[MeetingKind]:
    """Kinds of meeting left out of attendance rates (workshops and rapid review meetings unless
    the team says otherwise)."""
    value = settings.get_setting(db, UNCOUNTED_KINDS_SETTING, None)
    if value is None:
        return DEFAULT_UNCOUNTED_KINDS
    kinds = set()
    for item in value if isinstance(value, list) else []:
        try:
            kinds.add(MeetingKind(item))
        except ValueError:
            continue  # a kind no longer offered is ignored
    return frozenset(kinds)


def set_uncounted_kinds(db: Database, kinds) -> frozenset[MeetingKind]:
    try:
        chosen = sorted({MeetingKind(k).value for k in kinds})
    except ValueError:
        raise ValidationError({"kinds": "Choose kinds of meeting from the list"}) from None
    with db.unit_of_work() as session:  # the first change is from the default in force until then
        settings.put_setting_in(session, UNCOUNTED_KINDS_SETTING, chosen,
                                default=sorted(kind.value for kind in DEFAULT_UNCOUNTED_KINDS))
    return frozenset(MeetingKind(k) for k in chosen)


def attendance_monitoring(
    db: Database,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    group_id: int | None = None,
    threshold: float | None = None,
    today: date | None = None,
) -> MonitoringReport:
    """Attendance by organisation and group over a period (see `domain.meetings` for the
    rule). Cancelled, postponed and unheld meetings do not count; a period with no end stops
    at `today` (the day it runs), and planned meetings from `today` on are still to come."""
    if date_from and date_to and date_to < date_from:
        raise ValidationError({"date_to": f"The end of the period ({date_to:%d/%m/%Y}) is before its start ({date_from:%d/%m/%Y})"})
    limit = get_threshold(db) if threshold is None else float(threshold)
    uncounted = get_uncounted_kinds(db)
    today = today or date.today()
    with db.unit_of_work() as session:
        in_range = [Meeting.archived_at.is_(None), *on_days(Meeting.starts_at, date_from, date_to or today)]
        if group_id is not None:
            in_range.append(Meeting.group_id == group_id)
        entries = [
            RegisterEntry(mid, MeetingStatus(mstatus), gid, org, AttendanceStatus(status), expected, role or "",
                          _kind(mkind), (pid or name_typed, role))
            for mid, mstatus, mkind, gid, org, status, expected, role, pid, name_typed in session.execute(
                select(
                    Attendance.meeting_id, Meeting.status, Meeting.kind, Meeting.group_id, Attendance.organisation_id,
                    Attendance.status, Attendance.expected, Attendance.role, Attendance.person_id, Attendance.name,
                )
                .join(Meeting, Attendance.meeting_id == Meeting.id)
                .where(Attendance.archived_at.is_(None), *in_range)
            )
        ]
        counts = dict(
            session.execute(select(Meeting.status, func.count(Meeting.id)).where(*in_range).group_by(Meeting.status)).all()
        )
        planned_but_past = session.scalar(
            select(func.count(Meeting.id)).where(
                *in_range, Meeting.status == MeetingStatus.PLANNED.value,
                Meeting.starts_at < datetime.combine(today, time.min),
            )
        ) or 0
        held_of_uncounted_kinds = session.scalar(
            select(func.count(Meeting.id)).where(
                *in_range, Meeting.status == MeetingStatus.HELD.value, Meeting.kind.in_([k.value for k in uncounted])
            )
        ) or 0
        registered = select(Attendance.id).where(Attendance.meeting_id == Meeting.id, Attendance.archived_at.is_(None))
        without_register = tuple(
            f"{name}, {starts:%d/%m/%Y}" for name, starts in session.execute(
                select(Group.name, Meeting.starts_at).join(Group, Meeting.group_id == Group.id).where(
                    *in_range, Meeting.status == MeetingStatus.HELD.value,
                    Meeting.kind.not_in([k.value for k in uncounted]), ~registered.exists(),
                ).order_by(Meeting.starts_at, Group.name)
            )
        )
        # a held meeting cannot have been held with nobody there: a register listing people but
        # marking nobody present was filled in and never marked, and is left out as one never filled in
        unmarked = ({e.meeting_id for e in entries if e.meeting_status is MeetingStatus.HELD and e.meeting_kind not in uncounted}
                    - {e.meeting_id for e in entries if e.status.in_the_room})
        entries = [e for e in entries if e.meeting_id not in unmarked]
        nobody_present = tuple(
            f"{name}, {starts:%d/%m/%Y}" for name, starts in session.execute(
                select(Group.name, Meeting.starts_at).join(Group, Meeting.group_id == Group.id)
                .where(Meeting.id.in_(unmarked)).order_by(Meeting.starts_at, Group.name)
            )
        ) if unmarked else ()
        org_names = dict(session.execute(select(Organisation.id, Organisation.name)).all())
        group_names = dict(session.execute(select(Group.id, Group.name)).all())
        people = dict(session.execute(select(Person.id, Person.name)).all())
    by_group, by_org = attendance_rates(entries, uncounted)
    seats = seat_rates(entries, uncounted)

    def row(r, group_name: str) -> RateRow:
        return RateRow(r.organisation_id, org_names.get(r.organisation_id, ""), r.group_id, group_name,
                       below_threshold(r.rate, limit), **r.counts())

    def order(rows: list[RateRow]) -> list[RateRow]:
        return sorted(rows, key=lambda x: (alphabetical(x.organisation_name), alphabetical(x.group_name)))

    def seat_row(r) -> SeatRow:
        who = r.seat[0]
        name = people.get(who, "") if isinstance(who, int) else str(who or "")
        return SeatRow(
            name, r.role, org_names.get(r.organisation_id, "") if r.organisation_id else "", r.group_id,
            group_names.get(r.group_id, ""), below_threshold(r.rate, limit), **r.counts(),
        )

    held = counts.get(MeetingStatus.HELD.value, 0)
    # planned and not yet past: still to come, so neither held nor left out
    to_come = counts.get(MeetingStatus.PLANNED.value, 0) - planned_but_past
    return MonitoringReport(
        date_from, date_to, limit,
        order([row(r, group_names.get(r.group_id, "")) for r in by_group]),
        order([row(r, "All groups") for r in by_org]),
        held - held_of_uncounted_kinds, sum(counts.values()) - held - to_come, planned_but_past,
        sorted((seat_row(r) for r in seats),
               key=lambda x: (alphabetical(x.group_name), alphabetical(x.organisation_name), alphabetical(x.name))),
        tuple(sorted(uncounted)), held_of_uncounted_kinds, without_register, to_come, nobody_present,
    )


def latest_period_with_data(db: Database) -> tuple[date, date] | None:
    """The financial year (1 April to 31 March) of the latest held meeting with a register,
    where attendance monitoring opens; None when no register has been filled in."""
    with db.unit_of_work() as session:
        latest = session.scalar(
            select(func.max(Meeting.starts_at))
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(
                Meeting.archived_at.is_(None), Attendance.archived_at.is_(None),
                Meeting.status == MeetingStatus.HELD.value,
            )
        )
    if latest is None:
        return None
    return financial_year_bounds(financial_year_of(latest.date()))


def _kind(value: str) -> MeetingKind:
    try:
        return MeetingKind(value)
    except ValueError:
        return MeetingKind.ORDINARY
