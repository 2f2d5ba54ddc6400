"""The change log's search finds a date typed as the change log shows it ("28/06/2024", and
"1/4/2024" without its noughts) in the changes that store it as an ISO date (2024-06-28), as
it finds the date typed as stored; what else is typed stays plain words."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.audits import S11Cycle
from bscp_desktop.services import history as hs
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.history_search import date_typed, dated, dates_held

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _found(db, typed: str, **filters) -> set[tuple[str, str, str]]:
    query = hs.ChangeQuery(search=typed, **filters)
    rows = hs.change_page(db, query).rows
    assert hs.count_changes(db, query) == len(rows), typed
    return {(r.record_name, r.field, r.new_text) for r in rows}


@pytest.fixture
def cycles(db):
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        add_new(session, S11Cycle, [{"name": "Imported 2022-24", "opens_on": date(2022, 4, 1),
                                     "due_on": date(2024, 6, 28), "rating_scale": "rag"}])
    return cycle


@pytest.mark.slow
def test_a_date_typed_as_shown_finds_the_changes_storing_it(db, cycles):
    found = _found(db, "28/06/2024")
    assert found == _found(db, "2024-06-28")
    # the cycle's own change of Due on, and the import's one entry (shown a row per field)
    assert {(n, f) for n, f, _t in found if n == "2024-26"} == {("2024-26", "due_on")}
    assert ("Imported 2022-24", "due_on", "28/06/2024") in found
    assert ("2024-26", "due_on", "28/06/2024") in _found(db, "28/06/2024")
    assert {(n, f) for n, f, _t in _found(db, "1/4/2024")} == {("2024-26", "opens_on")}
    assert _found(db, "01/04/2024") == _found(db, "1/4/2024")
    assert _found(db, "28/06/2024 due", area="audits") == found  # with other words, and a filter
    assert {n for n, _f, _t in _found(db, "imported 28/06/2024")} == {"Imported 2022-24"}
    assert _found(db, "28/06/2024", record=("s11_cycle", cycles.id)) == {("2024-26", "due_on", "28/06/2024")}
    assert _found(db, "28/06/2023") == set()  # another year's day
    assert _found(db, "30/02/2024") == set()  # no such day: looked for as typed


def test_a_date_written_in_a_text_is_found_by_the_date_typed_without_noughts(db):
    s11.create_cycle(db, s11.CycleFields("2025-27", date(2025, 4, 1), date(2025, 6, 27),
                                         notes="Agreed at the board on 03/02/2025"))
    assert [f for _n, f, _t in _found(db, "3/2/2025")] == ["notes"]


@pytest.mark.parametrize("typed", ['28/06/2024"', '"28/06/2024" OR *', "NEAR(28/06/2024 1)", "28/06/2024 -x",
                                   "28/06/2024 AND NOT due", "28/06/2024*", "{due_on}:28/06/2024", "'28/06/2024'"])
def test_a_date_with_search_syntax_around_it_is_still_read_as_words(db, cycles, typed):
    hs.change_page(db, hs.ChangeQuery(search=typed))  # no error from the index
    hs.count_changes(db, hs.ChangeQuery(search=typed))


def test_a_day_first_date_is_read_before_any_entry_is_read():
    assert date_typed("28 06 2024") == date(2024, 6, 28) and date_typed("1 4 2024") == date(2024, 4, 1)
    assert dates_held("28 06 2024") == ("2024 06 28",)
    assert dates_held("1 4 2024") == ("2024 04 01", "01 04 2024")
    for other in ("2024 06 28", "28 06", "31 02 2024", "28 06 2024 due", "child a", "128 06 2024"):
        assert dates_held(other) == (), other
    assert dated("child a", '"child"* + "a"') == '"child"* + "a"'
    assert dated("28 06 2024", '"28" + "06" + "2024"*') == '("28" + "06" + "2024"* OR "2024" + "06" + "28")'
