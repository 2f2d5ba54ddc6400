"""The change log's search finds a change only by the words the change log shows for it: who made
it, the record's name, a field by its name as shown and a value as shown. A link to another
record is stored as that record's number and shown by its name, a field as its name in the
program and a code by its word: a number typed, a field's name in the program ("meeting_id") or
a code's own words find none of those changes, on a file and on a team database alike."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.memberships import Person
from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.search import folded_terms, matches_text, search_terms
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

LINKS = ("organisation_id", "group_id", "person_id", "meeting_id")


def build_linked(db):
    """Twelve organisations, the twelfth linked to by a person, a seat, an imported person and a
    group's meetings; nothing typed holds the number 12."""
    organisations = [ms.create_organisation(db, ms.OrganisationFields(f"Partner {letter}", OrganisationKind.OTHER))
                     for letter in "ABCDEFGHIJKL"]
    partner = organisations[-1]
    person = ms.create_person(db, ms.PersonFields("Jo Bloggs", "Nurse", partner.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", quorum_rule=QuorumRule.HEAD_COUNT))
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1),
                                                        organisation_id=partner.id))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2025, 1, 15, 14)), standing_items=True)
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        add_new(session, Person, [{"name": "Sam Imported", "job_title": "Teacher", "organisation_id": partner.id}])
    return {"partner": partner, "person": person, "group": group, "seat": seat, "meeting": meeting}


db, linked = database_with("history-shown-text", build_linked, records="linked")


def _found(db, typed: str, **filters) -> list[hs.ChangeDTO]:
    """The rows a search lists, after checking that the count says as many and that each shows
    every word typed in what the change log lists of it."""
    query = hs.ChangeQuery(search=typed, **filters)
    rows = list(hs.iter_changes(db, query, batch=7))
    assert hs.count_changes(db, query) == len(rows), typed
    terms = folded_terms(search_terms(typed))
    for row in rows:
        shown = (row.changed_by, row.record_text, row.action_label, row.field_label, row.old_text, row.new_text)
        assert all(any(matches_text([term], cell) for cell in shown) for term in terms), (typed, shown)
    return rows


def test_a_linked_record_s_number_finds_nothing(db, linked):
    number = str(linked["partner"].id)
    assert number == "12"
    everything = hs.change_page(db, hs.ChangeQuery(), limit=1000).rows
    links = [r for r in everything if r.new_value == number and r.field in LINKS]
    # a person's organisation, a seat's and an imported person's: shown by the name, never the number
    assert {(r.table_name, r.field) for r in links} == {("person", "organisation_id"), ("membership", "organisation_id")}
    assert len(links) == 3 and {r.new_text for r in links} == {"Partner L"}
    assert _found(db, number) == []
    assert _found(db, f"Jo {number}") == [] and _found(db, f"Imported {number}") == []
    assert _found(db, number, area="memberships") == []
    # one record's history, and a word of What happened, read entries the index does not lead to
    assert _found(db, number, record=("membership", linked["seat"].id)) == []
    assert _found(db, f"added {number}") == []


def test_a_field_s_name_in_the_program_finds_nothing(db, linked):
    everything = hs.change_page(db, hs.ChangeQuery(), limit=1000).rows
    assert {"organisation_id", "group_id", "person_id", "meeting_id"} <= {r.field for r in everything}
    for typed in (*LINKS, "id", "added meeting_id", "organisation_id Jo"):
        assert _found(db, typed) == [], typed
    assert _found(db, "meeting_id", record=("meeting", linked["meeting"].id)) == []


def test_a_field_is_found_by_its_name_as_shown(db, linked):
    # a person's organisation is headed "Organisation"; a seat's, "Representing"
    organisation = _found(db, "organisation")
    assert {(r.record_text, r.field) for r in organisation} == {
        ("Person: Jo Bloggs", "organisation_id"), ("Person: Sam Imported", "organisation_id")}
    representing = _found(db, "representing")
    assert [(r.record_text, r.field_label, r.new_text) for r in representing] == [
        ("Membership: Jo Bloggs in Safeguarding Children Forum", "Representing", "Partner L")]
    assert [r.field for r in _found(db, "representing", record=("membership", linked["seat"].id))] == ["organisation_id"]
    items = [r for r in _found(db, "added meeting") if r.table_name == "agenda_item"]
    assert {r.field_label for r in items if r.field == "meeting_id"} == {"Meeting"}
    # a field whose name in the program holds its words as shown ("Quorum rule", "Starts at")
    assert [r.field for r in _found(db, "quorum_rule")] == ["quorum_rule"]
    assert {r.field for r in _found(db, "starts_at")} == {"starts_at"}
    assert {r.field_label for r in _found(db, "job title")} == {"Job title"}
    assert {r.record_name for r in _found(db, "job title")} == {"Jo Bloggs", "Sam Imported"}


def test_a_code_is_found_by_its_word_not_its_own(db, linked):
    assert [r.new_text for r in _found(db, "members") if r.field == "quorum_rule"] == [QuorumRule.HEAD_COUNT.label]
    assert _found(db, "head") == [] and _found(db, "head_count") == []  # the code's own words, never shown
    # a code whose own words are in its word as shown is found by them, on either database
    kinds = [r for r in _found(db, "other") if r.table_name == "organisation"]
    assert len(kinds) == 12 and {(r.field_label, r.new_text) for r in kinds} == {("Kind", "Other")}
