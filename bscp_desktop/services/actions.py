"""The one action log: actions from meetings, case reviews and audits in one table.

An area links an action to its source by passing `links` (column name -> id) to
`create_action`; the columns are added to the action table by that area's migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, ActionUpdate, Organisation, Person
from bscp_desktop.domain.actions import ActionStatus, is_overdue
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import get_or_raise, set_archived


@dataclass(frozen=True)
class ActionFields:
    description: str
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None
    due_date: date | None = None
    status: ActionStatus | str = ActionStatus.OPEN
    completed_on: date | None = None
    evidence: str = ""


@dataclass(frozen=True)
class ActionUpdateDTO:
    id: int
    action_id: int
    on: date
    note: str


@dataclass(frozen=True)
class ActionDTO:
    id: int
    description: str
    owner_person_id: int | None
    owner_person_name: str
    owner_organisation_id: int | None
    owner_organisation_name: str
    due_date: date | None
    status: ActionStatus
    completed_on: date | None
    evidence: str
    archived_at: datetime | None
    links: Mapping[str, int | None]
    source: str = ""

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def owner(self) -> str:
        parts = [p for p in (self.owner_person_name, self.owner_organisation_name) if p]
        return ", ".join(parts)

    def overdue_on(self, today: date) -> bool:
        return is_overdue(self.status, self.due_date, today)


LINK_COLUMNS: tuple[str, ...] = tuple(
    c.key for c in Action.__table__.columns if c.key.endswith("_id") and not c.key.startswith("owner_")
)


def check_action(session: Session, f: ActionFields) -> dict:
    c = Checker()
    description = c.required("description", f.description, "Description", 5000)
    try:
        status = ActionStatus(f.status)
    except ValueError:
        status = None
        c.add("status", "Choose a status from the list")
    if f.owner_person_id is not None and session.get(Person, f.owner_person_id) is None:
        c.add("owner_person_id", "Choose the owner from the list of people")
    if f.owner_organisation_id is not None and session.get(Organisation, f.owner_organisation_id) is None:
        c.add("owner_organisation_id", "Choose the owning organisation from the list")
    completed_on = f.completed_on
    if status is ActionStatus.DONE and completed_on is None:
        completed_on = date.today()
    if status is not None and status is not ActionStatus.DONE:
        completed_on = None
    c.raise_if_any()
    return {
        "description": description,
        "owner_person_id": f.owner_person_id,
        "owner_organisation_id": f.owner_organisation_id,
        "due_date": f.due_date,
        "status": status.value,
        "completed_on": completed_on,
        "evidence": c.optional("evidence", f.evidence, "Evidence of impact", 10000),
    }


def add_action(session: Session, fields: ActionFields, links: Mapping[str, int] | None = None) -> Action:
    """Create an action inside the caller's unit of work (for areas saving more at once)."""
    links = dict(links or {})
    unknown = set(links) - set(LINK_COLUMNS)
    if unknown:
        raise ValueError(f"Actions cannot be linked by {', '.join(sorted(unknown))}")
    action = Action(**check_action(session, fields), **links)
    session.add(action)
    session.flush()
    return action


def create_action(db: Database, fields: ActionFields, links: Mapping[str, int] | None = None) -> ActionDTO:
    with db.unit_of_work() as session:
        action = add_action(session, fields, links)
        return _dtos(session, [action.id])[0]


def update_action(db: Database, action_id: int, fields: ActionFields) -> ActionDTO:
    with db.unit_of_work() as session:
        action = get_or_raise(session, Action, action_id, "action")
        for key, value in check_action(session, fields).items():
            setattr(action, key, value)
        session.flush()
        return _dtos(session, [action_id])[0]


def add_progress_update(db: Database, action_id: int, on: date | None, note: str) -> ActionUpdateDTO:
    c = Checker()
    text = c.required("note", note, "Update", 5000)
    if on is None:
        c.add("on", "Date of the update is required")
    c.raise_if_any()
    with db.unit_of_work() as session:
        get_or_raise(session, Action, action_id, "action")
        update = ActionUpdate(action_id=action_id, on=on, note=text)
        session.add(update)
        session.flush()
        return ActionUpdateDTO(update.id, action_id, update.on, update.note)


def list_progress_updates(db: Database, action_id: int) -> list[ActionUpdateDTO]:
    with db.unit_of_work() as session:
        rows = session.scalars(
            select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(ActionUpdate.on, ActionUpdate.id)
        )
        return [ActionUpdateDTO(u.id, u.action_id, u.on, u.note) for u in rows]


