"""Pieces every area's service uses: reading DTOs in a unit of work (a list, or one record by
id), the narrowings every list query makes (only some records, not the archived ones, the days
of a period), fetching by id, archiving, restoring, and the row protocol every DTO shown in a
list follows."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from operator import attrgetter
from typing import Any, Protocol, TypeVar, runtime_checkable

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db import versions
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.domain.dates import parse_date_as_typed, parse_datetime_as_typed
from bscp_desktop.domain.validation import Checker, NotFoundError, ValidationError

T = TypeVar("T")
K = TypeVar("K")


@dataclass(frozen=True)
class ArchivedAt:
    """The part of a record's DTO saying when it was archived (None while it is live) and its
    `archived` flag (part of the row protocol). Declared here once for every DTO; being
    keyword-only, it is always passed by name, `archived_at=record.archived_at`, after the
    DTO's own fields."""

    archived_at: datetime | None = field(kw_only=True)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class Versioned:
    """The part of a record's DTO giving the version it was read at: a save from it is refused
    once someone else has saved since (`get_to_change`). Declared here once for every DTO a
    form saves from; keyword-only, `version=record.version`, after the DTO's own fields."""

    version: int = field(default=0, kw_only=True)


@dataclass(frozen=True)
class OwnedBy:
    """The part of a DTO naming who owns the record (an action, a decision): a person, an
    organisation or both, by id and by name as read. Keyword-only, like `ArchivedAt`."""

    owner_person_id: int | None = field(default=None, kw_only=True)
    owner_person_name: str = field(default="", kw_only=True)
    owner_organisation_id: int | None = field(default=None, kw_only=True)
    owner_organisation_name: str = field(default="", kw_only=True)

    @property
    def owner(self) -> str:
        """"Jo Bloggs, Brent Council": the person and the organisation owning it, as given."""
        return ", ".join(p for p in (self.owner_person_name, self.owner_organisation_name) if p)


def with_owner_names(query: Select, model: type) -> Select:
    """`query` with the names of the record's owning person and organisation as its last two
    columns (None where there is no owner of that kind): what `OwnedBy` is read from."""
    person, organisation = aliased(Person), aliased(Organisation)
    return (
        query.add_columns(person.name, organisation.name)
        .outerjoin(person, model.owner_person_id == person.id)
        .outerjoin(organisation, model.owner_organisation_id == organisation.id)
    )


_LARGEST_ID = 2**31 - 1  # the largest id a team database's id columns hold (a file's go further)


def _a_date(value: Any) -> Any:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return parse_date_as_typed(value) if value.strip() else None
    raise ValueError("must be a date")


def _a_moment(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)  # times are kept as this computer's clock shows them
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date | str):
        return parse_datetime_as_typed(value) if not isinstance(value, str) or value.strip() else None
    raise ValueError("must be a date and time")


def plain_id(value: Any) -> Any:
    """A record's id as given (None stays None), or ValueError for anything that is not a whole
    number an id column can hold (a bool, text, 1.5, 2**31): asked for it, a query would fail
    with an error of the driver's instead of finding no such record."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _LARGEST_ID):
        return value
    raise ValueError("is not one of the records here; choose it from the list")


def _whole(value: Any) -> Any:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if type(value) is float and value.is_integer():
        return int(value)  # a spreadsheet's 10.0
    raise ValueError("must be a whole number")


def _items(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValueError("must be a list")
    return tuple(value)


def _ids(value: Any) -> tuple:
    return tuple(plain_id(v) for v in _items(value))


# How a field of a command's Fields is made plain, by its declared type (and name).
_PLAIN_BY_TYPE = {"date | None": _a_date, "date": _a_date, "datetime | None": _a_moment, "datetime": _a_moment}


def _plain_for(name: str, declared: str) -> Callable[[Any], Any] | None:
    if declared in ("int | None", "int"):
        return plain_id if name.endswith("_id") else _whole
    if declared.startswith("tuple["):
        return _ids if name.endswith("_ids") else _items
    return _PLAIN_BY_TYPE.get(declared)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    found = ((f.name, _plain_for(f.name, str(f.type))) for f in fields(cls))
    return tuple((name, plain) for name, plain in found if plain is not None)


class CommandFields:
    """The base of every command's Fields (what a form or an import row gives a service).

    On construction each field is made the plain value its type declares, or refused with a
    `ValidationError` naming it, before any check or query sees it: a date field takes a date, a
    datetime (its day) or a date as typed ("1/4/2024"); a date-and-time field a datetime, a date
    (midnight) or text as typed; a whole number a whole number (10.0 as 10), and a record's id
    (`..._id`) one an id column can hold; a
    list (`tuple[...]`) None as empty, and ids in it (`..._ids`) as ids. So a caller's wrong
    type is a message beside the field ("Booked on must be a date"), never a Python error."""

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        for name, plain in _plan(type(self)):
            value = getattr(self, name)
            try:
                made = plain(value)
            except ValueError as error:
                label = name.removesuffix("_ids").removesuffix("_id").replace("_", " ").capitalize()
                errors[name] = f"{label} {error}"
                continue
            if made is not value:
                object.__setattr__(self, name, made)
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class TextSaved:
    """What a save of text that saves itself as it is typed (an item's minutes, a section of the
    yearly report) returns: the record, the length saved, whether anything changed, and the
    record's version now (the one the next save starts from)."""

    record_id: int
    length: int
    changed: bool
    version: int = 0


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


