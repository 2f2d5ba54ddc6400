"""Backups are named by the local time they were taken, but rotation orders them by when their
files were written (in no time zone): copies made under another time zone, or in the hour
repeated when clocks go back, keep their place, and the copy the program has just made (by hand,
on opening, before a restore) is never the one its rotation removes, whatever the clock said
before."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bscp_desktop.db.backup import KEEP_LATEST, backup_database, backup_name, list_backups, start_backup


@pytest.fixture
def database(tmp_path, empty_file) -> Path:
    return Path(shutil.copyfile(empty_file, tmp_path / "bscp.sqlite3"))


@pytest.fixture
def zone():
    """Set this process's time zone (as TZ does) for the test; put back after it."""
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone can be changed in a running process only where time.tzset exists")
    saved = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _left(folder: Path, database: Path, wall: datetime, written: datetime, reason: str = "manual") -> Path:
    """A backup named by the local time `wall`, its file written at `written` (an instant)."""
    folder.mkdir(exist_ok=True)
    path = folder / backup_name(database, wall, reason)
    path.write_bytes(b"")
    os.utime(path, (written.timestamp(), written.timestamp()))
    return path


@pytest.mark.slow  # eleven copies of a file
def test_a_backup_made_after_backups_made_under_a_zone_ahead_is_kept_and_listed_first(tmp_path, database, zone):
    folder = tmp_path / "backups"
    zone("Pacific/Kiritimati")  # fourteen hours ahead of UTC
    ahead = [backup_database(database, folder) for _ in range(KEEP_LATEST)]
    zone("Europe/London")
    made = backup_database(database, folder)
    listed = [b.path for b in list_backups(folder, database)]
    assert made.is_file() and listed[0] == made
    assert listed == [made, *reversed(ahead[1:])]  # the oldest copy went


def test_copies_made_in_the_hour_repeated_when_clocks_go_back_keep_their_place(tmp_path, database):
    london, folder = ZoneInfo("Europe/London"), tmp_path / "backups"

    def made_at(minute: int, fold: int) -> Path:  # fold 0: 01:mm summer time; 1: 01:mm, an hour later
        at = datetime(2025, 10, 26, 1, minute, fold=fold, tzinfo=london)
        return _left(folder, database, at.replace(tzinfo=None), at)

    first_pass = [made_at(30 + i, 0) for i in range(KEEP_LATEST)]  # 01:30 to 01:39 BST
    second_pass = [made_at(5 + i, 1) for i in range(2)]  # 01:05 and 01:06 GMT: later, though named earlier
    made = backup_database(database, folder)
    listed = [b.path for b in list_backups(folder, database)]
    assert listed == [made, *reversed(second_pass), *reversed(first_pass[3:])]  # the three oldest went


@pytest.mark.parametrize("how", ["manual", "before_restore", "startup"])
def test_the_copy_just_made_is_never_the_one_its_rotation_removes(tmp_path, database, how):
    """Ten copies named, and written, a day ahead (the computer's clock was wrong): the copy made
    now, with the clock right, stays; one of those goes instead."""
    folder, tomorrow = tmp_path / "backups", datetime.now().astimezone() + timedelta(days=1)
    ahead = [_left(folder, database, (tomorrow + timedelta(minutes=i)).replace(tzinfo=None),
                   tomorrow + timedelta(minutes=i), how) for i in range(KEEP_LATEST)]
    if how == "startup":  # on opening: copied aside, joining the rotation once the file opened
        made = start_backup(database, folder).keep()
    else:  # by hand, or the file about to be replaced by a restore (services.backups._keep_current)
        made = backup_database(database, folder, reason=how)
    listed = [b.path for b in list_backups(folder, database)]
    assert made.is_file() and made in listed and len(listed) == KEEP_LATEST
    assert ahead[0] not in listed


@pytest.mark.slow  # a restore checks and upgrades the backup
def test_the_copy_kept_before_a_restore_stays_after_restores_made_under_a_zone_ahead(tmp_path, empty_file):
    from bscp_desktop.services import backups
    from tests.safety.helpers import one_organisation_file

    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = tmp_path / "backup.sqlite3"
    backups.backup_now(live, backup)
    folder = tmp_path / "backups"
    now = datetime.now().astimezone()
    for i in range(KEEP_LATEST):  # kept before restores made an hour ago, named by a clock 14 hours ahead
        at = now - timedelta(hours=1) + timedelta(minutes=i)
        _left(folder, live, (at + timedelta(hours=14)).replace(tzinfo=None), at, "before_restore")
    kept = backups.restore_backup(backup, live, folder)
    assert kept is not None and kept.is_file()
    assert backups.list_backups(live, folder)[0].path == kept
