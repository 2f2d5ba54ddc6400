"""Audits: a cycle with no agencies yet keeps its row in the workbook, a learning point saved
once saves again, an audit's date does not move past its actions, cycle names are cleaned as
other names are, and an audit far ahead is refused Returns requested naming its date."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AuditStatus, SharedVia
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs import audits as jobs
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        command(*args)
    return err.value.errors


def _council(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


@pytest.mark.slow
def test_a_cycle_with_no_agencies_keeps_its_row_beside_one_with_agencies(db, tmp_path):
    council = _council(db)
    taken = s11.create_cycle(db, s11.CycleFields("2023-25", date(2023, 4, 1), date(2023, 6, 30)))
    s11.add_agencies(db, taken.id, [council.id])
    s11.create_cycle(db, s11.CycleFields("2025-27", date(2025, 4, 1), date(2025, 6, 30)))  # planned, no agencies
    jobs.audits_workbook(db).save(tmp_path / "audits.xlsx")
    rows = [r[:5] for r in load_workbook(tmp_path / "audits.xlsx")["S11 cycles"].iter_rows(min_row=2, values_only=True)]
    assert [(name, agency) for name, _opens, _due, _was, agency in rows] == [
        ("2025-27", None), ("2023-25", "Brent Council")]


def test_a_learning_point_is_checked_as_it_is_saved_so_a_second_save_agrees_with_the_first(db):
    group = ms.create_group(db, ms.GroupFields("Multi-agency Audit Group"))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Audit Group", datetime(2024, 3, 5, 10),
                                                     datetime(2024, 3, 5, 12)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1)))
    # a meeting given, Shared through left empty: shared at that meeting, on its day
    point = le.create_learning(db, le.LearningFields(audit.id, "Voice of the child", meeting_id=meeting.id))
    assert (point.shared_via, point.shared_on) == (SharedVia.MEETING, date(2024, 3, 5))
    said = _refused(le.create_learning, db, le.LearningFields(audit.id, "Voice", shared_on=date(2024, 3, 5)))
    assert said == {"shared_via": "Say where the learning was shared"}
    again = le.update_learning(db, point.id, dataclasses.replace(point.to_fields(), text="Voice of the child, all"))
    assert (again.text, again.shared_on) == ("Voice of the child, all", date(2024, 3, 5))


@pytest.mark.slow
def test_an_audit_date_does_not_move_past_the_dates_of_its_actions(db):
    council = _council(db)
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), returns_due=date(2024, 2, 20)))
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Improve supervision",
                                                               lead_organisation_id=council.id))
    action = le.add_recommendation_action(db, rec.id, action_log.ActionFields(
        "Audit supervision records", owner_organisation_id=council.id, due_date=date(2024, 3, 1)))
    action_log.update_action(db, action.id, action_log.ActionFields(
        action.description, owner_organisation_id=council.id, due_date=date(2024, 3, 1), status=ActionStatus.DONE,
        completed_on=date(2024, 3, 1), evidence="Checked 20 files"))
    fields = ca.get_audit(db, audit.id).to_fields()
    moved = dataclasses.replace(fields, audit_date=date(2024, 4, 1), returns_due=date(2024, 4, 20))
    assert _refused(ca.update_audit, db, audit.id, moved) == {"audit_date": (
        "An action raised from this audit's recommendations would be due or done before the Audit date "
        "(01/04/2024), the day the audit's actions are raised on: recommendation 1's 'Audit supervision records' (due "
        "01/03/2024, done 01/03/2024). Change the dates of that action first, or keep the audit date (01/02/2024)")}
    assert ca.get_audit(db, audit.id).audit_date == date(2024, 2, 1)
    # the action still takes a change of its evidence alone
    action_log.update_action(db, action.id, action_log.ActionFields(
        action.description, owner_organisation_id=council.id, due_date=date(2024, 3, 1), status=ActionStatus.DONE,
        completed_on=date(2024, 3, 1), evidence="Checked 20 files; all improved"))
    # a move that leaves every action on or after the new date is saved
    later = dataclasses.replace(fields, audit_date=date(2024, 3, 1), returns_due=date(2024, 3, 20))
    assert ca.update_audit(db, audit.id, later).audit_date == date(2024, 3, 1)


def test_cycle_names_are_cleaned_so_look_alikes_clash(db):
    s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 30)))
    for look_alike in ("2024-\u200b26", " 2024-26\u00a0"):
        assert "name" in _refused(s11.create_cycle, db, s11.CycleFields(look_alike, date(2024, 4, 1),
                                                                        date(2024, 6, 30)))
    spaced = s11.create_cycle(db, s11.CycleFields("2024-26  schools", date(2024, 4, 1), date(2024, 6, 30)))
    assert spaced.name == "2024-26 schools"
    assert "name" in _refused(s11.create_cycle, db, s11.CycleFields("2024-26\u00a0schools", date(2024, 4, 1),
                                                                    date(2024, 6, 30)))


def test_returns_requested_more_than_a_year_before_the_audit_name_its_date(db):
    council = _council(db)
    today = date.today()
    audit = ca.create_audit(db, ca.AuditFields("Far audit", today + timedelta(days=400),
                                               returns_due=today + timedelta(days=420)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,)))
    said = {"audit_date": f"The returns would be requested today ({today:%d/%m/%Y}), which is more than a year before "
                          f"the audit date ({today + timedelta(days=400):%d/%m/%Y}): check the Audit date, or request "
                          "the returns within a year of it"}
    assert _refused(ca.set_status, db, audit.id, AuditStatus.RETURNS_REQUESTED) == said
    fields = dataclasses.replace(ca.get_audit(db, audit.id).to_fields(), status=AuditStatus.RETURNS_REQUESTED)
    assert _refused(ca.update_audit, db, audit.id, fields) == said  # the audit dialog's Audit date field
    assert _refused(sa.request_returns, db, audit.id) == said
    assert ca.get_audit(db, audit.id).status is AuditStatus.PLANNED
