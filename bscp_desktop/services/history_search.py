"""The change log's search, in SQL: the pieces `services/history.py` puts together.

A word is looked for in what an entry stores and in the words the change log shows for it:
a vocabulary's code (`head_count`) is shown by its word ("A number of members",
`history_values.VALUE_LABELS`). What was typed is first read as the codes whose words hold it
(`codes_shown`, no entry read); the full-text index then finds the entries holding those
codes by the code's and the field's own words in their columns (`widened`), and each is kept
if its field holds the code (`holds_code`). No entry is read that the index did not point at.
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

from bscp_desktop.db.history import SEARCH_TABLE, folded_sql
from bscp_desktop.db.history_bulk import WHOLE_RECORD
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.search import apart, matches_text, whole_word
from bscp_desktop.services.history_names import ACTION_LABELS
from bscp_desktop.services.history_values import VALUE_LABELS

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


def found_without_index(term: str, key: str, columns, server: bool) -> list:
    """Without the full-text index (a team database): `term` (`key` folded) in any of `columns`,
    as the index finds it on PostgreSQL (`server`: a word or the start of one, accents and case
    aside), else anywhere in the text; a date typed as shown also as stored (`dates_held`)."""
    if server:
        return [folded_sql(column).op("~")(word_pattern(t)) for t in (term, *dates_held(key)) for column in columns]
    day = date_typed(key)
    return [column.ilike(like_pattern(t), escape="\\") for t in (term, *([day.isoformat()] if day else []))
            for column in columns]


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
    (`domain.search.matches_text`); only those whose stored text does not hold it already
    (`deputy` holds "deputy"), which the index finds by themselves. Under `DONE`, the actions
    whose word holds it ("restored": `restore`), whatever their own text, which no index holds."""
    found: Codes = {}
    for (table, field), vocabulary in VALUE_LABELS.items():
        codes = tuple(member.value for member in vocabulary
                      if matches_text([term], member.label) and not matches_text([term], member.value))
        if codes:
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


def _fields_of(codes: Codes) -> list[str]:
    """The fields whose entries the index is asked for, for the codes: the fields holding a
    value's code, and the field every entry of an action found has (`ACTION_FIELDS`)."""
    actions = {ACTION_FIELDS[action] for action in codes.get(DONE, ()) if action in ACTION_FIELDS}
    return sorted({field for (table, field) in codes if (table, field) != DONE} | actions)


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


def widened(match: str, codes: Codes) -> str:
    """A term's FTS5 query that also finds the entries holding one of its codes, and those of the
    actions found whose entries all have one field (an archive's `archived_at`): the entries
    `holds_code` then keeps or leaves."""
    every = sorted({(field, code) for (table, field), found in codes.items() if (table, field) != DONE for code in found})
    fields = sorted({ACTION_FIELDS[action] for action in codes.get(DONE, ()) if action in ACTION_FIELDS})
    if not every and not fields:
        return match
    return "(" + " OR ".join([match, *(_code_words(field, code) for field, code in every),
                              *(f"field : {_phrase(field)}" for field in fields)]) + ")"


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


def found_by_words(match: str, codes: Codes, search_leads: bool):
    """Of the entries the index found by a term's query widened with its codes' words
    (`widened`), those it found by the term itself or that hold one of its codes. Only an entry
    the codes' words could have found (its field named like a code's field, or that name in its
    new value) is looked up again in the index, all such entries in one reading of the term's
    matches; every other entry was found by the term."""
    fields = _fields_of(codes)
    field = column_of("field", search_leads, String())
    new = func.coalesce(column_of("new_value", search_leads, String()), "")
    # `_` in a field's name stands for any one character, as the index reads `_` or `.` between words
    may_be_code = or_(*(column.like(f"%{name}%") for name in fields for column in (field, new))) if fields else false()
    return or_(holds_code(codes, search_leads), ~may_be_code,
               ChangeRecord.id.in_(matching(match).correlate(None)))
