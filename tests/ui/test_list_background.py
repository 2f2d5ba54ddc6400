"""A list reads in a worker thread: the window is free meanwhile, and the rows, the filters'
choices and a record asked for while it read all arrive once it has read them."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab


@pytest.fixture
def people(qtbot, db, background_lists):
    for name in ("Ada Lovelace", "Grace Hopper", "Mary Seacole"):
        ms.create_person(db, ms.PersonFields(name=name))
    tab = MembershipsTab(db)
    qtbot.addWidget(tab)
    tab.sections.setCurrentWidget(tab.people)
    return tab.people


def test_a_slow_load_leaves_the_window_free_and_its_rows_arrive_by_signal(qtbot, people, monkeypatch):
    release = threading.Event()
    real_load = people.spec.load

    def slow(db, query):
        release.wait(10)  # the database is slow to answer
        return real_load(db, query)

    monkeypatch.setattr(people, "spec", dataclasses.replace(people.spec, load=slow))
    people.show()
    people.reload()  # returns at once, though nothing has been read yet
    assert people.loading()
    release.set()
    qtbot.waitUntil(lambda: not people.loading(), timeout=10_000)
    assert sorted(people.proxy.row_at(r).name for r in range(people.proxy.rowCount()))[:1] == ["Ada Lovelace"]


def test_only_the_latest_load_is_shown(qtbot, people):
    people.show()
    qtbot.waitUntil(lambda: not people.loading(), timeout=10_000)
    people.search.setText("")
    first = people._current_load
    people.reload()
    people.reload()
    assert people._current_load is not first
    qtbot.waitUntil(lambda: not people.loading(), timeout=10_000)
    assert people.model.rowCount() == 3


def test_a_record_asked_for_while_the_list_reads_is_selected_when_it_arrives(qtbot, people, db):
    person = ms.list_people(db)[1]
    people.show()
    people.show_record(person.id)
    qtbot.waitUntil(lambda: not people.loading() and people.selected() is not None, timeout=10_000)
    assert people.selected().id == person.id


def test_a_reload_leaves_a_filter_alone_when_its_choices_are_the_same(qtbot, db, background_lists):
    from bscp_desktop.ui.actions.log import ActionLogPage

    for name in ("Ada Lovelace", "Grace Hopper"):
        ms.create_person(db, ms.PersonFields(name=name))
    page = ActionLogPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    owners = page.owner_filter
    owners.setCurrentIndex(owners.findText("Grace Hopper"))
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    filled: list[int] = []
    owners.model().rowsInserted.connect(lambda _parent, first, last: filled.append(last - first + 1))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert filled == []  # the same owners: not filled again
    ms.create_person(db, ms.PersonFields(name="Mary Seacole"))  # a new owner to choose: filled again
    qtbot.waitUntil(lambda: not page.loading() and owners.findText("Mary Seacole") >= 0, timeout=10_000)
    assert filled and owners.currentText() == "Grace Hopper"  # the choice is kept


def test_a_filter_with_no_all_entry_is_read_at_its_first_choice_from_the_first_load(qtbot, db, background_lists,
                                                                                   monkeypatch):
    from bscp_desktop.services import actions as al
    from bscp_desktop.ui.actions.log import OPEN_OR_IN_PROGRESS, ActionLogPage

    asked: list[bool] = []
    real = al.list_action_log

    def counted(database, **options):
        asked.append(options["open_only"])
        return real(database, **options)

    monkeypatch.setattr(al, "list_action_log", counted)
    page = ActionLogPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    qtbot.wait(50)
    assert page.status_filter.currentData() == OPEN_OR_IN_PROGRESS
    assert asked == [True]  # one read, of the open actions the filter shows (not every action, then those)
