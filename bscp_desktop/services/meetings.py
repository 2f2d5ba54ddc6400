"""Meetings: details, series, agendas, live minutes, decisions, actions and the minutes workflow.

Attendance registers and attendance monitoring are in `services.attendance`.

Approved minutes are locked. Any command that would change what approved minutes say (the
meeting's details, an agenda item, a minute, a decision, the attendance register) is refused
unless it is given an amendment `reason`; the reason and the old and new text are then kept
as a MinutesAmendment, and the change itself lands in the change history like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Group, Organisation, Person
from bscp_desktop.db.models.meetings import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesAmendment,
    StandingItemTemplate,
)
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import financial_year_label, format_date, format_date_long
from bscp_desktop.domain.meetings import (
    DEFAULT_STANDING_ITEMS,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    StandingItem,
    can_move_minutes,
    describe_series,
    series_dates,
)
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.actions import ActionDTO, ActionFields
from bscp_desktop.services.common import get_or_raise, set_archived

MAX_MINUTES_CHARS = 200_000
# Big reads (every agenda item, for workbooks) load rows in chunks, so a worker thread never
# holds Python's lock for long and the window stays responsive while it exports.
CHUNK = 500

# ---------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class MeetingDTO:
    id: int
    group_id: int
    group_name: str
    series_id: int | None
    title: str
    kind: MeetingKind
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_link: str
    status: MeetingStatus
    chair_person_id: int | None
    chair_name: str
    minute_taker_person_id: int | None
    minute_taker_name: str
    minutes_status: MinutesStatus
    minutes_circulated_on: date | None
    minutes_approved_on: date | None
    approved_at_meeting_id: int | None
    approved_at_date: date | None
    notes: str
    archived_at: datetime | None
    item_count: int = 0
    updated_at: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def date(self) -> date:
        return self.starts_at.date()

    @property
    def name(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.group_name}, {format_date_long(self.date)}"

    @property
    def time_text(self) -> str:
        start = self.starts_at.strftime("%H:%M")
        return f"{start} to {self.ends_at.strftime('%H:%M')}" if self.ends_at else start

    @property
    def where(self) -> str:
        return ", ".join(p for p in (self.place, self.online_link) if p)

    @property
    def locked(self) -> bool:
        return self.minutes_status.locked

    @property
    def minutes_state(self) -> str:
        """"Approved on 14/12/2023 at the meeting of 14/12/2023", "Circulated on ...", "Draft"."""
        if self.minutes_status is MinutesStatus.APPROVED:
            text = f"Approved on {format_date(self.minutes_approved_on)}"
            if self.approved_at_date:
                text += f" at the meeting of {format_date(self.approved_at_date)}"
            return text
        if self.minutes_status is MinutesStatus.CIRCULATED:
            return f"Circulated on {format_date(self.minutes_circulated_on)}"
        return "Draft"


@dataclass(frozen=True)
class AgendaItemDTO:
    id: int
    meeting_id: int
    position: int
    kind: ItemKind
    title: str
    presenter: str
    paper_ref: str
    minutes_allotted: int | None
    confidential: bool
    key_focus: bool
    key_focus_summary: str
    minutes: str
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def number_title(self) -> str:
        return f"{self.position}. {self.title}"


@dataclass(frozen=True)
class DecisionDTO:
    id: int
    meeting_id: int
    agenda_item_id: int
    item_position: int
    item_title: str
    text: str
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class AmendmentDTO:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    decision_id: int | None
    reason: str
    old_text: str
    new_text: str
    made_at: datetime


@dataclass(frozen=True)
class SeriesDTO:
    id: int
    group_id: int
    group_name: str
    title: str
    financial_year: int
    rule: str
    meeting_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"{self.title} ({financial_year_label(self.financial_year)})"


@dataclass(frozen=True)
class StandingItemDTO:
    position: int
    kind: ItemKind
    title: str
    minutes_allotted: int | None


@dataclass(frozen=True)
class ActionLogRow:
    """An action with where it came from (for the action log view and exports)."""

    action: ActionDTO
    group_id: int | None
    group_name: str
    meeting_id: int | None
    meeting_date: date | None
    meeting_title: str
    item_position: int | None
    item_title: str

    @property
    def id(self) -> int:
        return self.action.id

    @property
    def archived(self) -> bool:
        return self.action.archived

    @property
    def source(self) -> str:
        if self.meeting_id is None:
            return self.action.source
        text = f"{self.group_name}, {format_date(self.meeting_date)}"
        if self.item_title:
            text += f": item {self.item_position}. {self.item_title}"
        return text


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class MeetingFields:
    group_id: int | None
    title: str
    starts_at: datetime | None
    ends_at: datetime | None = None
    kind: MeetingKind | str = MeetingKind.ORDINARY
    place: str = ""
    online_link: str = ""
    status: MeetingStatus | str = MeetingStatus.PLANNED
    chair_person_id: int | None = None
    minute_taker_person_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AgendaItemFields:
    title: str
    presenter: str = ""
    paper_ref: str = ""
    minutes_allotted: int | None = None
    confidential: bool = False
    key_focus: bool = False
    key_focus_summary: str = ""
    kind: ItemKind | str = ItemKind.ORDINARY


@dataclass(frozen=True)
class SeriesFields:
    group_id: int | None
    title: str
    financial_year: int
    first_month: int = 4
    every_months: int = 3
    weekday: int = 3  # Thursday
    nth: int = 2
    start_time: time = time(10, 0)
    end_time: time | None = time(12, 0)
    place: str = ""
    online_link: str = ""
    kind: MeetingKind | str = MeetingKind.ORDINARY
    standing_items: bool = True


# ---------------------------------------------------------------- locking and amendments


def locked_message(meeting: Meeting) -> str:
    when = format_date(meeting.minutes_approved_on)
    return (
        f"The minutes of this meeting were approved on {when}, so they are locked: "
        "to change them, make an amendment and give the reason"
    )


def guard_approved(
    session: Session,
    meeting: Meeting,
    reason: str | None,
    *,
    field: str = "minutes",
    item_id: int | None = None,
    decision_id: int | None = None,
    old: str = "",
    new: str = "",
) -> None:
    """Refuse a change to approved minutes without a reason; record the amendment with one."""
    if not MinutesStatus(meeting.minutes_status).locked:
        return
    text = clean_text(reason)
    if not text:
        raise ValidationError({field: locked_message(meeting), "reason": "Give the reason for the amendment"})
    session.add(
        MinutesAmendment(
            meeting_id=meeting.id, agenda_item_id=item_id, decision_id=decision_id,
            reason=text[:5000], old_text=old, new_text=new,
        )
    )


def list_amendments(db: Database, meeting_id: int) -> list[AmendmentDTO]:
    with db.unit_of_work() as session:
        rows = session.scalars(
            select(MinutesAmendment).where(MinutesAmendment.meeting_id == meeting_id).order_by(MinutesAmendment.id)
        )
        return [
            AmendmentDTO(a.id, a.meeting_id, a.agenda_item_id, a.decision_id, a.reason, a.old_text, a.new_text, a.created_at)
            for a in rows
        ]


# ---------------------------------------------------------------- meetings


def _meetings_query():
    chair = aliased(Person)
    taker = aliased(Person)
    approver = aliased(Meeting)
    items = (
        select(AgendaItem.meeting_id, func.count(AgendaItem.id).label("n"))
        .where(AgendaItem.archived_at.is_(None))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    return (
        select(Meeting, Group.name, chair.name, taker.name, approver.starts_at, func.coalesce(items.c.n, 0))
        .join(Group, Meeting.group_id == Group.id)
        .outerjoin(chair, Meeting.chair_person_id == chair.id)
        .outerjoin(taker, Meeting.minute_taker_person_id == taker.id)
        .outerjoin(approver, Meeting.approved_at_meeting_id == approver.id)
        .outerjoin(items, items.c.meeting_id == Meeting.id)
    )


def _meeting_dto(row) -> MeetingDTO:
    m, group_name, chair_name, taker_name, approver_start, n = row
    return MeetingDTO(
        m.id, m.group_id, group_name, m.series_id, m.title, MeetingKind(m.kind), m.starts_at, m.ends_at,
        m.place, m.online_link, MeetingStatus(m.status), m.chair_person_id, chair_name or "",
        m.minute_taker_person_id, taker_name or "", MinutesStatus(m.minutes_status),
        m.minutes_circulated_on, m.minutes_approved_on, m.approved_at_meeting_id,
        approver_start.date() if approver_start else None, m.notes, m.archived_at, int(n or 0), m.updated_at,
    )


def get_meeting_in(session: Session, meeting_id: int) -> MeetingDTO:
    row = session.execute(_meetings_query().where(Meeting.id == meeting_id)).one_or_none()
    if row is None:
        get_or_raise(session, Meeting, meeting_id, "meeting")
    return _meeting_dto(row)


def get_meeting(db: Database, meeting_id: int) -> MeetingDTO:
    with db.unit_of_work() as session:
        return get_meeting_in(session, meeting_id)


def _check_meeting(session: Session, f: MeetingFields) -> dict:
    c = Checker()
    title = c.required("title", f.title, "Title")
    try:
        kind = MeetingKind(f.kind)
    except ValueError:
        kind = MeetingKind.ORDINARY
        c.add("kind", "Choose the kind of meeting from the list")
    try:
        status = MeetingStatus(f.status)
    except ValueError:
        status = MeetingStatus.PLANNED
        c.add("status", "Choose the status from the list")
    if f.group_id is None or session.get(Group, f.group_id) is None:
        c.add("group_id", "Choose the group that meets from the list")
    if f.starts_at is None:
        c.add("starts_at", "Date and start time are required")
    if f.starts_at is not None and f.ends_at is not None and f.ends_at <= f.starts_at:
        c.add("ends_at", f"The end ({f.ends_at:%H:%M}) must be after the start ({f.starts_at:%H:%M})")
    for field, pid, label in (
        ("chair_person_id", f.chair_person_id, "chair"),
        ("minute_taker_person_id", f.minute_taker_person_id, "minute-taker"),
    ):
        if pid is not None and session.get(Person, pid) is None:
            c.add(field, f"Choose the {label} from the list of people")
    values = {
        "group_id": f.group_id,
        "title": title,
        "kind": kind.value,
        "starts_at": f.starts_at.replace(second=0, microsecond=0) if f.starts_at else None,
        "ends_at": f.ends_at.replace(second=0, microsecond=0) if f.ends_at else None,
        "place": c.optional("place", f.place, "Place", 300),
        "online_link": c.optional("online_link", f.online_link, "Online link", 500),
        "status": status.value,
        "chair_person_id": f.chair_person_id,
        "minute_taker_person_id": f.minute_taker_person_id,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
    }
    c.raise_if_any()
    return values


def create_meeting(db: Database, fields: MeetingFields, standing_items: bool = False) -> MeetingDTO:
    """A new meeting (minutes in draft); with `standing_items` its agenda starts from the
    group's standing items."""
    with db.unit_of_work() as session:
        meeting = Meeting(**_check_meeting(session, fields), minutes_status=MinutesStatus.DRAFT.value)
        session.add(meeting)
        session.flush()
        if standing_items:
            _apply_standing_items(session, meeting)
        return get_meeting_in(session, meeting.id)


