"""A command that did its work never fails for a character its output cannot encode: on Windows
output redirected to a file or a pipe is cp1252, in which a path in Arabic cannot be written.
The command says what it did, with replacement characters, and exits 0."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bscp_desktop.cli_files import keep_output_going
from bscp_desktop.db.database import Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "BSCP_DATA_DIR": str(data),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "bscp_desktop", *map(str, args)], capture_output=True,
                          timeout=180, env=env, cwd=ROOT)


@pytest.mark.slow  # the command runs in a process of its own, its output encoded as Windows' cp1252
def test_a_restore_into_a_path_in_arabic_says_where_the_previous_file_was_kept(tmp_path):
    folder = tmp_path / "العربية"
    folder.mkdir()
    live = folder / "سجل.sqlite3"
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("In the backup", "other"))
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added after", "other"))
    result = _run("--db", live, "restore", backup, data=tmp_path / "data")
    out, err = result.stdout.decode("cp1252"), result.stderr.decode("cp1252")
    assert result.returncode == 0, err
    assert err == ""
    shown = str(live).encode("cp1252", "replace").decode("cp1252")  # each Arabic letter a "?"
    assert shown.endswith(f"{os.sep}???????{os.sep}???.sqlite3")
    assert out.startswith(f"Restored {shown} from {backup}; the previous file was kept as ")
    kept = Path(out.rstrip("\n").split("; the previous file was kept as ")[1])
    assert kept.parent == tmp_path / "data" / "backups" and kept.name.startswith("???-")
    with Database.open(live) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["In the backup"]
    checked = _run("--db", live, "check", data=tmp_path / "data")
    assert checked.returncode == 0 and b"healthy" in checked.stdout and checked.stderr == b""


def _stream(errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors=errors, write_through=True)


def test_output_that_cannot_encode_a_character_prints_a_replacement(monkeypatch):
    out, err = _stream(), _stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    keep_output_going()
    print("Restored العربية/سجل.sqlite3")
    print("bscp-desktop: سجل.sqlite3 is damaged.", file=sys.stderr)
    assert out.buffer.getvalue() == b"Restored ???????/???.sqlite3" + os.linesep.encode()
    assert err.buffer.getvalue() == b"bscp-desktop: ???.sqlite3 is damaged." + os.linesep.encode()
    assert out.encoding == "cp1252"  # the encoding this computer chose is kept


def test_missing_or_other_streams_are_left_as_they_are(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)  # a windowed program has no console
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    keep_output_going()
    assert sys.stdout is None
    chosen = _stream("backslashreplace")  # errors chosen already (PYTHONIOENCODING=cp1252:backslashreplace)
    monkeypatch.setattr(sys, "stdout", chosen)
    keep_output_going()
    assert chosen.errors == "backslashreplace"


def test_the_posix_locales_ascii_output_prints_a_replacement_too(monkeypatch):
    """A scheduled task or a remote shell in the POSIX locale: ASCII with "surrogateescape",
    which raises for "Łukasz" as "strict" does, after the import it reports was saved."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="surrogateescape", write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    keep_output_going()
    print("Organisation: Łukasz Nowak Foundation")
    assert out.buffer.getvalue() == b"Organisation: ?ukasz Nowak Foundation" + os.linesep.encode()
