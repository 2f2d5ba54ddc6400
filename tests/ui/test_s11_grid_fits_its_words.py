"""The Section 11 grids at a large text size (125%, 150%): every word of every cell whole in its
column ("No rating", "(moderated)", "▲ Improved") and every line of a cell in its row, beside
the earlier cycle's grid too; an agency's name longer than a list's column (wider at a larger
text size) cut short, whole on hover."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.grid import S11GridView
from bscp_desktop.ui.common.column_widths import for_the_text_size
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH
from bscp_desktop.ui.common.table_model import CELL_PADDING
from tests.built_once import database_with

LONG_NAME = "Central and North West London NHS Foundation Trust Children's Safeguarding and Looked After Children Team"


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    trust = ms.create_organisation(db, ms.OrganisationFields(LONG_NAME, OrganisationKind.RELEVANT_AGENCY))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    s11.add_agencies(db, old.id, [council.id, trust.id])
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28), compare_with_id=old.id))
    [council_now, _] = s11.add_agencies(db, new.id, [council.id, trust.id])
    [old_council, old_trust] = s11.list_participants(db, old.id)
    first, second = s11.list_standards(db, old.id)[:2]
    sr.save_rating(db, old_council.id, first.id, sr.RatingFields("Green"))
    sr.save_rating(db, old_trust.id, second.id, sr.RatingFields("Not applicable", not_applicable_reason="Not a school"))
    now = s11.list_standards(db, new.id)[0]
    sr.save_rating(db, council_now.id, now.id, sr.RatingFields("Green", moderated_rating="Amber",
                                                                   moderation_note="Evidence thin"))  # 3 lines
    return {"cycle": new}


db, setup = database_with("s11-grid-words", build_setup, records="setup")


@pytest.fixture(params=[11.25, 13.5], ids=["125%", "150%"])
def large_text(qapp, request):
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(request.param)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


@pytest.mark.slow
def test_every_word_of_both_grids_shows_whole_at_a_large_text_size(qtbot, db, setup, large_text):
    grid = sr.grid(db, setup["cycle"].id)
    shown: set[str] = set()
    for view in (S11GridView(), S11GridView(earlier=True)):
        qtbot.addWidget(view)
        view.set_grid(grid)
        model, cells = view.grid_model, view.fontMetrics()
        for row in range(model.rowCount()):
            for column in range(1, model.columnCount()):
                lines = str(model.data(model.index(row, column)) or "").split("\n")
                for line in lines:
                    assert cells.horizontalAdvance(line) + CELL_PADDING <= view.columnWidth(column), (line, column)
                assert len(lines) * cells.lineSpacing() <= view.rowHeight(row), lines
        shown.update(line for row in range(model.rowCount()) for column in range(1, model.columnCount())
                     for line in str(model.data(model.index(row, column)) or "").split("\n"))
    assert {"(moderated)", "▼ Declined", "Not applicable", "No rating"} <= shown  # the longest words were measured


@pytest.mark.slow
def test_an_agency_name_longer_than_a_lists_column_is_cut_short_and_whole_on_hover(qtbot, db, setup, large_text):
    view = S11GridView()
    qtbot.addWidget(view)
    view.set_grid(sr.grid(db, setup["cycle"].id))
    model = view.grid_model
    names = [model.data(model.index(r, 0)) for r in range(len(model.agencies))]
    assert view.columnWidth(0) == for_the_text_size(MAX_COLUMN_WIDTH, view.font()) > MAX_COLUMN_WIDTH  # a list's column at this size
    trust = names.index(LONG_NAME)
    assert LONG_NAME in model.data(model.index(trust, 0), Qt.ItemDataRole.ToolTipRole)
    brent = view.fontMetrics().horizontalAdvance("Brent Council") + CELL_PADDING
    assert view.columnWidth(0) >= brent
