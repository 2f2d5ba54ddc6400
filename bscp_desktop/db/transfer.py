"""Copying a whole database between the two engines: a file to a team database and back.

`copy_records(source, target)` copies every record of every table, and the change history
entry by entry, keeping every id (so links and the history's record numbers still match) and
every stored hash (so the history's chain verifies on the target as it did on the source). It
reads the source in one consistent snapshot and writes the target in one transaction: the
target gets everything, or, on any error, nothing.

- The target must hold no records: no change history and no rows in any table other than those
  a new database starts with (`NEW_DATABASE_ROWS`, which the copy replaces with the source's).
- Rows are written with the engine's own statements, not the program's unit of work, so the
  copy adds no history entries of its own. The history's protection stays on: the copy only
  inserts new entries with new ids, which neither engine's guard refuses (SQLite's refuse an
  update, a delete, or an insert reusing an id; the server's, revision 0016, an update, a delete
  or emptying the table).
- Tables are written parents first. A table that links to itself (an organisation's parent, a
  group's parent, the meeting whose minutes approved another's) is written in an order where
  each row's own table link is already there; a row in a loop of such links gets it afterwards.
- Into a team database, every value is first asked whether the server's column can hold it
  (`stored_values.unholdable_why`: a text longer than its column, a number beyond its range,
  nothing in a field every record must fill), as a file changed by another program can hold
  such values. Once one is met nothing more is written: the rest is read only to count them,
  and the copy is refused naming the first few by record and field.
- Afterwards, within the same transaction, every table's count is compared with the source's
  and the history's chain is verified; a difference rolls everything back. On a server each
  table's id sequence is moved past the highest copied id; on a file the full-text index is
  built from the copied records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from bscp_desktop.db import engines, history, migrate, search, stored_values
from bscp_desktop.db.history import LABEL_COLUMNS
from bscp_desktop.domain.text import first_line

#: Tables a new database already has rows in (revision 0008's expense categories; its calendar
#: id, a setting written with no history entry): an otherwise empty target may hold them; the
#: copy replaces them with the source's own (a setting changed in the window has a history entry).
NEW_DATABASE_ROWS = frozenset({"expense_category", "setting"})
BATCH = 2000
#: How many values a team database cannot hold are named before the rest are counted.
NAMED = 3


class CopyRefused(Exception):
    """The copy cannot be made; the message is one sentence, and nothing was written."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence[:1].upper() + sentence[1:])


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    counts: tuple[TableCount, ...]

    @property
    def records(self) -> int:
        return sum(c.target for c in self.counts if c.table != "change_record")

    @property
    def history(self) -> int:
        return next((c.target for c in self.counts if c.table == "change_record"), 0)

    def lines(self) -> list[str]:
        """The counts as printed: a header, one line a table, and a sentence."""
        width = max([len("table"), *(len(c.table) for c in self.counts)])
        out = [f"Copied {self.source} to {self.target}:",
               f"  {'table':<{width}}  {'source':>10}  {'target':>10}"]
        out += [f"  {c.table:<{width}}  {c.source:>10,}  {c.target:>10,}"
                for c in sorted(self.counts, key=lambda c: c.table)]
        out.append(f"{len(self.counts)} tables: {self.records:,} records and {self.history:,} history "
                   "entries; every table's count is the same on both sides, and the change history's "
                   "chain is intact.")
        return out


def tables() -> list[Table]:
    """Every table of the program's schema, parents before the tables that link to them."""
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()  # every table registered

    return list(Base.metadata.sorted_tables)


def counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def holds_records(conn: Connection) -> dict[str, int]:
    """Tables of a database holding rows a new database does not start with: {table: rows}."""
    return {name: n for name, n in counts(conn).items() if n and name not in NEW_DATABASE_ROWS}


