"""A file File > Open must refuse is refused in one sentence before the window leaves the
database it shows, which stays open and is saved to as before: a file lacking a column of this
version's records (rebuilt by another program without it), and one another program holds in the
middle of a write (a database browser with unsaved edits). Neither file is changed."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bscp_desktop.db.database import FileHeld
from bscp_desktop.db.file_shape import shape_problem
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from tests.ui.helpers import start_window


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """The words of every message box shown."""
    shown: list[str] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok))
    return shown


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def without_column(path, table: str, column: str):
    """`path` with `table` rebuilt by another program without `column`."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        kept = ", ".join(r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != column)
        con.execute("BEGIN")
        con.execute(f"CREATE TABLE {table}_new AS SELECT {kept} FROM {table}")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        con.execute("COMMIT")
    finally:
        con.close()
    return path


def _open_from_the_menu(window, monkeypatch, path) -> float:
    """File > Open database… choosing `path`; how long it took, in seconds."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    started = time.perf_counter()
    window.open_database()
    return time.perf_counter() - started


def _still_saved_to(window, db) -> None:
    assert window.db is db
    ms.create_organisation(window.db, ms.OrganisationFields("Saved after the refusal", OrganisationKind.OTHER))
    assert "Saved after the refusal" in [o.name for o in ms.list_organisations(window.db)]
    assert not window.db_label.text().startswith("Damaged")


def test_a_file_lacking_a_column_is_refused_before_the_window_leaves_its_database(
        qtbot, db, tmp_path, empty_file, said, monkeypatch):
    window = start_window(qtbot, db)
    lacking = without_column(shutil.copyfile(empty_file, tmp_path / "lacking.sqlite3"), "meeting", "key_focus")
    before = _sha(lacking)
    _open_from_the_menu(window, monkeypatch, lacking)
    qtbot.wait(50)
    assert said == [shape_problem(lacking)], said  # one sentence, as the checks after opening say it
    assert said[0].startswith(f"{lacking} is damaged: it lacks the column meeting.key_focus")
    assert "no such column" not in said[0]
    _still_saved_to(window, db)
    assert _sha(lacking) == before
    window.close()


HOLD = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()
con.execute("ROLLBACK")
con.close()
"""


@pytest.mark.slow  # waits two seconds for the other program's write
def test_a_file_another_program_is_writing_to_is_refused_before_the_window_leaves_its_database(
        qtbot, db, tmp_path, empty_file, said, monkeypatch):
    window = start_window(qtbot, db)
    held = shutil.copyfile(empty_file, tmp_path / "held.sqlite3")
    with sqlite3.connect(held) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # read while held, as the demo file
    con.close()
    before = _sha(held)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(held)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        took = _open_from_the_menu(window, monkeypatch, held)
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0
    qtbot.wait(50)
    assert said == [str(FileHeld(path=held))]
    assert took < 8  # refused after a short wait, not the full wait a save allows
    _still_saved_to(window, db)
    assert _sha(held) == before
    with sqlite3.connect(held) as con:  # no write left waiting: another program may write at once
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    con.close()
    window.close()


def test_a_file_nobody_holds_still_opens_from_the_menu(qtbot, db, tmp_path, empty_file, said, monkeypatch):
    window = start_window(qtbot, db)
    other = shutil.copyfile(empty_file, tmp_path / "other.sqlite3")
    took = _open_from_the_menu(window, monkeypatch, other)
    assert window.db.path == other and said == []
    assert took < 5
    window.close()
