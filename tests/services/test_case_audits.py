"""Multi-agency case audits through the services: sample, returns, status flow, learning, actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import DEFAULT_AUDIT_QUESTIONS, AuditStatus, Grading, MeetingRole, SharedVia
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import audits as audit_settings
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


@pytest.fixture
def orgs(db):
    return [
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
        for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                           ("Metropolitan Police", OrganisationKind.POLICE))
    ]


@pytest.fixture
def audit(db):
    return ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", D(2023, 2, 1), theme="Neglect",
                                              returns_due=D(2023, 3, 1)))


def test_a_new_audit_gets_a_reference_and_the_default_questions(db, audit):
    assert audit.reference == "MAA-2023-01" and audit.status is AuditStatus.PLANNED
    assert audit.questions == DEFAULT_AUDIT_QUESTIONS
    second = ca.create_audit(db, ca.AuditFields("Exploitation", D(2023, 9, 1), questions="Q one\nQ two"))
    assert second.reference == "MAA-2023-02" and second.questions == ("Q one", "Q two")
    assert [a.reference for a in ca.list_audits(db)] == ["MAA-2023-02", "MAA-2023-01"]
    assert ca.find_audit(db, "maa-2023-01").id == audit.id
    with pytest.raises(ValidationError) as err:
        ca.create_audit(db, ca.AuditFields("", None, status=AuditStatus.CLOSED))
    assert set(err.value.errors) >= {"title", "audit_date", "status"}


def test_settings_round_trip(db):
    saved = audit_settings.save_settings(db, audit_settings.AuditSettings(("Neglect", "neglect", "Online harm"),
                                                                          ("Q1",), "AUD"))
    assert saved.themes == ("Neglect", "Online harm") and saved.questions == ("Q1",)
    audit = ca.create_audit(db, ca.AuditFields("X", D(2024, 1, 5)))
    assert audit.reference == "AUD-2024-01" and audit.questions == ("Q1",)
    with pytest.raises(ValidationError) as err:
        audit_settings.save_settings(db, audit_settings.AuditSettings((), (), "1 bad"))
    assert set(err.value.errors) == {"themes", "questions", "reference_prefix"}



def test_a_question_set_too_long_for_the_returns_is_refused_naming_the_question(db, audit):
    many = [f"Question {i}" for i in range(audit_settings.MAX_QUESTIONS + 1)]
    too_long = ["Was the child seen?", "x" * (audit_settings.MAX_QUESTION_LENGTH + 1)]
    for questions, said in (
        (many, f"The audit has {len(many)} questions; keep at most {audit_settings.MAX_QUESTIONS}"),
        (too_long, f"Question 2 is too long ({audit_settings.MAX_QUESTION_LENGTH + 1:,} characters; at most "
                   f"{audit_settings.MAX_QUESTION_LENGTH:,})"),
    ):
        with pytest.raises(ValidationError) as err:
            ca.create_audit(db, ca.AuditFields("Neglect", D(2024, 1, 5), questions=questions))
        assert set(err.value.errors) == {"questions"} and err.value.errors["questions"].startswith(said)
        with pytest.raises(ValidationError) as err:
            ca.update_audit(db, audit.id, replace(audit.to_fields(), questions="\n".join(questions)))
        assert err.value.errors["questions"].startswith(said)
        with pytest.raises(ValidationError) as err:
            audit_settings.save_settings(db, audit_settings.AuditSettings(("Neglect",), tuple(questions), "MAA"))
        assert set(err.value.errors) == {"questions"}
        assert err.value.errors["questions"].startswith(said.replace("The audit", "The default question set"))
    at_most = ["y" * audit_settings.MAX_QUESTION_LENGTH] * audit_settings.MAX_QUESTIONS
    assert len(ca.update_audit(db, audit.id, replace(audit.to_fields(), questions=at_most)).questions) == 50
    assert len(audit_settings.save_settings(
        db, audit_settings.AuditSettings(("Neglect",), tuple(at_most), "MAA")).questions) == 50


def test_the_sample_uses_aliases_and_creates_one_return_per_agency(db, audit, orgs):
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", "5_to_9", agency_ids=(orgs[0].id, orgs[1].id)))
    assert case.reference == "MAA-2023-01-C1" and case.agency_names == ("Brent Council", "Metropolitan Police")
    with pytest.raises(ValidationError, match="already used by case 1"):
        sa.add_case(db, sa.AuditCaseFields(audit.id, "child a"))
    other = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(orgs[0].id,)))
    assert other.number == 2
    # removing an agency that has not returned is allowed; one that returned is not
    sa.update_case(db, other.id, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(orgs[1].id,)))
    assert sa.get_case(db, other.id).agency_names == ("Metropolitan Police",)
    police_return = next(r for r in sa.get_case(db, other.id).returns if not r.archived)
    sa.update_return(db, police_return.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 2, 20), "Good", "Dev", "Good"))
    with pytest.raises(ValidationError, match="already returned this case"):
        sa.update_case(db, other.id, sa.AuditCaseFields(audit.id, "Child B", agency_ids=()))


def test_an_alias_differing_only_by_spaces_inside_is_the_same_alias(db, audit, orgs):
    """"Child A" and "Child  A" looked the same in lists and returns, and a return landed on the
    wrong one."""
    first = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A"))
    for alias in ("Child  A", "child\u00a0a", " Child \t A "):
        with pytest.raises(ValidationError, match="already used by case 1"):
            sa.add_case(db, sa.AuditCaseFields(audit.id, alias))
    second = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child   B"))
    assert second.alias == "Child B"
    with pytest.raises(ValidationError, match="already used by case 1"):
        sa.update_case(db, second.id, sa.AuditCaseFields(audit.id, "Child  A"))
    assert sa.update_case(db, first.id, sa.AuditCaseFields(audit.id, "Child  A ")).alias == "Child A"


def test_return_validation(db, audit, orgs):
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,)))
    ret = case.returns[0]
    with pytest.raises(ValidationError) as err:
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), None, "Thorough assessment", "", "Excellent"))
    assert "is not a grading" in err.value.errors["grading"]
    assert "Enter the date the return was received" in err.value.errors["received_on"]
    with pytest.raises(ValidationError, match="cannot be before it was requested"):
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 2, 1)))
    ahead = date.today().replace(year=date.today().year + 1, day=1)
    with pytest.raises(ValidationError) as err:  # a return in hand, not one promised
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), ahead, "Thorough", "", "Good"))
    assert err.value.errors == {"received_on": f"Received ({ahead:%d/%m/%Y}) cannot be in the future"}
    saved = sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 3, 3), "Thorough", "Voice", "RI"))
    assert saved.grading is Grading.REQUIRES_IMPROVEMENT and saved.received
    assert saved.name == "Brent Council return for Child A (MAA-2023-01-C1)"


def test_the_status_flow_through_the_service(db, audit, orgs):
    with pytest.raises(ValidationError, match="sample of cases"):
        ca.set_status(db, audit.id, AuditStatus.RETURNS_REQUESTED)
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id, orgs[1].id)))
    assert sa.request_returns(db, audit.id, D(2023, 2, 3)) == 2
    assert ca.get_audit(db, audit.id).status is AuditStatus.RETURNS_REQUESTED
    with pytest.raises(ValidationError, match="2 returns are still outstanding"):
        ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    for ret in case.returns:
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 3), D(2023, 2, 25), "x", "y", "Good"))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    fields = ca.get_audit(db, audit.id).to_fields()
    with pytest.raises(ValidationError) as err:
        ca.update_audit(db, audit.id, ca.AuditFields(**{**fields.__dict__, "status": AuditStatus.DISCUSSED,
                                                          "discussed_on": D(2023, 4, 20)}))
    assert "agreed grading" in err.value.errors["status"]
    sa.update_case(db, case.id, sa.AuditCaseFields(audit.id, "Child A", agency_ids=case.agency_ids,
                                                  agreed_grading=Grading.REQUIRES_IMPROVEMENT, agreed_note="Agreed"))
    done = ca.update_audit(db, audit.id, ca.AuditFields(**{**fields.__dict__, "status": AuditStatus.DISCUSSED,
                                                            "discussed_on": D(2023, 4, 20)}))
    assert done.status is AuditStatus.DISCUSSED and done.discussed_on == D(2023, 4, 20)
    with pytest.raises(ValidationError, match="next step is Reported"):
        ca.set_status(db, audit.id, AuditStatus.CLOSED)
    assert ca.set_status(db, audit.id, AuditStatus.RETURNS_IN).status is AuditStatus.RETURNS_IN  # one step back


def test_requesting_returns_leaves_a_return_already_received_as_it_is(db, audit, orgs):
    """As a Section 11 return already back is not marked sent: it was not asked for then."""
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id, orgs[1].id)))
    early, waiting = case.returns
    sa.update_return(db, early.id, sa.ReturnFields(None, D(2023, 2, 2), "Prompt referral", "", "Good"))
    assert sa.request_returns(db, audit.id, D(2023, 2, 3)) == 1
    held = {r.id: r for r in sa.list_returns(db, audit.id)}
    assert (held[early.id].requested_on, held[early.id].received_on) == (None, D(2023, 2, 2))
    assert held[waiting.id].requested_on == D(2023, 2, 3)
    saved = sa.update_return(db, early.id, replace(held[early.id].to_fields(), areas_for_development="Voice"))
    assert saved.areas_for_development == "Voice"  # saved again, not refused over dates nobody entered


def test_a_return_never_requested_is_not_overdue_nor_outstanding(db, audit, orgs):
    """As a Section 11 return never sent: the agency was not asked, so it is neither late nor overdue."""
    from bscp_desktop.services import engagement as en

    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,)))
    later = D(2023, 4, 1)  # past the returns' due date, 1 March
    [ret] = sa.list_returns(db, audit.id)
    assert ret.not_requested and not ret.overdue_on(later) and ret.received_text(later) == "Not requested"
    council = next(r for r in en.engagement(db, D(2023, 1, 1), D(2023, 12, 31), today=later)
                   if r.organisation_id == orgs[0].id)
    assert council.audit_returns_outstanding == 0
    sa.request_returns(db, audit.id, D(2023, 2, 3))
    [ret] = sa.list_returns(db, audit.id)
    assert ret.overdue_on(later) and ret.received_text(later) == "Overdue"
    assert ret.received_text(D(2023, 2, 10)) == "Not yet"
    council = next(r for r in en.engagement(db, D(2023, 1, 1), D(2023, 12, 31), today=later)
                   if r.organisation_id == orgs[0].id)
    assert council.audit_returns_outstanding == 1


def test_a_return_no_longer_asked_for_is_not_outstanding(db, audit, orgs):
    """An archived case's returns, and an archived return, count in partner engagement no more."""
    from bscp_desktop.services import engagement as en

    cases = [sa.add_case(db, sa.AuditCaseFields(audit.id, alias, agency_ids=(orgs[0].id, orgs[1].id)))
             for alias in ("Child A", "Child B")]
    sa.request_returns(db, audit.id, D(2023, 2, 3))
    sa.archive_case(db, cases[1].id)
    sa.archive_return(db, next(r.id for r in cases[0].returns if r.organisation_id == orgs[1].id))
    rows = {r.organisation_id: r for r in en.engagement(db, D(2023, 1, 1), D(2023, 12, 31), today=D(2023, 4, 1))}
    assert (rows[orgs[0].id].audit_returns_outstanding, rows[orgs[1].id].audit_returns_outstanding) == (1, 0)


