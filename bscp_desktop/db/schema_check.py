"""Whether a database holds this program's records at a schema it knows, read from what the
file (or server) holds without changing it.

A table `alembic_version` alone does not make a database this program's: every program built
with alembic keeps one, with revisions of its own ("0005", "27ab3c9d1e2f"). Only a database
that also holds the tables every schema of this program has (`OWN_TABLES`) is read as one;
any other is another program's, refused before anything writes to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bscp_desktop.db import migrate

#: Tables the first revision (0001) makes and no later one removes: every database of this
#: program, at any schema, holds them.
OWN_TABLES = frozenset({"change_record", "setting"})


@dataclass(frozen=True)
class FileState:
    """What a database file holds, read without changing it."""

    has_data: bool
    version: str | None = None
    tables: frozenset[str] = frozenset()
    unfinished: bool = False
    #: Read with a check of its pages: the rest of a sentence saying what is wrong with its shape
    #: (db/file_shape.py: tables and columns it lacks, triggers of another program); '' for none.
    missing: str = ""
    #: Read with a check of its pages: at this version's schema, whole, its change history
    #: protected and its search index current, so opening it writes nothing (no upgrade).
    settled: bool = False


def schema_problem(state: FileState) -> str:
    """'' for this program's database at a known schema; else what is wrong, as the rest of a
    sentence that starts with the file's name."""
    tables = {t for t in state.tables if not t.startswith("sqlite_")}
    if not tables:
        return "is not a BSCP Desktop database: it is an empty SQLite file"
    if "alembic_version" not in tables or not OWN_TABLES <= tables:
        return "is an SQLite file of another program, not a BSCP Desktop database"
    if state.version is None:
        return "is not a BSCP Desktop database: it does not record which version of the program made it"
    if state.unfinished:
        return "is an unfinished database: making it was stopped part-way, so it holds only some of its records"
    if state.version not in migrate.known_revisions() and not _later_revision(state.version):
        return (
            f"records a schema version this program does not know ({str(state.version)[:40]}), so it is not "
            "a BSCP Desktop database this program can open"
        )
    if state.version not in migrate.known_revisions():
        return (
            f"was saved by a newer version of BSCP Desktop (schema {state.version}); "
            "install the newer version to open it"
        )
    # a file part-way through an upgrade holds the later revisions' triggers too: said as that
    return half_upgraded(state) or state.missing


def _later_revision(version: object) -> bool:
    """Whether `version` names a schema after this program's (it starts with a number past its newest)."""
    head, number = migrate.head_revision(), re.match(r"[0-9]+", str(version))
    return number is not None and head.isdigit() and int(number.group()) > int(head)


def half_upgraded(state: FileState) -> str:
    """If the file holds tables of a later schema than it records (as an upgrade interrupted by
    an earlier version of the program leaves it), the rest of a sentence saying so; else ''."""
    later = migrate.tables_of_later_revisions(state.version, set(state.tables))
    if not later:
        return ""
    parts = [f"part of a table rebuild ({', '.join(tables)})" if rev == "rebuild" else f"tables of schema {rev} ({', '.join(tables)})"
             for rev, tables in later.items()]
    return (
        f"records schema {state.version} but already holds {'; '.join(parts)}: an upgrade was "
        "interrupted by an earlier version of BSCP Desktop, so restore the backup taken before "
        "that upgrade (File > Restore from a backup)"
    )
