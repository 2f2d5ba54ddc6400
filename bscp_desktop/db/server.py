"""A team database on a PostgreSQL server: what it holds, read without changing it, and `check`
for it. Opening one is `Database.open_server` (db/database.py); the engine differences are in
db/engines.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from bscp_desktop.db import engines, history, migrate, roles, stored_values
from bscp_desktop.db.database import Database, DatabaseError, FileState, HistoryTampered, plain_error, schema_problem, upgrade_url
from bscp_desktop.db.engines import make_engine
from bscp_desktop.domain.validation import CHANGED_BY_MAX

T = TypeVar("T")


@dataclass(frozen=True)
class Access:
    """What the role connected to a team database may do, as the server's grants say."""

    person: str  # the name the change history records (db/roles.display_name)
    role: str
    unreadable: frozenset[str] = frozenset()  # tables it may not read (case reviews, audits)
    can_change: bool = True


def read_access(db: Database) -> Access:
    with db.engine.connect() as conn:
        role = conn.execute(text("SELECT session_user")).scalar_one()
        tables = set(conn.dialect.get_table_names(conn))
        return Access(roles.display_name(conn), role, roles.unreadable(conn, tables & roles.CASE_TABLES),
                      roles.can_change(conn))


def open_server(cls: type[Database], address: str) -> Database:
    """Open a team database on a PostgreSQL server, building or upgrading its schema.

    The database itself is made by the council's IT team; an empty one gets the schema on
    first open. One that holds another program's tables, or a newer schema, is refused
    with one sentence; the address is only ever shown without its password. Backups and
    the one-window lock are the server's business (see db/engines.py). The change history
    records the person the server names for the connected role (db/roles.py).
    """
    url, shown, state = read_server(address)
    try:
        upgrade_url(url, f"The team database {shown}")
    except DatabaseError as exc:
        if getattr(getattr(exc.__cause__, "orig", None), "sqlstate", None) != "42501":
            raise
        raise DatabaseError(  # an officer's login may not change the schema: the owner upgrades
            f"The team database {shown} is at schema {state.version or 'none'} and this version of the "
            f"program needs {migrate.head_revision()}; ask whoever looks after the team database to "
            "upgrade it (bscp-desktop team roles --apply, as its owner)."
        ) from exc
    db = cls(url)
    try:
        db.access = read_access(db)
    except Exception:
        db.close()
        raise
    if db.access.can_change and len(db.access.person) > CHANGED_BY_MAX:
        db.close()
        raise DatabaseError(_name_too_long(shown, db.access.role, db.access.person))
    db.user = db.access.person
    event.listen(db.engine, "handle_error", _refused_in_words)
    return db


def _name_too_long(shown: str, role: str, person: str) -> str:
    """Why a login named longer than the change history holds may not change anything: every
    change it saved would be refused by the server."""
    return (f"The team database {shown} names your login {role} with {len(person)} characters, and the change "
            f"history holds at most {CHANGED_BY_MAX} for who made a change, so nothing you change could be saved; "
            f"ask whoever looks after the team database to give your login a shorter name "
            f"(bscp-desktop team person {role} --name).")


class NotAllowed(PermissionError):
    """The server's grants refused the connected role: one sentence for the user."""


#: The refused reads only the case reviews group may make (the server names the table it refused).
CASE_REVIEWS_ONLY = ("Your login may not read these records on this team database (only the case reviews group "
                     "may read case reviews and case audits).")
_REFUSED_TABLE = re.compile(r'permission denied for (?:table|relation|view|sequence) "?([^"\s]+)"?')


def _groups_of(conn: Connection) -> frozenset[str]:
    """The program's groups the connected login is a member of (directly or through another)."""
    return frozenset(conn.execute(text(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(CAST(:groups AS text[])) "
        "AND pg_has_role(session_user, oid, 'MEMBER')"), {"groups": sorted(roles.GROUPS)}).scalars())


