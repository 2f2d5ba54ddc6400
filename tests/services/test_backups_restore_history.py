"""A restore and the change history: a backup whose history was altered outside the program is
refused, as `check` refuses it, and a restore is itself recorded, so the change log says why the
changes made after the backup are gone."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime

import pytest

from bscp_desktop.db.database import Database, HistoryTampered
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from bscp_desktop.services import history as hist
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import one_organisation_file


def _tamper(path) -> None:
    """Change an entry of the history with another program, as someone covering their tracks would."""
    con = sqlite3.connect(path)
    try:
        con.execute("DROP TRIGGER IF EXISTS change_record_no_update")
        con.execute("UPDATE change_record SET changed_by = 'someone else' WHERE id = (SELECT max(id) FROM change_record)")
        con.commit()
    finally:
        con.close()


def _restore_entries(path) -> list[hist.ChangeDTO]:
    with Database.open(path, create=False) as db:
        rows = hist.change_page(db, hist.ChangeQuery()).rows
    return [r for r in rows if r.table_name == "setting" and r.field == backups.RESTORED_FROM]


@pytest.mark.slow
def test_a_backup_whose_history_was_altered_is_refused_and_the_database_kept(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = tmp_path / "altered.sqlite3"
    backups.backup_now(live, backup)
    _tamper(backup)
    with pytest.raises(HistoryTampered):  # as `check` says of it
        check_file(backup)
    before = live.read_bytes()
    folder = tmp_path / "backups"
    with pytest.raises(HistoryTampered) as refused:
        backups.restore_backup(backup, live, folder)
    words = str(refused.value)
    assert words.startswith("The backup altered.sqlite3 ")
    assert "change history" in words and "does not match the chain" in words
    assert "nothing was restored" in words and "earlier backup" in words
    assert live.read_bytes() == before
    assert not folder.exists() or not list(folder.iterdir())  # the current file was not even backed up
    assert not list(tmp_path.glob(".live.sqlite3.restore-*"))
    assert "healthy" in check_file(live)


@pytest.mark.slow
def test_a_restore_is_recorded_in_the_change_history_of_the_restored_file(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = tmp_path / "before-the-change.sqlite3"
    backups.backup_now(live, backup)
    taken = datetime(2026, 3, 4, 9, 30)
    os.utime(backup, (taken.timestamp(), taken.timestamp()))
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added later", "other"))
    backups.restore_backup(backup, live, tmp_path / "backups", user="Jo Smith")

    assert "healthy" in check_file(live)  # the entry is chained after the backup's own
    [entry] = _restore_entries(live)
    assert entry.changed_by == "Jo Smith"
    assert entry.record_text == "Setting: Database: restored from"
    assert "04/03/2026 09:30" in entry.new_text and "before-the-change.sqlite3" in entry.new_text
    assert "changes made after" in entry.new_text
    with Database.open(live, create=False) as db:
        newest = hist.change_page(db, hist.ChangeQuery(), limit=1).rows[0]
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
    assert newest.id == entry.id  # the last word in the log, after everything the backup held


@pytest.mark.slow
def test_a_backup_from_the_rotation_is_named_by_the_time_it_was_taken_and_a_second_restore_follows(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    folder = tmp_path / "backups"
    kept = backups.backup_now(live, folder=folder)
    taken = backups.list_backups(live, folder)[0].taken_at
    backups.restore_backup(kept, live, folder)
    backups.restore_backup(kept, live, folder)  # the same backup again: it holds no record of the first
    [entry] = _restore_entries(live)
    assert f"{taken:%d/%m/%Y %H:%M}" in entry.new_text and entry.action_label == "Added"
    assert entry.changed_by  # this computer's user, when no name is given
    again = backups.backup_now(live, tmp_path / "after-a-restore.sqlite3")
    backups.restore_backup(again, live, folder)  # a backup holding a restore: the note is changed, not added
    entries = _restore_entries(live)
    assert [e.action_label for e in entries] == ["Changed", "Added"]
    assert "after-a-restore.sqlite3" in entries[0].new_text and entries[0].old_text == entry.new_text
    assert "healthy" in check_file(live)
