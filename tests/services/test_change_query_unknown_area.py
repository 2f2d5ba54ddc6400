"""Asking the change log for an area there is not raised IndexError from deep in the query; it
is now refused when the query is made, naming the area and the areas there are."""

from __future__ import annotations

import pytest

from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms


def test_an_area_there_is_not_is_refused_by_name(db):
    ms.create_person(db, ms.PersonFields("Jo Bloggs"))
    with pytest.raises(ValueError, match="There is no area called 'nonsense'; choose one of: .*memberships"):
        hs.change_page(db, hs.ChangeQuery(area="nonsense"))
    with pytest.raises(ValueError, match="'nonsense'"):
        hs.count_changes(db, hs.ChangeQuery(area="nonsense", search="Jo"))


def test_an_area_is_read_as_the_command_line_reads_it(db):
    ms.create_person(db, ms.PersonFields("Jo Bloggs"))
    assert hs.ChangeQuery(area="Case reviews").area == hs.ChangeQuery(area="case-reviews").area == "case_reviews"
    assert {c.table_name for c in hs.change_page(db, hs.ChangeQuery(area="memberships")).rows} == {"person"}
    # one record's history is in its own area, whatever was asked for
    assert hs.ChangeQuery(area="nonsense", record=("person", 1)).area == "memberships"
