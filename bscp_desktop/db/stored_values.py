"""Whether every value a file stores can be read by this version.

SQLite keeps whatever a column is given. A file changed by another program (a database browser,
a script) can hold 'not a date' as a meeting's start, 'abc' as an amount or 'exploded' as an
action's status; the window and commands then say so when they meet the record
(`services/failures`). `check` reads every stored value against its column instead, and names
each one it cannot read, so a file is not called healthy when one of its records cannot be shown.

Each table is read once: SQLite picks out the values that may not read (wrong storage kind, a
date that is not its own canonical form, a choice not among the column's `choices`, any text in
a column holding JSON), and each of those is then read the way the records read it, so only
values that really fail are named.

A few text columns hold JSON (`JSON_COLUMNS`: a team setting, a yearly report section's built
figures, an offline copy's values as taken). The services read them with `json_held`, which
names a value it cannot read as `check` does (`UnreadableValue`), so the window and the command
line can say which record holds it. A yearly report section's figures are read whole, as the
report reads them (`domain.yearly_report.read_figures`: a list of blocks, a table's rows, a
chart's numbers), and `check` names the report and the section holding figures it cannot read.
A case review setting is read by its own reader (`domain.case_review_settings.READERS`: rules that
are rules, closure days that are dates, themes that are text), declared by the setting's name
(`inside_of`), and `check` names the setting and why.

A team database's server keeps every date, number and yes-or-no as its column's type; what it
cannot know is a text column's choices, or whether a column holding JSON holds it, so
`choices_problem_on` reads only those there.

A column every record must fill (a meeting's title) can still be found empty: another program
may take the file's own rule away (a database browser's "modify table") and store NULL there.
`check` names such a value as it names one it cannot read ('meeting 3: title is empty'): the
window would fail on that record, and a team database refuses it.

`unholdable_why` says what a team database's column cannot hold of a value a file keeps (a
NUL character, text longer than the column, a number beyond its range, nothing where a value is
needed): bringing an offline copy back (`services/offline/holdable`) and copying a file to a
team database (`transfer`) both ask it before they write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Integer, String, Text, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

from bscp_desktop.db import file_shape
from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.money import Pence
from bscp_desktop.domain import case_review_settings
from bscp_desktop.domain.money import format_money, from_pence
from bscp_desktop.domain.validation import and_list
from bscp_desktop.domain.yearly_report import figures_problem, section_spec

#: How long a value is shown before it is cut.
SHOWN = 40
#: Why a value is named when a column every record must fill holds none.
EMPTY = "empty"
#: The range of a whole number a team database keeps in an Integer column (its INTEGER).
SERVER_INTEGER = (-(2**31), 2**31 - 1)

_DIALECT = sqlite.dialect()


@dataclass(frozen=True)
class BadValue:
    """One stored value this version cannot read."""

    table: str
    row: object
    column: str
    value: object
    why: str
    record: str = ""  # what the record is to the officer, when the table's name does not say it

    def shown(self) -> str:
        """The value as `check` quotes it ('soon', 1e+308), cut after `SHOWN` characters."""
        shown = repr(self.value)
        return shown[: SHOWN - 1] + "…" if len(shown) > SHOWN else shown

    def words(self) -> str:
        if self.value is None and self.why == EMPTY:
            return f"{self.table} {self.row}: {self.column} is empty"
        return f"{self.table} {self.row}: {self.column} holds {self.shown()} ({self.why})" + (
            f", {self.record}" if self.record else "")


@dataclass(frozen=True)
class _Rule:
    """How SQLite picks out a column's doubtful values, and how one is read to be sure."""

    where: str
    why: str
    fails: Callable[[object], bool]
    #: why a value of a record (named by its key) fails, '' when it reads, where `why` does not say it all
    explain: Callable[[object, object], str] | None = None

    def problem(self, value: object, row: object) -> str:
        """'' when `value`, held by the record `row` (its id, or its own key), reads; else why not."""
        if self.explain is not None:
            return self.explain(value, row)
        return self.why if self.fails(value) else ""


def _reads_as(column: Column) -> Callable[[object], bool]:
    process = column.type.dialect_impl(_DIALECT).result_processor(_DIALECT, None)

    def fails(value: object) -> bool:
        try:
            process(value)
        except (TypeError, ValueError, ArithmeticError):
            return True
        return False

    return fails


def _not_whole(value: object) -> bool:
    return type(value) is not int


def _not_text(value: object) -> bool:
    return not isinstance(value, str)


