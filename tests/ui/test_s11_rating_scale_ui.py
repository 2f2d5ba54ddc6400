"""A Section 11 cycle scored from 0 to 3, through the window: the scale chosen in the cycle's
dialog, a score typed in the rating dialog the grid opens, the grid's word, colour and counts,
and the scale kept once the cycle has ratings."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RATING_COLOURS, Rating, RatingScale
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.s11_dialogs import CycleDialog
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import shown_tab, type_text

TODAY = date(2024, 10, 1)


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    s11.add_agencies(db, old.id, [council.id, police.id])
    return {"orgs": (council.id, police.id)}


db, setup = database_with("s11-scale-ui", build_setup, records="setup")


def save(qtbot, dialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.slow
def test_choose_the_score_scale_and_type_a_score_in_the_grid(qtbot, db, setup):
    tab = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    page = tab.section11
    qtbot.waitUntil(lambda: page.grid_data is not None)

    dialog = CycleDialog(db, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_scale() is RatingScale.RAG  # the default
    assert [dialog.rating_scale.itemText(i) for i in range(dialog.rating_scale.count())] == [
        "Red, amber, green", "Score 0 to 3"]
    type_text(dialog.name, "2024-26")
    type_text(dialog.opens_on.line, "01/04/2024")
    type_text(dialog.due_on.line, "28/06/2024")
    dialog.rating_scale.setCurrentIndex(dialog.rating_scale.findData(RatingScale.SCORE))
    save(qtbot, dialog)
    cycle = s11.find_cycle(db, "2024-26")
    assert cycle.rating_scale is RatingScale.SCORE
    s11.add_agencies(db, cycle.id, list(setup["orgs"]))
    page.cycle_combo.setCurrentIndex(page.cycle_combo.findText("2024-26"))
    qtbot.waitUntil(lambda: page.grid_data is not None and page.grid_data.cycle.id == cycle.id
                    and len(page.grid_data.agencies) == 2)

    model = page.grid.grid_model
    row = next(i for i, a in enumerate(model.agencies) if a.organisation_name == "Brent Council")
    index = model.index(row, 1)
    rating = page.rating_dialog(model.cell(index))
    qtbot.addWidget(rating)
    rating.show()
    choices = [rating.self_rating.itemText(i) for i in range(1, rating.self_rating.count())]
    assert choices == ["0: Not met: little or nothing is in place", "1: Partly met: below the minimum expected",
                       "2: Meets the minimum but needs improvement", "3: Fully met",
                       "Not applicable: Does not apply to this agency (give the reason)"]
    rating.self_rating.setFocus()
    qtbot.keyClicks(rating.self_rating, "2")  # typed: the score's own number chooses it
    assert rating.self_rating.currentData() == Rating.SCORE_2
    save(qtbot, rating)
    qtbot.waitUntil(lambda: model.data(model.index(row, 1)) == "2")
    index = model.index(row, 1)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(RATING_COLOURS[Rating.SCORE_2])
    assert "Agency's own rating: 2 (meets the minimum but needs improvement)" in model.data(
        index, Qt.ItemDataRole.ToolTipRole)
    foot = [(model.data(model.index(r, 0)), model.data(model.index(r, 1)))
            for r in range(len(model.agencies), model.rowCount())]
    assert foot == [("Score 0 (agencies)", "0"), ("Score 1 (agencies)", "0"), ("Score 2 (agencies)", "1"),
                    ("Score 3 (agencies)", "0"), ("N/A (agencies)", "0"), ("Not rated (agencies)", "1"),
                    ("Average score", "2.0")]
    heads = [page.counts.horizontalHeaderItem(c).text() for c in range(page.counts.columnCount())]
    assert heads == ["Agency", "Score 0", "Score 1", "Score 2", "Score 3", "Not applicable", "Not rated",
                     "Average score"]
    saved = sr.get_rating(db, model.cell(index).rating.participant_id, model.cell(index).rating.standard_id)
    assert saved.self_rating is Rating.SCORE_2

    # rated now: the cycle's dialog keeps the scale, saying how many ratings it would change
    edit = CycleDialog(db, s11.get_cycle(db, cycle.id), page)
    qtbot.addWidget(edit)
    edit.show()
    edit.rating_scale.setCurrentIndex(edit.rating_scale.findData(RatingScale.RAG))
    assert not edit.save_button.isEnabled()
    error = edit.findChild(type(edit.status), "error_rating_scale")
    assert error.text().startswith("The cycle 2024-26 already has 1 rating on Score 0 to 3;")
    edit.rating_scale.setCurrentIndex(edit.rating_scale.findData(RatingScale.SCORE))
    assert edit.save_button.isEnabled()
