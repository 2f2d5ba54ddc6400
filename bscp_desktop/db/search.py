"""Full-text search over what people wrote, kept in step by the unit of work.

An area makes its records searchable with one declaration on the model::

    class AgendaItem(Archivable, Record):
        __searchable__ = Searchable(
            RecordKind.MEETINGS, "Agenda item", ("title", "minutes"), dated=("meeting_id.starts_at",)
        )

`area` is the tab the record belongs to, named by its kind of record (the tab's key in
`areas.py`: Ctrl+F on that tab searches it), `noun` says what a hit is, the
first field is the hit's title, and `dated` says which date orders the hits, newest first: the
first of the listed columns that has a value, where "meeting_id.starts_at" follows a link to
another table. That date is searchable too, as officers type it ("21/03/2024", "March 2024":
`domain.search.day_words`). `gathered` adds the text of rows of another table that belong to the
record ("organisation_alias.alias": an organisation's other names find the organisation), kept
in step as those rows are added, changed or deleted ("case_review_theme.theme": a case review's
themes find it). `labelled` names the fields holding a kind's code that are indexed as the
program shows them, by the kind's label (a case review's harm: "Neglect"). `worded` leaves out the records with
none of their fields filled in (a register entry of a member, where nothing was typed): only
their date would find them. Nothing else is needed: every declared model is indexed, the index is rebuilt
when the declarations change (a new area, a new field), and after every flush the records
inserted, changed, archived or deleted (and the records dated by a changed one) are indexed
again on the same connection, so the index commits or rolls back with the change itself.

On SQLite the index is an FTS5 table and `search_entry` says which record each
of its rows is, and its date. This module is the only place that knows that; on a database
without FTS5, `find` reads the declared columns instead (slower, same hits). Either way the text
and the words looked for are folded alike (`domain.search.fold`: no accents, any case), so
"Jose", "Strauss" and "Lukasz" find José, Strauß and Łukasz on a file and on a team database; the
index holds the folded text, and a hit's passage is taken from the record itself. The index keeps
words as they are written (no stemming), so a word is found by its start however much of it is
typed, as the team database's scan and the change log find it: "safeguardi" finds safeguarding,
and "news" does not find "new".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from sqlalchemy import String, Table, event, func, inspect, select, text, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bscp_desktop.domain.search import apart, day_words, fold, fts5_query, matches_text, searched_terms

ENTRIES = "search_entry"
INDEX = "search_text"
META = "search_meta"
#: How the index splits text into words: part of the signature, so that an index made another
#: way is made again (`rebuild`). A word is a run of letters, digits and combining marks, as
#: `domain.search` reads what was typed: the vowel signs and viramas of Hindi, Gujarati or Tamil
#: are part of a word ("प्रिया" is one word, not the letters प, र and य).
TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'"
CHUNK = 1000
#: How the indexed text is folded (`domain.search.fold`, each Chinese character, kana or Korean
#: syllable a word of its own: `apart`) and what it holds besides the declared fields (each
#: record's date as typed, `day_words`): part of the signature, so that an index filled another
#: way is filled again.
FOLDED = "folded-5"


@dataclass(frozen=True)
class Searchable:
    """What of a model is searchable: its tab (`area`), what a hit is (`noun`), the fields (the
    first is the hit's title), the columns that date it (`dated`, first with a value wins;
    "link_id.column" reads the column of the linked record) and the text of other tables' rows
    that belong to it (`gathered`: "table.column", those rows linked to the record by their
    foreign key to its table); `labelled`: (field, kind) for each field holding one of the
    kind's values, indexed as the kind's label reads ("neglect" as "Neglect"); `worded`: a record
    with none of its fields filled in is not indexed (nothing of its own to find it by, only its
    date)."""

    area: str
    noun: str
    fields: tuple[str, ...]
    dated: tuple[str, ...] = ()
    gathered: tuple[str, ...] = ()
    worded: bool = False
    labelled: tuple[tuple[str, type], ...] = ()


@dataclass(frozen=True)
class Match:
    table: str
    record_id: int
    on: date | None
    entry: int | None = None  # its row in the index


@lru_cache(maxsize=1)
def searchable_models() -> dict[str, tuple[type, Searchable]]:
    """Every model with a `__searchable__` declaration, by table name."""
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()  # every model registered

    found = {}
    for mapper in Base.registry.mappers:
        spec = getattr(mapper.class_, "__searchable__", None)
        if isinstance(spec, Searchable):
            found[mapper.local_table.name] = (mapper.class_, spec)
    return dict(sorted(found.items()))


def areas() -> dict[str, list[str]]:
    """Area -> the tables searched when that tab's search is used."""
    result: dict[str, list[str]] = {}
    for table, (_model, spec) in searchable_models().items():
        result.setdefault(spec.area, []).append(table)
    return result


