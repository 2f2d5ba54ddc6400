"""One running program per database file: an OS lock on `<file>.lock`.

The operating system drops the lock when the process ends, however it ends, so a crash or a
flat battery never leaves a stale lock behind.

The lock file sits beside the database's real file, named from its resolved path, so a file
opened through a shortcut (a symbolic link), a linked folder or, on Windows, a mapped drive
meets the same lock as when it is opened by its own name.

The lock file is removed when the program lets it go, and only one program ever holds it:

- elsewhere than Windows, the holder removes it while still holding it, and a program that has
  just locked a file checks that the name still leads to the file it locked (the holder may
  have removed it in between); if not, it tries again with the file now of that name.
- on Windows, a file another program has open cannot be removed at all, so the holder removes
  it after closing it: if another program has opened it meanwhile, it stays, and that program
  locks it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

SUFFIX = ".lock"
#: What this program is, for another program refused the file to say what has it: a window,
#: unless the command line runs a command (`cli`). The lock it holds says so: a window's holds its
#: process id alone (as every earlier version's does), a command's its process id and "command".
WINDOW, COMMAND = "window", "command"
HOLDER = WINDOW
_DATABASE_HEADER = b"SQLite format 3\x00"
#: How many times a program that found its lock file removed under it tries the new one.
_TRIES = 100


class LockHeld(Exception):
    pass


def lock_path(database: Path | str) -> Path:
    """The lock file of a database file: beside its real file, whatever name it was given by."""
    database = Path(database).absolute()
    try:
        real = database.resolve()
    except (OSError, RuntimeError):  # a name that cannot be followed: the lock goes by the name given
        real = database
    return real.with_name(real.name + SUFFIX)


class FileLock:
    def __init__(self, path: Path):
        """`path`: the lock file, `<database>.lock`. It is taken beside the database's real file
        (see `lock_path`), so whichever name of the database it is built from, it is one lock."""
        path = Path(path)
        named_for = path.name[: -len(SUFFIX)]
        self.path = lock_path(path.with_name(named_for)) if path.name.endswith(SUFFIX) and named_for else path
        self._fd: int | None = None

    @classmethod
    def for_database(cls, database: Path | str) -> FileLock:
        """The lock of a database file (not yet taken)."""
        return cls(lock_path(database))

    def acquire(self) -> None:
        for _ in range(_TRIES):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock(fd)
            except OSError as exc:
                os.close(fd)
                raise LockHeld(str(self.path)) from exc
            if _still_named(fd, self.path):
                break
            os.close(fd)  # removed by the program that held it: the lock is the file now of that name
        else:
            raise LockHeld(str(self.path))
        if _holds_database(fd):  # a database given the lock file's name: never emptied or removed as one
            _unlock(fd)
            os.close(fd)
            raise OSError(errno.EEXIST, f"{self.path.name}, the name of its lock file, is a database of its own: rename "
                          f"that file so its name does not end in '{SUFFIX}', then try again", str(self.path))
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}{'' if HOLDER == WINDOW else ' ' + HOLDER}".encode())
        except OSError:
            pass
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if not _REMOVED_AFTER_CLOSING:
            with contextlib.suppress(OSError):
                self.path.unlink()
        try:
            _unlock(fd)
        finally:
            os.close(fd)
            if _REMOVED_AFTER_CLOSING:
                with contextlib.suppress(OSError):
                    self.path.unlink()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> str:
        """What holds this lock, as its holder wrote it: WINDOW, COMMAND, or '' where it cannot be
        told (nothing written yet, a file that cannot be read). On Windows, whose lock keeps its
        first byte from being read, it is read from the second on."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(1 if os.name == "nt" else 0)
                said = fh.read(64).decode("ascii", "replace").split()
        except OSError:
            return ""
        if said and said[-1] == COMMAND:
            return COMMAND
        return WINDOW if len(said) == 1 and said[0].isdigit() else ""


def _holds_database(fd: int) -> bool:
    """Whether the file open as `fd` is an SQLite database (read from its start, left there)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, len(_DATABASE_HEADER)) == _DATABASE_HEADER
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # A file open in another program cannot be removed on Windows (Python opens files without
    # letting others delete them), nor by its holder while it is open.
    _REMOVED_AFTER_CLOSING = True

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _still_named(fd: int, path: Path) -> bool:
        return True  # it could not have been removed while open (and file ids on network drives are not reliable)

else:
    import fcntl

    _REMOVED_AFTER_CLOSING = False

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _still_named(fd: int, path: Path) -> bool:
        """Whether `path` still names the file open as `fd`."""
        try:
            named = os.stat(path)
        except OSError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
