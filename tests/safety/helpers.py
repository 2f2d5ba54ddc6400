"""Shared pieces of the data-safety tests: the command line (in this process, or in a new
one), hostile files, snapshots."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import migration_engine, sqlite_url

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, data_dir: Path | None = None, user: str | None = None, process: bool = False
        ) -> subprocess.CompletedProcess:
    """The command line with these arguments: its exit status, what it printed and what it
    said on stderr. Run in this process (`cli.main`, as `python -m bscp_desktop` runs it) unless
    it must be a process of its own: `process=True`, or as another `user`."""
    if process or user is not None:
        return cli_process(*args, data_dir=data_dir, user=user)
    from bscp_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("BSCP_DATA_DIR")
    if data_dir is not None:
        os.environ["BSCP_DATA_DIR"] = str(data_dir)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse refusing the arguments
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        if saved is None:
            os.environ.pop("BSCP_DATA_DIR", None)
        else:
            os.environ["BSCP_DATA_DIR"] = saved
    return subprocess.CompletedProcess(["bscp-desktop", *map(str, args)], code, out.getvalue(), err.getvalue())


def cli_process(*args, data_dir: Path | None = None, user: str | None = None) -> subprocess.CompletedProcess:
    """`python -m bscp_desktop ARGS` in a new process (as another `user` if given)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if data_dir is not None:
        env["BSCP_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "bscp_desktop", *map(str, args)]
    if user is not None:  # run as another (unprivileged) user
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit status 2, no traceback, exactly one line on stderr holding every word."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (recursively) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


FIRST_ROWS = [
    "INSERT INTO organisation (id, name, short_name, kind, created_at, updated_at) VALUES "
    "(1, 'Brent Council', 'LBB', 'local_authority', '2024-01-02 09:00:00', '2024-01-02 09:00:00'), "
    "(2, 'Ó Súilleabháin Trust', '', 'voluntary', '2024-01-02 09:00:00', '2024-01-02 09:00:00')",
    "INSERT INTO person (id, name, job_title, organisation_id, email, phone, notes, created_at, updated_at) "
    "VALUES (1, 'Zoë Adébáyọ̀', 'Head of Service', 1, 'zoe@example.org', '', 'first', "
    "'2024-01-02 09:00:00', '2024-01-02 09:00:00'), "
    "(2, 'Kwame Mensah', 'Designated Nurse', 2, '', '020 8937 1234', '', "
    "'2024-01-02 09:00:00', '2024-01-02 09:00:00')",
    "INSERT INTO partnership_group (id, name, tier, needs_agreement, frequency, purpose, created_at, updated_at) "
    "VALUES (1, 'Executive', 1, 1, 'quarterly', 'Leadership', '2024-01-02 09:00:00', '2024-01-02 09:00:00')",
    "INSERT INTO membership (id, person_id, group_id, role, organisation_id, start_date, notes, created_at, updated_at) "
    "VALUES (1, 1, 1, 'chair', 1, '2024-01-01', '', '2024-01-02 09:00:00', '2024-01-02 09:00:00')",
    "INSERT INTO action (id, description, owner_person_id, due_date, status, evidence, created_at, updated_at) "
    "VALUES (1, 'Refresh the escalation policy', 1, '2024-06-30', 'open', '', "
    "'2024-01-02 09:00:00', '2024-01-02 09:00:00')",
    "INSERT INTO action_update (id, action_id, \"on\", note, created_at, updated_at) "
    "VALUES (1, 1, '2024-02-01', 'Draft shared', '2024-02-01 10:00:00', '2024-02-01 10:00:00')",
    """INSERT INTO setting (key, value) VALUES ('partnership_name', '"Brent Safeguarding Children Partnership"')""",
    "INSERT INTO change_record (id, changed_at, changed_by, table_name, record_id, action, field, old_value, new_value) "
    "VALUES (1, '2024-01-02 09:00:00', 'officer', 'organisation', 1, 'insert', 'name', NULL, 'Brent Council'), "
    "(2, '2024-01-02 09:00:00', 'officer', 'person', 1, 'insert', 'name', NULL, 'Zoë Adébáyọ̀')",
]


def first_revision_file(path: Path, rows: bool = True) -> Path:
    """A database at the first schema revision ("0001"), with rows in it, as a file at rest."""
    from alembic import command

    engine = migration_engine(sqlite_url(path))
    try:
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), "0001")
            for sql in FIRST_ROWS if rows else []:
                conn.execute(text(sql))
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def damaged_database(path: Path) -> Path:
    """A database of this program with records, whose later pages are then overwritten."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import memberships as ms

    with Database.open(path) as db:
        for i in range(150):
            ms.create_organisation(db, ms.OrganisationFields(f"Organisation {i}", "other"))
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data), 4096):
        data[offset + 100:offset + 400] = bytes(range(150)) * 2
    path.write_bytes(bytes(data))
    return path


def damaged_records(path: Path) -> Path:
    """A database of this program whose last pages (records, not its schema) are overwritten:
    it opens, and only reading every page finds the damage."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import memberships as ms

    with Database.open(path) as db:
        for i in range(150):
            ms.create_organisation(db, ms.OrganisationFields(f"Organisation {i}", "other"))
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    for offset in range((pages - 3) * 4096, pages * 4096, 4096):
        data[offset + 100:offset + 400] = bytes(range(150)) * 2
    path.write_bytes(bytes(data))
    return path


