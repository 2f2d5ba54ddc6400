"""A corrected Section 11 return that leaves an answer blank keeps the one held (a blank never
clears an answer), and the import report names each standard where it does, so an improvement
action is not left open without a word against a standard now rated Green."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.importers import audits as imp
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned

FIRST = {"Rating": "Amber", "Evidence": "No designated lead since March",
         "Your improvement action": "Appoint designated lead", "Action due by": date(2027, 3, 31)}
ANSWERS = ("Rating", "Reason if not applicable", "Evidence", "Your improvement action", "Action due by")
KEPT_ACTION = ("Standard 3: your return leaves the improvement action blank; the action 'Appoint designated lead' "
               "recorded earlier is kept (close or archive it in the window, Audits tab, if it is no longer needed).")


def _rated(db, cycle, number: int):
    return next(r for r in sr.list_ratings(db, cycle.id) if r.standard_number == number)


def _first_then_corrected(db, cycle, tmp_path, corrected: dict[str, object]):
    """The police's first return and their corrected one, both filled in on the return they were
    sent (before the first was imported), the first imported."""
    first, second = tmp_path / "return.xlsx", tmp_path / "corrected return.xlsx"
    returned(db, cycle, first, {3: FIRST})
    returned(db, cycle, second, {3: corrected})
    imp.import_s11(db, first, today=date(2024, 6, 1))
    return second


def test_a_corrected_return_leaving_the_action_blank_keeps_it_and_names_the_standard(db, cycle, tmp_path):
    corrected = _first_then_corrected(db, cycle, tmp_path, {"Rating": "Green", "Evidence": "Lead appointed in May"})
    trial = imp.import_s11(db, corrected, dry_run=True, today=date(2024, 7, 1))
    report = imp.import_s11(db, corrected, today=date(2024, 7, 1))
    for said in (trial, report):
        assert (said.added, said.updated, said.unchanged) == (0, 1, said.rows - 1)
        assert KEPT_ACTION in said.notes
        assert not [n for n in said.notes if n.startswith("Standard 3:") and n != KEPT_ACTION]
    after = _rated(db, cycle, 3)
    assert after.self_rating is Rating.GREEN
    assert (after.action.description, after.action.due_date) == ("Appoint designated lead", date(2027, 3, 31))


def test_a_corrected_return_leaving_the_rating_and_evidence_blank_names_what_it_keeps(db, cycle, tmp_path):
    corrected = _first_then_corrected(db, cycle, tmp_path, {"Your improvement action": "Appoint designated lead",
                                                            "Action due by": date(2025, 1, 31)})
    report = imp.import_s11(db, corrected, today=date(2024, 7, 1))
    assert report.updated == 1
    assert ("Standard 3: your return leaves the rating blank; the rating Amber recorded earlier is kept (change it "
            "in the window, Audits tab, if it is no longer right).") in report.notes
    assert ("Standard 3: your return leaves the evidence blank; the evidence recorded earlier is kept (change it in "
            "the window, Audits tab, if it is no longer right).") in report.notes
    assert not [n for n in report.notes if "improvement action blank" in n]  # the return gives it
    assert _rated(db, cycle, 3).action.due_date == date(2025, 1, 31)


def test_a_return_written_afresh_with_the_action_cleared_says_it_is_kept(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {3: FIRST})
    imp.import_s11(db, out, today=date(2024, 6, 1))
    header = returned(db, cycle, out, {3: {"Rating": "Green"}})  # written again: the action is in it
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    column = next(c.column_letter for c in ws[header] if c.value == "Your improvement action")
    assert ws[f"{column}{header + 3}"].value == "Appoint designated lead"
    ws[f"{column}{header + 3}"] = None  # the agency clears it
    wb.save(out)
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert KEPT_ACTION in report.notes


def test_the_same_return_again_and_rows_left_blank_say_nothing_of_answers_kept(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {3: FIRST})
    imp.import_s11(db, out, today=date(2024, 6, 1))
    again = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert again.unchanged == again.rows
    assert not [n for n in again.notes if "recorded earlier is kept" in n]
    blank = tmp_path / "blank.xlsx"
    header = returned(db, cycle, blank, {})
    wb = load_workbook(blank)
    ws = wb["Section 11 return"]
    answers = [c.column_letter for c in ws[header] if c.value in ANSWERS]
    for column in answers:  # every answer of standard 3 cleared: the row is not answered
        ws[f"{column}{header + 3}"] = None
    wb.save(blank)
    report = imp.import_s11(db, blank, today=date(2024, 7, 1))
    assert not [n for n in report.notes if "recorded earlier is kept" in n]


def test_an_action_already_done_left_blank_is_not_said(db, cycle, tmp_path):
    corrected = _first_then_corrected(db, cycle, tmp_path, {"Rating": "Green", "Evidence": "Lead appointed in May"})
    (action,) = action_log.list_actions(db)
    action_log.update_action(db, action.id, action_log.ActionFields(
        action.description, owner_organisation_id=action.owner_organisation_id, due_date=action.due_date,
        status=ActionStatus.DONE, completed_on=date(2024, 6, 20), evidence="Lead appointed"))
    report = imp.import_s11(db, corrected, today=date(2024, 7, 1))
    assert KEPT_ACTION not in report.notes