def _self_links(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _order(table: Table, conn: Connection) -> tuple[list[dict], list[dict]]:
    """All rows of a self-linked table, each after the rows it links to; then the rows in a
    loop of links, as (rows to insert with those links empty, the links to set afterwards)."""
    columns = _self_links(table)
    rows = [dict(r._mapping) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    placed: set = set()
    ordered: list[dict] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed or r[c] == r["id"] for c in columns)]
        if not ready:
            break
        ordered += ready
        placed.update(r["id"] for r in ready)
        ready_ids = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in ready_ids]
    later = [{"id": r["id"], **{c: r[c] for c in columns}, "updated_at": r.get("updated_at")} for r in waiting]
    ordered += [{**r, **dict.fromkeys(columns)} for r in waiting]
    return ordered, later


def _batches(table: Table, conn: Connection) -> Iterator[list[dict]]:
    result = conn.execution_options(yield_per=BATCH).execute(
        select(table).order_by(*table.primary_key.columns))
    for part in result.partitions(BATCH):
        yield [dict(r._mapping) for r in part]


def _refuse_nul(table: Table, rows: list[dict], target: Connection, source_name: str) -> None:
    """A server refuses a NUL character in text, and only says so of the whole batch: name the
    record and the field holding one (a file keeps what was pasted into it)."""
    if target.dialect.name != "postgresql":
        return
    for row in rows:
        field = next((k for k, v in row.items() if isinstance(v, str) and "\x00" in v), None)
        if field is None:
            continue
        if table.name == "change_record":
            where = (f"entry {row['id']} of the change history (the {row.get('field')} of "
                     f"{row.get('table_name')} {row.get('record_id')}), in its {field}")
        else:
            where = f"the {field} of {table.name} {row.get('id', '')}".rstrip()
        raise CopyRefused(
            f"{source_name} holds a NUL character (an invisible character pasted from another program) in "
            f"{where}, and a team database cannot hold one; the copy was not made and nothing was written."
        )


class _Unholdable:
    """The values met so far that a team database's columns cannot hold: the first few named,
    the rest counted. Nothing is written once one is met."""

    def __init__(self, target: Connection) -> None:
        self.checking = target.dialect.name == "postgresql"
        self.named: list[str] = []
        self.more = 0

    def __bool__(self) -> bool:
        return bool(self.named)

    def read(self, table: Table, rows: list[dict]) -> None:
        if not self.checking or table.name == "change_record":  # its entries: `_refuse_nul` and its chain
            return
        for row in rows:
            for column in table.columns:
                value = row.get(column.name)
                if isinstance(value, str) and "\x00" in value:
                    continue  # `_refuse_nul` says what a NUL character is
                why = stored_values.unholdable_why(column, value)
                if not why:
                    continue
                if len(self.named) < NAMED:
                    self.named.append(f"{_record(table, row, column.name)}: {column.name} {why}")
                else:
                    self.more += 1

    def words(self) -> str:
        return "; ".join(self.named) + (f"; and {self.more} more" if self.more else "")


def _record(table: Table, row: dict, column: str) -> str:
    """'meeting 3', with the record's name where another field gives it ('expense 12 (Venue hire)')."""
    key = "id" if "id" in table.c else next(iter(table.primary_key.columns)).name
    named = f"{table.name} {row.get(key)}"
    label = next((row[c] for c in LABEL_COLUMNS if c != column and isinstance(row.get(c), str)
                  and row[c].strip() and "\x00" not in row[c]), None)
    return f"{named} ({first_line(label, 40)})" if label else named


def _copy_table(table: Table, source: Connection, target: Connection, source_name: str,
                unholdable: _Unholdable) -> None:
    if _self_links(table):
        rows, later = _order(table, source)
        unholdable.read(table, rows)
        if unholdable:
            return
        _refuse_nul(table, rows, target, source_name)
        if rows:
            target.execute(insert(table), rows)
        for row in later:  # links in a loop: set once every row of the loop is there
            values = {k: v for k, v in row.items() if k != "id" and (k != "updated_at" or v is not None)}
            target.execute(update(table).where(table.c.id == row["id"]).values(**values))
        return
    for rows in _batches(table, source):
        unholdable.read(table, rows)
        if unholdable:
            continue  # read on only to count them
        _refuse_nul(table, rows, target, source_name)
        target.execute(insert(table), rows)


