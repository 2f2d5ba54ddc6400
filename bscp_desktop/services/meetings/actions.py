"""Actions recorded at meetings, and the action log with where each action came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Group
from bscp_desktop.db.models.meetings import (
    AgendaItem,
    Meeting,
)
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import format_date
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.actions import ActionDTO, ActionFields
from bscp_desktop.services.common import get_or_raise
from bscp_desktop.services.meetings.common import guard_approved


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


# ---------------------------------------------------------------- actions


def add_item_action(db: Database, item_id: int, fields: ActionFields, reason: str | None = None) -> ActionDTO:
    """Record an action against an agenda item; it goes into the one action log."""
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="description", item_id=item.id, new=fields.description)
        action = action_log.add_action(session, fields, {"meeting_id": meeting.id, "agenda_item_id": item.id})
        return action_log.get_action_in(session, action.id)


def meeting_actions_in(session: Session, meeting_id: int) -> list[ActionDTO]:
    return action_log.actions_where_in(session, links={"meeting_id": meeting_id})


def list_meeting_actions(db: Database, meeting_id: int) -> list[ActionDTO]:
    """Actions recorded at this meeting."""
    with db.unit_of_work() as session:
        return meeting_actions_in(session, meeting_id)


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


def open_actions_for_review_in(session: Session, meeting_id: int) -> list[ActionLogRow]:
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


def open_actions_for_review(db: Database, meeting_id: int) -> list[ActionLogRow]:
    """Open and in-progress actions from the group's earlier meetings: what the meeting's
    action log review item goes through. A live query, never copies."""
    with db.unit_of_work() as session:
        return open_actions_for_review_in(session, meeting_id)
