"""Reading the change history (who changed what, when, from what to what). Read-only.

The history itself is written automatically by `db.history` for every insert, update and
archive; nothing here can change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord

TABLE_LABELS = {
    "organisation": "Organisation",
    "person": "Person",
    "partnership_group": "Group",
    "membership": "Membership",
    "confidentiality_agreement": "Confidentiality agreement",
    "action": "Action",
    "action_update": "Action update",
    "setting": "Setting",
}

ACTION_LABELS = {
    "insert": "Added",
    "update": "Changed",
    "archive": "Archived",
    "restore": "Restored",
    "delete": "Deleted",
}

# columns that name a record, in order of preference, for the "Record" column
_NAME_COLUMNS = ("name", "title", "reference", "alias", "key")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table) or table.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    if field.endswith("_id"):
        field = field[:-3]
    if field == "archived_at":
        return "Archived"
    return field.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ChangeDTO:
    id: int
    changed_at: datetime  # UTC, naive (as stored)
    changed_by: str
    table_name: str
    record_id: int
    record_name: str  # the record's current name or title, where it has one
    action: str
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def table_label(self) -> str:
        return table_label(self.table_name)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action.capitalize())

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    @property
    def record_label(self) -> str:
        if self.record_name:
            return f"{self.record_name} (#{self.record_id})"
        return f"#{self.record_id}" if self.record_id else ""


def _names(session, table_name: str, ids: set[int]) -> dict[int, str]:
    """Current names of the given records of one table (one query per table, not per row)."""
    table = Base.metadata.tables.get(table_name)
    if table is None or "id" not in table.c:
        return {}
    column = next((table.c[c] for c in _NAME_COLUMNS if c in table.c), None)
    if column is None:
        return {}
    names: dict[int, str] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start:start + 500]
        for record_id, name in session.execute(select(table.c.id, column).where(table.c.id.in_(chunk))):
            names[record_id] = "" if name is None else str(name)
    return names


def list_changes(
    db: Database, table: str | None = None, since: date | datetime | None = None
) -> list[ChangeDTO]:
    """Every change record, oldest first; optionally of one table, or from `since` (UTC)."""
    with db.unit_of_work() as session:
        q = select(ChangeRecord).order_by(ChangeRecord.changed_at, ChangeRecord.id)
        if table is not None:
            q = q.where(ChangeRecord.table_name == table)
        if since is not None:
            if not isinstance(since, datetime):
                since = datetime.combine(since, time.min)
            q = q.where(ChangeRecord.changed_at >= since)
        records = list(session.scalars(q))
        wanted: dict[str, set[int]] = {}
        for r in records:
            if r.record_id:
                wanted.setdefault(r.table_name, set()).add(r.record_id)
        names = {t: _names(session, t, ids) for t, ids in wanted.items()}
        return [
            ChangeDTO(
                r.id, r.changed_at, r.changed_by, r.table_name, r.record_id,
                names.get(r.table_name, {}).get(r.record_id, ""),
                r.action, r.field, r.old_value, r.new_value,
            )
            for r in records
        ]
