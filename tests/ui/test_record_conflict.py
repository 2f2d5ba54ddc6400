"""The window when someone else saved a record first: the dialog says who and when, and offers
Reload and Compare (two connections to one file stand for two officers)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLineEdit

from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance import spending
from bscp_desktop.ui.finance.dialogs import ExpenseDialog
from bscp_desktop.ui.memberships.dialogs import PersonDialog


def _fields(p, **changes):
    return replace(ms.PersonFields(p.name, p.job_title, p.organisation_id, p.email, p.phone, p.notes), **changes)


def test_a_stale_save_in_a_dialog_names_who_saved_first_and_reload_shows_their_values(
    qtbot, demo_db, theirs, answered, monkeypatch, tmp_path
):
    shown, _answer = answered
    person = ms.list_people(demo_db)[0]
    dialog = PersonDialog(demo_db, person)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs.user = "Jane Smith"
    ms.update_person(theirs, person.id, _fields(person, phone="020 8937 1234", job_title="Director"))

    dialog.findChild(QLineEdit, "phone").setText("07700 900123")
    dialog._on_save()

    assert len(shown) == 1 and dialog.isVisible()  # not saved, still open
    message = shown[0].message.text()
    assert "Jane Smith changed the person" in message and person.name in message
    assert "after you opened it" in message and "not been saved" in message
    table = shown[0].table
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert rows["Phone"] == ("07700 900123", "020 8937 1234")
    assert rows["Job title"] == (person.job_title, "Director")
    assert "Saved by Jane Smith" in table.horizontalHeaderItem(2).text()
    shown[0].grab().save(str(tmp_path / "conflict.png"))
    # Reload: the fields show what Jane saved; saving again now goes through
    assert dialog.findChild(QLineEdit, "phone").text() == "020 8937 1234"
    assert dialog.findChild(QLineEdit, "job_title").text() == "Director"
    assert "Reloaded" in dialog.status.text()
    dialog.findChild(QLineEdit, "notes") or None
    dialog.findChild(QLineEdit, "phone").setText("07700 900123")
    dialog._on_save()
    assert len(shown) == 1
    saved = next(p for p in ms.list_people(demo_db) if p.id == person.id)
    assert (saved.phone, saved.job_title) == ("07700 900123", "Director")


def test_keep_editing_leaves_the_users_values_and_saves_nothing(qtbot, demo_db, theirs, answered, monkeypatch):
    shown, answer = answered
    answer["button"] = "keep"
    person = ms.list_people(demo_db)[1]
    dialog = PersonDialog(demo_db, person)
    qtbot.addWidget(dialog)
    dialog.show()
    ms.update_person(theirs, person.id, _fields(person, phone="1"))
    dialog.findChild(QLineEdit, "phone").setText("2")
    dialog._on_save()
    assert len(shown) == 1 and dialog.findChild(QLineEdit, "phone").text() == "2"
    assert next(p for p in ms.list_people(demo_db) if p.id == person.id).phone == "1"


def test_a_dialog_of_another_area_is_covered_by_the_same_check(qtbot, demo_db, theirs, answered, monkeypatch):
    """An expense's DTO carries no version: the dialog holds the version saved when it opened."""
    shown, _answer = answered
    expense = spending.list_expenses(demo_db)[0]
    dialog = ExpenseDialog(demo_db, expense)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs.user = "Jane Smith"
    spending.update_expense(theirs, expense.id, replace(expense.to_fields(), payee="Jane's payee"))
    dialog._on_save()
    assert len(shown) == 1 and "Jane Smith" in shown[0].message.text()
    assert spending.get_expense(demo_db, expense.id).payee == "Jane's payee"


def test_a_time_field_shows_and_takes_the_time_of_a_saved_date_and_time(qtbot):
    """Reload or Compare on a meeting whose end someone else moved: the history keeps the whole
    date and time; the Ends at field shows and takes its hours and minutes."""
    from datetime import time

    from bscp_desktop.ui.common.conflict import history_text, set_from_text, widget_state, widget_text
    from bscp_desktop.ui.common.editors import TimeEdit

    edit = TimeEdit(time(9, 0))
    qtbot.addWidget(edit)
    assert history_text(edit, "2026-12-10 16:30:00") == "16:30"
    set_from_text(edit, "2026-12-10 16:30:00")
    assert edit.value() == time(16, 30) and widget_text(edit) == "16:30" and widget_state(edit) == time(16, 30)


def test_a_record_archived_meanwhile_is_said_to_be_archived_in_words_and_local_time(
    qtbot, demo_db, theirs, answered
):
    """Archived by someone else after the dialog opened: the refusal says "archived" with the
    day and time as this computer shows them, and Compare says so in words, not as a raw moment."""
    from bscp_desktop.domain.validation import local_time

    shown, _answer = answered
    expense = spending.list_expenses(demo_db)[0]
    dialog = ExpenseDialog(demo_db, expense)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs.user = "Jane Smith"
    spending.archive_expense(theirs, expense.id)
    dialog._on_save()
    refusal = shown[0].refusal
    archived = next(c for c in refusal.later if c.field == "archived_at")
    message = shown[0].message.text()
    assert message.startswith("Jane Smith archived this expense on ") or "Jane Smith archived the expense" in message
    assert f"{local_time(archived.changed_at):%d/%m/%Y at %H:%M}" in message and "archived record" in message
    rows = [[shown[0].table.item(r, k).text() for k in range(3)] for r in range(shown[0].table.rowCount())]
    assert ["Archived", "No", f"Yes, archived by Jane Smith (on {local_time(archived.changed_at):%d/%m/%Y})"] in rows
    assert not any(archived.value in text for row in rows for text in row)


