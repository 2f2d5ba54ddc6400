"""Once an output's process has ended, the window knows it has (`gone`) and removes what it left:
however its end was collected, and even when it does not end by itself. Quitting and restoring
wait for `gone` of the outputs they wait for or stop, so an output never known to have ended
kept the window waiting without end."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from bscp_desktop.reports.files import temporaries
from bscp_desktop.ui.common import outputs


def _output(out) -> outputs._Child:
    return outputs._Child(("test.sqlite3", "xlsx", "memberships", str(out), {}))


def _left_behind(output: outputs._Child, out) -> None:
    """The temporary file a process stopped part-way leaves beside the file asked for."""
    (out.parent / f".~{out.name}.{output.mark}.abcd1234.tmp").write_bytes(b"part of a workbook")
    assert len(temporaries(out)) == 1


@pytest.mark.slow  # a new process
def test_a_process_whose_end_another_thread_collected_is_known_to_have_ended(tmp_path):
    """Python collects the end of every ended process of the program as it starts another (a
    second output starting): from that thread, before the exit code is recorded, the process
    could no longer be asked and was taken as running for ever."""
    out = tmp_path / "Members.xlsx"
    output = _output(out)
    _left_behind(output, out)
    process = multiprocessing.get_context("spawn").Process(target=int, daemon=True)  # ends at once
    process.start()
    os.waitpid(process.pid, 0)  # its end collected by another thread, its exit code not yet recorded
    assert process.is_alive()  # so asking the process alone says it still runs

    output._wait_and_clean_up(process)
    assert output.gone.is_set()
    assert temporaries(out) == []


class _HungOnItsWayOut:
    """A process that does not end by itself (hung as it shuts down): it ends once it has been
    stopped `stops_to_end` times."""

    sentinel = None

    def __init__(self, stops_to_end: int) -> None:
        self.stops = 0
        self.stops_to_end = stops_to_end
        self.ended = threading.Event()

    def join(self, timeout: float | None = None) -> None:
        self.ended.wait(timeout)

    def is_alive(self) -> bool:
        return not self.ended.is_set()

    def terminate(self) -> None:
        self.stops += 1
        if self.stops >= self.stops_to_end:
            self.ended.set()


@pytest.mark.parametrize("how", ["saved", "stopped"])
def test_a_process_that_does_not_end_by_itself_is_stopped_and_known_to_have_ended(tmp_path, monkeypatch, how):
    """Saved: its file written whole, it hangs on its way out. Stopped: the first stop did not end it."""
    monkeypatch.setattr(outputs._Child, "ENDING_S", 0.2, raising=False)
    out = tmp_path / "Members.xlsx"
    output = _output(out)
    _left_behind(output, out)
    output.process = process = _HungOnItsWayOut(stops_to_end=1 if how == "saved" else 2)
    if how == "saved":
        output.ended()
    else:
        output.stop()
    assert output.gone.wait(10), "the window would wait without end for a process that does not end"
    assert process.stops == process.stops_to_end
    assert temporaries(out) == []
