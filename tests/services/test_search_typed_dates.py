"""Search by what officers type: a date in any form the program reads elsewhere ("21/3/2024",
"27/06/24", "2024-03-21" found nothing where "21/03/2024" found the meeting), and a word of
Chinese inside a longer run of characters ("高中" of "金斯伯里高中")."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.search import search_terms
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import search as finder
from tests.meetings_world import meeting
from tests.services.test_search_typed_forms import drop_the_index, found

SAME_DAY = ("21/03/2024", "21/3/2024", "21/03/24", "21/3/24", "2024-03-21", "21.03.2024", "21-3-2024", "21-Mar-24")


@pytest.mark.parametrize("typed", SAME_DAY)
def test_a_date_typed_in_any_form_the_program_reads_is_the_date_as_it_writes_it(typed):
    assert search_terms(typed) == ["21 03 2024"]
    assert search_terms(f"Executive Group {typed}") == ["executive", "group", "21 03 2024"]


@pytest.mark.parametrize(("typed", "terms"), [
    ("31/02/2024", ["31 02 2024"]),  # no such day: the words typed
    ("01/01/3000", ["01 01 3000"]),  # outside the years the program takes
    ("3.2.11", ["3 2 11"]),  # short numbers joined by full stops number a paragraph as often
    ("1-4-24", ["1 4 24"]),
    ("2023/24", ["2023 24"]),  # a financial year
    ("BSCP-2024-01", ["bscp 2024 01"]),
])
def test_what_is_no_date_stays_the_words_typed(typed, terms):
    assert search_terms(typed) == terms


@pytest.mark.slow  # without the index every record is read
@pytest.mark.parametrize("with_index", [True, False])
def test_a_meeting_is_found_by_its_date_typed_in_any_form(db, world, with_index):
    march = meeting(db, world.executive, datetime(2024, 3, 21, 10), "Executive Group meeting",
                    status=MeetingStatus.HELD)
    june = meeting(db, world.executive, datetime(2024, 6, 27, 10), "Executive Group meeting",
                   status=MeetingStatus.HELD)
    if not with_index:
        drop_the_index(db)
    for typed in SAME_DAY:
        assert found(db, typed) == {("meeting", march.id)}, typed
        assert found(db, f"Executive {typed}") == {("meeting", march.id)}, typed
    assert found(db, "27/06/24") == found(db, "27/6/2024") == {("meeting", june.id)}
    assert found(db, "31/02/2024") == set()


# ---------------------------------------------------------------- Chinese, Japanese and Korean


def _organisation(db, name: str) -> int:
    return ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.EDUCATION)).id


@pytest.mark.slow  # an organisation made, searched by eight words
@pytest.mark.parametrize("with_index", [True, False])
def test_a_word_of_chinese_inside_a_longer_run_is_found(db, with_index):
    school = _organisation(db, "金斯伯里高中 Kingsbury High School")
    other = _organisation(db, "中高协会")
    if not with_index:
        drop_the_index(db)
    for typed in ("高中", "金斯伯里", "斯伯", "高中 Kingsbury", "里高"):
        assert found(db, typed) == {("organisation", school)}, typed
    assert found(db, "中高") == {("organisation", other)}  # the characters in the order typed
    assert found(db, "高") == {("organisation", school), ("organisation", other)}
    assert "[金斯伯里高中]" in finder.search(db, "高中").hits[0].snippet


@pytest.mark.slow  # the file opened again
def test_an_index_that_kept_a_run_of_chinese_as_one_word_is_made_again(db_path, db):
    school = _organisation(db, "金斯伯里高中 Kingsbury High School")
    with db.engine.begin() as conn:  # the index as the version before filled it
        conn.exec_driver_sql(f"UPDATE {index.INDEX} SET title = ? WHERE rowid = (SELECT id FROM {index.ENTRIES} "
                             "WHERE table_name = 'organisation' AND record_id = ?)",
                             ("金斯伯里高中 kingsbury high school", school))
        conn.exec_driver_sql(f"UPDATE {index.META} SET value = replace(value, '{index.FOLDED}', 'folded-4')")
    assert found(db, "高中") == set()
    db.close()
    reopened = Database.open(db_path)
    try:
        assert found(reopened, "高中") == {("organisation", school)}
    finally:
        reopened.close()
