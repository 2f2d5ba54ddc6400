"""Saving many new records of one kind at once, as the unit of work would save them one by one.

An import of thousands of rows would spend most of its time in the ORM and in the after-flush
hooks, which handle one record (and one history entry, one search entry) at a time. `add_new`
inserts the records with one Core statement in the session's transaction and then does, in
bulk, what those hooks do for each record:

* the change history: `history_bulk.record_inserts`, one entry per record holding its fields;
* the full-text search index: `search.index_new`;
* the change notice: the records' kind joins the kinds the unit of work announces;
* the rule on dates (`guards.check_dates`).

It commits or rolls back with the rest of the unit of work, like any other write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session

from bscp_desktop.db import changes, guards, history, history_bulk, notify, search


def _defaults(model: type) -> dict[str, object]:
    """The value each column attribute gets when not given (callables called once for the
    batch, as `created_at` and `updated_at` are)."""
    values: dict[str, object] = {}
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        if column.primary_key:
            continue
        default = column.default
        if default is None and column.server_default is not None:
            if attr.key not in history.SKIPPED_FIELDS:  # its value would be in the history
                raise ValueError(f"{model.__name__}.{attr.key} takes its value from the database")
            continue  # the database fills it in (the record's version)
        if default is None:
            values[attr.key] = None
        elif default.is_scalar:
            values[attr.key] = default.arg
        elif default.is_callable:
            values[attr.key] = default.arg(None)
        else:
            raise ValueError(f"{model.__name__}.{attr.key} has a default that cannot be computed here")
    return values


def _insert_sqlite(connection, table, columns: dict[str, str], ids: list[int], records: list[dict]) -> None:
    """One executemany of plain tuples, each value turned into what its column stores by the
    column type's own bind processor, as a Core insert does, without its work for every row.
    `columns` maps the attributes the records give to their columns' keys."""
    dialect = connection.dialect
    attrs = list(columns)
    targets = [table.c[columns[attr]] for attr in attrs]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in targets]
    quote = dialect.identifier_preparer.quote
    statement = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in ['id', *(t.name for t in targets)])}) "
                 f"VALUES ({', '.join('?' * (len(targets) + 1))})")
    rows = []
    for record_id, record in zip(ids, records, strict=True):
        values = [record_id]
        for attr, process in zip(attrs, processors, strict=True):
            value = record.get(attr)
            values.append(process(value) if process is not None else value)
        rows.append(tuple(values))
    connection.exec_driver_sql(statement, rows)


def add_new(session: Session, model: type, rows: Sequence[Mapping]) -> list[int]:
    """Insert `rows` (mappings of attribute names to values, as given to the model's
    constructor) as new records; returns their ids in order."""
    if not rows:
        return []
    session.flush()  # what the unit of work holds goes first (new records these may refer to)
    mapper = inspect(model)
    columns = {attr.key: attr.columns[0].key for attr in mapper.column_attrs}
    given = set().union(*rows)
    unknown = given - set(columns)
    if unknown:
        raise ValueError(f"{model.__name__} has no {', '.join(sorted(unknown))}")
    defaults = _defaults(model)
    records = [{**defaults, **row} for row in rows]
    guards.check_dates(model, records)  # the rule the flush keeps for records saved one by one
    table = mapper.local_table
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # the transaction holds the file's write lock: the next ids are the ones after the
        # highest, given here (SQLite cannot return the ids of an executemany in order)
        after = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar()
        ids = list(range(after + 1, after + 1 + len(records)))
        _insert_sqlite(connection, table, {k: columns[k] for k in [*defaults, *sorted(given - set(defaults))]}, ids, records)
    else:
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        result = connection.execute(statement, [{columns[k]: v for k, v in r.items()} for r in records])
        ids = [row[0] for row in result]
    for record, record_id in zip(records, ids, strict=True):
        record["id"] = record_id
    history_bulk.record_inserts(session, model, records)
    search.index_new(connection, table.name, ids)
    changes.note(session, model)
    notify.announce(session)  # on a team database, to the other programs when this commits
    return ids
