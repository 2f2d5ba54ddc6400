"""What backups, restores and copies say, and do, where the file is out of the ordinary: a
history altered outside the program (its later backups restore into it, as its warning says; a
copy of it names the file copied), a disk too full for a restore (the folder named, the file as
it was), and a shortcut leading into the backup folder (the backup folder named, not the
shortcut's own)."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database, DatabaseError, HistoryTampered
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.later_checks import HistoryCheck
from bscp_desktop.db.targets import TargetRefused, check_working_database
from bscp_desktop.services import backups, copies
from bscp_desktop.services import memberships as ms
from tests.db.test_tampered_history_said_at_opening import tamper
from tests.safety.helpers import one_organisation_file


def _altered(path) -> None:
    tamper(path, "UPDATE change_record SET new_value = '\"Brent Police\"' WHERE id = (SELECT min(id) FROM change_record)",
           put_back=True)


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.slow
def test_a_backup_made_after_the_history_was_altered_restores_into_the_file_and_says_so(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    _altered(live)
    folder = tmp_path / "backups"
    kept = backups.backup_now(live, folder=folder)  # made after the alteration, as the warning allows
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added after the backup", "other"))

    prepared = backups.prepare_restore(kept, live, folder)
    assert prepared.altered.startswith(f"The backup {kept.name} can be restored: its change history was altered "
                                       "outside BSCP Desktop only where that of live.sqlite3 already was, first at entry 1 (")
    assert "the change log still shows that alteration" in prepared.altered
    from bscp_desktop.ui.backups_menu import restore_question  # the window asks with it first

    assert restore_question(prepared, live.name, kept.name).startswith(prepared.altered + "\n\nReplace everything in")
    prepared.swap_in(folder)
    with Database.open(live) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
    with pytest.raises(HistoryTampered, match="entry 1 "):  # still said to be altered, where it was
        check_file(live)


@pytest.mark.slow
def test_a_backup_altered_where_the_file_is_not_is_still_refused(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    _altered(live)
    kept = backups.backup_now(live, tmp_path / "kept.sqlite3")
    tamper(kept, "UPDATE change_record SET changed_by = 'someone else' WHERE id = (SELECT max(id) FROM change_record)", put_back=True)
    last = sqlite3.connect(kept).execute("SELECT max(id) FROM change_record").fetchone()[0]
    before = live.read_bytes()
    with pytest.raises(HistoryTampered, match=f"entry {last} .*nothing was restored, so choose an earlier backup"):
        backups.restore_backup(kept, live, tmp_path / "backups")
    assert live.read_bytes() == before


@pytest.mark.slow
def test_the_warning_says_what_a_restore_makes_of_backups_made_now(tmp_path, empty_file):
    altered = one_organisation_file(tmp_path / "altered.sqlite3", empty_file)
    _altered(altered)
    words = HistoryCheck(altered).run()
    assert "can still be used and saved as usual" in words
    assert "a backup made from now on keeps the altered history too, so it can be restored only into altered.sqlite3" in words

    removed = one_organisation_file(tmp_path / "removed.sqlite3", empty_file)
    con = sqlite3.connect(removed)
    con.execute("DELETE FROM organisation")
    con.commit()
    con.close()
    words = HistoryCheck(removed).run()
    assert "a backup made from now on keeps the loss of those records too, so it cannot be restored" in words
    kept = backups.backup_now(removed, tmp_path / "kept.sqlite3")
    with pytest.raises(DatabaseError, match="nothing was restored"):  # as the warning says
        backups.prepare_restore(kept, removed, tmp_path / "backups")


@pytest.mark.slow
def test_a_copy_of_a_file_whose_history_was_altered_names_that_file(tmp_path, empty_file):
    source = one_organisation_file(tmp_path / "source.sqlite3", empty_file)
    _altered(source)
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(DatabaseError) as refused:
        copies.copy_database(source, target)
    words = str(refused.value)
    assert words.startswith(f"{source} was not copied: its change history was altered outside BSCP Desktop, at entry 1 (")
    assert f"nothing was written to {target}; copy a backup made before that change instead" in words
    assert "The change history" not in words and ". " not in words and words.endswith("who changed it.")  # one sentence
    assert not target.exists()


def _disk_full() -> sqlite3.OperationalError:
    return sqlite3.OperationalError("database or disk is full")


@pytest.mark.slow
def test_a_disk_too_full_to_take_the_swap_names_the_folder_and_leaves_the_file(tmp_path, empty_file, monkeypatch):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    prepared = backups.prepare_restore(backup, live, tmp_path / "backups")
    before = {n: b for n, b in _files(tmp_path).items() if ".restore-" not in n}

    def full(copy, target):
        raise _disk_full()

    monkeypatch.setattr(backup_files, "restore_into", full)
    with pytest.raises(backup_files.FolderNotWritable) as refused:
        prepared.swap_in(tmp_path / "backups")
    assert str(refused.value).startswith(f"The folder {tmp_path} is full, so the copy could not be written there; "
                                         "free some space on its disk")
    assert _files(tmp_path) == before  # the database as it was, the checked copy removed


@pytest.mark.slow
def test_a_disk_too_full_to_mark_the_restore_names_the_folder(tmp_path, empty_file, monkeypatch):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    before = _files(tmp_path)

    class Full(Database):
        @contextlib.contextmanager
        def unit_of_work(self):
            raise OperationalError("COMMIT", {}, _disk_full())
            yield

    monkeypatch.setattr(backups, "Database", Full)
    with pytest.raises(backup_files.FolderNotWritable) as refused:
        backups.prepare_restore(backup, live, tmp_path / "backups")
    assert str(refused.value).startswith(f"The folder {tmp_path} is full, so the copy could not be written there")
    assert "database or disk" not in str(refused.value)
    assert _files(tmp_path) == before


def test_a_shortcut_into_the_backup_folder_names_the_backup_folder(tmp_path):
    folder = tmp_path / "data" / "backups"
    folder.mkdir(parents=True)
    (folder / "live-1a2b3c4d-20260101-090000-000000-manual.sqlite3").write_bytes(b"")
    docs = tmp_path / "docs"
    docs.mkdir()
    try:
        (docs / "latest.sqlite3").symlink_to(folder / "live-1a2b3c4d-20260101-090000-000000-manual.sqlite3")
        (tmp_path / "kept").symlink_to(folder)
    except OSError:
        pytest.skip("this account may not make symbolic links")
    with pytest.raises(TargetRefused) as refused:
        check_working_database(docs / "latest.sqlite3", folder)
    assert str(refused.value).startswith(
        "latest.sqlite3 is a shortcut (symbolic link) to live-1a2b3c4d-20260101-090000-000000-manual.sqlite3 in the "
        f"backup folder {folder}, where older backups are removed")
    assert str(docs) not in str(refused.value)
    with pytest.raises(TargetRefused) as refused:
        check_working_database(tmp_path / "kept" / "other.sqlite3", folder)
    assert str(refused.value).startswith(f"other.sqlite3 is in the backup folder {folder} (reached through a shortcut)")
