"""Pieces every area's service uses: fetching by id, archiving, restoring, and the row
protocol every DTO shown in a list follows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol, TypeVar, runtime_checkable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db import versions
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import NotFoundError, ValidationError

T = TypeVar("T")


class ArchivedAt:
    """For a DTO with an `archived_at` field: its `archived` flag (part of the row protocol)."""

    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@runtime_checkable
class Row(Protocol):
    """What a list needs of each DTO it shows: its record's id, whether it is archived, and a
    name to ask about it by ("Archive Brent Council?"). Every DTO a list page shows has all
    three; the page checks the first row it loads."""

    @property
    def id(self) -> int: ...

    @property
    def archived(self) -> bool: ...

    @property
    def name(self) -> str: ...


def get_or_raise(session: Session, model: type[T], record_id: int, label: str) -> T:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"There is no {label} with id {record_id}.")
    return obj


def get_to_change(session: Session, model: type[T], record_id: int, label: str, version: int | None = None) -> T:
    """The record a command is about to change. With `version` (the one the user opened, as
    their DTO carried it), refused with RecordChanged if someone else has saved it since."""
    record = get_or_raise(session, model, record_id, label)
    versions.check(session, record, version)
    return record


def set_archived(db: Database, model: type, record_id: int, label: str, archived: bool) -> None:
    """Archive (or restore) a record. Archiving keeps the record and its history."""
    with db.unit_of_work() as session:
        obj = get_or_raise(session, model, record_id, label)
        if archived and obj.archived_at is None:
            obj.archived_at = utcnow()
        elif not archived and obj.archived_at is not None:
            obj.archived_at = None


def archivers(model: type, label: str):
    """(archive, restore) commands for one kind of record: `archive(db, id)`, `restore(db, id)`."""

    def archive(db: Database, record_id: int) -> None:
        set_archived(db, model, record_id, label, True)

    def restore(db: Database, record_id: int) -> None:
        set_archived(db, model, record_id, label, False)

    return archive, restore


def add_numbered(session: Session, model: type[T], parent_key: str, values: dict) -> T:
    """A new record numbered after the last one of its parent (recommendation 1, 2, ...)."""
    parent = getattr(model, parent_key)
    last = session.scalar(select(func.max(model.number)).where(parent == values[parent_key]))  # type: ignore[attr-defined]
    record = model(number=(last or 0) + 1, **values)
    session.add(record)
    session.flush()
    return record


def change_record(session: Session, model: type[T], record_id: int, label: str, values: dict,
                  fixed: str | None = None, moved: str = "", version: int | None = None) -> T:
    """Set checked values on a record; `fixed` names a value that may not change (the parent
    a numbered record belongs to), refused with `moved`; `version` as for `get_to_change`."""
    record = get_to_change(session, model, record_id, label, version)
    if fixed is not None and values[fixed] != getattr(record, fixed):
        raise ValidationError({fixed: moved})
    assign(record, values)
    session.flush()
    return record


def assign(record: object, values: Mapping[str, Any]) -> bool:
    """Set the checked values that differ from the record's (so its change history shows
    exactly what changed); whether any did."""
    changed = False
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)
            changed = True
    return changed
