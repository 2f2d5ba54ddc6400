"""Actions recorded at meetings (in the one action log), and how the log says where they came
from: "Safeguarding Children Forum, 14/03/2024: item 3. Partner updates"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from itertools import groupby
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, ChangeRecord, Group, Organisation, Person
from bscp_desktop.db.models.meetings import AgendaItem, Meeting
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.domain.validation import ValidationError, clean_text, local_time
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.action_rules import refused_before_raised
from bscp_desktop.services.actions import ActionDTO, ActionFields, ActionSource, describes_actions
from bscp_desktop.services.common import get_or_raise, read
from bscp_desktop.services.history_batch import changes_of
from bscp_desktop.services.meetings.common import guard_approved, item_on_agenda, refuse_if_archived, refuse_if_called_off
from bscp_desktop.services.meetings.dtos import decision_line


def _meeting_archived(session: Session, action: Action) -> str:
    """Why an archived action raised at a meeting stays archived: the meeting is archived, or the
    agenda item it was raised under was taken off the agenda (its minutes would not show it, as
    a new action is refused there); "" when neither. A meeting marked cancelled or postponed
    since refuses it outright (`refuse_if_called_off`), as it refuses a new action, and so does
    one moved since to a day after the action's due or completion date, saying that it moved."""
    meeting = session.get(Meeting, action.meeting_id)
    if meeting is not None and meeting.archived_at is not None:
        return f"The meeting of {meeting.starts_at:%d/%m/%Y} this action was raised at is archived: restore it first"
    if meeting is not None:
        refuse_if_called_off(meeting, "meeting_id", "restore an action raised at it")
    item = session.get(AgendaItem, action.agenda_item_id) if action.agenda_item_id is not None else None
    if item is not None and item.archived_at is not None:
        return f"The item '{item.title}' this action was raised under was taken off the agenda: restore it first"
    moved = meeting is not None and refused_before_raised(action, meeting.starts_at.date(),
                                                          ": its meeting has moved since it was archived")
    if moved and _moved_since_archived(session, action, meeting):
        raise ValidationError(moved)
    return ""


def _moved_since_archived(session: Session, action: Action, meeting: Meeting) -> bool:
    """Whether the change history holds a change of the meeting's day or time after the action
    was last archived."""
    c = ChangeRecord
    archived = select(func.max(c.id)).where(c.table_name == Action.__tablename__, c.record_id == action.id,
                                            c.field == "archived_at").scalar_subquery()
    return session.scalar(select(c.id).where(
        c.table_name == Meeting.__tablename__, c.record_id == meeting.id, c.field == "starts_at",
        c.action == "update", c.id > archived).limit(1)) is not None


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
        amendment = guard_approved(session, meeting, reason, field="description", item_id=item.id)
        action = action_log.add_action(session, fields, {"meeting_id": meeting.id, "agenda_item_id": item.id},
                                       raised_on=meeting.starts_at.date())
        if amendment is not None:  # the amendment holds the words as saved (cleaned), not as typed
            amendment.new_text = action.description
        return action_log.get_action_in(session, action.id)


def meeting_actions_in(session: Session, meeting_id: int) -> list[ActionDTO]:
    return action_log.actions_where_in(session, links={"meeting_id": meeting_id})


def list_meeting_actions(db: Database, meeting_id: int) -> list[ActionDTO]:
    """Actions recorded at this meeting."""
    return read(db, meeting_actions_in, meeting_id)


def _earlier_meetings(meeting: Meeting) -> tuple[Any, Any]:
    """The group's meetings before `meeting` (queries of their ids): all of them, and those held
    on an earlier day. An action raised at a meeting on the same day is reviewed only while open:
    whether it was done before this meeting began or at it cannot be told."""
    earlier = select(Meeting.id).where(
        Meeting.group_id == meeting.group_id, Meeting.starts_at < meeting.starts_at, Meeting.id != meeting.id
    )
    return earlier, earlier.where(Meeting.starts_at < datetime.combine(meeting.starts_at.date(), time.min))


def open_actions_for_review_in(session: Session, meeting_id: int) -> list[ActionDTO]:
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    earlier, earlier_days = _earlier_meetings(meeting)
    ids = list(
        session.scalars(
            select(Action.id).where(
                Action.meeting_id.in_(earlier),
                Action.archived_at.is_(None),
                or_(
                    Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
                    and_(Action.status == ActionStatus.DONE.value, Action.completed_on == meeting.starts_at.date(),
                         Action.meeting_id.in_(earlier_days)),  # closed at this meeting
                ),
            )
        )
    )
    return sorted(
        action_log.actions_in(session, ids),
        key=lambda a: (a.due_date is None, a.due_date or date.max, a.id),
    )


def open_actions_for_review(db: Database, meeting_id: int) -> list[ActionDTO]:
    """The actions from the group's earlier meetings open when the meeting began: what its action
    log review item goes through. Those still open or in progress, and those done on the
    meeting's day (closed at the meeting, as the review invites), with their status now. A live
    query, never copies."""
    with db.unit_of_work() as session:
        return open_actions_for_review_in(session, meeting_id)


#: An action done before a meeting's day or dropped by then: the minutes of that day leave it out.
_CLOSED_THEN = "closed then"