def not_in_a_group(groups: frozenset[str] | None, where: str = "this team database") -> str:
    """Why a login may not read what every officer and the Scrutineer read: in none of the
    program's groups (`groups`, None when the server could not be asked), in the case reviews
    group alone, or in a group whose grants were never set on this database."""
    if not groups:
        return f"Your login is not in any BSCP Desktop group on {where}: ask whoever looks after it to add you."
    if not groups & {roles.OFFICER, roles.READ_ONLY}:
        return (f"Your login is in the case reviews group only on {where}, which reads case reviews and case "
                "audits alone: ask whoever looks after it to add you to the officer or read-only group.")
    return (f"Your login's groups have not been given these records on {where}: ask whoever looks after it to "
            "set the groups' grants again (bscp-desktop team roles --apply, as its owner).")


def _refused_read(context) -> str:
    """The sentence for a read the server refused: of a case review or case audit table, or of a
    table every group reads (the login taken out of its groups, or never put in one)."""
    error = context.original_exception
    named = _REFUSED_TABLE.search(str(getattr(getattr(error, "diag", None), "message_primary", None) or error))
    if named:
        case_table = named.group(1) in roles.CASE_TABLES
    else:  # a server speaking another language: the tables the statement names
        case_table = bool(set(re.findall(r"[a-z_][a-z0-9_]*", (context.statement or "").lower())) & roles.CASE_TABLES)
    if case_table:
        return CASE_REVIEWS_ONLY
    try:  # asked on a connection of its own: the refused statement's transaction is over
        with context.engine.connect() as conn:
            groups = _groups_of(conn)
    except Exception:  # the login no longer connects: in no group is the likeliest reason
        groups = None
    return not_in_a_group(groups)


def _refused_in_words(context):
    """A statement the server refused for want of a grant becomes one sentence (no SQL)."""
    if getattr(context.original_exception, "sqlstate", None) != "42501":
        return None
    statement = " ".join((context.statement or "").upper().split())
    # a SELECT ... FOR UPDATE (taking a record to change it) is refused for want of changing
    reading = statement.startswith(("SELECT", "WITH")) and not any(
        lock in statement for lock in (" FOR UPDATE", " FOR NO KEY UPDATE", " FOR SHARE", " FOR KEY SHARE"))
    if reading:
        return NotAllowed(_refused_read(context))
    return NotAllowed("Your login may not change this team database: ask whoever looks after it if you "
                      "should be able to.")


#: What the server says when it turns a login away (libpq's and PostgreSQL's words).
LOGIN_REFUSED = ("password authentication failed", "no password supplied", "role \"", "pg_hba.conf")


def not_connected(shown: str, exc: BaseException) -> str:
    """Why a connection failed, in one sentence: the login turned away, no such database, or
    the server not reached. Never the password (`shown` is the address without it)."""
    reason = plain_error(exc)
    full = str(getattr(exc, "orig", None) or exc)
    if any(words in full for words in LOGIN_REFUSED):
        return (f"The team database {shown} turned the login away ({reason}): check your login and "
                "password (File > Connect to team database, Change…).")
    if "root certificate" in full or "certificate verify failed" in full:
        return (f"The team database {shown} could not be checked as the council's server ({reason}): "
                "choose the root certificate file IT gave you for the connection, or ask IT.")
    if "SSL" in full or "certificate" in full:
        return (f"The team database {shown} could not be connected to securely ({reason}): check the "
                "connection's encryption setting and root certificate with IT.")
    if "database \"" in full and "does not exist" in full:
        return f"The team database {shown} does not exist on that server ({reason}); check its name."
    return f"The team database {shown} cannot be reached ({reason})."


def server_state(url: str, shown: str) -> FileState:
    """What a server database holds (tables and schema version), read without changing it."""
    from sqlalchemy import inspect as inspect_schema
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = frozenset(inspect_schema(conn).get_table_names())
            try:
                version = migrate.current_revision(conn) if "alembic_version" in tables else None
            except ProgrammingError as exc:  # every group reads the schema version: the login is in none
                if getattr(exc.orig, "sqlstate", None) != "42501":
                    raise
                conn.rollback()
                raise DatabaseError(not_in_a_group(_groups_of(conn), f"the team database {shown}")) from exc
    except OperationalError as exc:
        raise DatabaseError(not_connected(shown, exc)) from exc
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
    event.listen(engine, "handle_error", _refused_in_words)
    try:
        with engine.connect() as conn:
            if not roles.sees_all_history(conn):
                raise DatabaseError(
                    f"The team database {shown}: your login cannot see every entry of the change history "
                    "(those about case reviews and case audits are kept from it), so its chain cannot be "
                    "checked; run check as the role that owns the database.")
            triggers = set(conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'change_record'::regclass AND NOT tgisinternal"
            )).scalars())
            # the stored values are read by the models of this version: a database still to be
            # upgraded lacks their newest columns (it is upgraded when it is next opened)
            unreadable = stored_values.choices_problem_on(conn) if state.version == migrate.head_revision() else ""
        if unreadable:
            raise DatabaseError(
                f"The team database {shown} holds values this version cannot read ({unreadable}): another "
                "program wrote them; ask whoever looks after it to put them right, or to restore the server's backup."
            )
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
    state_text = migrate.version_words(state.version)
    return (f"The team database {shown}: healthy; schema {state.version} ({state_text}); "
            f"change history intact ({checked:,} entries checked).")


