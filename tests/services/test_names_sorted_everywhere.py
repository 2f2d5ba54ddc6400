"""Every list of organisations, groups, people and courses is in the order names are read
(`domain.text.alphabetical`): "Émile" under E and "Łukasz" under L, not after "Zeta", in the
Organisations and Groups lists, a group's members and the confidentiality agreements, a
meeting's register, the audits' agencies and returns, Section 11's agencies and actions, and the
training courses. Before, these lists were put in order by the database's lower() (a file's
lowers only A to Z) or by Python's casefold(), and the accented names came after Z."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.training import courses as tc

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date
#: added in this order; listed in the order of IN_ORDER
FIRST_NAMES = ["Zeta", "Émile", "Łukasz", "Adam"]
IN_ORDER = ["Adam", "Émile", "Łukasz", "Zeta"]


def _organisations(db) -> list[ms.OrganisationDTO]:
    return [ms.create_organisation(db, ms.OrganisationFields(f"{first} Trust", OrganisationKind.VOLUNTARY))
            for first in FIRST_NAMES]


def _first_words(names) -> list[str]:
    return [name.split()[0] for name in names]


def test_the_organisations_and_groups_lists_read_accented_names_under_their_letter(db):
    _organisations(db)
    for first in FIRST_NAMES:
        ms.create_group(db, ms.GroupFields(f"{first} Forum", 2))
    ms.create_group(db, ms.GroupFields("Émile Board", 1))  # tier first, as before
    assert _first_words(o.name for o in ms.list_organisations(db)) == IN_ORDER
    assert [g.name for g in ms.list_groups(db)] == ["Émile Board", *(f"{first} Forum" for first in IN_ORDER)]


def _members(db, group_id: int) -> list[ms.PersonDTO]:
    people = [ms.create_person(db, ms.PersonFields(f"{first} Smith")) for first in FIRST_NAMES]
    for person in people:
        ms.create_membership(db, ms.MembershipFields(person.id, group_id, Role.MEMBER, D(2024, 1, 1)))
    return people


def test_a_groups_members_and_the_agreements_read_accented_names_under_their_letter(db):
    forum = ms.create_group(db, ms.GroupFields("Forum", 2))
    people = _members(db, forum.id)
    assert _first_words(m.person_name for m in ms.members_on(db, forum.id, D(2024, 6, 1))) == IN_ORDER
    for person in people:
        ms.create_agreement(db, ms.AgreementFields(person.id, D(2024, 1, 1)))
    ms.create_agreement(db, ms.AgreementFields(people[1].id, D(2023, 1, 1)))  # Émile's earlier one: by name, then date
    agreements = ms.list_agreements(db)
    assert _first_words(a.person_name for a in agreements) == ["Adam", "Émile", "Émile", "Łukasz", "Zeta"]
    assert [a.signed_on for a in agreements][1:3] == [D(2023, 1, 1), D(2024, 1, 1)]


@pytest.mark.slow  # a register filled, its meeting archived, four seats moved and the register filled again
def test_a_meetings_register_and_who_filling_it_takes_off_read_accented_names_under_their_letter(db):
    forum = ms.create_group(db, ms.GroupFields("Forum", 2))
    people = _members(db, forum.id)
    m = mt.create_meeting(db, mt.MeetingFields(forum.id, "Forum", datetime(2024, 3, 14, 10)))
    assert at.prefill_attendance(db, m.id).added == 4
    assert _first_words(r.name for r in at.list_attendance(db, m.id)) == IN_ORDER
    mt.archive_meeting(db, m.id)  # an archived meeting's register is not changed when the seats are
    for person in people:  # their seats now start after the meeting: filling the register again takes them off
        [seat] = [s for s in ms.list_memberships(db) if s.person_id == person.id]
        ms.update_membership(db, seat.id, ms.MembershipFields(person.id, forum.id, Role.MEMBER, D(2024, 4, 1)))
    mt.restore_meeting(db, m.id)
    assert _first_words(at.prefill_attendance(db, m.id).taken_off) == IN_ORDER


def test_the_case_audits_agencies_and_returns_read_accented_names_under_their_letter(db):
    orgs = _organisations(db)
    audit = ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", D(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=tuple(o.id for o in orgs)))
    assert _first_words(name for name, _id in sa.audit_agencies(db, audit.id)) == IN_ORDER
    assert _first_words(r.organisation_name for r in sa.list_returns(db, audit.id)) == IN_ORDER
    with db.unit_of_work() as session:
        assert _first_words(ca.facts_in(session, audit.id).returns_outstanding) == IN_ORDER


@pytest.mark.slow  # a cycle and four ratings with their actions
def test_section_11_agencies_their_actions_and_the_chase_list_read_accented_names_under_their_letter(db):
    orgs = _organisations(db)
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    assert _first_words(name for name, _id in s11.organisation_choices_for_cycle(db, cycle.id)) == IN_ORDER
    s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    parts = s11.list_participants(db, cycle.id)
    assert _first_words(p.organisation_name for p in parts) == IN_ORDER
    assert _first_words(p.organisation_name for p in s11.chase_list(db, cycle.id, D(2024, 7, 1))) == IN_ORDER
    standard = s11.list_standards(db, cycle.id)[0]
    for p in parts:
        sr.save_rating(db, p.id, standard.id, sr.RatingFields("Amber", action="Name a lead", action_due=D(2024, 12, 31)))
    assert _first_words(a.organisation_name for a in sr.cycle_actions(db, cycle.id)) == IN_ORDER


def test_the_training_courses_and_series_read_accented_titles_under_their_letter(db):
    for first in FIRST_NAMES:
        tc.create_course(db, tc.CourseFields(f"{first} course"))
        tc.create_series(db, tc.SeriesFields(f"{first} series"))
    assert _first_words(c.title for c in tc.list_courses(db)) == IN_ORDER
    assert _first_words(s.title for s in tc.list_series(db)) == IN_ORDER
