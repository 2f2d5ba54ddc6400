"""A new database built under a passing name beside its target (`copy`, `demo`, `offline take`,
File > New database; db/staging.py): a folder too full to take it is said in the words of the
file asked for, and the copies of the records that a build stopped part-way left beside it are
removed by the next build of that name, once no running build holds them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bscp_desktop.db import migrate, staging
from bscp_desktop.db.database import Database, DatabaseError, building
from bscp_desktop.db.lock import FileLock

OLD = time.time() - 600


def _full(*_args, **_kwargs):
    raise sqlite3.OperationalError("database or disk is full")


def test_a_full_folder_says_the_new_file_could_not_be_made_there(tmp_path, monkeypatch, empty_file):
    monkeypatch.setattr(migrate, "upgrade", _full)  # once the new file's first tables are written
    with pytest.raises(DatabaseError) as built:
        with building(tmp_path / "d.sqlite3"):
            pass
    assert str(built.value) == f"The folder {tmp_path} is full, so d.sqlite3 could not be made there."
    with pytest.raises(DatabaseError) as opened:  # File > New database
        Database.open(tmp_path / "new.sqlite3").close()
    assert str(opened.value) == f"The folder {tmp_path} is full, so new.sqlite3 could not be made there."
    assert list(tmp_path.iterdir()) == []  # nothing left of either
    taking = tmp_path / ".m.sqlite3.abcd1234.taking"  # a meeting taken offline: built inside its own passing name
    with pytest.raises(DatabaseError) as taken:
        with building(taking):
            pass
    assert str(taken.value) == f"The folder {tmp_path} is full, so m.sqlite3 could not be made there."


def _left(folder: Path, *names: str, when: float = OLD) -> list[Path]:
    files = [folder / name for name in names]
    for p in files:
        p.write_bytes(b"records")
        os.utime(p, (when, when))
    return files


def test_what_a_build_stopped_part_way_left_is_removed_by_the_next_build_of_that_name(tmp_path):
    stale = _left(tmp_path, ".n.sqlite3.abcd1234.building", ".n.sqlite3.abcd1234.building-wal",
                  ".n.sqlite3.abcd1234.building-shm", ".n.sqlite3.abcd1234.building.lock",
                  "..n.sqlite3.efgh_567.building.ijkl8901.new",  # stopped as the empty database was made
                  "..n.sqlite3.mnop2345.taking.qrst6789.building",  # a meeting taken offline
                  "..n.sqlite3.mnop2345.taking.qrst6789.building-wal")
    kept = [*_left(tmp_path, ".n.sqlite3.uvwx0123.building", when=time.time()),  # touched a moment ago
            *_left(tmp_path, ".n.sqlite3.held0000.building"),  # its build still runs
            *_left(tmp_path, ".other.sqlite3.abcd1234.building", "notes.txt")]
    running = FileLock(tmp_path / ".n.sqlite3.held0000.building.lock")
    running.acquire()
    try:
        with building(tmp_path / "n.sqlite3"):
            pass
    finally:
        running.release()
    assert not [p for p in stale if p.exists()]
    assert all(p.exists() for p in kept)
    assert (tmp_path / "n.sqlite3").is_file()


def test_a_running_build_holds_its_passing_copy_against_another_build_of_that_name(tmp_path):
    with building(tmp_path / "n.sqlite3"):
        passing = [p for p in tmp_path.iterdir() if p.name.startswith(".n.sqlite3.")]
        assert passing
        for p in passing:
            os.utime(p, (OLD, OLD))
        staging.remove_stale_builds(tmp_path / "n.sqlite3")
        assert all(p.exists() for p in passing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.sqlite3"]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="the build is stopped as a flat battery would, by SIGKILL")
def test_a_demo_killed_part_way_leaves_nothing_once_the_next_is_made(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    target = tmp_path / "d.sqlite3"
    child = subprocess.Popen([sys.executable, "-m", "bscp_desktop", "demo", str(target)], env=env, cwd=root,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not any(p.name.endswith(".building") for p in tmp_path.iterdir()) and time.time() < deadline:
            time.sleep(0.02)
    finally:
        child.kill()
        child.wait()
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".d.sqlite3.")]
    assert left and not target.exists()
    for p in left:
        os.utime(p, (OLD, OLD))
    with building(target):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]
