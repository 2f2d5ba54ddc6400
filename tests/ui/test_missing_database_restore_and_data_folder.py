"""At start, the database used last cannot be found: New database… suggests a name in the
program's data folder, made first where that folder was renamed or moved away (as at the first
start), never a folder of the officer's own; and a file deleted whose backups are kept is offered
back from them (how many, the latest's date), the restore making the file in its old place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from bscp_desktop import paths
from bscp_desktop.ui import database_choice


@pytest.fixture
def asked(monkeypatch, qapp):
    """Each start-up question: (its text, its buttons), answered by `asked.answers` in turn;
    every other message said is kept in `asked.said`."""

    class Asked(list):
        answers: list[str] = []
        said: list[str] = []

    seen = Asked()

    def exec_(box):
        buttons = [b.text() for b in box.buttons()]
        seen.append((box.text(), buttons))
        choice = seen.answers.pop(0)
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: seen.said.append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: seen.said.append(text)))
    return seen


def _save_as_suggested(monkeypatch) -> list[str]:
    """The New database dialog accepted with the name it suggests; the suggestions kept."""
    suggested: list[str] = []

    def save(parent, caption, start, *a, **k):
        suggested.append(start)
        return start, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return suggested


def test_a_renamed_data_folder_is_made_again_for_the_new_database_suggested_in_it(qtbot, tmp_path, monkeypatch, asked):
    data = tmp_path / "BSCP Desktop"
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))  # renamed to "BSCP Desktop old" since the last start
    last = data / "bscp.sqlite3"
    suggested = _save_as_suggested(monkeypatch)
    asked.answers = [database_choice.NEW_DATABASE, database_choice.QUIT]
    assert database_choice.when_last_is_missing(last) == (last, True)
    assert suggested == [str(last)]
    assert data.is_dir() and not last.exists()  # the folder made; the database is made by opening it
    assert len(asked) == 1 and asked.said == []  # not refused, not asked again


def test_the_data_folder_is_not_made_until_a_new_database_is_asked_for(qtbot, tmp_path, monkeypatch, asked):
    """Renamed back by the officer, the folder must not be in the way."""
    data = tmp_path / "BSCP Desktop"
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))
    asked.answers = [database_choice.QUIT]
    assert database_choice.when_last_is_missing(data / "bscp.sqlite3") == (None, False)
    assert not data.exists()


def test_a_missing_folder_of_the_officers_own_is_never_made(qtbot, tmp_path, monkeypatch, asked):
    drive = tmp_path / "Shared drive"
    last = drive / "team.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(drive / "new.sqlite3"), "")))
    asked.answers = [database_choice.NEW_DATABASE, database_choice.QUIT]
    assert database_choice.when_last_is_missing(last) == (None, False)
    assert not drive.exists()
    assert len(asked) == 2  # refused (said), then asked again
    assert asked.said and str(drive) in asked.said[0]


def _team_with_backup(folder: Path, empty_file: Path) -> Path:
    from bscp_desktop.app import open_database
    from bscp_desktop.services import backups
    from bscp_desktop.services import memberships as ms

    folder.mkdir(parents=True, exist_ok=True)
    team = shutil.copyfile(empty_file, folder / "team.sqlite3")
    with open_database(team, create=False) as db:
        ms.create_organisation(db, ms.OrganisationFields("Kept in the backup", "other"))
    backups.backup_now(team)
    return team


def test_a_deleted_file_with_backups_is_offered_back_from_them_in_its_old_place(qtbot, tmp_path, monkeypatch, asked,
                                                                               empty_file):
    from bscp_desktop.app import open_database
    from bscp_desktop.services import backups
    from bscp_desktop.services import memberships as ms

    team = _team_with_backup(tmp_path / "Records", empty_file)
    kept = backups.list_backups(team)  # on opening, and by hand
    team.unlink()
    chosen: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a: (chosen.append(label) or items[0], True)))
    asked.answers = [database_choice.RESTORE]
    assert database_choice.when_last_is_missing(team) == (team, False)
    [(text, buttons)] = asked
    assert set(buttons) == {database_choice.RESTORE, database_choice.OPEN_ANOTHER, database_choice.NEW_DATABASE,
                            database_choice.QUIT}  # the same as for a damaged file
    assert (f"Restore it from one of its backups ({len(kept)} in the backup folder, the latest taken on "
            f"{kept[0].taken_at:%d/%m/%Y}), open another file, or make a new database.") in text
    assert str(team) in chosen[0] and "kept in the backup folder" not in chosen[0]  # no file there to keep
    with open_database(team, create=False) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Kept in the backup"]


def test_a_missing_file_without_backups_is_offered_no_restore(qtbot, tmp_path, asked):
    last = tmp_path / "team.sqlite3"
    asked.answers = [database_choice.QUIT]
    assert database_choice.when_last_is_missing(last) == (None, False)
    [(text, buttons)] = asked
    assert database_choice.RESTORE not in buttons
    assert text == database_choice.missing_text(last)


def test_a_file_whose_folder_is_gone_is_offered_no_restore_into_it(qtbot, tmp_path, asked, empty_file):
    """A shared drive not connected: nothing can be restored there, and the folder is never made."""
    team = _team_with_backup(tmp_path / "Drive", empty_file)
    (tmp_path / "Drive").rename(tmp_path / "Drive elsewhere")
    asked.answers = [database_choice.QUIT]
    assert database_choice.when_last_is_missing(team) == (None, False)
    [(text, buttons)] = asked
    assert database_choice.RESTORE not in buttons and "shared drive" in text
    assert not team.parent.exists()


def test_the_data_folder_suggested_is_in_the_home_folder_where_it_cannot_be_made(qtbot, tmp_path, monkeypatch, asked):
    data = tmp_path / "read-only" / "BSCP Desktop"
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))

    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(Path, "home", staticmethod(lambda: tmp_path))
    suggested: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, start, *a, **k: (suggested.append(start), ("", ""))[1]))
    asked.answers = [database_choice.NEW_DATABASE, database_choice.QUIT]
    assert database_choice.when_last_is_missing(paths.data_dir() / "bscp.sqlite3") == (None, False)
    assert suggested == [str(tmp_path / "bscp.sqlite3")]


def test_the_restore_offered_over_a_window_runs_in_a_worker_under_a_progress_dialog(qtbot, tmp_path, monkeypatch,
                                                                                  asked, empty_file):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    from bscp_desktop.services import backups

    team = _team_with_backup(tmp_path / "Records", empty_file)
    team.unlink()
    frame = QWidget()
    qtbot.addWidget(frame)
    frame.show()
    seen: dict = {}
    real = backups.restore_backup

    shown = threading.Event()

    def look() -> None:  # on the window's thread, which keeps answering while the restore runs
        if labels := [d.labelText() for d in QApplication.topLevelWidgets()
                      if isinstance(d, QProgressDialog) and d.isVisible()]:
            seen["labels"] = labels
            shown.set()
        else:
            QTimer.singleShot(10, look)

    def restore(*args, **kwargs):
        seen["thread"] = threading.current_thread()
        seen["window answered"] = shown.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "restore_backup", restore)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a: (QTimer.singleShot(0, look), items[0], True)[1:]))
    asked.answers = [database_choice.RESTORE]
    assert database_choice.when_last_is_missing(team, frame) == (team, False)
    assert seen["thread"] is not threading.main_thread() and seen["window answered"]
    assert any(label.startswith(f"Restoring {team.name} from ") for label in seen["labels"])
    assert team.is_file()
