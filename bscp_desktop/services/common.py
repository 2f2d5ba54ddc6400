"""Pieces every area's service uses: fetching by id, archiving, restoring, and the row
protocol every DTO shown in a list follows."""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import NotFoundError

T = TypeVar("T")


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


def set_archived(db: Database, model: type, record_id: int, label: str, archived: bool) -> None:
    """Archive (or restore) a record. Archiving keeps the record and its history."""
    with db.unit_of_work() as session:
        obj = get_or_raise(session, model, record_id, label)
        if archived and obj.archived_at is None:
            obj.archived_at = utcnow()
        elif not archived and obj.archived_at is not None:
            obj.archived_at = None
