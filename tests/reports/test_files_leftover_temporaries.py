"""Temporary files left by an output whose program was stopped (killed, the computer switched
off) are removed by the next write of the same file once a few minutes have passed: never one a
write still holds, however old, nor one made a moment ago, nor any file of another name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bscp_desktop.reports.files import atomic_write_bytes, temporaries

ROOT = Path(__file__).resolve().parents[2]

#: A write of `sys.argv[1]` that says when its temporary file is made, then waits to be stopped.
_STUCK_WRITE = """
import sys, time
from bscp_desktop.reports.files import atomic_write

def write(handle):
    handle.write(b"part of a workbook")
    handle.flush()
    print("writing", flush=True)
    time.sleep(600)

atomic_write(sys.argv[1], write)
"""

TEN_MINUTES = 600


@pytest.fixture
def stuck_write():
    """Start a write of a file in another process that holds its temporary file; yield a
    function starting one, and stop any still running at the end."""
    started: list[subprocess.Popen] = []

    def start(target: Path) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", _STUCK_WRITE, str(target)], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout is not None and process.stdout.readline().strip() == "writing"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_file_a_killed_export_left_is_removed_by_the_next_write_of_it(tmp_path, stuck_write):
    target = tmp_path / "all.xlsx"
    process = stuck_write(target)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    [left] = temporaries(target)
    _age(left, TEN_MINUTES)

    atomic_write_bytes(target, b"the workbook")

    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.xlsx"]


def test_a_temporary_file_a_running_write_holds_is_kept_however_old(tmp_path, stuck_write):
    target = tmp_path / "all.xlsx"
    stuck_write(target)
    [writing] = temporaries(target)
    _age(writing, 10 * TEN_MINUTES)

    atomic_write_bytes(target, b"the workbook")

    assert writing.read_bytes() == b"part of a workbook"
    assert target.read_bytes() == b"the workbook"


def test_only_old_leftovers_of_the_same_file_are_removed(tmp_path):
    target = tmp_path / "all.xlsx"
    names = {
        "old": ".~all.xlsx.k2j4x9ab.tmp",
        "old_marked": ".~all.xlsx.0123abcd.zz9_xy12.tmp",
        "fresh": ".~all.xlsx.recent12.tmp",  # made a moment ago: its write may only now be starting
        "other_file": ".~Agenda.xlsx.k2j4x9ab.tmp",
        "not_the_pattern": ".~all.xlsx.notes.txt",
        "not_the_pattern_either": "all.xlsx.k2j4x9ab.tmp",
    }
    for key, name in names.items():
        (tmp_path / name).write_bytes(b"x")
        if key != "fresh":
            _age(tmp_path / name, TEN_MINUTES)

    atomic_write_bytes(target, b"the workbook")

    kept = {"fresh", "other_file", "not_the_pattern", "not_the_pattern_either"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["all.xlsx", *(names[k] for k in kept)])
