"""What the pickers offer: live people, organisations and groups as (label, id), one query each.

Every dialog that picks a person, an organisation or a group asks these (through
`ui/common/pickers.py`), so the lists read the same everywhere.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Organisation, Person

Choice = tuple[str, int]


def person_choices(db: Database) -> list[Choice]:
    """Live people by name, each with their organisation: "Priya Shah (Brent Council)"."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Person.id, Person.name, Organisation.name)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .where(Person.archived_at.is_(None))
            .order_by(func.lower(Person.name), Person.id)
        )
        return [(name + (f" ({org})" if org else ""), pid) for pid, name, org in rows]


def organisation_choices(db: Database) -> list[Choice]:
    """Live organisations by name."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Organisation.id, Organisation.name)
            .where(Organisation.archived_at.is_(None))
            .order_by(func.lower(Organisation.name), Organisation.id)
        )
        return [(name, oid) for oid, name in rows]


def group_choices(db: Database) -> list[Choice]:
    """Live groups by name."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Group.id, Group.name).where(Group.archived_at.is_(None)).order_by(func.lower(Group.name), Group.id)
        )
        return [(name, gid) for gid, name in rows]
