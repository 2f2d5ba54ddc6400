"""No silent overwrite: a save from a version of a record someone else has changed since is
refused, naming who changed it and when.

Every record carries `version` (db/base.py): SQLAlchemy's `version_id_col` adds
`WHERE version = <the version loaded>` to each UPDATE and moves the version on by one, so of two
saves of the same record at the same moment only the first succeeds. A service is also told
the version the user *opened* (the version its DTO carried when the dialog was filled), which
may be older than the one the unit of work loads:

- `check(session, record, version)`: in a service, refuse if the record is no longer at it;
- `expecting(table, id, version)`: around a call to a service (the window's dialogs do this
  for the record they edit), the same check made for that record as the unit of work flushes
  its change, so every area's saves are covered without each passing the version on.

Either raises `RecordChanged` (domain/validation.py) with the last change the history holds
for the record (who and when) and the fields saved since the user's version. A save that the
database itself finds stale (the race above) is refused the same way.

Some rows are parts of another record (`PARTS`: a case's themes and agencies, an organisation's
other names). Adding, changing or removing one moves its record's version on (`part_changed`),
so a save from a version opened before is refused as for a change of the record itself, naming
who changed the parts and when.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import and_, event, inspect, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.domain.validation import LaterChange, RecordChanged

Key = tuple[str, int]

_expected: ContextVar[dict[Key, int] | None] = ContextVar("bscp_expected_versions", default=None)
CHECKED = "bscp.versions_checked"  # records already checked in this unit of work
UPDATING = "bscp.versions_updating"  # versioned records the flush is about to update
ADDED = "bscp.versions_added"  # records added in this unit of work

#: Rows that are parts of another record, by table: the column naming the record they belong to.
PARTS = {
    "case_review_theme": "case_review_id", "case_review_agency": "case_review_id",
    "organisation_alias": "organisation_id", "training_score": "evaluation_id",
    "case_audit_meeting": "audit_id",
}

#: How a table's records are named in a refusal, where its name says it less well.
NOUNS = {
    "partnership_group": "group", "agenda_item": "agenda item", "case_review": "case review",
    "s11_cycle": "Section 11 cycle", "s11_standard": "Section 11 standard",
    "s11_agency": "Section 11 agency", "s11_rating": "Section 11 rating",
    "confidentiality_agreement": "confidentiality agreement", "training_session": "training session",
    "training_course": "course", "training_booking": "booking", "yearly_report_section": "section",
}


def noun(table: str) -> str:
    return NOUNS.get(table, table.replace("_", " "))


def key_of(record: object) -> Key | None:
    state = inspect(record)
    if state.mapper.version_id_col is None or state.identity is None:
        return None
    return state.mapper.local_table.name, int(state.identity[0])


@contextmanager
def expecting(table: str | None, record_id: int | None, version: int | None) -> Iterator[None]:
    """Within the block, a save of this record is refused unless it is still at `version`
    (nothing is checked when any of the three is None)."""
    if not table or record_id is None or version is None:
        yield
        return
    expected = dict(_expected.get() or {})
    expected[(table, int(record_id))] = int(version)
    token = _expected.set(expected)
    try:
        yield
    finally:
        _expected.reset(token)


def expected_version(record: object) -> int | None:
    """The version the user opened `record` at, as `expecting` set it around the save (None
    when it did not): for a command that checks it against some fields only (`check`)."""
    key = key_of(record)
    return (_expected.get() or {}).get(key) if key is not None else None


def check(session: Session, record: object, version: int | None, fields: tuple[str, ...] = ()) -> None:
    """Refuse the save (RecordChanged) if `record` is no longer at the `version` the user
    opened; nothing is checked when `version` is None (a command without a user's view).
    With `fields`, refused only if one of them is among what was saved since (a section's
    text, while its figures may be rebuilt meanwhile)."""
    key = key_of(record)
    if version is None or key is None:
        return
    session.info.setdefault(CHECKED, set()).add(key)
    current = record.version  # type: ignore[attr-defined]
    if current != version:
        refusal = changed_since(session, key, version, current)
        if not fields or any(change.field in fields for change in refusal.later):
            raise refusal


def part_changed(session: Session, row: object) -> None:
    """A row that is part of another record (`PARTS`) is being added, changed or removed: move
    that record's version on, unless it was added in this unit of work itself."""
    table = inspect(row).mapper.local_table
    column = PARTS.get(table.name)
    owner_id = getattr(row, column) if column else None
    if owner_id is None:
        return
    owner_table = next(iter(table.c[column].foreign_keys)).column.table.name
    if (owner_table, int(owner_id)) in session.info.get(ADDED, set()):
        return
    owner = session.get(_model_of(owner_table), owner_id)
    if owner is not None and owner not in session.new:
        owner.updated_at = utcnow()  # an UPDATE of the record, which moves its version on


def _parts_entries(session: Session, key: Key):
    """The condition for the history's entries of the rows that are, or were, parts of record
    `key` (None when its records have no parts)."""
    table, record_id = key
    conditions = []
    for part, column in PARTS.items():
        part_table = inspect_table(part)
        if next(iter(part_table.c[column].foreign_keys)).column.table.name != table:
            continue
        ids = set(session.scalars(select(part_table.c.id).where(part_table.c[column] == record_id)))
        ids |= set(session.scalars(select(ChangeRecord.record_id).where(
            ChangeRecord.table_name == part, ChangeRecord.field == column, ChangeRecord.action == "delete",
            ChangeRecord.old_value == str(record_id))))
        if ids:
            conditions.append(and_(ChangeRecord.table_name == part, ChangeRecord.record_id.in_(ids)))
    return or_(*conditions) if conditions else None


def changed_since(session: Session, key: Key, yours: int | None, current: int | None) -> RecordChanged:
    """The refusal for record `key`: who changed it (or its parts) last and when, and what they
    saved since the user's version (the history's entries of the last `current - yours` saves)."""
    table, record_id = key
    columns = (ChangeRecord.changed_by, ChangeRecord.changed_at, ChangeRecord.field,
               ChangeRecord.new_value, ChangeRecord.record_label)
    entries = session.execute(
        select(*columns).where(ChangeRecord.table_name == table, ChangeRecord.record_id == record_id)
        .order_by(ChangeRecord.id.desc()).limit(500)
    ).all()
    parts = _parts_entries(session, key)
    part = session.execute(select(ChangeRecord.id, *columns).where(parts).order_by(ChangeRecord.id.desc()).limit(1)
                           ).first() if parts is not None else None
    saves = (current - yours) if yours is not None and current is not None and current > yours else 1
    later: dict[str, LaterChange] = {}
    seen: list[tuple] = []
    for entry in entries:
        moment = (entry.changed_by, entry.changed_at)
        if moment not in seen:
            if len(seen) == saves:
                break
            seen.append(moment)
        if entry.field and entry.field not in later:
            later[entry.field] = LaterChange(entry.field, entry.new_value, entry.changed_by, entry.changed_at)
    last = entries[0] if entries else None
    label = last.record_label if last else ""
    if part is not None and (last is None or part.changed_at > last.changed_at):
        last = part  # the last change was to its parts (a theme, another name)
    return RecordChanged(
        noun(table), label, last.changed_by if last else None,
        last.changed_at if last else None, yours, current, tuple(later.values()), table, record_id,
    )


def _before_flush(session: Session, _flush_context, _instances) -> None:
    expected = _expected.get()
    checked = session.info.setdefault(CHECKED, set())
    updating = session.info.setdefault(UPDATING, {})
    for record in (*session.dirty, *session.deleted):
        key = key_of(record)
        if key is None:
            continue
        updating[key] = record.version  # type: ignore[attr-defined]
        if expected and key in expected and key not in checked:
            checked.add(key)
            if record.version != expected[key]:  # type: ignore[attr-defined]
                raise changed_since(session, key, expected[key], record.version)  # type: ignore[attr-defined]


def _after_flush(session: Session, _flush_context) -> None:
    added = session.info.setdefault(ADDED, set())
    for record in session.new:
        mapper, record_id = inspect(record).mapper, getattr(record, "id", None)
        if mapper.version_id_col is not None and isinstance(record_id, int):
            added.add((mapper.local_table.name, record_id))


def _after_transaction(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(CHECKED, None)
        session.info.pop(UPDATING, None)
        session.info.pop(ADDED, None)


@contextmanager
def stale_refused(session: Session) -> Iterator[None]:
    """Turn the database's own refusal of a stale UPDATE (someone saved the record between
    this unit of work reading it and writing it) into RecordChanged."""
    updating = session.info.setdefault(UPDATING, {})
    try:
        yield
    except StaleDataError as exc:
        found = re.search(r"table '([^']+)'", str(exc))
        table = found.group(1) if found else None
        candidates = [k for k in updating if table is None or k[0] == table]
        if not candidates:
            raise RecordChanged(noun(table or "record"), "", None, None) from exc
        key = candidates[-1]
        with session.begin():
            current = session.scalar(select(inspect_table(key[0]).c.version).where(inspect_table(key[0]).c.id == key[1]))
            refusal = changed_since(session, key, updating[key], current)
        raise refusal from exc


def inspect_table(name: str):
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()
    return Base.metadata.tables[name]


def _model_of(table: str) -> type:
    from bscp_desktop.db.base import Base

    return next(m.class_ for m in Base.registry.mappers if m.local_table.name == table)


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "after_transaction_end", _after_transaction)
