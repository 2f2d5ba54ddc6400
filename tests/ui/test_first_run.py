"""A first run that leads: the set-up checklist of an empty database, and dialogs whose pick
list is empty (issue: daily use, point 7)."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.app import make_application, open_database
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import settings as team_settings
from bscp_desktop.services.setup import setup_progress
from bscp_desktop.ui.meetings.dialogs import MeetingDialog
from bscp_desktop.ui.memberships.dialogs import MembershipDialog
from tests.ui.helpers import start_window, when_modal


@pytest.fixture
def window(qtbot, tmp_path, empty_file):
    make_application()
    db = open_database(shutil.copyfile(empty_file, tmp_path / "new.sqlite3"))  # a new database (a copy of the run's: no migrations run again)
    win = start_window(qtbot, db, size=(1280, 800))
    yield win
    win.db.close()


def marks(window):
    return {key: label.text() for key, label in window.checklist.marks.items()}


@pytest.mark.slow
def test_an_empty_database_opens_on_the_checklist_and_each_step_is_ticked(window, qtbot):
    checklist = window.checklist
    assert checklist.isVisible()
    assert set(marks(window).values()) == {"○"}
    assert checklist.summary.text().startswith("0 of 6 done. Next: name the partnership")

    def name_it(dialog):
        qtbot.keyClicks(dialog.name, "Brent Safeguarding Children Partnership")
        dialog._on_save()

    when_modal(name_it)
    checklist.buttons["partnership"].click()
    assert team_settings.partnership_name(window.db) == "Brent Safeguarding Children Partnership"
    assert marks(window)["partnership"] == "✓"

    def organisation(dialog):
        qtbot.keyClicks(dialog.name, "Brent Council")
        dialog.kind.setCurrentIndex(dialog.kind.findData(OrganisationKind.LOCAL_AUTHORITY))
        dialog._on_save()

    when_modal(organisation)
    checklist.buttons["organisations"].click()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Memberships"
    assert marks(window)["organisations"] == "✓"
    assert checklist.buttons["organisations"].text() == "Add another…"

    def person(dialog):
        qtbot.keyClicks(dialog.name, "Amara Okafor")
        dialog._on_save()

    when_modal(person)
    checklist.buttons["people"].click()

    def group(dialog):
        qtbot.keyClicks(dialog.name, "Safeguarding Children Forum")
        dialog._on_save()

    when_modal(group)
    checklist.buttons["groups"].click()

    def membership(dialog):
        assert isinstance(dialog, MembershipDialog)
        dialog.person.set_current_id(ms.list_people(window.db)[0].id)
        dialog.group.set_current_id(ms.list_groups(window.db)[0].id)
        qtbot.keyClicks(dialog.start.line, "01/04/2024")
        dialog._on_save()

    when_modal(membership)
    checklist.buttons["memberships"].click()
    assert checklist.summary.text().startswith("5 of 6 done. Next: plan the first meeting")

    def first_meeting(dialog):
        assert isinstance(dialog, MeetingDialog)
        dialog.group.set_current_id(ms.list_groups(window.db)[0].id)
        qtbot.keyClicks(dialog.day.line, "11/07/2024")
        dialog._on_save()

    when_modal(first_meeting)
    checklist.buttons["meeting"].click()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Meetings"
    assert setup_progress(window.db).complete
    assert not checklist.isVisible()  # every step done: it goes away
    window.checklist_action.trigger()
    assert checklist.isVisible() and set(marks(window).values()) == {"✓"}


def test_hiding_the_checklist_is_remembered_for_that_database(window, qtbot, tmp_path):
    window.checklist.hide_by_user()
    assert not window.checklist.isVisible()
    window._build_tabs()  # as when the database is opened again
    assert not window.checklist.isVisible()
    window.checklist_action.trigger()
    assert window.checklist.isVisible()


def test_a_pick_list_with_nothing_to_pick_offers_to_add_it_first(window, qtbot):
    db = window.db
    dialog = MembershipDialog(db, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    notes = {label.text() for label in dialog.findChildren(type(dialog.status))}
    assert "No people yet: add the person who sits on the group first." in notes
    assert "No groups yet: add the group first." in notes

    def add_person(child):
        qtbot.keyClicks(child.name, "Amara Okafor")
        child._on_save()

    when_modal(add_person)
    next(b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "Add a person…").click()
    assert dialog.person.currentText() == "Amara Okafor" and dialog.person.current_id() is not None


def test_meeting_dialog_without_groups_offers_to_add_the_group(window, qtbot):
    dialog = MeetingDialog(window.db, None, window)
    qtbot.addWidget(dialog)
    dialog.show()

    def add_group(child):
        qtbot.keyClicks(child.name, "Executive Group")
        child._on_save()

    when_modal(add_group)
    button = next(b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "Add a group…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.group.currentText() == "Executive Group"
    assert dialog.title_edit.text() == "Executive Group"
    assert not button.isVisible()


def test_a_set_up_database_shows_no_checklist(qtbot, tmp_path, empty_file):
    make_application()
    db = open_database(shutil.copyfile(empty_file, tmp_path / "ready.sqlite3"))
    team_settings.set_partnership_name(db, "Brent Safeguarding Children Partnership")
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Amara Okafor", organisation_id=org.id))
    group = ms.create_group(db, ms.GroupFields("Forum", 2))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, datetime(2024, 4, 1).date()))
    mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2024, 7, 11, 10)))
    win = start_window(qtbot, db)
    try:
        assert not win.checklist.isVisible()
    finally:
        db.close()


def test_the_checklist_asks_whether_records_exist_not_how_many(tmp_path, empty_file):
    """Each step is one question that stops at the first record found: as quick on ten years of
    records as on a new file."""
    from sqlalchemy import event

    db = open_database(shutil.copyfile(empty_file, tmp_path / "steps.sqlite3"))
    try:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        asked: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda _c, _k, statement, *_a: asked.append(statement))
        progress = setup_progress(db)
        assert progress.steps == {"partnership": False, "organisations": True, "people": False, "groups": False,
                                  "memberships": False, "meeting": False}
        said = " ".join(asked).lower()
        assert "count(" not in said and said.count("exists") == 5
    finally:
        db.close()


def test_the_next_step_keeps_the_groups_names_capitals():
    from bscp_desktop.ui import setup_checklist

    groups = next(s for s in setup_checklist.STEPS if s.key == "groups")
    assert setup_checklist._first_lower(groups.text.split(":")[0]) == (
        "add the partnership's groups (the Executive, the Forum, sub-groups)")
