"""Keeping Python's cyclic garbage collector out of the way of long work.

A full collection walks every object the program holds and holds up every thread while it
does, the window's too. `gc_paused` keeps it from running while a job builds many records;
`freeze_long_lived` leaves what the program has built so far out of later collections.
Qt-free: background jobs in the window and imports on the command line both use it.

In the window, cycles are collected on the window's thread only (`collect_on_one_thread`, then
`collect_due` on a timer). Python collects in whichever thread passes a threshold: a worker
reading a page, an output's thread. A cycle holding a widget, collected there, deletes the
widget off the window's thread, which Qt does not allow: the set of every widget is changed by
two threads at once, and the program can crash later, at any turn, nowhere near the cause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_gc_lock = threading.Lock()
_gc_pausers = 0
_one_thread = False  # `collect_on_one_thread`: Python's own collection stays off


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a job builds many records (tens of thousands of rows
    read for a page make no reference cycles): a full collection would hold every thread, the
    window's too, for a large part of a second. Collection resumes when the last such job ends,
    leaving what was built meanwhile out of it (see `freeze_long_lived`): otherwise the first
    collection after the job walks every row it read, on whichever thread, the window's too.
    Such jobs leave no garbage in cycles to collect."""
    global _gc_pausers
    with _gc_lock:
        _gc_pausers += 1
        gc.disable()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0:
                gc.freeze()
                if not _one_thread:
                    gc.enable()


def collect_on_one_thread() -> None:
    """From now on cycles are collected only where `collect_due` is called (the window's thread),
    never by Python in whichever thread passes a threshold."""
    global _one_thread
    with _gc_lock:
        _one_thread = True
        gc.disable()


def collect_due() -> None:
    """Collect what Python's own collector would have collected by now, in the thread calling:
    the youngest generation once its threshold is passed, the older ones as theirs are. Nothing
    while a job has collection paused (`gc_paused`)."""
    with _gc_lock:
        if _gc_pausers:
            return
    thresholds, counts = gc.get_threshold(), gc.get_count()
    if counts[0] > thresholds[0]:
        gc.collect(0)
        if counts[1] > thresholds[1]:
            gc.collect(1)
            if counts[2] > thresholds[2]:
                gc.collect(2)


def freeze_long_lived() -> None:
    """Leave what the program has built so far (its modules, classes and windows, alive until
    it closes) out of every later cyclic garbage collection. A full collection walks every
    object the program holds, holding up the window for a large part of a second once the
    libraries are loaded; after this it walks only what was made since. Costs nothing: no
    collection is run here, and frozen objects are still freed when nothing refers to them."""
    gc.freeze()
