"""Training > Import… "Match the columns" driven through the window: the columns chosen are the
ones read, a corrected choice replaces the one remembered, the saved choices can be forgotten,
and a file whose first row is a title says which row (and sheet) was read."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook

from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.common.import_result import ImportResultDialog
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab, when_modal

MATCH = "Import bookings: match the columns"


@pytest.fixture
def tab(qtbot, db):
    return shown_tab(qtbot, TrainingTab(db, None))


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _choose(choices: dict[str, str | None], remember: bool, seen: list | None = None):
    """A handler for the dialog: each field to its heading (None: not in this file), then Check."""
    def handle(dialog):
        if seen is not None:
            seen.append(dialog)
        for key, heading in choices.items():
            dialog.combos[key].setCurrentIndex(max(dialog.combos[key].findData(heading), 0))
        dialog.remember.setChecked(remember)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return handle


def _checked(qtbot, tab, before=None) -> str:
    """The check's summary, or the message of the box saying the file could not be imported."""
    refused = []

    def close(box):
        refused.append(box.text())
        box.close()

    when_modal(close, "Could not")
    qtbot.waitUntil(lambda: refused or (isinstance(tab.importer.dialog, ImportResultDialog) and tab.importer.dialog
                                        is not before and tab.importer.dialog.isVisible()), timeout=10000)
    return refused[0] if refused else tab.importer.dialog.summary.text()


@pytest.mark.slow
def test_the_columns_chosen_are_the_only_ones_read(tab, qtbot, tmp_path):
    """'User' (a login ID) would be read as Delegate by its name, 'Status' as Outcome."""
    path = _csv(tmp_path / "lms_user.csv", [
        ["Course", "Session start", "Capacity", "User", "Full name", "Status"],
        ["Neglect basics", "12/03/2024 09:30", "20", "zbronte01", "Zoë Brontë", "Active user"],
        ["Neglect basics", "12/03/2024 09:30", "20", "jmuller02", "José Müller", "Active user"]])
    when_modal(_choose({"delegate": "Full name", "outcome": None}, remember=False), MATCH)
    tab.importer.start("bookings", path=path, always_map=True)
    summary = _checked(qtbot, tab)
    assert "will add 2 bookings" in summary, summary


@pytest.mark.slow
def test_a_corrected_choice_replaces_the_mistake_and_the_choices_can_be_forgotten(tab, qtbot, db, tmp_path):
    path = _csv(tmp_path / "lms_ids.csv", [
        ["Event Title", "When", "Places", "Person Ref", "Attendee Full Name"],
        ["Neglect basics", "12/03/2024 09:30", "20", "U1001", "Zoë Brontë"]])
    columns = {"course": "Event Title", "start": "When", "capacity": "Places"}
    when_modal(_choose({**columns, "delegate": "Person Ref"}, remember=True), MATCH)  # by mistake
    tab.importer.start("bookings", path=path)
    _checked(qtbot, tab)
    tab.importer.dialog.reject()
    mistake = tab.importer.dialog
    when_modal(_choose({**columns, "delegate": "Attendee Full Name"}, remember=True), MATCH)
    tab.importer.start("bookings", path=path, always_map=True)
    _checked(qtbot, tab, mistake)
    assert st.load_mapping(db, "bookings")["Attendee Full Name"] == "delegate"
    assert "Person Ref" not in st.load_mapping(db, "bookings")
    corrected = tab.importer.dialog
    corrected.reject()
    tab.importer.start("bookings", path=path)  # the ordinary import: the remembered columns, no dialog
    ordinary = _checked(qtbot, tab, corrected)
    assert "will add 1 booking" in ordinary, ordinary
    tab.importer.dialog.accept()
    qtbot.waitUntil(lambda: len(bk.list_bookings(db)) == 1, timeout=10000)
    assert bk.list_bookings(db)[0].delegate_name == "Zoë Brontë"

    seen = []

    def forget(dialog):
        seen.append(dialog.forget_button.isVisible())
        dialog.forget_button.click()
        seen.append((st.load_mapping(db, "bookings"), dialog.combos["capacity"].currentText(),
                     dialog.combos["course"].currentText(), dialog.forget_button.isEnabled()))
        dialog.reject()

    when_modal(forget, MATCH)
    tab.importer.start("bookings", path=path, always_map=True)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
    assert seen == [True, ({}, "Places", "(not in this file)", False)]  # only the built-in headings read now


@pytest.mark.slow
def test_no_forget_button_when_nothing_is_saved_and_the_row_read_is_named(tab, qtbot, tmp_path):
    path = tmp_path / "lms.xlsx"
    wb = Workbook()
    wb.active.title = "Instructions"
    wb.active["A1"] = "How to fill this in"
    wb.create_sheet("Attendance").append(["Course", "Session start", "Delegate"])
    wb.save(path)
    seen = []

    def look(dialog):
        seen.append((dialog.note.isVisible(), dialog.note.text(), dialog.forget_button.isVisible()))
        dialog.reject()

    when_modal(look, MATCH)
    tab.importer.start("bookings", path=path)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    shown, note, forget = seen[0]
    assert shown and not forget
    assert note.startswith("Row 1 of the sheet 'Instructions' holds: How to fill this in; none of it is a heading")
    assert "put the headings in the first row of the list's sheet" in note
