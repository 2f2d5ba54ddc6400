"""The two engines the program runs on, and what each needs that the other does not.

A database is either a file (SQLite, one laptop) or a server address (PostgreSQL, a team):
`--db` and the window take either. Everything that only one engine has stays behind the
functions here, each saying what it does on the other engine:

- connection settings: SQLite pragmas on every connection; on PostgreSQL the server's own
  settings apply (foreign keys are always enforced, the write-ahead log and durability are the
  server's), so only the program's name is sent, for the server's activity list, with the
  time limits that make a server gone silent fail in seconds (`SERVER_TIMEOUTS`);
- the change history's chain: SQLite lets one writer in at a time, so the last entry read
  before a new one is appended cannot change before the commit; PostgreSQL lets writers in
  together, so `serialise_history` takes a lock until the commit (see db/history.py);
- decisions made from what is on record: SQLite's one writer at a time again; on PostgreSQL
  `decide_alone` (a lock keyed by what is decided) and `hold_rows` (the rows decided from);
- full-text indexes (FTS5), the history's guard triggers, backups of the file and the
  one-window-per-file lock are SQLite's (see db/search.py, db/history.py, db/backup.py,
  db/lock.py); on a server they are the server's business, as their functions say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import DateTime, String, column, create_engine, event, make_url, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError

from bscp_desktop.domain.validation import NotFoundError

#: How a team database is addressed: `postgresql://user@host:5432/database?sslmode=require`.
SERVER_SCHEMES = ("postgresql", "postgres")
#: The driver the program uses for PostgreSQL (psycopg 3).
SERVER_DRIVER = "postgresql+psycopg"
#: A fixed key for the lock that keeps the change history's chain in one line on a server.
HISTORY_LOCK_KEY = 0x42534350  # "BSCP"
#: ... and the one that lets one program at a time upgrade the schema.
UPGRADE_LOCK_KEY = HISTORY_LOCK_KEY + 1


class AddressProblem(ValueError):
    """A server address that cannot be used; the message is one sentence."""


def is_server_address(target: object) -> bool:
    """True when `target` (as typed after --db) is a server address rather than a file."""
    if not isinstance(target, str):
        return False
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    return scheme.split("+", 1)[0] in SERVER_SCHEMES


def server_url(address: str) -> str:
    """The SQLAlchemy URL for a server address, with the program's driver.

    `postgresql://`, `postgres://` and `postgresql+psycopg://` are all accepted; TLS and other
    settings in the query (`?sslmode=verify-full&sslrootcert=...`) pass to the driver as given.
    Raises AddressProblem naming what is missing.
    """
    try:
        url = make_url(_scheme_lowered(address))
    except ArgumentError as exc:
        raise AddressProblem(f"{display_address(address)} is not a database address.") from exc
    except ValueError as exc:  # the port is read as a number
        raise AddressProblem(_port_problem(address)) from exc
    if url.port is not None and not 0 < url.port <= MAX_PORT:
        raise AddressProblem(_port_problem(address))
    if url.get_backend_name() not in SERVER_SCHEMES:
        raise AddressProblem(f"{display_address(address)} is not a PostgreSQL address.")
    if url.drivername not in (SERVER_DRIVER, "postgresql", "postgres"):
        raise AddressProblem(
            f"{display_address(address)} names the driver '{url.get_driver_name()}'; "
            "leave it out (postgresql://...) so the program uses its own."
        )
    if not url.database:
        raise AddressProblem(
            f"{display_address(address)} does not name a database: add it after the server, "
            "as in postgresql://officer@server/bscp."
        )
    return url.set(drivername=SERVER_DRIVER).render_as_string(hide_password=False)


#: The largest port number a server can listen on.
MAX_PORT = 65535

#: An address's parts as SQLAlchemy's `make_url` reads them, to name a part it cannot read.
_ADDRESS_PARTS = re.compile(
    r"[\w+]+://(?:[^:/]*(?::(?P<password>[^@]*))?@)?(?:(?:\[[^/?]+\]|[^/:?]+)?(?::(?P<port>[^/?]*))?)?")


def _port_problem(address: str) -> str:
    """The sentence refusing an address whose port is not a number a server can listen on."""
    parts = _ADDRESS_PARTS.match(_scheme_lowered(address))
    port = (parts.group("port") if parts else None) or ""
    said = f"has the port '{port}', which is not a number from 1 to {MAX_PORT}" if port.strip() else (
        "has a ':' after the server's name but no port after it")
    return (f"{display_address(address)} {said}: write the server's port in digits, as in "
            "postgresql://officer@server:5432/bscp, or leave it out for the usual 5432.")


def _scheme_lowered(address: str) -> str:
    """The address with its scheme in lower case, as a scheme's case does not matter
    (POSTGRESQL://, Postgres://)."""
    scheme, sep, rest = address.strip().partition("://")
    return scheme.lower() + sep + rest if sep else address.strip()


def display_address(address: str) -> str:
    """An address as it may be shown or logged: any password replaced by ***."""
    try:
        url = make_url(_scheme_lowered(address))
    except ArgumentError:
        return "The address" if "@" in address else address
    except ValueError:  # a port that is not a number: shown as typed, but for any password
        parts = _ADDRESS_PARTS.match(address.strip())
        if parts is None or parts.group("password") is None:
            return address.strip()
        start, end = parts.span("password")
        return address.strip()[:start] + "***" + address.strip()[end:]
    if url.get_backend_name() in SERVER_SCHEMES:  # as officers write it: no driver's name
        url = url.set(drivername="postgresql")
    elif url.password is None:
        return address.strip()
    return url.render_as_string(hide_password=True)


def engine_options(url: str) -> dict:
    """Extra `create_engine` arguments for the engine `url` names. A failure's message never
    carries the values of its statement (`hide_parameters`): what an officer typed, a case's
    words included, stays out of the log they are asked to send to support."""
    if url.startswith("sqlite"):
        return {"connect_args": {"check_same_thread": False, "timeout": 10}, "hide_parameters": True}
    # a server connection can drop (a laptop sleeps): test it before use; name the program;
    # and a server that stops answering (the network gone) fails in seconds, not minutes
    given = make_url(url).query
    settings = {k: v for k, v in SERVER_TIMEOUTS.items() if k not in given}
    return {"pool_pre_ping": True, "hide_parameters": True,
            "connect_args": {"application_name": "BSCP Desktop", **settings}}


#: A server that does not answer is given up on in seconds, so an autosave, a list or a command
#: says so rather than waiting for the network to come back: connecting within 10 seconds, an
#: idle connection checked after 10 seconds of silence, every 3 seconds, three times (dead
#: after about 20 seconds), and anything sent that the server has not received within 10
#: seconds (`tcp_user_timeout`, in milliseconds; where the system has no such setting it has no
#: effect). A server busy with a long query still answers these checks, so it is waited for.
#: An address's own settings (`?connect_timeout=30`) are kept.
SERVER_TIMEOUTS = {"connect_timeout": 10, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3,
                   "keepalives_count": 3, "tcp_user_timeout": 10000}


def serialise_history(connection: Connection) -> None:
    """Hold off other writers of the change history until this transaction ends.

    SQLite: nothing to do, the transaction already holds the file's only write lock.
    PostgreSQL: a transaction-scoped advisory lock, released by the commit or rollback.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": HISTORY_LOCK_KEY})


def decide_alone(session, what: str) -> None:
    """Let one program at a time decide from what is on record what it writes about `what`
    ("organisation names", "training session 12 places", "meeting 4 agenda"), until this
    transaction ends: two officers adding the same name, the last place of a session, or the
    next number at the same moment would each find it free. Call it before the reads it guards.

    SQLite: nothing to do, the transaction already holds the file's only write lock (BEGIN
    IMMEDIATE). PostgreSQL: a transaction-scoped advisory lock keyed by `what`, released by the
    commit or rollback; another program deciding about the same `what` waits for it, and then
    reads what it wrote."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:what))"), {"what": what})