def update_meeting(db: Database, meeting_id: int, fields: MeetingFields, reason: str | None = None) -> MeetingDTO:
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        values = _check_meeting(session, fields)
        changed = {k: v for k, v in values.items() if getattr(meeting, k) != v and k != "notes"}
        if changed:
            guard_approved(
                session, meeting, reason, field="meeting",
                old="; ".join(f"{k}: {getattr(meeting, k)}" for k in changed),
                new="; ".join(f"{k}: {v}" for k, v in changed.items()),
            )
        for key, value in values.items():
            if getattr(meeting, key) != value:
                setattr(meeting, key, value)
        session.flush()
        return get_meeting_in(session, meeting_id)


def set_meeting_status(db: Database, meeting_id: int, status: MeetingStatus | str) -> MeetingDTO:
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        try:
            value = MeetingStatus(status).value
        except ValueError:
            raise ValidationError({"status": "Choose the status from the list"}) from None
        if meeting.status != value:
            guard_approved(session, meeting, None, field="status")
            meeting.status = value
        session.flush()
        return get_meeting_in(session, meeting_id)


def archive_meeting(db: Database, meeting_id: int) -> None:
    set_archived(db, Meeting, meeting_id, "meeting", True)


def restore_meeting(db: Database, meeting_id: int) -> None:
    set_archived(db, Meeting, meeting_id, "meeting", False)


