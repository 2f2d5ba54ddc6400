"""`bscp-desktop --smoke`: the start-up self-test used by support, CI and the bundle test."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.db import migrate
from bscp_desktop.smoke import run_smoke
from bscp_desktop.ui import tabs

# Whole-program self-tests: part of make test, not of make check.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def schema_version(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """tempfile's folder for this test only, to see what the smoke test leaves behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_without_db_everything_stays_in_a_temporary_folder(qapp, capsys, private_tmp, _private_data_dir):
    from PySide6.QtCore import QSettings

    assert run_smoke(None) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Smoke test passed: BSCP Desktop")
    assert out.count("\n") == 1
    assert f"schema {migrate.head_revision()}" in out
    assert f"{len(tabs.TABS)} tabs built" in out
    assert "a temporary database" in out
    assert err == ""
    # nothing in the user's data folder, nothing left in the temporary folder
    assert list(_private_data_dir.iterdir()) == []
    assert list(private_tmp.iterdir()) == []
    assert os.environ["BSCP_DATA_DIR"] == str(_private_data_dir)
    # the window's settings (recent files) went to the temporary folder too
    assert QSettings.defaultFormat() == QSettings.Format.NativeFormat
    recent = QSettings().value("recent", []) or []
    assert not any("bscp-smoke-" in str(p) for p in ([recent] if isinstance(recent, str) else recent))


def test_with_db_opens_the_database_at_the_current_schema(qapp, capsys, tmp_path, private_tmp, empty_file):
    path = tmp_path / "given.sqlite3"
    shutil.copyfile(empty_file, path)
    assert run_smoke(path) == 0
    out, _ = capsys.readouterr()
    assert str(path) in out
    assert schema_version(path) == migrate.head_revision()
    assert list(private_tmp.iterdir()) == []  # the PDF and workbook were removed afterwards


def test_a_missing_database_is_not_made(capsys, tmp_path):
    path = tmp_path / "new.sqlite3"
    assert run_smoke(path) == 1
    assert "There is no database file at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_existing_database_is_backed_up_and_kept(qapp, capsys, tmp_path, _private_data_dir, empty_file):
    path = tmp_path / "kept.sqlite3"
    shutil.copyfile(empty_file, path)
    assert run_smoke(path) == 0
    assert schema_version(path) == migrate.head_revision()
    backups = list((_private_data_dir / "backups").glob("kept-*.sqlite3"))
    assert len(backups) == 1  # a file with data: backed up first


def test_no_tab_of_the_closed_database_is_left_listening(qapp, capsys):
    from PySide6.QtCore import QCoreApplication, QEvent

    from bscp_desktop.ui.common.notices import notices
    from bscp_desktop.ui.main_window import MainWindow

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' pages
    before = notices().watcher_count()
    assert run_smoke(None) == 0
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
    assert notices().watcher_count() == before  # every page stopped watching when destroyed


def test_a_file_that_is_not_a_database_fails_with_one_line(qapp, capsys, tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database\n" * 100)
    assert run_smoke(path) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("Smoke test failed while opening the database")
    assert "not an SQLite file" in err
    assert path.read_text().startswith("not a database")


def test_a_tab_that_cannot_be_built_fails(qapp, capsys):
    index = [spec.title for spec in tabs.TABS].index("Memberships")
    original = tabs.TABS[index]
    tabs.TABS[index] = tabs.TabSpec("Memberships", "memberships", original.module, "NoSuchTab")
    try:
        assert run_smoke(None) == 1
    finally:
        tabs.TABS[index] = original
    err = capsys.readouterr().err
    assert err.startswith("Smoke test failed while building the main window: AttributeError")
    assert "NoSuchTab" in err


def test_the_preferred_report_is_used_and_an_empty_file_fails(qapp, capsys, monkeypatch):
    calls = []

    def empty_report(db, out, progress=jobs.no_progress, **options):
        calls.append(out)
        Path(out).write_bytes(b"")
        return Path(out)

    jobs.load_all()
    monkeypatch.setitem(jobs.REPORTS, "members", jobs.Job("members", "Members", empty_report))
    assert run_smoke(None) == 1
    err = capsys.readouterr().err
    assert len(calls) == 1
    assert err.startswith("Smoke test failed while writing the members report: the PDF at ")
    assert err.rstrip().endswith("is empty")


def test_command_line_smoke_with_db(tmp_path, empty_file):
    path = tmp_path / "cli.sqlite3"
    shutil.copyfile(empty_file, path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "--smoke", "--db", str(path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Smoke test passed:")
    assert schema_version(path) == migrate.head_revision()
    check = subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "check", "--db", str(path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert check.returncode == 0, check.stderr
    assert "healthy" in check.stdout and "up to date" in check.stdout


def test_command_line_smoke_failure_exits_1(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "--smoke", "--db", str(tmp_path / "missing" / "x.sqlite3")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
