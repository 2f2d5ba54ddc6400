"""Text left by another program (a database browser) where the program keeps JSON: a team
setting's value, a yearly report section's built figures, an offline copy's values as taken.

`check` names the record and the column and exits 2. A setting that cannot be read is read as
not set (its default, said in the log), so every paper still prints and the dialog that sets it
again still opens; a yearly report whose section cannot be read is refused in the program's
plain words naming the record."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.models import load_all
from bscp_desktop.db.stored_values import JSON_COLUMNS
from bscp_desktop.services import settings
from bscp_desktop.services import yearly_report as yr
from tests.safety.helpers import assert_refused, cli, sql, values_problem

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


@pytest.fixture
def with_report(db_file):
    """A file holding the partnership's name, closure days and a yearly report (its sections
    all empty), each written by the program; closed."""
    with Database.open(db_file) as db:
        settings.set_partnership_name(db, "Brent Safeguarding Children Partnership")
        settings.set_setting(db, settings.CLOSURES_KEY, [{"date": "2024-12-27", "name": "Closure"}])
        yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    return db_file


def problem(path) -> str:
    return values_problem(path)


def _section_id(path) -> int:
    con = connect_read_only(path)
    try:
        return con.execute("SELECT min(id) FROM yearly_report_section").fetchone()[0]
    finally:
        con.close()


BAD = {
    "a name as plain text": ("UPDATE setting SET value = 'Brent Partnership' WHERE key = 'partnership_name'",
                             "setting partnership_name: value holds 'Brent Partnership' (not JSON)"),
    "a setting left blank": ("UPDATE setting SET value = '' WHERE key = 'closure_days'",
                             "setting closure_days: value holds '' (not JSON)"),
    "bytes for a setting": ("UPDATE setting SET value = X'7B7D' WHERE key = 'closure_days'",
                            "setting closure_days: value holds b'{}' (not JSON)"),
    "broken figures": ("UPDATE yearly_report_section SET data = '{bad' WHERE id = {section}",
                       "yearly_report_section {section}: data holds '{bad' (not a JSON object)"),
    "figures that are not an object": ("UPDATE yearly_report_section SET data = '[1, 2]' WHERE id = {section}",
                                       "yearly_report_section {section}: data holds '[1, 2]' (not a JSON object)"),
}


@pytest.mark.parametrize("kind", BAD)
def test_text_where_json_is_kept_is_named_by_check(with_report, kind):
    section = _section_id(with_report)
    statement, named = (part.replace("{section}", str(section)) for part in BAD[kind])
    sql(with_report, statement)
    with pytest.raises(DatabaseError) as refused:
        check_file(with_report)
    assert named in str(refused.value) and "healthy" not in str(refused.value), refused.value
    assert_refused(cli("--db", with_report, "check"), named)


READABLE = {
    "a section never built": "UPDATE yearly_report_section SET data = ''",
    "a setting written by hand as JSON": "UPDATE setting SET value = ' \"Brent\" ' WHERE key = 'partnership_name'",
    "figures JSON reads though SQLite would not": "UPDATE yearly_report_section SET data = '{\"x\": NaN}'",
}


@pytest.mark.parametrize("kind", READABLE)
def test_json_this_version_reads_is_left_alone(with_report, kind):
    sql(with_report, READABLE[kind])
    assert problem(with_report) == ""
    assert "healthy" in check_file(with_report)


def test_every_column_said_to_hold_json_is_a_text_column_of_the_models():
    load_all()
    for table, column in JSON_COLUMNS:
        assert column in Base.metadata.tables[table].c, (table, column)


def test_a_setting_that_cannot_be_read_is_read_as_not_set_and_said_in_the_log(with_report, caplog):
    sql(with_report, "UPDATE setting SET value = 'Brent Partnership' WHERE key = 'partnership_name'",
        "UPDATE setting SET value = 'not a list' WHERE key = 'closure_days'")
    with Database.open(with_report) as db, caplog.at_level(logging.WARNING):
        assert settings.partnership_name(db) == settings.DEFAULT_PARTNERSHIP_NAME
        assert yr.partnership_name(db) == settings.DEFAULT_PARTNERSHIP_NAME
        assert settings.get_setting(db, settings.PARTNERSHIP_NAME_KEY, "") == ""  # the dialog opens empty
        with db.unit_of_work() as session:
            assert settings.closure_dates_in(session) == frozenset()
        assert "setting partnership_name: value holds 'Brent Partnership' (not JSON)" in caplog.text
        settings.set_partnership_name(db, "Brent Safeguarding Children Partnership")  # set again: read again
        assert settings.partnership_name(db) == "Brent Safeguarding Children Partnership"


@pytest.mark.slow
def test_a_paper_still_prints_with_a_setting_that_cannot_be_read(with_report, tmp_path):
    sql(with_report, "UPDATE setting SET value = 'Brent Partnership' WHERE key = 'partnership_name'")
    out = tmp_path / "members.pdf"
    result = cli("--db", with_report, "report", "members", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and "Expecting value" not in result.stderr


def test_a_yearly_report_whose_built_section_cannot_be_read_opens_and_refuses_to_be_written(with_report, tmp_path):
    """Figures another program spoilt in one built section: the report still opens, that section
    says its figures cannot be read, and writing the report is refused naming the section and
    what to do, in the window's service and on the command line."""
    with Database.open(with_report) as db:
        report = yr.list_reports(db)[0]
        section = next(s for s in yr.get_report(db, report.id).sections if s.built)
    con_sql = f"UPDATE yearly_report_section SET data = '{{bad' WHERE report_id = {report.id} AND key = '{section.key}'"
    sql(with_report, con_sql)
    with Database.open(with_report) as db:
        opened = yr.get_report(db, report.id)  # the report opens
    spoilt = next(s for s in opened.sections if s.key == section.key)
    assert spoilt.unreadable and all(not s.unreadable for s in opened.sections if s.key != section.key)
    line = assert_refused(cli("--db", with_report, "report", "yearly", "--id", report.id, "-o", tmp_path / "y.pdf"),
                          f"The figures kept for the section '{section.title}'", "Refresh from the records")
    assert "Expecting property name" not in line and not (tmp_path / "y.pdf").exists()


