"""Atomic file writing shared by the Excel and PDF builders."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` atomically (see `atomic_write`)."""
    return atomic_write(path, lambda handle: handle.write(data))


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Write to `path` via a temporary file in the same folder (`write` is given it, open
    for writing bytes), then `os.replace`.

    A reader never sees a half-written file, and a failure leaves any earlier file intact.
    Raises `PermissionError` if the target is locked (on Windows: open in Excel or a PDF
    viewer); the caller turns that into a message for the user. A symbolic link or anything
    else that is not an ordinary file is refused (ValueError), never replaced.
    """
    target = Path(path)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # never turn a link, a folder or a device into a plain file
        raise ValueError(f"{target} is not an ordinary file, so nothing was written there.")
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target
