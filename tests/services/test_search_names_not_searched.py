"""When nothing is found, the search names the records that can hold a person's name but are
not searched (a subject access request must look there too), instead of saying no record
mentions the name."""

from __future__ import annotations

from bscp_desktop.areas import AREAS
from bscp_desktop.db import search as index
from bscp_desktop.db.base import Base
from bscp_desktop.services import search_names


def test_every_record_named_as_not_searched_is_a_table_not_in_the_index():
    tables = set(Base.metadata.tables)
    searchable = set(index.searchable_models())
    named = [kind for kinds in search_names.UNSEARCHED.values() for kind in kinds]
    assert sorted(named) == sorted(search_names.UNSEARCHED_TABLES)
    for kind, behind in search_names.UNSEARCHED_TABLES.items():
        assert set(behind) <= tables, kind
        assert not set(behind) & searchable, f"{kind} are searched now: take them off the list"
    assert set(search_names.UNSEARCHED) <= {a.kind for a in AREAS}


def test_records_with_names_are_searched_or_named():
    """Bookings and registers are searched; the evaluations, which hold delegates' names and
    comments, are named."""
    searchable = set(index.searchable_models())
    assert {"training_booking", "attendance", "person"} <= searchable
    assert "training evaluations" in search_names.unsearched("training")


def test_the_sentence_names_the_records_of_the_area_searched():
    everything = search_names.unsearched_sentence()
    assert everything.startswith("Not searched: attendance escalations, ") and everything.endswith(".")
    assert "training evaluations" in everything and "Section 11 agency contacts" in everything
    assert search_names.unsearched_sentence("training") == "Not searched: training evaluations."
    assert search_names.unsearched_sentence("audits") == "Not searched: Section 11 agency contacts."
    assert search_names.unsearched_sentence("memberships") == ""