@pytest.mark.slow
def test_a_team_databases_check_names_text_where_json_is_kept(pg_db, capsys):
    from sqlalchemy import text

    from bscp_desktop import cli as cli_module

    settings.set_partnership_name(pg_db, "Brent Safeguarding Children Partnership")
    with pg_db.unit_of_work() as session:  # as a database tool would, behind the program's back
        session.execute(text("UPDATE setting SET value = 'Brent Partnership' WHERE key = 'partnership_name'"))
    assert cli_module.main(["check", "--db", pg_db.url]) == 2
    assert "setting partnership_name: value holds 'Brent Partnership' (not JSON)" in capsys.readouterr().err


@pytest.mark.parametrize("module,key", [
    ("case_review_settings", "case_reviews.deadline_rules"),
    ("case_review_settings", "case_reviews.reference_prefix"),
    ("audits", "audits.themes"),
    ("training.settings", "training.topics"),
    ("finance.common", "finance.overdue_days"),
])
def test_each_areas_settings_read_a_setting_that_cannot_be_read_as_not_set(tmp_path, caplog, module, key):
    """Every area's settings are read the one way: text left by another program is its default,
    not Python's JSON error stopping the area's pages and papers."""
    import importlib

    area = importlib.import_module(f"bscp_desktop.services.{module}")
    path = tmp_path / "bscp.sqlite3"
    with Database.open(path) as db:
        default = area.load_settings(db)
        with db.unit_of_work() as session:
            settings.put_setting_in(session, key, "set")
    sql(path, f"UPDATE setting SET value = 'set by hand' WHERE key = '{key}'")
    with Database.open(path) as db, caplog.at_level(logging.WARNING):
        assert area.load_settings(db) == default
    assert f"setting {key}: value holds 'set by hand' (not JSON)" in caplog.text
