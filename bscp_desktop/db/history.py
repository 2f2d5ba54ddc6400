"""Writes a ChangeRecord for every insert, update and archive, inside the same transaction.

Hooked to the session factory's `after_flush`: by then new rows have their ids, and the
attribute history still holds the old values. Rows are inserted with Core on the flushing
connection, so they commit or roll back with the change they describe.

Tamper evidence: every row's `hash` is the SHA-256 of the previous row's hash and the row's own
content (`entry_hash`), computed in the same transaction. The flush has already written the
change itself, so this transaction holds SQLite's write lock and the previous hash read here
cannot change before the commit (on PostgreSQL, `engines.serialise_history` takes a lock to
the same effect). `verify_chain` recomputes the chain and names the first entry
that no longer matches: one changed, or one whose predecessor was removed, outside the program.
"""

from __future__ import annotations

import enum
import getpass
import hashlib
import itertools
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from bscp_desktop.db import engines
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.settings import Setting
from bscp_desktop.domain.search import apart, fold, folded_terms, fts5_query, search_terms, whole_word
from bscp_desktop.domain.text import first_line

#: Never a change anyone made (`imported_as`: what the bookings import last gave a booking)
SKIPPED_FIELDS = {"id", "created_at", "updated_at", "version", "imported_as"}

#: Columns that name a record, in order of preference, for `record_label`.
LABEL_COLUMNS = ("name", "title", "reference", "alias", "key", "description", "text", "theme", "delegate_name")
LABEL_MAX = 200

#: The fields of an entry the hash covers, in order.
HASHED_FIELDS = (
    "changed_at", "changed_by", "table_name", "record_id", "action", "field",
    "old_value", "new_value", "record_label",
)
GENESIS = "0" * 64

#: Full-text index of the history (SQLite FTS5, kept by an insert trigger; see migrations 0004
#: and 0025, which made it split words as `db/search.TOKENIZER` does):
#: the change log's free-text search reads it instead of scanning every entry. It reads the
#: entries' own text, in any case and without most accents ("José" is the word "jose"), but keeps
#: letters that are not a plain letter with an accent ("strauß", "łukasz", "yılmaz"): a search
#: folds what was typed (`domain.search.fold`) and also looks for the words of the index that
#: fold to it, found in `WORDS` (`search_expression`).
SEARCH_TABLE = "history_search"
SEARCH_COLUMNS = ("record_label", "field", "old_value", "new_value", "changed_by")
#: The words of the index, one row each (an fts5vocab table in the connection's own temporary
#: schema: nothing is added to the file).
WORDS = "history_search_words"
#: At most this many ways of spelling a phrase are looked for (every spelling of a single word).
MAX_SPELLINGS = 32


def search_expression(text: str, connection=None) -> str | None:
    """The FTS5 query for what a person typed, by the program's one rule for searches
    (`domain/search.py`: every word, as a word or the start of one; words of one or two letters
    whole; accents and case aside); None when there is nothing to look for. With `connection`
    (to a file with the index), a word also finds the index's words that fold to it ("Strauss"
    finds "strauß", "Lukasz" finds "łukasz")."""
    return " AND ".join(query for _term, query in term_expressions(text, connection)) or None


def term_expressions(text: str, connection=None) -> list[tuple[str, str]]:
    """(term, its FTS5 query) for each term of what a person typed (`search_expression` is all of
    them at once), folded as `domain.search.folded_terms` folds them."""
    terms = folded_terms(search_terms(text))
    if connection is None or not terms or not has_search_index(connection) or not _words_listed(connection):
        return [(term, fts5_query([term])) for term in terms]
    found = []
    for term in terms:
        choices = [[fts5_query([word]), *(_exact(t) for t in _spelt_otherwise(connection, word))]
                   for word in term.split(" ")]
        spellings = [" + ".join(c) for c in itertools.islice(itertools.product(*choices), MAX_SPELLINGS if len(choices) > 1 else None)]
        found.append((term, spellings[0] if len(spellings) == 1 else "(" + " OR ".join(spellings) + ")"))
    return found


