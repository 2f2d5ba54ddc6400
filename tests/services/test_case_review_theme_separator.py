"""A theme never holds a semicolon: the tracker workbook writes a case's themes separated by "; "
and its import splits them there, so "Neglect; domestic abuse" would come back as two themes. The
case's own check and the themes list in the settings refuse it, naming the theme and why, so every
theme saved reads back whole from the tracker."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import split_themes, theme_separator_problem
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import run_import
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.case_review_settings import themes_problem

pytestmark = pytest.mark.both_engines

WHY = ("The theme 'Neglect; domestic abuse' contains a semicolon (;), which separates themes in the Themes column "
       "of the tracker workbook and its import: use a comma or 'and' instead")


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.errors


def test_a_theme_holding_a_semicolon_is_refused_on_a_case(db):
    fields = cr.CaseReviewFields("Child A", "death", date(2024, 1, 29), themes=("Neglect; domestic abuse",))
    assert _refused(lambda: cr.create_case_review(db, fields)) == {"themes": WHY}
    assert cr.list_case_reviews(db) == []
    case = cr.create_case_review(db, replace(fields, themes=("Neglect",)))
    changed = replace(case.to_fields(), themes=("Neglect", "Neglect; domestic abuse"))
    assert _refused(lambda: cr.update_case_review(db, case.id, changed)) == {"themes": WHY}
    assert cr.get_case_review(db, case.id).themes == ("Neglect",)


def test_a_theme_holding_a_semicolon_is_refused_in_the_themes_list(db):
    assert themes_problem(("Neglect", "Neglect; domestic abuse")) == WHY
    assert themes_problem(("Neglect, and domestic abuse",)) == ""
    settings = cr.load_settings(db)
    refused = _refused(lambda: cr.save_settings(db, replace(settings, themes=(*settings.themes, "Neglect; domestic abuse"))))
    assert refused == {"themes": WHY}
    assert "Neglect; domestic abuse" not in cr.load_settings(db).themes


def test_the_problem_is_only_a_semicolon():
    assert theme_separator_problem("Voice of the child, and family") == ""
    long = "Neglect; " + "x" * 80
    assert theme_separator_problem(long).startswith(f"The theme '{long[:57]}…' contains a semicolon (;)")


def test_themes_saved_read_back_whole_from_the_tracker_workbook(db, tmp_path):
    themes = ("Neglect, and domestic abuse", "Voice of the child")
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29), themes=themes))
    jobs.load_all()
    workbook = jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=date(2024, 6, 3))
    report = run_import(db, "case-reviews", workbook)
    assert (report.updated, report.added, report.bad_rows) == (0, 0, [])
    assert cr.get_case_review(db, case.id).themes == themes
    assert split_themes("; ".join(themes), ()) == themes
