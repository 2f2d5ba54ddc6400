"""Names where aliases belong are challenged in the case dialog (issue: daily use, point 8)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.case_reviews import IncidentType, name_warnings, names_in_text
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import click_button, when_modal

TODAY = date(2024, 2, 1)


@pytest.fixture
def tab(qtbot, db):
    widget = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def new_case(tab, qtbot, alias: str, summary: str = ""):
    dialog = tab.tracker.new_dialog(tab.tracker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.alias, alias)
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    qtbot.keyClicks(dialog.became_aware.line, "29/01/2024")
    if summary:
        dialog.summary.setPlainText(summary)
    return dialog


def test_names_in_text_finds_people_not_services():
    text = "Mary Smith was known to Brent Council and Children's Social Care; Child A lived with Aunt Jane Doe."
    assert names_in_text(text) == ["Mary Smith", "Aunt Jane Doe"]
    assert names_in_text("On Monday 14 March the Police and Health met. Child B was seen.") == []
    assert name_warnings("Child A") == [] and name_warnings("Baby B") == []
    assert name_warnings("Mary Smith")[0].startswith("The alias 'Mary Smith' looks like a real name")


@pytest.mark.slow
def test_an_alias_that_looks_like_a_name_is_warned_and_go_back_saves_nothing(tab, qtbot, db):
    dialog = new_case(tab, qtbot, "Mary Smith")
    assert dialog.name_note.isVisible() and "looks like a real name" in dialog.name_note.text()
    seen = []
    when_modal(click_button("Go back and change it", seen), "Is that")
    dialog._on_save()
    assert seen and "Save anyway?" in seen[0]
    assert dialog.isVisible() and cr.list_case_reviews(db) == []
    dialog.alias.clear()
    qtbot.keyClicks(dialog.alias, "Child A")
    assert not dialog.name_note.isVisible()
    dialog._on_save()  # no question now
    assert [c.alias for c in cr.list_case_reviews(db)] == ["Child A"]
    assert cr.list_case_reviews(db)[0].name_warnings == ""


@pytest.mark.slow
def test_a_summary_with_a_name_can_be_confirmed_and_the_warning_is_kept(tab, qtbot, db):
    dialog = new_case(tab, qtbot, "Child C", "Child C was cared for by Jane Doe, a family friend.")
    assert "'Jane Doe'" in dialog.name_note.text()
    when_modal(click_button("Save anyway"), "Is that")
    dialog._on_save()
    (case,) = cr.list_case_reviews(db)
    assert case.summary.startswith("Child C was cared for")
    assert "The summary mentions 'Jane Doe', which looks like a real name" in case.name_warnings
    assert case.name_warnings[:10].count("/") == 2  # dated


def test_the_tracker_says_what_comes_next_when_no_clock_runs(tab, qtbot, db):
    """Point 11: with no statutory clock running, the next step in words."""
    fields = cr.CaseReviewFields(
        alias="Child D", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2023, 11, 1),
        notification_sent=date(2023, 11, 3), partners_told=date(2023, 11, 3), rapid_review_meeting=date(2023, 11, 20),
        rapid_review_sent=date(2023, 11, 24), panel_response=date(2023, 12, 20), decision="no_lcspr",
        decision_date=date(2023, 11, 24),
    )
    case = cr.create_case_review(db, fields)
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("All cases")
    row = page.row_for(case.reference)
    assert row.next is None  # every clock met, the LCSPR ones not needed: none running
    column = [c.header for c in page.model.columns].index("Next deadline or step")
    assert page.proxy.index(0, column).data() == "Awaiting closure: the decision is made"
    assert "No statutory clock is running" in page.proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole)


def test_a_surname_in_capitals_is_warned_but_an_organisations_short_name_is_not(tab, qtbot, db):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms

    ms.create_organisation(db, ms.OrganisationFields("West London Trust", OrganisationKind.RELEVANT_AGENCY, "WLMHT"))
    dialog = new_case(tab, qtbot, "Child E", "Child E was seen by Kilburn WLMHT, then taken home by Kevin JONES.")
    dialog.complete()
    dialog.revalidate()
    assert dialog.name_note.text() == ("Check for real names: The summary mentions 'Kevin JONES', which looks like a "
                                       "real name. Case records use aliases only.")
