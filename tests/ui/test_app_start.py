"""Starting the window: refusal of a second instance and of bad files, the error dialog hook."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop import app
from bscp_desktop.db.database import Database


@pytest.fixture
def dialogs(monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    return shown


def test_second_launch_on_the_same_file_says_so_and_exits(tmp_path, dialogs):
    path = tmp_path / "busy.sqlite3"
    with Database.open(path) as first:
        assert app.run_gui(path) == 2
        assert "already open in another BSCP Desktop window" in dialogs[0]
        with first.unit_of_work() as s:  # the first is untouched and still usable
            assert s.connection() is not None


def test_bad_file_gives_one_message_and_is_not_overwritten(tmp_path, dialogs):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Agenda for Thursday\n" * 100)
    assert app.run_gui(path) == 2
    assert "not a BSCP Desktop database" in dialogs[0]
    assert path.read_bytes() == b"Agenda for Thursday\n" * 100


def test_unexpected_error_dialog_names_the_log_file(dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.setup_logging()
    app.install_error_dialog()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "boom" in dialogs[0]
    assert str(app.log_file()) in dialogs[0]
    assert "boom" in app.log_file().read_text(encoding="utf-8")