@pytest.mark.slow
def test_reload_after_a_theme_added_meanwhile_shows_the_theme_and_the_next_save_keeps_it(
    qtbot, demo_db, theirs, answered, monkeypatch
):
    """Another officer adds a theme to the case after the dialog opened: the officer's save is
    refused, Reload ticks the theme (read again with the whole case), and saving again keeps it."""
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

    shown, _answer = answered
    case = cr.get_case_review(demo_db, next(c for c in cr.list_case_reviews(demo_db) if not c.closed).id)
    dialog = CaseReviewDialog(demo_db, case)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs.user = "Jane Smith"
    cr.update_case_review(theirs, case.id, replace(case.to_fields(), themes=(*case.themes, "Exploitation online")))

    dialog.summary.setPlainText("Mine, typed before Jane saved.")
    dialog._on_save()
    assert len(shown) == 1 and "Jane Smith" in shown[0].message.text()
    assert "Exploitation online" in dialog.themes.checked()  # Reload: the case as saved now
    assert set(dialog.themes.checked()) == {*case.themes, "Exploitation online"}

    dialog.summary.setPlainText("Mine, again after Reload.")
    dialog._on_save()
    assert len(shown) == 1 and dialog.result() == dialog.DialogCode.Accepted
    saved = cr.get_case_review(demo_db, case.id)
    assert "Exploitation online" in saved.themes and saved.summary == "Mine, again after Reload."


@pytest.mark.slow
def test_reload_after_another_name_added_meanwhile_shows_it_and_the_next_save_keeps_it(
    qtbot, demo_db, theirs, answered
):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.memberships.dialogs import OrganisationDialog

    shown, _answer = answered
    org = next(o for o in ms.list_organisations(demo_db) if o.name == "Brent Council")
    dialog = OrganisationDialog(demo_db, org)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs.user = "Jane Smith"
    ms.update_organisation(theirs, org.id, ms.OrganisationFields(org.name, org.kind, org.short_name, org.parent_id,
                                                             (*org.aliases, "LB Brent")))

    dialog.short_name.setText("BC")
    dialog._on_save()
    assert len(shown) == 1 and "Jane Smith" in shown[0].message.text()
    assert "LB Brent" in dialog.aliases.toPlainText().splitlines()  # Reload: the organisation as saved now
    dialog.short_name.setText("BC")
    dialog._on_save()
    assert len(shown) == 1 and dialog.result() == dialog.DialogCode.Accepted
    saved = next(o for o in ms.list_organisations(demo_db) if o.id == org.id)
    assert "LB Brent" in saved.aliases and saved.short_name == "BC"


@pytest.mark.parametrize("key", ["space", "enter"])
def test_the_next_keystroke_of_someone_typing_keeps_their_words(qtbot, key, tmp_path):
    """The question comes up while the minute-taker types: their next Space or Enter closes it
    with Keep editing, never Reload (which would drop their words)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton

    from bscp_desktop.domain.validation import RecordChanged
    from bscp_desktop.ui.common.conflict import ask_about_text
    from tests.ui.helpers import when_modal

    seen: dict[str, object] = {}

    def press(box):
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is box)
        focus = QApplication.focusWidget()
        seen["focus"] = focus.text() if isinstance(focus, QPushButton) else type(focus).__name__
        seen["default"] = [b.text() for b in box.findChildren(QPushButton) if b.isDefault()]
        seen["auto"] = [b.text() for b in box.findChildren(QPushButton) if b.autoDefault()]
        box.grab().save(str(tmp_path / "conflict.png"))
        qtbot.keyClick(focus, Qt.Key.Key_Space if key == "space" else Qt.Key.Key_Return)

    refusal = RecordChanged("agenda item", "Neglect strategy", "Jane Smith", None)
    when_modal(press)
    answer = ask_about_text(None, refusal, "Minutes", "Tom's words", "Jane's words")
    assert answer == 0  # keep editing: nothing dropped, nothing saved
    assert seen["focus"] == "Keep editing"
    assert seen["default"] == ["Keep editing"]
    assert seen["auto"] == []


def test_a_box_of_text_is_compared_and_restored_with_its_no_break_spaces_as_typed(qtbot, demo_db):
    """"10 000" typed with a no-break space is a change from "10 000" with an ordinary one:
    Compare shows it, closing asks about it, and restoring the box keeps it."""
    from bscp_desktop.ui.common.conflict import restore_state, widget_state, widget_text

    dialog = PersonDialog(demo_db, ms.list_people(demo_db)[0])
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Budget 10 000\nSecond line")
    dialog.show()
    dialog.remember_shown()
    dialog.notes.setPlainText("Budget 10\u00a0000\nSecond line")
    assert widget_text(dialog.notes) == "Budget 10\u00a0000\nSecond line"
    assert dialog.changed_fields() == ["Notes"]
    state = widget_state(dialog.notes)
    dialog.notes.setPlainText("")
    restore_state(dialog.notes, state)
    assert widget_text(dialog.notes) == "Budget 10\u00a0000\nSecond line"
