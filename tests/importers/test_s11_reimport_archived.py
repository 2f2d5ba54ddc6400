"""A Section 11 return imported again after the team archived the improvement action it
brought: the same return changes nothing and the action stays archived; a return giving a
different action adds it as a new one, and says so."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.importers import audits as imp
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned

pytestmark = pytest.mark.slow


def _actions(db):
    return [(a.description, a.due_date, a.archived) for a in action_log.list_actions(db, include_archived=True)]


ANSWER = {"Rating": "Amber", "Your improvement action": "Refresh the safeguarding policy",
          "Action due by": date(2024, 12, 1)}


def _imported_then_archived(db, cycle, path):
    returned(db, cycle, path, {1: ANSWER})
    imp.import_s11(db, path, today=date(2024, 6, 1))
    (action,) = action_log.list_actions(db)
    action_log.archive_action(db, action.id)


def test_the_same_return_again_changes_nothing_and_the_action_stays_archived(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    _imported_then_archived(db, cycle, out)
    trial = imp.import_s11(db, out, dry_run=True, today=date(2024, 7, 1))
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    for counted in (trial, report):
        assert (counted.added, counted.updated, counted.unchanged) == (0, 0, counted.rows)
    assert _actions(db) == [("Refresh the safeguarding policy", date(2024, 12, 1), True)]
    rating = next(r for r in sr.list_ratings(db, cycle.id) if r.standard_number == 1)
    assert rating.action is None


def test_a_return_written_again_after_archiving_leaves_it_archived(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    _imported_then_archived(db, cycle, out)
    returned(db, cycle, out, {})  # written afresh: the archived action is not in it
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert (report.added, report.updated) == (0, 0)
    assert _actions(db) == [("Refresh the safeguarding policy", date(2024, 12, 1), True)]


def test_a_different_action_after_archiving_is_added_beside_the_archived_one(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    _imported_then_archived(db, cycle, out)
    returned(db, cycle, out, {1: {**ANSWER, "Your improvement action": "Train every new officer"}})
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert (report.added, report.updated) == (1, 0)
    assert ("Standard 1: the improvement action the team archived stays archived; the return's action "
            "'Train every new officer' is added as a new one.") in report.notes
    assert sorted(_actions(db)) == [("Refresh the safeguarding policy", date(2024, 12, 1), True),
                                    ("Train every new officer", date(2024, 12, 1), False)]


def test_a_changed_rating_with_the_archived_action_repeated_is_updated_and_the_action_stays_archived(
        db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    _imported_then_archived(db, cycle, out)
    returned(db, cycle, out, {1: {**ANSWER, "Rating": "Green"}})
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert (report.added, report.updated) == (0, 1)
    assert _actions(db) == [("Refresh the safeguarding policy", date(2024, 12, 1), True)]


def test_the_team_typing_an_archived_action_in_again_records_it(db, cycle, tmp_path):
    """Only a return repeating what the team archived leaves it so: the rating form records
    what the officer types."""
    out = tmp_path / "return.xlsx"
    _imported_then_archived(db, cycle, out)
    rating = next(r for r in sr.list_ratings(db, cycle.id) if r.standard_number == 1)
    fields = sr.RatingFields("Amber", action="Refresh the safeguarding policy", action_due=date(2024, 12, 1))
    assert sr.save_rating(db, rating.participant_id, rating.standard_id, fields).action is not None
    assert sorted(_actions(db)) == [("Refresh the safeguarding policy", date(2024, 12, 1), False),
                                    ("Refresh the safeguarding policy", date(2024, 12, 1), True)]