def signature() -> str:
    """The declarations as text (with the labels of `labelled` fields, and how the text is
    folded and split into words): when it changes, the index is rebuilt."""
    return f"{FOLDED}|{TOKENIZER}|" + ";".join(
        f"{t}:{','.join(s.fields)}@{','.join(s.dated)}" + (f"+{','.join(s.gathered)}" if s.gathered else "")
        + ("!worded" if s.worded else "") + "".join(f"~{s.fields[i]}={'/'.join(shown.values())}" for i, shown in _labels(s))
        for t, (_m, s) in searchable_models().items()
    )


@cache
def _labels(spec: Searchable) -> tuple[tuple[int, dict[str, str]], ...]:
    """(place among the fields, {value stored: label shown}) of each `labelled` field."""
    return tuple((spec.fields.index(field), {str(member.value): member.label for member in kind})
                 for field, kind in spec.labelled)


def index_stale_on(con) -> bool:
    """Whether the search index of the file open on `con` (an sqlite3 connection) was built
    from other declarations than this version's (read without changing it; loads every model).
    A file without an index is not stale: building one is an upgrade's work."""
    index = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX,)).fetchone()
    if index is None:
        return False
    stored = con.execute(f"SELECT value FROM {META} WHERE key = 'signature'").fetchone()
    return stored is None or stored[0] != signature()


def _as_day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:  # a date changed by another program into one that is not: the record is found undated
            return None
    return None


def _linked(model, path: str) -> tuple[str, Table, str] | None:
    """("meeting_id", meeting table, "starts_at") for "meeting_id.starts_at"; None for a column."""
    if "." not in path:
        return None
    link, column = path.split(".", 1)
    target = next(iter(model.__table__.c[link].foreign_keys)).column.table
    return link, target, column


def _gathered(model, path: str) -> tuple[Table, str, str]:
    """(the alias table, "organisation_id", "alias") for "organisation_alias.alias" on the
    organisation: the other table, its column linking a row to the record, the column read."""
    name, column = path.split(".", 1)
    other = model.metadata.tables[name]
    link = next(c.name for c in other.columns if any(k.column.table is model.__table__ for k in c.foreign_keys))
    return other, link, column


def _gathered_text(connection: Connection, model, path: str):
    """The text of the rows gathered by `path` (`_gathered`) of each record, one a line."""
    other, link, column = _gathered(model, path)
    joined = (func.string_agg(other.c[column], "\n") if connection.dialect.name == "postgresql"
              else func.group_concat(other.c[column], "\n"))
    return select(joined).where(other.c[link] == model.__table__.c.id).scalar_subquery()