def archive_action(db: Database, action_id: int) -> None:
    set_archived(db, Action, action_id, "action", True)


def restore_action(db: Database, action_id: int) -> None:
    set_archived(db, Action, action_id, "action", False)


def _query():
    person = aliased(Person)
    org = aliased(Organisation)
    return (
        select(Action, person.name, org.name)
        .outerjoin(person, Action.owner_person_id == person.id)
        .outerjoin(org, Action.owner_organisation_id == org.id)
    )


def _dto(action: Action, person_name: str | None, org_name: str | None) -> ActionDTO:
    return ActionDTO(
        action.id, action.description, action.owner_person_id, person_name or "",
        action.owner_organisation_id, org_name or "", action.due_date, ActionStatus(action.status),
        action.completed_on, action.evidence, action.archived_at,
        {key: getattr(action, key) for key in LINK_COLUMNS},
    )


def _dtos(session: Session, ids: list[int]) -> list[ActionDTO]:
    rows = session.execute(_query().where(Action.id.in_(ids)).order_by(Action.id))
    return _with_sources(session, [_dto(*row) for row in rows])


def get_action_in(session: Session, action_id: int) -> ActionDTO:
    """One action as a DTO, inside the caller's unit of work."""
    get_or_raise(session, Action, action_id, "action")
    return _dtos(session, [action_id])[0]


def actions_in(session: Session, ids: list[int]) -> list[ActionDTO]:
    """Actions by id (in id order), inside the caller's unit of work; one query."""
    return _dtos(session, list(ids)) if ids else []


def _meeting_sources(session: Session, dtos: list[ActionDTO]) -> dict[int, str]:
    """'Group, dd/mm/yyyy: item N. Title' for actions recorded at meetings (one query)."""
    from bscp_desktop.db.models.meetings import AgendaItem, Meeting
    from bscp_desktop.db.models.memberships import Group

    wanted = {d.id for d in dtos if d.links.get("meeting_id") is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(Action.id, Group.name, Meeting.starts_at, AgendaItem.position, AgendaItem.title)
        .join(Meeting, Action.meeting_id == Meeting.id)
        .join(Group, Meeting.group_id == Group.id)
        .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
        .where(Action.id.in_(wanted))
    )
    labels = {}
    for action_id, group, starts, position, title in rows:
        label = f"{group}, {starts:%d/%m/%Y}"
        labels[action_id] = label + (f": item {position}. {title}" if title else "")
    return labels


def _with_sources(session: Session, dtos: list[ActionDTO]) -> list[ActionDTO]:
    """Fill in each action's source label (meeting and item, for now)."""
    labels = _meeting_sources(session, dtos)
    return [replace(d, source=labels[d.id]) if d.id in labels else d for d in dtos]


def actions_where_in(
    session: Session,
    *,
    status: ActionStatus | None = None,
    owner_person_id: int | None = None,
    owner_organisation_id: int | None = None,
    overdue_on: date | None = None,
    links: Mapping[str, int] | None = None,
    include_archived: bool = False,
) -> list[ActionDTO]:
    """Actions matching the filters, inside the caller's unit of work."""
    q = _query()
    if not include_archived:
        q = q.where(Action.archived_at.is_(None))
    if status is not None:
        q = q.where(Action.status == ActionStatus(status).value)
    if owner_person_id is not None:
        q = q.where(Action.owner_person_id == owner_person_id)
    if owner_organisation_id is not None:
        q = q.where(Action.owner_organisation_id == owner_organisation_id)
    for key, value in (links or {}).items():
        q = q.where(getattr(Action, key) == value)
    if overdue_on is not None:
        q = q.where(
            Action.due_date < overdue_on,
            Action.status.notin_([ActionStatus.DONE.value, ActionStatus.DROPPED.value]),
        )
    q = q.order_by(Action.due_date.is_(None), Action.due_date, Action.id)
    return _with_sources(session, [_dto(*row) for row in session.execute(q)])


def list_actions(
    db: Database,
    *,
    status: ActionStatus | None = None,
    owner_person_id: int | None = None,
    owner_organisation_id: int | None = None,
    overdue_on: date | None = None,
    links: Mapping[str, int] | None = None,
    include_archived: bool = False,
) -> list[ActionDTO]:
    with db.unit_of_work() as session:
        return actions_where_in(
            session, status=status, owner_person_id=owner_person_id, owner_organisation_id=owner_organisation_id,
            overdue_on=overdue_on, links=links, include_archived=include_archived,
        )
