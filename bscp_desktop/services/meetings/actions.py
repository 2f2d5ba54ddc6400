"""Actions recorded at meetings (in the one action log), and how the log says where they came
from: "Safeguarding Children Forum, 14/03/2024: item 3. Partner updates"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Group, Organisation, Person
from bscp_desktop.db.models.meetings import AgendaItem, Meeting
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.domain.validation import ValidationError, clean_text, local_time
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.actions import ActionDTO, ActionFields, ActionSource, describes_actions
from bscp_desktop.services.common import get_or_raise, read
from bscp_desktop.services.history import ChangeQuery, iter_changes
from bscp_desktop.services.meetings.common import guard_approved, item_on_agenda, refuse_if_archived, refuse_if_called_off
from bscp_desktop.services.meetings.dtos import decision_line


def _meeting_archived(session: Session, action: Action) -> str:
    """Why an archived action raised at a meeting stays archived: the meeting is archived, or the
    agenda item it was raised under was taken off the agenda (its minutes would not show it, as
    a new action is refused there); "" when neither. A meeting marked cancelled or postponed
    since refuses it outright (`refuse_if_called_off`), as it refuses a new action."""
    meeting = session.get(Meeting, action.meeting_id)
    if meeting is not None and meeting.archived_at is not None:
        return f"The meeting of {meeting.starts_at:%d/%m/%Y} this action was raised at is archived: restore it first"
    if meeting is not None:
        refuse_if_called_off(meeting, "meeting_id", "restore an action raised at it")
    item = session.get(AgendaItem, action.agenda_item_id) if action.agenda_item_id is not None else None
    if item is not None and item.archived_at is not None:
        return f"The item '{item.title}' this action was raised under was taken off the agenda: restore it first"
    return ""


def _minuted_line(session: Session, values: Mapping[str, Any] | None) -> str:
    """An action as the minutes give it (its description, owner and due date), for an
    amendment; "(withdrawn)" when it is archived."""
    if values is None:
        return "(withdrawn)"
    person = session.get(Person, values["owner_person_id"]) if values["owner_person_id"] else None
    organisation = session.get(Organisation, values["owner_organisation_id"]) if values["owner_organisation_id"] else None
    owner = ", ".join(n for n in (person.name if person else "", organisation.name if organisation else "") if n)
    return "Action: " + decision_line(values["description"], owner, values["due_date"])


def _amend_minutes(session: Session, action: Action, was: Mapping[str, Any] | None, now: Mapping[str, Any] | None,
                   reason: str | None) -> None:
    """What approved minutes say of an action they record (its description, owner and due
    date; whether it is there at all) changes only as an amendment with a reason, as a
    decision's does."""
    meeting = session.get(Meeting, action.meeting_id)
    if meeting is None or not MinutesStatus(meeting.minutes_status).locked:
        return
    if not clean_text(reason):  # the action log does not say which minutes: this does
        doing = ("archiving it" if now is None else "restoring it" if was is None
                 else "changing its description, owner or due date")
        group = session.get(Group, meeting.group_id)
        raise ValidationError({
            "description": f"This action is recorded in the minutes of the {group.name} meeting of "
                           f"{meeting.starts_at:%d/%m/%Y}, approved on {format_date(meeting.minutes_approved_on)}: "
                           f"{doing} is an amendment to them and needs a reason",
            "reason": "Give the reason for the amendment"})
    guard_approved(session, meeting, reason, field="description", item_id=action.agenda_item_id,
                   old=_minuted_line(session, was), new=_minuted_line(session, now))


@describes_actions(RecordKind.MEETINGS, "meeting_id", held=_meeting_archived, amend=_amend_minutes)
def meeting_sources(session: Session, actions: Sequence[ActionDTO]) -> dict[int, ActionSource]:
    """'Group, dd/mm/yyyy: item N. Title' for actions recorded at meetings (one query), each
    saying whether the meeting's approved minutes keep it as it is (`ActionSource.locked`)."""
    rows = session.execute(
        select(Action.id, Group.id, Group.name, Meeting.starts_at, AgendaItem.position, AgendaItem.title,
               Meeting.minutes_status)
        .join(Meeting, Action.meeting_id == Meeting.id)
        .join(Group, Meeting.group_id == Group.id)
        .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
        .where(Action.id.in_([a.id for a in actions]))
    )
    sources = {}
    for action_id, group_id, group, starts, position, title, minutes_status in rows:
        label = f"{group}, {starts:%d/%m/%Y}" + (f": item {position}. {title}" if title else "")
        sources[action_id] = ActionSource(RecordKind.MEETINGS, label, group_id, group, starts.date(),
                                          locked=MinutesStatus(minutes_status).locked)
    return sources