def test_closing_needs_every_action_done(db, audit, orgs):
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", orgs[0].id))
    action = le.add_recommendation_action(db, rec.id, action_log.ActionFields(
        "Relaunch the toolkit", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30)))
    assert action.links["audit_recommendation_id"] == rec.id
    assert [a.description for a in action_log.list_actions(db)] == ["Relaunch the toolkit"]
    facts = None
    from bscp_desktop.services.audits.case_audits import facts_in
    with db.unit_of_work() as s:
        facts = facts_in(s, audit.id)
    assert facts.open_actions == 1
    [row] = le.audit_actions(db, audit.id)
    assert row.recommendation.label == "MAA-2023-01 R1"
    assert le.list_recommendations(db, audit.id, today=D(2023, 7, 1))[0].actions_overdue == 1
    action_log.update_action(db, action.id, action_log.ActionFields(
        "Relaunch the toolkit", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30), status=ActionStatus.DONE,
        completed_on=D(2023, 6, 1), evidence="Toolkit relaunched"))
    with db.unit_of_work() as s:
        assert facts_in(s, audit.id).open_actions == 0


def test_learning_log_and_meetings(db, audit, orgs):
    group = ms.create_group(db, ms.GroupFields("Multi-agency Audit Group"))
    meeting = mt.create_meeting(db, mt.MeetingFields(group_id=group.id, title="Multi-agency Audit Group",
                                                     starts_at=datetime(2023, 4, 20, 10)))
    fields = ca.get_audit(db, audit.id).to_fields()
    linked = ca.update_audit(db, audit.id, ca.AuditFields(**{**fields.__dict__,
                                                             "meetings": ((meeting.id, MeetingRole.DISCUSSED),)}))
    assert [(m.role, m.label) for m in linked.meetings] == [(MeetingRole.DISCUSSED, "20/04/2023 Multi-agency Audit Group")]
    point = le.create_learning(db, le.LearningFields(audit.id, "Record the child's daily lived experience", "Neglect",
                                                     SharedVia.MEETING, None, meeting.id))
    assert point.shared_on == D(2023, 4, 20) and point.where_shared == "A meeting: 20/04/2023 Multi-agency Audit Group"
    with pytest.raises(ValidationError, match="set 'Shared through' to A meeting"):
        le.create_learning(db, le.LearningFields(audit.id, "x", shared_via=SharedVia.BRIEFING, meeting_id=meeting.id))
    le.create_learning(db, le.LearningFields(audit.id, "Use chronologies", shared_via="training"))
    assert [p.text for p in le.list_learning(db, audit.id)] == ["Record the child's daily lived experience", "Use chronologies"]
    assert ca.get_audit(db, audit.id).learning_points == 2
    assert "Neglect" in ca.known_themes(db)


