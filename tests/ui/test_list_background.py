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