def list_meetings(
    db: Database,
    *,
    group_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    status: MeetingStatus | None = None,
    include_archived: bool = False,
) -> list[MeetingDTO]:
    """Meetings, newest first."""
    with db.unit_of_work() as session:
        q = _meetings_query()
        if not include_archived:
            q = q.where(Meeting.archived_at.is_(None))
        if group_id is not None:
            q = q.where(Meeting.group_id == group_id)
        if date_from is not None:
            q = q.where(Meeting.starts_at >= datetime.combine(date_from, time.min))
        if date_to is not None:
            q = q.where(Meeting.starts_at <= datetime.combine(date_to, time.max))
        if status is not None:
            q = q.where(Meeting.status == MeetingStatus(status).value)
        q = q.order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        return [_meeting_dto(row) for row in session.execute(q)]


def later_meetings_of_group(db: Database, meeting_id: int) -> list[MeetingDTO]:
    """Meetings of the same group after this one: where its minutes can be approved."""
    with db.unit_of_work() as session:
        m = get_or_raise(session, Meeting, meeting_id, "meeting")
        q = (
            _meetings_query()
            .where(Meeting.group_id == m.group_id, Meeting.starts_at > m.starts_at, Meeting.archived_at.is_(None))
            .order_by(Meeting.starts_at)
        )
        return [_meeting_dto(row) for row in session.execute(q)]


# ---------------------------------------------------------------- series


def create_series(db: Database, fields: SeriesFields) -> SeriesDTO:
    """A year of meetings on a rule (e.g. every third month on the second Thursday)."""
    c = Checker()
    title = c.required("title", fields.title, "Title")
    dates: list[date] = []
    try:
        dates = series_dates(fields.financial_year, fields.first_month, fields.every_months, fields.weekday, fields.nth)
    except ValueError as exc:
        c.add("rule", str(exc))
    if not c.errors and not dates:
        c.add("rule", "The rule gives no dates in that financial year")
    if fields.end_time is not None and fields.end_time <= fields.start_time:
        c.add("end_time", "The end time must be after the start time")
    c.raise_if_any()
    with db.unit_of_work() as session:
        if fields.group_id is None or session.get(Group, fields.group_id) is None:
            raise ValidationError({"group_id": "Choose the group that meets from the list"})
        rule = describe_series(fields.first_month, fields.every_months, fields.weekday, fields.nth)
        series = MeetingSeries(group_id=fields.group_id, title=title, financial_year=fields.financial_year, rule=rule)
        session.add(series)
        session.flush()
        for day in dates:
            values = _check_meeting(
                session,
                MeetingFields(
                    fields.group_id, title, datetime.combine(day, fields.start_time),
                    datetime.combine(day, fields.end_time) if fields.end_time else None,
                    fields.kind, fields.place, fields.online_link,
                ),
            )
            meeting = Meeting(**values, series_id=series.id, minutes_status=MinutesStatus.DRAFT.value)
            session.add(meeting)
            session.flush()
            if fields.standing_items:
                _apply_standing_items(session, meeting)
        return _series_dtos(session, [series.id])[0]