FAR_DATES = [
    "UPDATE action SET due_date = '9999-12-31' WHERE id = (SELECT min(id) FROM action)",
    "UPDATE action SET due_date = '0001-01-01', completed_on = '9999-12-31' WHERE id = (SELECT max(id) FROM action)",
    "UPDATE membership SET start_date = '0001-01-01', end_date = '9999-12-31' WHERE id = (SELECT min(id) FROM membership)",
    "UPDATE confidentiality_agreement SET signed_on = '0001-01-01', review_due = '9999-12-31' "
    "WHERE id = (SELECT min(id) FROM confidentiality_agreement)",
    "UPDATE meeting SET starts_at = '9999-12-31 23:30:00.000000', ends_at = NULL WHERE id = (SELECT min(id) FROM meeting)",
    "UPDATE meeting SET starts_at = '0001-01-01 09:00:00.000000', ends_at = '0001-01-01 10:00:00.000000' "
    "WHERE id = (SELECT max(id) FROM meeting)",
    "UPDATE case_review SET became_aware = '9999-12-28', incident_date = NULL, notification_sent = NULL, "
    "partners_told = NULL, rapid_review_meeting = NULL, rapid_review_sent = NULL, panel_response = NULL, "
    "decision = '', decision_date = NULL, closed = NULL WHERE id = (SELECT min(id) FROM case_review)",
    "UPDATE case_review SET became_aware = '0001-01-02', incident_date = NULL WHERE id = (SELECT max(id) FROM case_review)",
]


def far_dates_everywhere() -> list[str]:
    """For every date and date-time column of every table (but the history): the first row
    holds 31/12/9999 and the last 01/01/0001."""
    from sqlalchemy import Date, DateTime

    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all

    load_all()  # every table registered

    statements = []
    for table in Base.metadata.sorted_tables:
        if table.name == "change_record" or "id" not in table.columns:
            continue
        for column in table.columns:
            if not isinstance(column.type, (Date, DateTime)):
                continue
            late, early = ("9999-12-31", "0001-01-01") if not isinstance(column.type, DateTime) else (
                "9999-12-31 23:30:00.000000", "0001-01-01 09:00:00.000000")
            for value, which in ((late, "min"), (early, "max")):
                statements.append(f'UPDATE "{table.name}" SET "{column.name}" = \'{value}\' '
                                  f'WHERE id = (SELECT {which}(id) FROM "{table.name}")')
    return statements


def far_dated_demo(path: Path, demo: Path | None = None) -> Path:
    """The demo database with dates far outside 1900 to 2200 written into it, as an earlier
    version of the program could have stored them: the chosen ones above, then one early and
    one late date in every date field of every table. Starts from a copy of `demo` (the run's
    demo database) where given, or builds the demo at `path`."""
    if demo is not None:
        shutil.copyfile(demo, path)
    else:
        from bscp_desktop.demo import build_demo

        build_demo(path)
    sql(path, *FAR_DATES)
    sql(path, *far_dates_everywhere())
    return path


def one_organisation_file(path: Path, empty_file: Path) -> Path:
    """A database file at this version's schema at `path` holding one organisation (Brent
    Council), changed since any backup: a copy of the run's empty file, opened once."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import memberships as ms

    shutil.copyfile(empty_file, path)
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    return path


def values_problem(path: Path) -> str:
    """What `check` would say of the values stored in the file at `path` ('' when none)."""
    from bscp_desktop.db import stored_values
    from bscp_desktop.db.backup import connect_read_only

    con = connect_read_only(path)
    try:
        return stored_values.values_problem(con)
    finally:
        con.close()


def organisation_names(path: Path) -> list[str]:
    """The organisations in the file at `path`, by name, read without the program."""
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM organisation ORDER BY name")]
    finally:
        con.close()
