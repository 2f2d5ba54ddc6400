"""Point 7 of data safety: dates from 1900 to 2200 everywhere; a far date kept by an earlier
version never hides a list or breaks an output."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.domain.dates import parse_date
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as ac
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, far_dated_demo, sql


@pytest.mark.parametrize("typed", ["01/01/1900", "31/12/2200", "2024-02-29"])
def test_dates_in_range_are_read(typed):
    assert isinstance(parse_date(typed), date)


@pytest.mark.parametrize("typed", ["31/12/1899", "01/01/2201", "01/01/0001", "31/12/9999"])
def test_dates_out_of_range_are_refused_naming_the_field(typed):
    with pytest.raises(ValueError, match=r"Due date '.*' is outside the years 1900 to 2200"):
        parse_date(typed, "Due date")


def test_every_command_refuses_a_far_date_naming_the_field_and_writes_nothing(db):
    person = ms.create_person(db, ms.PersonFields("Ada Lovelace"))
    group = ms.create_group(db, ms.GroupFields("Executive", tier=1))
    with db.unit_of_work() as s:
        history_before = s.execute(text("SELECT count(*) FROM change_record")).scalar()
    with pytest.raises(ValidationError) as caught:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(3000, 1, 1)))
    assert caught.value.errors == {"start_date": "Start date 01/01/3000 is outside the years 1900 to 2200"}
    with pytest.raises(ValidationError, match="Due date 31/12/1899"):
        ac.create_action(db, ac.ActionFields("Chase the returns", owner_person_id=person.id, due_date=date(1899, 12, 31)))
    assert ms.list_memberships(db) == [] and ac.list_actions(db) == []
    with db.unit_of_work() as s:
        assert s.execute(text("SELECT count(*) FROM change_record")).scalar() == history_before


def test_a_record_holding_a_far_date_can_still_be_archived(db):
    person = ms.create_person(db, ms.PersonFields("Ada Lovelace"))
    group = ms.create_group(db, ms.GroupFields("Executive", tier=1))
    m = ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2020, 1, 1)))
    sql(db.path, f"UPDATE membership SET start_date = '0001-01-01' WHERE id = {m.id}")
    ms.archive_membership(db, m.id)
    assert ms.list_memberships(db, include_archived=True)[0].archived_at is not None


def test_the_command_line_refuses_a_far_date_option(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.open(path).close()
    assert_refused(cli("report", "attendance", "--db", path, "--from", "01/01/3000", "-o", tmp_path / "a.pdf"),
                   "--from", "1900 to 2200")


@pytest.fixture(scope="module")
def far_demo(tmp_path_factory, demo_file):
    """The demo database with far dates written into it, as an earlier version could have."""
    return far_dated_demo(tmp_path_factory.mktemp("far") / "far.sqlite3", demo_file)


def test_far_dates_never_hide_a_list(far_demo):
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services import meetings as mt

    with Database.open(far_demo) as db, db.unit_of_work() as s:
        counts = {t: s.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("meeting", "case_review", "action", "membership")}
    with Database.open(far_demo) as db:
        assert len(mt.list_meetings(db, include_archived=True)) == counts["meeting"]
        assert len(cr.tracker(db, include_archived=True)) == counts["case_review"]
        assert len(cr.list_case_reviews(db, include_archived=True)) == counts["case_review"]
        assert len(ms.list_memberships(db, include_archived=True)) == counts["membership"]
        assert len(ac.list_actions(db, include_archived=True)) == counts["action"]


@pytest.mark.slow  # the program in new processes over the whole far-dated demo
def test_far_dates_never_break_an_output(far_demo, tmp_path):
    out = tmp_path / "all.xlsx"
    result = cli("export", "xlsx", "--db", far_demo, "-o", out, process=True)
    assert result.returncode == 0, result.stderr
    memberships = openpyxl.load_workbook(out)["Memberships"]
    values = [c.value for row in memberships.iter_rows() for c in row]
    assert "01/01/0001" in values  # before Excel's first date: written as text, not a number
    for name, extra, suffix in (("case-tracker", [], "pdf"), ("actions", ["--xlsx"], "xlsx"),
                                ("attendance", [], "xlsx"), ("members", [], "pdf")):
        result = cli("report", name, *extra, "--db", far_demo, "-o", tmp_path / f"{name}.{suffix}", process=True)
        assert result.returncode == 0, (name, result.stderr)
    with Database.open(far_demo) as db, db.unit_of_work() as s:
        first, last = s.execute(text("SELECT min(id), max(id) FROM meeting")).one()
    for meeting in (first, last):
        result = cli("export", "ics", "--meeting", meeting, "--db", far_demo, "-o", tmp_path / f"m{meeting}.ics", process=True)
        assert result.returncode == 0, result.stderr


@pytest.mark.slow  # every area's reports of the whole far-dated demo (minutes on this machine)
def test_far_dates_in_any_area_never_break_its_outputs(far_demo, tmp_path):
    """The reports of a period or of a far-dated record still write (every area's workbook is
    in the workbook of everything, above). The change log is of one area, where far dates
    were written: the demo's whole log is more than a PDF of it takes (Excel does)."""
    from bscp_desktop import jobs

    jobs.load_all()
    period = {"date_from": date(2022, 4, 1), "date_to": date(2024, 3, 31)}
    with Database.open(far_demo) as db:
        with db.unit_of_work() as s:
            first = {t: s.execute(text(f"SELECT min(id) FROM {t}")).scalar()
                     for t in ("meeting", "case_review", "case_audit", "training_session", "s11_cycle", "yearly_report")}
        for name, options in (
            ("training-summary", period), ("charges", period), ("finance", {"year": "2023/24"}),
            ("case-summary", period), ("case-themes", {}), ("change-log", {"area": "memberships"}), ("actions", {}),
            ("agenda", {"meeting": first["meeting"]}), ("minutes", {"meeting": first["meeting"]}),
            ("case", {"record_id": first["case_review"]}), ("audit", {"record_id": first["case_audit"]}),
            ("session-register", {"record_id": first["training_session"]}),
            ("s11-summary", {"cycle": first["s11_cycle"]}), ("yearly", {"record_id": first["yearly_report"]}),
        ):
            assert jobs.write_report(db, name, tmp_path / f"{name}.pdf", **options).stat().st_size > 0, name


def test_an_invoice_dated_at_the_end_of_the_calendar_is_overdue_never_an_error():
    from bscp_desktop.domain.finance import due_date

    assert due_date(date(9999, 12, 31), 30) == date.max
    assert due_date(date(2024, 1, 1), 30) == date(2024, 1, 31)