def _series_dtos(session: Session, ids: Sequence[int] | None = None) -> list[SeriesDTO]:
    q = select(MeetingSeries, Group.name).join(Group, MeetingSeries.group_id == Group.id)
    if ids is not None:
        q = q.where(MeetingSeries.id.in_(ids))
    q = q.where(MeetingSeries.archived_at.is_(None)).order_by(MeetingSeries.financial_year.desc(), MeetingSeries.id)
    rows = session.execute(q).all()
    meetings: dict[int, list[int]] = {}
    series_ids = [s.id for s, _ in rows]
    for mid, sid in session.execute(
        select(Meeting.id, Meeting.series_id)
        .where(Meeting.series_id.in_(series_ids), Meeting.archived_at.is_(None))
        .order_by(Meeting.starts_at)
    ):
        meetings.setdefault(sid, []).append(mid)
    return [
        SeriesDTO(s.id, s.group_id, gname, s.title, s.financial_year, s.rule, tuple(meetings.get(s.id, ())))
        for s, gname in rows
    ]


def get_series(db: Database, series_id: int) -> SeriesDTO:
    with db.unit_of_work() as session:
        get_or_raise(session, MeetingSeries, series_id, "meeting series")
        found = _series_dtos(session, [series_id])
        if not found:
            raise ValidationError({"series": "That series has been archived"})
        return found[0]


def list_series(db: Database) -> list[SeriesDTO]:
    with db.unit_of_work() as session:
        return _series_dtos(session)


# ---------------------------------------------------------------- agenda


def _item_dto(i: AgendaItem) -> AgendaItemDTO:
    return AgendaItemDTO(
        i.id, i.meeting_id, i.position, ItemKind(i.kind), i.title, i.presenter, i.paper_ref,
        i.minutes_allotted, i.confidential, i.key_focus, i.key_focus_summary, i.minutes, i.archived_at,
    )


def _live_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id, AgendaItem.archived_at.is_(None))
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def _renumber(items: Sequence[AgendaItem]) -> None:
    for n, item in enumerate(items, start=1):
        if item.position != n:
            item.position = n


def _check_item(f: AgendaItemFields) -> dict:
    c = Checker()
    title = c.required("title", f.title, "Title", 300)
    try:
        kind = ItemKind(f.kind)
    except ValueError:
        kind = ItemKind.ORDINARY
        c.add("kind", "Choose the kind of item from the list")
    if f.minutes_allotted is not None and not (0 <= f.minutes_allotted <= 600):
        c.add("minutes_allotted", "Time allotted must be from 0 to 600 minutes")
    summary = c.optional("key_focus_summary", f.key_focus_summary, "Key area of focus summary", 500)
    if "\n" in summary:
        summary = " ".join(summary.split())
    if f.key_focus and not summary:
        c.add("key_focus_summary", "Give a one-line summary of the key area of focus")
    values = {
        "title": title,
        "kind": kind.value,
        "presenter": c.optional("presenter", f.presenter, "Presenter", 200),
        "paper_ref": c.optional("paper_ref", f.paper_ref, "Paper reference", 100),
        "minutes_allotted": f.minutes_allotted,
        "confidential": bool(f.confidential),
        "key_focus": bool(f.key_focus),
        "key_focus_summary": summary,
    }
    c.raise_if_any()
    return values


# Agenda fields that are part of the minutes; the key-area-of-focus flag and summary are
# reporting labels for the yearly report and may be set after approval.
_MINUTED_ITEM_FIELDS = ("title", "kind", "presenter", "paper_ref", "minutes_allotted", "confidential")


def list_agenda(db: Database, meeting_id: int, include_archived: bool = False) -> list[AgendaItemDTO]:
    with db.unit_of_work() as session:
        q = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        if not include_archived:
            q = q.where(AgendaItem.archived_at.is_(None))
        q = q.order_by(AgendaItem.archived_at.is_not(None), AgendaItem.position, AgendaItem.id)
        return [_item_dto(i) for i in session.scalars(q)]


def get_agenda_item(db: Database, item_id: int) -> AgendaItemDTO:
    with db.unit_of_work() as session:
        return _item_dto(get_or_raise(session, AgendaItem, item_id, "agenda item"))


def add_agenda_item(
    db: Database, meeting_id: int, fields: AgendaItemFields, reason: str | None = None, position: int | None = None
) -> AgendaItemDTO:
    """Add an item at the end of the agenda (or at `position`, 1-based)."""
    values = _check_item(fields)
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        guard_approved(session, meeting, reason, field="agenda", new=values["title"])
        items = _live_items(session, meeting_id)
        item = AgendaItem(meeting_id=meeting_id, position=len(items) + 1, **values)
        session.add(item)
        where = len(items) if position is None else max(0, min(position - 1, len(items)))
        items.insert(where, item)
        _renumber(items)
        session.flush()
        return _item_dto(item)


