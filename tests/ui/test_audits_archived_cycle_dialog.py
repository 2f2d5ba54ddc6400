"""An agency's return that takes no change opens to be read: in an archived Section 11 cycle, for
an agency removed from its cycle, and a case audit's archived return. A line says why, nothing
typed goes in, Save and Remove from the cycle are not offered."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.audit_dialogs import ReturnDialog
from bscp_desktop.ui.audits.s11_dialogs import ParticipantDialog

TODAY = date(2024, 10, 1)


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _why(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel)
                    if label.accessibleName() == "Why it cannot be changed")


def _read_only(qtbot, dialog) -> bool:
    """Typing goes nowhere, Save is not offered, Cancel reads Close."""
    qtbot.keyClicks(dialog.contact if hasattr(dialog, "contact") else dialog.good_practice, "typed anyway")
    typed = "typed anyway" in (dialog.contact.text() if hasattr(dialog, "contact") else dialog.good_practice.toPlainText())
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    return not typed and not dialog.save_button.isEnabled() and cancel.text() == "Close"


@pytest.mark.slow
def test_a_return_in_an_archived_cycle_or_of_a_removed_agency_is_read_not_changed(qtbot, db):
    council, police = (ms.create_organisation(db, ms.OrganisationFields(name, kind)) for name, kind in (
        ("Brent Council", OrganisationKind.LOCAL_AUTHORITY), ("Metropolitan Police", OrganisationKind.POLICE)))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    parts = {p.organisation_name: p for p in s11.add_agencies(db, cycle.id, [council.id, police.id])}

    live = _shown(qtbot, ParticipantDialog(db, parts["Brent Council"], None, TODAY))
    assert _why(live) == "" and live.remove_button.isEnabled()
    qtbot.keyClicks(live.contact, "Jane Okafor")
    assert live.save_button.isEnabled()
    live.reject()

    s11.archive_participant(db, parts["Metropolitan Police"].id)
    removed = _shown(qtbot, ParticipantDialog(db, s11.get_participant(db, parts["Metropolitan Police"].id), None, TODAY))
    assert _why(removed) == ("Metropolitan Police was removed from this cycle: add it again first (Add agencies…) to "
                             "change its return.")
    assert _read_only(qtbot, removed) and not removed.remove_button.isEnabled()
    assert not removed.sent_on.button.isEnabled()  # no date picked either

    s11.archive_cycle(db, cycle.id)
    archived = _shown(qtbot, ParticipantDialog(db, parts["Brent Council"], None, TODAY))
    assert _why(archived) == "The cycle 2024-26 is archived: restore it first (Restore cycle) to change its returns."
    assert _read_only(qtbot, archived)
    assert not archived.remove_button.isEnabled() and "archived" in archived.remove_button.toolTip()
    qtbot.mouseClick(archived.save_button, Qt.MouseButton.LeftButton)
    assert s11.get_participant(db, parts["Brent Council"].id).contact == ""


def test_an_archived_case_audit_return_is_read_not_changed(qtbot, db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", date(2023, 2, 1)))
    [ret] = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,))).returns
    sa.archive_return(db, ret.id)
    dialog = _shown(qtbot, ReturnDialog(db, sa.get_return(db, ret.id)))
    assert _why(dialog).startswith("The return of Brent Council on case MAA-2023-01-C1 is archived: restore it first")
    assert _read_only(qtbot, dialog) and not dialog.grading.isEnabled()
