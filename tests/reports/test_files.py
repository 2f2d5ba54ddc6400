"""Writing an output file whole: names near the longest allowed, folders that cannot be written
to, a file held open by another program, a disk that fills up part-way, and names too long for
the file system."""

from __future__ import annotations

import errno
import gc
import io
import os
import random
import sys
import tempfile

import pytest

from bscp_desktop.db.targets import TargetRefused, check_target
from bscp_desktop.reports.files import atomic_write_bytes


def test_a_name_near_the_longest_allowed_is_written(tmp_path):
    """The temporary file was named after the whole file's name plus 15 characters, so a valid
    name of 250 bytes could never be written ("File name too long" about the temporary file)."""
    for name in ("a" * 246 + ".pdf", "é" * 123 + ".pdf"):
        assert len(os.fsencode(name)) == 250
        written = atomic_write_bytes(tmp_path / name, b"%PDF-")
        assert written.read_bytes() == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a" * 246 + ".pdf", "é" * 123 + ".pdf"])


def test_a_folder_that_cannot_be_written_to_names_the_file_asked_for(tmp_path, monkeypatch):
    """The message named the temporary file (".~Minutes.pdf.k2j4x9.tmp"), which the user never chose."""
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".~Minutes.pdf.k2j4x9.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as caught:
        atomic_write_bytes(tmp_path / "Minutes.pdf", b"%PDF-")
    assert caught.value.path == tmp_path / "Minutes.pdf"  # said in words: see test_output_readonly
    assert str(caught.value).startswith(f"{tmp_path / 'Minutes.pdf'} cannot be written there") and ".tmp" not in str(caught.value)


def test_a_file_open_in_another_program_is_named_and_left_as_it_was(tmp_path, monkeypatch):
    target = tmp_path / "Minutes.pdf"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", src, None, dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PermissionError) as caught:
        atomic_write_bytes(target, b"new")
    assert caught.value.path == target and "open in another program" in str(caught.value)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["Minutes.pdf"]


def test_a_name_too_long_for_the_file_system_is_refused_in_one_sentence(tmp_path):
    with pytest.raises(TargetRefused) as caught:
        check_target(tmp_path / ("😀" * 130 + ".pdf"))  # too long however the file system counts
    assert "is too long:" in str(caught.value) and "where a file name may have at most 255" in str(caught.value)
    assert check_target(tmp_path / ("a" * 251 + ".pdf")) == tmp_path / ("a" * 251 + ".pdf")


def test_a_file_where_a_folder_is_named_is_said_to_be_a_file(tmp_path):
    from bscp_desktop.db.database import Database, DatabaseError

    (tmp_path / "afile").write_text("notes")
    with pytest.raises(TargetRefused, match=r"afile is a file, not a folder, so x.xlsx cannot be written there"):
        check_target(tmp_path / "afile" / "x.xlsx")
    with pytest.raises(TargetRefused, match="The folder .*missing does not exist"):
        check_target(tmp_path / "missing" / "x.xlsx")
    with pytest.raises(DatabaseError, match=r"afile is a file, not a folder, so bscp.sqlite3 cannot be opened there"):
        Database.open(tmp_path / "afile" / "bscp.sqlite3")


class _NoRoom(io.FileIO):
    """A file on a disk with `room` bytes left."""

    room = 4000

    def write(self, data) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def _disk_filling_up(monkeypatch) -> list:
    """Files written through `os.fdopen` fill the disk after `_NoRoom.room` bytes; what Python
    says of errors raised as objects are let go (a writer closing itself) is returned."""
    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: io.BufferedWriter(_NoRoom(fd, "wb")))
    let_go: list = []
    monkeypatch.setattr(sys, "unraisablehook", let_go.append)
    return let_go


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_a_disk_full_part_way_names_the_file_keeps_the_old_one_and_leaves_no_writer_open(tmp_path, monkeypatch, kind):
    """A full disk was "[Errno 28] No space left on device" with no file named, and a workbook's
    zip archive, left open, failed again as the program ended ("seek of closed file")."""
    from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

    target = tmp_path / f"All records.{kind}"
    target.write_bytes(b"old")
    let_go = _disk_filling_up(monkeypatch)
    book = WorkbookBuilder(title="All records")
    noise = random.Random(5)  # names that do not compress: the workbook outgrows the room left
    book.add_sheet("People", [Column("Name")], [[f"Person {noise.randbytes(8).hex()}"] for _ in range(600)])
    try:
        book.save(target) if kind == "xlsx" else atomic_write_bytes(target, b"%PDF-" * 2000)
    except OSError as exc:
        failed = (exc.errno, exc.filename)
    else:
        failed = None
    gc.collect()  # the failure let go, and whatever it held
    assert failed == (errno.ENOSPC, str(target))
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [target.name]
    assert let_go == []



def test_a_marked_write_names_its_temporary_file_so_only_it_is_removed_after_a_stop(tmp_path):
    """A window stopping an output's process part-way removes the file that process was writing:
    found by the output's mark, never another write's file or anything else in the folder."""
    from bscp_desktop.reports.files import atomic_write, remove_temporaries, temporaries_marked

    target = tmp_path / "Change history.xlsx"
    target.write_bytes(b"earlier")
    others = [".~Change history.xlsx.0123456789abcdef.k2j4x9ab.tmp",  # another output's
              ".~Change history.xlsx.bak.k2j4x9ab.tmp",  # another file's
              ".~Change history.xlsx.notes.txt", "Change history.xlsx.tmp"]
    for name in others:
        (tmp_path / name).write_bytes(b"not ours")
    seen: list[str] = []

    def write(handle):
        handle.write(b"part")
        seen.extend(p.name for p in tmp_path.iterdir() if p.name.startswith(".~Change history.xlsx.fedcba98"))
        remove_temporaries(target, "fedcba9876543210")  # as if its process had been stopped here
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), temporaries_marked("fedcba9876543210"):
        atomic_write(target, write)
    assert len(seen) == 1 and seen[0].endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*others, target.name])
    assert target.read_bytes() == b"earlier"
    with pytest.raises(ValueError), temporaries_marked("../x"):
        pass


def test_a_temporary_file_left_by_a_write_that_never_ended_is_removed_by_the_next_one(tmp_path):
    """One left as the computer lost power stayed in the officer's folder for good."""
    import time

    from bscp_desktop.reports.files import STALE_AFTER_S

    target = tmp_path / "Minutes.pdf"
    old = time.time() - STALE_AFTER_S - 60
    left = {name: tmp_path / name for name in (
        ".~Minutes.pdf.k2j4x9ab.tmp", ".~Minutes.pdf.0123abcd.zz9_xy12.tmp",  # this file's, long left
        ".~Minutes.pdf.recent12.tmp",  # being written now
        ".~Agenda.pdf.k2j4x9ab.tmp", ".~Minutes.pdf.old")}  # not this file's temporary files
    for path in left.values():
        path.write_bytes(b"x")
        os.utime(path, (old, old))
    os.utime(left[".~Minutes.pdf.recent12.tmp"])
    atomic_write_bytes(target, b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["Minutes.pdf", ".~Minutes.pdf.recent12.tmp", ".~Agenda.pdf.k2j4x9ab.tmp", ".~Minutes.pdf.old"])
