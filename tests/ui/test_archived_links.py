"""A record naming a person, organisation or group archived since is edited like any other:
its picker keeps that choice, marked archived, and saving a change elsewhere in the form keeps
the link instead of emptying the field or refusing to save."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import actions
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.meetings.dialogs import MeetingDialog
from bscp_desktop.ui.memberships.dialogs import MembershipDialog, PersonDialog


def _action(db, action_id: int):
    return next(a for a in actions.list_actions(db, include_archived=True) if a.id == action_id)


def _save(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.status.text()


def test_a_meeting_keeps_its_archived_chair_minute_taker_and_group(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    chair = ms.create_person(db, ms.PersonFields("Zoë Adébáyọ̀", organisation_id=org.id))
    taker = ms.create_person(db, ms.PersonFields("Kwame Mensah"))
    group = ms.create_group(db, ms.GroupFields("Executive Group", tier=1))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Executive Group", datetime(2024, 3, 14, 10),
                                                     chair_person_id=chair.id, minute_taker_person_id=taker.id))
    ms.archive_person(db, chair.id)
    ms.archive_person(db, taker.id)
    ms.archive_group(db, group.id)

    dialog = MeetingDialog(db, mt.get_meeting(db, meeting.id))
    assert dialog.chair.current_id() == chair.id and "(archived)" in dialog.chair.currentText()
    assert dialog.group.current_id() == group.id
    dialog.place.setText("Civic Centre, Room 3")
    _save(qtbot, dialog)
    saved = mt.get_meeting(db, meeting.id)
    assert (saved.place, saved.chair_person_id, saved.minute_taker_person_id, saved.group_id) == (
        "Civic Centre, Room 3", chair.id, taker.id, group.id)


def test_a_person_and_a_membership_keep_their_archived_organisation(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Old Trust", OrganisationKind.VOLUNTARY))
    person = ms.create_person(db, ms.PersonFields("Nguyễn Thị Lan", organisation_id=org.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum"))
    membership = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1),
                                                              organisation_id=org.id))
    ms.archive_organisation(db, org.id)

    dialog = PersonDialog(db, next(p for p in ms.list_people(db, include_archived=True) if p.id == person.id))
    dialog.phone.setText("020 8937 1234")
    _save(qtbot, dialog)
    assert next(p for p in ms.list_people(db, include_archived=True) if p.id == person.id).organisation_id == org.id

    dialog = MembershipDialog(db, next(m for m in ms.list_memberships(db, include_archived=True) if m.id == membership.id))
    dialog.notes.setPlainText("Until the trust closed")
    _save(qtbot, dialog)
    assert next(m for m in ms.list_memberships(db, include_archived=True) if m.id == membership.id).organisation_id == org.id


def test_an_action_owned_by_someone_archived_can_still_be_marked_done(qtbot, db):
    from bscp_desktop.domain.actions import ActionStatus

    owner = ms.create_person(db, ms.PersonFields("Priya Shah"))
    action = actions.create_action(db, actions.ActionFields("Refresh the escalation policy", owner_person_id=owner.id,
                                                            due_date=date(2024, 6, 30)))
    ms.archive_person(db, owner.id)
    dialog = ActionDialog(db, _action(db, action.id))
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE))
    dialog.evidence.setPlainText("Policy published on the website")
    _save(qtbot, dialog)
    done = _action(db, action.id)
    assert done.status is ActionStatus.DONE and done.owner_person_id == owner.id