def _exact(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _words_listed(connection) -> bool:
    """Make `WORDS` on this connection if it is not there yet (in its temporary schema, so even
    on a read-only connection: query_only is lifted for that one statement). False if it cannot
    be made."""
    if connection.exec_driver_sql("SELECT 1 FROM sqlite_temp_master WHERE name = ?", (WORDS,)).first():
        return True
    read_only = bool(connection.exec_driver_sql("PRAGMA query_only").scalar())
    try:
        if read_only:
            connection.exec_driver_sql("PRAGMA query_only = OFF")
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{WORDS} USING fts5vocab(main, {SEARCH_TABLE}, 'row')"
        )
    except Exception:  # an SQLite without fts5vocab: accents aside, the letters the index keeps are not folded
        return False
    finally:
        if read_only:
            connection.exec_driver_sql("PRAGMA query_only = ON")
    return True


def _spelt_otherwise(connection, word: str) -> list[str]:
    """The index's words that fold to `word` (are it, for a short word) or start with it once
    folded, and that the word itself does not find: those with a letter the index keeps
    ("strauß" for "strauss", "łukasz" for "lukasz"). The index holds its words in small letters
    without most accents, so such a word is the typed word's first letters then a letter beyond
    plain ASCII, each place one look-up of a range of the sorted words. A word holding a Chinese
    character, kana or Korean syllable (each a word: `apart`) finds the runs holding it ("王小明")."""
    if apart(word) != word:  # Korean syllables composed, as the index keeps them
        rows = connection.exec_driver_sql(f"SELECT term FROM temp.{WORDS} WHERE instr(term, ?) > 0", (unicodedata.normalize("NFC", word),))
        return sorted({term for (term,) in rows} - {word})
    found = []
    for at in range(len(word)):
        start = word[:at]
        rows = connection.exec_driver_sql(
            f"SELECT term FROM temp.{WORDS} WHERE term >= ? AND term < ?", (start + "\x80", start + "\U0010ffff")
        )
        for (term,) in rows:
            folded = fold(term)
            if folded == word if whole_word(word) else folded.startswith(word):
                found.append(term)
    return sorted(set(found))


#: For a team database (no full-text index): what `fold` does, as SQL (`folded_sql`). Letters
#: that fold to two (ß -> ss, æ -> ae) are replaced one by one; the others are translated at once,
#: and combining accents dropped.
def _fold_tables() -> tuple[list[tuple[str, str]], str, str]:
    letters = itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00), (0x2019,), range(0xFB00, 0xFB07))
    several, source, target = [], [], []
    for character in map(chr, letters):
        folded = fold(character)
        if folded == character or not folded.isascii():
            continue
        if len(folded) == 1:
            source.append(character)
            target.append(folded)
        else:
            several.append((character, folded))
    accents = "".join(chr(c) for c in range(0x300, 0x370))
    return several, "".join(source) + accents, "".join(target)


_FOLD_SQL = _fold_tables()


def folded_sql(column):
    """`column` folded in SQL as `fold` folds text (PostgreSQL: translate, replace and lower),
    to compare with folded words."""
    from sqlalchemy import func

    several, source, target = _FOLD_SQL
    for character, folded in several:
        column = func.replace(column, character, folded)
    return func.lower(func.translate(column, source, target))


def has_search_index(connection) -> bool:
    """True when this database has the history's full-text index (SQLite with FTS5)."""
    if connection.dialect.name != "sqlite":
        return False
    return bool(connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
    ).first())


def when_text(value: object) -> str:
    """The moment of a change as hashed: ISO text with microseconds (from a datetime, or
    from the text SQLite stores)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    return str(value)


def entry_hash(previous: str | None, entry: dict) -> str:
    """SHA-256 (hex) of the previous entry's hash and this entry's content."""
    content = [
        when_text(entry["changed_at"]) if key == "changed_at" else entry.get(key)
        for key in HASHED_FIELDS
    ]
    content[3] = int(content[3]) if content[3] is not None else None  # record_id
    content[8] = content[8] or ""  # record_label
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous or GENESIS}\n{text}".encode()).hexdigest()


def chain_hashes(previous: str | None, entries: list[dict]) -> str | None:
    """Set each entry's "hash" in order, starting from `previous`; returns the last hash."""
    for entry in entries:
        previous = entry["hash"] = entry_hash(previous, entry)
    return previous


def record_label(obj: object) -> str:
    """The record's readable name: its model's `history_label` if it has one, else the first
    of its own name-like columns (name, title, reference, ...)."""
    own = getattr(obj, "history_label", None)
    for column in ("history_label", *LABEL_COLUMNS) if own is not None else LABEL_COLUMNS:
        value = getattr(obj, column, None)
        if isinstance(value, str) and value.strip():
            return first_line(value, LABEL_MAX)
    return ""


