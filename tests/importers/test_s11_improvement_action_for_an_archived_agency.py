"""An agency still taking part in a Section 11 cycle whose organisation was archived on the
Memberships tab cannot be given a new improvement action (an action needs an owner on record):
its returned workbook giving one is refused naming the row and what to do, in a check as in the
import itself, and nothing is written; entering one on the grid is refused under the Improvement
action. Its ratings alone, and a change to an action it already has, are still recorded."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

WHY = ("Metropolitan Police is archived on the Memberships tab, so it cannot be given a new improvement action: "
       "restore it there first")
ACTION = {"Rating": "Amber", "Evidence": "Policy reviewed", "Your improvement action": "Train staff",
          "Action due by": "31/03/2025"}


def _police(db):
    return next(o for o in ms.list_organisations(db) if o.name == "Metropolitan Police")


def test_a_return_giving_an_archived_agency_a_new_action_is_refused_in_a_check_and_an_import(db, cycle, tmp_path):
    path = tmp_path / "return.xlsx"
    header = returned(db, cycle, path, {1: ACTION, 2: {"Rating": "Green", "Evidence": "Audit done"}})
    ms.archive_organisation(db, _police(db).id)
    said = [f"Row {header + 1}: Your improvement action: {WHY}, then import the return again."]
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as caught:
            run_import(db, "s11", path, dry_run=dry_run)
        assert caught.value.report.bad_rows == said
    assert [r.self_rating for r in sr.list_ratings(db, cycle.id)][:2] == [None, None]
    assert al.list_action_log(db, include_archived=True) == []


def test_a_return_with_ratings_only_is_still_imported_for_an_archived_agency(db, cycle, tmp_path):
    path = tmp_path / "return.xlsx"
    returned(db, cycle, path, {1: {"Rating": "Green", "Evidence": "Audit done"}})
    ms.archive_organisation(db, _police(db).id)
    assert run_import(db, "s11", path).added == 1
    assert sr.list_ratings(db, cycle.id)[0].self_rating.label == "Green"


def test_the_grid_refuses_a_new_action_under_the_improvement_action_but_keeps_one_held(db, cycle):
    (part,) = s11.list_participants(db, cycle.id)
    first, second = (s.id for s in s11.list_standards(db, cycle.id)[:2])
    held = sr.save_rating(db, part.id, first, sr.RatingFields("Amber", evidence="Some", action="Train staff",
                                                             action_due=date(2024, 9, 30)))
    ms.archive_organisation(db, _police(db).id)
    with pytest.raises(ValidationError) as caught:
        sr.save_rating(db, part.id, second, sr.RatingFields("Red", evidence="None yet", action="Write a policy",
                                                           action_due=date(2024, 9, 30)))
    assert caught.value.errors == {"action": WHY}
    assert sr.list_ratings(db, cycle.id)[1].id is None  # nothing of it was saved
    # the action it already has is still its own to correct
    changed = sr.save_rating(db, part.id, first, sr.RatingFields("Amber", evidence="Some", action="Train all staff",
                                                                action_due=date(2024, 10, 31)))
    assert (changed.action.id, changed.action.description) == (held.action.id, "Train all staff")
