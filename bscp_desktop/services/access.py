"""What the person connected may read and change, as the team database's grants say.

On a file everything is open. On a server (db/roles.py) an officer outside the case reviews
group may not read case reviews or case audits, and a read-only login changes nothing; the
window asks here (the server answers with has_table_privilege) and says so in one sentence
instead of showing a tab or page it would be refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from bscp_desktop.db import roles
from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import load_all
from bscp_desktop.domain.kinds import RecordKind

#: The tables of case audits (the Audits tab's Case audits, Recommendations and Learning log).
CASE_AUDIT_TABLES = ("case_audit", "audit_case", "audit_return", "audit_learning", "audit_recommendation")


def _tables_of(kind: RecordKind) -> set[str]:
    load_all()
    return {m.local_table.name for m in Base.registry.mappers if getattr(m.class_, "__kind__", None) == kind}


def unreadable(db: Database, tables: Iterable[str]) -> frozenset[str]:
    """Of `tables`, those the connected role may not read (none on a file)."""
    if db.path is not None or db.engine.dialect.name != "postgresql":
        return frozenset()
    with db.engine.connect() as conn:
        return roles.unreadable(conn, tables)


def _who(db: Database) -> str:
    access = db.access
    return f"your login ({access.role})" if access is not None else "your login"


def refusal(db: Database, what: str, tables: Iterable[str]) -> str:
    """'' when the connected role may read every one of `tables`; otherwise one sentence saying
    that `what` ("case reviews") is closed to it, and who may read it."""
    if not unreadable(db, tables):
        return ""
    return (f"On this team database only the case reviews group may read {what}, and {_who(db)} is not "
            "in it: ask whoever looks after the team database if you need them.")


def area_refusal(db: Database, kind: RecordKind, what: str) -> str:
    """`refusal` for a whole area: '' unless every one of its tables is closed to the role."""
    if db.access is None:  # a file: everything is open
        return ""
    tables = _tables_of(kind)
    if not tables or len(unreadable(db, tables)) < len(tables):
        return ""
    return refusal(db, what, tables)


def read_only(db: Database) -> str:
    """'' when the connected role may change records; otherwise one sentence saying it may not."""
    access = db.access
    if access is None or access.can_change:
        return ""
    return f"You can read this team database but not change it: {_who(db)} is read-only."


def can_read(db: Database, table: str) -> bool:
    """True when the connected role may read `table` (always on a file)."""
    return not unreadable(db, [table])


def can_read_in(session, table: str) -> bool:
    """`can_read` inside a unit of work (asked once per unit of work): a query that joins a
    table the login may not read leaves it out instead of being refused."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    key = ("readable", table)
    if key not in session.info:
        session.info[key] = not roles.unreadable(session.connection(), [table])
    return session.info[key]
