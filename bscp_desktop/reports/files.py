"""Atomic file writing shared by the Excel and PDF builders."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_NAME_CHARS = 40  # how much of the file's name its temporary file shows


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` atomically (see `atomic_write`)."""
    return atomic_write(path, lambda handle: handle.write(data))


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Write to `path` via a temporary file in the same folder (`write` is given it, open
    for writing bytes), then `os.replace`.

    A reader never sees a half-written file, and a failure leaves any earlier file intact.
    Raises `PermissionError` if the target is locked (on Windows: open in Excel or a PDF
    viewer) or the folder cannot be written to, and `OSError` if its disk is full, naming the
    target (never the temporary file); the caller turns that into a message for the user. A
    symbolic link or anything else that is not an ordinary file is refused (ValueError),
    never replaced.
    """
    target = Path(path)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # never turn a link, a folder or a device into a plain file
        raise ValueError(f"{target} is not an ordinary file, so nothing was written there.")
    folder = target.parent if str(target.parent) else Path(".")
    try:  # named from the start of the file's name: a name near the longest allowed still fits
        fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.name[:TEMP_NAME_CHARS]}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # a folder that cannot be written to: name the file asked for
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                output = _Output(handle)
                try:
                    write(output)
                    handle.flush()
                    os.fsync(handle.fileno())
                finally:
                    output.let_go()
        except OSError as exc:  # the disk full part-way, or as the file is closed: name the file asked for
            if exc.errno is None or exc.filename is not None:  # about something else, already said
                raise
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        try:
            os.replace(tmp_name, target)
        except OSError as exc:  # open in another program (on Windows): name it, not the temporary file
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target


class _Output:
    """The temporary file as `write` is given it. A writer it hands the file to may hold it
    after a failure: a workbook's zip archive, which, let go, writes its end to the file. Once
    the write has failed or ended, whatever is still written goes nowhere (the temporary file is
    removed, or already whole), so a full disk is said once, not again as the program ends."""

    def __init__(self, handle: BinaryIO):
        self._handle: BinaryIO | None = handle
        self._at = 0  # where a writer let go thinks it is

    def let_go(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError, ValueError):
                self._at = self._handle.tell()
        self._handle = None

    def write(self, data) -> int:
        if self._handle is None:
            self._at += len(data)
            return len(data)
        try:
            return self._handle.write(data)
        except OSError:
            self.let_go()
            raise

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._handle is None:
            self._at = offset if whence == os.SEEK_SET else self._at + offset
            return self._at
        return self._handle.seek(offset, whence)

    def tell(self) -> int:
        return self._at if self._handle is None else self._handle.tell()

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False
