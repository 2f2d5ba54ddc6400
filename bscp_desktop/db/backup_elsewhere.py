"""Which backups named for other files are of a database file from before it was moved or renamed.

A backup's name carries its file's stem and a key made from its full path (`backup.backup_name`),
so a file moved or renamed no longer finds its earlier backups by its key; they are found by the
database they are of instead. A copy of a file is of the same database, so the backups of the
file it was copied from look the same: they are told apart by that file, still at its place (the
one recorded for their key when they were made, `backup_places`; for backups made before places were
recorded, beside this one), a file other than this one and of the same database. Those are its
backups, not this file's history, and are never offered for restore over this file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from bscp_desktop.db.backup import _ENTRY, BackupInfo, Marks, connect_read_only, database_key, database_marks, parse_backup_name, same_database
from bscp_desktop.db.backup_places import known_places, resolved_path
from bscp_desktop.paths import given_path


def kept_elsewhere(source: Path, others: list, own: list[BackupInfo]) -> list[BackupInfo]:
    """Of the backups named for other files (`others`: path, when taken, reason), those made while
    the file `source` had another folder or name (moved or renamed since): made before its own
    first backup, of its database, and its history goes on from theirs (their newest entry is in
    it), so no copy of it kept elsewhere, changed since, is mixed in; nor those of a copy of it still at its
    place (`another_copy`). None for an offline copy."""
    ours = database_marks(source)
    if ours is None or ours.offline or ours.newest is None:
        return []
    first, kept, places = min((b.newness() for b in own if not b.legacy), default=None), [], {}
    recorded: dict[str, str] | None = None  # where the files the backups were made of are, read once if needed
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(connect_read_only(source)) as con:
        for p, when, reason in others:
            stat = p.stat()
            info = BackupInfo(p, when, stat.st_size, reason, written=stat.st_mtime, elsewhere=True)
            theirs = database_marks(p) if first is None or info.newness() < first else None
            if theirs and theirs.newest and same_database(ours, theirs) and (
                    con.execute(f"{_ENTRY} WHERE id = ?", theirs.newest[:1]).fetchone() == theirs.newest):
                stem, key, _when, _reason = parse_backup_name(p.name)
                if (stem, key) not in places:
                    recorded = known_places() if recorded is None else recorded
                    places[stem, key] = another_copy(source, ours, stem, key, recorded.get(key))
                if places[stem, key] is None:
                    kept.append(info)
    return kept


def another_copy(source: Path, ours: Marks, stem: str, key: str, recorded: str | None = None) -> Path | None:
    """The file a backup named `stem` and `key` was made of, where it is still at its place (the
    full path `recorded` for its key, in whatever folder; or in the folder of `source`), is another
    file than `source` (resolved paths compared, without regard to case on Windows, and not a
    second name of the same file) and holds this database, or one that cannot be read (so not known
    to be another); else None: the file was moved or renamed."""
    source = given_path(source).absolute()
    here = resolved_path(source)
    for there in _places(source, here, stem, recorded):
        with contextlib.suppress(OSError):
            if (not there.is_file() or database_key(there) != key
                    or os.path.normcase(resolved_path(there)) == os.path.normcase(here) or os.path.samefile(there, source)):
                continue
            marks = database_marks(there)
            if marks is None or same_database(ours, marks):
                return there
    return None


def _places(source: Path, here: str, stem: str, recorded: str | None) -> Iterator[Path]:
    """Where the file a backup named `stem` was made of may be: the place `recorded` for it; then
    (all there is for backups made before places were recorded) the files named like it in the
    folder of `source`, as given and through any shortcut (`here`)."""
    if recorded:
        yield Path(recorded)
    for folder in dict.fromkeys((source.parent, Path(here).parent)):
        try:
            names = [e.name for e in os.scandir(folder) if os.path.normcase(e.name).startswith(os.path.normcase(stem))]
        except OSError:
            continue
        yield from (folder / name for name in names)
