"""A backup of another database (another partnership's) is told apart from this database's own:
by the database's calendar id where both files have one, else by the partnership's name. The
window's question says so in plain words, and `restore` refuses it unless --other-database is
given; a backup of the same database (one made before calendar ids were kept too) restores as
before."""

from __future__ import annotations

import json
import shutil
import sqlite3
from types import SimpleNamespace

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import CALENDAR_ID_KEY, Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.settings import set_partnership_name

BRENT = "Brent Safeguarding Children Partnership"
HARROW = "Harrow Safeguarding Children Partnership"


def _database(path, empty_file, name: str | None, calendar: str | None, organisation: str):
    """A database file at `path` holding one organisation, its partnership named `name` (None:
    never named) and its calendar id `calendar` (None: made before calendar ids were kept)."""
    shutil.copyfile(empty_file, path)
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields(organisation, "local_authority"))
        if name is not None:
            set_partnership_name(db, name)
    con = sqlite3.connect(path)
    try:
        if calendar is None:
            con.execute("DELETE FROM setting WHERE key = ?", (CALENDAR_ID_KEY,))
        else:
            con.execute("UPDATE setting SET value = ? WHERE key = ?", (json.dumps(calendar), CALENDAR_ID_KEY))
        con.commit()
    finally:
        con.close()
    return path


def _names(path) -> list[str]:
    with Database.open(path) as db:
        return [o.name for o in ms.list_organisations(db)]


def _other(tmp_path, backup, live):
    prepared = backups.prepare_restore(backup, live, tmp_path / "backups")
    try:
        return prepared.other_database
    finally:
        prepared.discard()


@pytest.mark.parametrize(("ours", "theirs", "other"), [
    ((BRENT, "a1"), (HARROW, "b2"), (HARROW, BRENT)),  # another partnership's database
    ((BRENT, "a1"), (BRENT, "b2"), (f"{BRENT} in theirs.sqlite3", f"{BRENT} in ours.sqlite3")),  # made apart
    ((None, "a1"), (HARROW, "b2"), (HARROW, "the database ours.sqlite3")),  # ours never named
    ((BRENT, "a1"), ("Brent Partnership", "a1"), None),  # the same database, renamed since
    ((BRENT, None), (BRENT, "a1"), None),  # made before calendar ids: the names are the same
    ((BRENT, "a1"), (HARROW, None), (HARROW, BRENT)),  # a backup from before calendar ids, of Harrow
    ((None, None), (HARROW, "b2"), None),  # nothing to compare: as before
    ((BRENT, None), (None, None), None),
])
def test_a_backup_of_another_database_is_told_apart(tmp_path, empty_file, ours, theirs, other):
    live = _database(tmp_path / "ours.sqlite3", empty_file, *ours, organisation="Brent Council")
    backup = _database(tmp_path / "theirs.sqlite3", empty_file, *theirs, organisation="Harrow Council")
    assert _other(tmp_path, backup, live) == other
    assert _names(live) == ["Brent Council"]
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]


@pytest.mark.slow  # a whole restore, or two checked copies
def test_a_database_where_nothing_was_saved_yet_takes_any_backup_as_before(tmp_path, empty_file):
    live = tmp_path / "new.sqlite3"
    Database.open(live).close()  # its own calendar id, nothing else
    con = sqlite3.connect(live)
    try:
        con.execute("UPDATE setting SET value = ? WHERE key = ?", (json.dumps("c3"), CALENDAR_ID_KEY))
        con.commit()
    finally:
        con.close()
    backup = _database(tmp_path / "theirs.sqlite3", empty_file, HARROW, "b2", organisation="Harrow Council")
    assert _other(tmp_path, backup, live) is None
    assert _other(tmp_path, backup, tmp_path / "none-yet.sqlite3") is None  # no file yet either


