"""The New Section 11 cycle dialog says, before saving, when the earlier cycle the new one will be
compared with still has open improvement actions, and that they stay under that cycle."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RatingScale
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.s11_dialogs import CycleDialog
from tests.ui.helpers import type_text


def _earlier_with_open_actions(db) -> s11.CycleDTO:
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [council.id])
    for standard, action in zip(s11.list_standards(db, cycle.id), ("Refresh the policy", "Name a lead"), strict=False):
        sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber", action=action, action_due=date(2025, 3, 31)))
    return cycle


def test_the_new_cycle_dialog_names_the_earlier_cycles_open_actions(qtbot, db):
    _earlier_with_open_actions(db)
    dialog = CycleDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.open_actions.isHidden()  # no Opens date yet: no earlier cycle to name
    type_text(dialog.opens_on.line, "02/11/2026")
    assert dialog.open_actions.text() == (
        "2024-26 has 2 improvement actions still open: they stay in the action log under 2024-26.")
    assert not dialog.open_actions.isHidden()
    dialog.rating_scale.setCurrentIndex(dialog.rating_scale.findData(RatingScale.SCORE))
    assert dialog.open_actions.isHidden()  # on another scale it is compared with no cycle


def test_editing_a_cycle_shows_no_such_note(qtbot, db):
    cycle = _earlier_with_open_actions(db)
    dialog = CycleDialog(db, cycle)
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "open_actions") or dialog.open_actions.isHidden()
