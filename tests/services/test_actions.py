"""The one action log, through its service."""

from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms


def test_bad_values_name_their_fields_and_save_nothing(db):
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("  ", owner_person_id=999, owner_organisation_id=998, status="later"))
    assert set(err.value.errors) == {"description", "owner_person_id", "owner_organisation_id", "status"}
    assert al.list_actions(db, include_archived=True) == []


def test_unknown_link_is_refused(db):
    with pytest.raises(ValueError, match="cannot be linked"):
        al.create_action(db, al.ActionFields("Chase the audit"), links={"nonsense_id": 1})
    assert al.list_actions(db) == []


def test_owner_status_overdue_and_completion(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", "police"))
    person = ms.create_person(db, ms.PersonFields("Ørsted Çelik", organisation_id=org.id))
    late = al.create_action(db, al.ActionFields("Share the audit findings", person.id, org.id, date(2024, 1, 31)))
    al.create_action(db, al.ActionFields("Book the workshop", due_date=date(2024, 6, 30)))
    assert late.owner == "Ørsted Çelik, Metropolitan Police"
    assert [a.description for a in al.list_actions(db, overdue_on=date(2024, 2, 1))] == ["Share the audit findings"]
    assert al.list_actions(db, overdue_on=date(2024, 1, 31)) == []  # due today is not overdue

    done = al.update_action(db, late.id, al.ActionFields(late.description, person.id, org.id, late.due_date,
                                                          ActionStatus.DONE, date(2024, 2, 5), "Seen in the audit"))
    assert done.completed_on == date(2024, 2, 5) and not done.overdue_on(date(2024, 3, 1))
    assert al.list_actions(db, overdue_on=date(2024, 3, 1)) == []
    reopened = al.update_action(db, late.id, al.ActionFields(late.description, status=ActionStatus.OPEN))
    assert reopened.completed_on is None


def test_progress_updates_are_dated_and_need_text(db):
    action = al.create_action(db, al.ActionFields("Refresh the escalation policy"))
    with pytest.raises(ValidationError) as err:
        al.add_progress_update(db, action.id, None, "   ")
    assert set(err.value.errors) == {"note", "on"}
    al.add_progress_update(db, action.id, date(2024, 3, 1), "Draft shared with partners")
    al.add_progress_update(db, action.id, date(2024, 2, 1), "Owner agreed")
    assert [u.note for u in al.list_progress_updates(db, action.id)] == ["Owner agreed", "Draft shared with partners"]


def test_archive_and_restore(db):
    action = al.create_action(db, al.ActionFields("Old action"))
    al.archive_action(db, action.id)
    assert al.list_actions(db) == []
    assert al.list_actions(db, include_archived=True)[0].archived
    al.restore_action(db, action.id)
    assert not al.list_actions(db)[0].archived
