"""People and memberships through the window (issue: daily use, point 4)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.dialogs import PersonDialog
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import click_button, table_texts, type_text, when_modal


@pytest.fixture
def tab(qtbot, db, world):
    widget = MembershipsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def test_archiving_a_person_offers_to_end_their_memberships(tab, qtbot, db, world):
    page = tab.people
    tab.sections.setCurrentWidget(page)
    page.select_id(world.chair.id)
    seen = []

    when_modal(click_button("Archive and end memberships", seen))
    page.archive_action.trigger()
    assert "2 current memberships:" in seen[0] and "Safeguarding Children Forum (chair)" in seen[0]
    assert world.chair.name not in table_texts(page)
    today = date.today()
    assert all(m.end_date == today for m in ms.list_memberships(db) if m.person_id == world.chair.id)


def test_archive_only_leaves_memberships_running(tab, qtbot, db, world):
    page = tab.people
    tab.sections.setCurrentWidget(page)
    page.select_id(world.head.id)
    when_modal(click_button("Archive only"))
    page.archive_action.trigger()
    assert world.head.name not in table_texts(page)
    assert any(m.person_id == world.head.id and m.end_date is None for m in ms.list_memberships(db))


def test_new_membership_represents_the_persons_organisation_by_default(tab, qtbot, db, world):
    page = tab.memberships
    tab.sections.setCurrentWidget(page)
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(world.nurse.id)
    assert dialog.organisation.current_id() == world.icb.id
    dialog.person.set_current_id(world.inspector.id)
    assert dialog.organisation.current_id() == world.police.id
    dialog.organisation.set_current_id(world.council.id)
    dialog.organisation.activated.emit(dialog.organisation.currentIndex())  # the officer chose another
    dialog.person.set_current_id(world.nurse.id)
    assert dialog.organisation.current_id() == world.council.id  # their choice is kept


@pytest.mark.slow
def test_a_second_person_with_the_same_email_is_flagged_before_saving(tab, qtbot, db, world):
    ms.update_person(db, world.nurse.id, ms.PersonFields(world.nurse.name, organisation_id=world.icb.id,
                                                         email="wang.fang@nhs.net"))
    page = tab.people
    tab.sections.setCurrentWidget(page)
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "Fang Wang")
    qtbot.keyClicks(dialog.email, "Wang.Fang@nhs.net")
    qtbot.waitUntil(dialog.duplicate_box.isVisible, timeout=2000)
    assert "same e-mail address" in dialog.duplicate_note.text() and world.nurse.name in dialog.duplicate_note.text()
    # Save asks first; No keeps the dialog open with nothing saved
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    dialog._on_save()
    assert dialog.isVisible() and len(ms.list_people(db)) == 6
    # and the existing record can be opened instead
    when_modal(lambda d: d.reject())
    dialog.open_existing_button.click()
    assert isinstance(dialog.opened, PersonDialog) and dialog.opened.record.id == world.nurse.id
    assert not dialog.isVisible()


def test_same_name_in_the_same_organisation_is_flagged_and_can_be_saved_anyway(tab, qtbot, db, world):
    page = tab.people
    tab.sections.setCurrentWidget(page)
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Inspector Morse")
    dialog.organisation.set_current_id(world.police.id)
    dialog.look_for_duplicates()
    assert "same name at Metropolitan Police" in dialog.duplicate_note.text()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog._on_save()
    assert [p.name for p in ms.list_people(db)].count("Inspector Morse") == 2