def hold_rows(session, model, ids) -> list[int]:
    """Let one program at a time write what depends on these rows of `model` (a meeting's
    minutes approved, or the meeting taken offline), until this transaction ends: a save that
    read a meeting's minutes as a draft while another program approved them would otherwise
    write into approved minutes. Call it before the reads it guards: they then see what a
    program that held the rows first committed. Returns the ids held by this call (rows
    another program may have changed since this session read them); rows already held in
    this session are not asked for again.

    SQLite: nothing to do, the transaction already holds the file's only write lock (BEGIN
    IMMEDIATE), so nothing read can have changed: []. PostgreSQL: SELECT ... FOR UPDATE of the
    rows (in id order, so two programs holding several never each wait for the other),
    released by the commit or rollback; nothing pending in the session is written first."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    held = session.info.setdefault(_HELD, set())
    ids = sorted({i for i in ids if i is not None and (model.__tablename__, i) not in held})
    if ids:
        with session.no_autoflush:
            session.execute(select(model.id).where(model.id.in_(ids)).order_by(model.id).with_for_update())
        held.update((model.__tablename__, i) for i in ids)
    return ids


_HELD = "held_rows"  # session.info: (table, id) of the rows `hold_rows` holds in this transaction


def history_head(connection: Connection):
    """(hash, changed_at) of the change history's newest entry, or None when it is empty.

    SQLite: read directly. PostgreSQL: through `bscp_history_head()` (revision 0019), which
    reads it with its owner's rights, because the server's grants may hide that entry from the
    connected role (db/roles.py) while the new entries must still chain from it.
    """
    source = ("bscp_history_head()" if connection.dialect.name == "postgresql"
              else "(SELECT hash, changed_at FROM change_record ORDER BY id DESC LIMIT 1)")
    query = text(f"SELECT hash, changed_at FROM {source} AS head").columns(
        column("hash", String), column("changed_at", DateTime))
    return connection.execute(query).first()


def serialise_upgrade(connection: Connection) -> None:
    """Let one program at a time upgrade the schema; the next finds it done.

    SQLite: nothing to do, the upgrade's BEGIN IMMEDIATE already holds the file's write lock
    (and the one-window lock keeps other programs out). PostgreSQL: a transaction-scoped
    advisory lock, released by the upgrade's commit or rollback.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})


