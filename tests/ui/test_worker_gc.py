"""Jobs that read many records pause the cyclic garbage collector while they run, and only while."""

from __future__ import annotations

import gc
import threading

import pytest

from bscp_desktop import memory
from bscp_desktop.ui.common.worker import gc_paused


@pytest.fixture(autouse=True)
def python_collects(monkeypatch):
    """These tests are of Python's own collection, which the test run (as the window) otherwise
    leaves to one thread (`memory.collect_on_one_thread`)."""
    monkeypatch.setattr(memory, "_one_thread", False)
    gc.enable()
    yield
    gc.disable()


def test_collection_resumes_when_the_last_job_ends():
    assert gc.isenabled()
    first_in, second_out = threading.Event(), threading.Event()
    seen = []

    def first():
        with gc_paused():
            first_in.set()
            second_out.wait(5)
            seen.append(gc.isenabled())  # the other job ended: still paused for this one

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with gc_paused():
        assert not gc.isenabled()
    second_out.set()
    thread.join(5)
    assert seen == [False] and gc.isenabled()


def test_a_failing_job_does_not_leave_collection_off():
    try:
        with gc_paused():
            raise ValueError("the job failed")
    except ValueError:
        pass
    assert gc.isenabled()


@pytest.mark.slow
def test_what_the_program_built_is_left_out_of_later_collections_and_still_freed():
    import weakref

    from bscp_desktop.ui.common.worker import freeze_long_lived

    class Held:
        pass

    held = Held()
    gone = weakref.ref(held)
    try:
        before = gc.get_freeze_count()
        freeze_long_lived()
        assert gc.get_freeze_count() > before
        assert held not in gc.get_objects(generation=2)  # a full collection no longer walks it
        del held
        assert gone() is None  # nothing refers to it any more: freed all the same
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_what_a_job_read_is_left_out_of_the_next_collections():
    try:
        before = gc.get_freeze_count()
        with gc_paused():
            rows = [[n] for n in range(1000)]  # what a job builds: lists are tracked by the collector
        assert gc.get_freeze_count() >= before + len(rows)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_a_task_whose_window_closes_while_it_reads_ends_with_its_job_and_is_forgotten(qtbot):
    import time

    from PySide6.QtWidgets import QWidget

    from bscp_desktop.ui.common import worker as worker_module
    from bscp_desktop.ui.common.worker import BackgroundTask

    window = QWidget()
    task = BackgroundTask(window, "Reading…", lambda progress: time.sleep(0.3), show_progress=False).start()
    thread = task.thread
    assert task in BackgroundTask._running
    window.deleteLater()  # closed before the job ends
    qtbot.waitUntil(lambda: task not in BackgroundTask._running, timeout=5000)
    qtbot.waitUntil(thread.isFinished, timeout=5000)  # its thread ended with the job
    assert any(t is thread for t, _ in worker_module._abandoned)


def test_in_the_window_a_job_ending_leaves_collection_to_the_window_thread(monkeypatch):
    monkeypatch.setattr(memory, "_one_thread", False)
    memory.collect_on_one_thread()
    assert not gc.isenabled()
    with gc_paused():
        pass
    assert not gc.isenabled()  # a worker's job ending does not give collection back to Python


def test_the_window_thread_collects_what_python_would_have_and_nothing_while_a_job_reads(monkeypatch):
    import weakref

    monkeypatch.setattr(memory, "_one_thread", False)
    memory.collect_on_one_thread()

    class Cycle:
        pass

    def garbage():
        held = Cycle()
        held.me = held
        return weakref.ref(held)

    gc.collect()
    first = garbage()
    with gc_paused():
        for _ in range(gc.get_threshold()[0] + 1):
            Cycle().me = None  # allocations, as the window makes them
        memory.collect_due()
        assert first() is not None  # a job reads: no collection walks what it builds
    second = garbage()
    for _ in range(gc.get_threshold()[0] + 1):
        [None]  # noqa: B018
    kept = [[] for _ in range(gc.get_threshold()[0] + 1)]  # allocations counted by the collector
    memory.collect_due()
    assert second() is None and kept  # the threshold passed: collected here
