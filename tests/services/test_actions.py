"""The one action log, through its service."""

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

DUE = date(2024, 6, 30)


@pytest.fixture
def org(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))


def test_bad_values_name_their_fields_and_save_nothing(db):
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("  ", owner_person_id=999, owner_organisation_id=998, status="later"))
    assert set(err.value.errors) == {"description", "owner_person_id", "owner_organisation_id", "status", "due_date"}
    assert al.list_actions(db, include_archived=True) == []


def test_an_action_needs_an_owner_a_due_date_and_once_done_evidence(db, org):
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("Chase the police data"))
    assert err.value.errors == {
        "owner_person_id": "An action needs an owner: choose a person or an organisation (or both)",
        "due_date": "An action needs a due date",
    }
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("Chase the police data", owner_organisation_id=org.id, due_date=DUE,
                                             status=ActionStatus.DONE, evidence="  "))
    assert set(err.value.errors) == {"evidence"} and "evidence of impact" in err.value.errors["evidence"]
    assert al.list_actions(db, include_archived=True) == []
    action = al.create_action(db, al.ActionFields("Chase the police data", owner_organisation_id=org.id, due_date=DUE))
    assert action.gaps == {} and action.gaps_text == ""
    with pytest.raises(ValidationError) as err:  # marking it done without evidence is refused too
        al.update_action(db, action.id, al.ActionFields(action.description, owner_organisation_id=org.id,
                                                         due_date=DUE, status=ActionStatus.DONE))
    assert set(err.value.errors) == {"evidence"}
    assert al.list_actions(db)[0].status is ActionStatus.OPEN
    dropped = al.update_action(db, action.id, al.ActionFields(action.description, owner_organisation_id=org.id,
                                                               due_date=DUE, status=ActionStatus.DROPPED))
    assert dropped.gaps == {}  # a dropped action needs no evidence of impact


def test_older_actions_without_them_are_flagged_not_lost(db, org):
    from bscp_desktop.db.models import Action

    with db.unit_of_work() as session:  # as saved before the rule
        session.add(Action(description="Old action", status="open"))
        session.add(Action(description="Old done action", status="done", due_date=DUE, owner_organisation_id=org.id,
                           completed_on=DUE))
    old, old_done = sorted(al.list_actions(db), key=lambda a: a.description)
    assert old.gaps_text == "No owner, no due date"
    assert old_done.gaps_text == "Done without evidence"
    with pytest.raises(ValidationError) as err:  # editing one asks for what is missing
        al.update_action(db, old.id, al.ActionFields("Old action, reworded"))
    assert set(err.value.errors) == {"owner_person_id", "due_date"}
    assert {a.description for a in al.list_actions(db)} == {"Old action", "Old done action"}


def test_unknown_link_is_refused(db, org):
    with pytest.raises(ValueError, match="cannot be linked"):
        al.create_action(db, al.ActionFields("Chase the audit", owner_organisation_id=org.id, due_date=DUE),
                         links={"nonsense_id": 1})
    assert al.list_actions(db) == []


