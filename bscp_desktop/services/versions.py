"""Record versions for the window: which version of a record a dialog opened, and saving
"from" that version (see db/versions.py: a save from a version someone else has changed
since is refused with RecordChanged, naming who and when)."""

from __future__ import annotations

from sqlalchemy import select

from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import load_all
from bscp_desktop.db.versions import expecting

__all__ = ["current_version", "expecting"]


def current_version(db: Database, table: str, record_id: int) -> int | None:
    """The version of a record as saved now; None for a table without versions or a record
    that is not there."""
    load_all()
    columns = Base.metadata.tables.get(table)
    if columns is None or "version" not in columns.c:
        return None
    with db.unit_of_work() as session:
        return session.scalar(select(columns.c.version).where(columns.c.id == record_id))
