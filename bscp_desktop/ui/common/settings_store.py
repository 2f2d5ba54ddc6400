"""Settings the window changes, written to disk without the window waiting for the disk.

Qt writes the settings file whole at each change, through a lock file and a new copy of the
file, each flushed to the disk (fdatasync) before it goes on: on a busy disk that held the
window for up to 0.8 s each time an export or an import remembered its folder. `remember(key,
value)` and `forget(key)` take effect at once for `recalled(key)` in this program, and are
written to the settings file in the order they were made by one background thread; the
program waits for them before it ends (`written()` waits for them now). Values changed
together go in one write, `remember_all({key: value, ...})`: the window's thread looks for
the settings file at each change, and Qt makes it wait there while a write is reaching the
disk. The thread is started by the worker that opens the database (`start_writer`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QSettings

_FORGOTTEN = object()
_MISSING = object()
_lock = threading.Lock()
#: changes not written yet, by (settings file, key): the value, or _FORGOTTEN
_unwritten: dict[tuple[str, str], Any] = {}
# one thread, so that changes reach the file in order; Python waits for it before it ends
_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="settings")


def remember(key: str, value: Any) -> None:
    """Keep `value` under `key`: `recalled(key)` gives it at once, the file has it shortly."""
    _change({key: value})


def remember_all(values: Mapping[str, Any]) -> None:
    """Keep several values at once, written to the file together: the window looks for the
    settings file once and the disk is written once (a second change made straight after
    another looks for the file while the first is being written, and waits for the disk)."""
    _change(dict(values))


def forget(key: str) -> None:
    """Remove `key`: `recalled(key)` gives its default at once, the file loses it shortly."""
    _change({key: _FORGOTTEN})


def recalled(key: str, default: Any = None) -> Any:
    """The value kept under `key`, counting changes not yet written."""
    settings = QSettings()
    with _lock:
        value = _unwritten.get((settings.fileName(), key), _MISSING)
    if value is _MISSING:
        return settings.value(key, default)
    return default if value is _FORGOTTEN else value


def start_writer() -> None:
    """Start the thread that writes the changes now (from a worker thread: the first change
    would otherwise wait on the window's thread for it to start)."""
    _writer.submit(lambda: None)


def written() -> None:
    """Wait until every change made so far is in the settings file."""
    _writer.submit(lambda: None).result()


def _change(values: dict[str, Any]) -> None:
    settings = QSettings()  # the file is decided now, on the window's thread
    place = (settings.fileName(), settings.format())
    with _lock:
        for key, value in values.items():
            _unwritten[(place[0], key)] = value
    _writer.submit(_write, place, values)


def _write(place: tuple[str, QSettings.Format], values: dict[str, Any]) -> None:
    settings = QSettings(*place)
    for key, value in values.items():
        if value is _FORGOTTEN:
            settings.remove(key)
        else:
            settings.setValue(key, value)
    settings.sync()
    with _lock:
        for key, value in values.items():
            if _unwritten.get((place[0], key)) is value:
                del _unwritten[(place[0], key)]
