"""A team database on a PostgreSQL server: what it holds, read without changing it, and `check`
for it. Opening one is `Database.open_server` (db/database.py); the engine differences are in
db/engines.py.
"""

from __future__ import annotations

from sqlalchemy import text

from bscp_desktop.db import engines, history, migrate
from bscp_desktop.db.database import (
    DatabaseError,
    FileState,
    HistoryTampered,
    make_engine,
    plain_error,
    schema_problem,
)


def server_state(url: str, shown: str) -> FileState:
    """What a server database holds (tables and schema version), read without changing it."""
    from sqlalchemy import inspect as inspect_schema
    from sqlalchemy.exc import OperationalError

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = frozenset(inspect_schema(conn).get_table_names())
            version = migrate.current_revision(conn) if "alembic_version" in tables else None
    except OperationalError as exc:
        raise DatabaseError(f"The team database {shown} cannot be reached ({plain_error(exc)}).") from exc
    finally:
        engine.dispose()
    return FileState(bool(tables), version, tables)


def read_server(address: str) -> tuple[str, str, FileState]:
    """(URL, the address as shown, what the database holds) for a server address; raises
    DatabaseError with one sentence for an unusable address, an unreachable server, or a
    database that is not this program's at a known schema (an empty one is fine)."""
    try:
        url = engines.server_url(address)
    except engines.AddressProblem as exc:
        raise DatabaseError(str(exc)) from exc
    shown = engines.display_address(address)
    state = server_state(url, shown)
    problem = server_schema_problem(state) if state.has_data else ""
    if problem:
        raise DatabaseError(f"The team database {shown} {problem}.")
    return url, shown, state


def server_schema_problem(state: FileState) -> str:
    """As `schema_problem`, for a database on a server (which is never an SQLite file)."""
    return schema_problem(state).replace("empty SQLite file", "empty database").replace(
        "an SQLite file", "a database")


#: The triggers by which a server refuses to edit the change history (revision 0016).
SERVER_PROTECTION = ("change_record_refuse_edit", "change_record_refuse_truncate")


def check_server(address: str) -> str:
    """`check` for a team database on a server: its schema, the history's protection and hash
    chain. The server itself keeps its storage sound and always enforces the links between
    records, so neither is checked here (that is the server's own maintenance). Changes nothing.
    """
    url, shown, state = read_server(address)
    if not state.has_data:
        raise DatabaseError(f"The team database {shown} is empty: open it once to build its schema.")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            triggers = set(conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'change_record'::regclass AND NOT tgisinternal"
            )).scalars())
        raw = engine.raw_connection()
        try:
            broken, checked = history.verify_chain(raw)
        finally:
            raw.close()
    finally:
        engine.dispose()
    if broken is not None:
        raise HistoryTampered(broken.sentence())
    order = migrate.revisions_in_order()
    since = migrate.first_revision_mentioning(SERVER_PROTECTION[0])
    if since is not None and order.index(state.version) >= order.index(since):
        missing = [name for name in SERVER_PROTECTION if name not in triggers]
        if missing:
            raise DatabaseError(
                f"The team database {shown}: the change history is not protected (missing "
                f"{', '.join(missing)}); ask IT to restore it from the server's backup."
            )
    head = migrate.head_revision()
    state_text = "up to date" if state.version == head else f"will be upgraded to {head} when opened"
    return (f"The team database {shown}: healthy; schema {state.version} ({state_text}); "
            f"change history intact ({checked:,} entries checked).")
