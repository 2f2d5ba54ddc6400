"""A rating in an archived Section 11 cycle opens to be read, as its agency's return does: a line
says why, nothing chosen or typed goes in and Save is not offered; the grid's heading says the
cycle's ratings can only be read. In a cycle that is not archived both still offer a change."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.section11_page import Section11Page
from tests.ui.helpers import shown_tab

TODAY = date(2024, 10, 1)


def _why(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel)
                    if label.accessibleName() == "Why it cannot be changed")


def _rating_of(page, qtbot, cycle_id: int):
    qtbot.waitUntil(lambda: not page.loading() and page.grid_data is not None and page.grid_data.cycle.id == cycle_id)
    participant, standard = page.grid_data.agencies[0], page.grid_data.standards[0]
    dialog = page.rating_dialog(page.grid_data.cell(participant.id, standard.id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.slow
def test_a_rating_in_an_archived_cycle_is_read_not_changed(qtbot, db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [council.id])
    sr.save_rating(db, part.id, s11.list_standards(db, cycle.id)[0].id, sr.RatingFields("Amber", evidence="Audit"))
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY))

    live = _rating_of(page, qtbot, cycle.id)
    assert "to enter or change its rating" in page.grid_heading.text()
    assert _why(live) == "" and live.moderated.isEnabled()
    live.moderated.setCurrentIndex(live.moderated.findData(Rating.RED))
    live.note.setPlainText("Downgraded at the challenge meeting")
    assert live.save_button.isEnabled()
    live.reject()

    s11.archive_cycle(db, cycle.id)
    page.show_archived.setChecked(True)
    archived = _rating_of(page, qtbot, cycle.id)
    assert page.grid_heading.text() == ("This cycle is archived: its ratings can only be read (double-click a cell, "
                                        "or press Enter on it)")
    assert _why(archived) == "The cycle 2024-26 is archived: restore it first (Restore cycle) to change its ratings."
    assert not archived.self_rating.isEnabled() and not archived.moderated.isEnabled()
    assert archived.evidence.isReadOnly() and archived.evidence.toPlainText() == "Audit"
    qtbot.keyClicks(archived.note, "typed anyway")
    assert archived.note.toPlainText() == ""
    assert not archived.save_button.isEnabled()
    assert archived.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
