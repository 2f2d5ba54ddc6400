"""Atomic file writing shared by the Excel and PDF builders."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows: a file a write still has open cannot be removed there, so none is
    fcntl = None

TEMP_NAME_CHARS = 40  # how much of the file's name its temporary file shows
#: A temporary file no write holds (`_held`), untouched this long, was left by a write that
#: never ended (the program or the computer stopped part-way); the next write of the same file
#: removes it. A write holds its file from the moment it is made, whatever its age.
STALE_AFTER_S = 120
#: The same where the folder's file system cannot say whether a write holds the file.
UNTOLD_AFTER_S = 3600
_MARK_RE = re.compile(r"[0-9a-f]{1,32}")
_RANDOM = r"[a-z0-9_]{8}\.tmp"  # what tempfile.mkstemp adds after the prefix
_mark: ContextVar[str] = ContextVar("temporary_mark", default="")


@contextlib.contextmanager
def temporaries_marked(mark: str) -> Iterator[None]:
    """Within it, `atomic_write` puts `mark` (a few hexadecimal digits) in the names of the
    temporary files it makes, so that the window that started an output in another process
    can remove what that process leaves when it is stopped (`remove_temporaries`)."""
    if mark and not _MARK_RE.fullmatch(mark):
        raise ValueError(f"{mark!r} is not a mark for temporary files.")
    token = _mark.set(mark)
    try:
        yield
    finally:
        _mark.reset(token)


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _prefix(target: Path, mark: str) -> str:
    """The start of the name of a temporary file for `target`: named from the start of the
    file's name, so a name near the longest allowed still fits."""
    return f".~{target.name[:TEMP_NAME_CHARS]}." + (f"{mark}." if mark else "")


def temporaries(target: str | os.PathLike[str], mark: str | None = None) -> list[Path]:
    """The temporary files `atomic_write` made beside `target` for it: those marked `mark`,
    or (None) any, marked or not. Nothing else in the folder matches."""
    target = Path(target)
    if mark is None:
        pattern = re.escape(_prefix(target, "")) + r"(?:[0-9a-f]{1,32}\.)?" + _RANDOM
    elif _MARK_RE.fullmatch(mark):
        pattern = re.escape(_prefix(target, mark)) + _RANDOM
    else:
        return []
    folder = _folder(target)
    try:
        names = os.listdir(folder)
    except OSError:  # a folder gone or not readable: nothing of ours to find there
        return []
    return [folder / name for name in names if re.fullmatch(pattern, name)]


