"""Where an output (workbook, PDF, calendar, template, backup copy) may be written.

One rule for the command line and the window: an output never lands on a database (the open
one or any other), on a database's journal, shared-memory or lock file, in the backup folder,
on a symbolic link, or on anything that is not a regular file. An existing ordinary file may
be replaced (atomically, by the writer); the window asks the user first. A database, new or
opened, never has the name of another's working file, nor a path longer than SQLite opens.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bscp_desktop.paths import given_path

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
MAX_NAME = 255  # the longest file name: UTF-16 units on Windows, bytes elsewhere
#: The longest name of a database file: SQLite names its journal after it ("…-journal").
MAX_DATABASE_NAME = MAX_NAME - len("-journal")
#: The longest full path of a database, in bytes: SQLite's own limit (512 bytes; its Windows
#: build allows four for each of Windows' 260 characters), with room for its journal's name.
MAX_DATABASE_PATH = (1040 if sys.platform == "win32" else 512) - len("-journal")
#: What the names of the files made beside a new database (it is built under a temporary name,
#: and so is a restore's working copy) may add to its own, their journals included.
TEMPORARY_ROOM = 48


def name_length(name: str) -> int:
    """A file name's length as this computer's file system counts it."""
    if sys.platform == "win32":
        return len(name.encode("utf-16-le")) // 2
    return len(os.fsencode(name))


def fitting(name: str, room: int) -> str:
    """`name`, cut by whole characters if need be, so that `room` more characters still make a
    legal file name (for a temporary file named after the one it becomes)."""
    while name and name_length(name) + room > MAX_NAME:
        name = name[:-1]
    return name


def temporary_prefix(name: str) -> str:
    """The start of a temporary file's name beside `name` (a database built, then renamed into
    place): short enough for the random part, a suffix, a temporary file of its own and SQLite's
    journal to fit."""
    return "." + fitting(name, TEMPORARY_ROOM) + "."


def file_in_the_way(folder: Path) -> Path | None:
    """The file standing where `folder`, or a folder holding it, should be; None if there is none."""
    for place in (folder, *folder.parents):
        try:
            if place.exists():
                return None if place.is_dir() else place
        except OSError:  # a name this computer cannot look at: not a file in the way
            return None
    return None


def folder_problem(folder: Path) -> str:
    """Why nothing can be written in `folder`: it is missing, or it is a file; "" for a folder."""
    if folder.is_dir():
        return ""
    return f"{folder} is a file, not a folder" if folder.exists() else f"The folder {folder} does not exist"


def name_problem(path: Path, database: bool = False) -> str:
    """'' for a file name this computer takes (a database's leaves room for its journal); else
    the sentence saying it is too long."""
    longest = MAX_DATABASE_NAME if database else MAX_NAME
    length = name_length(path.name)
    if length <= longest:
        return ""
    unit = "characters" if sys.platform == "win32" else "bytes"
    what = "a database file's name" if database else "a file name"
    return (f"The file name '{path.name[:40]}…' is too long: {length} {unit}, where {what} may have at most "
            f"{longest}; choose a shorter one.")


#: What Windows forbids in a file name: these characters, and the control characters.
NOT_IN_WINDOWS_NAMES = frozenset('\\/:*?"<>|') | frozenset(map(chr, range(32)))
#: The names Windows keeps for devices, whatever follows them after a dot ("NUL.tar.gz") and
#: with spaces or dots before the extension ("CON .pdf"): the ports numbered in superscript
#: digits ("COM¹") and the console's input and output ("CONIN$", "CONOUT$") too.
WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                             *(f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³"))})


def windows_name_problem(name: str) -> str:
    """'' for a file name Windows takes; else the sentence saying why not: a character it forbids
    in a name ("Minutes 10:00.pdf"), or a name it keeps for a device ("CON.csv"). Such a file,
    written from another computer onto a shared drive, could not be opened by a colleague on
    Windows, so it is not written anywhere."""
    bad = next((ch for ch in name if ch in NOT_IN_WINDOWS_NAMES), None)
    if bad is not None:
        shown = f"'{bad}'" if bad.isprintable() else f"a control character (U+{ord(bad):04X})"
        return f"The file name '{name[:60]}' holds {shown}, which Windows does not allow in a file name; choose another name."
    first = name.partition(".")[0].strip()
    if first.upper() in WINDOWS_DEVICES:
        return f"{name[:60]} is a name Windows keeps for a device ({first}); choose another name."
    return ""


def database_path_problem(path: Path, new: bool = False) -> str:
    """'' for a place a database may be kept (opened, or made if `new`); else the sentence saying
    why not: its name is one SQLite or this program gives a database's working file (a database
    so named would be removed as one when the database of the shorter name is opened or made), or
    its full path is longer than SQLite opens (a new one's, with room for the files made beside it)."""
    name = path.name
    for suffix in SIDE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return (f"The name {name[:60]} ends in '{suffix}', as the working file kept beside a database named "
                    f"{name[: -len(suffix)][:60]} does, and such a file is removed when that database is opened or "
                    f"made: a database is never given such a name, so choose (or rename it to) one that does not "
                    f"end in '{suffix}'.")
    length = len(os.fsencode(str(given_path(path).absolute())))  # SQLite reads it as UTF-8, as this does
    longest = MAX_DATABASE_PATH - (TEMPORARY_ROOM if new else 0)
    if length <= longest:
        return ""
    if new:
        return (f"The path of the new database {name[:40]} is too long: {length} bytes with its folders, where a "
                f"new database's may have at most {longest}; choose a folder with a shorter path.")
    return (f"The path of the database {name[:40]} is too long: {length} bytes with its folders, where a "
            f"database's may have at most {longest}; move it to a folder with a shorter path.")


def working_file_problem(path: Path) -> str:
    """'' unless a file beside the database `path`, named as one of its working files, is a
    database of its own, which opening or making `path` would remove, or a shortcut, pipe or
    device (SQLite would write through the one, and wait for ever on the others): then the sentence
    saying so. (A folder there is said by `database.require_writable_working_files`; a lock file
    that is not a file by `lock.FileLock`.)"""
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if suffix != ".lock" and (what := _not_a_working_file(side)):
            return (f"{side.name}, beside {path.name}, is {what}, where the database keeps a working file: move it "
                    "away or rename it, then try again.")
        if is_database(side):
            return (f"{side.name}, beside {path.name}, is a database of its own, named as that database's working "
                    f"file, which opening or making {path.name} would remove: rename {side.name} so its name does "
                    f"not end in '{suffix}' (or move it to another folder), then try again.")
    return ""


def _not_a_working_file(side: Path) -> str:
    """What stands under a working file's name that is not an ordinary file nor a folder ("a pipe"),
    else ""."""
    try:
        if side.is_symlink():
            return "a shortcut (symbolic link)"
        if side.exists() and not side.is_file() and not side.is_dir():
            return "a pipe or device, not a file"
    except OSError:
        return ""
    return ""


def leftover_log_problem(path: Path) -> str:
    """'' unless changes of an earlier database named `path` are left in its write-ahead log
    beside it (its program stopped part-way, the database itself gone): then the sentence saying
    a new database may not take that name."""
    log = path.with_name(path.name + "-wal")
    try:
        left = log.is_file() and log.stat().st_size > 0
    except OSError:
        left = False
    if not left:
        return ""
    return (f"{log.name}, beside where {path.name} would go, holds changes of an earlier database named "
            f"{path.name}, which a new database of that name would take on: choose a new file name, or move "
            f"{log.name} to another folder.")


class TargetRefused(ValueError):
    """An output may not be written there; the message is one sentence for the user."""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def is_database(path: Path) -> bool:
    """Whether `path` is an SQLite database file (by its header); False for anything unreadable,
    and for anything but an ordinary file (a pipe would wait for a writer for ever)."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a shortcut leading round in a circle
        return False
    return True


def ending_alone(out: Path | str) -> str:
    """The ending a file name is made of alone (".pdf", lower case: a name Path takes as having
    no ending), else ""."""
    name = Path(out).name
    return name.lower() if name.startswith(".") and name.count(".") == 1 and len(name) > 1 else ""


def check_target(
    out: Path | str,
    database: Path | None = None,
    backup_folder: Path | None = None,
    replace: bool = True,
    new_database: bool = False,
    database_there: bool = False,
) -> Path:
    """Return `out` as an absolute path if an output may be written there; else raise
    TargetRefused with one sentence. `database` is the open database file, if any; with
    `replace` False an existing file is refused too; a `new_database` (a backup, a copy) needs
    room in its name for SQLite's journal. With `database_there` a database already at `out`
    is left to the caller to judge (a copy goes into one holding no records); every other
    check is made of it as of a new file."""
    out = given_path(out).absolute()
    if problem := folder_problem(out.parent):
        raise TargetRefused(f"{problem}, so {out.name} cannot be written there.")
    too_long = name_problem(out, new_database) or windows_name_problem(out.name)
    if too_long:
        raise TargetRefused(too_long)
    if out.is_symlink():
        raise TargetRefused(
            f"{out} is a shortcut (symbolic link) to {os.readlink(out)}; choose the file itself or another name."
        )
    if out.is_dir():
        raise TargetRefused(f"{out} is a folder; give a file name to write.")
    if out.exists() and not out.is_file():
        raise TargetRefused(f"{out} is not an ordinary file (it is a device or a pipe), so nothing is written there.")
    if database is not None:
        database = given_path(database).absolute()
        if _same(out, database):
            raise TargetRefused(f"{out.name} is the database itself; choose another name for the output.")
        for suffix in SIDE_SUFFIXES:
            if _same(out, database.with_name(database.name + suffix)):
                raise TargetRefused(
                    f"{out.name} is one of the database's own working files; choose another name for the output."
                )
    for suffix in SIDE_SUFFIXES:
        if out.name.endswith(suffix) and is_database(out.with_name(out.name[: -len(suffix)])):
            raise TargetRefused(
                f"{out.name} belongs to the database {out.name[: -len(suffix)]}; choose another name for the output."
            )
    if new_database and (problem := database_path_problem(out, new=True)):
        raise TargetRefused(problem)
    if backup_folder is not None and _inside(out, Path(backup_folder)):
        raise TargetRefused(
            f"{out.parent} is the backup folder; save outputs somewhere else so no backup is replaced."
        )
    if out.exists() and not database_there and is_database(out):
        raise TargetRefused(f"{out.name} is a database; an output is never written over a database.")
    if out.exists() and not replace:
        raise TargetRefused(f"{out} already exists; choose another name.")
    return out


def check_working_database(path: Path | str, backup_folder: Path | None, create: bool = False) -> Path:
    """Return `path` as an absolute path if it may be opened as the database worked in; else
    raise TargetRefused with one sentence. A file in the backup folder never is (its rotation
    removes older backups, with anything typed into them); a new database (`create`, where no
    database is yet) is made only where an output may be written (`check_target`): never as
    another database's working file, in the backup folder, on a shortcut or a folder."""
    path = given_path(path).absolute()
    if backup_folder is not None and _inside(path, Path(backup_folder)):
        if path.is_dir():  # the backup folder itself, or one in it: said as any folder is (`database.inspect_file`)
            raise TargetRefused(f"{path} is a folder, not a database file.")
        real = path.resolve()  # the folder it is in: not the folder of a shortcut leading there
        where = (f"{path.name} is a shortcut (symbolic link) to {real.name} in the backup folder {real.parent}"
                 if path.is_symlink() else f"{path.name} is in the backup folder {path.parent}" if real.parent == path.parent
                 else f"{path.name} is in the backup folder {real.parent} (reached through a shortcut)")
        raise TargetRefused(
            f"{where}, where older backups are removed as new ones "
            "are made, so it is not opened to work in: to bring its records back, restore it (File > Restore "
            "from a backup, or bscp-desktop restore), or copy it to another folder first and open that copy."
        )
    if create and not is_database(path) and not (path.is_file() and path.stat().st_size > 0):
        check_target(path, backup_folder=backup_folder, new_database=True)
    return path
