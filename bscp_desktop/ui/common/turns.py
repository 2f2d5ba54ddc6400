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
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

TURN_MS = 1  # not 0: see the module's note


def next_turn(owner: QObject | None, then: Callable[[], object]) -> None:
    """Run `then()` on a later turn of the event loop (not at all if `owner` is deleted first)."""
    if owner is None:
        QTimer.singleShot(TURN_MS, then)
    else:
        QTimer.singleShot(TURN_MS, owner, then)