def same_as(attribute: str) -> property:
    """A read-only property giving another attribute of the same DTO, or of a DTO it holds
    ("case.id"), under the name its readers use: a row's part of the row protocol
    (`id = same_as("action.id")`), or the record a recommendation was raised from in its
    area's words (`case_review_id = same_as("parent_id")`)."""
    return property(attrgetter(attribute), doc=f"The same as `{attribute}`.")


def unarchived(query: Any, model: Any, include_archived: bool = False) -> Any:
    """`query` without the archived records of `model`, unless `include_archived`."""
    return query if include_archived else query.where(model.archived_at.is_(None))


def only_ids(query: Any, model: Any, ids: Sequence[int] | None) -> Any:
    """`query` narrowed to the records of `model` with these ids (a list re-reading the rows a
    change touched); every record when `ids` is None."""
    return query if ids is None else query.where(model.id.in_(ids))


def equal_where_given(query: Any, *pairs: tuple[Any, Any]) -> Any:
    """`query` narrowed by each `(column, value)` pair whose value is given: `column == value`
    (a filter left as None narrows nothing), e.g. `equal_where_given(q, (Booking.session_id,
    session_id), (Booking.organisation_id, organisation_id))`."""
    for column, value in pairs:
        if value is not None:
            query = query.where(column == value)
    return query


def on_days(column: Any, first: date | None, last: date | None) -> list[Any]:
    """The conditions that a date-and-time `column` falls on a day from `first` to `last`, both
    days whole (an open end, None, sets no bound): `query.where(*on_days(...))`."""
    conditions = []
    if first is not None:
        conditions.append(column >= datetime.combine(first, time.min))
    if last is not None:
        conditions.append(column <= datetime.combine(last, time.max))
    return conditions


def get_or_raise(session: Session, model: type[T], record_id: int, label: str) -> T:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"There is no {label} with id {record_id}.")
    return obj


