"""An import killed at any moment leaves none of the file or all of it, and a healthy database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services.history import list_changes

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is not available on Windows"),
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("Name,Job title,Email,Phone,Notes\r\n")
        for i in range(ROWS):
            fh.write(f"Żółć Nguyễn {i},Officer {i},person{i}@example.org,020 8937 {i:04d},Row {i}\r\n")
    return path


def counts(db_path: Path) -> tuple[int, int]:
    """People, and the fields of people in the history as the change log shows them (an import
    records each person it adds in one entry, which the change log reads field by field)."""
    con = sqlite3.connect(db_path)
    try:
        people = con.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        con.close()
    db = Database.open(db_path)
    try:
        history = len(list_changes(db, table="person"))
    finally:
        db.close()
    return people, history


def check(db_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "check", "--db", str(db_path)],
        capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT,
    )


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_killed_import_leaves_none_or_all(tmp_path, big_csv, delay):
    db_path = tmp_path / "kill.sqlite3"
    Database.open(db_path).close()
    process = subprocess.Popen(
        [sys.executable, "-m", "bscp_desktop", "import", "people", str(big_csv), "--db", str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT,
    )
    time.sleep(delay)
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    _out, err = process.communicate(timeout=120)
    if not killed:
        assert process.returncode == 0, err.decode("utf-8", "replace")

    people, history = counts(db_path)
    assert people in (0, ROWS)
    assert history in (0, ROWS * 5)  # five fields of every person, written with it or not at all
    assert (people == 0) == (history == 0)
    result = check(db_path)
    assert result.returncode == 0, result.stderr
    assert "healthy" in result.stdout

    # The database still works: the same import now runs to the end.
    finished = subprocess.run(
        [sys.executable, "-m", "bscp_desktop", "import", "people", str(big_csv), "--db", str(db_path)],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT,
    )
    assert finished.returncode == 0, finished.stderr
    assert counts(db_path)[0] == ROWS
    expected = "0 added" if people else f"{ROWS:,} added"
    assert expected in finished.stdout


def test_killed_while_writing(tmp_path, big_csv):
    """Kill the import once its uncommitted rows are spilling into the write-ahead log, so the
    kill lands in the middle of the one transaction (not before it starts)."""
    db_path = tmp_path / "writing.sqlite3"
    Database.open(db_path).close()
    wal = db_path.with_name(db_path.name + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "bscp_desktop", "import", "people", str(big_csv), "--db", str(db_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT,
    )
    try:
        while process.poll() is None:
            if wal.exists() and wal.stat().st_size > start_size + 2 * 1024 * 1024:
                break
            time.sleep(0.005)
        writing = process.poll() is None
        process.kill()
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert writing, "the import ended before it wrote 2 MB: raise ROWS"
    people, history = counts(db_path)
    assert (people, history) in ((0, 0), (ROWS, ROWS * 5))
    result = check(db_path)
    assert result.returncode == 0 and "healthy" in result.stdout, result.stderr