def test_owner_status_overdue_and_completion(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", "police"))
    person = ms.create_person(db, ms.PersonFields("Ørsted Çelik", organisation_id=org.id))
    late = al.create_action(db, al.ActionFields("Share the audit findings", person.id, org.id, date(2024, 1, 31)))
    al.create_action(db, al.ActionFields("Book the workshop", owner_person_id=person.id, due_date=date(2024, 6, 30)))
    assert late.owner == "Ørsted Çelik, Metropolitan Police"
    assert [a.description for a in al.list_actions(db, overdue_on=date(2024, 2, 1))] == ["Share the audit findings"]
    assert al.list_actions(db, overdue_on=date(2024, 1, 31)) == []  # due today is not overdue

    done = al.update_action(db, late.id, al.ActionFields(late.description, person.id, org.id, late.due_date,
                                                          ActionStatus.DONE, date(2024, 2, 5), "Seen in the audit"))
    assert done.completed_on == date(2024, 2, 5) and not done.overdue_on(date(2024, 3, 1))
    assert al.list_actions(db, overdue_on=date(2024, 3, 1)) == []
    reopened = al.update_action(db, late.id, al.ActionFields(late.description, person.id, due_date=late.due_date,
                                                              status=ActionStatus.OPEN))
    assert reopened.completed_on is None


def test_progress_updates_are_dated_and_need_text(db, org):
    action = al.create_action(db, al.ActionFields("Refresh the escalation policy", owner_organisation_id=org.id,
                                                  due_date=DUE))
    with pytest.raises(ValidationError) as err:
        al.add_progress_update(db, action.id, None, "   ")
    assert set(err.value.errors) == {"note", "on"}
    al.add_progress_update(db, action.id, date(2024, 3, 1), "Draft shared with partners")
    al.add_progress_update(db, action.id, date(2024, 2, 1), "Owner agreed")
    assert [u.note for u in al.list_progress_updates(db, action.id)] == ["Owner agreed", "Draft shared with partners"]


def test_an_update_or_a_completion_is_not_dated_in_the_future(db, org):
    ahead = date.today() + timedelta(days=1)
    action = al.create_action(db, al.ActionFields("Refresh the escalation policy", owner_organisation_id=org.id,
                                                  due_date=DUE))
    with pytest.raises(ValidationError) as err:
        al.add_progress_update(db, action.id, ahead, "Done tomorrow")
    assert err.value.errors == {"on": f"Date of the update ({ahead:%d/%m/%Y}) cannot be in the future"}
    with pytest.raises(ValidationError) as err:
        al.update_action(db, action.id, al.ActionFields("Refresh the escalation policy", owner_organisation_id=org.id,
                                                         due_date=DUE, status=ActionStatus.DONE, completed_on=ahead,
                                                         evidence="Policy published"))
    assert err.value.errors == {"completed_on": f"Completed on ({ahead:%d/%m/%Y}) cannot be in the future"}
    assert al.list_progress_updates(db, action.id) == [] and al.list_actions(db)[0].status is not ActionStatus.DONE


def test_archive_and_restore(db, org):
    action = al.create_action(db, al.ActionFields("Old action", owner_organisation_id=org.id, due_date=DUE))
    al.archive_action(db, action.id)
    assert al.list_actions(db) == []
    assert al.list_actions(db, include_archived=True)[0].archived
    al.restore_action(db, action.id)
    assert not al.list_actions(db)[0].archived


def test_a_completion_date_only_for_a_done_action(db, org):
    action = al.create_action(db, al.ActionFields("Send the letters", owner_organisation_id=org.id, due_date=DUE,
                                                  status=ActionStatus.DONE, evidence="Letters sent"))
    assert action.completed_on is not None  # today when left empty
    with pytest.raises(ValidationError) as err:
        al.update_action(db, action.id, al.ActionFields("Send the letters", owner_organisation_id=org.id, due_date=DUE,
                                                         status=ActionStatus.OPEN, completed_on=date(2024, 2, 5)))
    assert set(err.value.errors) == {"completed_on"}
    assert al.list_actions(db)[0].status is ActionStatus.DONE  # nothing saved


def test_an_action_added_in_the_log_says_so(db, org):
    action = al.create_action(db, al.ActionFields("Book the annual conference", owner_organisation_id=org.id,
                                                  due_date=DUE))
    assert action.origin.kind is None and action.source == "Added in the action log"


def test_every_area_says_where_its_actions_came_from(db):
    from bscp_desktop.domain.kinds import RecordKind
    from bscp_desktop.services import case_reviews as cr

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", org.id))
    from_case = cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to schools", owner_organisation_id=org.id,
                                                                         due_date=DUE))
    assert from_case.origin.kind is RecordKind.CASE_REVIEWS
    assert from_case.source == f"Case review {case.reference} (Child A): recommendation 1"
    log = al.list_action_log(db, kind=RecordKind.CASE_REVIEWS)
    assert [a.source for a in log] == [from_case.source]
    assert {RecordKind.MEETINGS, RecordKind.CASE_REVIEWS, RecordKind.AUDITS} <= al.linked_kinds()


def test_every_action_of_the_demo_shows_where_it_came_from(demo_db):
    actions = al.list_action_log(demo_db, include_archived=True)
    assert len(actions) > 10
    unexplained = [a.description for a in actions if a.origin.kind is None or not a.source]
    assert unexplained == []
    assert {a.origin.kind for a in actions} >= {RecordKind.MEETINGS, RecordKind.CASE_REVIEWS, RecordKind.AUDITS}
    assert [(a.description, a.gaps_text) for a in actions if a.gaps] == []  # owner, due date, evidence