@dataclass(frozen=True)
class BrokenEntry:
    """The first history entry that no longer matches the chain."""

    id: int
    changed_at: str
    table_name: str
    record_id: int
    field: str
    missing_before: int | None  # the id of an entry just before it that is gone, if any
    record_label: str = ""  # the record's name saved with the entry

    def sentence(self) -> str:
        """Names the entry as the change log shows it: when in this computer's time, its record and field."""
        from bscp_desktop.db.file_check import record_words
        from bscp_desktop.domain.validation import local_time

        when = f"{local_time(datetime.fromisoformat(self.changed_at)):%d/%m/%Y %H:%M}"
        what = record_words(self.table_name, self.record_id, self.record_label, self.field)
        if self.missing_before is not None:
            cause = f"the entry before it (number {self.missing_before}) was removed outside the program"
        else:
            cause = "it was changed outside the program, or an entry before it was removed"
        return f"The change history has been tampered with: entry {self.id} ({when}, {what}) does not match the chain; {cause}."


class ChainVerifier:
    """Checks a chain fed in id order as rows of (id, *HASHED_FIELDS, hash)."""

    def __init__(self) -> None:
        self.previous: str | None = None
        self.previous_id: int | None = None
        self.checked = 0

    def feed(self, rows: Iterable[tuple]) -> BrokenEntry | None:
        for row in rows:
            entry_id, *values, stored = row
            entry = dict(zip(HASHED_FIELDS, values, strict=True))
            if stored is None or entry_hash(self.previous, entry) != stored:
                gap = self.previous_id is not None and entry_id != self.previous_id + 1
                return BrokenEntry(
                    int(entry_id), when_text(entry["changed_at"]), str(entry["table_name"]),
                    int(entry["record_id"] or 0), str(entry["field"] or ""),
                    entry_id - 1 if gap else None, str(entry["record_label"] or ""),
                )
            self.previous, self.previous_id = stored, entry_id
            self.checked += 1
        return None


CHAIN_QUERY = "SELECT id, " + ", ".join(HASHED_FIELDS) + ", hash FROM change_record ORDER BY id"


def verify_chain(dbapi_connection) -> tuple[BrokenEntry | None, int]:
    """Verify the whole history through a DB-API connection (sqlite3 or the engine's raw
    connection). Returns (the first broken entry or None, entries checked)."""
    verifier = ChainVerifier()
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(CHAIN_QUERY)
        while batch := cursor.fetchmany(5000):
            broken = verifier.feed(batch)
            if broken is not None:
                return broken, verifier.checked
    finally:
        cursor.close()
    return None, verifier.checked


def current_user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no user name available (service accounts, odd environments)
        return "unknown"


#: `as_text` for the commonest types, by exact type (a bool is not taken for an int).
_AS_TEXT = {
    str: str, int: str, bool: lambda v: "yes" if v else "no", date: date.isoformat,
    datetime: lambda v: v.isoformat(sep=" ", timespec="seconds"), Decimal: lambda v: format(v, "f"),
}


def as_text(value: object) -> str | None:
    if (convert := _AS_TEXT.get(type(value))) is not None:
        return convert(value)
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
    label = record_label(obj)
    rows: list[dict] = []
    for attr in mapper.column_attrs:
        name = attr.key
        if name in SKIPPED_FIELDS or (keyed and name == "key"):
            continue
        if kind == "insert":
            new = getattr(obj, name)
            if new is None or new == "":
                continue
            old = None
        else:
            hist = state.attrs[name].history
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
                "record_label": label,
            }
        )
    return rows


def _linked_names(connection, table, values: dict) -> str:
    """The names of the records a row links to ("Brent Council, BSCP-2022-01" for an agency
    of a case review), by their own name columns, for a row with no name of its own."""
    names = []
    for column in table.columns:
        value = values.get(column.key)
        for key in column.foreign_keys if value is not None else ():
            target = key.column.table
            named = next((target.c[c] for c in LABEL_COLUMNS if c in target.c), None)
            if named is not None:
                name = connection.execute(select(named).where(key.column == value)).scalar()
                if isinstance(name, str) and name.strip():
                    names.append(first_line(name, 80))
    return first_line(", ".join(names), LABEL_MAX)