@lru_cache(maxsize=1)
def _gatherers() -> dict[str, list[tuple[str, str, str]]]:
    """Table -> (table of the records it is gathered into, link column, column read) for each
    table whose rows' text belongs to a searchable record (an organisation's other names)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for table, (model, spec) in searchable_models().items():
        for path in spec.gathered:
            other, link, column = _gathered(model, path)
            found.setdefault(other.name, []).append((table, link, column))
    return found


def _records(connection: Connection, model, spec: Searchable, ids: Sequence[int] | None = None):
    """Rows of (id, *fields, *gathered text, archived_at or None, *date columns) for every
    record, or `ids` (a `range` of them is asked for as one span)."""
    table = model.__table__
    columns = [table.c.id, *(table.c[f] for f in spec.fields), *(_gathered_text(connection, model, p) for p in spec.gathered)]
    columns.append(table.c.archived_at if "archived_at" in table.c else None)
    columns = [c for c in columns if c is not None]
    joined = table
    for n, path in enumerate(spec.dated):
        link = _linked(model, path)
        if link is None:
            columns.append(type_coerce(table.c[path], String))  # read as stored: `_as_day` reads it
            continue
        column, target, wanted = link
        alias = target.alias(f"dated_{n}")
        joined = joined.outerjoin(alias, alias.c.id == table.c[column])
        columns.append(type_coerce(alias.c[wanted], String))
    q = select(*columns).select_from(joined).order_by(table.c.id)
    if isinstance(ids, range) and ids.step == 1:  # records just inserted, one after another
        q = q.where(table.c.id.between(ids.start, ids.stop - 1))
    elif ids is not None:
        q = q.where(table.c.id.in_(list(ids)))
    return connection.execute(q.execution_options(yield_per=CHUNK))


@cache
def _archivable(model) -> bool:
    """Whether `model` has archived_at: its `_records` rows hold it after their text."""
    return "archived_at" in model.__table__.c


def _entry(model, spec: Searchable, row, words=day_words) -> dict:
    """The index row of one record from a `_records` row (`words`: `day_words`, or a batch's
    copy of it that puts each day in words once)."""
    n = 1 + len(spec.fields) + len(spec.gathered)
    values = ["" if v is None else str(v) for v in row[1:n]]
    for place, shown in _labels(spec):  # a code as the program shows it: "Neglect"
        values[place] = shown.get(values[place], values[place])
    archived = False
    if _archivable(model):
        archived, n = row[n] is not None, n + 1
    day = None
    for value in row[n:]:  # the first date with a value
        if (day := _as_day(value)) is not None:
            break
    return {
        "r": row[0], "a": archived, "on": day.isoformat() if day else None,
        "title": values[0], "body": "\n".join(filter(None, values[1:])),
        "day": words(day) if day else "",
    }


def _indexed(model, spec: Searchable, row, words=day_words) -> dict | None:
    """The index row of one record (`_entry`), or None for a `worded` record with no words."""
    entry = _entry(model, spec, row, words)
    return None if spec.worded and not (entry["title"] or entry["body"]) else entry


def _body(entry: dict) -> str:
    """The body searched: the record's text followed by its date as officers type it, so
    "Executive Group 21/03/2024" finds that meeting."""
    return f"{entry['body']}\n{entry['day']}" if entry["day"] else entry["body"]


def _searched(entry: dict) -> tuple[str, str]:
    """(title, body) as the index holds them, folded, each Chinese character a word (`apart`)."""
    return apart(fold(entry["title"])), apart(fold(_body(entry)))


# ---------------------------------------------------------------- the index itself


def available(connection: Connection) -> bool:
    """True when this database has the full-text index."""
    if connection.dialect.name != "sqlite":
        return False
    return bool(
        connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX,)
        ).first()
    )


_CREATE_INDEX = f'CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5(title, body, tokenize = "{TOKENIZER}")'


def create(connection: Connection) -> bool:
    """Make the index tables (SQLite with FTS5 only). Returns False where FTS5 is missing."""
    if connection.dialect.name != "sqlite":
        return False
    if not connection.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar():
        return False
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {ENTRIES} (id INTEGER PRIMARY KEY, table_name VARCHAR(60) NOT NULL, "
        "record_id INTEGER NOT NULL, archived BOOLEAN NOT NULL DEFAULT 0, dated DATE, "
        "UNIQUE (table_name, record_id))"
    )
    connection.exec_driver_sql(_CREATE_INDEX)
    connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {META} (key VARCHAR(40) PRIMARY KEY, value TEXT)")
    return True


def rebuild(connection: Connection) -> int:
    """Index every declared record again from scratch. Returns how many were indexed."""
    if not available(connection):
        return 0
    # made again rather than emptied: an index made by an earlier version splits words its way
    connection.exec_driver_sql(f"DROP TABLE {INDEX}")
    connection.exec_driver_sql(_CREATE_INDEX)
    connection.exec_driver_sql(f"DELETE FROM {ENTRIES}")
    count = 0
    for table, (model, spec) in searchable_models().items():
        for rows in _records(connection, model, spec).partitions(CHUNK):
            count = _add_entries(connection, model, spec, table, rows, count)
    connection.execute(
        text(f"INSERT OR REPLACE INTO {META} (key, value) VALUES ('signature', :s)"), {"s": signature()}
    )
    return count


def _add_entries(connection: Connection, model, spec: Searchable, table: str, rows, last: int) -> int:
    """Index `_records` rows not yet in the index, numbering them after `last`; returns the
    last number used."""
    entries, texts = [], []
    table = str(table)  # a plain str: the driver takes it as it is
    words = cache(day_words)  # the records of a batch share a few days: each is put in words once
    for row in rows:
        entry = _indexed(model, spec, row, words)
        if entry is None:
            continue
        last += 1
        entries.append((last, table, entry["r"], entry["a"], entry["on"]))
        texts.append((last, *_searched(entry)))
    if entries:  # SQLite only: straight to the driver, many rows at a time
        connection.exec_driver_sql(
            f"INSERT INTO {ENTRIES} (id, table_name, record_id, archived, dated) VALUES (?, ?, ?, ?, ?)", entries
        )
        connection.exec_driver_sql(f"INSERT INTO {INDEX} (rowid, title, body) VALUES (?, ?, ?)", texts)
    return last


def index_new(connection: Connection, table: str, ids: Sequence[int]) -> int:
    """Index records of `table` just inserted with Core (the after-flush hook does not see
    them), in bulk; nothing for a table that is not searchable. Returns how many were indexed."""
    found = searchable_models().get(table)
    gathered_into = _gatherers().get(table, [])
    if (found is None and not gathered_into) or not ids or not available(connection):
        return 0
    if found is None:  # another name of an organisation: the organisation is indexed again
        return _reindex_gatherers(connection, table, ids)
    model, spec = found
    last = connection.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {ENTRIES}").scalar()
    first = last
    ordered = sorted(set(ids))
    if ordered[-1] - ordered[0] == len(ordered) - 1:  # one run of ids, as a bulk insert gives them
        ordered = range(ordered[0], ordered[-1] + 1)
    for start in range(0, len(ordered), CHUNK):
        rows = _records(connection, model, spec, ordered[start:start + CHUNK]).all()
        last = _add_entries(connection, model, spec, table, rows, last)
    return last - first


def _reindex_gatherers(connection: Connection, table: str, ids: Sequence[int]) -> int:
    """Index again the records that rows `ids` of `table` are gathered into; returns how many."""
    models, count = searchable_models(), 0
    other = models[_gatherers()[table][0][0]][0].metadata.tables[table]
    for into, link, _column in _gatherers()[table]:
        model, spec = models[into]
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            owners = connection.execute(select(other.c[link]).where(other.c.id.in_(ordered[start:start + CHUNK]))).scalars()
            owners = sorted({i for i in owners if i is not None})
            for row in _records(connection, model, spec, owners).all():
                entry = _indexed(model, spec, row)
                _reindex(connection, into, entry and {**entry, "t": into}, row[0])
                count += 1
    return count


def ensure_current(connection: Connection) -> bool:
    """Rebuild the index if the declarations changed since it was built. True if rebuilt."""
    if not available(connection):
        return False
    stored = connection.exec_driver_sql(f"SELECT value FROM {META} WHERE key = 'signature'").scalar()
    if stored == signature():
        return False
    rebuild(connection)
    return True


def _reindex(connection: Connection, table: str, entry: dict | None, record_id: int) -> None:
    """Put one record in the index again (`entry` None: take it out)."""
    found = connection.execute(
        text(f"SELECT id FROM {ENTRIES} WHERE table_name = :t AND record_id = :r"), {"t": table, "r": record_id}
    ).scalar()
    if found is not None:
        connection.execute(text(f"DELETE FROM {INDEX} WHERE rowid = :i"), {"i": found})
        if entry is None:
            connection.execute(text(f"DELETE FROM {ENTRIES} WHERE id = :i"), {"i": found})
            return
        connection.execute(
            text(f"UPDATE {ENTRIES} SET archived = :a, dated = :on WHERE id = :i"), {**entry, "i": found}
        )
    elif entry is None:
        return
    else:
        found = connection.execute(
            text(f"INSERT INTO {ENTRIES} (table_name, record_id, archived, dated) VALUES (:t, :r, :a, :on)"),
            {**entry, "t": table},
        ).lastrowid
    title, body = _searched(entry)
    connection.execute(
        text(f"INSERT INTO {INDEX} (rowid, title, body) VALUES (:i, :title, :body)"),
        {"i": found, "title": title, "body": body},
    )


def _dependents(table: str, column: str) -> list[tuple[str, str]]:
    """(dependent table, link column) for every declaration dated by `table.column`."""
    return _dependency_map().get((table, column), [])


@lru_cache(maxsize=1)
def _dependency_map() -> dict[tuple[str, str], list[tuple[str, str]]]:
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for other, (model, spec) in searchable_models().items():
        for path in spec.dated:
            link = _linked(model, path)
            if link is not None:
                found.setdefault((link[1].name, link[2]), []).append((other, link[0]))
    return found


# ---------------------------------------------------------------- kept in step by the unit of work


def _after_flush(session: Session, _flush_context) -> None:
    changed: dict[str, set[int]] = {}
    removed: dict[str, set[int]] = {}
    followers: list[tuple[str, str, int]] = []  # records dated by a record whose date moved
    gatherers = _gatherers()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        spec = getattr(type(obj), "__searchable__", None)
        state = inspect(obj)
        table = state.mapper.local_table.name
        for into, link, column in gatherers.get(table, ()):  # an organisation's other name
            owners = _owners(state, link, column, obj in session.dirty and obj not in session.deleted)
            if owners:
                changed.setdefault(into, set()).update(owners)
        if obj in session.deleted:
            if isinstance(spec, Searchable):
                removed.setdefault(table, set()).add(obj.id)
            continue
        if obj in session.new:
            if isinstance(spec, Searchable):
                changed.setdefault(table, set()).add(obj.id)
            continue
        moved = [a.key for a in state.attrs if a.history.has_changes()]
        if isinstance(spec, Searchable) and set(moved) & {*spec.fields, "archived_at", *spec.dated,
                                                          *(p.split(".")[0] for p in spec.dated)}:
            changed.setdefault(table, set()).add(obj.id)
        for column in moved:
            for other, link in _dependents(table, column):
                followers.append((other, link, obj.id))
    if not (changed or removed or followers):
        return
    connection = session.connection()
    if not available(connection):
        return
    models = searchable_models()
    for other, link, parent_id in followers:
        model = models[other][0]
        ids = connection.execute(select(model.id).where(getattr(model, link) == parent_id)).scalars()
        changed.setdefault(other, set()).update(ids)
    for table, ids in removed.items():
        for record_id in ids:
            _reindex(connection, table, None, record_id)
    for table, ids in changed.items():
        model, spec = models[table]
        for row in _records(connection, model, spec, sorted(ids)).all():
            entry = _indexed(model, spec, row)  # None: its words were all taken out
            _reindex(connection, table, entry and {**entry, "t": table}, row[0])


def _owners(state, link: str, column: str, dirty: bool) -> set[int]:
    """The records a row gathered into them belongs to, before and after the flush (none for a
    row changed in neither its text nor its link)."""
    link_history = state.attrs[link].history
    if dirty and not (link_history.has_changes() or state.attrs[column].history.has_changes()):
        return set()
    owners = {state.dict.get(link), *link_history.deleted, *link_history.added}
    return {i for i in owners if i is not None}


def install(session_factory) -> None:
    event.listen(session_factory, "after_flush", _after_flush)


# ---------------------------------------------------------------- finding


def _scope(tables: Iterable[str] | None, include_archived: bool) -> tuple[list[str], dict]:
    where, params = [], {}
    if not include_archived:
        where.append("e.archived = 0")
    if tables is not None:
        names = sorted(set(tables)) or [""]
        where.append(f"e.table_name IN ({', '.join(f':t{i}' for i in range(len(names)))})")
        params.update({f"t{i}": n for i, n in enumerate(names)})
    return where, params


def find(connection: Connection, terms: Sequence[str], tables: Iterable[str] | None = None,
         include_archived: bool = False, limit: int = 200,
         hidden: Mapping[str, Collection[int]] | None = None) -> tuple[list[Match], int]:
    """(the newest `limit` records whose text has every term, as a word or the start of one;
    how many there are in all), leaving out the `hidden` ones (table -> record ids)."""
    terms = searched_terms(list(terms))
    hidden = {table: ids for table, ids in (hidden or {}).items() if ids}
    if not terms:
        return [], 0
    if not available(connection):
        return _scan(connection, terms, tables, include_archived, limit, hidden)
    where, params = _scope(tables, include_archived)
    for n, (table, ids) in enumerate(sorted(hidden.items())):
        where.append(f"NOT (e.table_name = :h{n} AND e.record_id IN ({','.join(str(int(i)) for i in sorted(ids))}))")
        params[f"h{n}"] = table
    where.insert(0, f"{INDEX} MATCH :q")
    params["q"] = fts5_query(terms)
    body = f"FROM {INDEX} JOIN {ENTRIES} e ON e.id = {INDEX}.rowid WHERE {' AND '.join(where)}"
    total = connection.execute(text(f"SELECT count(*) {body}"), params).scalar() or 0
    rows = connection.execute(
        text(f"SELECT e.table_name, e.record_id, e.dated, e.id {body} "
             "ORDER BY e.dated IS NULL, e.dated DESC, e.table_name, e.record_id LIMIT :n"),
        {**params, "n": int(limit)},
    )
    return [Match(t, int(r), _as_day(d), int(i)) for t, r, d, i in rows], int(total)


def snippets(connection: Connection, terms: Sequence[str], matches: Sequence[Match], words: int = 16) -> dict:
    """(table, record id) -> a short passage around the words found, with them in [brackets]."""
    from bscp_desktop.domain.search import opening, snippet

    if not matches or not terms:
        return {}
    terms = list(terms)
    return {
        key: snippet(body, terms, words) or snippet(title, terms, words) or opening(body or title, words)
        for key, (title, body) in _texts_of(connection, matches).items()
    }


def _texts_of(connection: Connection, matches: Sequence[Match]) -> dict[tuple[str, int], tuple[str, str]]:
    """(table, record id) -> (title, body) as the records hold them (the index holds them folded)."""
    models = searchable_models()
    by_table: dict[str, list[int]] = {}
    for m in matches:
        by_table.setdefault(m.table, []).append(m.record_id)
    found = {}
    for table, ids in by_table.items():
        model, spec = models[table]
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), CHUNK):
            for row in _records(connection, model, spec, ordered[start:start + CHUNK]).all():
                entry = _entry(model, spec, row)
                found[(table, int(row[0]))] = (entry["title"], entry["body"])
    return found


def unreadable_tables(connection: Connection) -> frozenset[str]:
    """The case tables the connected role may not read (on a server; none on a file)."""
    if connection.dialect.name != "postgresql":
        return frozenset()
    from bscp_desktop.db import roles

    return roles.unreadable(connection, roles.CASE_TABLES)


def _scan(connection, terms, tables, include_archived, limit, hidden=None) -> tuple[list[Match], int]:
    """The same hits without an index: read the declared columns (databases without FTS5)."""
    wanted = set(tables) if tables is not None else None
    found = []
    refused = unreadable_tables(connection)
    for table, (model, spec) in searchable_models().items():
        if wanted is not None and table not in wanted:
            continue
        links = [_linked(model, path) for path in spec.dated]
        if table in refused or any(link and link[1].name in refused for link in links) or any(
                _gathered(model, path)[0].name in refused for path in spec.gathered):
            continue  # a team database's grants keep it from this role (db/roles.py)
        left_out = (hidden or {}).get(table, ())
        for row in _records(connection, model, spec):
            entry = _indexed(model, spec, row)
            if entry is None or row[0] in left_out:
                continue
            if (include_archived or not entry["a"]) and matches_text(terms, f"{entry['title']}\n{_body(entry)}"):
                found.append(Match(table, int(row[0]), _as_day(entry["on"])))
    found.sort(key=lambda m: (m.on is None, -(m.on.toordinal() if m.on else 0), m.table, m.record_id))
    return found[:limit], len(found)
