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
    assert after == min(before + 5, 19)