def _as_date(value: str | None) -> date | None:
    """A date as the change history keeps it (yyyy-mm-dd), or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _statuses(changes: Sequence[Any], status: str, completed_on: date | None) -> list[tuple[date | None, str, date | None]]:
    """An action's statuses in turn, oldest first, read back from its values now through the
    changes of its status and completion date (`history_batch.changes_of`): (the day, on this
    computer's clock, the status was recorded; the status; the completion date it had last). The
    first is dated None when the history does not hold the action being added (it held that
    status before every change kept)."""
    saves: list[tuple[date | None, str, date | None]] = []  # the values each save left, newest first
    value: dict[str, Any] = {"status": status, "completed_on": completed_on}
    added = False
    for when, saved in groupby(sorted(changes, key=lambda c: (c.changed_at, c.id), reverse=True), key=lambda c: c.changed_at):
        saves.append((local_time(when).date(), value["status"], value["completed_on"]))
        for c in saved:
            value[c.field] = _as_date(c.old_value) if c.field == "completed_on" else c.old_value
            added = added or c.action == "insert"
    if not added:
        saves.append((None, value["status"], value["completed_on"]))
    statuses: list[tuple[date | None, str, date | None]] = []
    for on, held, done_on in reversed(saves):
        if statuses and statuses[-1][1] == held:  # still the same status: since its first day, with its later date
            statuses[-1] = (statuses[-1][0], held, done_on)
        else:
            statuses.append((on, held, done_on))
    return statuses


def _held_on(statuses: list[tuple[date | None, str, date | None]], day: date,
             same_day: bool = False) -> ActionStatus | str | None:
    """An action's status when the meeting of `day` began (`_statuses`): open or in progress as it
    stood, done when done on that day (closed at the meeting), `_CLOSED_THEN` when done before
    that day or dropped by then, None when that cannot be told. One raised at a meeting held
    earlier on the same day (`same_day`) and done that day counts as closed then."""
    recorded_by_then = [n for n, (on, _held, _done_on) in enumerate(statuses) if on is None or on <= day]
    since = recorded_by_then[-1] if recorded_by_then else 0  # the status recorded by then, else the first recorded
    on, held, done_on = statuses[since]
    done_on_days = {d for _on, s, d in statuses[since:] if s == ActionStatus.DONE and d is not None}
    if any(d < day or (same_day and d == day) for d in done_on_days):
        return _CLOSED_THEN  # done before that day, whenever that was recorded
    if day in done_on_days:
        return ActionStatus.DONE  # done on the meeting's day, whatever happened to it since
    known = on is not None and on <= day
    if held == ActionStatus.DONE:  # done after that day, or with no completion date
        return ActionStatus.OPEN if done_on is not None else _CLOSED_THEN if known else None
    if held == ActionStatus.DROPPED:  # recorded already dropped after that day: whether it was open then is not known
        return _CLOSED_THEN if known else None
    return ActionStatus(held) if held in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) else ActionStatus.OPEN


def open_actions_on_its_day(db: Database, meeting_id: int) -> list[ActionDTO] | None:
    """The actions from the group's earlier meetings that were open when this meeting began, as
    its approved minutes record them (not a live list): each action's status that day, read
    from its change history, with its status as it stood (open or in progress), or done with
    the meeting's date when its completion date is that day (closed at the meeting). One done
    before that day or dropped by then (the day the drop was recorded) is left out, whatever
    happened to it since: reopened later, it is not put back into minutes approved before; one
    done on the day and reopened later is still given as closed at the meeting. An action
    raised at a meeting earlier the same day and done that day is left out, as the live list
    leaves it out. Actions archived since are left out, as the live list leaves them out.

    None when that cannot be told: an action done with no completion date, or dropped, where
    the history does not say that it was so by that day. The actions' changes of status and
    completion date are read together (`history_batch.changes_of`), however many there are."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        day = meeting.starts_at.date()
        earlier, earlier_days = _earlier_meetings(meeting)
        on_earlier_days = set(session.scalars(earlier_days))
        rows = session.execute(select(Action.id, Action.status, Action.completed_on, Action.meeting_id).where(
            Action.meeting_id.in_(earlier), Action.archived_at.is_(None))).all()
        if any(status == ActionStatus.DONE and completed_on is None for _id, status, completed_on, _m in rows):
            return None
        same_day = {r.id for r in rows if r.meeting_id not in on_earlier_days}
        rows = [r for r in rows if not (r.status == ActionStatus.DONE and (  # done before then
            r.completed_on < day or (r.id in same_day and r.completed_on == day)))]
        history = changes_of(session, Action.__tablename__, [r.id for r in rows], ("status", "completed_on"))
        then: dict[int, ActionStatus] = {}
        for action_id, status, completed_on, _m in rows:
            held = _held_on(_statuses(history.get(action_id, ()), status, completed_on), day, action_id in same_day)
            if held is None:
                return None
            if held != _CLOSED_THEN:
                then[action_id] = ActionStatus(held)
        found = action_log.actions_in(session, list(then))
    return sorted(
        (replace(a, status=then[a.id], completed_on=day if then[a.id] is ActionStatus.DONE else None) for a in found),
        key=lambda a: (a.due_date is None, a.due_date or date.max, a.id),
    )


def own_statuses_on_its_day(db: Database, meeting_id: int) -> dict[int, ActionStatus]:
    """The actions raised at this meeting, each with its status on the meeting's day, as its
    approved minutes record them (read from each action's change history, as
    `open_actions_on_its_day` reads the earlier meetings'): one done later is given as it stood
    then, open or in progress, so marking it done in the action log does not change minutes
    already approved. One whose status that day cannot be told, or that was closed by then (its
    completion date typed as that day or before), is left out: the minutes give its status now."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        day = meeting.starts_at.date()
        rows = session.execute(select(Action.id, Action.status, Action.completed_on).where(
            Action.meeting_id == meeting_id, Action.archived_at.is_(None))).all()
        history = changes_of(session, Action.__tablename__, [r.id for r in rows], ("status", "completed_on"))
        then: dict[int, ActionStatus] = {}
        for action_id, status, completed_on in rows:
            held = _held_on(_statuses(history.get(action_id, ()), status, completed_on), day)
            if isinstance(held, ActionStatus):
                then[action_id] = held
    return then
