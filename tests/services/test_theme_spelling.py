"""A theme is shown in the configured spelling wherever it is a configured theme but for
capitals and spaces: the Themes page as the summary and the yearly report show it, and the
tracker import keeps it so."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.domain import case_summary as themes
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.importers import run_import
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.case_review_summary import case_summary
from tests.importers.test_case_review_tracker import write_csv

pytestmark = pytest.mark.both_engines


def test_the_rule_takes_the_configured_spelling_whatever_the_capitals_and_spaces():
    spelt = themes.theme_spelling(["Neglect", "Domestic abuse"])
    assert [spelt(t) for t in ("neglect", " DOMESTIC   abuse ", "online  harm")] == [
        "Neglect", "Domestic abuse", "online harm"]


def test_the_themes_page_shows_a_theme_as_the_summary_does(db):
    cr.save_settings(db, dataclasses.replace(cr.load_settings(db), themes=("Neglect", "Domestic abuse")))
    case = cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 4, 5),
                               considered_on=date(2024, 4, 10), themes=("neglect", "Online harm"))
    cr.create_case_review(db, case)
    cr.create_case_review(db, dataclasses.replace(case, alias="Child B", themes=("NEGLECT",)))
    rows = {r.theme: r.total for r in cr.themes_summary(db).rows}
    assert rows == {"Neglect": 2, "Domestic abuse": 0, "Online harm": 1}
    summary = case_summary(db, date(2024, 4, 1), date(2025, 3, 31), today=date(2025, 4, 1))
    assert {theme: n for theme, n, _share in summary.themes} == {"Neglect": 2, "Online harm": 1}


def test_the_tracker_import_keeps_a_configured_theme_in_its_configured_spelling(db, tmp_path):
    cr.save_settings(db, dataclasses.replace(cr.load_settings(db), themes=("Neglect", "Domestic abuse")))
    rows = [["CR-01", "Child P", "Death", "01/02/2024", "neglect;  DOMESTIC   abuse;Online harm"]]
    path = write_csv(tmp_path / "t.csv", rows, ["Reference", "Alias", "Incident type", "Became aware", "Themes"])
    assert run_import(db, "case-reviews", path).added == 1
    assert cr.find_case_review(db, "CR-01").themes == ("Neglect", "Domestic abuse", "Online harm")
