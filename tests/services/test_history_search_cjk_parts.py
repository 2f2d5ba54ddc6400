"""The change log's search found a person named 王小明 by the whole name but not by 王 or 小明,
though the main search finds both: each Chinese character, kana or Korean syllable is a word of
its own in either search (`domain.search`)."""

from __future__ import annotations

import pytest

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.memberships import Person
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import search as finder

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _names(db, typed: str) -> set[str]:
    query = hs.ChangeQuery(search=typed)
    rows = hs.change_page(db, query).rows
    assert hs.count_changes(db, query) == len(rows)
    return {r.new_value for r in rows if r.field == "name"}


def test_a_name_written_without_spaces_is_found_by_any_of_its_characters(db):
    ms.create_person(db, ms.PersonFields("王小明"))
    ms.create_person(db, ms.PersonFields("Nurse 李芳"))
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        add_new(session, Person, [{"name": "김민준", "job_title": "Social worker"}])
    assert {h.title for h in finder.search(db, "小明").hits} == {"王小明"}  # as the main search finds it
    for typed in ("王小明", "王", "小明", "明", "王 明"):
        assert _names(db, typed) == {"王小明"}, typed
    assert _names(db, "芳") == _names(db, "李") == {"Nurse 李芳"}
    assert _names(db, "민준") == _names(db, "김") == {"김민준"}
    assert _names(db, "明小") == _names(db, "王李") == set()  # characters in another order are another name


def test_a_character_is_found_in_every_run_holding_it_however_many(db):
    names = [f"王{chr(0x4E00 + n)}" for n in range(40)]  # forty names, each its own word in the index
    with db.unit_of_work() as session:
        add_new(session, Person, [{"name": name} for name in names])
    assert _names(db, "王") == set(names)
