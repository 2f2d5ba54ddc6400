"""Restoring a removed Section 11 standard makes the checks adding one makes: no two standards
in use share a number or a title; a refusal names the standard in the way and a way past it
that the Standards window offers (the standard in use can be edited; a removed one cannot)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.section11 import standard_key
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.audits import section11 as s11

BEFORE = date(2027, 6, 1)


@pytest.fixture
def cycle(db):
    return s11.create_cycle(db, s11.CycleFields("2027-29", date(2027, 9, 1), date(2027, 12, 1)))


def test_a_restore_beside_a_standard_of_the_same_title_is_refused_naming_it(db, cycle):
    first = s11.list_standards(db, cycle.id)[0]
    s11.archive_standard(db, first.id, today=BEFORE)
    s11.add_standard(db, cycle.id, s11.StandardFields(f"  {first.title.upper()} ", "", 900), today=BEFORE)
    with pytest.raises(ValidationError) as refused:
        s11.restore_standard(db, first.id, today=BEFORE)
    message = refused.value.errors["title"]
    assert f"Standard {first.number} cannot be restored" in message
    assert "standard 900" in message and "Rename or remove standard 900 first" in message
    live = [s for s in s11.list_standards(db, cycle.id) if standard_key(s.title) == standard_key(first.title)]
    assert [s.number for s in live] == [900]
    # once the standard in use is renamed, as the message says, the restore goes through
    s11.update_standard(db, live[0].id, s11.StandardFields("Something else", "", 900), today=BEFORE)
    s11.restore_standard(db, first.id, today=BEFORE)
    assert first.id in {s.id for s in s11.list_standards(db, cycle.id)}


def test_a_restore_beside_a_standard_of_the_same_number_says_to_renumber_that_one(db, cycle):
    second = s11.list_standards(db, cycle.id)[1]
    s11.archive_standard(db, second.id, today=BEFORE)
    other = s11.add_standard(db, cycle.id, s11.StandardFields("Replacement", "", second.number), today=BEFORE)
    with pytest.raises(ValidationError) as refused:
        s11.restore_standard(db, second.id, today=BEFORE)
    message = refused.value.errors["number"]
    assert f"standard {second.number} “Replacement”, in use, has its number" in message
    assert "Give “Replacement” another number first (choose it and press Edit)" in message
    s11.update_standard(db, other.id, s11.StandardFields("Replacement", "", 950), today=BEFORE)
    s11.restore_standard(db, second.id, today=BEFORE)
    assert sorted(s.number for s in s11.list_standards(db, cycle.id))[:2] == [1, 2]


def test_a_restore_with_nothing_in_the_way_goes_through(db, cycle):
    third = s11.list_standards(db, cycle.id)[2]
    s11.archive_standard(db, third.id, today=BEFORE)
    s11.restore_standard(db, third.id, today=BEFORE)
    assert len(s11.list_standards(db, cycle.id)) == 8
