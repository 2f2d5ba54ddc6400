"""On a new database a session needs a course, an action an owner and an escalation an
organisation: each dialog says so and offers to add one, then chooses the one added. A case
audit with no agencies yet does not offer to write an agency's return."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.audits.case_audits_page import CaseAuditsPage
from bscp_desktop.ui.meetings.escalations import EscalationDialog
from bscp_desktop.ui.training.dialogs import SessionDialog

NO_AGENCY = "Add the sample of cases, with the agencies involved in each, first."


def offer(dialog, field):
    box = dialog.fields[field].parentWidget()
    notes = [w for w in box.children() if type(w).__name__ == "AddFirst"]
    return notes[0] if notes else None


def fake_dialog(made, opened):
    """A dialog that saves `made()` as soon as it is opened, as pressing Save would."""

    class Fake:
        def __init__(self, db, record, parent):
            opened.append(parent)
            self.result_value = None

        def exec(self):
            self.result_value = made()
            return True

    return Fake


def added_and_chosen(qtbot, dialog, field, combo, made, where, monkeypatch, words, button):
    qtbot.addWidget(dialog)
    note = offer(dialog, field)
    assert note is not None and note.note.text().startswith(words)
    assert note.button.text() == button
    opened: list = []
    saved: list = []
    monkeypatch.setattr(where, fake_dialog(lambda: saved.append(made()) or saved[0], opened))
    note.button.click()
    assert opened == [dialog]
    assert saved and combo.current_id() == saved[0].id
    assert note.isHidden()
    assert field not in dialog.check()


def test_a_new_session_offers_to_add_the_course_first(qtbot, db, monkeypatch):
    dialog = SessionDialog(db, None)
    added_and_chosen(
        qtbot, dialog, "course_id", dialog.course,
        lambda: cs.create_course(db, cs.CourseFields("Brent neglect toolkit")),
        "bscp_desktop.ui.training.dialogs.CourseDialog", monkeypatch, "No courses yet", "Add a course…",
    )


def test_a_new_action_offers_to_add_its_owner_first(qtbot, db, monkeypatch):
    dialog = ActionDialog(db, None)
    added_and_chosen(
        qtbot, dialog, "owner_person_id", dialog.person,
        lambda: ms.create_person(db, ms.PersonFields("Brenda Okafor")),
        "bscp_desktop.ui.memberships.dialogs.PersonDialog", monkeypatch, "No people yet", "Add a person…",
    )


def test_raising_attendance_offers_to_add_the_organisation_first(qtbot, db, monkeypatch):
    dialog = EscalationDialog(db, None)
    added_and_chosen(
        qtbot, dialog, "organisation_id", dialog.organisation,
        lambda: ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY)),
        "bscp_desktop.ui.memberships.dialogs.OrganisationDialog", monkeypatch, "No organisations yet",
        "Add an organisation…",
    )


def test_dialogs_with_something_to_pick_offer_nothing(qtbot, db):
    cs.create_course(db, cs.CourseFields("Neglect toolkit"))
    ms.create_person(db, ms.PersonFields("Brenda Okafor"))
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    for dialog, field in ((SessionDialog(db, None), "course_id"), (ActionDialog(db, None), "owner_person_id"),
                          (EscalationDialog(db, None), "organisation_id")):
        qtbot.addWidget(dialog)
        assert offer(dialog, field) is None


def test_writing_a_return_waits_for_a_case_with_its_agencies(qtbot, db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2027, 1, 20)))
    page = CaseAuditsPage(db, today=date(2027, 1, 25))
    qtbot.addWidget(page)
    detail = page.audit_detail
    detail.show_audit(audit)
    assert not detail.write.isEnabled() and detail.write.toolTip() == NO_AGENCY
    assert detail.request.toolTip() == NO_AGENCY
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,)))
    detail.show_audit(audit)
    assert detail.write.isEnabled() and detail.write.toolTip() != NO_AGENCY
