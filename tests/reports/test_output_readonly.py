"""An output that cannot be written where it was asked for (a read-only folder or disk, a folder
or file the login may not write to) is one plain sentence naming the file and the reason, with
what to do, in the window and on the command line alike; never the system's bare words
("Read-only file system: …/Report.pdf.")."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from bscp_desktop.jobs.child import sentence
from bscp_desktop.reports.files import atomic_write_bytes
from tests.safety.helpers import assert_refused, cli


def _raising(code: int, words: str):
    def refuse(*args, **kwargs):
        raise OSError(code, words, str(args[0]) if args else None)
    return refuse


@pytest.mark.parametrize(("code", "words", "reason"), [
    (errno.EROFS, "Read-only file system", "the folder is read-only; choose another folder"),
    (errno.EACCES, "Permission denied", "you are not allowed to write in that folder; choose another folder"),
    (errno.EPERM, "Operation not permitted", "you are not allowed to write in that folder; choose another folder"),
])
def test_a_folder_that_cannot_be_written_to_is_one_plain_sentence(tmp_path, monkeypatch, code, words, reason):
    target = tmp_path / "Yearly report.pdf"
    monkeypatch.setattr(tempfile, "mkstemp", _raising(code, words))
    with pytest.raises(PermissionError) as caught:  # reports.files.OutputNotWritable
        atomic_write_bytes(target, b"%PDF-")
    said = str(caught.value)
    assert said.startswith(f"{target} cannot be written there: {reason}")
    assert said.endswith("(nothing was changed).") and words not in said and ".tmp" not in said
    assert "close the file" not in said  # a folder is not a file another program holds open
    assert caught.value.errno == code and caught.value.path == target
    assert sentence(caught.value) == said  # what the window shows for an output written in the background


@pytest.mark.parametrize("code", [errno.EROFS, errno.EPERM, errno.EACCES])
def test_a_file_that_cannot_be_replaced_is_one_plain_sentence_and_kept(tmp_path, monkeypatch, code):
    target = tmp_path / "Yearly report.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", _raising(code, os.strerror(code)))
    with pytest.raises(PermissionError) as caught:  # reports.files.OutputNotWritable
        atomic_write_bytes(target, b"new")
    said = str(caught.value)
    assert said.startswith(f"{target} cannot be written there: ")
    assert os.strerror(code) not in said and "choose another folder" in said
    if code != errno.EROFS:
        assert "the file already there is read-only, open in another program, or not yours to change" in said
        assert "close the file if another program has it open" in said
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["Yearly report.docx"]


@pytest.mark.slow  # a workbook built
def test_the_command_line_says_the_sentence(tmp_path, db_file, monkeypatch):
    target = tmp_path / "Finance.xlsx"
    replace, refuse = os.replace, _raising(errno.EROFS, "Read-only file system")
    # only the output's folder is read-only (the backup at start is written as usual)
    monkeypatch.setattr(os, "replace", lambda src, dst: (refuse if str(dst) == str(target) else replace)(src, dst))
    said = assert_refused(cli("export", "xlsx", "--area", "finance", "--db", db_file, "-o", target))
    assert said == (f"bscp-desktop: {target} cannot be written there: the folder is read-only; choose another "
                    "folder (nothing was changed).")
    assert not target.exists()
