"""At start, a database used last whose name a folder now has is said to be a folder, as File >
Open says it, not a file that cannot be found; the officer then opens another file, makes a new
one, or quits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bscp_desktop import app
from bscp_desktop.db.database import DatabaseError
from bscp_desktop.ui import database_choice


@pytest.fixture
def asked(qapp, monkeypatch):
    """The start's question, each time answered with Quit; the buttons offered."""
    app.make_application()
    questions: list[tuple[str, list[str]]] = []

    def exec_(box):
        questions.append((box.text(), sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == database_choice.QUIT).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield questions
    QSettings().remove("last_database")
    QSettings().sync()


def test_a_database_used_last_that_is_a_folder_is_said_to_be_a_folder(tmp_path, asked):
    folder = tmp_path / "team.sqlite3"
    folder.mkdir()
    QSettings().setValue("last_database", str(folder))
    assert app.choose_start(None) == (None, False)
    [(text, buttons)] = asked
    with pytest.raises(DatabaseError) as opening:
        app.open_database(folder, create=False, check_later=True)
    assert str(opening.value) == f"{folder} is a folder, not a database file."
    assert text.startswith(str(opening.value))  # as File > Open says it
    assert "cannot be found" not in text and "shared drive" not in text
    assert buttons == sorted([database_choice.OPEN_ANOTHER, database_choice.NEW_DATABASE, database_choice.QUIT])
    assert folder.is_dir() and not any(folder.iterdir())
