"""Who may do what on a team database: three group roles, enforced by the server's own grants.

Each officer connects to the server as their own login role, a member of one or more groups:

- `bscp_officer`: reads and changes everything except case reviews and case audits;
- `bscp_case_reviews`: the only group that can read (and change) case reviews and case audits;
  an officer who works on them is a member of both groups;
- `bscp_read_only`: reads everything except case reviews and case audits, changes nothing (the
  Independent Scrutineer).

A person's login is in exactly the groups `team person` gives it, read-only alone; a group is
never inside another (the script takes one out of another: each member would do what both may).

The tables belong to the role that looks after the database (the owner, who runs
`bscp-desktop team roles --apply`); nobody else may create or drop anything. The grants name
each table of the current schema, so the script is run again after an upgrade adds tables (it
is idempotent: every run first takes away what the groups had, then grants it afresh).

A person's name in the change history is their login role's comment
(`COMMENT ON ROLE amara IS 'Amara Okafor'`), set by whoever creates the roles; a role without
one is recorded by its role name. The server gives the name (`display_name`), never the laptop.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from bscp_desktop.domain.memberships import name_key

OFFICER = "bscp_officer"
CASE_REVIEWS = "bscp_case_reviews"
READ_ONLY = "bscp_read_only"
GROUPS = {
    OFFICER: "reads and changes everything except case reviews and case audits",
    CASE_REVIEWS: "the only group that reads and changes case reviews and case audits",
    READ_ONLY: "reads everything except case reviews and case audits; changes nothing",
}

#: The tables only `bscp_case_reviews` may read: case reviews and case audits, with everything
#: that hangs off them.
CASE_TABLES = frozenset({
    "case_review", "case_review_theme", "case_review_agency", "recommendation",
    "case_audit", "case_audit_meeting", "audit_case", "audit_return", "audit_learning",
    "audit_recommendation",
})
#: The change history: appended to, never changed (the server's triggers refuse edits).
HISTORY_TABLE = "change_record"
#: The schema version: read by everyone, changed only by the owner's upgrade.
VERSION_TABLE = "alembic_version"
_WRITE = "SELECT, INSERT, UPDATE, DELETE"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Schema:
    """The tables of the database, and the sequence numbering each table's rows (if any)."""

    tables: tuple[str, ...]
    sequences: dict[str, str]
    history_head: bool = True  # bscp_history_head() exists (revision 0019 and later)
    case_links: bool = True  # bscp_meeting_case_links(integer) exists (revision 0027 and later)
    nested: tuple[tuple[str, str], ...] = ()  # (group, member): one program group inside another