def update_agenda_item(db: Database, item_id: int, fields: AgendaItemFields, reason: str | None = None) -> AgendaItemDTO:
    values = _check_item(fields)
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        meeting = session.get(Meeting, item.meeting_id)
        changed = [k for k in _MINUTED_ITEM_FIELDS if getattr(item, k) != values[k]]
        if changed:
            guard_approved(
                session, meeting, reason, field="agenda", item_id=item.id,
                old="; ".join(f"{k}: {getattr(item, k)}" for k in changed),
                new="; ".join(f"{k}: {values[k]}" for k in changed),
            )
        for key, value in values.items():
            if getattr(item, key) != value:
                setattr(item, key, value)
        session.flush()
        return _item_dto(item)


def set_key_focus(db: Database, item_id: int, key_focus: bool, summary: str = "") -> AgendaItemDTO:
    """Flag an item as a key area of focus (for the yearly report), even after approval."""
    c = Checker()
    text = " ".join(c.optional("key_focus_summary", summary, "Key area of focus summary", 500).split())
    if key_focus and not text:
        c.add("key_focus_summary", "Give a one-line summary of the key area of focus")
    c.raise_if_any()
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.key_focus != key_focus:
            item.key_focus = key_focus
        if item.key_focus_summary != text:
            item.key_focus_summary = text
        session.flush()
        return _item_dto(item)


def move_agenda_item(db: Database, item_id: int, steps: int, reason: str | None = None) -> list[AgendaItemDTO]:
    """Move an item up (negative) or down (positive) the agenda; returns the new order."""
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        items = _live_items(session, item.meeting_id)
        if item not in items:
            raise ValidationError({"agenda": "An archived item cannot be moved; restore it first"})
        old = items.index(item)
        new = max(0, min(len(items) - 1, old + steps))
        if new != old:
            meeting = session.get(Meeting, item.meeting_id)
            guard_approved(session, meeting, reason, field="agenda", item_id=item.id,
                   old=f"position {old + 1}", new=f"position {new + 1}")
            items.insert(new, items.pop(old))
            _renumber(items)
        session.flush()
        return [_item_dto(i) for i in items]


def reorder_agenda(db: Database, meeting_id: int, item_ids: Sequence[int], reason: str | None = None) -> list[AgendaItemDTO]:
    """Put the agenda in the given order (for drag and drop). Every live item must be listed once."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        items = _live_items(session, meeting_id)
        by_id = {i.id: i for i in items}
        if sorted(item_ids) != sorted(by_id):
            raise ValidationError({"agenda": "The new order must list every item of the agenda once"})
        if list(item_ids) != [i.id for i in items]:
            guard_approved(session, meeting, reason, field="agenda", old="order changed", new="order changed")
            ordered = [by_id[i] for i in item_ids]
            _renumber(ordered)
            items = ordered
        session.flush()
        return [_item_dto(i) for i in items]


def archive_agenda_item(db: Database, item_id: int, reason: str | None = None) -> None:
    """Take an item off the agenda. It stays in the records (with its minutes) and can be restored."""
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.archived_at is not None:
            return
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="agenda", item_id=item.id, old=item.title, new="(removed)")
        item.archived_at = utcnow()
        session.flush()
        _renumber(_live_items(session, item.meeting_id))


def restore_agenda_item(db: Database, item_id: int, reason: str | None = None) -> AgendaItemDTO:
    """Put an archived item back, at the end of the agenda."""
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.archived_at is None:
            return _item_dto(item)
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="agenda", item_id=item.id, old="(removed)", new=item.title)
        items = _live_items(session, item.meeting_id)
        item.archived_at = None
        item.position = len(items) + 1
        session.flush()
        return _item_dto(item)


# -- standing items


def _template(session: Session, group_id: int) -> list[StandingItem]:
    rows = session.scalars(
        select(StandingItemTemplate)
        .where(StandingItemTemplate.group_id == group_id, StandingItemTemplate.archived_at.is_(None))
        .order_by(StandingItemTemplate.position, StandingItemTemplate.id)
    ).all()
    if not rows:
        return list(DEFAULT_STANDING_ITEMS)
    return [StandingItem(r.title, ItemKind(r.kind), r.minutes_allotted) for r in rows]


def list_standing_items(db: Database, group_id: int) -> list[StandingItemDTO]:
    """The group's standing items (the program's default set until the team sets its own)."""
    with db.unit_of_work() as session:
        get_or_raise(session, Group, group_id, "group")
        return [StandingItemDTO(n, s.kind, s.title, s.minutes_allotted) for n, s in enumerate(_template(session, group_id), 1)]


def set_standing_items(db: Database, group_id: int, items: Sequence[StandingItem]) -> list[StandingItemDTO]:
    """Replace a group's standing items (old rows are archived, so the history keeps them)."""
    c = Checker()
    cleaned: list[StandingItem] = []
    for n, s in enumerate(items, 1):
        title = c.required(f"item_{n}", s.title, f"Title of standing item {n}", 300)
        try:
            kind = ItemKind(s.kind)
        except ValueError:
            kind = ItemKind.ORDINARY
            c.add(f"item_{n}", f"Standing item {n} has an unknown kind")
        if s.minutes_allotted is not None and not (0 <= s.minutes_allotted <= 600):
            c.add(f"item_{n}", f"Time allotted to standing item {n} must be from 0 to 600 minutes")
        cleaned.append(StandingItem(title, kind, s.minutes_allotted))
    c.raise_if_any()
    with db.unit_of_work() as session:
        get_or_raise(session, Group, group_id, "group")
        now = utcnow()
        for row in session.scalars(
            select(StandingItemTemplate).where(
                StandingItemTemplate.group_id == group_id, StandingItemTemplate.archived_at.is_(None)
            )
        ):
            row.archived_at = now
        for n, s in enumerate(cleaned, 1):
            session.add(
                StandingItemTemplate(
                    group_id=group_id, position=n, kind=s.kind.value, title=s.title, minutes_allotted=s.minutes_allotted
                )
            )
        session.flush()
        return [StandingItemDTO(n, s.kind, s.title, s.minutes_allotted) for n, s in enumerate(cleaned, 1)]