def remove_temporaries(target: str | os.PathLike[str], mark: str) -> None:
    """Remove the temporary files a write of `target` marked `mark` left behind (its process
    was stopped, so its own clean-up never ran); only those, never anything else."""
    if not mark:
        return
    for path in temporaries(target, mark):
        _remove_file(path)


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files for `target` left by writes that never ended: no write holds them
    and none has touched them for `STALE_AFTER_S`."""
    now = time.time()
    for path in temporaries(target):
        with contextlib.suppress(OSError):
            age = now - path.lstat().st_mtime
            if age > STALE_AFTER_S:
                _remove_let_go(path, age)


def _held(fd: int) -> int | None:
    """A second handle on the temporary file open as `fd`, locking it until closed: while it is
    open, another write of the same file (in this program or another) leaves the file alone.
    None where the system or the folder has no such locks."""
    if fcntl is None:
        return None
    try:
        handle = os.dup(fd)
    except OSError:  # no handle left to spare: the write goes on unheld, as where there are no locks
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle


def _remove_let_go(path: Path, age: float) -> None:
    """Remove the temporary file `path` unless a write still holds it (`_held`)."""
    if fcntl is None:  # Windows refuses to remove a file a write still has open
        _remove_file(path)
        return
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # never through a link, never waiting on a pipe
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, by this lock, until it is removed
        except BlockingIOError:  # its write is still going
            return
        except OSError:  # locks not kept here: only a file left far longer is taken as abandoned
            if age <= UNTOLD_AFTER_S:
                return
        _remove_file(path)
    finally:
        os.close(fd)


def _remove_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        if stat.S_ISREG(path.lstat().st_mode):  # an ordinary file: never a link or a folder
            path.unlink()


#: What stops a file being written where it was asked for: a read-only disk or folder, or a
#: folder or file this login may not write to (the errors `OutputNotWritable` stands for).
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class OutputNotWritable(PermissionError):
    """An output that could not be written where it was asked for, said in one plain sentence
    naming the file and the reason (its text), with what to do: "…/Report.pdf cannot be
    written there: the folder is read-only; choose another folder (nothing was changed)."
    `path` is the file asked for (never the temporary file); `errno` is the system's. It has no
    `filename`, so the window and the command line print the sentence as it is."""

    def __init__(self, code: int, reason: str, path: Path, advice: str = "choose another folder"):
        super().__init__(code, reason)
        self.path = path
        self.advice = advice

    def __str__(self) -> str:
        return f"{self.path} cannot be written there: {self.strerror}; {self.advice} (nothing was changed)."


def _not_writable(exc: OSError, target: Path, replacing: bool) -> OSError:
    """`exc` from writing `target` as the user is told it: `OutputNotWritable` for a read-only or
    forbidden folder or file (`replacing`: the error came as the finished file took the place
    of the one there), else the same error naming `target`."""
    if exc.errno not in NOT_WRITABLE:
        return OSError(exc.errno, exc.strerror, str(target))
    if exc.errno == errno.EROFS:
        return OutputNotWritable(exc.errno, "the folder is read-only", target)
    if replacing:  # the file there may be held open: closing it is the other way out
        return OutputNotWritable(exc.errno, "the file already there is read-only, open in another program, or not "
                                 "yours to change", target, "choose another folder, or close the file if another "
                                 "program has it open")
    return OutputNotWritable(exc.errno, "you are not allowed to write in that folder", target)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` atomically (see `atomic_write`)."""
    return atomic_write(path, lambda handle: handle.write(data))


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Write to `path` via a temporary file in the same folder (`write` is given it, open
    for writing bytes), then `os.replace`.

    A reader never sees a half-written file, and a failure leaves any earlier file intact.
    Raises `OutputNotWritable` (a `PermissionError` whose text is one plain sentence naming the
    file and the reason) if the folder or its disk is read-only, the login may not write there
    or the target is locked (on Windows: open in Excel or a PDF viewer), and `OSError` if its
    disk is full, naming the target (never the temporary file); the caller turns that into a
    message for the user. A
    symbolic link or anything else that is not an ordinary file is refused (ValueError),
    never replaced.

    The temporary file is named `.~<the file's name>.<random>.tmp` (with the mark of
    `temporaries_marked` before the random part), and held (`_held`) until the write ends; such
    files of the same name left by writes that never ended are removed first
    (`_remove_stale_temporaries`), never one a write still holds.
    """
    target = Path(path)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # never turn a link, a folder or a device into a plain file
        raise ValueError(f"{target} is not an ordinary file, so nothing was written there.")
    folder = _folder(target)
    _remove_stale_temporaries(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_prefix(target, _mark.get()), suffix=".tmp", dir=folder)
    except OSError as exc:  # a folder that cannot be written to: name the file asked for
        raise _not_writable(exc, target, replacing=False) from exc
    held = _held(fd)
    try:
        _write_and_replace(fd, tmp_name, target, write)
    finally:
        if held is not None:
            os.close(held)
    return target


def _write_and_replace(fd: int, tmp_name: str, target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write the temporary file open as `fd` and give it `target`'s name; on any failure remove it."""
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
            raise _not_writable(exc, target, replacing=False) from exc
        try:
            os.replace(tmp_name, target)
        except OSError as exc:  # open in another program (on Windows): name it, not the temporary file
            raise _not_writable(exc, target, replacing=True) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


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