def read(db: Database, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`query(session, *args, **kwargs)` in a unit of work of its own: a `list_x` of a service
    whose `x_in(session, ...)` reads the same inside other units of work."""
    with db.unit_of_work() as session:
        return query(session, *args, **kwargs)


def read_one(db: Database, model: type, record_id: int, label: str, query: Callable[..., list[T]],
             **kwargs: Any) -> T:
    """One record's DTO, read by the same query as its list (`query(session, ids=[id])`), after
    a missing record has been refused by name ("No such course")."""
    with db.unit_of_work() as session:
        get_or_raise(session, model, record_id, label)
        return query(session, ids=[record_id], **kwargs)[0]


def read_found(db: Database, model: type, column: Any, label: str, query: Callable[..., list[T]], text: str | int) -> T:
    """The DTO of the record whose id is `text`, else of the first whose `column` (a reference,
    a name) is `text` in any capitals, read by the same query as its list; NotFoundError in one
    sentence ("There is no case audit 'x'.") when neither names one."""
    with db.unit_of_work() as session:
        record = None
        if isinstance(text, int) or str(text).strip().isdigit():
            record = session.get(model, int(text))
        if record is None:
            record = session.scalars(select(model).where(same_words(column, str(text).strip()))).first()
        if record is None:
            raise NotFoundError(f"There is no {label} '{text}'.")
        return query(session, ids=[record.id])[0]


def read_back(session: Session, record: Any, query: Callable[..., list[T]], **kwargs: Any) -> T:
    """Write a new or changed `record` and return its DTO, read by the same query as its list
    (`query(session, ids=[record.id])`): what a create or update command returns."""
    session.add(record)
    session.flush()
    return query(session, ids=[record.id], **kwargs)[0]


def values_by_owner(session: Session, owner: Any, value: Any, owner_ids: Sequence[int]) -> dict[int, list]:
    """The `value` of each row whose `owner` column is one of `owner_ids`, listed by owner in
    the order the rows were added, in one query (a case's themes, an organisation's other names)."""
    found: dict[int, list] = {}
    if owner_ids:
        rows = session.execute(select(owner, value).where(owner.in_(owner_ids)).order_by(owner.class_.id))
        for owner_id, item in rows:
            found.setdefault(owner_id, []).append(item)
    return found


def get_to_change(session: Session, model: type[T], record_id: int, label: str, version: int | None = None) -> T:
    """The record a command is about to change. With `version` (the one the user opened, as
    their DTO carried it), refused with RecordChanged if someone else has saved it since."""
    record = get_or_raise(session, model, record_id, label)
    versions.check(session, record, version)
    return record


def set_archived(db: Database, model: type, record_id: int, label: str, archived: bool,
                 restore_check: Callable[[Session, Any], None] | None = None,
                 archive_check: Callable[[Session, Any], None] | None = None) -> None:
    """Archive (or restore) a record. Archiving keeps the record and its history;
    `archive_check(session, record)` may refuse it first (ValidationError: the record is still
    needed in view). Before an archived record comes back, `restore_check(session, record)` may
    refuse when it would clash with a live one."""
    with db.unit_of_work() as session:
        set_archived_in(session, model, record_id, label, archived, restore_check, archive_check)


def set_archived_in(session: Session, model: type, record_id: int, label: str, archived: bool,
                    restore_check: Callable[[Session, Any], None] | None = None,
                    archive_check: Callable[[Session, Any], None] | None = None) -> Any:
    """`set_archived` inside a transaction already open (a command that reads its result in the
    same transaction); the record."""
    obj = get_or_raise(session, model, record_id, label)
    if archived and obj.archived_at is None:
        if archive_check is not None:
            archive_check(session, obj)
        obj.archived_at = utcnow()
    elif not archived and obj.archived_at is not None:
        if restore_check is not None:
            restore_check(session, obj)
        obj.archived_at = None
    return obj


def archivers(model: type, label: str, restore_check: Callable[[Session, Any], None] | None = None,
              archive_check: Callable[[Session, Any], None] | None = None):
    """(archive, restore) commands for one kind of record: `archive(db, id)`, `restore(db, id)`;
    `restore_check` and `archive_check` as in `set_archived`."""

    def archive(db: Database, record_id: int) -> None:
        set_archived(db, model, record_id, label, True, archive_check=archive_check)

    def restore(db: Database, record_id: int) -> None:
        set_archived(db, model, record_id, label, False, restore_check)

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


def set_rows(session: Session, current: Mapping[K, Any], wanted: Mapping[K, Mapping[str, Any]] | Iterable[K],
             new: Callable[..., Any]) -> bool:
    """Make one record's rows of a kind (a case's themes, an organisation's other names, an
    evaluation's scores, a year's budgets) exactly `wanted`, given the `current` rows by the same
    key: a row whose key is not wanted is deleted, a new key is added as `new(key, **values)`,
    and the other rows get the values that differ (`assign`). `wanted` is {key: {column:
    value}}, or only the keys where a row holds nothing more. Rows that are parts of a record
    (`versions.PARTS`) move its version on when any of them changes, so a save from a version
    opened before is refused instead of putting back the parts as they were; whether any did."""
    values = wanted if isinstance(wanted, Mapping) else dict.fromkeys(wanted, {})
    changed = []
    for key, row in current.items():
        if key not in values:
            session.delete(row)
            changed.append(row)
    for key, columns in values.items():
        row = current.get(key)
        if row is None:
            row = new(key, **columns)
            session.add(row)
            changed.append(row)
        elif assign(row, columns):
            changed.append(row)
    for row in changed:
        versions.part_changed(session, row)
    return bool(changed)


def taken(session: Session, what: Any, record_id: int | None, *conditions: Any) -> Any:
    """Is a name, an alias or a place already taken? `what` (an id, a name, a reference) of a
    record other than `record_id` (None for a new record) meeting `conditions`, or None. Only
    live records count where `Model.archived_at.is_(None)` is among the conditions."""
    return session.scalar(select(what).where(*conditions, what.class_.id != (record_id or 0)))


def same_words(column: Any, value: str) -> Any:
    """`column` holds `value` whatever the case: both sides by the database's own lower(), which
    may differ from Python's (a final Σ, İ)."""
    return func.lower(column) == func.lower(value)


RESTORE_ADVICE = ": rename or archive that one first"


