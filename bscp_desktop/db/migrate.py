"""Schema versions: upgrade to head, read the version a file carries, and know which tables
each version has (so a file left half-upgraded by an older program can be recognised)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BATCH_LEFTOVER_PREFIX = "_alembic_tmp_"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    heads = script().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"Migrations have {len(heads)} heads; expected one")
    return heads[0]


def known_revisions() -> set[str]:
    return {rev.revision for rev in script().walk_revisions()}


def revisions_in_order() -> list[str]:
    """Every revision id from the first to the head."""
    return [rev.revision for rev in reversed(list(script().walk_revisions()))]


@lru_cache(maxsize=32)
def first_revision_mentioning(name: str) -> str | None:
    """The first revision whose script names `name` (a table, trigger or index it creates)."""
    revisions = {rev.revision: rev for rev in script().walk_revisions()}
    for revision in revisions_in_order():
        if name in Path(revisions[revision].path).read_text(encoding="utf-8"):
            return revision
    return None


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


@lru_cache(maxsize=1)
def tables_added_by_revision() -> dict[str, frozenset[str]]:
    """For each revision, the tables it adds: found by upgrading an in-memory database one
    revision at a time (so it is always true to the migrations themselves)."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    added: dict[str, frozenset[str]] = {}
    seen: set[str] = {"alembic_version"}
    try:
        with engine.begin() as conn:
            for rev in revisions_in_order():
                command.upgrade(alembic_config(conn), rev)
                tables = set(inspect(conn).get_table_names())
                added[rev] = frozenset(tables - seen)
                seen |= tables
    finally:
        engine.dispose()
    return added


def tables_of_later_revisions(version: str | None, tables: set[str]) -> dict[str, list[str]]:
    """Tables in `tables` that only a revision after `version` creates, by that revision;
    leftovers of an interrupted table rebuild are listed under "rebuild"."""
    order = revisions_in_order()
    later = order if version is None else order[order.index(version) + 1:] if version in order else []
    found: dict[str, list[str]] = {}
    added = tables_added_by_revision() if later else {}
    for rev in later:
        present = sorted(added[rev] & tables)
        if present:
            found[rev] = present
    leftovers = sorted(t for t in tables if t.startswith(BATCH_LEFTOVER_PREFIX))
    if leftovers:
        found["rebuild"] = leftovers
    return found
