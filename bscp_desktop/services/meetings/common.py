"""Reads every meetings module shares, and the guard that locks approved minutes.

Approved minutes are locked. Any command that would change what approved minutes say (the
meeting's details, an agenda item, a minute, a decision, the attendance register) is refused
unless it is given an amendment `reason`; the reason and the old and new text are then kept
as a MinutesAmendment, and the change itself lands in the change history like any other.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db import engines
from bscp_desktop.db.models import Group, Person
from bscp_desktop.db.models.meetings import AgendaItem, Meeting, MinutesAmendment
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingKind, MeetingStatus, MinutesStatus
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services.common import get_or_raise
from bscp_desktop.services.meetings.dtos import AgendaItemDTO, MeetingDTO

# ---------------------------------------------------------------- locking and amendments

MAX_REASON = 5000  # characters of an amendment's reason


def locked_message(meeting: Meeting) -> str:
    when = format_date(meeting.minutes_approved_on)
    return (
        f"The minutes of this meeting were approved on {when}, so they are locked: "
        "to change them, make an amendment and give the reason"
    )


#: What a write to a meeting's records decides from: whether its minutes are approved, and since when.
_DECIDED_FROM = ("minutes_status", "minutes_approved_on")


def hold_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, its row held until this transaction ends (`engines.hold_rows`) and its
    minutes' status read as it then stands. Every write that depends on that status (a
    minute, a decision, the register, the approval itself) or on the meeting being taken
    offline (`db/offline_guard.py`) holds it first: one that comes while another program
    approves the minutes or takes the meeting offline waits for it, and is then judged by
    what that program saved."""
    held = engines.hold_rows(session, Meeting, [meeting_id])
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    if held:  # read before the row was held: what another program committed meanwhile
        with session.no_autoflush:
            session.refresh(meeting, _DECIDED_FROM)
    return meeting


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
) -> MinutesAmendment | None:
    """Refuse a change to approved minutes without a reason; record the amendment with one (and
    give it back, for a caller whose words are cleaned as they are saved). The meeting's row is
    held first (`hold_meeting`), so minutes approved by another program meanwhile are seen."""
    hold_meeting(session, meeting.id)
    if not MinutesStatus(meeting.minutes_status).locked:
        return None
    text = clean_text(reason)
    if not text:
        raise ValidationError({field: locked_message(meeting), "reason": "Give the reason for the amendment"})
    c = Checker()  # kept whole or refused, as the window that asks for it says
    c.optional("reason", text, "Reason", MAX_REASON)
    c.raise_if_any()
    amendment = MinutesAmendment(meeting_id=meeting.id, agenda_item_id=item_id, decision_id=decision_id,
                                 reason=text, old_text=old, new_text=new)
    session.add(amendment)
    from bscp_desktop.services.offline.marks import refuse_amending_another_meeting  # (it reads meetings)

    refuse_amending_another_meeting(session)  # an offline copy takes back only its own meeting's minutes
    return amendment


def refuse_if_archived(meeting: Meeting, field: str, to_do: str) -> None:
    """Refuse a change to the minutes of an archived meeting (someone may have archived it
    while the officer was typing): their words, decisions and actions, its agenda, its register
    and their workflow. It is out of view until restored."""
    if meeting.archived_at is not None:
        raise ValidationError({field: f"The meeting of {meeting.starts_at:%d/%m/%Y} is archived: restore it first "
                                      f"to {to_do}"})


def refuse_if_called_off(meeting: Meeting, field: str, to_do: str) -> None:
    """Refuse new minutes, decisions, actions or attendance at a meeting marked cancelled or
    postponed: it did not take place, so there is nothing to minute."""
    status = MeetingStatus(meeting.status)
    if status.called_off:
        raise ValidationError({field: f"The meeting of {meeting.starts_at:%d/%m/%Y} is marked {status.label.lower()}, "
                                      f"so it did not take place: change its status first to {to_do}"})


# ---------------------------------------------------------------- meetings


def meetings_query():
    chair = aliased(Person)
    taker = aliased(Person)
    approver = aliased(Meeting)
    # counted for each meeting read, through the index (one meeting does not count ten years' items)
    items = (
        select(func.count(AgendaItem.id))
        .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.archived_at.is_(None))
        .correlate(Meeting)
        .scalar_subquery()
    )
    return (
        select(Meeting, Group.name, chair.name, taker.name, approver.starts_at, items)
        .join(Group, Meeting.group_id == Group.id)
        .outerjoin(chair, Meeting.chair_person_id == chair.id)
        .outerjoin(taker, Meeting.minute_taker_person_id == taker.id)
        .outerjoin(approver, Meeting.approved_at_meeting_id == approver.id)
    )


def meeting_dto(row) -> MeetingDTO:
    m, group_name, chair_name, taker_name, approver_start, n = row
    return MeetingDTO(
        m.id, m.group_id, group_name, m.series_id, m.title, MeetingKind(m.kind), m.starts_at, m.ends_at,
        m.place, m.online_link, MeetingStatus(m.status), m.chair_person_id, chair_name or "",
        m.minute_taker_person_id, taker_name or "", MinutesStatus(m.minutes_status),
        m.minutes_circulated_on, m.minutes_approved_on, m.approved_at_meeting_id,
        approver_start.date() if approver_start else None, m.notes, int(n or 0), m.updated_at,
        ApprovalMethod(m.minutes_approval_method) if m.minutes_approval_method else None, m.minutes_approved_by,
        m.key_focus, version=m.version, archived_at=m.archived_at,
    )


def get_meeting_in(session: Session, meeting_id: int) -> MeetingDTO:
    row = session.execute(meetings_query().where(Meeting.id == meeting_id)).one_or_none()
    if row is None:
        get_or_raise(session, Meeting, meeting_id, "meeting")
    return meeting_dto(row)


# ---------------------------------------------------------------- agenda


def item_dto(i: AgendaItem) -> AgendaItemDTO:
    return AgendaItemDTO(
        i.id, i.meeting_id, i.position, ItemKind(i.kind), i.title, i.presenter, i.paper_ref,
        i.minutes_allotted, i.confidential, i.key_focus, i.key_focus_summary, i.minutes, version=i.version,
        archived_at=i.archived_at,
    )


def item_on_agenda(session: Session, item_id: int) -> AgendaItem:
    """The agenda item a decision or an action is recorded against: one taken off the agenda
    is refused (its minutes would not show them), and so is one of a meeting cancelled or
    postponed."""
    item = get_or_raise(session, AgendaItem, item_id, "agenda item")
    if item.archived_at is not None:
        raise ValidationError({"agenda": f"The item '{item.title}' was taken off the agenda: restore it first to "
                                         "record a decision or an action against it"})
    refuse_if_called_off(session.get(Meeting, item.meeting_id), "agenda", "record a decision or an action at it")
    return item


def live_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id, AgendaItem.archived_at.is_(None))
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def renumber(items: Sequence[AgendaItem]) -> None:
    for n, item in enumerate(items, start=1):
        if item.position != n:
            item.position = n


