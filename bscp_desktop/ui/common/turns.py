"""Work left for a later turn of the window's event loop, so the window answers in between.

    next_turn(page, page.fill_next_part)   # after what is waiting: a click, a paint, a timer due

The one way the program splits a long piece of the window's work into turns (a page made
after the click that chose it, a long form's lower sections, a report shown a part at a time,
a dialog fitted once its layout has settled). It runs `then` from a 1 ms timer, not a 0 ms
one: Qt runs a 0 ms single shot as soon as the loop looks at its queue, before any timer that
is due in the same pass, so a chain of them never lets the window's other timers (its clock,
a page's autosave, a progress bar) have a turn between the parts. A 1 ms timer takes its place
among them.

With an `owner`, `then` is dropped if the owner is deleted before its turn comes.

`PartByPart` is what a page shows a part per turn (a summary's tables, a report's figures):

    self.showing = PartByPart(self)
    self.showing.run([show_the_key_figures, show_the_charts, *fill_each_table], then=done)

The first part runs at once and each next one on a later turn; `busy()` is True until the last
has run (a page says it is still loading meanwhile). `run` again, or `stop()`, drops the parts
of the last run still waiting (newer figures were asked for).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

TURN_MS = 1  # not 0: see the module's note


def next_turn(owner: QObject | None, then: Callable[[], object]) -> None:
    """Run `then()` on a later turn of the event loop (not at all if `owner` is deleted first)."""
    if owner is None:
        QTimer.singleShot(TURN_MS, then)
    else:
        QTimer.singleShot(TURN_MS, owner, then)


class PartByPart:
    """A piece of the window's work done a part per turn of the event loop (see the module's
    note); only the latest run's parts are done."""

    def __init__(self, owner: QObject):
        self._owner = owner
        self._parts: list[Callable[[], object]] = []
        self._then: Callable[[], object] | None = None
        self._run = 0  # the parts of an earlier run, still waiting for their turn, are dropped

    def run(self, parts: Iterable[Callable[[], object]], then: Callable[[], object] | None = None) -> None:
        """Do the first of `parts` now and each next one on a later turn, then `then()`."""
        self._run += 1
        self._parts, self._then = list(parts), then
        self._next(self._run)

    def busy(self) -> bool:
        """True until the last part of the latest run has been done."""
        return bool(self._parts) or self._then is not None

    def stop(self) -> None:
        """Drop the parts still waiting (what they show is no longer wanted)."""
        self._run += 1
        self._parts, self._then = [], None

    def _next(self, run: int) -> None:
        if run != self._run:
            return  # run again, or stopped, since
        if self._parts:
            part = self._parts.pop(0)
            try:
                part()
            except BaseException:
                if run == self._run:  # the parts after it are not done: the page is not left loading
                    self.stop()
                raise
        if run != self._run:
            return  # the part itself asked for a new run
        if self._parts:
            next_turn(self._owner, lambda: self._next(run))
            return
        then, self._then = self._then, None
        if then is not None:
            then()
