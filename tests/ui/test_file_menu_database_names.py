"""File > New database gives every new database a database file's name (".sqlite3" added where
the name does not end in .sqlite3, .sqlite or .db, dots in the name or not) and never makes a
file of another kind a database; File > Back up now of a team database writes to the backups
folder it offers, made for it on a new user's first backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop import paths
from bscp_desktop.ui import database_choice


@pytest.fixture
def chosen(monkeypatch, qapp):
    """ask_new_database_path with the dialog answered by `chosen(name)`; what it said is in `said`."""
    said: list[str] = []
    monkeypatch.setattr(database_choice, "show_error", lambda parent, title, problem: said.append(str(problem)))

    def ask(path: Path) -> tuple[Path | None, list[str]]:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
        said.clear()
        return database_choice.ask_new_database_path(None), said

    return ask


@pytest.mark.parametrize(("typed", "made"), [
    ("BSCP 2.0", "BSCP 2.0.sqlite3"), ("Partnership v1.2", "Partnership v1.2.sqlite3"),
    ("Board 2024-25.final", "Board 2024-25.final.sqlite3"), ("minutes.txt", "minutes.txt.sqlite3"),
    ("new.", "new.sqlite3"), ("Team", "Team.sqlite3"), ("x.SQLITE3", "x.SQLITE3"), ("old.db", "old.db"),
])
def test_a_new_database_always_has_a_database_files_name(tmp_path, chosen, typed, made):
    path, said = chosen(tmp_path / typed)
    assert said == [] and path == tmp_path / made


def test_a_file_of_another_kind_is_never_made_a_database(tmp_path, chosen):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"")
    path, said = chosen(notes)
    assert said == [] and path == tmp_path / "notes.txt.sqlite3"  # beside it, never over it
    for name in ("notes.txt", "minutes.docx"):
        assert "does not end in .sqlite3, .sqlite or .db" in database_choice.new_database_problem(tmp_path / name)


def test_another_databases_working_file_is_still_refused_as_named(tmp_path, chosen, empty_file):
    import shutil

    shutil.copyfile(empty_file, tmp_path / "team.sqlite3")
    path, said = chosen(tmp_path / "team.sqlite3-wal")
    assert path is None and "belongs to the database team.sqlite3" in said[0]


def test_a_team_databases_backup_goes_to_the_backups_folder_offered(qtbot, pg_address, monkeypatch):
    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    make_application()
    window = MainWindow(open_database(pg_address), open_database)
    qtbot.addWidget(window)
    said, offered = [], []
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.show_error", lambda parent, title, problem: said.append(str(problem)))

    def offer(parent, title, suggested, filter):
        offered.append((suggested, Path(suggested).parent.is_dir()))
        return suggested, filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(offer))
    assert not paths.backup_dir().exists()  # a new user's first backup
    try:
        window.backup_now()
        qtbot.waitUntil(lambda: bool(said) or "Backed up" in window.statusBar().currentMessage(), timeout=60_000)
        [(suggested, there)] = offered
        assert said == [] and there and Path(suggested).parent == paths.backup_dir()
        assert Path(suggested).is_file() and f"Backed up to {suggested}" in window.statusBar().currentMessage()
    finally:
        window.db.close()
