"""While an output is still being written to a file, a second output to that very file is
refused, naming the file and what is writing it: both would be said to be saved, and the file
would hold only the one that finished last. The first output is never disturbed; once it has
finished, the file may be written again; another file is unaffected."""

from __future__ import annotations

import sys
import threading

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from bscp_desktop.jobs import child
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.common.outputs import XLSX, OutputProcess, choose_save_path, may_write, write_output


@pytest.fixture
def held_output(monkeypatch):
    """Outputs wait, saying how far they have got, until the test lets them go on (a long output
    still being written); then the program's own job writes the output."""
    gate = threading.Event()
    real = child.run

    def held(db_path, kind, name, out, options, queue, mark=""):
        while not gate.wait(0.02):
            queue.put(("progress", 0, 0, "Writing"))
        real(db_path, kind, name, out, options, queue, mark)

    monkeypatch.setattr(child, "run", held)
    yield gate
    gate.set()


@pytest.fixture
def said(monkeypatch):
    """What the officer is told (refusals) and asked (Replace?)."""
    told: dict[str, list] = {"errors": [], "questions": []}
    monkeypatch.setattr(outputs, "show_error", lambda parent, title, text: told["errors"].append((title, str(text))))
    monkeypatch.setattr(outputs, "confirm", lambda parent, title, text: told["questions"].append(text) or True)
    return told


def _first_output(db, out, saved):
    ms.create_person(db, ms.PersonFields("Written First"))
    return write_output(None, db, "Everything", out, "xlsx", "memberships", on_saved=saved.append)


REFUSAL = ("Could not save same.xlsx",
           "same.xlsx is still being written (Everything): wait for it to finish, or choose another name.")


def test_a_second_output_to_a_file_still_being_written_is_refused_naming_the_file_and_what_writes_it(
        qtbot, db, tmp_path, held_output, said):
    out = tmp_path / "same.xlsx"
    saved: list = []
    first = _first_output(db, out, saved)
    assert may_write(None, out, db.path, asked=False) is False
    assert said["errors"] == [REFUSAL]
    assert said["questions"] == []  # not the ordinary "Replace?"
    assert not first.finished  # the first output goes on, undisturbed
    held_output.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    assert saved == [out]
    assert "Written First" in [c.value for c in openpyxl.load_workbook(out)["People"]["A"]]


def test_a_file_being_written_that_already_exists_is_refused_rather_than_offered_to_replace(
        qtbot, db, tmp_path, held_output, said):
    out = tmp_path / "same.xlsx"
    out.write_bytes(b"an older workbook")
    _first_output(db, out, [])
    assert may_write(None, out, db.path, asked=True) is False
    assert said["errors"] == [REFUSAL] and said["questions"] == []


def test_the_same_file_spelt_another_way_is_refused_too(qtbot, db, tmp_path, held_output, said):
    (tmp_path / "sub").mkdir()
    out = tmp_path / "same.xlsx"
    _first_output(db, out, [])
    assert may_write(None, tmp_path / "sub" / ".." / "same.xlsx", db.path) is False
    assert said["errors"] == [REFUSAL]


@pytest.mark.skipif(sys.platform != "win32", reason="names differing only in case are one file on Windows")
def test_the_same_file_in_other_capitals_is_refused_on_windows(qtbot, db, tmp_path, held_output, said):
    _first_output(db, tmp_path / "same.xlsx", [])
    assert may_write(None, tmp_path / "SAME.XLSX", db.path) is False


def test_choosing_a_file_still_being_written_in_the_save_dialog_gives_no_path(
        qtbot, db, tmp_path, held_output, said, monkeypatch):
    out = tmp_path / "same.xlsx"
    _first_output(db, out, [])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX)))
    assert choose_save_path(None, "Actions", "same.xlsx", XLSX, db.path) is None
    assert said["errors"] == [REFUSAL]


def test_another_file_is_unaffected_while_the_first_is_written(qtbot, db, tmp_path, held_output, said):
    _first_output(db, tmp_path / "same.xlsx", [])
    assert may_write(None, tmp_path / "other.xlsx", db.path) is True
    assert said == {"errors": [], "questions": []}


def test_once_the_first_output_has_finished_the_same_file_may_be_written_again(
        qtbot, db, tmp_path, held_output, said):
    out = tmp_path / "same.xlsx"
    saved: list = []
    _first_output(db, out, saved)
    held_output.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    assert not OutputProcess._running
    assert may_write(None, out, db.path) is True
    assert said["errors"] == []
    assert said["questions"] == ["same.xlsx already exists in " f"{tmp_path}. Replace it?"]


def test_a_stopped_output_lets_go_of_its_file(qtbot, db, tmp_path, held_output, said):
    out = tmp_path / "same.xlsx"
    first = _first_output(db, out, [])
    first.cancel()
    assert may_write(None, out, db.path) is True
    assert said["errors"] == []
