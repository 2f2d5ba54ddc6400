"""`check`: a database file read whole, without opening it for the window: its pages, its
links, its schema, its stored values (`stored_values`) and its change history's chain and
protection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bscp_desktop.db import history, migrate
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.database import DatabaseError, HistoryTampered, inspect_file, plain_error, read_state, sqlite_url
from bscp_desktop.db.lock import FileLock, LockHeld


def check_file(path: Path | str) -> str:
    """Integrity, schema, stored values and history check; returns a report of one or two sentences.

    Changes nothing, except that missing protection of the change history is put back (and
    the report says so). Raises DatabaseError with one sentence for a file with a problem.
    """
    from bscp_desktop.db import stored_values  # every model's columns: for this command only

    path = Path(path).expanduser().absolute()
    inspect_file(path, must_exist=True)  # not a database, damaged, half-upgraded: one sentence
    integrity, state = read_state(path, "integrity_check")
    if integrity != "ok":
        raise DatabaseError(f"{path} is damaged ({integrity}); restore a backup from the File menu.")
    con = connect_read_only(path)
    broken = chained = None
    try:
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        history_columns = {r[1] for r in con.execute("PRAGMA table_info(change_record)")}
        if "hash" in history_columns:
            broken, chained = history.verify_chain(con)
        orphans = history.missing_records(con)
        missing_triggers = history.missing_protection(con)
        unreadable = stored_values.values_problem(con) if state.version == migrate.head_revision() else ""
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} cannot be checked ({plain_error(exc)}).") from exc
    finally:
        con.close()
    if fk:
        raise DatabaseError(f"{path} has {len(fk)} broken links between records.")
    if broken is not None:
        raise HistoryTampered(broken.sentence())
    if orphans:
        raise DatabaseError(f"{path}: {orphans}")
    if unreadable:
        raise DatabaseError(
            f"{path} holds values this version of BSCP Desktop cannot read (it may have been changed by "
            f"another program): {unreadable}. Restore a backup from the File menu."
        )
    state_text = migrate.version_words(state.version)
    if chained is None:
        chain = "the change history is chained when the file is next opened"
    else:
        chain = f"change history intact ({chained:,} entries checked)"
    report = f"{path}: healthy; schema {state.version} ({state_text}); {chain}"
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    report += "." if writable else "; read-only here, so it can be read but not changed."
    if missing_triggers:
        report += " " + _put_back_protection(path, missing_triggers)
    return report


def _put_back_protection(path: Path, missing: list[str]) -> str:
    names = ", ".join(missing)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"{path}: the change history is not protected (missing {names}), and the file is "
            "read-only so the protection cannot be put back."
        )
    file_lock = FileLock(path.with_name(path.name + ".lock"))
    try:
        file_lock.acquire()
    except (LockHeld, OSError) as exc:
        raise DatabaseError(
            f"{path}: the change history is not protected (missing {names}); close BSCP Desktop "
            "and run check again to put the protection back."
        ) from exc
    try:
        repaired = history.ensure_protection_url(sqlite_url(path))
    finally:
        file_lock.release()
    return f"The change history's protection was missing ({', '.join(repaired)}) and has been put back."
