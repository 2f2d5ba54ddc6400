"""Bringing back checks the people, organisations, groups, seats, agreements and progress
updates changed or made in an offline copy as saving them does: in the copy, with the checks the
window makes (a copy edited by another program is refused), and on the team database as it
stands now, with the checks saving a change there makes (a name taken there meanwhile, a seat
overlapping one given there). On a real PostgreSQL server, skipped with the reason without one."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, count, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def _take(server, meeting_id, tmp_path):
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, meeting_id, path)
    return path


def _local(path):
    return as_officer(Database.open(path, create=False), ALICE)


def _refused(server, path, *words) -> str:
    """The problem the plan gives holding all `words`; bringing back is refused with it too."""
    plan = off.plan_bring_back(server, path)
    found = [p for p in plan.problems if all(w in p for w in words)]
    assert found, plan.problems
    with pytest.raises(ValidationError) as exc:
        off.bring_back(server, path, prefer=off.OFFLINE)
    assert found[0] in str(exc.value)
    return found[0]


def _fields(seat, **changes):
    return ms.MembershipFields(seat.person_id, seat.group_id, seat.role, changes.get("start_date", seat.start_date),
                               changes.get("end_date", seat.end_date), seat.organisation_id, seat.deputy_for_id,
                               seat.notes)


def test_organisation_renamed_offline_to_a_name_given_there_meanwhile_is_refused(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        o = next(x for x in ms.list_organisations(local) if x.id == world.council.id)
        ms.update_organisation(local, o.id, ms.OrganisationFields("Harrow Council", o.kind), version=o.version)
    ms.create_organisation(server, ms.OrganisationFields("HARROW COUNCIL", OrganisationKind.LOCAL_AUTHORITY))
    problem = _refused(server, path, "Organisation: Harrow Council (changed offline")
    assert "An organisation called 'HARROW COUNCIL' already exists" in problem
    assert count(server, "SELECT count(*) FROM organisation WHERE lower(name) = 'harrow council'") == 1


def test_group_renamed_offline_to_a_name_given_there_meanwhile_is_refused(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        g = next(x for x in ms.list_groups(local) if x.id == world.forum.id)
        ms.update_group(local, g.id, ms.GroupFields("Partnership Forum", g.tier), version=g.version)
    ms.create_group(server, ms.GroupFields("PARTNERSHIP FORUM", 3))
    problem = _refused(server, path, "Group: Partnership Forum (changed offline")
    assert "A group called 'Partnership Forum' already exists" in problem


def test_seat_left_open_offline_overlapping_a_seat_given_there_meanwhile_is_refused(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    seat = next(s for s in ms.list_memberships(server, group_id=world.forum.id) if s.person_id == world.nurse.id)
    ms.update_membership(server, seat.id, _fields(seat, end_date=date(2024, 6, 30)), version=seat.version)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        mine = next(s for s in ms.list_memberships(local) if s.id == seat.id)
        ms.update_membership(local, seat.id, _fields(mine, end_date=None), version=mine.version)
    ms.create_membership(server, _fields(seat, start_date=date(2025, 1, 1), end_date=None))
    problem = _refused(server, path, "Membership: Nurse 王芳 in Safeguarding Children Forum (changed offline")
    assert "is already a member of Safeguarding Children Forum from 01/01/2025 with no end date; the dates overlap" in problem
    assert count(server, "SELECT count(*) FROM membership WHERE id = :i AND end_date IS NULL", i=seat.id) == 0


def _in_browser(path, sql: str, *args) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE person SET name = '   ' WHERE name = 'Inspector Morse'", ("Person: Inspector Morse", "name is required")),
    ("UPDATE organisation SET name = '' WHERE name = 'Brent Council'", ("Organisation: Brent Council", "name is required")),
    ("UPDATE membership SET end_date = '2020-01-01' WHERE role = 'chair'",
     ("Membership: Αλέξης Παπαδόπουλος", "end date (01/01/2020) cannot be before start date")),
    ("UPDATE confidentiality_agreement SET signed_on = '2030-01-01', review_due = '1990-01-01'",
     ("Confidentiality agreement", "signed on (01/01/2030) cannot be in the future",
      "review due (01/01/1990)")),
    ("UPDATE action_update SET on = '2031-01-01', note = ''", ("Progress update", "update is required",
                                                                "date of the update (01/01/2031) cannot be in the future")),
], ids=["person-name-spaces", "organisation-name-blank", "seat-ends-before-start", "agreement-dates",
        "progress-update"])
def test_a_copy_edited_by_another_program_is_refused_where_the_window_refuses(pg_db, tmp_path, sql, words):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    ms.create_agreement(server, ms.AgreementFields(world.inspector.id, date(2023, 1, 5), date(2025, 1, 5)))
    action = next(a for a in al.list_actions(server) if a.description.startswith("Write to schools"))
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        al.add_progress_update(local, action.id, date(2024, 3, 1), "Letters drafted.")
    _in_browser(path, sql.replace(" on =", ' "on" ='))
    problem = _refused(server, path, *words)
    assert "changed by another program" in problem
