"""Reading the change history (who changed what, when, from what to what). Read-only.

The history itself is written automatically by `db.history` for every insert, update and
archive; nothing here can change it. How entries name tables, fields and records is
`history_names.py`; how they show values, `history_values.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from sqlalchemy import DateTime, String, case, func, or_, select, text, tuple_, union_all
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.history import SEARCH_TABLE, has_search_index, term_expressions
from bscp_desktop.db.history_bulk import WHOLE_RECORD, is_whole_record, record_fields
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.record_ids import RECORD_CHILDREN, entries_of
from bscp_desktop.domain.search import fold, folded_terms, matches_text, search_terms
from bscp_desktop.services.common import equal_where_given
from bscp_desktop.services.history_areas import area_label, area_of_table, area_tables, parse_area  # noqa: F401 - read as hs.<name>
from bscp_desktop.services.history_names import ACTION_LABELS, field_label, link_names, names_missing, record_names, records_named, table_label
from bscp_desktop.services.history_search import (
    SEARCH,
    codes_shown,
    column_of,
    dated,
    dates_held,
    fields_shown,
    found_as_shown,
    found_without_index,
    index_finds,
    named_entries,
    shown_by_code,
    shows_values,
    unnamed_entries,
    widened,
)
from bscp_desktop.services.history_values import value_text


@dataclass(frozen=True)
class ChangeDTO:
    id: int
    changed_at: datetime  # UTC, naive (as stored)
    changed_by: str
    table_name: str
    record_id: int
    record_name: str  # the record's name as the change log shows it (`_named_changes`), where it has one
    action: str
    field: str
    old_value: str | None
    new_value: str | None
    old_name: str = ""  # for a link to another record (an organisation's id): that record's name
    new_name: str = ""

    @property
    def table_label(self) -> str:
        return table_label(self.table_name)

    @property
    def old_text(self) -> str:
        """The old value as people read it (a linked record by its name, dates as dd/mm/yyyy)."""
        return self.old_name or value_text(self.old_value, self.table_name, self.field)

    @property
    def new_text(self) -> str:
        return self.new_name or value_text(self.new_value, self.table_name, self.field)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action.capitalize())

    @property
    def field_label(self) -> str:
        return field_label(self.field, self.table_name)

    @property
    def shown_name(self) -> str:
        """The record's name as the change log shows it; a setting's from its key, each of its
        entries' field, as the window writes it ("Case reviews: deadline rules")."""
        if self.table_name == "setting":
            return field_label(self.field or self.record_name, "setting")
        return self.record_name

    @property
    def record(self) -> tuple[str, int] | tuple[str, int, str]:
        """The record changed, as `ChangeQuery.record` takes it: a setting with its key."""
        if self.table_name == "setting":
            return "setting", 0, self.field or self.record_name
        return self.table_name, self.record_id

    @property
    def record_text(self) -> str:
        """What the change was made to, as the change log lists it: "Organisation: Brent
        Council"; a setting by its name ("Setting: Case reviews: deadline rules")."""
        return f"{self.table_label}: {self.shown_name}" if self.shown_name else self.table_label

    @property
    def record_label(self) -> str:
        """Its name and number, for the change history workbook (a setting's: its name alone)."""
        name = self.shown_name
        if self.table_name == "setting" or not self.record_id:
            return name
        return f"{name} (#{self.record_id})" if name else f"#{self.record_id}"


def field_by_field(rows):
    """History entries as people read them: an added record recorded in one entry (as imports
    record what they add, `db.history_bulk.record_inserts`) becomes one row per field, in column
    order, as a record saved on its own is recorded; other entries are as they are."""
    for r in rows:
        if is_whole_record(r.action, r.field):
            yield from (SimpleNamespace(**{**r._asdict(), "field": name, "new_value": value}) for name, value in record_fields(r.new_value))
        else:
            yield r


def values_held(session, table: str, record_id: int, field_name: str) -> set[str]:
    """Every value a record's field has held, as its change history keeps them (a Section 11
    cycle's earlier names: a return written before a rename still names it)."""
    return {value for _id, value in values_held_in(session, table, (field_name,), record_id)}


