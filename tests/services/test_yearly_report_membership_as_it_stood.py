"""The yearly report's membership table gives each organisation's name and each member's job
title as they stood on the period's last day: a trust renamed or a person given a new post after
the period leaves a past year as it was, while a change made before the period ended shows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.yearly_report.sections import membership

CLCH = "Central London Community Healthcare NHS Trust"
ICB = "NHS North West London Integrated Care Board"
NURSE = "Named Nurse for Safeguarding Children (CLCH)"
PAST_YEAR = (date(2022, 4, 1), date(2023, 3, 31))


def _partnership(db):
    """A Case Review Group whose members are a named nurse from a community trust and a
    designated doctor from the Integrated Care Board, both seated since 01/04/2022."""
    clch = ms.create_organisation(db, ms.OrganisationFields(CLCH, OrganisationKind.RELEVANT_AGENCY))
    icb = ms.create_organisation(db, ms.OrganisationFields(ICB, OrganisationKind.ICB))
    nurse = ms.create_person(db, ms.PersonFields("Grace Adeyemi", job_title=NURSE, organisation_id=clch.id))
    doctor = ms.create_person(db, ms.PersonFields("Dr Omar Haddad", job_title="Designated Doctor",
                                                  organisation_id=icb.id))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 2))
    for person, org in ((nurse, clch), (doctor, icb)):
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2022, 4, 1),
                                                     organisation_id=org.id))
    return clch, icb, nurse, doctor


def _new_post(db, person, job_title):
    ms.update_person(db, person.id, ms.PersonFields(person.name, job_title=job_title,
                                                    organisation_id=person.organisation_id))


def _rename(db, org, name):
    ms.update_organisation(db, org.id, ms.OrganisationFields(name, org.kind, org.short_name, org.parent_id))


def _rows(db, start, end, today=None):
    built = membership(db, start, end, today or date.today())
    (table,) = built.blocks
    return table.title, set(table.rows)


def test_a_rename_and_a_new_post_after_the_period_leave_a_past_years_membership_as_it_stood(db):
    clch, icb, nurse, _doctor = _partnership(db)
    _new_post(db, nurse, "Named Nurse for Safeguarding Children (LNWUHT)")
    _rename(db, icb, "NHS North and West London Integrated Care Board")

    title, rows = _rows(db, *PAST_YEAR)

    assert title == "Case Review Group on 31 March 2023"
    assert rows == {(CLCH, NURSE, "Member"), (ICB, "Designated Doctor", "Member")}


def test_a_rename_and_a_new_post_before_the_period_ends_are_shown_as_changed(db):
    clch, icb, nurse, _doctor = _partnership(db)
    _new_post(db, nurse, "Head of Safeguarding")
    _rename(db, icb, "NHS North and West London Integrated Care Board")
    today = date.today()

    _title, rows = _rows(db, date(today.year - 1, 4, 1), date(today.year + 1, 3, 31), today)

    assert rows == {(CLCH, "Head of Safeguarding", "Member"),
                    ("NHS North and West London Integrated Care Board", "Designated Doctor", "Member")}


@pytest.mark.sqlite_only  # the change history's times are set back in the file itself
def test_a_past_year_shows_the_change_made_in_it_but_not_the_one_made_after_it(db):
    clch, icb, nurse, doctor = _partnership(db)
    _new_post(db, nurse, "Lead Nurse for Safeguarding")
    _rename(db, clch, "CLCH Community Health Trust")
    with db.engine.begin() as conn:  # both changes were made in October 2022, within the year
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS change_record_no_update")
        conn.execute(update(ChangeRecord).where(ChangeRecord.action != "insert")
                     .values(changed_at=datetime(2022, 10, 3, 12)))
    _new_post(db, nurse, "Named Nurse for Safeguarding Children (LNWUHT)")  # and these after it ended
    _rename(db, clch, "Renamed Again NHS Trust")
    _new_post(db, doctor, "Consultant Paediatrician")

    _title, rows = _rows(db, *PAST_YEAR)

    assert rows == {("CLCH Community Health Trust", "Lead Nurse for Safeguarding", "Member"),
                    (ICB, "Designated Doctor", "Member")}


def test_the_history_is_read_once_for_the_people_and_once_for_the_organisations_however_many_members(db):
    from sqlalchemy import event

    clch, icb, _nurse, _doctor = _partnership(db)
    group = ms.list_groups(db)[0]
    for n in range(12):
        person = ms.create_person(db, ms.PersonFields(f"Member {n}", job_title=f"Post {n}", organisation_id=icb.id))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2022, 4, 1),
                                                     organisation_id=(clch if n % 2 else icb).id))
        _new_post(db, person, f"New post {n}")
    reads = []

    def count(_conn, _cursor, statement, *_args):
        if "change_record" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        _title, rows = _rows(db, *PAST_YEAR)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)

    assert len(rows) == 14 and {(ICB, "Post 0", "Member"), (CLCH, "Post 11", "Member")} <= rows
    assert len(reads) == 2
