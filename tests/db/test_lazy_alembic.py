"""Alembic is loaded only to upgrade: the chain of revisions is read from the revision files,
and opening a database already at head never imports it (start-up, issue on speed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database

ROOT = Path(__file__).resolve().parents[2]
OPEN_AND_REPORT = (
    "import sys; from bscp_desktop.db.database import Database; "
    "db = Database.open(sys.argv[1], lock=False); print('alembic' in sys.modules, db.path.name)"
)


def test_the_chain_read_from_the_files_is_alembics():
    script = migrate.script()
    assert migrate.revisions_in_order() == [r.revision for r in reversed(list(script.walk_revisions()))]
    assert [migrate.head_revision()] == list(script.get_heads())
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}


def opened_in_a_new_process(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", OPEN_AND_REPORT, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.slow  # a new Python process opens the file
def test_opening_a_file_at_head_never_imports_alembic_and_an_older_file_is_still_upgraded(tmp_path):
    current = tmp_path / "current.sqlite3"
    Database.open(current).close()
    assert opened_in_a_new_process(current) == "False current.sqlite3"

    older = tmp_path / "older.sqlite3"
    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), migrate.revisions_in_order()[-2])
    engine.dispose()
    assert opened_in_a_new_process(older) == "True older.sqlite3"  # upgraded, so Alembic was needed
    with Database.open(older) as db, db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()


@pytest.mark.slow  # a new Python process counts a day
def test_the_holiday_calendar_is_loaded_when_a_working_day_is_first_counted():
    code = (
        "import sys; from datetime import date; from bscp_desktop.domain import dates; "
        "import bscp_desktop.services.case_reviews; before = 'holidays' in sys.modules; "
        "dates.add_working_days(date(2024, 12, 24), 2); print(before, 'holidays' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
