"""A list's own search box finds every word typed, in any order, as Ctrl+K does: "London North
West NHS Trust" finds "London North West University Healthcare NHS Trust", "Named GP Brent" finds
"Named GP for Safeguarding, Brent", and a hyphen typed for a space finds the words."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel

NAMES = ["London North West University Healthcare NHS Trust", "Central North West London Mental Health Foundation NHS Trust",
         "Metropolitan Police (North West BCU)", "Named GP for Safeguarding, Brent (NWL ICB)", "NHS North West London ICB",
         "Brent Council"]


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    archived: bool = False


def organisations(prepared: bool):
    model = RecordTableModel([Column("Name", lambda r: r.name)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    rows = [Organisation(n, name) for n, name in enumerate(NAMES, start=1)]
    model.set_rows(model.prepared_rows()(rows) if prepared else rows)  # as a page's load worker does
    return model, proxy


def shown(proxy) -> list[str]:
    return [proxy.row_at(r).name for r in range(proxy.rowCount())]


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
    model.set_rows([Organisation(n, f"{NAMES[n % len(NAMES)]} {n}") for n in range(1, 61)])
    proxy.set_search("Trust Healthcare London")
    assert model.working()
    qtbot.waitUntil(lambda: not model.working(), timeout=5000)
    assert len(shown(proxy)) == 10 and all(name.startswith(NAMES[0]) for name in shown(proxy))