# --------------------------------------------------------------------------- connections


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_functions(dbapi_connection, _record) -> None:
    """SQLite's own lower() changes only the letters A to Z: "Équipe Group" typed twice was two
    groups, because lower('Équipe') kept its É while Python's 'Équipe'.lower() did not. Every
    connection to a file uses Python's lower() under that name instead, as PostgreSQL's lower()
    already changes every letter, so a name compared without case is the same on both."""
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _sqlite_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def make_engine(url: str, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    """The engine for `url`: on a file, every connection gets Python's lower() and (unless
    `foreign_keys` is off, as an upgrade needs) the program's pragmas, read-only if asked."""
    if url.startswith("sqlite"):
        engine = create_engine(url, **engine_options(url))
        event.listen(engine, "connect", _sqlite_functions)
        if foreign_keys:
            event.listen(engine, "connect", _sqlite_pragmas)
            if read_only:
                event.listen(engine, "connect", _sqlite_read_only)
        else:
            event.listen(
                engine,
                "connect",
                lambda c, r: (c.execute("PRAGMA journal_mode=WAL"), c.execute("PRAGMA busy_timeout=10000")),
            )
        return engine
    # PostgreSQL: no pragmas; the server always enforces foreign keys and keeps its own log
    return create_engine(url, **engine_options(url))


@contextmanager
def numbers_held() -> Iterator[None]:
    """A record asked for by a number larger than its id column holds is not there: SQLite's
    driver refuses to send a number over 2**63 - 1 with a Python error, a server refuses one
    over 2**31 - 1 as out of range. Both say NotFoundError."""
    try:
        yield
    except OverflowError as error:
        if "SQLite INTEGER" not in str(error):
            raise
        raise NotFoundError(_TOO_LARGE) from error
    except DBAPIError as error:
        if type(error.orig).__name__ != "NumericValueOutOfRange":
            raise
        raise NotFoundError(_TOO_LARGE) from error


_TOO_LARGE = "There is no such record: the number asked for is larger than any a database holds"
