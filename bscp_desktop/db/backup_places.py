"""Where the files the backups in a folder were made of are, by the key their names carry.

A backup's name carries a key made from its file's full path (`backup.database_key`), never the
path itself. Each backup made records the full path its key stands for in a small index in the
program's data folder, beside the backups folder (`places_file`; the backups folder itself holds
backups only), so the file a backup was made of is found again wherever it is (another folder, a
USB stick, a shared drive), not only beside a copy of it (`backup_elsewhere`). A key stands for
one path whichever folder its backups are in, so one index serves them all.

The index is a help, never a need: one missing, unreadable, too large, not an ordinary file or
not as written here is read as empty (the listing goes on as for backups made before the index
was kept), and one that cannot be written (a read-only folder, something else in its place) is
left as it was: the backup is made all the same. Two programs backing up at once may each keep
only their own entry; a backup whose entry is missing is looked for as before the index was kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from bscp_desktop.paths import data_dir, given_path

PLACES = "backup-places.json"
_MOST_BYTES = 1 << 20  # far more than the places of every file a person backs up
_MOST_PLACES = 5000  # the oldest recorded go first beyond this
_STALE_SECONDS = 3600  # a half-written index left by a program stopped part-way, removed after this
_KEY = re.compile(r"[0-9a-f]{8}")


def resolved_path(path: Path) -> str:
    """The full path of `path` through any shortcut, as a backup's key is made from it; by the
    name given where the shortcuts lead round in a circle."""
    path = given_path(path)
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def places_file() -> Path:
    """The index of the places backups were made of."""
    return data_dir() / PLACES


def known_places() -> dict[str, str]:
    """The full path each key stands for, as recorded in the index; empty where there is none
    to read. Entries not as written here (a key not of eight hex digits, a path not a full one)
    are left out."""
    try:
        places = json.loads(_read(places_file()).decode("utf-8")).get("places")
    except (OSError, ValueError, RecursionError, AttributeError):
        return {}
    if not isinstance(places, dict):
        return {}
    return {key: place for key, place in places.items()
            if _KEY.fullmatch(key) and isinstance(place, str) and "\0" not in place and os.path.isabs(place)}


def remember_place(key: str, source: Path) -> None:
    """Record in the index that the backups named with `key` are of the file `source`. Where
    the index cannot be written, nothing is: the backup it is for is made all the same."""
    with contextlib.suppress(OSError, ValueError):
        index, place = places_file(), resolved_path(source)
        places = known_places()
        if places.get(key) == place:
            return
        places.pop(key, None)
        places[key] = place  # the newest last, so the oldest go first when there are too many
        for old in list(places)[:-_MOST_PLACES]:
            del places[old]
        _remove_stale(index.parent)
        _write(index, json.dumps({"places": places}, indent=1).encode("ascii"))


def _read(index: Path) -> bytes:
    """The index's bytes: only an ordinary file, never through a shortcut, nor one too large."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(index, flags)  # not blocking: a pipe in its place is refused below, never waited on
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MOST_BYTES:
            raise OSError(f"{index} is not an index of backups' places")
        data = handle.read(_MOST_BYTES + 1)
    if len(data) > _MOST_BYTES:
        raise OSError(f"{index} is too large to be an index of backups' places")
    return data


def _write(index: Path, data: bytes) -> None:
    """Write the index under a passing name beside it, then give it its name in one step: a
    reader never sees half of one, and a failure leaves the earlier one as it was."""
    fd, name = tempfile.mkstemp(prefix=f".{PLACES}.", suffix=".tmp", dir=index.parent)  # this account's only
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, index)  # a shortcut in its place is replaced, never written through
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _remove_stale(folder: Path) -> None:
    """Half-written indexes left by programs stopped part-way (older than an hour)."""
    cutoff = time.time() - _STALE_SECONDS
    for leftover in folder.glob(f".{PLACES}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < cutoff:
                leftover.unlink()