def _server_url(address: str) -> str:
    try:
        return engines.server_url(address)
    except engines.AddressProblem as exc:
        raise DatabaseError(str(exc)) from exc


def team_roles(address: str, apply: bool = False) -> list[str]:
    """The script that sets up the groups and their grants on a team database (db/roles.py).

    With `apply`, the schema is first built or upgraded, then the script runs in one
    transaction, as the role that owns the tables (again, when the server broke a deadlock with
    another session by ending it). Running it again changes nothing more.
    """
    if apply:
        Database.open_server(address).close()
    url = _server_url(address)
    shown = engines.display_address(address)
    engine = make_engine(url)
    try:
        if apply:
            return _with_retries(engine, roles.apply_grants)
        with engine.connect() as conn:
            return roles.grant_script(roles.read_schema(conn))
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(f"The team database {shown}: the roles could not be set up ({plain_error(exc)}).") from exc
    finally:
        engine.dispose()


#: What the server says when it ended a transaction only because another got in its way (a
#: deadlock it broke, a serialisation failure): trying the same work again is the remedy.
_TRY_AGAIN = frozenset({"40P01", "40001"})
_TRIES = 4


def _with_retries(engine, work: Callable[[Connection], T]) -> T:
    """`work` in one transaction; run again from the start, after a short pause, when the server
    ended it to break a deadlock with another session (the roles are shared by every database
    on the server, so the owner of another database may be granting at the same moment)."""
    for attempt in range(1, _TRIES):
        try:
            with engine.connect() as conn, conn.begin():
                return work(conn)
        except Exception as exc:  # SQLAlchemy's wrapper, or the driver's own (roles.set_person)
            if getattr(getattr(exc, "orig", exc), "sqlstate", None) not in _TRY_AGAIN:
                raise
        time.sleep(0.2 * attempt)
    with engine.connect() as conn, conn.begin():  # the last try: its error is the one told
        return work(conn)


#: The groups as the command line names them.
GROUP_NAMES = {"officer": roles.OFFICER, "case-reviews": roles.CASE_REVIEWS, "read-only": roles.READ_ONLY}


def team_person(address: str, role: str, name: str, groups: list[str]) -> str:
    """Name the person who connects as `role` (created, without a password, if missing) and
    make it a member of `groups` (command-line names); one sentence saying what was done."""
    if not name.strip():
        raise DatabaseError("Give the person's name as the change history should show it (--name).")
    if len(name.strip()) > CHANGED_BY_MAX:
        raise DatabaseError(f"The name (--name) is {len(name.strip())} characters long, and the change history "
                            f"holds at most {CHANGED_BY_MAX} for who made a change; give a shorter name; nothing "
                            "was changed.")
    url = _server_url(address)
    shown = engines.display_address(address)
    engine = make_engine(url)
    try:
        created = _with_retries(engine, lambda conn: roles.set_person(
            conn, role, name.strip(), [GROUP_NAMES[g] for g in groups]))
    except roles.NameTaken as exc:
        raise DatabaseError(f"{exc} Nothing was changed.") from exc
    except roles.NotAPerson as exc:
        raise DatabaseError(f"{exc}; nothing was changed.") from exc
    except Exception as exc:
        raise DatabaseError(f"The team database {shown}: {role} could not be set up ({plain_error(exc)}).") from exc
    finally:
        engine.dispose()
    made = "Created the login role" if created else "The role"
    where = f" in {', '.join(dict.fromkeys(groups))}" if groups else ""
    return f"{made} {role}{where}: the change history names it {name.strip()}."
