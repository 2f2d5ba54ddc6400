"""The command line's database files: `restore` (a backup of another database only with
--other-database), where a new database file may be made (a copy, a backup's copy, a demo, a
meeting taken offline), and output that never stops a command for a character the console
cannot show.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from bscp_desktop import paths
from bscp_desktop.paths import given_path


def keep_output_going() -> None:
    """What a command prints never stops it: a character its output cannot encode (a path in
    Arabic written to a file or pipe in Windows' cp1252) is printed as a replacement character,
    not raised once the command has done its work. The encoding stays the one this computer chose;
    a stream that is missing (a windowed program has none) or not a console's is left as it is. In
    the POSIX locale (a scheduled task, a remote shell) the streams are ASCII with
    "surrogateescape", which raises for a name in Polish as "strict" does: replaced too."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", "strict") not in ("strict", "surrogateescape"):
            continue
        with contextlib.suppress(ValueError, OSError, TypeError, AttributeError):
            reconfigure(errors="replace")


#: What a sentence written for the window says, and how the command line says it instead.
IN_COMMAND_WORDS = (
    ("restore a backup from the File menu", "restore a backup (bscp-desktop restore)"),
    ("Restore a backup from the File menu", "Restore a backup (bscp-desktop restore)"),
    ("is already open in another BSCP Desktop window; switch to that window, or close it first",
     "is already open in a BSCP Desktop window; close it there, then run the command again"),
)


def in_command_words(text: str) -> str:
    """`text`, a sentence written for the window, as the command line says it (`IN_COMMAND_WORDS`)."""
    for window_words, command_words in IN_COMMAND_WORDS:
        text = text.replace(window_words, command_words)
    return text


#: The commands that work in a database there already: given none (--db), this computer's own.
NEED_A_DATABASE = ("backup", "check", "export", "import", "report", "search")


def no_database_yet(command: str | None, given: object) -> str:
    """'' unless `command` needs a database, none was `given` (--db) and this computer's own is
    not there yet (BSCP Desktop never opened here): then the sentence saying so, and what to do."""
    own = paths.default_database_path()
    if command not in NEED_A_DATABASE or given is not None or own.exists():
        return ""
    return (f"No database was given (--db FILE), and this computer's own, {own}, is not there yet: give the "
            "database file with --db FILE, or open BSCP Desktop once to make it.")


def new_database_here(path: Path, source: Path | None = None) -> None:
    """A new database file (a demo, a copy, a team database's backup, a meeting taken offline)
    is made only where an output may be written (`db.targets`): never as another database's
    working file or with a name only such a file has, in the backup folder, on a shortcut or a
    folder, or with a name longer than a file may have; and only with a database file's name
    (.sqlite3, .sqlite or .db), never over a file that is not a database. An existing database is
    left to the command to judge (a copy goes into one holding no records; the others refuse it)."""
    from bscp_desktop.db.targets import TargetRefused, check_target, is_database
    from bscp_desktop.services.backups import database_output_problem

    path = given_path(path)
    with contextlib.suppress(OSError):  # a name too long to look at is refused below
        if path.is_file() and not path.is_symlink() and is_database(path):
            return
    check_target(path, source, backup_folder=paths.backup_dir(), new_database=True)
    if problem := database_output_problem(path):
        raise TargetRefused(problem)


@contextlib.contextmanager
def interruption_held():
    """Ctrl+C pressed within the block takes effect once it is done (the list yielded is not
    empty if it was): where a file is changed and what was done must be said together. Only the
    main thread receives it; elsewhere the block runs as it is."""
    import signal
    import threading

    pressed: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    held = threading.current_thread() is threading.main_thread() and previous is not None
    if held:
        signal.signal(signal.SIGINT, lambda *_: pressed.append(1))
    try:
        yield pressed
    finally:
        if held:
            signal.signal(signal.SIGINT, previous)


def list_restores(db_path: Path | str, db_file: Path, usage_problem) -> int:
    """`restore --list`: the backups of the database, newest first. A database file that is
    missing or damaged is what a restore is for, so its backups are listed all the same; a
    folder or a device given as the database is refused, and so is a missing file with no
    backup (a name mistyped), with exit 2. Listing never makes or changes a file."""
    from bscp_desktop.services.backups import list_backups, working_file_problem

    if problem := working_file_problem(db_file, create=False):  # a backup: restored from, never into
        raise usage_problem(problem)
    if db_file.is_dir():
        raise usage_problem(f"{db_file} is a folder, not a database file.")
    if db_file.exists() and not db_file.is_file():
        raise usage_problem(f"{db_file} is not a regular file, so it cannot be a BSCP Desktop database.")
    found = list_backups(db_file)
    if not found and not db_file.exists():
        raise usage_problem(f"There is no database file at {db_file}, and the backup folder {paths.backup_dir()} "
                            "holds no backups of it.")
    if not found:
        print(no_backups_sentence(db_path))
    for b in found:
        print(f"{b.path}  {b.label()}")
    return 0


def no_backups_sentence(db_path: Path | str) -> str:
    """What a list of the database's backups says when it has none: where the backup folder is
    not there at all (moved, renamed or deleted since), that too, and that the next backup makes it."""
    folder = paths.backup_dir()
    if folder.is_dir():
        return f"There are no backups of {db_path} in the backup folder {folder}."
    return (f"There are no backups of {db_path}: the backup folder {folder} is not there (it may have been moved, "
            "renamed or deleted); the next backup, on opening the database or by hand, makes it again.")


def restore(args, db_path: Path | str, db_file: Path | None, usage_problem) -> int:
    """`restore BACKUP`: the backup checked in a copy (Ctrl+C meanwhile leaves the database as
    it was), then swapped in and reported as one step: Ctrl+C pressed while it is swapped in
    stops the command once the restore is said (exit 130). The restored file is then opened,
    as any command opens it (Ctrl+C then: exit 130, the restore already said). A backup of
    another database (another partnership's) is refused unless --other-database is given."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.services.backups import prepare_restore

    prepared = prepare_restore(args.backup, db_file)
    if prepared.other_database and not args.other_database:
        prepared.discard()
        theirs, ours = prepared.other_database
        raise usage_problem(
            f"{args.backup.name} is a backup of another database ({theirs}), not of {ours}: give --other-database "
            "to restore it anyway; nothing was restored."
        )
    with interruption_held() as pressed:  # the copy is discarded by the swap, whatever stops it
        safety = prepared.swap_in()
        print(f"Restored {db_path} from {args.backup}"
              + (f"; the previous file was kept as {safety}" if safety else ""), flush=True)
        if prepared.altered:  # restored into a file whose history was altered the same way
            print(prepared.altered, flush=True)
    if pressed:
        return 130
    Database.open(prepared.db_path, create=False).close()
    return 0
