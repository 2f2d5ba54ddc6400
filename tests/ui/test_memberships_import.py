"""Importing and exporting from the Memberships tab, with the file dialogs stood in for."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import saved_box, table_texts


@pytest.fixture
def tab(qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "LBB"))
    widget = MembershipsTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def wait_for_result(qtbot, bar):
    qtbot.waitUntil(lambda: bar.result_dialog is not None and bar.result_dialog.isVisible(), timeout=20000)
    return bar.result_dialog


def test_import_people_through_the_button(tab, qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    path.write_text(
        "Full name,Organisation,Email\nNguyễn Thị Ánh,LBB,anh@brent.gov.uk\nÓ Súilleabháin,Brent Council,\n",
        encoding="utf-8-sig",
    )
    choose_file(monkeypatch, path)
    bar = tab.import_bar
    assert bar.import_people_button.accessibleName() == "Import people"
    qtbot.mouseClick(bar.import_people_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_result(qtbot, bar)
    assert dialog.summary.text() == "Imported people from people.csv: 2 rows; 2 added, 0 updated, 0 unchanged."
    assert dialog.bad_rows == []
    assert tab.sections.currentWidget() is tab.people
    assert sorted(table_texts(tab.people)) == ["Nguyễn Thị Ánh", "Ó Súilleabháin"]
    assert table_texts(tab.people, 2) == ["Brent Council", "Brent Council"]
    dialog.reject()


def test_bad_file_shows_every_problem_and_imports_nothing(tab, qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nGood Person,good@example.org\nBad,x\n,blank@example.org\n", encoding="utf-8")
    choose_file(monkeypatch, path)
    qtbot.mouseClick(tab.import_bar.import_people_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_result(qtbot, tab.import_bar)
    assert dialog.summary.text().startswith("Nothing imported from people.csv: 2 of 3 rows have problems")
    assert dialog.details.toPlainText().splitlines() == [
        "Row 3: Email 'x' is not a valid email address (for example name@brent.gov.uk).",
        "Row 4: Name is required.",
    ]
    assert dialog.details.accessibleName() == "Problems by row"
    assert ms.list_people(db) == []
    assert table_texts(tab.people) == []
    dialog.reject()


def test_unreadable_file_shows_one_message(tab, qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"not a workbook")
    choose_file(monkeypatch, path)
    shown = []
    monkeypatch.setattr(
        "bscp_desktop.ui.common.file_import.show_error",
        lambda parent, title, exc: shown.append((title, str(exc))),
    )
    qtbot.mouseClick(tab.import_bar.import_organisations_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0][0] == "Could not import organisations"
    assert "is not a valid Excel workbook" in shown[0][1]
    assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]


def test_import_organisations_then_template(tab, qtbot, db, tmp_path, monkeypatch):
    path = tmp_path / "orgs.csv"
    path.write_text("Name;Kind\nØrsted Youth Trust;Voluntary and community\n", encoding="utf-8")
    choose_file(monkeypatch, path)
    qtbot.mouseClick(tab.import_bar.import_organisations_button, Qt.MouseButton.LeftButton)
    wait_for_result(qtbot, tab.import_bar).reject()
    assert tab.sections.currentWidget() is tab.organisations
    assert sorted(table_texts(tab.organisations)) == ["Brent Council", "Ørsted Youth Trust"]

    template = tmp_path / "blank.xlsx"
    choose_file(monkeypatch, template)
    tab.import_bar.people_template_action.trigger()
    assert [c.value for c in load_workbook(template)["People"][1]] == [
        "Name", "Job title", "Organisation", "Email", "Phone", "Notes",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("index,sheet", [(0, "People")])
def test_export_actions_write_workbooks(qtbot, db, tmp_path, monkeypatch, index, sheet):
    ms.create_person(db, ms.PersonFields("Çelik", email="celik@example.org"))
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = MembershipsTab(db, window)
    window.setCentralWidget(tab)
    actions = tab.export_actions()
    assert [a.text() for a in actions] == [  # the change history is File > Export's (every area's)
        "Memberships workbook…", "Members of each group (PDF)…",
    ]
    out = tmp_path / "export"  # the suffix is added
    choose_file(monkeypatch, out)
    actions[index].trigger()
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=60000)
    box = saved_box()
    assert [b.text() for b in box.buttons() if b.text() != "Close"] == ["Open", "Print", "Show in folder"]
    box.close()
    wb = load_workbook(out.with_suffix(".xlsx"))
    assert sheet in wb.sheetnames
    assert any("Çelik" in str(v) for row in wb[sheet].iter_rows(values_only=True) for v in row)


def test_the_memberships_workbook_imported_as_people_says_its_other_sheets_were_not_read(tab, qtbot, db, tmp_path,
                                                                                         monkeypatch):
    from bscp_desktop import jobs

    council = ms.find_organisation(db, "Brent Council")
    ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council.id, email="ann@brent.gov.uk"))
    path = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    choose_file(monkeypatch, path)
    qtbot.mouseClick(tab.import_bar.import_people_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_result(qtbot, tab.import_bar)
    assert dialog.summary.text().startswith("Imported people from Memberships.xlsx: 1 row; 0 added")
    assert dialog.details.isVisible()
    assert dialog.details.toPlainText().endswith(
        "Only the sheet 'People' was read: nothing on the sheets 'Organisations', 'Groups', 'Memberships' "
        "and 'Confidentiality agreements' is imported.")
    dialog.reject()