@dataclass(frozen=True)
class _Json:
    """What a column holding JSON holds: any JSON value, or one of a kind (`shape`); whether
    it may be left empty (a section never built, a meeting never taken offline); and what must
    hold inside it (`inside`: '' when the value read holds it, else why not), or inside the value
    of one record named by its own key (`inside_of`: a setting by its name)."""

    shape: type | None
    may_be_empty: bool
    inside: Callable[[Any], str] | None = None
    inside_of: Mapping[object, Callable[[Any], str]] = field(default_factory=dict)

    @property
    def why(self) -> str:
        return "not JSON" if self.shape is None else "not a JSON object"

    def problem(self, value: object, row: object = None) -> str:
        """'' when `value` (held by the record `row`: its id, or its own key) reads; else why not."""
        if not isinstance(value, str):
            return self.why
        if value == "":
            return "" if self.may_be_empty else self.why
        try:
            held = json.loads(value)
        except (ValueError, RecursionError):
            return self.why
        if self.shape is not None and not isinstance(held, self.shape):
            return self.why
        if self.inside is not None:
            return self.inside(held)
        inside = self.inside_of.get(row)
        return inside(held) if inside is not None else ""

    def fails(self, value: object) -> bool:
        return bool(self.problem(value))


#: The text columns holding JSON, by table and column: every team setting's value (a case review
#: setting's read by its own reader), a yearly report section's built figures and an offline
#: copy's values as they were taken.
JSON_COLUMNS: dict[tuple[str, str], _Json] = {
    ("setting", "value"): _Json(None, may_be_empty=False, inside_of=case_review_settings.INSIDE),
    ("yearly_report_section", "data"): _Json(dict, may_be_empty=True, inside=figures_problem),
    ("meeting_offline", "base"): _Json(dict, may_be_empty=True),
}


class UnreadableValue(ValueError):
    """A stored value this version cannot read, met while reading its record: its words name
    the record, the column and why, as `check` names it."""

    def __init__(self, bad: BadValue):
        super().__init__(bad.words())
        self.bad = bad


def _row_of(record: Any) -> object:
    """How `check` names a record: its id, or a table without one by its own key (a setting by its name)."""
    table = record.__table__
    key = "id" if "id" in table.c else next(iter(table.primary_key.columns)).name
    return getattr(record, key, None)


def json_held(record: Any, column: str) -> Any:
    """The value `record` holds as JSON in `column` ({} for a column left empty that may be), or
    UnreadableValue naming the record when it is not JSON of the kind the column holds (text
    left in it by another program)."""
    table_name = record.__table__.name
    rule = JSON_COLUMNS[(table_name, column)]
    value = getattr(record, column)
    row = _row_of(record)
    if why := rule.problem(value, row):
        raise UnreadableValue(_named(BadValue(table_name, row, column, value, why), lambda sql, key: None))
    return json.loads(value) if value else {}


def _rule(column: Column) -> _Rule | None:
    """The rule for one column; None for a column whose every value reads (or is not checked)."""
    if column.primary_key and isinstance(column.type, Integer):
        return None  # SQLite's own row number: always a whole number
    name = f'"{column.name}"'
    kind = column.type
    held_as_json = JSON_COLUMNS.get((column.table.name, column.name))
    if held_as_json is not None:  # its tables are small: every value given is read in Python
        return _Rule(f"{name} <> ''" if held_as_json.may_be_empty else f"{name} IS NOT NULL",
                     held_as_json.why, held_as_json.fails, held_as_json.problem)
    choices = column.info.get("choices")
    if choices is not None:
        allowed = ", ".join("'" + value.replace("'", "''") + "'" for value in sorted(choices))
        return _Rule(f"{name} NOT IN ({allowed})", "not one of its choices",
                     lambda value: not isinstance(value, str) or value not in choices)
    if isinstance(kind, Pence | Integer):  # ids, links, counts and money in pence
        return _Rule(f"typeof({name}) NOT IN ('integer', 'null')", "not a whole number", _not_whole)
    if isinstance(kind, Boolean):
        return _Rule(f"typeof({name}) NOT IN ('integer', 'null') OR {name} NOT IN (0, 1)", "not yes or no",
                     lambda value: value not in (0, 1) or type(value) is not int)
    if isinstance(kind, DateTime):
        return _Rule(f"typeof({name}) NOT IN ('text', 'null') OR datetime({name}, '+0 days') IS NOT substr({name}, 1, 19)",
                     "not a date and time", _reads_as(column))
    if isinstance(kind, Date):
        return _Rule(f"typeof({name}) NOT IN ('text', 'null') OR date({name}, '+0 days') IS NOT {name}", "not a date",
                     _reads_as(column))
    if isinstance(kind, String | Text):
        return _Rule(f"typeof({name}) NOT IN ('text', 'null')", "not text", _not_text)
    return None