def test_history_names_audit_records(db, audit, orgs):
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,)))
    with db.unit_of_work() as s:
        labels = dict(s.execute(select(ChangeRecord.table_name, ChangeRecord.record_label)).all())
    assert labels["case_audit"] == "MAA-2023-01 Neglect: multi-agency audit" and labels["audit_case"] == "Child A"


def test_audit_records_are_found_by_the_search(db, orgs, audit):
    from bscp_desktop.services.search import search

    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[1].id,)))
    [ret] = sa.list_returns(db, audit.id)
    sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 2, 20), "Chronology kept by Żółć's team"))
    point = le.create_learning(db, le.LearningFields(audit.id, "Chronologies were missing in two of four cases"))
    hits = search(db, "chronolog", area="audits").hits
    assert {(h.table, h.record_id) for h in hits} == {("audit_return", ret.id), ("audit_learning", point.id)}
    assert {h.area for h in hits} == {"audits"}
    assert search(db, "żółć").hits[0].table == "audit_return"  # every area searched, accents ignored
    # each hit leads back to its audit
    assert ca.audit_of(db, "audit_return", ret.id) == ca.audit_of(db, "audit_case", case.id) == audit.id
    assert ca.audit_of(db, "audit_learning", point.id) == audit.id
    assert ca.audit_of(db, "person", 1) is None
    assert ca.audit_of(db, "audit_return", 99999) is None


