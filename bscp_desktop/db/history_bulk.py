"""The change history of records saved in bulk (`db/bulk.add_new`, as imports save them): one
entry per added record holding all its fields, chained and written in one pass.

The entries are ordinary history entries (`db/history.py`): the chain, `check`, `copy` and the
full-text index treat them as any other. Readers show them field by field
(`services/history.field_by_field`); docs/ARCHITECTURE.md, "The change history", says why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.history import GENESIS, HASHED_FIELDS, LABEL_COLUMNS, LABEL_MAX, SEARCH_COLUMNS, SEARCH_TABLE, SKIPPED_FIELDS, as_text, chain_end, current_user, when_text
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.settings import Setting
from bscp_desktop.domain.text import first_line

#: The history's own triggers that run for every inserted entry (see `_insert_many_sqlite`).
PER_ENTRY_TRIGGERS = ("history_search_add", "change_record_no_replace")
#: The columns of an entry as written, in order (the hashed fields, then the hash).
ENTRY_COLUMNS = (*HASHED_FIELDS, "hash")


def _insert_many_sqlite(connection, entries: list[tuple]) -> None:
    """Many entries (tuples in ENTRY_COLUMNS order) at once on SQLite, with what the
    per-entry triggers do done once for all.

    Two triggers run for each inserted entry: one adds it to the full-text index, one refuses
    an insert reusing an id. Run per entry they cost several times the insert itself (the
    full-text index writes its pending part out at every statement a trigger runs), so here,
    inside this transaction, they are lifted, the entries inserted with ids SQLite assigns
    (nothing can be replaced), the new entries indexed by one INSERT ... SELECT, and the
    triggers put back exactly as they were, before the transaction ends. The transaction
    holds the file's write lock throughout, so no other connection ever sees the history
    without them, and a rollback or a crash undoes it all."""
    names = ", ".join(f"'{name}'" for name in PER_ENTRY_TRIGGERS)
    triggers = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_record' "
        f"AND name IN ({names}) ORDER BY name"
    ).all()
    before = connection.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM change_record").scalar()
    for name, _sql in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    connection.exec_driver_sql(
        f"INSERT INTO change_record ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
        entries,
    )
    if any(name == "history_search_add" for name, _sql in triggers):
        columns = ", ".join(SEARCH_COLUMNS)
        connection.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE}(rowid, {columns}) SELECT id, {columns} FROM change_record WHERE id > ?",
            (before,),
        )
    for _name, sql in triggers:
        connection.exec_driver_sql(sql)


def _hasher(when: str, user: str, table: str, action: str):
    """`entry_hash` for entries sharing their time, user, table and action, built from the
    same JSON text without building each entry's list (a test checks they agree)."""
    encode = json.encoder.encode_basestring  # the string encoder json.dumps(ensure_ascii=False) uses
    head = json.dumps([when, user, table], ensure_ascii=False, separators=(",", ":"))[:-1] + ","
    middle = "," + encode(action) + ","

    def hashed(previous: str | None, record_id: int, field: str, old: str | None, new: str | None,
               label: str) -> str:
        text = (f"{head}{int(record_id)}{middle}{encode(field)},{'null' if old is None else encode(old)},"
                f"{'null' if new is None else encode(new)},{encode(label or '')}]")
        return hashlib.sha256(f"{previous or GENESIS}\n{text}".encode()).hexdigest()

    return hashed


def _labeller(model: type):
    """record_label for a record given as a mapping of its values."""
    own = getattr(model, "history_label", None)
    columns = [c for c in LABEL_COLUMNS if c in inspect(model).column_attrs]

    def first_name(values: Mapping) -> str:
        for column in columns:
            value = values.get(column)
            if isinstance(value, str) and value.strip():
                return first_line(value, LABEL_MAX)
        return ""

    if isinstance(own, property):
        def labelled(values: Mapping) -> str:
            value = own.fget(_RecordView(values))
            return first_line(value, LABEL_MAX) if isinstance(value, str) and value.strip() else first_name(values)
        return labelled
    return first_name


class _RecordView:
    """A mapping read as attributes (for a model's `history_label` property)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping) -> None:
        self._values = values

    def __getattr__(self, name: str):
        return self._values.get(name)


#: The field of an entry that records a whole added record at once (`record_inserts`): its new
#: value is a JSON object of the record's fields that have a value, as text, in column order;
#: only quotes and backslashes are escaped, so the words of a value after a line break are words
#: to the history's full-text index. The hook never writes an insert without a field.
WHOLE_RECORD = ""


def is_whole_record(action: str, field: str | None) -> bool:
    """True for an entry recording every field of an added record at once."""
    return action == "insert" and not field


def _json_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def whole_record_text(values: Mapping[str, str]) -> str:
    text = _JSON(values)  # the same text when no value holds a quote, a backslash or a control character
    if "\\" in text:
        text = "{" + ",".join(f"{_json_text(k)}:{_json_text(v)}" for k, v in values.items()) + "}"
    return text


def record_fields(new_value: str | None) -> list[tuple[str, str]]:
    """The (field, value as text) pairs a whole-record entry holds, in column order."""
    values = json.loads(new_value, strict=False) if new_value else {}
    return [(str(k), str(v)) for k, v in values.items()] if isinstance(values, dict) else []


def record_inserts(session: Session, model: type, records: Sequence[Mapping], user: str | None = None) -> int:
    """Record in the change history the insertion of many records of one model, inserted
    with Core in `session`'s transaction (which the after-flush hook does not see).

    Each mapping holds the record's `id` and its value for every column attribute (defaults
    included), as the ORM holds them after a flush. Each record gets ONE entry (action
    "insert", field `WHOLE_RECORD`) whose new value is a JSON object of every field with a
    value, as text, exactly the values the hook would write as one entry per field. Readers
    show it field by field (`services/history.py`), so the user sees what a record saved on
    its own shows; the chain, `check` and `copy` treat it as any other entry. One entry per
    record instead of one per field is what lets 30,000 rows be imported in seconds. The
    entries are chained in one pass and written with one statement. Returns how many."""
    if model is Setting:
        raise ValueError("Settings are recorded by name; save them through the unit of work.")
    mapper = inspect(model)
    table = str(mapper.local_table.name)  # a plain str: the driver takes it as it is
    fields = [attr.key for attr in mapper.column_attrs if attr.key not in SKIPPED_FIELDS]
    label_of = _labeller(model)
    user = user or session.info.get("user") or current_user()
    connection = session.connection()
    previous, at = chain_end(connection, utcnow())
    when = when_text(at)
    hashed = _hasher(when, user, table, "insert")
    text_of = as_text
    entries: list[tuple] = []
    for record in records:
        values = {name: new if type(new) is str else text_of(new)
                  for name in fields if (new := record.get(name)) is not None and new != ""}
        if not values:
            continue
        record_id, label, text = int(record["id"]), label_of(record), whole_record_text(values)
        previous = hashed(previous, record_id, WHOLE_RECORD, None, text, label)
        entries.append((when, user, table, record_id, "insert", WHOLE_RECORD, None, text, label, previous))
    if not entries:
        return 0
    if connection.dialect.name == "sqlite":
        _insert_many_sqlite(connection, entries)
    else:
        connection.execute(insert(ChangeRecord), [
            {**dict(zip(ENTRY_COLUMNS, entry, strict=True)), "changed_at": at} for entry in entries
        ])
    return len(entries)
