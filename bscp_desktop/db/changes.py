"""Which kinds of record a unit of work changed, announced once when it commits.

Each model names its kind (`__kind__ = RecordKind.MEETINGS`). Before every flush the session
notes the kinds of the records it is about to insert, change or delete; when the unit of work
commits, `Database.changes` tells its subscribers the set, once. Nothing is announced for a
unit of work that changed nothing or was rolled back.

Subscribers are called on the thread that committed (imports commit in worker threads): a
subscriber that touches a user interface must hand the notice over to that interface's
thread itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from bscp_desktop.domain.kinds import RecordKind

log = logging.getLogger(__name__)

CHANGED = "bscp.changed_kinds"

Listener = Callable[[frozenset[RecordKind]], None]


def kind_of(obj: object) -> RecordKind | None:
    return getattr(type(obj), "__kind__", None)


def _before_flush(session: Session, _flush_context, _instances) -> None:
    kinds: set[RecordKind] = session.info.setdefault(CHANGED, set())
    for obj in (*session.new, *session.deleted):
        kind = kind_of(obj)
        if kind is not None:
            kinds.add(kind)
    for obj in session.dirty:
        kind = kind_of(obj)
        if kind is not None and kind not in kinds and session.is_modified(obj, include_collections=True):
            kinds.add(kind)


def note(session: Session, model: type) -> None:
    """Count `model`'s kind among those the unit of work changed (for records written with
    Core, which the flush does not see)."""
    kind = getattr(model, "__kind__", None)
    if kind is not None:
        session.info.setdefault(CHANGED, set()).add(kind)


def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED, None)


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_rollback", _after_rollback)


def take(session: Session) -> frozenset[RecordKind]:
    """The kinds the session changed since the last call (called after commit)."""
    return frozenset(session.info.pop(CHANGED, ()) or ())


class ChangeFeed:
    """The subscribers told which kinds of record each committed unit of work changed."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener not in self._listeners:
                self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def publish(self, kinds: frozenset[RecordKind]) -> None:
        if not kinds:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kinds)
            except Exception:  # a broken listener must not undo a committed change
                log.exception("A change listener failed")
