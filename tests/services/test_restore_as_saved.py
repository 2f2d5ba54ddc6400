"""An archived record comes back only where saving it as a new record would be allowed: not
into an archived meeting group, audit, cycle, person, expense category or organisation, not under an
agenda item taken off the agenda, and not as a second live meeting of a group at one time. The
restore is refused with the words the save uses, and changes nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import finance as fin
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.training import courses


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        command(*args)
    return error.value.errors


def test_a_meeting_comes_back_only_while_its_time_is_free_and_its_group_is_live(db):
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    when = datetime(2031, 5, 6, 10, 0)
    first = mt.create_meeting(db, mt.MeetingFields(group.id, "First", when))
    mt.archive_meeting(db, first.id)
    mt.create_meeting(db, mt.MeetingFields(group.id, "Second", when))
    said = "Executive Group already has a meeting at 10:00 on 06/05/2031 ('Second'): change that one, or choose another time"
    assert _refused(mt.create_meeting, db, mt.MeetingFields(group.id, "Third", when)) == {"starts_at": said}
    assert _refused(mt.restore_meeting, db, first.id) == {"starts_at": said}  # as the save says it
    assert mt.get_meeting(db, first.id).archived
    assert [m.title for m in mt.list_meetings(db)] == ["Second"]

    later = mt.create_meeting(db, mt.MeetingFields(group.id, "Later", datetime(2031, 6, 6, 10, 0)))
    mt.archive_meeting(db, later.id)
    ms.archive_group(db, group.id)
    said = "Executive Group is archived: restore it before planning its meetings"
    assert _refused(mt.create_meeting, db, mt.MeetingFields(group.id, "New", datetime(2031, 7, 6, 10)))["group_id"] == said
    assert _refused(mt.restore_meeting, db, later.id) == {"group_id": said}
    assert mt.get_meeting(db, later.id).archived
    ms.restore_group(db, group.id)
    mt.restore_meeting(db, later.id)  # its group back, nothing else at that time: it comes back
    assert not mt.get_meeting(db, later.id).archived


def test_an_action_raised_under_an_item_taken_off_the_agenda_stays_archived(db):
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Probe", datetime(2024, 6, 10, 10)))
    item = mt.add_agenda_item(db, meeting.id, mt.AgendaItemFields("Neglect strategy"))
    fields = al.ActionFields("Refresh the neglect toolkit", owner_organisation_id=council.id, due_date=date(2024, 9, 1))
    action = mt.add_item_action(db, item.id, fields)
    al.archive_action(db, action.id)
    mt.archive_agenda_item(db, item.id)
    assert "'Neglect strategy' was taken off the agenda: restore it first" in _refused(
        mt.add_item_action, db, item.id, fields)["agenda"]
    assert _refused(al.restore_action, db, action.id) == {
        "meeting_id": "The item 'Neglect strategy' this action was raised under was taken off the agenda: restore it first"}
    assert [a.archived for a in mt.list_meeting_actions(db, meeting.id)] in ([], [True])
    mt.restore_agenda_item(db, item.id)
    al.restore_action(db, action.id)
    assert [a.id for a in mt.list_meeting_actions(db, meeting.id)] == [action.id]


def test_an_expense_or_income_line_comes_back_only_while_its_category_or_organisation_is_live(db):
    facilitators = fin.default_training_category(db)
    hall = fin.create_expense(db, fin.ExpenseFields(date(2024, 1, 2), facilitators, "Civic Centre", "Hall hire", "80"))
    fin.archive_expense(db, hall.id)
    fin.archive_category(db, facilitators)
    said = "The category 'External training facilitators' is archived: choose another or restore it"
    assert _refused(fin.create_expense, db, hall.to_fields()) == {"category_id": said}
    assert _refused(fin.restore_expense, db, hall.id) == {"category_id": said}
    assert fin.list_expenses(db) == []
    fin.restore_category(db, facilitators)
    fin.restore_expense(db, hall.id)
    assert [e.id for e in fin.list_expenses(db)] == [hall.id]

    school = ms.create_organisation(db, ms.OrganisationFields("Kilburn Park School", OrganisationKind.EDUCATION))
    income = fin.create_income(db, fin.IncomeFields(date(2024, 1, 2), "Training charges", "50", school.id))
    fin.archive_income(db, income.id)
    ms.archive_organisation(db, school.id)
    said = "Kilburn Park School is archived: restore it on the Memberships tab first, or choose a current organisation"
    assert _refused(fin.create_income, db, income.to_fields()) == {"organisation_id": said}
    assert _refused(fin.restore_income, db, income.id) == {"organisation_id": said}
    assert fin.list_income(db) == []
    ms.restore_organisation(db, school.id)
    fin.restore_income(db, income.id)
    assert [i.id for i in fin.list_income(db)] == [income.id]


def test_a_training_sessions_costs_may_be_spread_over_expenses_so_one_comes_back_beside_another(db):
    """Fees and venue hire for one session are two expenses linked to it: the save allows it, so
    a restore does too (only the Training tab's one-click recording offers a session once)."""
    course = courses.create_course(db, courses.CourseFields("Neglect: the graded care profile"))
    paid = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 7, 10, 0), 20, cost="450"))
    facilitators = fin.default_training_category(db)
    fees = fin.record_session_costs(db, [paid.id], facilitators)[0]
    venue = fin.create_expense(db, dataclasses.replace(fees.to_fields(), payee="Civic Centre", amount="120"))
    fin.archive_expense(db, fees.id)
    fin.restore_expense(db, fees.id)
    assert sorted(e.id for e in fin.list_expenses(db) if e.training_session_id == paid.id) == [fees.id, venue.id]


