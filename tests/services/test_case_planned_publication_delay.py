"""An LCSPR published, or planned to be published, after the date it is due to be published (six
months after the decision by default, the team's rule otherwise) needs the reason for the delay
recorded: without one it is refused naming the field, by the service, the case dialog and the
import alike; with one it is saved, and the report to the Panel counts back from it as before."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv

D = date
DUE = "24/12/2024"  # six months after the decision of 24/06/2024


def lcspr(**changes) -> cr.CaseReviewFields:
    base = cr.CaseReviewFields(
        alias="Child PG", incident_type=IncidentType.SERIOUS_HARM, became_aware=D(2024, 6, 3),
        notification_sent=D(2024, 6, 5), partners_told=D(2024, 6, 5), rapid_review_sent=D(2024, 6, 20),
        decision=Decision.LCSPR, decision_date=D(2024, 6, 24))
    return dataclasses.replace(base, **changes)


def test_a_planned_publication_years_late_with_no_reason_is_refused_naming_the_field(db):
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, lcspr(planned_publication=D(2034, 12, 24)))
    assert err.value.errors == {"planned_publication": (
        f"Planned publication (24/12/2034) is after the date the review is due to be published ({DUE}): "
        "record the reason for the delay")}
    assert cr.list_case_reviews(db) == []


def test_with_a_reason_for_the_delay_it_is_saved_and_the_report_counts_back_from_it(db):
    case = cr.create_case_review(db, lcspr(planned_publication=D(2034, 12, 25), delay_reason="Criminal proceedings"))
    assert case.planned_publication == D(2034, 12, 25)
    clocks = {c.key: c for c in cr.tracker_row(db, case.id, today=D(2024, 7, 1)).clocks}
    assert clocks["panel_report"].due == D(2034, 12, 14)  # 7 working days before Monday 25/12/2034
    assert clocks["lcspr_publication"].note.startswith("Delayed: Criminal proceedings")


def test_on_or_before_the_due_date_needs_no_reason(db):
    case = cr.create_case_review(db, lcspr(planned_publication=D(2024, 12, 24)))
    assert case.planned_publication == D(2024, 12, 24)


def test_an_actual_publication_after_the_due_date_needs_the_reason_too(db):
    case = cr.create_case_review(db, lcspr(planned_publication=D(2024, 12, 2)))
    with pytest.raises(ValidationError) as err:
        cr.update_case_review(db, case.id, dataclasses.replace(case.to_fields(), published=D(2025, 1, 9)))
    assert err.value.errors == {"published": (
        f"Published (09/01/2025) is after the date the review is due to be published ({DUE}): "
        "record the reason for the delay")}
    assert cr.get_case_review(db, case.id).published is None
    delayed = cr.update_case_review(db, case.id, dataclasses.replace(
        case.to_fields(), published=D(2025, 1, 9), delay_reason="Waiting for the inquest"))
    assert delayed.published == D(2025, 1, 9)


def test_the_teams_own_publication_rule_sets_the_due_date(db):
    settings = cr.load_settings(db)
    nine_months = tuple(dataclasses.replace(r, amount=9) if r.key == "lcspr_publication" else r for r in DEFAULT_RULES)
    cr.save_settings(db, dataclasses.replace(settings, rules=nine_months))
    assert cr.create_case_review(db, lcspr(planned_publication=D(2025, 3, 24))).planned_publication == D(2025, 3, 24)
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, lcspr(alias="Child PH", planned_publication=D(2025, 3, 25)))
    assert "(24/03/2025): record the reason for the delay" in err.value.errors["planned_publication"]


def test_the_import_lists_such_a_row_as_a_bad_row_with_the_same_words(db, tmp_path):
    columns = ["Alias", "Incident type", "Became aware", "Notification sent", "Rapid review sent", "Decision",
               "Decision date", "Planned publication", "Reason for delay"]
    case = ["Serious harm", "03/06/2024", "05/06/2024", "20/06/2024", "LCSPR", "24/06/2024"]
    rows = [["Child PG", *case, "31/12/2200", ""], ["Child PH", *case, "31/12/2200", "Criminal proceedings"]]
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "late.csv", rows, columns))
    assert caught.value.report.bad_rows == [
        f"Row 2: Planned publication (31/12/2200) is after the date the review is due to be published ({DUE}): "
        "record the reason for the delay."]
    assert cr.list_case_reviews(db) == []
    added = run_import(db, "case-reviews", write_csv(tmp_path / "delayed.csv", rows[1:], columns))
    assert added.added == 1


def test_a_row_refused_for_another_reason_also_names_the_late_publication(db, tmp_path):
    columns = ["Alias", "Incident type", "Became aware", "Notification sent", "Rapid review sent", "Decision",
               "Decision date", "Planned publication", "Reason for delay"]
    case = ["Serious harm", "03/06/2024", "05/06/2024", "20/06/2024", "LCSPR", "24/06/2024"]
    rows = [["Child PG", *case, "31/12/2200", ""], ["Child PG", *case, "31/12/2200", ""]]  # the same alias twice
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "late.csv", rows, columns))
    late = (f"Planned publication (31/12/2200) is after the date the review is due to be published ({DUE}): "
            "record the reason for the delay.")
    bad = caught.value.report.bad_rows
    assert len(bad) == 2 and all(late in line for line in bad), bad
    assert cr.list_case_reviews(db) == []
