"""The rating dialog says, under Why not applicable, that a reason is kept only for Not
applicable and offers no Save until it is cleared (the text is never dropped unseen); the
learning point dialog says under Shared on that the day is before the audit or still to come."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.audit_dialogs import LearningDialog
from bscp_desktop.ui.audits.s11_dialogs import RatingDialog


def _error(dialog, name: str) -> str:
    label = dialog.error_labels[name]
    return label.text() if label.isVisible() else ""


@pytest.mark.slow
def test_the_rating_dialog_refuses_a_reason_its_rating_would_drop(qtbot, db):
    school = ms.create_organisation(db, ms.OrganisationFields("Preston Manor School", OrganisationKind.EDUCATION))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [school.id])
    standard = s11.list_standards(db, cycle.id)[3]
    sr.save_rating(db, part.id, standard.id, sr.RatingFields("Not applicable", "We are a school: no service planning"))
    dialog = RatingDialog(db, sr.get_rating(db, part.id, standard.id), standard.questions, None, cycle=cycle)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled() and _error(dialog, "not_applicable_reason") == ""

    dialog.self_rating.setCurrentIndex(dialog.self_rating.findData(Rating.AMBER))
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    assert _error(dialog, "not_applicable_reason") == (
        "Why not applicable is kept only for a rating of Not applicable, and the agency's own rating is Amber: "
        "clear the reason, or set the rating to Not applicable")
    assert dialog.reason.isEnabled() and dialog.reason.toPlainText() == "We are a school: no service planning"

    dialog.reason.setPlainText("")  # the officer clears it: nothing goes unsaid
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert not dialog.reason.isEnabled() and _error(dialog, "not_applicable_reason") == ""
    dialog.save_button.click()
    saved = sr.get_rating(db, part.id, standard.id)
    assert (saved.self_rating, saved.not_applicable_reason) == (Rating.AMBER, "")


@pytest.mark.slow
def test_the_learning_dialog_checks_shared_on_as_it_is_typed(qtbot, db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", date(2023, 2, 1), theme="Neglect"))
    dialog = LearningDialog(db, None, audit_id=audit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("Chronologies were missing in half of the cases")
    dialog.via.setCurrentIndex(dialog.via.findData(le.SharedVia.BRIEFING))
    for day, message in ((date(1923, 2, 1), "Shared on (01/02/1923) cannot be before the audit date (01/02/2023)"),
                         (date(2099, 2, 1), "Shared on (01/02/2099) cannot be in the future")):
        dialog.shared_on.set_value(day)
        qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
        assert _error(dialog, "shared_on") == message
    dialog.shared_on.set_value(date(2023, 3, 9))
    qtbot.waitUntil(dialog.save_button.isEnabled)
    dialog.save_button.click()
    assert [p.shared_on for p in le.list_learning(db, audit.id)] == [date(2023, 3, 9)]