def test_an_audit_is_not_reported_or_closed_on_a_day_still_to_come(db):
    ahead = date(2099, 2, 1)
    with pytest.raises(ValidationError) as err:
        ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 1, 10), discussed_on=date(2099, 1, 1),
                                           reported_on=ahead, closed_on=ahead))
    assert err.value.errors == {"reported_on": "Reported (01/02/2099) cannot be in the future",
                                "closed_on": "Closed (01/02/2099) cannot be in the future"}
    planned = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 1, 10), discussed_on=date(2099, 1, 1)))
    assert planned.discussed_on == date(2099, 1, 1)  # a joint discussion may be planned ahead


def test_the_dates_an_audits_status_stands_on_hold_while_it_is_in_that_status(db, audit, orgs):
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,),
                                              agreed_grading=Grading.GOOD, agreed_note="Agreed"))
    sa.request_returns(db, audit.id, D(2023, 2, 3))
    sa.update_return(db, case.returns[0].id, sa.ReturnFields(D(2023, 2, 3), D(2023, 2, 25), "x", "y", "Good"))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    ahead = date.today().replace(year=date.today().year + 1, day=1)
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": ahead}))  # planned: fine
    with pytest.raises(ValidationError) as err:
        ca.set_status(db, audit.id, AuditStatus.DISCUSSED)
    assert err.value.errors == {"status": f"Joint discussion ({ahead:%d/%m/%Y}) is still to come: an audit is "
                                          "marked discussed only once that has happened"}
    with pytest.raises(ValidationError) as err:
        ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": ahead, "status": AuditStatus.DISCUSSED}))
    assert "is still to come" in err.value.errors["discussed_on"]
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": D(2023, 4, 20)}))
    ca.set_status(db, audit.id, AuditStatus.DISCUSSED)
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": D(2023, 4, 20), "reported_on": D(2023, 5, 2),
                                                   "status": AuditStatus.REPORTED}))
    reported = ca.get_audit(db, audit.id).to_fields().__dict__
    with pytest.raises(ValidationError) as err:  # the status still says it was reported
        ca.update_audit(db, audit.id, ca.AuditFields(**{**reported, "reported_on": None, "discussed_on": None}))
    assert err.value.errors == {
        "discussed_on": "An audit marked reported needs the date of the joint discussion: enter it, or move the "
                        "audit back a step first",
        "reported_on": "An audit marked reported needs the date the findings were reported: enter it, or move "
                       "the audit back a step first"}
    assert ca.get_audit(db, audit.id).reported_on == D(2023, 5, 2)  # nothing saved
    back = ca.update_audit(db, audit.id, ca.AuditFields(**{**reported, "reported_on": None, "status": AuditStatus.DISCUSSED}))
    assert back.status is AuditStatus.DISCUSSED and back.reported_on is None  # one step back, then cleared


