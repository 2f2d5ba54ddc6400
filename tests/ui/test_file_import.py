"""The one way to import a file from a tab (`ui/common/file_import.py`), as the audit returns
use it: straight to the import (a blank the program wrote), all or nothing, `on_done` after."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as returns
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.returns import ReturnImport
from bscp_desktop.ui.common import file_import
from tests.importers.test_audit_returns import _fill_s11


@pytest.fixture
def cycle(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [council.id])
    return cycle, council


def choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


@pytest.mark.slow
def test_a_return_goes_straight_to_the_import_and_says_what_it_added(qtbot, db, cycle, tmp_path, monkeypatch):
    cycle, council = cycle
    page = QWidget()
    qtbot.addWidget(page)
    out = returns.write_s11_template(db, cycle.id, council.id, tmp_path / "return.xlsx")
    _fill_s11(out, {1: ("Green", None, "Board minutes", None, None), 2: ("Amber", None, "Policy", None, None)})
    choose(monkeypatch, out)
    imported = []
    importer = ReturnImport(page, db, "s11", on_done=lambda: imported.append(True))
    importer.start()
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog.isVisible(), timeout=30000)
    assert importer.result_dialog.confirm_button is None  # no dry run first: imported at once
    assert "2 added" in importer.result_dialog.summary.text()
    assert importer.result_dialog.windowTitle() == "Import a Section 11 return"
    assert imported == [True]
    assert len([r for r in sr.list_ratings(db, cycle.id) if r.self_rating is not None]) == 2


def test_a_file_that_cannot_be_read_is_one_message_and_nothing_is_done(qtbot, db, cycle, tmp_path, monkeypatch):
    page = QWidget()
    qtbot.addWidget(page)
    bad = tmp_path / "return.xlsx"
    bad.write_bytes(b"not a workbook")
    choose(monkeypatch, bad)
    shown, imported = [], []
    monkeypatch.setattr(file_import, "show_error", lambda parent, title, exc: shown.append((title, str(exc))))
    ReturnImport(page, db, "s11", on_done=lambda: imported.append(True)).start()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert shown[0][0] == "Could not import a Section 11 return"
    assert imported == []


def test_the_importers_are_loaded_by_the_worker_never_the_window_s_thread(qtbot, db, cycle, tmp_path, monkeypatch):
    """The importers bring openpyxl with them: loading them the first time took about a second
    of the window's thread on a busy laptop, so the import's worker loads them."""
    import importlib.abc
    import sys
    import threading

    loaded_on: list[str] = []

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "bscp_desktop.importers":
                loaded_on.append(threading.current_thread().name)
            return None  # the usual finders load it

    monkeypatch.delitem(sys.modules, "bscp_desktop.importers")  # as on the first import since the start
    monkeypatch.setattr(sys, "meta_path", [Watch(), *sys.meta_path])
    cycle, council = cycle
    page = QWidget()
    qtbot.addWidget(page)
    out = returns.write_s11_template(db, cycle.id, council.id, tmp_path / "return.xlsx")
    _fill_s11(out, {1: ("Green", None, "Board minutes", None, None)})
    choose(monkeypatch, out)
    importer = ReturnImport(page, db, "s11")
    importer.start()
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog.isVisible(), timeout=30000)
    assert "1 added" in importer.result_dialog.summary.text()
    assert loaded_on and threading.main_thread().name not in loaded_on


@pytest.mark.slow
def test_a_file_saved_again_after_its_check_is_checked_again_not_imported_unseen(qtbot, db, tmp_path, monkeypatch):
    from bscp_desktop.services import finance as fin

    page = QWidget()
    qtbot.addWidget(page)
    path = tmp_path / "expenditure.csv"
    path.write_text("Date,Category,Payee,Amount\n01/05/2024,Events,Brent Civic Centre,120.00\n", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(file_import.QMessageBox, "information", staticmethod(lambda _w, _t, text: told.append(text)))
    importer = file_import.FileImporter(db, page, "expenditure", "Import expenditure", ("expense", "expenses"))
    importer.check(path)
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog.isVisible(), timeout=30000)
    checked = importer.result_dialog
    path.write_text("Date,Category,Payee,Amount\n01/05/2024,Events,Brent Civic Centre,9999.00\n"
                    "02/05/2024,Events,Printing,10.00\n", encoding="utf-8")  # saved again in Excel meanwhile
    checked.confirm_button.click()
    assert told == ["expenditure.csv has changed since it was checked, so nothing was imported: it is checked again now."]
    qtbot.waitUntil(lambda: importer.result_dialog is not None and importer.result_dialog is not checked
                    and importer.result_dialog.isVisible(), timeout=30000)
    assert fin.list_expenses(db) == []
    importer.result_dialog.confirm_button.click()  # the file as checked the second time
    qtbot.waitUntil(lambda: len(fin.list_expenses(db)) == 2, timeout=30000)


def test_an_audit_return_s_import_is_named_with_an(qtbot, db, tmp_path, monkeypatch):
    """The audit return's import was titled "Import a audit return"."""
    page = QWidget()
    qtbot.addWidget(page)
    bad = tmp_path / "return.xlsx"
    bad.write_bytes(b"not a workbook")
    choose(monkeypatch, bad)
    shown = []
    monkeypatch.setattr(file_import, "show_error", lambda parent, title, exc: shown.append(title))
    ReturnImport(page, db, "audit-return").start()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert shown == ["Could not import an audit return"]
