"""The case tracker import closes a case only as the case's window does: a Closed date given to a
case on record whose recommendations' actions are still to do is a bad row, naming Closed and the
actions, and nothing in the file is imported (all or nothing, as every import)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.importers.test_case_review_tracker import write_csv

COLUMNS = ["Reference", "Alias", "Sex", "Incident type", "Became aware", "Closed"]
REFUSED = ("Not on 03/06/2024, while an action raised from its recommendations is still open "
           "(recommendation 1's 'Agree a chronology template' (due 30/04/2024)). Complete or drop it first, or "
           "leave Closed empty.")


def _case_with_an_open_action(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child D", "serious_harm", date(2024, 2, 1)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org.id))
    action = cr.add_recommendation_action(db, rec.id, action_log.ActionFields(
        "Agree a chronology template", owner_organisation_id=org.id, due_date=date(2024, 4, 30)))
    return case, action


def test_a_closed_date_for_a_case_with_open_actions_is_a_bad_row_and_nothing_is_imported(db, tmp_path):
    case, action = _case_with_an_open_action(db)
    rows = [[case.reference, "", "", "", "", "03/06/2024"],
            ["", "Child E", "", "Death", "05/02/2024", ""]]
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "cases.csv", rows, COLUMNS))
    assert caught.value.report.bad_rows == [f"Row 2: {REFUSED}"]
    assert [(c.alias, c.closed) for c in cr.list_case_reviews(db)] == [("Child D", None)]  # Child E not added
    action_log.update_action(db, action.id, replace(
        action_log.ActionFields(action.description, owner_organisation_id=action.owner_organisation_id,
                                due_date=action.due_date),
        status=ActionStatus.DONE, completed_on=date(2024, 5, 1), evidence="Template in use"))
    done = run_import(db, "case-reviews", write_csv(tmp_path / "again.csv", rows, COLUMNS))
    assert (done.updated, done.added, done.bad_rows) == (1, 1, [])
    assert cr.get_case_review(db, case.id).closed == date(2024, 6, 3)


def test_a_row_refused_for_another_cell_names_its_closed_date_too(db, tmp_path):
    case, _action = _case_with_an_open_action(db)
    rows = [[case.reference, "", "X", "", "", "03/06/2024"]]
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "cases.csv", rows, COLUMNS))
    assert caught.value.report.bad_rows == [f"Row 2: Sex 'X' is not one of: Female, Male, Not known. {REFUSED}"]
