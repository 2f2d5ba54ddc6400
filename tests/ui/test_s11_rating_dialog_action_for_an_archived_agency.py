"""The rating dialog of an agency whose organisation was archived on the Memberships tab while
it takes part in the Section 11 cycle says under Improvement action why no new action can be
given, and keeps the dialog open with what was typed; the rating is not saved half-way."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.s11_dialogs import RatingDialog


def test_a_new_action_for_an_archived_agency_is_refused_under_improvement_action(qtbot, db):
    school = ms.create_organisation(db, ms.OrganisationFields("Preston Manor School", OrganisationKind.EDUCATION))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [school.id])
    standard = s11.list_standards(db, cycle.id)[0]
    ms.archive_organisation(db, school.id)
    dialog = RatingDialog(db, sr.get_rating(db, part.id, standard.id), standard.questions, None,
                          cycle=s11.get_cycle(db, cycle.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.self_rating.setCurrentIndex(dialog.self_rating.findData(Rating.AMBER))
    dialog.evidence.setPlainText("Policy out of date")
    dialog.action.setPlainText("Rewrite the safeguarding policy")
    qtbot.keyClicks(dialog.action_due.line, "31/03/2025")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    label = dialog.error_labels["action"]
    assert label.isVisible()
    assert label.text() == ("Preston Manor School is archived on the Memberships tab, so it cannot be given a new "
                            "improvement action: restore it there first")
    assert dialog.action.toPlainText() == "Rewrite the safeguarding policy"
    assert sr.get_rating(db, part.id, standard.id).id is None