def add_item_action(db: Database, item_id: int, fields: ActionFields, reason: str | None = None) -> ActionDTO:
    """Record an action against an agenda item; it goes into the one action log."""
    with db.unit_of_work() as session:
        item = item_on_agenda(session, item_id)
        meeting = session.get(Meeting, item.meeting_id)
        refuse_if_archived(meeting, "description", "record an action")
        guard_approved(session, meeting, reason, field="description", item_id=item.id, new=fields.description)
        action = action_log.add_action(session, fields, {"meeting_id": meeting.id, "agenda_item_id": item.id},
                                       raised_on=meeting.starts_at.date())
        return action_log.get_action_in(session, action.id)


def meeting_actions_in(session: Session, meeting_id: int) -> list[ActionDTO]:
    return action_log.actions_where_in(session, links={"meeting_id": meeting_id})


def list_meeting_actions(db: Database, meeting_id: int) -> list[ActionDTO]:
    """Actions recorded at this meeting."""
    return read(db, meeting_actions_in, meeting_id)


def open_actions_for_review_in(session: Session, meeting_id: int) -> list[ActionDTO]:
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
    return sorted(
        action_log.actions_in(session, ids),
        key=lambda a: (a.due_date is None, a.due_date or date.max, a.id),
    )


def open_actions_for_review(db: Database, meeting_id: int) -> list[ActionDTO]:
    """Open and in-progress actions from the group's earlier meetings: what the meeting's
    action log review item goes through. A live query, never copies."""
    with db.unit_of_work() as session:
        return open_actions_for_review_in(session, meeting_id)


def open_actions_on_its_day(db: Database, meeting_id: int) -> list[ActionDTO] | None:
    """The actions from the group's earlier meetings that were open on this meeting's day, as
    its approved minutes record them (not a live list): those open or in progress now, those
    done after that day (`completed_on`), and those dropped after it (when the change history
    dates the drop), each with its status as it stood that day where the history says so
    (else open). Actions archived since are left out, as the live list leaves them out.

    None when that cannot be told: an action done with no completion date, or dropped with no
    dated change of its status in the history."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        day = meeting.starts_at.date()
        earlier = select(Meeting.id).where(
            Meeting.group_id == meeting.group_id, Meeting.starts_at < meeting.starts_at, Meeting.id != meeting.id
        )
        rows = session.execute(select(Action.id, Action.status, Action.completed_on).where(
            Action.meeting_id.in_(earlier), Action.archived_at.is_(None))).all()
    wanted: dict[int, ActionStatus] = {}
    for action_id, status, completed_on in rows:
        status = ActionStatus(status)
        if status is ActionStatus.DONE and completed_on is None:
            return None
        if status is not ActionStatus.DONE or completed_on > day:  # a dropped one: if the history dates it later
            wanted[action_id] = status
    then: dict[int, ActionStatus] = {}
    for action_id, status in list(wanted.items()):
        changes = sorted(  # the action's own status, oldest first
            (c for c in iter_changes(db, ChangeQuery(record=("action", action_id)))
             if c.table_name == "action" and c.field == "status"), key=lambda c: (c.changed_at, c.id))
        dated = [(local_time(c.changed_at).date(), c) for c in changes]
        if status is ActionStatus.DROPPED:
            drops = [(on, c.action) for on, c in dated if c.new_value == ActionStatus.DROPPED.value]
            if not drops:
                return None
            if drops[-1][0] <= day:  # dropped by then
                del wanted[action_id]
                continue
            if drops[-1][1] == "insert":
                return None  # recorded already dropped, after that day: whether it was open then is not known
        after = [c for on, c in dated if on > day and c.action != "insert"]
        held = after[0].old_value if after else status.value
        then[action_id] = ActionStatus(held) if held in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) else ActionStatus.OPEN
    with db.unit_of_work() as session:
        found = action_log.actions_in(session, list(wanted))
    return sorted(
        (replace(a, status=then[a.id], completed_on=None) for a in found),
        key=lambda a: (a.due_date is None, a.due_date or date.max, a.id),
    )