def required(column: Column) -> bool:
    """Whether every record must fill `column` (not nullable in the models); a table's own
    whole-number id is SQLite's row number, which is never empty."""
    if column.primary_key and isinstance(column.type, Integer) and len(column.table.primary_key.columns) == 1:
        return False
    return not column.nullable


def unholdable_why(column: Column, value: object) -> str:
    """'' when a team database's `column` can hold `value` (as a record holds it: a sum in
    pounds); else why not, in words that follow the field's name: 'is empty', 'holds a NUL
    character', 'is 418 characters, more than the 200 it can hold', 'holds 3000000000, a number
    too large to keep'."""
    if value is None:
        return "is empty" if required(column) else ""
    kind = column.type
    if isinstance(kind, TypeDecorator):  # a sum in pounds is kept as whole pence
        try:
            stored = kind.process_bind_param(value, None)
        except (TypeError, ValueError, ArithmeticError):
            return ""  # not the kind of value the column takes: reading it says so
        kind = kind.impl_instance
    else:
        stored = value
    if isinstance(stored, str):
        if "\x00" in stored:
            return "holds a NUL character"
        if isinstance(kind, String) and kind.length and len(stored) > kind.length:
            return f"is {len(stored)} characters, more than the {kind.length} it can hold"
    elif (type(stored) is int and isinstance(kind, Integer) and not isinstance(kind, BigInteger)
          and not SERVER_INTEGER[0] <= stored <= SERVER_INTEGER[1]):
        if isinstance(column.type, Pence):
            most = format_money(from_pence(SERVER_INTEGER[1]))
            return f"holds {format_money(value)}, a sum too large to keep (at most {most})"
        return f"holds {stored}, a number too large to keep"
    return ""


#: The section and the report a yearly report section's record belongs to.
_SECTION_OF = ("SELECT s.key, r.title FROM yearly_report_section s JOIN yearly_report r ON r.id = s.report_id "
               "WHERE s.id = :id")


def _named(bad: BadValue, one_row: Callable[[str, dict], Any]) -> BadValue:
    """`bad`, saying what its record is to the officer where the table's name does not: a yearly
    report section's figures by the section's title and the report's (`one_row(sql, {"id": ...})`
    reads the one row of a query), and how they are built again; a case review setting by its
    name in the window, and how it is set again."""
    if bad.table == "setting" and bad.column == "value" and bad.row in case_review_settings.LABELS:
        what = (f"the case review setting '{case_review_settings.LABELS[bad.row]}' (its default is used until it is "
                "saved again in the Case reviews tab's Deadline rules and settings)")
        return BadValue(bad.table, bad.row, bad.column, bad.value, bad.why, what)
    if bad.table != "yearly_report_section" or bad.column != "data":
        return bad
    found = one_row(_SECTION_OF, {"id": bad.row})
    if found is None:
        return bad
    key, report = found
    try:
        spec = section_spec(key)
    except KeyError:
        return bad
    what = f"the figures kept with the section '{spec.title}' of the yearly report '{report}'"
    if spec.built:
        what += " (refreshing that section from the records builds them again)"
    return BadValue(bad.table, bad.row, bad.column, bad.value, bad.why, what)


def _key_of(table, columns: set[str]) -> str:
    """A table without an id is named by its own key (a setting by its name), else by SQLite's row number."""
    keys = [column.name for column in table.primary_key.columns]
    return f'"{keys[0]}"' if len(keys) == 1 and keys[0] in columns else "rowid"


def unreadable(con: sqlite3.Connection) -> Iterator[BadValue]:
    """Every stored value of the file open on `con` that this version cannot read, table by
    table in the order the records are declared. Columns the file
    lacks, or has beyond this version's, are passed over (`file_shape` speaks of those), and so
    is the change history: nothing can change it, and an entry added behind the program's back
    breaks its chain (`history.verify_chain`). A column every record must fill that holds NULL
    (its own rule taken away by another program) is named as empty."""
    load_all()
    held = file_shape.held_columns(con)
    for table in Base.metadata.tables.values():
        if table is ChangeRecord.__table__:
            continue
        columns = held.get(table.name, set())
        rules = [(column, _rule(column), required(column)) for column in table.columns if column.name in columns]
        rules = [(column, rule, needed) for column, rule, needed in rules if rule is not None or needed]
        if not rules:
            continue
        key = '"id"' if "id" in columns else _key_of(table, columns)
        picked = ", ".join(f'"{column.name}"' for column, _, _ in rules)
        where = " OR ".join([f"({rule.where})" for _, rule, _ in rules if rule is not None]
                            + [f'"{column.name}" IS NULL' for column, _, needed in rules if needed])
        rows = con.execute(f'SELECT {key}, {picked} FROM "{table.name}" WHERE {where} ORDER BY {key}')  # noqa: S608 - names from the models
        for row in rows:
            for (column, rule, needed), value in zip(rules, row[1:], strict=True):
                if value is None:
                    if needed:
                        yield BadValue(table.name, row[0], column.name, None, EMPTY)
                elif rule is not None and (why := rule.problem(value, row[0])):
                    yield _named(BadValue(table.name, row[0], column.name, value, why),
                                 lambda sql, key: con.execute(sql, key).fetchone())


