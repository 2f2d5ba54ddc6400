"""Writes a ChangeRecord for every insert, update and archive, inside the same transaction.

Hooked to the session factory's `after_flush`: by then new rows have their ids, and the
attribute history still holds the old values. Rows are inserted with Core on the flushing
connection, so they commit or roll back with the change they describe.
"""

from __future__ import annotations

import enum
import getpass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.settings import Setting

SKIPPED_FIELDS = {"id", "created_at", "updated_at"}


def current_user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name available (service accounts, odd environments)
        return "unknown"


def as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _identity(obj: object) -> tuple[int, str | None]:
    """(record id, field-name prefix) — settings are keyed by name, not number."""
    if isinstance(obj, Setting):
        return 0, obj.key
    return int(obj.id), None  # type: ignore[attr-defined]


def _rows_for(obj: object, kind: str, user: str, at: datetime) -> list[dict]:
    state = inspect(obj)
    mapper = state.mapper
    table = mapper.local_table.name
    record_id, keyed = _identity(obj)
    rows: list[dict] = []
    for attr in mapper.column_attrs:
        name = attr.key
        if name in SKIPPED_FIELDS or (keyed and name == "key"):
            continue
        hist = state.attrs[name].history
        if kind == "insert":
            new = getattr(obj, name)
            if new is None or new == "":
                continue
            old = None
        else:
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if as_text(old) == as_text(new):
                continue
        action = kind
        if name == "archived_at" and kind == "update":
            action = "archive" if new is not None else "restore"
        rows.append(
            {
                "changed_at": at,
                "changed_by": user,
                "table_name": table,
                "record_id": record_id,
                "action": action,
                "field": keyed if keyed else name,
                "old_value": as_text(old),
                "new_value": as_text(new),
            }
        )
    return rows


def _after_flush(session: Session, flush_context) -> None:
    user = session.info.get("user") or current_user()
    at = utcnow()
    rows: list[dict] = []
    for obj in session.new:
        if not isinstance(obj, ChangeRecord):
            rows.extend(_rows_for(obj, "insert", user, at))
    for obj in session.dirty:
        if not isinstance(obj, ChangeRecord) and session.is_modified(obj, include_collections=False):
            rows.extend(_rows_for(obj, "update", user, at))
    for obj in session.deleted:
        if isinstance(obj, ChangeRecord):
            raise PermissionError("The change history cannot be edited.")
        record_id, keyed = _identity(obj)
        rows.append(
            {
                "changed_at": at,
                "changed_by": user,
                "table_name": inspect(obj).mapper.local_table.name,
                "record_id": record_id,
                "action": "delete",
                "field": keyed or "",
                "old_value": None,
                "new_value": None,
            }
        )
    if rows:
        session.connection().execute(insert(ChangeRecord), rows)


def _before_flush(session: Session, flush_context, instances) -> None:
    for obj in session.dirty:
        if isinstance(obj, ChangeRecord) and session.is_modified(obj):
            raise PermissionError("The change history cannot be edited.")


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)
