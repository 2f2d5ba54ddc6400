"""A restore reads the backup as `check` reads a file: a backup `check` refuses (a value this
version cannot read, a record removed outside the program) is not restored, and neither is a
meeting's offline copy, which holds one meeting's records and not a whole database, unless the
database restored into is itself that offline copy."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import one_organisation_file, sql


def _refused(backup, live, folder, *words: str) -> None:
    before = live.read_bytes()
    with pytest.raises(DatabaseError) as refused:
        backups.restore_backup(backup, live, folder)
    text = str(refused.value)
    assert text.startswith(f"The backup {backup.name}") and "nothing was restored" in text and "\n" not in text
    assert all(word in text for word in words), text
    assert live.read_bytes() == before
    assert not folder.exists() or not list(folder.iterdir())  # the current file was not even backed up
    assert not list(live.parent.glob(f".{live.name}.restore-*"))


def _offline_copy(path, empty_file):
    """A file holding one meeting and the note of the team database it was taken from, as an
    offline copy holds them."""
    shutil.copyfile(empty_file, path)
    with Database.open(path) as db:
        forum = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", 2))
        meeting = mt.create_meeting(db, mt.MeetingFields(forum.id, "Forum", datetime(2024, 3, 14, 10)))
    at = "2024-03-01 09:00:00.000000"
    sql(path, "INSERT INTO meeting_offline (meeting_id, taken_by, taken_at, file, server, base, ended_how, "
              "ended_by, reason, created_at, updated_at, version) "
              f"VALUES ({meeting.id}, 'Jo Smith', '{at}', '', 'bscp.example.org/bscp', '', '', '', '', '{at}', '{at}', 1)")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("name", "change", "said", "named"), [
    ("odd-value", "UPDATE organisation SET kind = 'bogus'", "cannot read", ("organisation", "bogus")),
    ("removed", "DELETE FROM organisation", "no longer exist", ("organisation", "earlier backup")),
], ids=["a value this version cannot read", "a record removed outside the program"])
def test_a_backup_check_would_refuse_is_not_restored(tmp_path, empty_file, name, change, said, named):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = tmp_path / f"{name}.sqlite3"
    backups.backup_now(live, backup)
    sql(backup, change)
    with pytest.raises(DatabaseError, match=said):
        check_file(backup)
    _refused(backup, live, tmp_path / "backups", said, *named)


@pytest.mark.slow
def test_an_offline_copy_of_one_meeting_is_not_restored_over_a_whole_database(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    copy = _offline_copy(tmp_path / "forum-offline.sqlite3", empty_file)
    assert "healthy" in check_file(copy)
    _refused(copy, live, tmp_path / "backups", "offline copy of one meeting", "not a backup", "bring it back")
    with Database.open(live) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]


@pytest.mark.slow
def test_an_offline_copy_has_its_own_backup_restored(tmp_path, empty_file):
    copy = _offline_copy(tmp_path / "forum-offline.sqlite3", empty_file)
    folder = tmp_path / "backups"
    kept = backups.backup_now(copy, folder=folder)
    with Database.open(copy) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added offline", "other"))
    backups.restore_backup(kept, copy, folder)
    with Database.open(copy) as db:
        assert [o.name for o in ms.list_organisations(db)] == []
    assert "healthy" in check_file(copy)