def _apply_standing_items(session: Session, meeting: Meeting) -> int:
    items = _live_items(session, meeting.id)
    have_kinds = {i.kind for i in items if i.kind != ItemKind.ORDINARY.value}
    have_titles = {i.title.casefold() for i in items}
    head: list[AgendaItem] = []
    tail: list[AgendaItem] = []
    for s in _template(session, meeting.group_id):
        present = s.kind.value in have_kinds if s.kind is not ItemKind.ORDINARY else s.title.casefold() in have_titles
        if present:
            continue
        new = AgendaItem(
            meeting_id=meeting.id, kind=s.kind.value, title=s.title, minutes_allotted=s.minutes_allotted, position=0
        )
        session.add(new)
        (tail if s.kind is ItemKind.AOB else head).append(new)
    _renumber(head + items + tail)
    session.flush()
    return len(head) + len(tail)


def apply_standing_items(db: Database, meeting_id: int, reason: str | None = None) -> int:
    """Add the group's standing items the agenda does not have yet (any other business last).
    Returns how many were added."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        guard_approved(session, meeting, reason, field="agenda", new="standing items added")
        return _apply_standing_items(session, meeting)


def copy_last_agenda(db: Database, meeting_id: int, reason: str | None = None) -> tuple[int, MeetingDTO]:
    """Copy the agenda of the group's last earlier meeting (titles, presenters, times and
    flags; not minutes, papers or key areas of focus). Standing items already on this agenda
    are not repeated. Returns (items copied, the meeting copied from)."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        has_items = (
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.archived_at.is_(None))
            .exists()
        )
        source = session.scalar(
            select(Meeting)
            .where(
                Meeting.group_id == meeting.group_id,
                Meeting.starts_at < meeting.starts_at,
                Meeting.archived_at.is_(None),
                Meeting.id != meeting.id,
                has_items,
            )
            .order_by(Meeting.starts_at.desc())
            .limit(1)
        )
        if source is None:
            group = session.get(Group, meeting.group_id)
            raise ValidationError({"agenda": f"There is no earlier meeting of {group.name} with an agenda to copy"})
        guard_approved(session, meeting, reason, field="agenda", new=f"agenda copied from meeting {source.id}")
        items = _live_items(session, meeting.id)
        have_kinds = {i.kind for i in items if i.kind != ItemKind.ORDINARY.value}
        copied = []
        for s in _live_items(session, source.id):
            if s.kind != ItemKind.ORDINARY.value and s.kind in have_kinds:
                continue
            copied.append(
                AgendaItem(
                    meeting_id=meeting.id, kind=s.kind, title=s.title, presenter=s.presenter,
                    minutes_allotted=s.minutes_allotted, confidential=s.confidential, position=0,
                )
            )
        for item in copied:
            session.add(item)
        # Keep any other business last.
        aob = [i for i in items if i.kind == ItemKind.AOB.value]
        rest = [i for i in items if i.kind != ItemKind.AOB.value]
        _renumber(rest + copied + aob)
        session.flush()
        return len(copied), get_meeting_in(session, source.id)


# ---------------------------------------------------------------- live minutes


@dataclass(frozen=True)
class MinutesSaved:
    item_id: int
    length: int
    changed: bool


def save_item_minutes(db: Database, item_id: int, text: str, reason: str | None = None) -> MinutesSaved:
    """Save the minutes of one agenda item (the live editor calls this as the officer types).

    One small transaction. Nothing is written when the text is unchanged. Refused for
    approved minutes unless `reason` is given (then recorded as an amendment).
    """
    text = "" if text is None else str(text)
    if len(text) > MAX_MINUTES_CHARS:
        raise ValidationError({"minutes": f"The minutes of one item can be at most {MAX_MINUTES_CHARS:,} characters"})
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.minutes == text:
            return MinutesSaved(item_id, len(text), False)
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="minutes", item_id=item.id, old=item.minutes, new=text)
        item.minutes = text
        return MinutesSaved(item_id, len(text), True)


