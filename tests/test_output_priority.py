"""An output's child process runs behind the window: at a lower priority, never the window's own."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from bscp_desktop.jobs import child


def _niceness_before_and_after() -> tuple[int, int]:
    before = os.nice(0)
    child.behind_the_window()
    return before, os.nice(0)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX niceness")
def test_the_window_s_own_process_keeps_its_priority():
    before = os.nice(0)
    child.behind_the_window()
    assert os.nice(0) == before


@pytest.mark.child_process
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX niceness")
def test_an_output_s_child_process_runs_at_a_lower_priority():
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        before, after = pool.apply(_niceness_before_and_after)
    assert after == max(before, child.NICENESS)


@pytest.mark.child_process
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX niceness")
def test_the_window_puts_its_output_s_process_behind_it_as_soon_as_it_starts(qtbot, db, tmp_path):
    from bscp_desktop.ui.common.outputs import OutputProcess

    task = OutputProcess(None, "x", db.path, "xlsx", "memberships", tmp_path / "x.xlsx", show_progress=False)
    task.start()
    qtbot.waitUntil(lambda: task.process is not None, timeout=60000)
    niceness = os.getpriority(os.PRIO_PROCESS, task.process.pid)  # whether its Python has started or not
    task.cancel()
    assert niceness == max(os.nice(0), child.NICENESS)


def test_a_process_that_is_gone_is_left_alone():
    child.put_behind_the_window(2**22 + 12345)  # no such process: nothing raised
    before = os.nice(0)
    child.put_behind_the_window(os.getpid())  # never the window's own
    assert os.nice(0) == before
