"""A file on File > Open recent that has been moved or deleted: choosing it says there is no
database file there, with a button beside OK to take it off the list; OK keeps it there (a
shared drive connected again later), and the database open stays open either way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from bscp_desktop.ui.common import settings_store
from bscp_desktop.ui.common.labels import as_written
from tests.ui.helpers import click_button, start_window, when_modal


def _choose_in_open_recent(window, path) -> None:
    window.recent_menu.aboutToShow.emit()  # filled as it opens, as for a user
    next(a for a in window.recent_menu.actions() if a.text() == as_written(str(path))).trigger()


@pytest.mark.slow  # a window
def test_a_recent_file_moved_away_is_said_and_can_be_taken_off_the_list(qtbot, db, tmp_path):
    window = start_window(qtbot, db)
    moved = tmp_path / "Board & QA" / "Partnership.sqlite3"  # its folder moved away too
    window._remember(moved)  # opened once, as the window remembers a file
    window._remember(db.path)

    said: list[str] = []
    when_modal(click_button("OK", said), "Could not open the database")
    _choose_in_open_recent(window, moved)
    assert said == [f"The folder {moved.parent} does not exist, so {moved.name} cannot be opened there. It may "
                    "have been moved, renamed or deleted, or be on a drive that is not connected now."]
    assert window.db is db
    assert window.recent_files() == [str(db.path), str(moved)]  # OK keeps it, for a drive connected again

    gone = tmp_path / "Deleted.sqlite3"
    window._remember(gone)
    window._remember(db.path)
    when_modal(click_button("Remove from the list", said), "Could not open the database")
    _choose_in_open_recent(window, gone)
    assert said[1].startswith(f"There is no database file at {gone}. It may have been moved")
    assert window.db is db and window.recent_files() == [str(db.path), str(moved)]
    assert window.statusBar().currentMessage() == f"{gone} was taken off the Open recent list."
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [as_written(str(moved))]
    settings_store.written()
    assert str(gone) not in (QSettings().value("recent") or [])  # kept off at the next start too


    junk = tmp_path / "junk.sqlite3"  # there, but not a database: said as before, nothing offered
    junk.write_text("not a database at all" * 40)
    window._remember(junk)
    window._remember(db.path)
    buttons: list[list[str]] = []

    def ok(box) -> None:
        buttons.append([b.text().replace("&", "") for b in box.buttons()])
        click_button("OK")(box)

    when_modal(ok, "Could not open the database")
    _choose_in_open_recent(window, junk)
    assert buttons == [["OK"]] and str(junk) in window.recent_files() and window.db is db