def _deleted_rows(session: Session, obj: object, user: str, at: datetime) -> list[dict]:
    """A deleted row's entries: one per field that had a value, the value as the old value,
    labelled by the row's name or else by the records it linked to."""
    state = inspect(obj)
    mapper = state.mapper
    record_id, keyed = _identity(obj)
    values = state.dict  # as loaded when it was deleted: the row itself is gone from the database
    label = record_label(obj) or _linked_names(session.connection(), mapper.local_table, values)
    entry = {"changed_at": at, "changed_by": user, "table_name": mapper.local_table.name, "record_id": record_id,
             "action": "delete", "new_value": None, "record_label": label}
    rows = [
        {**entry, "field": keyed or attr.key, "old_value": as_text(values[attr.key])}
        for attr in mapper.column_attrs
        if attr.key not in SKIPPED_FIELDS and not (keyed and attr.key == "key")
        and values.get(attr.key) is not None and values.get(attr.key) != ""
    ]
    return rows or [{**entry, "field": keyed or "", "old_value": None}]


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
        rows.extend(_deleted_rows(session, obj, user, at))
    if rows:
        write_history_entries(session.connection(), rows)


def write_history_entries(connection, rows: list[dict]) -> None:
    """Add entries (dicts of HASHED_FIELDS) to the history on `connection`, chained after the
    last entry, in the caller's transaction."""
    previous, at = chain_end(connection, rows[0]["changed_at"])
    if at != rows[0]["changed_at"]:
        # the clock went back: keep the history in time order, so that entry order and time
        # order agree (the change log pages by entry number)
        for row in rows:
            row["changed_at"] = at
    chain_hashes(previous, rows)
    connection.execute(insert(ChangeRecord), rows)


def chain_end(connection, at: datetime) -> tuple[str | None, datetime]:
    """(the last entry's hash, the time new entries take: `at`, or the last entry's time if
    the clock went back since), with the chain held for this transaction."""
    engines.serialise_history(connection)  # on a server, one writer of the chain at a time
    last = engines.history_head(connection)  # on a server, also an entry hidden from this role
    if last is None:
        return None, at
    return last.hash, max(at, last.changed_at) if last.changed_at is not None else at


def _before_flush(session: Session, flush_context, instances) -> None:
    for obj in session.dirty:
        if isinstance(obj, ChangeRecord) and session.is_modified(obj):
            raise PermissionError("The change history cannot be edited.")


def install(session_factory) -> None:
    from bscp_desktop.db import record_ids  # new rows never take a number the history names
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)
    record_ids.install(session_factory)


# ------------------------------------------------------------------ protection in the file
# SQLite triggers refuse any change to the history, whichever program touches the file: an
# UPDATE, a DELETE, and an INSERT reusing an existing id (REPLACE INTO and INSERT OR REPLACE
# would otherwise delete the old row without firing the delete trigger). A file should have
# each trigger once its schema reaches the revision whose script creates it (found by name in
# the scripts, so renumbering a revision needs no change here).

_REFUSE = "BEGIN SELECT RAISE(ABORT, 'The change history cannot be edited.'); END"
PROTECTION: dict[str, str] = {
    "change_record_no_update": f"CREATE TRIGGER change_record_no_update BEFORE UPDATE ON change_record {_REFUSE}",
    "change_record_no_delete": f"CREATE TRIGGER change_record_no_delete BEFORE DELETE ON change_record {_REFUSE}",
    "change_record_no_replace": (
        "CREATE TRIGGER change_record_no_replace BEFORE INSERT ON change_record "
        f"WHEN EXISTS (SELECT 1 FROM change_record WHERE id = NEW.id) {_REFUSE}"
    ),
}


#: Every trigger the program makes in a file, with its SQL: the protection, and the full-text
#: index's insert trigger as the head revision makes it (0004 made the same).
MADE: dict[str, str] = {**PROTECTION, "history_search_add": (
    f"CREATE TRIGGER history_search_add AFTER INSERT ON change_record BEGIN INSERT INTO {SEARCH_TABLE}"
    f"(rowid, {', '.join(SEARCH_COLUMNS)}) VALUES ({', '.join('new.' + c for c in ('id', *SEARCH_COLUMNS))}); END"
)}


