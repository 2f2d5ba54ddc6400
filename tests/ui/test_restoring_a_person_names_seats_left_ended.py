"""Restoring a person on the People page puts back the seats archiving them ended, and says which
could not be put back and why."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import when_modal


@pytest.fixture
def tab(qtbot, db):
    widget = MembershipsTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _panel(db):
    group = ms.create_group(db, ms.GroupFields("Test Panel", 3))
    alice, carol = (ms.create_person(db, ms.PersonFields(name)) for name in ("Alice Adams", "Carol Cole"))
    ms.create_membership(db, ms.MembershipFields(alice.id, group.id, Role.MEMBER, date(2023, 4, 1)))
    deputy = ms.create_membership(db, ms.MembershipFields(carol.id, group.id, Role.DEPUTY, date(2023, 4, 1),
                                                          deputy_for_id=alice.id))
    return alice, carol, deputy


def _restore(tab, person_id: int) -> None:
    page = tab.people
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    page.reload()
    page.select_id(person_id)
    page.restore_action.trigger()


def _end_of(db, seat_id: int) -> date | None:
    return next(m for m in ms.list_memberships(db) if m.id == seat_id).end_date


def test_a_seat_left_ended_is_named_when_the_person_is_restored(tab, qtbot, db):
    alice, carol, deputy = _panel(db)
    ms.archive_person(db, alice.id)
    ms.archive_person(db, carol.id)  # the deputy has left too: her seat for Alice stays ended
    seen = []

    def read_and_close(box):
        seen.append((box.windowTitle(), box.text()))
        box.accept()

    when_modal(read_and_close, "Person restored")
    _restore(tab, alice.id)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    title, text = seen[0]
    assert title == "Person restored"
    assert text.startswith("Alice Adams is restored, but 1 membership that ended when they were archived was not "
                           "put back:")
    assert f"Carol Cole's seat as deputy for Alice Adams on Test Panel (from 01/04/2023 to {date.today():%d/%m/%Y})" in text
    assert "Carol Cole is archived. Restore Carol Cole on the People page" in text
    assert not next(p for p in ms.list_people(db) if p.id == alice.id).archived
    assert _end_of(db, deputy.id) == date.today()


def test_restoring_a_person_puts_their_deputys_seat_back_without_a_message(tab, qtbot, db, monkeypatch):
    alice, _carol, deputy = _panel(db)
    ms.archive_person(db, alice.id)
    shown = []
    monkeypatch.setattr("bscp_desktop.ui.memberships.tab.QMessageBox.exec", lambda box: shown.append(box.text()))
    _restore(tab, alice.id)
    assert shown == []
    assert _end_of(db, deputy.id) is None
