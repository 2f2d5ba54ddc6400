"""The change log's search finds a row by the word its What happened column shows ("Added",
"Changed", "Archived", "Restored"), which the history stores as a code (`insert`, `restore`)
that no full-text index holds: each row so shown, counted and paged as shown."""

from __future__ import annotations

import pytest

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.memberships import Person
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history_search import DONE, codes_shown, index_finds

# Run on a database file (the full-text index leads) and on the test PostgreSQL server (no index)
pytestmark = pytest.mark.both_engines


def test_a_word_of_what_happened_is_read_as_the_actions_it_shows():
    assert codes_shown("restored")[DONE] == codes_shown("restore")[DONE] == ("restore",)
    assert codes_shown("added")[DONE] == ("insert",) and codes_shown("changed")[DONE] == ("update",)
    assert DONE not in codes_shown("members") and DONE not in codes_shown("zebra")
    # an archive or a restore always sets one field, by which the index finds it; the others not
    assert index_finds(codes_shown("archived")) and index_finds(codes_shown("restored"))
    assert not index_finds(codes_shown("added")) and not index_finds(codes_shown("changed"))


def _every_page(db, query: hs.ChangeQuery, size: int) -> list[hs.ChangeDTO]:
    rows, cursor = [], None
    while True:
        page = hs.change_page(db, query, cursor, size)
        rows += page.rows
        if page.cursor is None:
            return rows
        cursor = page.cursor


def _found(db, typed: str, **filters) -> list[tuple[str, str, str]]:
    """(What happened, record, field) of every row found, after checking that the count and the
    pages, one row or three at a time, say the same."""
    query = hs.ChangeQuery(search=typed, **filters)
    rows = [(r.action_label, r.record_name, r.field_label) for r in hs.change_page(db, query).rows]
    assert hs.count_changes(db, query) == len(rows), typed
    for size in (1, 3):
        assert [(r.action_label, r.record_name, r.field_label) for r in _every_page(db, query, size)] == rows, typed
    return rows


@pytest.mark.slow
def test_archived_and_restored_rows_are_found_by_their_words(db):
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", "Officer"))
    al = ms.create_person(db, ms.PersonFields("Al Smith", "Nurse", notes="Restored to the list"))
    for person in (jo, al):
        ms.archive_person(db, person.id)
    ms.restore_person(db, jo.id)
    assert _found(db, "Restored") == [("Restored", "Jo Bloggs", "Archived"),
                                      ("Added", "Al Smith", "Notes")]  # the word in what was typed, too
    assert _found(db, "restored jo") == [("Restored", "Jo Bloggs", "Archived")]
    assert _found(db, "Archived") == [("Restored", "Jo Bloggs", "Archived"), ("Archived", "Al Smith", "Archived"),
                                      ("Archived", "Jo Bloggs", "Archived")]
    assert _found(db, "Restored", record=("person", jo.id)) == [("Restored", "Jo Bloggs", "Archived")]


@pytest.mark.slow
def test_added_and_changed_rows_are_found_by_their_words(db):
    jo = ms.create_person(db, ms.PersonFields("Jo Bloggs", "Officer"))
    ms.update_person(db, jo.id, ms.PersonFields("Jo Bloggs", "Senior officer"))
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        add_new(session, Person, [{"name": "Al Imported", "job_title": "Nurse"}])
    added = [("Added", "Al Imported", "Job title"), ("Added", "Al Imported", "Name"),
             ("Added", "Jo Bloggs", "Job title"), ("Added", "Jo Bloggs", "Name")]
    assert sorted(_found(db, "Added")) == added
    assert _found(db, "Changed") == [("Changed", "Jo Bloggs", "Job title")]
    assert sorted(_found(db, "added jo")) == added[2:]
    assert _found(db, "Changed", record=("person", jo.id)) == [("Changed", "Jo Bloggs", "Job title")]
