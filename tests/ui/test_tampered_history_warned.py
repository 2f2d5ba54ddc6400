"""A file whose change history was changed outside the program (as `check` finds it) is said over
the window once its first tab shows, at start and when opened from the File menu, as a warning:
the window goes on, and the file is saved to as usual. Its protection put back at opening is said
too, as information."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.app import open_database
from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from tests.db.test_tampered_history_said_at_opening import tamper
from tests.ui.helpers import start_window


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, str]]:
    """Every message box shown: (its kind, its words)."""
    boxes: list[tuple[str, str]] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda *a, _kind=kind, **k: boxes.append((_kind, a[2])) or QMessageBox.StandardButton.Ok))
    return boxes


def _edited(path, *statements: str, put_back: bool):
    """A file with records whose history another SQLite program changed: its guard against edits
    dropped, the statements run, and the guard put back (`put_back`) or left out."""
    with Database.open(path, create=False) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    tamper(path, *statements, put_back=put_back)
    return path


EDIT_AN_ENTRY = "UPDATE change_record SET new_value = 'Brent Police' WHERE field = 'name'"


@pytest.mark.slow
def test_a_start_on_a_file_whose_history_was_edited_warns_and_saves_go_on(qtbot, db_file, said):
    _edited(db_file, EDIT_AN_ENTRY, put_back=True)
    db = open_database(db_file, create=False, check_later=True)  # as the program starts: checks left for later
    try:
        window = start_window(qtbot, db)
        qtbot.waitUntil(lambda: bool(said), timeout=20_000)
        qtbot.wait(50)
        assert [kind for kind, _words in said] == ["warning"]  # once, and never called damaged
        words = said[0][1]
        assert words.startswith(f"{db_file.name} was changed outside BSCP Desktop")
        assert "does not match the chain" in words and "can still be used and saved" in words
        assert "File > Restore from a backup" in words and "ask IT or your team" in words
        assert "changed outside BSCP Desktop" in window.statusBar().currentMessage()
        assert not window.db_label.text().startswith("Damaged")
        ms.create_organisation(db, ms.OrganisationFields("Saved after the warning", OrganisationKind.OTHER))
        window.close()
    finally:
        db.close()


@pytest.mark.slow
def test_a_start_that_put_the_protection_back_says_so_once(qtbot, db_file, said):
    _edited(db_file, put_back=False)
    db = open_database(db_file, create=False, check_later=True)  # opening writes: put back as it opens
    try:
        window = start_window(qtbot, db)
        qtbot.waitUntil(lambda: bool(said), timeout=20_000)
        qtbot.wait(50)
        assert [kind for kind, _words in said] == ["information"]
        assert said[0][1].startswith("The change history's protection was missing (change_record_no_update) and "
                                     "has been put back.")
        window.close()
    finally:
        db.close()


@pytest.mark.slow
def test_a_file_opened_from_the_file_menu_with_a_record_removed_outside_warns(qtbot, db, tmp_path, empty_file,
                                                                              said, monkeypatch):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(empty_file, other)
    _edited(other, "DELETE FROM organisation", put_back=True)
    window = start_window(qtbot, db)
    qtbot.wait(200)
    assert said == []  # a sound file: nothing to say
    monkeypatch.setattr("bscp_desktop.ui.database_choice.ask_open_path", lambda *a: other)
    window.open_database()
    assert window.db.path == other
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert [kind for kind, _words in said] == ["warning"]
    assert "The change history speaks of 1 record that no longer exists" in said[0][1]
    window.close()
