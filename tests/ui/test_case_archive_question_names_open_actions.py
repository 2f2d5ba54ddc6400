"""The question asked before archiving a case names the open actions of all its recommendations,
an archived recommendation's too: they stay in the action log once the case is archived."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab, case_archive_note
from bscp_desktop.ui.common import list_page
from tests.ui.helpers import table_texts

TODAY = date(2024, 2, 1)


@pytest.fixture
def org(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def _case(db, org, alias: str, recommendations: dict[str, list[ActionStatus]], archive: tuple[int, ...] = ()):
    case = cr.create_case_review(db, cr.CaseReviewFields(alias, "death", date(2024, 1, 29)))
    for number, (text, statuses) in enumerate(recommendations.items(), start=1):
        rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, text, org.id))
        for n, status in enumerate(statuses):
            done = status is ActionStatus.DONE
            cr.add_recommendation_action(db, rec.id, action_log.ActionFields(
                f"{text}: action {n + 1}", owner_organisation_id=org.id, due_date=date(2024, 6, 1), status=status,
                completed_on=date(2024, 1, 30) if done else None, evidence="Done" if done else ""))
        if number in archive:
            cr.archive_recommendation(db, rec.id)
    return case


def test_the_question_counts_the_open_actions_of_an_archived_recommendation(db, org):
    case = _case(db, org, "Child A", {"Share chronologies": [ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
                                      "Train health visitors": [ActionStatus.DONE]}, archive=(1,))
    note = case_archive_note(db, case.id)
    assert note.startswith("It has 1 recommendation, which leaves the Recommendations page and the tracker workbook. ")
    assert "It has 2 open actions: “" in note and "They stay in the action log" in note


def test_a_case_whose_only_recommendation_is_archived_with_an_open_action_still_says_so(db, org):
    case = _case(db, org, "Child B", {"Share chronologies": [ActionStatus.OPEN, ActionStatus.DONE]}, archive=(1,))
    assert case_archive_note(db, case.id).startswith("It has 1 open action: “")


def test_a_case_with_nothing_left_to_do_asks_nothing_more(db, org):
    done = _case(db, org, "Child C", {"Share chronologies": [ActionStatus.DONE]}, archive=(1,))
    assert case_archive_note(db, done.id) == ""


def test_archiving_a_case_in_the_tracker_names_its_open_actions(qtbot, db, org, monkeypatch):
    _case(db, org, "Child A", {"Share chronologies": [ActionStatus.OPEN, ActionStatus.OPEN],
                               "Train health visitors": []}, archive=(1,))
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    asked = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: asked.append(text) or False)
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("All cases")
    page.table.selectRow(table_texts(page, 1).index("Child A"))
    page.on_archive()
    assert "It has 2 open actions: “" in asked[0] and "while the case review is archived" in asked[0]