def read_schema(conn: Connection) -> Schema:
    rows = conn.execute(text(
        "SELECT c.relname, pg_get_serial_sequence(quote_ident(c.relname), a.attname) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )).all()
    head, links = conn.execute(text(
        "SELECT to_regprocedure('bscp_history_head()') IS NOT NULL, "
        "to_regprocedure('bscp_meeting_case_links(integer)') IS NOT NULL")).one()
    nested = conn.execute(text(
        "SELECT g.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ANY(:groups) AND m.rolname = ANY(:groups) "
        "ORDER BY 1, 2"), {"groups": list(GROUPS)}).all()
    return Schema(tuple(r[0] for r in rows), {r[0]: r[1] for r in rows if r[1]}, bool(head), bool(links),
                  tuple((g, m) for g, m in nested))


def _take_out(group: str, member: str) -> str:
    return f"REVOKE {group} FROM {member}"


def applied(shown: str, script: list[str]) -> str:
    """What `team roles --apply` says it did: the statements run, and each group it took out of
    another (whose members could otherwise do what both groups may)."""
    said = f"Groups and grants set on {shown} ({len(script)} statements)"
    pairs = [(g, m) for g in GROUPS for m in GROUPS if _take_out(g, m) in script]
    if pairs:
        said += ", and " + " and ".join(f"took {g} out of {m}" for g, m in pairs) + \
            " (a group inside another gives its members the rights of both)"
    return said + "."


def grant_script(schema: Schema) -> list[str]:
    """The statements, in order, that set up the groups and their grants for `schema`."""
    groups = ", ".join(GROUPS)
    script = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {name} NOLOGIN; END IF; END $$"
        for name in GROUPS
    ]
    script += [_take_out(group, member) for group, member in schema.nested]
    script += [f"COMMENT ON ROLE {name} IS 'BSCP Desktop: {words}'" for name, words in GROUPS.items()]
    script += [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {groups}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {groups}",
    ]
    for table in schema.tables:
        name = _q(table)
        if table == VERSION_TABLE:
            script.append(f"GRANT SELECT ON {name} TO {groups}")
        elif table == HISTORY_TABLE:
            script.append(f"GRANT SELECT, INSERT ON {name} TO {OFFICER}, {CASE_REVIEWS}")
            script.append(f"GRANT SELECT ON {name} TO {READ_ONLY}")
        elif table in CASE_TABLES:
            script.append(f"GRANT {_WRITE} ON {name} TO {CASE_REVIEWS}")
        else:
            script.append(f"GRANT {_WRITE} ON {name} TO {OFFICER}")
            script.append(f"GRANT SELECT ON {name} TO {READ_ONLY}")
        sequence = schema.sequences.get(table)
        if sequence and table != VERSION_TABLE:
            writers = CASE_REVIEWS if table in CASE_TABLES else f"{OFFICER}, {CASE_REVIEWS}" \
                if table == HISTORY_TABLE else OFFICER
            script.append(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {writers}")
    if HISTORY_TABLE in schema.tables and schema.history_head:  # older schemas: the owner upgrades first
        script += history_policies()
    if schema.case_links:  # counted for every group, named to none (case_review_meetings)
        script += ["REVOKE ALL ON FUNCTION bscp_meeting_case_links(integer) FROM PUBLIC",
                   f"GRANT EXECUTE ON FUNCTION bscp_meeting_case_links(integer) TO {groups}"]
    return script


def history_policies() -> list[str]:
    """Row-level security on the change history: the entries about case reviews and case audits
    are read only by the case reviews group (and the owner, whom row-level security leaves
    alone, so `check` and `copy` see every entry). Every writer chains from the newest entry,
    seen or not, through `bscp_history_head()` (revision 0019), which gives only its hash."""
    hidden = ", ".join(f"'{t}'" for t in sorted(CASE_TABLES))
    groups = ", ".join(GROUPS)
    return [
        f"ALTER TABLE {HISTORY_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS bscp_history_read ON {HISTORY_TABLE}",
        f"CREATE POLICY bscp_history_read ON {HISTORY_TABLE} FOR SELECT USING "
        f"(table_name <> ALL (ARRAY[{hidden}]) OR pg_has_role('{CASE_REVIEWS}', 'MEMBER'))",
        f"DROP POLICY IF EXISTS bscp_history_append ON {HISTORY_TABLE}",
        f"CREATE POLICY bscp_history_append ON {HISTORY_TABLE} FOR INSERT WITH CHECK (true)",
        "REVOKE ALL ON FUNCTION bscp_history_head() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION bscp_history_head() TO {groups}",
    ]


def sees_all_history(conn: Connection) -> bool:
    """False when row-level security keeps some change history entries from the connected role
    (so a check of the hash chain must be run by the owner)."""
    return bool(conn.execute(text(
        f"SELECT CASE WHEN c.relrowsecurity THEN pg_has_role(c.relowner, 'USAGE') "
        f"OR pg_has_role('{CASE_REVIEWS}', 'MEMBER') ELSE true END "
        f"FROM pg_class c WHERE c.oid = '{HISTORY_TABLE}'::regclass"
    )).scalar_one())


def owner(conn: Connection) -> str:
    """The role that looks after the database: the owner of its tables (of the database itself
    before they are built)."""
    return conn.execute(text(
        "SELECT coalesce((SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass(:history)), "
        "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()))"
    ), {"history": HISTORY_TABLE}).scalar_one()


def apply_grants(conn: Connection) -> list[str]:
    """Run the script for the database `conn` is connected to, in its transaction; returns it."""
    script = grant_script(read_schema(conn))
    for statement in script:
        conn.execute(text(statement))
    return script


def display_name(conn: Connection) -> str:
    """The name of the person connected: their login role's comment, else the role's name."""
    return conn.execute(text(
        "SELECT coalesce(nullif(btrim(shobj_description(oid, 'pg_authid')), ''), rolname) "
        "FROM pg_roles WHERE rolname = session_user"
    )).scalar_one()


def unreadable(conn: Connection, tables: Iterable[str]) -> frozenset[str]:
    """Of `tables` (those that exist), the ones the connected role may not read."""
    names = sorted(tables)
    if not names:
        return frozenset()
    rows = conn.execute(text(
        "SELECT t FROM unnest(CAST(:names AS text[])) AS t "
        "WHERE to_regclass(quote_ident(t)) IS NOT NULL AND NOT has_table_privilege(quote_ident(t), 'SELECT')"
    ), {"names": names}).scalars()
    return frozenset(rows)


def can_change(conn: Connection) -> bool:
    """False when the connected role may change nothing (a read-only role): it cannot add to
    the change history, which every change writes to."""
    return bool(conn.execute(text(
        f"SELECT has_table_privilege('{HISTORY_TABLE}', 'INSERT')"
    )).scalar_one())


class NameTaken(ValueError):
    """Another login already has the name given: the change history could not tell them apart."""

    def __init__(self, role: str, name: str, other: str, shown: str) -> None:
        super().__init__(
            f"The login {other} is already named \"{shown}\" in the change history, so the history could not "
            f"tell it from {role}; give {role} a name that tells the two people apart (--name), for example "
            "with a middle initial or their team."
        )
        self.other = other


class NotAPerson(ValueError):
    """`team person` given what cannot be a person's login, or groups that cannot go together:
    refused in one sentence, changing nothing (`_refusal`)."""


def login_named(conn: Connection, name: str, besides: str) -> tuple[str, str] | None:
    """The login other than `besides`, and its name, that the change history would record as
    `name` (compared as people's names are, `name_key`); None when there is none. Logins belong
    to the whole server, as the program's groups do, so every login on it is compared."""
    key = name_key(name)
    rows = conn.execute(text(
        "SELECT rolname, coalesce(nullif(btrim(shobj_description(oid, 'pg_authid')), ''), rolname) "
        "FROM pg_roles WHERE rolcanlogin AND rolname <> :r ORDER BY rolname"
    ), {"r": besides}).all()
    return next(((other, shown) for other, shown in rows if name_key(shown) == key), None)


def _short_name(group: str) -> str:
    """The group as `team person --group` names it: bscp_case_reviews is case-reviews."""
    return group.removeprefix("bscp_").replace("_", "-")


#: The longest name PostgreSQL keeps for a role, in bytes of UTF-8 (NAMEDATALEN - 1): a longer
#: name is cut short by the server without a word, so it would name another login.
ROLE_NAME_MAX_BYTES = 63


def login_name_refusal(role: str) -> str | None:
    """Why `role` cannot be a person's login name on any server, in one sentence; None when it can.
    Decided before the server is asked: it would cut a long name short, or refuse one in words
    of its own."""
    if not role.strip():
        return "Give the login name the person connects with (none was given)"
    if role.startswith("pg_"):
        return (f"Login names starting pg_ are kept for PostgreSQL itself, so {role} cannot be a person's login: "
                "give another login name")
    if role in ("public", "none"):  # the server's words for every role and for no role
        return (f"The login name {role} is kept for PostgreSQL itself, so it cannot be a person's login: "
                "give another login name")
    size = len(role.encode("utf-8"))
    if size > ROLE_NAME_MAX_BYTES:
        return (f"The login name {role} is {size} bytes long, and PostgreSQL keeps login names to at most "
                f"{ROLE_NAME_MAX_BYTES} bytes (a plain letter, digit, dot or underscore is one byte; an accented "
                "letter or one of another alphabet two or more): give a shorter login name")
    return None


def _refusal(conn: Connection, role: str, groups: list[str]) -> str | None:
    """Why `role` may not be given `groups` (program names), in one sentence; None when it may."""
    if (refused := login_name_refusal(role)) is not None:
        return refused
    for group in groups:
        if group not in GROUPS:
            return f"{group} is not one of the program's groups ({', '.join(map(_short_name, GROUPS))})"
    writer = next((g for g in groups if g != READ_ONLY), None)
    if READ_ONLY in groups and writer:
        return (f"{_short_name(READ_ONLY)} is given alone: a person in it and in {_short_name(writer)} could still "
                "change records")
    if role in GROUPS:
        return f"{role} is one of the program's groups, not a person: give the login of the person"
    login = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    if login is False:
        return f"{role} cannot log in, so it is not a person's login: give the login of the person"
    return None


def set_person(conn: Connection, role: str, name: str, groups: Iterable[str]) -> bool:
    """Create the login role `role` if it is missing (it has no password until IT gives it one)
    and name the person (its comment). Given `groups`, they become its program groups exactly:
    it is taken out of the program's others (never out of a role that is not the program's).
    Without, its groups stay as they are. True when the role was created.
    Raises NameTaken, changing nothing, when another login already has the name, and
    NotAPerson, changing nothing, for a name no login may have (`login_name_refusal`), for one
    of the program's groups or a role that cannot log in
    (a group inside another would let its members do what both may), or for read-only given
    with a group that changes records."""
    from psycopg import sql

    wanted = list(dict.fromkeys(groups))
    if (refused := _refusal(conn, role, wanted)) is not None:
        raise NotAPerson(refused)
    if (taken := login_named(conn, name, role)) is not None:
        raise NameTaken(role, name, *taken)
    raw = conn.connection.driver_connection  # the same transaction; psycopg quotes names and text
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None
    if not exists:
        raw.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    raw.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(role), sql.Literal(name)))
    if wanted and exists:
        held = conn.execute(text(
            "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = :r AND g.rolname = ANY(:groups)"),
            {"r": role, "groups": list(GROUPS)}).scalars()
        for group in sorted(set(held) - set(wanted)):
            raw.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(role)))
    for group in wanted:
        raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))
    return not exists