@pytest.mark.slow  # a whole restore, or two checked copies
def test_a_backup_of_this_database_restores_as_before(tmp_path, empty_file):
    live = _database(tmp_path / "ours.sqlite3", empty_file, BRENT, "a1", organisation="Brent Council")
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added after", "other"))
    assert _other(tmp_path, backup, live) is None
    assert backups.restore_backup(backup, live, tmp_path / "backups") is not None
    assert _names(live) == ["Brent Council"]


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow  # a whole restore, or two checked copies
def test_restore_refuses_another_databases_backup_unless_told(tmp_path, empty_file, capsys, monkeypatch):
    monkeypatch.setenv("BSCP_DATA_DIR", str(tmp_path / "data"))
    live = _database(tmp_path / "brent.sqlite3", empty_file, BRENT, "a1", organisation="Brent Council")
    backup = _database(tmp_path / "harrow.sqlite3", empty_file, HARROW, "b2", organisation="Harrow Council")
    before = live.read_bytes()
    code, out, err = _cli(capsys, "restore", backup, "--db", live)
    assert code == 2 and out == ""
    assert err.strip() == (f"bscp-desktop: harrow.sqlite3 is a backup of another database ({HARROW}), not of {BRENT}: "
                           "give --other-database to restore it anyway; nothing was restored.")
    assert live.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").rglob("*before_restore*"))
    code, out, err = _cli(capsys, "restore", backup, "--other-database", "--db", live)
    assert code == 0, err
    assert "the previous file was kept as" in out
    assert _names(live) == ["Harrow Council"]


@pytest.mark.slow  # a whole restore, or two checked copies
def test_restore_of_this_databases_backup_needs_no_option(tmp_path, empty_file, capsys, monkeypatch):
    monkeypatch.setenv("BSCP_DATA_DIR", str(tmp_path / "data"))
    live = _database(tmp_path / "brent.sqlite3", empty_file, BRENT, None, organisation="Brent Council")
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added after", "other"))
    code, out, err = _cli(capsys, "restore", backup, "--db", live)
    assert code == 0, err
    assert _names(live) == ["Brent Council"]


@pytest.mark.slow  # a whole restore, or two checked copies
@pytest.mark.parametrize("answer", [False, True])
def test_the_windows_question_names_both_partnerships(tmp_path, empty_file, monkeypatch, answer):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from bscp_desktop.ui import backups_menu

    live = _database(tmp_path / "brent.sqlite3", empty_file, BRENT, "a1", organisation="Brent Council")
    backup = _database(tmp_path / "harrow.sqlite3", empty_file, HARROW, "b2", organisation="Harrow Council")
    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][-1], True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup), "")))
    monkeypatch.setattr(backups_menu, "confirm", lambda parent, title, text: asked.append(text) or answer)
    monkeypatch.setattr(backups_menu, "show_error", lambda *a: pytest.fail(str(a)))
    reopened = []
    window = SimpleNamespace(
        db=SimpleNamespace(path=live, user="Amara Okafor", close=lambda: None), ready_to_leave=lambda: True,
        flush_all=lambda: None, opener=lambda path, create: reopened.append(path) or SimpleNamespace(path=path),
        _build_tabs=lambda: None, statusBar=lambda: SimpleNamespace(showMessage=lambda *a: None),
        tabs=SimpleNamespace(count=lambda: 0, currentIndex=lambda: 0, setCurrentIndex=lambda index: None),
    )
    before = live.read_bytes()
    backups_menu.restore_backup(window)
    assert asked == [
        f"This backup is of another database: {HARROW}, not {BRENT}. Restoring it replaces everything in "
        "brent.sqlite3 with that database's records.\n\nReplace everything in brent.sqlite3 with the backup "
        "harrow.sqlite3? A copy of the current file is kept in the backup folder."]
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]  # the checked copy is not left behind
    if answer:
        assert reopened == [live] and _names(live) == ["Harrow Council"]
    else:
        assert reopened == [] and live.read_bytes() == before


def test_the_windows_question_for_this_databases_backup_is_as_before(tmp_path, empty_file):
    from bscp_desktop.ui.backups_menu import restore_question

    live = _database(tmp_path / "brent.sqlite3", empty_file, BRENT, "a1", organisation="Brent Council")
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    prepared = backups.prepare_restore(backup, live, tmp_path / "backups")
    try:
        assert restore_question(prepared, live.name, backup.name) == (
            "Replace everything in brent.sqlite3 with the backup backup.sqlite3? "
            "A copy of the current file is kept in the backup folder.")
    finally:
        prepared.discard()