def test_a_closed_audit_takes_no_new_action(db, audit, orgs):
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", orgs[0].id))
    with db.unit_of_work() as s:  # the audit as it stands once closed (its steps are tested above)
        from bscp_desktop.db.models.audits import CaseAudit

        row = s.get(CaseAudit, audit.id)
        row.status, row.reported_on, row.closed_on, row.discussed_on = "closed", D(2023, 5, 2), D(2023, 6, 1), D(2023, 4, 20)
    action = action_log.ActionFields("Relaunch the toolkit", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30))
    with pytest.raises(ValidationError) as err:
        le.add_recommendation_action(db, rec.id, action)
    assert err.value.errors == {"audit_recommendation_id": "This audit is closed, every action of it complete: move it "
                                                           "back to Reported to add an action"}
    assert le.audit_actions(db, audit.id) == []
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    assert le.add_recommendation_action(db, rec.id, action).description == "Relaunch the toolkit"


def test_a_closed_audit_takes_no_new_recommendation(db, audit, orgs):
    """One added then could never be given an action, so it is refused, saying what to do."""
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", orgs[0].id))
    with db.unit_of_work() as s:  # the audit as it stands once closed (its steps are tested above)
        from bscp_desktop.db.models.audits import CaseAudit

        row = s.get(CaseAudit, audit.id)
        row.status, row.reported_on, row.closed_on, row.discussed_on = "closed", D(2023, 5, 2), D(2023, 6, 1), D(2023, 4, 20)
    with pytest.raises(ValidationError) as err:
        le.create_recommendation(db, le.RecommendationFields(audit.id, "Escalate sooner", orgs[0].id))
    assert err.value.errors == {"audit_id": "This audit is closed, every action of it complete: move it back to "
                                            "Reported to add a recommendation"}
    assert [r.text for r in le.list_recommendations(db, audit.id)] == ["Use the neglect toolkit"]
    fields = le.RecommendationFields(audit.id, "Use the neglect toolkit in every file", orgs[0].id)
    assert le.update_recommendation(db, rec.id, fields).text == fields.text  # one it has may still be corrected


