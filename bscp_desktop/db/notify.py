"""Everyone sees changes: on a team database, each commit is announced to the other programs.

A database file has one user, so nothing here happens for SQLite. On PostgreSQL:

- **Saying.** The unit of work already collects the kinds of record it changes
  (db/changes.py). After each flush that changed a kind not yet announced, the session sends
  `pg_notify('bscp_changes', '{"from": <sender>, "kinds": [...]}')` on its own connection,
  inside the transaction: the server delivers it only if the transaction commits, and a
  rolled-back one announces nothing. `sender` is a number each open `Database` makes up, so a
  program can tell its own notices from others'.
- **Hearing.** `listen(db)` (the window calls `db.listen()`) starts `ChangeListener`: a
  background thread with its own connection (never one of the pool's), `LISTEN
  bscp_changes`, waiting in `connection.notifies(timeout=...)`. Other programs' kinds heard
  within one wait (a quarter of a second) are published together on `db.changes`, as if
  committed here; the window's notices hand them to the UI thread and the pages showing them
  reload. Its own notices are ignored. If the connection drops, the thread connects again
  every few seconds, then announces every kind once (notices sent meanwhile were missed).
- **Stopping.** `Database.close()` stops the thread (closing or switching database): it sees
  the stop within one wait and closes its connection; nothing ever waits on the UI thread for
  the server.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable

from sqlalchemy import event, make_url, text
from sqlalchemy.orm import Session

from bscp_desktop.db import changes
from bscp_desktop.db.engines import SERVER_TIMEOUTS
from bscp_desktop.domain.kinds import ALL_KINDS, RecordKind

log = logging.getLogger(__name__)

CHANNEL = "bscp_changes"
SENDER = "bscp.sender"  # session info: the sending Database's number
ANNOUNCED = "bscp.announced_kinds"  # session info: kinds already sent in this transaction
WAIT_S = 0.25  # how long one wait for notices lasts (and so how soon a stop is seen)
RECONNECT_S = 5.0

Kinds = frozenset[RecordKind]


def payload(sender: str, kinds) -> str:
    return json.dumps({"from": sender, "kinds": sorted(k.value for k in kinds)}, separators=(",", ":"))


def parse(text_: str) -> tuple[str, Kinds]:
    """(sender, kinds) of a notice; kinds this version does not know are left out."""
    try:
        data = json.loads(text_)
        names = data.get("kinds", [])
        sender = str(data.get("from", ""))
    except (ValueError, AttributeError):
        return "", frozenset()
    known = {k.value: k for k in RecordKind}
    return sender, frozenset(known[n] for n in names if n in known)


# ------------------------------------------------------------------ saying


def _after_flush(session: Session, _flush_context) -> None:
    announce(session)


def announce(session: Session) -> None:
    """Send the kinds of record this unit of work changed that it has not announced yet
    (after each flush, and after records saved in bulk, which no flush sees)."""
    sender = session.info.get(SENDER)
    kinds = session.info.get(changes.CHANGED)
    if sender is None or not kinds:
        return
    announced: set = session.info.setdefault(ANNOUNCED, set())
    new = set(kinds) - announced
    if not new:
        return
    announced |= new
    session.connection().execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload(sender, new)}
    )


def _after_transaction(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(ANNOUNCED, None)


def install(session_factory, url: str) -> str | None:
    """On a server, make the factory's sessions announce their commits; returns the sender
    number they announce with (None for a file: nothing to announce to)."""
    if not url.startswith("postgresql"):
        return None
    sender = uuid.uuid4().hex
    info = dict(session_factory.kw.get("info") or {})
    info[SENDER] = sender
    session_factory.configure(info=info)
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "after_transaction_end", _after_transaction)
    return sender


# ------------------------------------------------------------------ hearing


class ChangeListener:
    """A background thread hearing other programs' notices (see the module's description)."""

    def __init__(self, engine, sender: str, publish: Callable[[Kinds], None], wait_s: float = WAIT_S):
        self.engine = engine
        self.sender = sender
        self.publish = publish
        self.wait_s = wait_s
        self.listening = threading.Event()  # set while LISTEN is in force (tests wait for it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bscp-change-listener", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self, wait_s: float = 0.5) -> None:
        """Ask the thread to stop; it does within one wait. Waits at most `wait_s` for it."""
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(wait_s)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _connect(self):
        import psycopg

        url = make_url(self.engine.url)
        cargs, cparams = self.engine.dialect.create_connect_args(url)
        cparams = {**SERVER_TIMEOUTS, **cparams, "autocommit": True,  # a listener too hears a silent server
                   "application_name": "BSCP Desktop (changes)"}
        return psycopg.connect(*cargs, **cparams)

    def _run(self) -> None:
        missed = False
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except Exception as exc:  # the server is out of reach: try again shortly
                log.info("Change notices: cannot reach the server (%s); trying again", exc.__class__.__name__)
                missed = True
                self._stop.wait(RECONNECT_S)
                continue
            try:
                with connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if missed:  # notices sent while disconnected were lost: reload everything
                        self.publish(ALL_KINDS)
                    self._hear(connection)
            except Exception as exc:  # connection lost: connect again
                log.info("Change notices: connection lost (%s); connecting again", exc.__class__.__name__)
                missed = True
                self._stop.wait(RECONNECT_S)
            finally:
                self.listening.clear()

    def _hear(self, connection) -> None:
        while not self._stop.is_set():
            heard: set[RecordKind] = set()
            for notice in connection.notifies(timeout=self.wait_s):
                sender, kinds = parse(notice.payload)
                if sender != self.sender:
                    heard |= kinds
                if self._stop.is_set():
                    break
            if heard and not self._stop.is_set():
                self.publish(frozenset(heard))


def listen(db) -> ChangeListener | None:
    """Start hearing other programs' commits on `db` (a team database), once; None for a file.
    `db.close()` stops it."""
    sender = getattr(db, "sender", None)
    if sender is None:
        return None
    current = getattr(db, "listener", None)
    if current is not None and current.running:
        return current
    db.listener = ChangeListener(db.engine, sender, db.changes.publish).start()
    return db.listener


def stop(db) -> None:
    listener = getattr(db, "listener", None)
    if listener is not None:
        listener.stop()
        db.listener = None