def values_held_in(session, table: str, field_names, record_id: int | None = None) -> list[tuple[int, str]]:
    """(record id, a value one of its `field_names` has held) as the change history keeps them
    (the old and new value of every change), for one record or every record of `table`, in one
    query: an organisation's earlier names and short names, for an import naming it so."""
    query = select(ChangeRecord.record_id, ChangeRecord.old_value, ChangeRecord.new_value).where(
        ChangeRecord.table_name == table, ChangeRecord.field.in_(tuple(field_names)))
    if record_id is not None:
        query = query.where(ChangeRecord.record_id == record_id)
    return [(held_by, value) for held_by, *values in session.execute(query) for value in values if value]


def values_on(db: Database | Session, table: str, ids, fields, day: date) -> dict[tuple[int, str], str | None]:
    """What the `fields` of the records `ids` held at the end of `day` (this computer's day),
    where they have changed since: {(record id, field): the value then, as the history stores it},
    from the old value of each field's first change after that day, in one query (in the caller's
    unit of work when `db` is a session). A field not changed since (its value now was its value
    then), or only added since (the history holds no earlier value), is left out."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return {}
    c = ChangeRecord
    first = select(func.min(c.id)).where(
        c.table_name == table, c.record_id.in_(ids), c.field.in_(list(fields)), c.action != "insert",
        c.changed_at >= _utc_bound(day, end=True)).group_by(c.record_id, c.field)
    query = select(c.record_id, c.field, c.old_value).where(c.id.in_(first))
    with nullcontext(db) if isinstance(db, Session) else db.unit_of_work() as session:
        return {(record_id, name): value for record_id, name, value in session.execute(query)}


def list_changes(
    db: Database, table: str | None = None, since: date | datetime | None = None
) -> list[ChangeDTO]:
    """Every change record, oldest first; optionally of one table, or from `since` (UTC). Each
    record is named as the change log names it (`_named_changes`)."""
    with db.unit_of_work() as session:
        q = _oldest_first()
        q = equal_where_given(q, (ChangeRecord.table_name, table))
        if since is not None:
            q = q.where(ChangeRecord.changed_at >= (since if isinstance(since, datetime) else datetime.combine(since, time.min)))
        return _named_changes(session, list(field_by_field(session.execute(q))))


def each_change(db: Database, batch: int = 50_000) -> Iterator[ChangeDTO]:
    """Every change record, oldest first, as `list_changes` gives them, read `batch` at a time
    (each batch in its own reading): a million changes are never all in memory at once."""
    after = None
    while True:
        with db.unit_of_work() as session:
            q = _oldest_first().limit(batch)
            if after is not None:
                q = q.where(tuple_(ChangeRecord.changed_at, ChangeRecord.id) > tuple_(*after))
            records = session.execute(q).all()
            page = _named_changes(session, list(field_by_field(records)))
        yield from page
        if len(records) < batch:
            return
        after = (records[-1].changed_at, records[-1].id)


def confidential_records(db: Database) -> dict[str, set[int]]:
    """The records whose words outputs leave out, by table: the agenda items marked confidential
    (`meetings.confidential_item_ids`, the rule the meetings workbook follows) and the decisions,
    actions, their progress updates and the amendments of minutes raised under them."""
    from bscp_desktop.db.models.actions import Action, ActionUpdate
    from bscp_desktop.db.models.meetings import Decision, MinutesAmendment
    from bscp_desktop.services.meetings import confidential_item_ids

    items = confidential_item_ids(db)
    if not items:
        return {}
    with db.unit_of_work() as session:
        def ids(statement) -> set[int]:
            return set(session.scalars(statement))
        decisions = ids(select(Decision.id).where(Decision.agenda_item_id.in_(items)))
        actions = ids(select(Action.id).where(Action.agenda_item_id.in_(items)))
        updates = ids(select(ActionUpdate.id).where(ActionUpdate.action_id.in_(actions))) if actions else set()
        amendment = MinutesAmendment.agenda_item_id.in_(items)
        if decisions:
            amendment = amendment | MinutesAmendment.decision_id.in_(decisions)
        amendments = ids(select(MinutesAmendment.id).where(amendment))
    return {"agenda_item": items, "decision": decisions, "action": actions, "action_update": updates,
            "minutes_amendment": amendments}


def _oldest_first():
    c = ChangeRecord
    return select(  # plain columns: a ten-year file has over a million changes, too many for ORM objects
        c.id, c.changed_at, c.changed_by, c.table_name, c.record_id, c.record_label, c.action, c.field, c.old_value,
        c.new_value,
    ).order_by(c.changed_at, c.id)


def _named_changes(session, rows) -> list[ChangeDTO]:
    """Change DTOs of plain change rows, a link by the name of the record it points at and each
    record as the change log window shows and searches it: by the name saved with the entry
    (the name it had then: a person renamed since is named as they were), or by the record's
    name now for an entry saved without one (a membership's) or for a record whose own name
    tells it apart too little (a meeting, by its date: `names_missing`)."""
    missing = names_missing(session, rows)
    links = link_names(session, rows)
    return [
        ChangeDTO(
            r.id, r.changed_at, r.changed_by, r.table_name, r.record_id,
            missing.get((r.table_name, r.record_id)) or r.record_label,
            r.action, r.field, r.old_value, r.new_value,
            links.get((r.table_name, r.field, r.old_value), ""), links.get((r.table_name, r.field, r.new_value), ""),
        )
        for r in rows
    ]


def record_name(db: Database, table: str, record_id: int) -> str:
    """One record's name, for the title of its history: its name now, or for a record since
    removed the name saved with its newest entry ("" when it has neither)."""
    c = ChangeRecord
    with db.unit_of_work() as session:
        name = record_names(session, table, {int(record_id)}).get(int(record_id), "")
        return name or session.scalar(
            select(c.record_label).where(c.table_name == table, c.record_id == int(record_id), c.record_label != "")
            .order_by(c.id.desc()).limit(1)
        ) or ""


# ---------------------------------------------------------------- the change log view
#
# Newest first, a page at a time, straight from SQL: filters use the indexes on
# (changed_at), (table_name, changed_at), (changed_by, changed_at) and (table_name, record_id);
# paging is by keyset (changed_at, id), so page 500 costs what page 1 costs.

PAGE_SIZE = 200
@dataclass(frozen=True)
class ChangeQuery:
    """What the change log shows. Dates are the user's own days, inclusive.

    One record's history is in that record's area: with a `record`, `area` is always the
    record's own (`record_area`), whatever area was asked for, so the query never says one
    area while listing another's records, and what it is marked by is what it lists."""

    date_from: date | None = None
    date_to: date | None = None
    person: str | None = None
    area: str | None = None
    #: (table, id): one record's own history; a setting's is ("setting", 0, its key), as every
    #: setting is recorded with the number 0 and its key as the field
    record: tuple[str, int] | tuple[str, int, str] | None = None
    search: str = ""

    def __post_init__(self) -> None:
        if self.record is not None:
            object.__setattr__(self, "area", record_area(self.record[0]))
        elif self.area is not None:  # as `parse_area` reads it: an area there is not is refused, named
            object.__setattr__(self, "area", parse_area(self.area))


def record_area(table: str) -> str | None:
    """The area a record's history is in: its table's (None for a table no area holds now)."""
    area = area_of_table(table)
    return area if area in area_tables() else None


def tables_listed(query: ChangeQuery) -> tuple[str, ...] | None:
    """The tables whose entries the query can list: one record's and its rows'
    (`RECORD_CHILDREN`: a case's agencies' returns, a rating's actions), else its area's;
    None for every table."""
    if query.record is not None:
        return (query.record[0], *(child for child, _column in RECORD_CHILDREN.get(query.record[0], ())))
    return area_tables().get(query.area, ()) if query.area else None


def _utc_bound(day: date, end: bool) -> datetime:
    """The start of a local day (or of the day after, for an inclusive end) in stored UTC (the calendar's edge at its ends)."""
    try:
        return datetime.combine(day + timedelta(days=1) if end else day, time.min).astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if day.year > 1 else datetime.min


def _id_bounds(session, query: ChangeQuery) -> tuple[int | None, int | None] | None:
    """The date range as entry numbers (entries are in time order): (first id, last id), or
    None when no entry falls in the range. The dates themselves are checked as well."""
    c = ChangeRecord
    low = high = None
    if query.date_from is not None:
        low = session.scalar(
            select(c.id).where(c.changed_at >= _utc_bound(query.date_from, end=False))
            .order_by(c.changed_at, c.id).limit(1)
        )
        if low is None:
            return None
    if query.date_to is not None:
        high = session.scalar(
            select(c.id).where(c.changed_at < _utc_bound(query.date_to, end=True))
            .order_by(c.changed_at.desc(), c.id.desc()).limit(1)
        )
        if high is None or (low is not None and high < low):
            return None
    return low, high


def no_words(query: ChangeQuery) -> bool:
    """True when a search was typed that holds no word to look for ("%", "£"): nothing is listed."""
    return bool(query.search.strip()) and not search_terms(query.search)


def _conditions(session, query: ChangeQuery, bounds: tuple[int | None, int | None], search_leads: bool,
                with_area: bool, terms: list[tuple[str, str]], named: dict) -> list:
    """Every filter as SQL conditions (the area only if `with_area`; `terms` the search, from
    `term_expressions`, and `named` the records whose name holds a term, from `records_named`)."""
    c = ChangeRecord
    low, high = bounds
    entry = SEARCH.c.rowid if search_leads else c.id
    when = column_of("changed_at", search_leads, DateTime())
    conditions = []
    if low is not None:
        conditions += [entry >= low, when >= _utc_bound(query.date_from, end=False)]
    if high is not None:
        conditions += [entry <= high, when < _utc_bound(query.date_to, end=True)]
    if query.person:
        conditions.append(column_of("changed_by", search_leads, String()) == query.person)
    if query.record is not None:  # a record's entries are all of its area (`ChangeQuery`)
        conditions.append(entries_of(session, *query.record))
    elif with_area and query.area:
        conditions.append(column_of("table_name", search_leads, String()).in_(area_tables().get(query.area, ("",))))
    expression = " AND ".join(match for _term, match in terms)
    if expression and not search_leads and has_search_index(session.connection()):
        # one record's few entries (or every entry, for a word of What happened the index cannot
        # find: `index_finds`) are read first, and kept if the change log shows each word in them
        # (`found_as_shown`) or in the record's name when the entry has none
        conditions += [or_(found_as_shown(term, match, False), named_entries(named.get(term))) for term, match in terms]
    elif expression and not has_search_index(session.connection()):
        # no full-text index (a team database): every word in what the change log shows of the
        # entry (or in its record's name when it has none), accents and case aside, as the index
        # finds it (`folded_sql`: "Strauss" finds "Strauß")
        server = session.connection().dialect.name == "postgresql"
        for term in folded_terms(search_terms(query.search)) if server else search_terms(query.search):
            key = " ".join(folded_terms([term]))
            conditions.append(or_(found_without_index(term, key, server), named_entries(named.get(key))))
    elif expression:
        # the index finds each word in a column shown as stored, or the words of a field or a code
        # shown by a word holding it; an entry is kept if the log shows the word (`found_as_shown`)
        widest = " AND ".join(widened(match, codes_shown(term), fields_shown(term)) for term, match in terms)
        conditions.append(text(f"{SEARCH_TABLE} MATCH :expression").bindparams(expression=widest))
        conditions += [found_as_shown(term, match, True) for term, match in terms]
    return conditions


def _names_searched(session, query: ChangeQuery, terms: list[tuple[str, str]]) -> dict[str, dict[str, set[int]]]:
    """`records_named` for the search's terms, of the tables the query shows."""
    return records_named(session, [term for term, _match in terms], tables_listed(query))


def _by_name(session, query: ChangeQuery, bounds, cursor: int | None, columns, terms, named):
    """Beside the full-text index's answer: the entries stored without a name (a membership's, a
    register's) of records whose name as the change log shows it holds a word searched
    (`records_named`), each other word in the entry or the name; the index's answer leaves
    them to this one (`unnamed_entries`), newest first."""
    c = ChangeRecord
    conditions = _conditions(session, query, bounds, False, True, [], {})
    conditions += [unnamed_entries(named), *(or_(named_entries(named.get(term)), found_as_shown(term, match, False))
                                          for term, match in terms)]
    if cursor is not None:
        conditions.append(c.id < cursor)
    return select(*columns).where(*conditions).order_by(c.id.desc())


def _statements(session, query: ChangeQuery, bounds, cursor: int | None, columns) -> list:
    """The statements (newest first, not yet limited) whose rows together make the answer.

    Three ways, by what is most selective: with a search (and not one record), the full-text
    index leads, joined to each entry (and the entries of records named by a word searched,
    `_by_name`, beside it); with an area alone, each of its tables is read from its own index;
    otherwise the filters' indexes lead.
    """
    c = ChangeRecord
    # a date typed as shown ("28/06/2024") is also looked for as stored (2024-06-28): `dated`
    terms = [(term, dated(term, match)) for term, match in term_expressions(query.search, session.connection())]
    search_leads = (bool(terms) and query.record is None and has_search_index(session.connection())
                    and all(index_finds(codes_shown(term)) for term, _match in terms))
    named = _names_searched(session, query, terms) if terms else {}
    by_table = not search_leads and query.area and query.record is None and not query.person
    conditions = _conditions(session, query, bounds, search_leads, not by_table, terms, named)
    if search_leads:
        if cursor is not None:
            conditions.append(SEARCH.c.rowid < cursor)
        statement = select(*columns).select_from(SEARCH).join(c, c.id == SEARCH.c.rowid).where(*conditions)
        if not named:
            return [statement.order_by(SEARCH.c.rowid.desc())]
        by_name = _by_name(session, query, bounds, cursor, columns, terms, named)
        return [statement.where(~unnamed_entries(named)).order_by(SEARCH.c.rowid.desc()), by_name]
    if cursor is not None:
        conditions.append(c.id < cursor)
    if by_table:
        return [
            select(*columns).where(c.table_name == name, *conditions).order_by(c.id.desc())
            for name in area_tables().get(query.area, ())
        ]
    return [select(*columns).where(*conditions).order_by(c.id.desc())]


@dataclass(frozen=True)
class ChangePage:
    """Up to a page of rows (an added record's one entry is a row per field, never split)."""

    rows: tuple[ChangeDTO, ...]
    cursor: int | None  # the last entry shown: pass it back for the next page; None at the end


_COLUMNS = (
    ChangeRecord.id, ChangeRecord.changed_at, ChangeRecord.changed_by, ChangeRecord.table_name,
    ChangeRecord.record_id, ChangeRecord.record_label, ChangeRecord.action, ChangeRecord.field,
    ChangeRecord.old_value, ChangeRecord.new_value,
)


def change_page(db: Database, query: ChangeQuery, cursor: int | None = None, limit: int = PAGE_SIZE) -> ChangePage:
    """One page of the change log, newest first, after entry `cursor` (from the previous page).

    Each filter is answered from an index in entry order, so a page costs the same however
    deep it is (see `_statements`). Plain rows, not ORM objects: the page is read in a worker
    thread while the window keeps drawing, so the less Python work the better.
    """
    if no_words(query):
        return ChangePage((), None)
    with db.unit_of_work() as session:
        bounds = _id_bounds(session, query)
        if bounds is None:
            return ChangePage((), None)
        keep, rows = _fields_found(session, query), []
        while True:  # a page of rows: entries none of whose fields the search finds take none
            entries = _entries(session, query, bounds, cursor, limit)
            cursor, full = _rows_up_to(entries[:limit], limit, len(entries) > limit, rows, keep, cursor)
            if cursor is None or full:
                return ChangePage(tuple(_named_changes(session, rows)), cursor)


def _entries(session, query: ChangeQuery, bounds, cursor: int | None, limit: int) -> list:
    """Up to `limit` + 1 entries the query selects, newest first, after entry `cursor`."""
    c = ChangeRecord
    statements = _statements(session, query, bounds, cursor, _COLUMNS)
    if len(statements) == 1:
        return session.execute(statements[0].limit(limit + 1)).all()
    ids = _statements(session, query, bounds, cursor, (c.id,))  # an area: the newest of each table's newest, at once
    newest = union_all(*(select(s.limit(limit + 1).subquery()) for s in ids)).subquery()
    top = select(newest.c.id).order_by(newest.c.id.desc()).limit(limit + 1)
    return session.execute(select(*_COLUMNS).where(c.id.in_(top)).order_by(c.id.desc())).all()


def _rows_up_to(entries, limit: int, more: bool, rows: list, keep=None, after=None) -> tuple[int | None, bool]:
    """Add to `rows` the entries' rows (`field_by_field`; of an added record's one entry, those
    `keep` keeps), whole entries only, up to `limit` rows (at least one entry); (the cursor after
    the last entry taken, None when nothing is left; whether the page is full)."""
    for entry in entries:
        fields = [f for f in field_by_field([entry]) if keep is None or f is entry or keep(f)]
        if rows and len(rows) + len(fields) > limit:
            return after, True  # a page of rows: the next page starts at this entry
        rows.extend(fields)
        after = entry.id
    return after if more else None, len(rows) >= limit


def _fields_found(session, query: ChangeQuery):
    """For a search: which rows of an added record's one entry it finds, as it would find the
    entry of that field had the record been saved on its own (`_conditions`): each word in its
    record's name, its field's name as shown, a value shown as stored (`shows_values`: never a
    link's number; a date typed as shown, as stored) or its author, in its record's name now if
    saved without one, or in the word its code is shown by. None without a search."""
    terms = folded_terms(search_terms(query.search))
    if not terms:
        return None
    named = _names_searched(session, query, [(term, "") for term in terms])
    indexed = has_search_index(session.connection()) or session.connection().dialect.name != "sqlite"

    def holds(term: str, value: str | None) -> bool:
        return bool(value) and (matches_text([term], value) if indexed else term in fold(value))

    def found(row, term: str) -> bool:  # in what the change log shows: a field by its name, a value as shown
        values = (row.record_label, row.changed_by, field_label(row.field, row.table_name),
                  *((row.old_value, row.new_value) if shows_values(row.table_name, row.field) else ()))
        return (any(holds(t, v) for t in (term, *dates_held(term)) for v in values)
                or (not row.record_label and row.record_id in named.get(term, {}).get(row.table_name, ()))
                or shown_by_code(codes_shown(term), row))

    return lambda row: all(found(row, term) for term in terms)


COUNT_CAP = 100_000


def _rows_of_entry():
    """How many rows an entry is shown as: one, or one per field of an added record's one
    entry (its fields are separated by '","', which a value's escaped quotes cannot make)."""
    c = ChangeRecord
    fields = (func.length(c.new_value) - func.length(func.replace(c.new_value, '","', ""))) // 3 + 1
    return case((_whole_entry(), fields), else_=1).label("rows")


def _whole_entry():
    """An added record's one entry (`db.history_bulk.record_inserts`)."""
    return (ChangeRecord.action == "insert") & (ChangeRecord.field == WHOLE_RECORD) & ChangeRecord.new_value.is_not(None)


def count_changes(db: Database, query: ChangeQuery, cap: int = COUNT_CAP) -> int:
    """How many rows of changes the query selects (an added record's one entry counts a row
    per field, as `field_by_field` shows it; with a search, a row per field the search finds,
    as `change_page` shows it), up to `cap` (more counts as cap + 1)."""
    if no_words(query):
        return 0
    with db.unit_of_work() as session:
        bounds = _id_bounds(session, query)
        if bounds is None:
            return 0
        total, keep, whole = 0, _fields_found(session, query), _whole_entry()
        for statement in _statements(session, query, bounds, None, (ChangeRecord.id, _rows_of_entry())):
            inner = (statement if keep is None else statement.where(~whole)).order_by(None).limit(cap - total + 1).subquery()
            total += int(session.scalar(select(func.coalesce(func.sum(inner.c.rows), 0)).select_from(inner)) or 0)
            if total > cap:
                break
        for statement in _statements(session, query, bounds, None, _COLUMNS) if keep is not None and total <= cap else ():
            for entry in session.execute(statement.where(whole).order_by(None)):
                total += sum(1 for row in field_by_field([entry]) if keep(row))
                if total > cap:
                    return cap + 1
        return min(total, cap + 1)


def iter_changes(db: Database, query: ChangeQuery, batch: int = 2000):
    """Every change the query selects, newest first, a batch at a time (for exports)."""
    cursor = None
    while True:
        page = change_page(db, query, cursor, batch)
        yield from page.rows
        if page.cursor is None:
            return
        cursor = page.cursor


def people(db: Database) -> list[str]:
    """Everyone who has changed anything, by name."""
    with db.unit_of_work() as session:
        return sorted(session.scalars(select(ChangeRecord.changed_by).distinct()), key=str.casefold)


def describe(query: ChangeQuery, record_name: str = "") -> str:
    """The filter in words, for titles: 'from 01/04/2024 to 30/06/2024, Audits, by jsmith'."""
    parts = []
    if query.date_from and query.date_to:
        parts.append(f"from {query.date_from:%d/%m/%Y} to {query.date_to:%d/%m/%Y}")
    elif query.date_from:
        parts.append(f"from {query.date_from:%d/%m/%Y}")
    elif query.date_to:
        parts.append(f"up to {query.date_to:%d/%m/%Y}")
    if query.record and query.record[0] == "setting" and len(query.record) > 2:
        parts.append(f"{table_label('setting')}: {field_label(query.record[2], 'setting')}")
    elif query.record:
        parts.append(f"{table_label(query.record[0])}: {record_name or '#' + str(query.record[1])}")
    elif query.area:
        parts.append(area_label(query.area))
    if query.person:
        parts.append(f"by {query.person}")
    if query.search.strip():
        parts.append(f"containing '{query.search.strip()}'")
    return ", ".join(parts) or "every change"
