"""What the pickers offer: live people, organisations and groups as (label, id), one query each.

Every dialog that picks a person, an organisation or a group asks these (through
`ui/common/pickers.py`), so the lists read the same everywhere. `include` adds the one a record
already names even when it has been archived since ("Priya Shah (Brent Council) (archived)"),
so editing the record keeps it instead of emptying the field.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Organisation, Person

Choice = tuple[str, int]


ARCHIVED = " (archived)"


def _live_or(model, include: int | None):
    return or_(model.archived_at.is_(None), model.id == include) if include is not None else model.archived_at.is_(None)


def person_choices(db: Database, include: int | None = None) -> list[Choice]:
    """Live people by name, each with their organisation: "Priya Shah (Brent Council)"."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Person.id, Person.name, Organisation.name, Person.archived_at)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .where(_live_or(Person, include))
            .order_by(func.lower(Person.name), Person.id)
        )
        return [(_with_organisation(name, org) + (ARCHIVED if gone else ""), pid) for pid, name, org, gone in rows]


def _with_organisation(name: str, organisation: str | None) -> str:
    """"Priya Shah (Brent Council)"; a name that already ends with its organisation in brackets
    (a post recorded by its title: "Head of Service (Brent Council)") is not given it twice."""
    if not organisation or name.casefold().endswith(f"({organisation})".casefold()):
        return name
    return f"{name} ({organisation})"


def organisation_choices(db: Database, include: int | None = None) -> list[Choice]:
    """Live organisations by name."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Organisation.id, Organisation.name, Organisation.archived_at)
            .where(_live_or(Organisation, include))
            .order_by(func.lower(Organisation.name), Organisation.id)
        )
        return [(name + (ARCHIVED if gone else ""), oid) for oid, name, gone in rows]


def group_choices(db: Database, include: int | None = None) -> list[Choice]:
    """Live groups by name."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Group.id, Group.name, Group.archived_at).where(_live_or(Group, include))
            .order_by(func.lower(Group.name), Group.id)
        )
        return [(name + (ARCHIVED if gone else ""), gid) for gid, name, gone in rows]