def test_an_archived_audit_takes_no_new_recommendation_or_action(db, audit, orgs):
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", orgs[0].id))
    ca.archive_audit(db, audit.id)
    said = f"Case audit {audit.reference} is archived: restore it first"
    with pytest.raises(ValidationError) as err:
        le.create_recommendation(db, le.RecommendationFields(audit.id, "Another"))
    assert err.value.errors == {"audit_id": said}
    action = action_log.ActionFields("Relaunch the toolkit", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30))
    with pytest.raises(ValidationError) as err:
        le.add_recommendation_action(db, rec.id, action)
    assert err.value.errors == {"audit_recommendation_id": said}
    assert le.audit_actions(db, audit.id, include_archived=True) == []


def _closed_with_actions(db, audit, orgs):
    """The audit closed with one done action; a second archived while still open."""
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", orgs[0].id))
    fields = action_log.ActionFields("Relaunch the toolkit", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30))
    done = le.add_recommendation_action(db, rec.id, fields)
    spare = le.add_recommendation_action(db, rec.id, replace(fields, description="A duplicate"))
    action_log.archive_action(db, spare.id)
    done = action_log.update_action(db, done.id, replace(fields, status=ActionStatus.DONE, completed_on=D(2023, 5, 20),
                                                         evidence="Toolkit used in 9 of 10 files"))
    with db.unit_of_work() as s:  # the audit as it stands once closed (its steps are tested above)
        from bscp_desktop.db.models.audits import CaseAudit

        row = s.get(CaseAudit, audit.id)
        row.status, row.reported_on, row.closed_on, row.discussed_on = "closed", D(2023, 5, 2), D(2023, 6, 1), D(2023, 4, 20)
    return rec, done, spare


def test_a_closed_audits_action_is_not_reopened_nor_restored_still_to_do(db, audit, orgs):
    rec, done, spare = _closed_with_actions(db, audit, orgs)
    said = (f"Case audit {audit.reference} this action was raised from is closed, every action of it complete: "
            "move it back to Reported to ")
    reopened = action_log.ActionFields(done.description, owner_organisation_id=orgs[0].id, due_date=done.due_date)
    with pytest.raises(ValidationError) as err:
        action_log.update_action(db, done.id, reopened)
    assert err.value.errors == {"status": said + "reopen this action"}
    with pytest.raises(ValidationError) as err:
        action_log.restore_action(db, spare.id)
    assert err.value.errors == {"status": said + "restore this action"}
    assert ca.get_audit(db, audit.id).actions_open == 0  # nothing saved
    assert [a.status for a in le.recommendation_actions(db, rec.id, include_archived=True)] == [ActionStatus.DONE,
                                                                                                ActionStatus.OPEN]
    assert [a.archived for a in le.recommendation_actions(db, rec.id, include_archived=True)] == [False, True]
    # a done action of it may still be corrected, and both come back once the audit is moved back
    action_log.update_action(db, done.id, replace(reopened, status=ActionStatus.DONE, completed_on=D(2023, 5, 20),
                                                  evidence="Toolkit used in 10 of 10 files"))
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    action_log.update_action(db, done.id, reopened)
    action_log.restore_action(db, spare.id)
    assert ca.get_audit(db, audit.id).actions_open == 2


def test_an_archived_recommendations_open_action_keeps_its_audit_from_closing(db, audit, orgs):
    """As a case review's, the action stays in the action log: it still counts as open."""
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Escalate sooner", orgs[0].id))
    le.add_recommendation_action(db, rec.id, action_log.ActionFields(
        "Train on escalation", owner_organisation_id=orgs[0].id, due_date=D(2023, 6, 30)))
    le.archive_recommendation(db, rec.id)
    assert ca.get_audit(db, audit.id).actions_open == 1
    with db.unit_of_work() as s:
        from bscp_desktop.db.models.audits import CaseAudit

        row = s.get(CaseAudit, audit.id)
        row.status, row.reported_on, row.closed_on, row.discussed_on = "reported", D(2023, 5, 2), D(2023, 6, 1), D(2023, 4, 20)
    with pytest.raises(ValidationError) as err:
        ca.set_status(db, audit.id, AuditStatus.CLOSED)
    assert err.value.errors == {"status": "1 action from this audit is still open: complete or drop it before "
                                          "closing the audit"}
    assert ca.get_audit(db, audit.id).status is AuditStatus.REPORTED
