"""The change log's search, in SQL: the pieces `services/history.py` puts together.

A word is looked for only in the words the change log shows for an entry: the record's name and
who made the change as stored, a field by its name as shown ("Representing" for a seat's
`organisation_id`: `fields_shown`), and a value as stored only where the log shows it so
(`values_hidden`: never a link's number, which the log shows as the record's name, nor a
vocabulary's code). A code (`head_count`) is found by its word ("A number of members",
`history_values.VALUE_LABELS`). What was typed is first read as the codes and fields whose words
hold it (`codes_shown`, `fields_shown`, no entry read); the full-text index then finds the
entries holding them by the code's and the field's own words in their columns (`widened`), and
each is kept if it holds one (`holds_code`, `in_fields`) or the term is in one of its shown
columns (`found_as_shown`). No entry is read that the index did not point at.
A date typed as the change log shows it ("28/06/2024") is looked for in the index also by the
words it is stored in (2024-06-28: `dated`). A word of the What happened column ("Restored")
is read as the actions it shows (`restore`, under the key `DONE`), which the index does not
hold: an archive or a restore is found by its field (`archived_at`), and kept by its action.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

from sqlalchemy import String, bindparam, column, false, func, literal_column, or_, select, text
from sqlalchemy import table as sql_table

from bscp_desktop.db.base import Base
from bscp_desktop.db.history import SEARCH_TABLE, SKIPPED_FIELDS, folded_sql
from bscp_desktop.db.history_bulk import WHOLE_RECORD
from bscp_desktop.db.models import ChangeRecord, load_all
from bscp_desktop.domain.search import apart, matches_text, whole_word
from bscp_desktop.services.history_names import ACTION_LABELS, field_label
from bscp_desktop.services.history_values import FIELD_WORDS, VALUE_LABELS

SEARCH = sql_table(SEARCH_TABLE, column("rowid"))

#: {(table, field): codes} of the fields whose stored code is shown by a word holding a term;
#: under `DONE`, the actions shown by such a word.
Codes = dict[tuple[str, str], tuple[str, ...]]

#: The key of `Codes` holding the actions (insert, restore) whose word in the change log's What
#: happened column (`history_names.ACTION_LABELS`: "Added", "Restored") holds a term.
DONE = ("", "action")

#: The field every entry of an action has, by which the full-text index finds the action's
#: entries (archiving a record or restoring it sets `archived_at`; the others may hold any field).
ACTION_FIELDS = {"archive": "archived_at", "restore": "archived_at"}

#: The index's columns the change log shows as stored in every entry: the record's name saved
#: with it (a setting's is its key, shown in the same words) and who made the change.
NAMED = "{record_label changed_by}"
#: Those and the old and new value, for an entry whose values are shown as stored.
WORDED = "{record_label old_value new_value changed_by}"

#: {field: the tables where it has it}: which fields of which tables a condition is about.
Fields = dict[str, tuple[str, ...]]


@functools.cache
def values_hidden() -> Fields:
    """The fields whose stored old and new values the change log never shows as stored, so a
    search never finds an entry by them: a link to another record (its number, shown as the
    record's name: `history_names.link_target`), a vocabulary's code (shown by its word and found
    by it: `codes_shown`) and the program's own working (`history_values.FIELD_WORDS`)."""
    load_all()
    pairs = {(table.name, column.name) for table in Base.metadata.tables.values() for column in table.c
             if column.foreign_keys} | set(VALUE_LABELS) | set(FIELD_WORDS)
    return _by_field(pairs)


@functools.cache
def fields_shown(term: str) -> Fields:
    """The fields whose name as the change log shows it holds the term (`field_label`: "Start
    date"; a seat's `organisation_id` is "Representing", not "Organisation"), by the program's one
    rule for searches; a setting is named by its key, which its entries store as their name."""
    load_all()
    return _by_field({(table.name, column.name) for table in Base.metadata.tables.values() if table.name != "setting"
                      for column in table.c if column.name not in SKIPPED_FIELDS
                      and matches_text([term], field_label(column.name, table.name))})


def _by_field(pairs) -> Fields:
    found: dict[str, list[str]] = {}
    for table, field in sorted(pairs):
        found.setdefault(field, []).append(table)
    return {field: tuple(tables) for field, tables in found.items()}


def in_fields(fields: Fields, search_leads: bool, whole: bool = True):
    """The entries of those fields of those tables (each read as "table.field", one look-up in
    the list of them all); with `whole`, also an added record's one entry holding one of them
    (`"start_date":`), which the change log shows as a row a field."""
    if not fields:
        return false()
    table = column_of("table_name", search_leads, String())
    field = column_of("field", search_leads, String())
    keys = sorted(f"{held}.{name}" for name, tables in fields.items() for held in tables)
    found = [(table + "." + field).in_(bindparam(None, keys, expanding=True, literal_execute=True))]
    if whole:
        new = column_of("new_value", search_leads, String())
        by_tables: dict[tuple[str, ...], list[str]] = {}  # most fields are in the same tables (`name`, `notes`)
        for name, tables in sorted(fields.items()):
            by_tables.setdefault(tables, []).append(name)
        found += [(field == WHOLE_RECORD) & table.in_(bindparam(None, list(held), expanding=True, literal_execute=True))
                  & or_(*(new.contains(f'"{name}":', autoescape=True) for name in names)) for held, names in by_tables.items()]
    return or_(*found)


def shows_values(table: str, field: str) -> bool:
    """Whether the change log shows a field's values as stored (`values_hidden`)."""
    return table not in values_hidden().get(field, ())


def like_pattern(text_: str) -> str:
    return "%" + text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def word_pattern(term: str) -> str:
    """A PostgreSQL pattern finding a term's words as the full-text index does: each word at the
    start of a word (whole if it has one or two letters), a phrase's words one after another. A
    word holding a Chinese character, kana or Korean syllable, each a word of its own (`apart`),
    is found wherever it stands in a run written without spaces ("小明" in "王小明"), composed as
    text is saved (a Korean syllable is folded into its letters)."""
    def pattern(word: str) -> str:
        escaped = re.sub(r"(\W)", r"\\\1", unicodedata.normalize("NFC", word))
        return escaped if apart(word) != word else r"\m" + escaped + (r"\M" if whole_word(word) else "")
    return r"\W+".join(pattern(word) for word in term.split(" "))


def column_of(name: str, search_leads: bool, type_=None):
    """A history column for a condition. When the full-text index leads, the column is written
    `+change_record.x`, which tells SQLite not to use the column's own index: it then reads the
    index's matches newest first and checks each entry, instead of checking the index for
    every one of a person's entries."""
    if not search_leads:
        return getattr(ChangeRecord, name)
    return literal_column(f"+{ChangeRecord.__tablename__}.{name}", type_=type_)


def found_without_index(term: str, key: str, server: bool):
    """Without the full-text index (a team database): `term` (`key` folded) in a column the
    change log shows as stored (a value only where it is shown so: `values_hidden`), as the index
    finds it on PostgreSQL (`server`: a word or the start of one, accents and case aside), else
    anywhere in the text, a date typed as shown also as stored (`dates_held`); or in the words
    the log shows for a field or a code (`fields_shown`, `codes_shown`)."""
    def found(*columns) -> list:
        if server:
            return [folded_sql(column).op("~")(word_pattern(t)) for t in (term, *dates_held(key)) for column in columns]
        day = date_typed(key)
        return [column.ilike(like_pattern(t), escape="\\") for t in (term, *([day.isoformat()] if day else []))
                for column in columns]

    c = ChangeRecord
    return or_(*found(c.record_label, c.changed_by), ~in_fields(values_hidden(), False, whole=False) & or_(*found(c.new_value, c.old_value)),
               in_fields(fields_shown(key), False), holds_code(codes_shown(key), False))


def matching(expression: str):
    """The entries the full-text index finds for an FTS5 query, by number."""
    match = text(f"{SEARCH_TABLE} MATCH :match").bindparams(bindparam("match", expression, unique=True))
    return select(SEARCH.c.rowid).select_from(SEARCH).where(match)


def named_entries(records: dict[str, set[int]] | None):
    """The entries stored without a name of these records ({table: ids}), which the change log
    names by their record's name (`records_named`)."""
    if not records:
        return false()
    c = ChangeRecord
    return (c.record_label == "") & or_(*(
        (c.table_name == table) & c.record_id.in_(bindparam(None, sorted(ids), expanding=True, literal_execute=True))
        for table, ids in sorted(records.items())))


def unnamed_entries(named: dict[str, dict[str, set[int]]]):
    """The entries stored without a name of any record a word searched names."""
    every: dict[str, set[int]] = {}
    for records in named.values():
        for table, ids in records.items():
            every.setdefault(table, set()).update(ids)
    return named_entries(every)


# ---------------------------------------------------------------- dates typed as shown

#: A date as the change log shows it, once typed and read as a term: "28/06/2024", "1/4/2024" and
#: "2024-04-01" are the terms "28 06 2024" and "01 04 2024" (`domain.search.search_terms` reads a
#: typed date as the index writes it).
_SHOWN_DATE = re.compile(r"(\d{1,2}) (\d{1,2}) (\d{4})")


@functools.cache
def date_typed(term: str) -> date | None:
    """The day a term names when typed as the change log shows a date, day first; None for any
    other term, or a day that is no date ("31/02/2024")."""
    found = _SHOWN_DATE.fullmatch(term)
    try:
        return date(int(found[3]), int(found[2]), int(found[1])) if found else None
    except ValueError:
        return None


def dates_held(term: str) -> tuple[str, ...]:
    """The other words a date typed as shown is held in, as terms: as stored ("28 06 2024":
    2024-06-28 is "2024 06 28"; a time after it changes nothing) and, when typed without its
    noughts ("1 4 2024"), as written in full ("01 04 2024")."""
    day = date_typed(term)
    if day is None:
        return ()
    held = (f"{day.year:04d} {day.month:02d} {day.day:02d}", f"{day.day:02d} {day.month:02d} {day.year:04d}")
    return tuple(t for t in held if t != term)


def dated(term: str, match: str) -> str:
    """A term's FTS5 query that also finds a date typed as shown by the words it is held in
    (`dates_held`), each word whole: the index then finds entries storing 2024-06-28 for
    "28/06/2024" as it finds them for "2024-06-28"."""
    others = dates_held(term)
    if not others:
        return match
    return "(" + " OR ".join([match, *(" + ".join(f'"{word}"' for word in t.split(" ")) for t in others)]) + ")"


# ---------------------------------------------------------------- codes shown by their words


@functools.cache
def codes_shown(term: str) -> Codes:
    """The codes whose word as the change log shows it holds the term ("number" and "members":
    the quorum rule `head_count`, "A number of members"), by the program's one rule for searches
    (`domain.search.matches_text`); a code's own words ("head") find nothing, the log never
    showing them (`values_hidden`). Under `DONE`, the actions whose word holds it ("restored":
    `restore`), whatever their own text, which no index holds."""
    found: Codes = {}
    for (table, field), vocabulary in VALUE_LABELS.items():
        if codes := tuple(member.value for member in vocabulary if matches_text([term], member.label)):
            found[(table, field)] = codes
    if actions := tuple(action for action, word in ACTION_LABELS.items() if matches_text([term], word)):
        found[DONE] = actions
    return found


def index_finds(codes: Codes) -> bool:
    """Whether the full-text index finds every entry holding one of the codes (by the code's and
    its field's words, `widened`): not for an action whose entries may hold any field (Added,
    Changed, Deleted), which only the entries' own column tells."""
    return all(action in ACTION_FIELDS for action in codes.get(DONE, ()))


def shown_by_code(codes: Codes, row) -> bool:
    """Whether a row of the change log (an entry, or a field of an added record's one entry)
    holds one of the codes: as its field's new value, or as its action."""
    return row.new_value in codes.get((row.table_name, row.field), ()) or row.action in codes.get(DONE, ())


def _fields_of(codes: Codes, fields: Fields) -> list[str]:
    """The fields whose entries the index is asked for, for the codes: the fields holding a
    value's code, the field every entry of an action found has (`ACTION_FIELDS`), and the fields
    named by the term (`fields_shown`)."""
    actions = {ACTION_FIELDS[action] for action in codes.get(DONE, ()) if action in ACTION_FIELDS}
    return sorted({field for (table, field) in codes if (table, field) != DONE} | actions | set(fields))


def _phrase(code: str) -> str:
    """A code (or a field's name) as an FTS5 phrase of its own words, one straight after another
    (`head_count` is indexed as the words head and count)."""
    return " + ".join('"' + word + '"' for word in code.split("_") if word)


def _code_words(field: str, code: str) -> str:
    """An FTS5 query finding the entries of a field holding a code: the code's words in the old
    or new value and the field's in the field, or the two together in an added record's one
    entry (`"quorum_rule":"head_count"`). The index's columns narrow it to those few entries."""
    return (f"({{old_value new_value}} : {_phrase(code)} AND field : {_phrase(field)})"
            f" OR new_value : {_phrase(field)} + {_phrase(code)}")


def widened(match: str, codes: Codes, fields: Fields | None = None) -> str:
    """A term's FTS5 query (of the columns shown as stored: `WORDED`) that also finds the entries
    holding one of its codes, those of the actions found whose entries all have one field (an
    archive's `archived_at`) and those of the fields it names (`fields_shown`), in their own entries
    or an added record's one entry: the entries `found_as_shown` then keeps or leaves."""
    every = sorted({(field, code) for (table, field), found in codes.items() if (table, field) != DONE for code in found})
    named = sorted({ACTION_FIELDS[action] for action in codes.get(DONE, ()) if action in ACTION_FIELDS} | set(fields or ()))
    return "(" + " OR ".join([f"{WORDED} : ({match})", *(_code_words(field, code) for field, code in every),
                              *(f"field : {_phrase(field)} OR new_value : {_phrase(field)}" for field in named)]) + ")"


def holds_code(codes: Codes, search_leads: bool):
    """The entries whose field holds one of its codes (`codes_shown`), as the old or new value,
    or among the values of an added record's one entry (`db.history_bulk.record_inserts`); and
    those of the actions found (`DONE`)."""
    if not codes:
        return false()
    table = column_of("table_name", search_leads, String())
    field = column_of("field", search_leads, String())
    old = column_of("old_value", search_leads, String())
    new = column_of("new_value", search_leads, String())
    found = []
    for (table_name, field_name), values in sorted(codes.items()):
        listed = bindparam(None, list(values), expanding=True, literal_execute=True)
        if (table_name, field_name) == DONE:
            found.append(column_of("action", search_leads, String()).in_(listed))
            continue
        whole = or_(*(new.contains(f'"{field_name}":"{value}"', autoescape=True) for value in values))
        found.append((table == table_name) & or_(
            (field == field_name) & (old.in_(listed) | new.in_(listed)),
            (field == WHOLE_RECORD) & whole,
        ))
    return or_(*found)


def found_as_shown(term: str, match: str, search_leads: bool):
    """The entries the change log shows the term in: in their record's name or author, in a value
    shown as stored (`values_hidden`), in a field's name or a code's word as shown (`in_fields`,
    `holds_code`). With `search_leads`, of the entries the index found by the term's query
    widened (`widened`): an entry of a value shown as stored that the words of no field or code
    could have found (its field named like none of them, nor that name in its new value) was
    found by the term in a column shown, and is kept as it is; any other is looked up again in
    the index, all such entries in one reading of the term's matches in those columns."""
    codes, fields = codes_shown(term), fields_shown(term)
    plain = ~in_fields(values_hidden(), search_leads, whole=False)
    found = [holds_code(codes, search_leads), in_fields(fields, search_leads),
             ChangeRecord.id.in_(matching(f"{NAMED} : ({match})").correlate(None)),
             plain & ChangeRecord.id.in_(matching(f"{WORDED} : ({match})").correlate(None))]
    if search_leads:
        field = column_of("field", search_leads, String())
        new = func.coalesce(column_of("new_value", search_leads, String()), "")
        # `_` in a field's name stands for any one character, as the index reads `_` or `.` between words
        named = _fields_of(codes, fields)
        may_be_named = or_(*(column.like(f"%{name}%") for name in named for column in (field, new))) if named else false()
        found.insert(0, plain & ~may_be_named)
    return or_(*found)
