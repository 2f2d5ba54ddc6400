"""A Section 11 return read back: a blank one sent back marks nothing returned, the day a return
is marked returned is said, a row of a standard removed from the cycle is left as it is when
empty and refused in words that say so when answered, and a date refused keeps its reason."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned


def _police(db, cycle):
    return s11.list_participants(db, cycle.id)[0]


@pytest.mark.slow
def test_a_blank_return_marks_nothing_returned_and_an_answered_one_says_it_does(db, cycle, tmp_path):
    blank = tmp_path / "blank.xlsx"
    returned(db, cycle, blank, {})
    # (an answer entered in the window records the return as returned: `s11_ratings.save_rating`)
    report = imp.import_s11(db, blank, today=date(2024, 7, 1))
    assert _police(db, cycle).returned_on is None
    assert (report.added, report.updated) == (0, 0)
    assert ("The return holds no answers (its Rating, Evidence and other answer columns are empty): Metropolitan "
            "Police's return is not recorded as returned.") in report.notes
    answered = tmp_path / "answered.xlsx"
    returned(db, cycle, answered, {2: {"Rating": "Green", "Evidence": "Policy reviewed"}})
    report = imp.import_s11(db, answered, today=date(2024, 7, 2))
    assert _police(db, cycle).returned_on == date(2024, 7, 2)
    assert ("Returned: Metropolitan Police's return for this cycle is recorded as returned on 02/07/2024."
            in report.notes)


@pytest.mark.slow
def test_a_row_of_a_standard_removed_from_the_cycle_is_left_when_empty_and_refused_when_answered(db, cycle,
                                                                                                    tmp_path):
    empty, answered = tmp_path / "empty.xlsx", tmp_path / "answered.xlsx"
    header = returned(db, cycle, empty, {1: {"Rating": "Green", "Evidence": "Policy reviewed"}})
    returned(db, cycle, answered, {3: {"Rating": "Amber", "Evidence": "Training planned"}})
    third = s11.list_standards(db, cycle.id)[2]
    s11.archive_standard(db, third.id, today=date(2024, 3, 1))  # removed before the cycle opened
    report = imp.import_s11(db, empty, dry_run=True, today=date(2024, 5, 1))
    assert (report.added, report.unchanged) == (1, 7)
    assert (f"Row {header + 3} (standard 3): left as it is, as the standard was removed from the cycle 2024-26 and "
            "the row holds no answers.") in report.notes
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, answered, today=date(2024, 3, 2))
    assert err.value.report.bad_rows == [
        f"Row {header + 3}: Standard 3 ('{third.title[:60]}') was removed from the cycle 2024-26, so this row's "
        "answers cannot be imported: restore the standard first (Audits tab, Section 11: choose the cycle, press "
        "Standards…, tick Show removed standards, choose it and press Restore), or clear the row's answers (moving "
        "anything still needed into the Evidence of a standard still in the cycle), then import the return again."]
    with pytest.raises(ImportRejected) as err:  # once the cycle has opened, the standard stays removed
        imp.import_s11(db, answered, today=date(2024, 5, 1))
    assert "restore the standard" not in err.value.report.bad_rows[0]
    assert "was removed from the cycle 2024-26" in err.value.report.bad_rows[0]


def test_a_date_refused_for_its_year_says_so():
    with pytest.raises(ValueError, match="^'31/12/2300' is outside the years 1900 to 2200$"):
        imp.read_date("31/12/2300")
    with pytest.raises(ValueError, match=r"is not a date \(there is no 13th month\); use dd/mm/yyyy"):
        imp.read_date("2024-13-01")
    assert imp.read_date("1/4/24") == date(2024, 4, 1)


@pytest.mark.slow
def test_an_action_due_in_a_year_out_of_range_is_refused_with_that_reason(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {2: {"Rating": "Amber", "Evidence": "Evidence", "Your improvement action":
                                           "Train all staff", "Action due by": "31/12/2300"}})
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, out, dry_run=True)
    assert err.value.report.bad_rows == [f"Row {header + 2}: Action due by: '31/12/2300' is outside the years 1900 "
                                         "to 2200."]