def amend_minutes(db: Database, item_id: int, text: str, reason: str) -> MinutesSaved:
    """Change the minutes of an item of approved minutes, with the reason kept."""
    if not clean_text(reason):
        raise ValidationError({"reason": "Give the reason for the amendment"})
    return save_item_minutes(db, item_id, text, reason=reason)


# ---------------------------------------------------------------- decisions


def _decision_query():
    return select(Decision, AgendaItem.position, AgendaItem.title).join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)


def _decision_dto(row) -> DecisionDTO:
    d, pos, title = row
    return DecisionDTO(d.id, d.meeting_id, d.agenda_item_id, pos, title, d.text, d.archived_at)


def add_decision(db: Database, item_id: int, text: str, reason: str | None = None) -> DecisionDTO:
    c = Checker()
    body = c.required("text", text, "Decision", 5000)
    c.raise_if_any()
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="text", item_id=item.id, new=body)
        d = Decision(meeting_id=item.meeting_id, agenda_item_id=item.id, text=body)
        session.add(d)
        session.flush()
        return _decision_dto(session.execute(_decision_query().where(Decision.id == d.id)).one())


def update_decision(db: Database, decision_id: int, text: str, reason: str | None = None) -> DecisionDTO:
    c = Checker()
    body = c.required("text", text, "Decision", 5000)
    c.raise_if_any()
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.text != body:
            meeting = session.get(Meeting, d.meeting_id)
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id, old=d.text, new=body)
            d.text = body
        session.flush()
        return _decision_dto(session.execute(_decision_query().where(Decision.id == d.id)).one())


def archive_decision(db: Database, decision_id: int, reason: str | None = None) -> None:
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.archived_at is None:
            meeting = session.get(Meeting, d.meeting_id)
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id, old=d.text, new="(withdrawn)")
            d.archived_at = utcnow()


def list_decisions(db: Database, meeting_id: int | None = None, include_archived: bool = False) -> list[DecisionDTO]:
    """Decisions of one meeting (or of every meeting), in agenda order."""
    with db.unit_of_work() as session:
        q = _decision_query()
        if meeting_id is not None:
            q = q.where(Decision.meeting_id == meeting_id)
        if not include_archived:
            q = q.where(Decision.archived_at.is_(None))
        q = q.order_by(Decision.meeting_id, AgendaItem.position, Decision.id).execution_options(yield_per=CHUNK)
        return [_decision_dto(row) for row in session.execute(q)]


# ---------------------------------------------------------------- actions


def add_item_action(db: Database, item_id: int, fields: ActionFields, reason: str | None = None) -> ActionDTO:
    """Record an action against an agenda item; it goes into the one action log."""
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="description", item_id=item.id, new=fields.description)
        action = action_log.add_action(session, fields, {"meeting_id": meeting.id, "agenda_item_id": item.id})
        return action_log.get_action_in(session, action.id)


def list_meeting_actions(db: Database, meeting_id: int) -> list[ActionDTO]:
    """Actions recorded at this meeting."""
    return action_log.list_actions(db, links={"meeting_id": meeting_id})


def _meeting_info(session: Session, meeting_ids: set[int], item_ids: set[int]):
    meetings = {
        mid: (gid, gname, start, title)
        for mid, gid, gname, start, title in session.execute(
            select(Meeting.id, Meeting.group_id, Group.name, Meeting.starts_at, Meeting.title)
            .join(Group, Meeting.group_id == Group.id)
            .where(Meeting.id.in_(meeting_ids))
        )
    } if meeting_ids else {}
    items = {
        iid: (pos, title)
        for iid, pos, title in session.execute(
            select(AgendaItem.id, AgendaItem.position, AgendaItem.title).where(AgendaItem.id.in_(item_ids))
        )
    } if item_ids else {}
    return meetings, items


def _log_rows(session: Session, actions: Sequence[ActionDTO]) -> list[ActionLogRow]:
    meeting_ids = {a.links.get("meeting_id") for a in actions} - {None}
    item_ids = {a.links.get("agenda_item_id") for a in actions} - {None}
    meetings, items = _meeting_info(session, meeting_ids, item_ids)
    rows = []
    for a in actions:
        mid = a.links.get("meeting_id")
        iid = a.links.get("agenda_item_id")
        gid, gname, start, mtitle = meetings.get(mid, (None, "", None, ""))
        pos, ititle = items.get(iid, (None, ""))
        rows.append(ActionLogRow(a, gid, gname, mid, start.date() if start else None, mtitle, pos, ititle))
    return rows


def list_action_log(
    db: Database,
    *,
    group_id: int | None = None,
    owner_person_id: int | None = None,
    owner_organisation_id: int | None = None,
    status: ActionStatus | None = None,
    overdue_on: date | None = None,
    include_archived: bool = False,
) -> list[ActionLogRow]:
    """The one action log with where each action came from; filter by the meeting's group,
    owner, status and overdue (not done or dropped and past its due date)."""
    actions = action_log.list_actions(
        db, status=status, owner_person_id=owner_person_id, owner_organisation_id=owner_organisation_id,
        overdue_on=overdue_on, include_archived=include_archived,
    )
    with db.unit_of_work() as session:
        rows = _log_rows(session, actions)
    if group_id is not None:
        rows = [r for r in rows if r.group_id == group_id]
    return rows


