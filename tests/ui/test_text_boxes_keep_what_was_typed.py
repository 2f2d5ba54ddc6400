"""A box of several lines saves its words exactly as typed: a no-break space ("£10 000", "Mr X")
is kept, as in the minutes, not turned into an ordinary space by the dialog reading the box."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.memberships.dialogs import PersonDialog

NBSP = "\u00a0"


@pytest.mark.slow  # two dialogs
def test_an_action_and_a_persons_notes_keep_their_no_break_spaces(qtbot, db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    dialog = ActionDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    words = f"Find£10{NBSP}000 for the Forum's{NBSP}session"
    dialog.description.setPlainText(words)
    dialog.evidence.setPlainText(f"Paid{NBSP}in full")
    dialog.organisation.set_current_id(council.id)
    dialog.due.set_value(date(2024, 6, 30))
    dialog._on_save()
    assert dialog.result_value is not None, dialog.status.text()
    (saved,) = al.list_action_log(db)
    assert saved.description == words

    person = PersonDialog(db, None)
    qtbot.addWidget(person)
    person.show()
    person.name.setText("Żółć Nowak")
    person.notes.setPlainText(f"Prefers{NBSP}Ms Nowak")
    person._on_save()
    assert person.result_value is not None, person.status.text()
    assert ms.list_people(db)[0].notes == f"Prefers{NBSP}Ms Nowak"