def _reset_sequences(conn: Connection) -> None:
    """On a server: each table's next id follows the highest copied one."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if sequence is None:
            continue
        conn.execute(text(
            f'SELECT setval(:s, COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
        ), {"s": sequence})


def _snapshot(conn: Connection) -> Connection:
    """Reads that all see the database at one moment (a file's read transaction already does)."""
    if conn.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def _offline_copy(conn: Connection) -> bool:
    """Whether the database on `conn` is a meeting's offline copy (it records where it came from)."""
    offline = next(t for t in tables() if t.name == "meeting_offline")
    return conn.execute(select(offline.c.id).where(offline.c.server != "").limit(1)).first() is not None


def copy_records(source, target, source_name: str, target_name: str) -> CopyReport:
    """Copy everything in the `source` Database into the empty `target` Database, in one
    transaction on the target. Raises CopyRefused (nothing written) with one sentence."""
    with _snapshot(source.engine.connect()) as src, src.begin():
        version = migrate.current_revision(src)
        before = counts(src)
        with target.engine.begin() as dst:
            if migrate.current_revision(dst) != version:
                raise CopyRefused(
                    f"{source_name} is at schema {version} but {target_name} at "
                    f"{migrate.current_revision(dst)}; open both with this version first."
                )
            if _offline_copy(src):
                raise CopyRefused(
                    f"{source_name} is an offline copy of a meeting taken from a team database: its records belong "
                    "there, so it is brought back (bscp-desktop offline bring-back), never copied; copy the team "
                    "database itself instead."
                )
            engines.serialise_history(dst)  # nobody else appends to the target's history meanwhile
            held = holds_records(dst)
            if held:
                named = ", ".join(f"{n:,} in {t}" for t, n in sorted(held.items(), key=lambda i: -i[1])[:3])
                raise CopyRefused(
                    f"{target_name} already holds records ({named}); copy into a new file or an "
                    "empty team database, so nothing already there is mixed with the copy."
                )
            for name in NEW_DATABASE_ROWS:
                dst.execute(delete(next(t for t in tables() if t.name == name)))
            unholdable = _Unholdable(dst)
            for table in tables():
                _copy_table(table, src, dst, source_name, unholdable)
            if unholdable:
                raise CopyRefused(
                    f"{source_name} holds values a team database cannot hold (another program may have changed "
                    f"it): {unholdable.words()}; the copy was not made and nothing was written. Correct those "
                    "records in the file (open it in BSCP Desktop) and copy it again."
                )
            after = counts(dst)
            table_counts = tuple(TableCount(t.name, before[t.name], after[t.name]) for t in tables())
            different = [c for c in table_counts if c.source != c.target]
            if different:
                raise CopyRefused(
                    f"The copy was not kept: {different[0].table} has {different[0].source:,} rows in "
                    f"{source_name} but {different[0].target:,} in {target_name}."
                )
            broken, _checked = history.verify_chain(dst.connection.dbapi_connection)
            if broken is not None:
                raise CopyRefused(_history_refusal(src, broken, source_name, target_name))
            _reset_sequences(dst)
            search.rebuild(dst)
    return CopyReport(source_name, target_name, table_counts)


def _history_refusal(src: Connection, broken: history.BrokenEntry, source_name: str, target_name: str) -> str:
    """Why a copy whose change history does not match its chain is not kept, in one sentence: the
    source's history altered outside the program (the copy carries every entry as it is), named
    by the source's first altered entry; else the copy's own, which did not read back whole."""
    altered, _checked = history.verify_chain(src.connection.dbapi_connection)
    where = (altered or broken).sentence().split(": ", 1)[1].split(" does not match")[0]  # "entry 101 (…)"
    if altered is None:
        return (f"The copy was not kept: its change history did not read back whole in {target_name}, at {where}, "
                "so nothing was written; try the copy again.")
    return (f"{source_name} was not copied: its change history was altered outside BSCP Desktop, at {where}, so "
            f"nothing was written to {target_name}; copy a backup made before that change instead, and ask IT or "
            "your team who changed it.")