@dataclass(frozen=True)
class OneLive:
    """One live record of a kind per name: `field` compared without case (or exactly, not
    `folded`; a blank one never clashes) among the live records with the same `within` columns.
    The save asks `problem` and the restore is `restore_check` (give it to `archivers`), so the
    two never disagree and the refusal is worded once: `says`, formatted with the value as
    typed (`{value}`) and the live record's `named_by` column (`{clash}`), e.g. "The alias
    '{value}' is already used by case {clash}", then what to do, which differs: the save's
    `advice` ("; choose another title"), the restore's `RESTORE_ADVICE`. With `key` (such as
    `name_key`: accents aside too) values are compared by it, over the live records read."""

    model: Any
    field: str
    says: str
    within: tuple[str, ...] = ()
    named_by: str = "id"
    folded: bool = True
    key: Callable[[str], str] | None = None

    def clash(self, session: Session, record_id: int | None, value: Any, *within: Any) -> Any:
        """The live record other than `record_id` that holds `value`: its `named_by`, or None.
        Until the transaction ends no other program asks about this field of these records (two
        officers saving one name at once would each find it free: `engines.decide_alone`)."""
        if value is None or value == "":
            return None
        model, column = self.model, getattr(self.model, self.field)
        decide_alone(session, f"{model.__tablename__} {self.field} values")
        conditions = [getattr(model, name) == given for name, given in zip(self.within, within, strict=True)]
        if self.key is not None:
            live = session.execute(select(model.id, column).where(*conditions, model.archived_at.is_(None)))
            conditions.append(model.id.in_([i for i, held in live if self.key(held) == self.key(value)]))
        else:
            conditions.append(same_words(column, value) if self.folded else column == value)
        return taken(session, getattr(model, self.named_by), record_id, *conditions, model.archived_at.is_(None))

    def problem(self, session: Session, record_id: int | None, value: Any, *within: Any, advice: str = "") -> str | None:
        """The sentence refusing `value` for record `record_id` (None: a new one), or None."""
        clash = self.clash(session, record_id, value, *within)
        return None if clash is None else self.says.format(value=value, clash=clash) + advice

    def restore_check(self, session: Session, record: Any) -> None:
        """For `archivers`: an archived record comes back only while no live one holds its name."""
        within = (getattr(record, name) for name in self.within)
        if problem := self.problem(session, record.id, getattr(record, self.field), *within, advice=RESTORE_ADVICE):
            raise ValidationError({self.field: problem})


def parent_problem(session: Session, model: Any, parent_id: int, record_id: int | None, messages: tuple[str, str, str]) -> str | None:
    """Why `parent_id` cannot be the parent of record `record_id` (None for a new record) in a
    tree of `model` records joined by `parent_id`, or None: `messages` say, in order, that it
    would be its own parent, that there is no such record, that it is one of the record's own
    descendants (the tree would go round in a circle)."""
    itself, missing, under = messages
    if record_id is not None and parent_id == record_id:
        return itself
    if session.get(model, parent_id) is None:
        return missing
    if record_id is not None:
        parents = dict(session.execute(select(model.id, model.parent_id)).all())
        seen: set[int] = set()
        node: int | None = parent_id
        while node is not None and node not in seen:
            if node == record_id:
                return under
            seen.add(node)
            node = parents.get(node)
    return None


#: `chosen`'s refusal of an archived organisation.
ARCHIVED_ORGANISATION = "{name} is archived: restore it on the Memberships tab first, or choose a current organisation"


def chosen(c: Checker, session: Session, model: Any, field: str, record_id: int | None, required: str, what: str,
           archived: str = "", kept: int | None = None) -> Any:
    """The record picked from a list for `field`, or None after telling `c` why: nothing was
    chosen (`required`, e.g. "Choose a category"), or the id names no record (a list out of
    date, a hand-made file): "Choose the `what` from the list". With `archived` ("{name} is
    archived: restore it first"), an archived record is refused too, unless it is the one the
    record already had (`kept`): a change elsewhere in it is still saved."""
    if record_id is None:
        c.add(field, required)
        return None
    record = session.get(model, record_id)
    if record is None:
        c.add(field, f"Choose the {what} from the list")
    elif archived and record.archived_at is not None and record.id != kept:
        c.add(field, archived.format(name=record.name))
    return record


@contextmanager
def refused_under(field: str, raised_as: str = "meeting") -> Iterator[None]:
    """A refusal raised inside under `raised_as` given under the form's `field` instead: the
    offline guard (`db.offline_guard`) refuses a change flushed inside (a seat ended, taking
    someone off the register of a meeting taken offline) under "meeting", which the seat's form
    does not show."""
    try:
        yield
    except ValidationError as exc:
        if set(exc.errors) != {raised_as}:
            raise
        raise ValidationError({field: exc.errors[raised_as]}) from exc