def made_at(con: sqlite3.Connection) -> tuple[list[str] | None, dict[str, str | None]]:
    """(the triggers of `MADE` the file's revisions have made, None for a file at no schema the
    program knows; the file's triggers and their SQL)."""
    from bscp_desktop.db import migrate

    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    row = con.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
    order = migrate.revisions_in_order()
    present = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall())
    if "change_record" not in tables or row is None or row[0] not in order:
        return None, present
    since = {name: migrate.first_revision_mentioning(name) for name in MADE}
    return [n for n, rev in since.items() if rev is not None and order.index(rev) <= order.index(row[0])], present


def _same_sql(held: str | None, made: str) -> bool:
    """Whether a trigger's SQL as the file holds it is the program's (spacing and case aside)."""
    return " ".join((held or "").casefold().split()) == " ".join(made.casefold().split())


def missing_protection(con: sqlite3.Connection) -> list[str]:
    """Names of the protecting triggers a file at its schema version should have but lacks, or
    holds with other SQL than the program's (one that never fires protects nothing); and the
    search index's insert trigger if the file holds it with other SQL."""
    made, present = made_at(con)
    return [name for name in made or () if (name in PROTECTION or name in present)
            and not _same_sql(present.get(name), MADE[name])]


def ensure_protection_url(url: str) -> list[str]:
    """Put back any missing or altered protecting trigger, and the search index's insert trigger
    if altered (SQLite files only); returns those put back."""
    if not url.startswith("sqlite"):
        return []
    from bscp_desktop.db.database import sqlite_path

    con = sqlite3.connect(sqlite_path(url), isolation_level=None)
    try:
        missing = missing_protection(con)
        if missing:
            con.execute("BEGIN IMMEDIATE")
            for name in missing:
                con.execute(f"DROP TRIGGER IF EXISTS {_quoted(name)}")
                con.execute(MADE[name])
            con.execute("COMMIT")
    finally:
        con.close()
    return missing


def unknown_triggers(con: sqlite3.Connection) -> list[str]:
    """Names of the file's triggers the program did not make by its schema version (another
    program's, which could change records without a record in the change history); [] for a
    file at no schema the program knows (refused for that)."""
    made, present = made_at(con)
    return [] if made is None else sorted(name for name in present if name not in made)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _current_tables() -> set[str]:
    """The tables of this version's schema."""
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()  # every table registered

    return set(Base.metadata.tables)


def missing_records(con: sqlite3.Connection) -> str:
    """'' if every record the history speaks of still exists or was deleted by the program
    (which records the deletion); else a sentence naming what disappeared without a trace."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "change_record" not in tables:
        return ""
    lost: dict[str, list[str]] = {}
    current = _current_tables()
    for (table,) in con.execute("SELECT DISTINCT table_name FROM change_record").fetchall():
        if table not in tables and table not in current:
            continue  # a kind of record an upgrade retired (its rows moved elsewhere), not a loss
        if table == "setting":
            exists = "EXISTS (SELECT 1 FROM setting x WHERE x.key = c.field)" if "setting" in tables else "0"
            key, same = "c.field", "d.field = c.field"
        else:
            has_id = table in tables and any(
                r[1] == "id" for r in con.execute(f"PRAGMA table_info({_quoted(table)})")
            )
            exists = f"EXISTS (SELECT 1 FROM {_quoted(table)} x WHERE x.id = c.record_id)" if has_id else "0"
            key, same = "c.record_id", "d.record_id = c.record_id"
        rows = con.execute(
            f"SELECT DISTINCT {key} FROM change_record c WHERE c.table_name = ? AND NOT {exists} "
            f"AND NOT EXISTS (SELECT 1 FROM change_record d WHERE d.table_name = c.table_name "
            f"AND {same} AND d.action = 'delete') ORDER BY 1",
            (table,),
        ).fetchall()
        if rows:
            lost[table] = [str(r[0]) for r in rows]
    if not lost:
        return ""
    count = sum(len(v) for v in lost.values())
    from bscp_desktop.db.file_check import lost_words  # each by the name its entries saved, as the change log names it

    shown = "; ".join(", ".join(lost_words(con, table, key) for key in keys[:5]) + (" and more" if len(keys) > 5 else "")
                      for table, keys in sorted(lost.items()))
    return (
        f"the change history speaks of {count} record{'s' if count != 1 else ''} that no longer "
        f"exist{'s' if count == 1 else ''} and whose removal it does not record ({shown}): they were "
        "removed outside BSCP Desktop; restore a backup from before that happened."
    )
