"""A Section 11 return's rows against what is held: a re-return after moderation keeps the
team's moderated rating (the return has no column for its note), and a reason for a standard
not applying is never thrown away without a word."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.domain.section11 import Rating
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned


def _rated(db, cycle, number: int):
    return next(r for r in sr.list_ratings(db, cycle.id) if r.standard_number == number)


@pytest.mark.slow
def test_a_re_return_after_moderation_keeps_the_moderated_rating_and_says_so(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Amber"}})
    imp.import_s11(db, out, today=date(2024, 6, 1))
    rating = _rated(db, cycle, 1)
    # agreed at the challenge meeting, the same as the agency's own: no note needed
    sr.save_rating(db, rating.participant_id, rating.standard_id,
                   dataclasses.replace(rating.to_fields(), moderated_rating="Amber"))
    returned(db, cycle, out, {1: {"Rating": "Green"}})  # the agency re-rates after the meeting
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert report.updated == 1
    assert ("Standard 1: Metropolitan Police's own rating changes from Amber to Green after moderation; the "
            "moderated rating (Amber) stays and is the one that counts; add a moderation note saying why it "
            "differs.") in report.notes
    after = _rated(db, cycle, 1)
    assert (after.self_rating, after.moderated_rating, after.effective) == (Rating.GREEN, Rating.AMBER, Rating.AMBER)


def test_a_reason_not_applicable_without_that_rating_is_a_bad_row_naming_the_column(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {
        1: {"Rating": "Green", "Evidence": "Policy reviewed 2024"},
        6: {"Reason if not applicable": "The academy trust recruits for us", "Evidence": "Trust handles it"},
        7: {"Rating": "Amber", "Reason if not applicable": "Not ours"},
        8: {"Rating": "Not applicable", "Reason if not applicable": "We have no premises"},
    })
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, out)
    said = ("Reason if not applicable is given, but Rating is not Not applicable: set Rating to Not applicable or "
            "clear the reason.")
    assert err.value.report.bad_rows == [f"Row {header + 6}: {said}", f"Row {header + 7}: {said}"]
    assert all(r.id is None for r in sr.list_ratings(db, cycle.id))  # nothing imported


def test_a_standard_number_typed_around_is_read_and_an_unreadable_one_leaves_it_to_the_title(db, cycle, tmp_path):
    """"1." and "Standard 1" were refused as "Standard Standard 1 is not in the cycle" although
    the row's title was standard 1's, which a blank No. was read by."""
    out = tmp_path / "return.xlsx"
    typed = {1: "1.", 2: "Standard 2", 3: " S3 ", 4: "No. 4", 5: "standard 5)", 6: "one", 7: "7.0"}
    returned(db, cycle, out, {n: {"No.": no, "Rating": "Green"} for n, no in typed.items()})
    report = imp.import_s11(db, out, today=date(2024, 6, 1))
    assert report.added == 7
    assert all(_rated(db, cycle, n).self_rating is Rating.GREEN for n in typed)


def test_a_standard_number_that_names_none_is_named_as_typed_without_saying_standard_twice(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {1: {"No.": "Standard 99", "Rating": "Green"},
                                        2: {"No.": "two", "Standard": "Our own words", "Rating": "Green"},
                                        3: {"No.": "S99", "Rating": "Green"}})
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, out)
    assert err.value.report.bad_rows == [f"Row {header + 1}: Standard 99 is not in the cycle 2024-26.",
                                         f"Row {header + 2}: Standard two is not in the cycle 2024-26.",
                                         f"Row {header + 3}: Standard S99 is not in the cycle 2024-26."]
