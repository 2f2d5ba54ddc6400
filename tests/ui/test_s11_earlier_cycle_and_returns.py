"""The Section 11 page beside an earlier cycle on another rating scale (its counts say what they
count; nothing marked improved, same or declined), and a return written again after it came back
(no Sent date recorded, nor said to be)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RatingScale
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import shown_tab

TODAY = date(2024, 10, 1)


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    [old_council, _] = s11.add_agencies(db, old.id, [council.id, police.id])
    sr.save_rating(db, old_council.id, s11.list_standards(db, old.id)[0].id, sr.RatingFields("Amber"))
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28), compare_with_id=old.id,
                                               rating_scale=RatingScale.SCORE))  # picked by the officer
    [council_part, _] = s11.add_agencies(db, new.id, [council.id, police.id])
    sr.save_rating(db, council_part.id, s11.list_standards(db, new.id)[0].id, sr.RatingFields("3"))
    return {"council": council, "new": new}


db, setup = database_with("s11-earlier-other-scale", build_setup, records="setup")


@pytest.fixture
def page(qtbot, db, setup):
    tab = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: tab.section11.grid_data is not None and tab.section11.grid_data.cycle.id == setup["new"].id)
    return tab.section11


def test_an_earlier_cycle_on_another_scale_shows_its_own_count_labels_and_no_marks(page):
    current, earlier = page.grid.grid_model, page.earlier.grid_model
    n = len(current.agencies)
    assert earlier.rowCount() == current.rowCount()  # row for row, scrolling together
    labels = [earlier.headerData(r, Qt.Orientation.Vertical) for r in range(earlier.rowCount())]
    assert labels == ["", "", "Red", "Amber", "Green", "N/A", "Not rated", "", ""]
    assert page.earlier.verticalHeader().isVisibleTo(page) and not page.grid.verticalHeader().isVisibleTo(page)
    amber_row = n + 1
    assert [earlier.data(earlier.index(r, 1)) for r in (amber_row, n + 5)] == ["1", ""]
    council = next(i for i, a in enumerate(current.agencies) if a.organisation_name == "Brent Council")
    assert current.data(current.index(council, 1)) == "3"  # no ▲ / = / ▼ against a colour
    assert earlier.data(earlier.index(council, 1)) == "Amber"
    said = page.summary.text()
    assert "▲" not in said and "Compared with" not in said
    assert ("Shown beside 2022-24, rated on another scale (red, amber, green): a rating has no one equal on the "
            "other scale, so none is marked improved, same or declined.") in said


@pytest.mark.slow
def test_a_return_written_again_after_it_came_back_records_and_says_no_sent_date(qtbot, page, db, setup, tmp_path,
                                                                                 monkeypatch):
    said: list[str] = []
    monkeypatch.setattr("bscp_desktop.ui.audits.section11_page.choose_agency",
                        lambda parent, title, agencies: setup["council"].id)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.choose_save_path", lambda *args: tmp_path / "return.xlsx")
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.tell", lambda parent, text: said.append(text))

    def council():
        return next(p for p in s11.list_participants(db, setup["new"].id) if p.organisation_id == setup["council"].id)

    s11.update_participant(db, council().id, s11.ParticipantFields("", None, date(2024, 7, 1)))  # came in unasked
    qtbot.waitUntil(lambda: next(p for p in page.participants if p.organisation_id == setup["council"].id).returned_on
                    == date(2024, 7, 1))
    qtbot.mouseClick(page.write_return, Qt.MouseButton.LeftButton)
    assert (tmp_path / "return.xlsx").exists() and said
    assert council().sent_on is None and "Sent date" not in said[-1]
