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

A lock file is only ever an ordinary file: a shortcut (symbolic link) under its name is never
followed (whatever it leads to is never written to), and neither it, a folder nor a device or
pipe of that name is opened at all; the database is refused in one sentence naming it.

A lock file found still saying what held it, and not locked, was left by a program that ended
without letting go (the computer stopped, or the program was ended): one that lets go empties it
first, so a file opened on Windows between its holder closing and removing it says nothing. A
window's, found so, is recorded (`left_open_since`), for the window opening the file to say so;
a command leaves it as it found it when it lets go, for the next window to find.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from bscp_desktop import APP_NAME
from bscp_desktop.db.targets import TargetRefused

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


class NotALockFile(TargetRefused):
    """Something other than an ordinary file has the lock file's name (a shortcut, a folder, a
    device or pipe): it is never opened, and the database is not opened either. The message is
    one sentence naming it."""


#: Opened so: never through a symbolic link, and never waiting on a pipe put under its name.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
#: A Windows reparse point that leads elsewhere: a symbolic link, or a junction (a linked folder).
_LINK_TAGS = {getattr(stat, "IO_REPARSE_TAG_SYMLINK", 0xA000000C), getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", 0xA0000003)}


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
        #: When a window that ended without letting go of this lock had taken it (its lock file's
        #: last change), as found when it was taken; None if no window left it so.
        self.left_open_since: float | None = None
        self._kept: tuple[bytes, float] | None = None  # a window's left so, put back on letting go (a command)

    @classmethod
    def for_database(cls, database: Path | str) -> FileLock:
        """The lock of a database file (not yet taken)."""
        return cls(lock_path(database))

    def refuse_unless_ordinary(self) -> None:
        """Raise NotALockFile, in one sentence naming it, if something other than an ordinary
        file has this lock's name: said before anything else looks at the database's files (a
        pipe of the name would keep a reader of it waiting)."""
        _refuse_unless_ordinary(self.path)

    def acquire(self) -> None:
        for _ in range(_TRIES):
            fd = _open(self.path)
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
        self.left_open_since, self._kept = _left_by_window(fd)
        if HOLDER == WINDOW:
            self._kept = None
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
        kept, self._kept = self._kept, None
        if kept is not None:  # a window's left without letting go: left so for the next window
            _put_back(fd, self.path, *kept)
            return
        if not _REMOVED_AFTER_CLOSING:
            with contextlib.suppress(OSError):
                self.path.unlink()
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # let go: another program opening it before it is removed finds it says nothing
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
        return _said_by(said)


def _said_by(said: list[str]) -> str:
    """What a lock file's words (split) say holds it: WINDOW, COMMAND, or ''."""
    if said and said[-1] == COMMAND:
        return COMMAND
    return WINDOW if len(said) == 1 and said[0].isdigit() else ""


def _left_by_window(fd: int) -> tuple[float | None, tuple[bytes, float] | None]:
    """Whether the lock file open (and just locked) as `fd` was left by a window that ended
    without letting go: it still says a window holds it. Then when it was taken (its last
    change), and its words and that time, to be put back; else (None, None)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, 64)
        since = os.fstat(fd).st_mtime
    except OSError:
        return None, None
    finally:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)  # written from its start
    if _said_by(words.decode("ascii", "replace").split()) != WINDOW:
        return None, None
    return since, (words, since)


def _put_back(fd: int, path: Path, words: bytes, since: float) -> None:
    """Let the lock open as `fd` go leaving its file as it was found: `words` in it, last
    changed at `since`."""
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, words)
        _unlock(fd)
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.utime(path, (since, since))


def _open(path: Path) -> int:
    """The lock file `path`, opened (made if missing): only ever an ordinary file, never followed
    through a shortcut; anything else of its name is refused (NotALockFile) without being opened."""
    _refuse_unless_ordinary(path)
    try:
        fd = os.open(path, _OPEN_FLAGS, 0o600)
    except OSError:
        _refuse_unless_ordinary(path)  # put there since it was looked at (a link: O_NOFOLLOW refused it)
        raise
    try:
        ordinary = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        ordinary = True  # cannot be told: it was opened as a file, not through a link
    if not ordinary:  # put there since it was looked at: nothing was written to it
        os.close(fd)
        _refuse_unless_ordinary(path)
        raise NotALockFile(_not_ordinary(path))
    return fd


def _refuse_unless_ordinary(path: Path) -> None:
    """Raise NotALockFile, in one sentence naming it, if `path` is there and is not an ordinary
    file: a shortcut (symbolic link, or on Windows a junction), a folder, a device or a pipe."""
    try:
        found = os.lstat(path)
    except OSError:  # not there (it is made), or it cannot be looked at (the opening says why)
        return
    if stat.S_ISLNK(found.st_mode) or getattr(found, "st_reparse_tag", 0) in _LINK_TAGS:
        try:
            leads_to = f" to {os.readlink(path)}"
        except (OSError, ValueError):
            leads_to = ""
        raise NotALockFile(f"{path} is a shortcut (symbolic link){leads_to}, not {APP_NAME}'s lock file, so the "
                           "database was not opened: remove the shortcut, then open the database again.")
    if stat.S_ISDIR(found.st_mode):
        raise NotALockFile(f"{path} is a folder where {APP_NAME} keeps the database's lock file, so the database "
                           "was not opened: move that folder away or rename it, then open the database again.")
    if not stat.S_ISREG(found.st_mode):
        raise NotALockFile(_not_ordinary(path))


def _not_ordinary(path: Path) -> str:
    return (f"{path} is not an ordinary file (it is a device or a pipe), so it is not {APP_NAME}'s lock file and "
            "the database was not opened: remove it, then open the database again.")


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
