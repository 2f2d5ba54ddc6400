"""A person added in the offline copy while a person of the same name at the same organisation
was added on the team database: both are kept, and the plan and the result name the pair (on a
real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

from bscp_desktop.db.database import Database
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, count


def test_a_person_added_in_both_places_is_named_and_both_are_kept(taken):
    server, world, m, _items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        sam = ms.create_person(local, ms.PersonFields("Dr Sam Patel", organisation_id=world.council.id))
        at.add_attendee(local, m.id, at.AttendeeFields(person_id=sam.id))
        elsewhere = ms.create_person(local, ms.PersonFields("Kim Lee", organisation_id=world.police.id))
        at.add_attendee(local, m.id, at.AttendeeFields(person_id=elsewhere.id))
    as_officer(server, "Bob Manager")
    ms.create_person(server, ms.PersonFields("Dr  sam patel", organisation_id=world.council.id))
    ms.create_person(server, ms.PersonFields("Kim Lee", organisation_id=world.school.id))  # another organisation
    as_officer(server, ALICE)

    said = ("Dr Sam Patel was added in the offline copy, and the team database has Dr sam patel with the same name "
            "at Brent Council: both are kept, as two people; if they are one person, record what is recorded of them "
            "on one and archive the other on the team database.")
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.like == (said[:-1],)
    assert said in plan.summary and "Kim Lee was added" not in plan.summary
    result = off.bring_back(server, path)
    assert said in result.sentence
    assert count(server, "SELECT count(*) FROM person WHERE lower(name) LIKE 'dr%sam patel'") == 2
