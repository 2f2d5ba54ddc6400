"""A case review setting another program spoilt (JSON, but not what the setting holds): `check`
names the setting and why; the program reads it as its default and says so, naming it, so the
tracker, the papers and the settings dialog still work; saving the dialog sets it again."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.domain.case_reviews import DEFAULT_REFERENCE_PREFIX, DEFAULT_THEMES
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.jobs.case_reviews import build_report
from bscp_desktop.reports import case_reviews as out
from bscp_desktop.services import case_review_settings as crs
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import settings
from tests.safety.helpers import sql, values_problem

ODD_RULE = {"local_check": {"label": "Local check", "anchor": "nowhere", "amount": 5, "unit": "working_days",
                            "direction": 1}}

#: (setting, value stored by another program, its label, why it cannot be read, the default read instead)
SPOILT = {
    "rules that are no rules": (crs.RULES_SETTING, '{"x": 1}', "Deadline rules",
                                "the deadline rule 'x' must be a mapping of field to value", "rules"),
    "a rule counting from no date": (crs.RULES_SETTING, json.dumps(ODD_RULE), "Deadline rules",
                                     "in the deadline rule 'local_check', 'nowhere' is not a date the case records",
                                     "rules"),
    "closure days as a number": (crs.CLOSURES_SETTING, "5", "Local closure days", "5 is not a list of closure days",
                                 "closures"),
    "a closure day that is no date": (crs.CLOSURES_SETTING, '["2026-12-29", {"date": "31/02/2026"}]',
                                      "Local closure days", "closure day 2 has '31/02/2026' as its date, not a date",
                                      "closures"),
    "themes as a number": (crs.THEMES_SETTING, "5", "Themes", "5 is not a list of themes", "themes"),
    "a theme that is no text": (crs.THEMES_SETTING, '["Neglect", 7]', "Themes", "theme 2 is 7, not text", "themes"),
    "a prefix that is a number": (crs.PREFIX_SETTING, "5", "Reference prefix",
                                  "5 is not a reference prefix: it must be 1 to 12 letters or digits, starting with a "
                                  "letter", "reference_prefix"),
}
DEFAULTS = {"rules": DEFAULT_RULES, "closures": (), "themes": DEFAULT_THEMES, "reference_prefix": DEFAULT_REFERENCE_PREFIX}


@pytest.fixture
def spoilt(request, db_file):
    """A file with a case and every case review setting saved by the program, then one of them
    changed by another program as `request.param` (a key of SPOILT) says; closed."""
    key, value, *_ = SPOILT[request.param]
    with Database.open(db_file) as db:
        cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 29)))
        cr.save_settings(db, dataclasses.replace(cr.load_settings(db), themes=("Neglect", "Exploitation"),
                                                 closures=(cr.ClosureDay(date(2024, 12, 27), "Office closed"),)))
    sql(db_file, f"UPDATE setting SET value = '{value}' WHERE key = '{key}'")
    return db_file, SPOILT[request.param]


@pytest.mark.parametrize("spoilt", SPOILT, indirect=True)
def test_check_names_the_setting_and_why(spoilt):
    path, (key, _value, label, why, _field) = spoilt
    said = values_problem(path)
    assert f"setting {key}: value holds" in said and f"({why})" in said, said
    assert f"the case review setting '{label}'" in said
    with pytest.raises(DatabaseError) as refused:
        check_file(path)
    assert "healthy" not in str(refused.value)


@pytest.mark.parametrize("spoilt", SPOILT, indirect=True)
def test_the_setting_is_read_as_its_default_with_a_warning_naming_it(spoilt):
    path, (_key, _value, label, why, field) = spoilt
    with Database.open(path) as db:
        read = cr.load_settings(db)
        assert getattr(read, field) == DEFAULTS[field]
        assert read.warnings == (f"The case review setting '{label}' cannot be read ({why}), so the program's default "
                                 "is used: open Deadline rules and settings in the Case reviews tab and save to set it "
                                 "again.",)
        assert len(cr.tracker(db, today=date(2024, 2, 1))) == 1  # the tab's tracker and the papers read them too
        assert build_report(db, date(2024, 2, 1)).cases


def test_closure_days_spoilt_are_none_for_every_clock(db_file):
    """Training's notice and Section 11 lateness read the closure days the same way: none."""
    with Database.open(db_file) as db:
        settings.set_setting(db, settings.CLOSURES_KEY, ["2026-12-29", {"date": "31/02/2026"}])
        with db.unit_of_work() as session:
            assert settings.closure_dates_in(session) == frozenset()
        assert cr.load_settings(db).closures == ()


@pytest.mark.slow
@pytest.mark.parametrize("spoilt", ["rules that are no rules", "closure days as a number", "themes as a number"],
                         indirect=True)
def test_the_settings_dialog_opens_on_the_defaults_and_saving_sets_the_setting_again(qtbot, spoilt):
    from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog

    path, (_key, _value, _label, _why, field) = spoilt
    with Database.open(path) as db:
        dialog = CaseReviewSettingsDialog(db, None)
        qtbot.addWidget(dialog)
        assert getattr(dialog.current(), field) == DEFAULTS[field]
        dialog.save()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert cr.load_settings(db).warnings == ()
    assert values_problem(path) == ""


@pytest.mark.slow
def test_the_papers_say_which_setting_could_not_be_read(db_file, tmp_path):
    from pypdf import PdfReader

    with Database.open(db_file) as db:
        cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 29)))
        settings.set_setting(db, crs.THEMES_SETTING, 5)
        warnings = cr.load_settings(db).warnings
        report = build_report(db, date(2024, 2, 1))  # the papers' own report carries the warning
    (warning,) = warnings
    assert report.notes == warnings
    pdf = out.write_tracker_pdf(report, tmp_path / "tracker.pdf")
    assert warning in " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    rules = load_workbook(out.tracker_workbook(report).save(tmp_path / "tracker.xlsx"))["Rules"]
    assert ["Setting not read", warning] in [list(row) for row in rules.iter_rows(values_only=True)]
