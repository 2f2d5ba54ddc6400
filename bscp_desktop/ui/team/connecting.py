"""Connecting to a team database without stopping the window.

Connecting can take seconds (a slow network) or, for a server that does not answer, until the
connection gives up (`services.connections.CONNECT_TIMEOUT`). So it runs in the shared background
task (ui/common/worker.py): "Connecting to <server>…" shows over the window with a Cancel button,
the window keeps painting, and the database open before stays open and in use until the new one
is ready. Cancel closes the dialog at once; a connection that still arrives after it is closed
unseen. A failure is said in one sentence naming the connection, never its password.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bscp_desktop.services import connections as cx
from bscp_desktop.ui.common.messages import explain, show_error
from bscp_desktop.ui.common.worker import BackgroundTask

TITLE = "Connect to team database"


def typed_address(name: str) -> str | None:
    """A team database's address typed into File > Open's file name box, as the box returns it
    (after a folder, its "//" made one "/"): `postgresql://…` again; None for a file."""
    found = re.search(r"(postgres(?:ql)?(?:\+\w+)?):/+(.*)$", name.replace("\\", "/"), re.IGNORECASE)
    if found is None:
        return None
    return f"{found.group(1).lower()}://{found.group(2)}"


def connecting_text(address: str, name: str = "") -> str:
    """ "Connecting to Brent team (bscp on db.brent.gov.uk)…" """
    where = cx.server_of(address)
    return f"Connecting to {name} ({where})…" if name else f"Connecting to {where}…"


def connect_in_background(
    parent: QWidget | None,
    opener: Callable[[str], object],
    address: str,
    name: str = "",
    secret: str | None = None,
    on_open: Callable[[object], None] | None = None,
    on_end: Callable[[bool], None] | None = None,
) -> BackgroundTask:
    """Open `address` with `opener(address)` in a worker thread. `on_open(db)` gets the database
    once it is open (on the window's thread); `on_end(True)` follows it, `on_end(False)` follows
    a failure (explained over `parent`) or Cancel."""
    task = BackgroundTask(parent, TITLE, lambda _progress: opener(address), cancellable=True,
                          label=connecting_text(address, name))
    task.leftover = lambda db: db.close()  # cancelled, then connected after all: nobody wants it

    def opened(db) -> None:
        if on_open is not None:
            on_open(db)
        if on_end is not None:
            on_end(True)

    def failed(exc: Exception) -> None:
        show_error(parent, "Could not connect to the team database", cx.failure(explain(exc), address, name, secret))
        if on_end is not None:
            on_end(False)

    task.done.connect(opened)
    task.error.connect(failed)
    if on_end is not None:
        task.cancelled.connect(lambda: on_end(False))
    return task.start()
