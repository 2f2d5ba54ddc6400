"""A start-up upgrade is all or nothing: killed (SIGKILL, a real process) after any number of
statements, the file keeps its old schema and every row, and the next start upgrades it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bscp_desktop.db import migrate
from bscp_desktop.db.backup import list_backups
from bscp_desktop.db.database import Database
from bscp_desktop.db.file_check import check_file
from tests.safety.helpers import first_revision_file

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only")

FIRST = "0001"

# The child counts the statements sent to this one file and kills itself with SIGKILL when
# it reaches the given number; 0 means run to the end and print the count.
CHILD = r"""
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
from bscp_desktop.db.database import Database

path, limit, backups = sys.argv[1], int(sys.argv[2]), sys.argv[3]
count = 0

@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    global count
    if conn.engine.url.database != path:
        return
    count += 1
    if count == limit:
        os.kill(os.getpid(), signal.SIGKILL)

Database.open(path, backup_folder=Path(backups)).close()
print(count)
"""


def snapshot(path: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            t: con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}" ORDER BY rowid').fetchall()
            for t, cols in tables.items()
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-revision")
    path = folder / "base.sqlite3"
    first_revision_file(path)
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
    tables = {t: [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')] for t in names}
    con.close()
    rows = snapshot(path, tables)
    assert sum(len(v) for v in rows.values()) >= 10
    return path.read_bytes(), tables, rows


def run_child(path: Path, limit: int, backups: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(path), str(limit), str(backups)],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def statement_count(base, tmp_path_factory):
    folder = tmp_path_factory.mktemp("count")
    path = folder / "count.sqlite3"
    path.write_bytes(base[0])
    done = run_child(path, 0, folder / "backups")
    assert done.returncode == 0, done.stderr
    count = int(done.stdout.strip())
    assert count > 20  # the upgrade really is many statements
    return count


def kill_then_reopen(base, tmp_path: Path, limit: int) -> None:
    data, tables, rows = base
    path = tmp_path / f"bscp-{limit}.sqlite3"
    path.write_bytes(data)
    backups = tmp_path / "backups"
    killed = run_child(path, limit, backups)
    assert killed.returncode == -signal.SIGKILL, (limit, killed.stdout, killed.stderr)
    # Killed part-way: still the first revision, healthy, every row there.
    report = check_file(path)
    assert "healthy" in report and f"schema {FIRST}" in report, report
    assert snapshot(path, tables) == rows
    assert list_backups(backups, path) == []  # a start that did not finish adds no backup
    # The next start upgrades it, keeping every row.
    with Database.open(path, backup_folder=backups) as db:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    assert snapshot(path, tables) == rows
    assert "up to date" in check_file(path)
    assert len(list_backups(backups, path)) == 1


@pytest.mark.slow  # a real process killed a dozen times
def test_upgrade_killed_at_sampled_statements_keeps_the_old_revision(base, statement_count, tmp_path):
    n = statement_count
    for limit in sorted({1, 2, 3, *(n * k // 8 for k in range(1, 8)), n - 1, n}):
        kill_then_reopen(base, tmp_path, limit)


@pytest.mark.slow
def test_upgrade_killed_at_statements_all_through_the_upgrade_keeps_the_old_revision(
    base, statement_count, tmp_path
):
    for limit in sorted({*range(1, statement_count + 1, 7), statement_count}):
        kill_then_reopen(base, tmp_path, limit)