def test_a_learning_point_or_an_agreement_comes_back_only_while_its_audit_or_person_is_live(db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1)))
    point = le.create_learning(db, le.LearningFields(audit.id, "Use chronologies"))
    le.archive_learning(db, point.id)
    ca.archive_audit(db, audit.id)
    said = f"Case audit {audit.reference} is archived: restore it first"
    assert _refused(le.create_learning, db, point.to_fields()) == {"audit_id": said}
    assert _refused(le.restore_learning, db, point.id) == {"audit_id": said}
    assert [p.archived for p in le.list_learning(db, audit.id, include_archived=True)] == [True]

    person = ms.create_person(db, ms.PersonFields("Ada Obi"))
    agreement = ms.create_agreement(db, ms.AgreementFields(person.id, date(2023, 6, 1), date(2024, 6, 1)))
    ms.archive_agreement(db, agreement.id)
    ms.archive_person(db, person.id)
    said = "Ada Obi is archived: restore them before recording their agreement"
    fields = ms.AgreementFields(person.id, date(2023, 6, 1), date(2024, 6, 1))
    assert _refused(ms.create_agreement, db, fields) == {"person_id": said}
    assert _refused(ms.restore_agreement, db, agreement.id) == {"person_id": said}
    assert ms.list_agreements(db) == []
    ms.restore_person(db, person.id)
    ms.restore_agreement(db, agreement.id)
    assert [a.id for a in ms.list_agreements(db)] == [agreement.id]


def test_agencies_come_back_into_or_join_a_cycle_only_while_it_is_live(db):
    council, police = (ms.create_organisation(db, ms.OrganisationFields(name, kind)) for name, kind in (
        ("Brent Council", OrganisationKind.LOCAL_AUTHORITY), ("Metropolitan Police", OrganisationKind.POLICE)))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    taking_part = s11.add_agencies(db, cycle.id, [council.id])
    s11.archive_participant(db, taking_part[0].id)
    s11.archive_cycle(db, cycle.id)
    said = {"cycle_id": "The cycle 2024-26 is archived: restore it first"}
    assert _refused(s11.restore_participant, db, taking_part[0].id) == said
    assert _refused(s11.add_agencies, db, cycle.id, [police.id]) == said
    assert _refused(s11.add_agencies, db, cycle.id, [council.id]) == said  # nor brought back by adding it again
    assert [(p.organisation_name, p.archived) for p in s11.list_participants(db, cycle.id, include_archived=True)] == [
        ("Brent Council", True)]
    s11.restore_cycle(db, cycle.id)
    s11.restore_participant(db, taking_part[0].id)
    assert [p.organisation_name for p in s11.add_agencies(db, cycle.id, [police.id])] == [
        "Brent Council", "Metropolitan Police"]
