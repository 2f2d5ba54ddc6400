"""Data safety through the window: where File > Export may write, and restores that check
the backup first and list only this file's backups."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from bscp_desktop import paths
from bscp_desktop.app import make_application, open_database
from bscp_desktop.db.database import Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import damaged_database
from tests.ui.helpers import start_window


@pytest.fixture
def window(qtbot, tmp_path, request):
    make_application()
    folder = tmp_path / "work"
    folder.mkdir()
    db = open_database(folder / getattr(request, "param", "bscp.sqlite3"))
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    win = start_window(qtbot, db)
    yield win
    win.db.close()


def _export_action(window):
    window.export_menu.popup(window.geometry().center())  # File > Export opened, as a user does
    window.export_menu.close()
    for action in window.export_menu.actions():
        if action.text().startswith("Memberships workbook"):
            return action
    raise AssertionError("no Memberships workbook entry in File > Export")


@pytest.fixture
def dialogs(monkeypatch):
    """Record error messages and confirmations instead of showing them."""
    seen = {"errors": [], "questions": [], "answer": False}
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.show_error",
                        lambda parent, title, problem: seen["errors"].append(str(problem)))

    def ask(parent, title, text):
        seen["questions"].append(text)
        return seen["answer"]

    monkeypatch.setattr("bscp_desktop.ui.common.outputs.confirm", ask)
    return seen


def _choose(monkeypatch, target):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))


@pytest.mark.parametrize("window", ["Members.xlsx"], indirect=True)  # a database named like a workbook
def test_export_onto_the_database_or_its_files_is_refused_in_a_sentence(window, dialogs, monkeypatch, qtbot):
    db_path = window.db.path
    link = db_path.parent / "link.xlsx"
    link.symlink_to(db_path.parent / "elsewhere.xlsx")
    backup = backups.backup_now(db_path)
    folder = db_path.parent / "Exports.xlsx"
    folder.mkdir()
    other = db_path.parent / "Other.xlsx"
    Database.open(other).close()
    targets = {
        db_path: "database itself",
        backup.with_name("Copy.xlsx"): "backup folder",
        link: "symbolic link",
        folder: "folder",
        other: "is a database",
    }
    for target, words in targets.items():
        before = target.read_bytes() if target.is_file() and not target.is_symlink() else None
        dialogs["errors"].clear()
        _choose(monkeypatch, target)
        _export_action(window).trigger()
        assert len(dialogs["errors"]) == 1 and words in dialogs["errors"][0], (target, dialogs["errors"])
        assert dialogs["errors"][0].endswith(".")
        if before is not None:
            assert target.read_bytes() == before
    assert not dialogs["questions"]
    assert link.is_symlink()
    assert [o.name for o in ms.list_organisations(window.db)] == ["Brent Council"]


def test_an_existing_file_is_replaced_only_when_the_user_agrees(window, dialogs, monkeypatch, qtbot, tmp_path):
    out = tmp_path / "Memberships.xlsx"
    out.write_bytes(b"last week's workbook")
    _choose(monkeypatch, tmp_path / "Memberships")  # the program adds .xlsx: the dialog never saw that name
    dialogs["answer"] = False
    _export_action(window).trigger()
    assert len(dialogs["questions"]) == 1 and "already exists" in dialogs["questions"][0]
    assert out.read_bytes() == b"last week's workbook"
    saved = []
    monkeypatch.setattr(window.statusBar(), "showMessage", lambda text, *a: saved.append(text))
    dialogs["answer"] = True
    _export_action(window).trigger()
    qtbot.waitUntil(lambda: bool(saved), timeout=60000)
    assert out.read_bytes().startswith(b"PK")
    assert not dialogs["errors"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_name_the_file_dialog_already_asked_about_is_not_asked_again(window, dialogs, monkeypatch, qtbot, tmp_path):
    out = tmp_path / "Memberships.xlsx"
    out.write_bytes(b"old")
    _choose(monkeypatch, out)  # Qt's own dialog asks before it returns an existing name
    saved = []
    monkeypatch.setattr(window.statusBar(), "showMessage", lambda text, *a: saved.append(text))
    _export_action(window).trigger()
    qtbot.waitUntil(lambda: bool(saved), timeout=60000)
    assert not dialogs["questions"] and out.read_bytes().startswith(b"PK")


# ------------------------------------------------------------------ restore


def _restore_from_file(window, monkeypatch, source, problems):
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][-1], True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: True)
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.show_error",
                        lambda parent, title, problem: problems.append(str(problem)))
    window.restore_backup()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["another program's", "damaged", "text"])
def test_restore_refuses_a_foreign_or_broken_backup_and_keeps_working(window, monkeypatch, tmp_path, kind):
    bad = tmp_path / "bad.sqlite3"
    if kind == "another program's":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        con.commit()
        con.close()
    elif kind == "damaged":
        damaged_database(bad)
    else:
        bad.write_text("not a database at all")
    db_path = window.db.path
    problems = []
    before = {p.name for p in db_path.parent.iterdir()}
    _restore_from_file(window, monkeypatch, bad, problems)
    assert len(problems) == 1 and "nothing was restored" in problems[0]
    assert problems[0].count(". ") == 0  # one sentence
    # The window still has its database open, with its records; nothing was swapped.
    assert [o.name for o in ms.list_organisations(window.db)] == ["Brent Council"]
    assert {p.name for p in db_path.parent.iterdir()} == before
    assert backups.list_backups(db_path) == []


@pytest.mark.slow
def test_restore_lists_only_this_files_backups(window, monkeypatch, tmp_path):
    twin = tmp_path / "elsewhere" / "bscp.sqlite3"
    twin.parent.mkdir()
    with Database.open(twin) as other:
        ms.create_organisation(other, ms.OrganisationFields("Twin record", "other"))
    twin_backup = backups.backup_now(twin)
    window.backup_now()
    offered = []

    def get_item(parent, title, label, items, *rest, **kw):
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: True)
    ms.create_organisation(window.db, ms.OrganisationFields("Added after", "other"))
    window.restore_backup()
    assert len(offered) == 2 and offered[-1] == "Choose a backup file…"
    assert twin_backup.name not in offered[0]
    assert [o.name for o in ms.list_organisations(window.db)] == ["Brent Council"]
    assert twin_backup.parent == paths.backup_dir()


# ------------------------------------------------------------------ far dates


@pytest.mark.slow
def test_far_dates_from_an_earlier_version_never_hide_a_list(qtbot, tmp_path, monkeypatch, demo_file):
    from bscp_desktop.ui.common.list_page import RecordListPage
    from bscp_desktop.ui.common.sections import Sections
    from tests.safety.helpers import far_dated_demo

    path = far_dated_demo(tmp_path / "far.sqlite3", demo_file)
    problems = []
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.show_error",
                        lambda parent, title, problem: problems.append(str(problem)))
    make_application()
    win = start_window(qtbot, open_database(path, create=False))
    pages = 0
    try:
        for i in range(win.tabs.count()):
            win.tabs.setCurrentIndex(i)
            sections = getattr(win.tabs.widget(i), "sections", None)
            for j in range(sections.count() if isinstance(sections, Sections) else 0):
                sections.page_at(j)  # every page, not only those shown so far
            for page in win.tabs.widget(i).findChildren(RecordListPage):
                page.show_archived.setChecked(True)
                page.set_predicate(None)  # a page's own "Show:" choice (open cases only...) hides none either
                page.reload()
                assert page.model.rowCount() == len(page.spec.load(page.db, page.query())), page.noun
                for row in range(page.model.rowCount()):  # every cell can be shown...
                    for column in range(page.model.columnCount()):
                        page.model.data(page.model.index(row, column))
                for column in range(page.model.columnCount()):  # ...and sorted on
                    page.proxy.sort(column)
                pages += 1
    finally:
        win.db.close()
    assert pages >= 20 and not problems


@pytest.mark.parametrize("window", ["Members.xlsx"], indirect=True)  # a database named like a workbook
def test_an_agency_return_is_never_written_over_the_database(window, dialogs, monkeypatch, tmp_path):
    from bscp_desktop.importers import audits as audit_returns
    from bscp_desktop.ui.audits import returns as return_dialogs

    written = []
    monkeypatch.setattr(audit_returns, "write_s11_template", lambda *a: written.append(a))
    monkeypatch.setattr(return_dialogs, "tell", lambda *a: None)
    db_path = window.db.path
    before = db_path.read_bytes()
    in_backups = backups.backup_now(db_path).with_name("Return.xlsx")
    for target, words in ((db_path, "database itself"), (in_backups, "backup folder")):
        dialogs["errors"].clear()
        _choose(monkeypatch, target)
        assert return_dialogs.write_return(window, window.db, "s11", 1, ("Brent Council", 1), "Cycle") is None
        assert len(dialogs["errors"]) == 1 and words in dialogs["errors"][0], dialogs["errors"]
    assert written == [] and db_path.read_bytes() == before
    out = tmp_path / "Return.xlsx"
    out.write_bytes(b"sent last year")
    _choose(monkeypatch, tmp_path / "Return")  # a suffix added: the dialog never asked about Return.xlsx
    dialogs["answer"] = False
    assert return_dialogs.write_return(window, window.db, "s11", 1, ("Brent Council", 1), "Cycle") is None
    assert len(dialogs["questions"]) == 1 and written == []


@pytest.mark.parametrize("typed", ["01/01/3000", "31/12/1899"])
def test_a_far_date_typed_in_a_dialog_is_refused_beside_its_field(qtbot, db, world, typed):
    from PySide6.QtCore import Qt

    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.tab import MeetingsTab

    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    dialog = tab.meetings.new_dialog(tab.meetings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.group.set_current_id(world.forum.id)
    qtbot.keyClicks(dialog.day.line, typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    shown = " ".join(label.text() for label in dialog.error_labels.values()) + dialog.status.text()
    assert f"Date: '{typed}' is outside the years 1900 to 2200" in shown, shown  # names the field
    assert dialog.isVisible() and mt.list_meetings(db) == []
