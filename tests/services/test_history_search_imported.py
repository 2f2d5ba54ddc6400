"""A search of the change log finds an imported record's fields exactly as it finds those of the
same record added on its own: only the fields the search finds, not every field of its one
entry (`db.history_bulk.record_inserts`), counted and paged by the rows shown."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines  # on a file (the full-text index) and on a team database (none)

@pytest.fixture
def people(db, tmp_path):
    """(the imported person's id, the same person added on their own)."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    path = tmp_path / "people.csv"
    path.write_text('Name,Job title,Organisation,Email,Phone,Notes\n'
                    'Ada Import,Analyst,Brent Council,ada@example.org,020 1234,"Line one\nline two"\n', encoding="utf-8")
    assert run_import(db, "people", path).added == 1
    [imported] = [p.id for p in ms.list_people(db)]
    own = ms.create_person(db, ms.PersonFields("Bea Own", "Analyst", council.id, "bea@example.org", "020 1234", "Line one\nline two"))
    return imported, own.id


def _found(db, typed: str, person_id: int) -> list[tuple[str, str]]:
    query = hs.ChangeQuery(search=typed)
    rows = hs.change_page(db, query).rows
    assert hs.count_changes(db, query) == len(rows), typed
    return [(c.action, c.field) for c in rows if c.table_name == "person" and c.record_id == person_id]


@pytest.mark.parametrize("typed", ["Analyst", "phone", "email", "020", "line two", "Analyst 1234", "Brent"])
def test_a_search_finds_the_fields_of_an_imported_record_as_of_one_added_on_its_own(db, people, typed):
    imported, own = people
    assert _found(db, typed, imported) == _found(db, typed, own)
    if typed in ("Analyst", "phone"):
        assert len(_found(db, typed, imported)) == 1


def test_pages_of_a_search_count_the_rows_they_show(db, people):
    query = hs.ChangeQuery(search="Analyst")
    walked, cursor = [], None
    while True:  # a page of one row at a time
        page = hs.change_page(db, query, cursor, limit=1)
        assert len(page.rows) == 1
        walked += [(c.id, c.field) for c in page.rows]
        if page.cursor is None:
            break
        cursor = page.cursor
    assert len(walked) == hs.count_changes(db, query) == 2
    assert {field for _id, field in walked} == {"job_title"}