def open_actions_for_review(db: Database, meeting_id: int) -> list[ActionLogRow]:
    """Open and in-progress actions from the group's earlier meetings: what the meeting's
    action log review item goes through. A live query, never copies."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        earlier = select(Meeting.id).where(
            Meeting.group_id == meeting.group_id, Meeting.starts_at < meeting.starts_at, Meeting.id != meeting.id
        )
        ids = list(
            session.scalars(
                select(Action.id).where(
                    Action.meeting_id.in_(earlier),
                    Action.archived_at.is_(None),
                    Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
                )
            )
        )
        actions = sorted(
            action_log.actions_in(session, ids),
            key=lambda a: (a.due_date is None, a.due_date or date.max, a.id),
        )
        return _log_rows(session, actions)


# ---------------------------------------------------------------- minutes workflow


def circulate_minutes(db: Database, meeting_id: int, on: date | None = None) -> MeetingDTO:
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        _move(meeting, MinutesStatus.CIRCULATED)
        meeting.minutes_circulated_on = on or date.today()
        session.flush()
        return get_meeting_in(session, meeting_id)


def return_minutes_to_draft(db: Database, meeting_id: int) -> MeetingDTO:
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        _move(meeting, MinutesStatus.DRAFT)
        session.flush()
        return get_meeting_in(session, meeting_id)


def approve_minutes(db: Database, meeting_id: int, approved_at_meeting_id: int | None, on: date | None = None) -> MeetingDTO:
    """Approve the minutes at a later meeting of the same group; they are locked from then."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        c = Checker()
        approver = session.get(Meeting, approved_at_meeting_id) if approved_at_meeting_id is not None else None
        if approver is None:
            c.add("approved_at_meeting_id", "Choose the later meeting at which the minutes were approved")
        elif approver.group_id != meeting.group_id or approver.starts_at <= meeting.starts_at:
            c.add("approved_at_meeting_id", "Minutes are approved at a later meeting of the same group")
        c.raise_if_any()
        _move(meeting, MinutesStatus.APPROVED)
        meeting.approved_at_meeting_id = approver.id
        meeting.minutes_approved_on = on or approver.starts_at.date()
        if meeting.minutes_circulated_on is None:
            meeting.minutes_circulated_on = meeting.minutes_approved_on
        session.flush()
        return get_meeting_in(session, meeting_id)


def _move(meeting: Meeting, target: MinutesStatus) -> None:
    current = MinutesStatus(meeting.minutes_status)
    if current is target:
        return
    if not can_move_minutes(current, target):
        if current is MinutesStatus.APPROVED:
            raise ValidationError({"minutes": locked_message(meeting)})
        raise ValidationError({"minutes": f"Minutes cannot go from {current.label.lower()} to {target.label.lower()}"})
    meeting.minutes_status = target.value


# ---------------------------------------------------------------- everything, for workbooks and reports


@dataclass(frozen=True)
class MeetingRow:
    """One agenda item with its meeting, for the workbook."""

    meeting_id: int
    meeting_date: date
    group_name: str
    item: AgendaItemDTO


def list_all_agenda_items(db: Database, meeting_ids: Sequence[int] | None = None) -> list[MeetingRow]:
    with db.unit_of_work() as session:
        q = (
            select(AgendaItem, Meeting.starts_at, Group.name)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .join(Group, Meeting.group_id == Group.id)
            .where(AgendaItem.archived_at.is_(None), Meeting.archived_at.is_(None))
        )
        if meeting_ids is not None:
            q = q.where(AgendaItem.meeting_id.in_(meeting_ids))
        q = q.order_by(Meeting.starts_at, Meeting.id, AgendaItem.position).execution_options(yield_per=CHUNK)
        return [MeetingRow(i.meeting_id, start.date(), g, _item_dto(i)) for i, start, g in session.execute(q)]


def key_areas_of_focus(db: Database, date_from: date | None = None, date_to: date | None = None) -> list[tuple[MeetingDTO, list[str]]]:
    """Meetings held in a period with their key areas of focus (the yearly report's table)."""
    meetings = [m for m in list_meetings(db, date_from=date_from, date_to=date_to) if m.status is MeetingStatus.HELD]
    meetings.sort(key=lambda m: m.starts_at)
    by_meeting: dict[int, list[str]] = {}
    for row in list_all_agenda_items(db, [m.id for m in meetings]):
        if row.item.key_focus:
            by_meeting.setdefault(row.meeting_id, []).append(row.item.key_focus_summary or row.item.title)
    return [(m, by_meeting.get(m.id, [])) for m in meetings]


def owner_choices(db: Database) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(people, organisations) as (label, id) for owner pickers."""
    with db.unit_of_work() as session:
        people = [
            (name + (f" ({org})" if org else ""), pid)
            for pid, name, org in session.execute(
                select(Person.id, Person.name, Organisation.name)
                .outerjoin(Organisation, Person.organisation_id == Organisation.id)
                .where(Person.archived_at.is_(None))
                .order_by(func.lower(Person.name))
            )
        ]
        orgs = [
            (name, oid)
            for oid, name in session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.archived_at.is_(None))
                .order_by(func.lower(Organisation.name))
            )
        ]
    return people, orgs