def values_problem(con: sqlite3.Connection, limit: int = 3) -> str:
    """'' when every stored value reads; else the words naming the first `limit` that do not
    and counting the rest ('meeting 12: starts_at holds 'x' (not a date) and 2 more')."""
    return _first_named(unreadable(con), limit)


def _first_named(values: Iterator[BadValue], limit: int) -> str:
    named: list[str] = []
    more = 0
    for value in values:
        if len(named) < limit:
            named.append(value.words())
        else:
            more += 1
    return "; ".join(named) + (f"; and {more} more" if more else "")


def choices_problem_on(conn: Connection, limit: int = 3) -> str:
    """As `values_problem`, for a team database (through SQLAlchemy): the text columns holding a
    value not among their choices ('exploded' as an action's status), or not the JSON they hold
    (`JSON_COLUMNS`), read one query a column."""
    return _first_named(unreadable_on(conn), limit)


def unreadable_on(conn: Connection) -> Iterator[BadValue]:
    """As `unreadable`, for a team database (through SQLAlchemy): the values of its text
    columns this version cannot read, column by column (`choices_problem_on` words the first few)."""
    load_all()
    for table in Base.metadata.tables.values():
        key = table.c.id if "id" in table.c else next(iter(table.primary_key.columns))
        for column in table.columns:
            allowed = column.info.get("choices")
            held_as_json = JSON_COLUMNS.get((table.name, column.name))
            if allowed is not None:
                rows = conn.execute(select(key, column).where(column.is_not(None), column.not_in(sorted(allowed)))
                                    .order_by(key))
                bad = ((row_id, value, "not one of its choices") for row_id, value in rows)
            elif held_as_json is not None:  # small tables: every value given is read here
                rows = conn.execute(select(key, column).where(column.is_not(None)).order_by(key)).all()
                bad = ((row_id, value, held_as_json.problem(value, row_id)) for row_id, value in rows)
            else:
                continue
            for row_id, value, why in bad:
                if why:
                    yield _named(BadValue(table.name, row_id, column.name, value, why),
                                 lambda sql, key: conn.execute(text(sql), key).first())


def _items_at(count: int, position: int) -> str:
    return f"an item at position {position}" if count == 1 else f"{count} items at position {position}"


def agenda_positions_problem(con: sqlite3.Connection, limit: int = 3, leaving_out: Collection[int] = ()) -> str:
    """'' when the items on each meeting's agenda (those not archived) are at positions 1 to n,
    each at one, as the program keeps them (the minutes and agendas number them so); else words
    naming the first `limit` meetings whose are not, with the positions out of place, and
    counting the rest ('meeting 13: its agenda has an item at position -5 and 2 items at
    position 2, where its 7 items belong at 1 to 7, one at each'). The meetings `leaving_out`
    are not checked (in an offline copy, those it holds only some items of)."""
    wrong = [meeting for (meeting,) in con.execute(
        "SELECT meeting_id FROM agenda_item WHERE archived_at IS NULL GROUP BY meeting_id "
        "HAVING min(position) IS NOT 1 OR max(position) IS NOT count(*) OR count(DISTINCT position) IS NOT count(*) "
        "ORDER BY meeting_id") if meeting not in leaving_out]
    named = []
    for meeting in wrong[:limit]:
        held = con.execute("SELECT position, count(*) FROM agenda_item WHERE meeting_id = ? AND archived_at IS NULL "
                           "GROUP BY position ORDER BY position", (meeting,)).fetchall()
        items = sum(count for _, count in held)
        out_of_place = [_items_at(count, position) for position, count in held
                        if count > 1 or not isinstance(position, int) or not 1 <= position <= items]
        belong = "its one item belongs at 1" if items == 1 else f"its {items} items belong at 1 to {items}, one at each"
        named.append(f"meeting {meeting}: its agenda has {and_list(out_of_place)}, where {belong}")
    more = len(wrong) - len(named)
    return "; ".join(named) + (f"; and {more} more" if more else "")
