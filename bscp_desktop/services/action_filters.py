"""Which actions the action log's filters match, as conditions on the action table.

An organisation owns an action in its own name or through one of its people: choosing
"Brent Council" lists the actions owned by Brent Council and those owned by a person whose
record names Brent Council as their organisation (as the Owner filter shows them: "Priya Shah
(Brent Council)"), so a manager chasing everything the organisation owes misses none. Choosing
one person lists that person's actions only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from bscp_desktop.db.models import Action, Person
from bscp_desktop.domain.actions import ActionStatus


def owned_by_organisation(organisation_id: int) -> Any:
    """An action the organisation owns: in its own name, or in the name of one of its people."""
    return or_(
        Action.owner_organisation_id == organisation_id,
        Action.owner_person_id.in_(select(Person.id).where(Person.organisation_id == organisation_id)),
    )


def overdue_on(day: date) -> list[Any]:
    """An action still to do (not done or dropped) and due before `day`."""
    closed = [s.value for s in ActionStatus if s.closed]
    return [Action.due_date < day, Action.status.notin_(closed)]


def matching(*, status: ActionStatus | None = None, owner_person_id: int | None = None,
             owner_organisation_id: int | None = None, overdue_on_day: date | None = None,
             links: Mapping[str, int] | None = None) -> list[Any]:
    """The conditions for the filters given (one left as None narrows nothing):
    `query.where(*matching(...))`."""
    where: list[Any] = []
    if status is not None:
        where.append(Action.status == ActionStatus(status).value)
    if owner_person_id is not None:
        where.append(Action.owner_person_id == owner_person_id)
    if owner_organisation_id is not None:
        where.append(owned_by_organisation(owner_organisation_id))
    where += [getattr(Action, key) == value for key, value in (links or {}).items()]
    if overdue_on_day is not None:
        where += overdue_on(overdue_on_day)
    return where
