"""Schema versions: upgrade to head, read the version a file carries, and know which tables
each version has (so a file left half-upgraded by an older program can be recognised).

Alembic is imported only to upgrade: the chain of revisions is read from the revision files
themselves (one linear chain, `NNNN_<topic>.py`), and a file's revision with one query, so
opening a database already at head never loads it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BATCH_LEFTOVER_PREFIX = "_alembic_tmp_"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    # an option's value is read with "%" as the start of a reference to another option: a
    # program folder named with one ("Programs 100%") is written "%%" to be read as itself
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_REVISION = re.compile(r"""^revision\s*=\s*['"]([^'"]+)['"]""", re.M)
_DOWN = re.compile(r"""^down_revision\s*=\s*(?:None|['"]([^'"]+)['"])""", re.M)


@lru_cache(maxsize=1)
def _chain() -> tuple[tuple[str, Path], ...]:
    """(revision, its file) from the first to the head, read from the revision files."""
    down_of: dict[str, str | None] = {}
    files: dict[str, Path] = {}
    for path in sorted((MIGRATIONS / "versions").glob("[0-9]*.py")):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            raise RuntimeError(f"{path.name} names no revision and down_revision")
        down_of[revision.group(1)] = down.group(1)
        files[revision.group(1)] = path
    heads = set(down_of) - set(down_of.values())
    if len(heads) != 1:
        raise RuntimeError(f"Migrations have {len(heads)} heads; expected one")
    order = [heads.pop()]
    while down_of[order[-1]] is not None:
        order.append(down_of[order[-1]])  # type: ignore[arg-type]
    if len(order) != len(down_of):
        raise RuntimeError("Migrations do not form one chain")
    return tuple((revision, files[revision]) for revision in reversed(order))


def head_revision() -> str:
    return _chain()[-1][0]


def version_words(version: str | None) -> str:
    """How `check` speaks of a database's schema version: 'up to date', or what opening it does."""
    head = head_revision()
    return "up to date" if version == head else f"will be upgraded to {head} when opened"


def known_revisions() -> set[str]:
    return {revision for revision, _path in _chain()}


def revisions_in_order() -> list[str]:
    """Every revision id from the first to the head."""
    return [revision for revision, _path in _chain()]


@lru_cache(maxsize=32)
def first_revision_mentioning(name: str) -> str | None:
    """The first revision whose script names `name` (a table, trigger or index it creates)."""
    for revision, path in _chain():
        if name in path.read_text(encoding="utf-8"):
            return revision
    return None


def current_revision(connection: Connection) -> str | None:
    """The revision a database records (None for one that records none)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return rows[0][0] if len(rows) == 1 else None


def upgrade(connection: Connection) -> None:
    """Upgrade to head; Alembic is loaded only when the database is not there yet."""
    if current_revision(connection) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


@lru_cache(maxsize=1)
def tables_added_by_revision() -> dict[str, frozenset[str]]:
    """For each revision, the tables it adds: found by upgrading an in-memory database one
    revision at a time (so it is always true to the migrations themselves)."""
    from alembic import command

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
