"""A list's own search box finds every word typed, in any order, as Ctrl+K does: "London North
West NHS Trust" finds "London North West University Healthcare NHS Trust", "Named GP Brent" finds
"Named GP for Safeguarding, Brent", and a hyphen typed for a space finds the words."""

from __future__ import annotations

import pytest

from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel
from tests.ui.helpers import Named, named_list
from tests.ui.helpers import shown_names as shown

NAMES = ["London North West University Healthcare NHS Trust", "Central North West London Mental Health Foundation NHS Trust",
         "Metropolitan Police (North West BCU)", "Named GP for Safeguarding, Brent (NWL ICB)", "NHS North West London ICB",
         "Brent Council"]


def organisations(prepared: bool):
    return named_list(NAMES, prepared)


@pytest.mark.parametrize("prepared", [False, True])
def test_every_word_typed_is_found_in_any_order(qtbot, prepared):
    _model, proxy = organisations(prepared)
    for typed, found in [
        ("London North West NHS Trust", NAMES[:2]), ("NHS Trust London North West", NAMES[:2]),
        ("Police Metropolitan", [NAMES[2]]), ("Named GP Brent", [NAMES[3]]), ("North-West London ICB", [NAMES[4]]),
        ("  brent   council ", [NAMES[5]]), ("Brent Police", []), ("(North West BCU)", [NAMES[2]]),
    ]:
        proxy.set_search(typed)
        assert shown(proxy) == found, typed
    proxy.set_search("")
    assert shown(proxy) == NAMES


def test_what_has_no_word_is_looked_for_as_typed(qtbot):
    _model, proxy = organisations(False)
    proxy.set_search("(")
    assert shown(proxy) == [NAMES[2], NAMES[3]]


def test_a_long_list_is_narrowed_by_every_word_in_the_background(qtbot, monkeypatch):
    from bscp_desktop.ui.common import table_model

    monkeypatch.setattr(table_model, "FILTER_IN_BACKGROUND_ROWS", 2)  # sixty rows count as a long list here
    model = RecordTableModel([Column("Name", lambda r: r.name)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([Named(n, f"{NAMES[n % len(NAMES)]} {n}") for n in range(1, 61)])
    proxy.set_search("Trust Healthcare London")
    assert model.working()
    qtbot.waitUntil(lambda: not model.working(), timeout=5000)
    assert len(shown(proxy)) == 10 and all(name.startswith(NAMES[0]) for name in shown(proxy))


CASES = ["BSCP-2024-01 Child D 01/02/2024", "BSCP-2023-01 Child B 14/03/2024", "BSCP-2024-02 Child E 21/01/2024",
         "Child A 14/11/2022", "Child B 10/03/2023", "Northwick Park A&E", "St Mary's Hospital emergency department",
         "Meeting 14/03/2024", "Meeting 03/12/2024 item 14", "Meeting 21/03/2024"]


@pytest.mark.parametrize(("typed", "found"), [
    ("Child B", [CASES[1], CASES[4]]),  # the letter B, not the b of BSCP
    ("Child A", [CASES[3]]),
    ("child a", [CASES[3]]),
    ("BSCP-2024-01", [CASES[0]]),  # the reference as written, not every case of 2024 with an 01 in it
    ("A&E", [CASES[5]]),
    ("14/03/2024", [CASES[1], CASES[7]]),  # the date, not another date of 2024 with a 14 after it
    ("Child A review", []),
    ("Metro", []),
    ("mary's hosp", [CASES[6]]),
])
def test_a_list_reads_what_was_typed_as_every_search_does(qtbot, typed, found):
    model = RecordTableModel([Column("Name", lambda r: r.name)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([Named(n, name) for n, name in enumerate(CASES, start=1)])
    proxy.set_search(typed)
    assert shown(proxy) == found


def test_a_word_is_found_at_the_start_of_a_word_and_a_short_one_whole(qtbot):
    _model, proxy = organisations(False)
    for typed, found in [("Metro", [NAMES[2]]), ("politan", []), ("Health", NAMES[:2]), ("ealth", []),
                         ("Brent Counc", [NAMES[5]]), ("N", []), ("GP", [NAMES[3]]), ("G", [])]:
        proxy.set_search(typed)
        assert shown(proxy) == found, typed


def test_a_capital_a_after_a_word_is_a_cases_letter_as_in_every_search(qtbot):
    model = RecordTableModel([Column("Name", lambda r: r.name)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([Named(1, "Child A review"), Named(2, "Review of a child's plan")])
    proxy.set_search("Child A review")
    assert shown(proxy) == ["Child A review"]
    proxy.set_search("did a child review")  # "a" inside a sentence is a small word
    assert shown(proxy) == ["Child A review", "Review of a child's plan"]
