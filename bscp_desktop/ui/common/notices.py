"""Change notices in the window: the database says which kinds of record changed, and every
page showing one of those kinds reloads.

No widget announces anything. After each unit of work commits, the database tells its
subscribers the kinds of record it changed (`db/changes.py`); the one `Notices` object of the
window passes that on, on the UI thread, to the pages watching those kinds of that database. A
commit in a worker thread (an import) reaches the pages through a queued signal, so pages only
ever reload on the UI thread.

A page says once what it shows, `self.watch(db, RecordKind.MEETINGS, RecordKind.ACTIONS)`,
and defines `reload()`. It reloads at once when on screen, otherwise the next time it is shown
(`refresh()` is that lazy form of `reload()`). A destroyed page stops watching (switching
database rebuilds every tab).

On a team database the window also hears other officers' commits: attaching the database
starts its listener (`db.listen()`, db/notify.py), whose kinds arrive on the same feed from a
background thread and so reach the pages like a worker thread's commit. Closing the database
stops it.

A new day is a change too: what is overdue, due today or current is worked out from today's
date, so once the date changes (checked every minute, and when the program comes back to the
front after the laptop slept) every page reloads as if every kind had changed.
"""

from __future__ import annotations

import itertools
import queue
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from shiboken6 import isValid

from bscp_desktop.domain.kinds import ALL_KINDS, RecordKind

Kinds = frozenset[RecordKind]


@dataclass
class _Watch:
    widget: QObject
    db: object
    kinds: Kinds
    callback: Callable[[Kinds], None]


class Notices(QObject):
    """The window's one hub for change notices (see the module's description)."""

    _wake = Signal()  # a notice from another thread is waiting in `_pending`

    def __init__(self) -> None:
        super().__init__()
        self._databases: weakref.WeakSet = weakref.WeakSet()
        self._pending: queue.SimpleQueue = queue.SimpleQueue()
        self._watches: dict[int, _Watch] = {}
        self._tokens = itertools.count(1)
        self._wake.connect(self._deliver_pending)
        self._day = date.today()
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self.check_day)
        self._clock.start()
        app = QCoreApplication.instance()
        if app is not None and hasattr(app, "applicationStateChanged"):
            app.applicationStateChanged.connect(lambda _state: self.check_day())

    def check_day(self) -> None:
        """After midnight: every page reloads, so overdue and due-today flags are today's."""
        today = date.today()
        if today != self._day:
            self._day = today
            for db in list(self._databases):
                self.deliver(db, ALL_KINDS)

    # -- databases
    def attach(self, db) -> None:
        """Hear `db`'s change feed (once per database)."""
        if db in self._databases:
            return
        self._databases.add(db)
        ref = weakref.ref(db)

        def heard(kinds: Kinds) -> None:
            if QThread.currentThread() is self.thread():
                source = ref()
                if source is not None:
                    self.deliver(source, kinds)
            else:  # committed in a worker thread: deliver on the UI thread
                self._pending.put((ref, kinds))
                self._wake.emit()

        db.changes.subscribe(heard)
        listen = getattr(db, "listen", None)
        if listen is not None:  # a team database: other officers' commits are heard too
            listen()

    def _deliver_pending(self) -> None:
        while True:
            try:
                ref, kinds = self._pending.get_nowait()
            except queue.Empty:
                return
            source = ref()
            if source is not None:
                self.deliver(source, kinds)

    def announce(self, db, kinds: Iterable[RecordKind] = ALL_KINDS) -> None:
        """Tell the pages of `db` that these kinds changed (View > Reload announces all)."""
        self.deliver(db, frozenset(kinds))

    # -- pages
    def watch(self, widget: QObject, db, kinds: Kinds, callback: Callable[[Kinds], None]) -> int:
        """Call `callback(kinds)` when `db` announces any of `kinds`, until `widget` is destroyed."""
        self.attach(db)
        token = next(self._tokens)
        self._watches[token] = _Watch(widget, db, kinds, callback)
        widget.destroyed.connect(lambda *_args: self._watches.pop(token, None))
        return token

    def unwatch(self, token: int) -> None:
        self._watches.pop(token, None)

    def watcher_count(self) -> int:
        """How many pages are listening."""
        return len(self._watches)

    def deliver(self, db, kinds: Kinds) -> None:
        """On the UI thread: call every page of `db` that shows one of `kinds`."""
        for token, watch in list(self._watches.items()):
            if token not in self._watches:  # a page reloaded before it closed another
                continue
            if not isValid(watch.widget):
                self._watches.pop(token, None)
                continue
            if watch.db is db and watch.kinds & kinds:
                watch.callback(kinds)


_notices: Notices | None = None


def notices() -> Notices:
    """The one hub (made on first use, on the UI thread)."""
    global _notices
    if _notices is None or not isValid(_notices):
        _notices = Notices()
    return _notices


class ReloadsWhenShown:
    """Mixin (before QWidget) for a view of records: when a kind it watches changes it reloads
    at once if on screen, otherwise when it is next shown. The subclass calls
    `watch(db, *kinds)` once and defines `reload()`; `refresh()` is the lazy form of `reload()`."""

    _stale = False
    watched: frozenset[RecordKind] = frozenset()

    def watch(self, db, *kinds: RecordKind) -> None:
        self.watched = frozenset(kinds)
        if self.watched:
            notices().watch(self, db, self.watched, self.records_changed)

    def records_changed(self, kinds: Kinds) -> None:
        """Kinds this page watches changed; a page may override this to do less."""
        self.refresh()

    def refresh(self) -> None:
        if self.isVisible():
            self._stale = False
            self.catch_up()
        else:
            self._stale = True

    def catch_up(self) -> None:
        """What a change makes this view do, now or when next shown: `reload()`; a view that
        need only work part of itself out again (the yearly report's checklist) says so here."""
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.catch_up()
