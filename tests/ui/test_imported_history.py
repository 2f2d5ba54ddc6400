"""An import records one history entry per added record (`db.history_bulk.record_inserts`); the
user still sees every field of every imported record in its history, as for a record added on
its own: in the record's History… dialog, in the change log (counted, paged and searched), and
in the change-log outputs. The chain verifies, and an import that fails midway leaves no history."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bscp_desktop import cli
from bscp_desktop.db import search
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import verify_chain
from bscp_desktop.db.models import ChangeRecord, Person
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.history import ChangeLogView, HistoryDialog
from tests.ui.test_change_log_view import shown, wait

pytestmark = pytest.mark.both_engines  # on a file, and on a team database

PEOPLE = [  # name, job title, organisation, email, phone, notes
    ("Nguyễn Thị Ánh", "Designated nurse", "LBB", "anh@brent.gov.uk", "020 8937 1234", "Met at the \"summit\"\nsecond line"),
    ("Ó Súilleabháin", "", "Brent Council", "", "", ""),
    ("Zaïd Ben-Haïm", "Headteacher", "", "zaid@school.org", "", "back\\slash"),
]


def _csv(tmp_path, people=PEOPLE):
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    path = tmp_path / "people.csv"
    lines = ["Name,Job title,Organisation,Email,Phone,Notes"] + [",".join(cell(v) for v in p) for p in people]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def imported(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "LBB"))
    assert run_import(db, "people", _csv(tmp_path)).added == 3
    with db.unit_of_work() as s:
        ids = {p.name: p.id for p in s.scalars(select(Person))}
    return council, ids


def _entries(db) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(ChangeRecord))


@pytest.mark.slow
def test_each_imported_record_shows_all_its_fields_in_its_history(qtbot, db, imported):
    _council, ids = imported
    with db.unit_of_work() as s:  # one entry per imported person, holding all its fields
        kinds = s.execute(select(ChangeRecord.field, func.count()).where(ChangeRecord.table_name == "person")
                          .group_by(ChangeRecord.field)).all()
    assert kinds == [("", 3)]
    for name, job, org, email, phone, notes in PEOPLE:
        dialog = HistoryDialog(db, "person", ids[name], name)
        qtbot.addWidget(dialog)
        dialog.show()
        wait(qtbot, dialog.view)
        rows = shown(dialog.view)
        expected = {("Name", name), ("Job title", job), ("Organisation", "Brent Council" if org else ""),
                    ("Email", email), ("Phone", phone), ("Notes", notes.replace("\n", " ⏎ "))}
        # every field given, by its label, with its value as the window shows it; nothing else
        assert {(r[5], r[7]) for r in rows} == {e for e in expected if e[1]}
        assert {(r[3], r[4], r[6]) for r in rows} == {(f"Person: {name}", "Added", "")}
        counted = f"Changes 1 to {len(rows)} of {len(rows)}, newest first"
        assert repr(hs.count_changes(db, hs.ChangeQuery(record=("person", ids[name])))) == str(len(rows))
        qtbot.waitUntil(lambda d=dialog, t=counted: t in d.view.status.text(), timeout=10000)


@pytest.mark.slow
def test_the_change_log_counts_pages_and_searches_imported_fields(qtbot, db, imported):
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.page_size = 5  # the first page: an entry of the council (one per field), then whole people
    view.show()
    wait(qtbot, view)
    total = hs.count_changes(db, hs.ChangeQuery())
    first = shown(view)
    assert total == len(list(hs.iter_changes(db, hs.ChangeQuery()))) == 3 + 6 + 2 + 4  # the council's 3 fields, the people's
    qtbot.waitUntil(lambda: f"of {total}" in view.status.text(), timeout=10000)
    assert view.status.text().startswith(f"Changes 1 to {len(first)} of {total}")
    view.next_page()
    wait(qtbot, view)
    assert view.status.text().startswith(f"Changes {len(first) + 1} to ")
    view.previous_page()
    wait(qtbot, view)
    assert shown(view) == first
    view.search.setText("second line")  # a word after a line break in an imported value
    qtbot.waitUntil(lambda: not view.loading() and view.model.rowCount() > 0, timeout=10000)
    assert ("Notes", "Met at the \"summit\" ⏎ second line") in {(r[5], r[7]) for r in shown(view)}
    assert {r[3] for r in shown(view)} == {"Person: Nguyễn Thị Ánh"}
    qtbot.waitUntil(lambda: " of " in view.status.text(), timeout=10000)  # its count read, before the file closes


def test_pages_hold_whole_records_and_every_row_once(db, imported):
    everything = [(c.id, c.field) for c in hs.iter_changes(db, hs.ChangeQuery())]
    walked, cursor, sizes = [], None, []
    while True:
        page = hs.change_page(db, hs.ChangeQuery(), cursor, limit=5)
        walked += [(c.id, c.field) for c in page.rows]
        sizes.append(len({c.id for c in page.rows}) == 1 or len(page.rows) <= 5)
        if page.cursor is None:
            break
        cursor = page.cursor
    assert walked == everything and all(sizes) and len(sizes) > 3


def test_outputs_of_the_change_log_hold_every_imported_field(db, imported, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop import jobs

    jobs.load_all()
    shown_log = load_workbook(jobs.write_report(db, "change-log", tmp_path / "log.xlsx"))["Change log"]
    cells = {(r[5], r[7]) for r in shown_log.iter_rows(min_row=2, values_only=True)}
    assert {("Email", "zaid@school.org"), ("Job title", "Headteacher"), ("Notes", "back\\slash")} <= cells
    sheet = load_workbook(jobs.export_workbook(db, "history", tmp_path / "history.xlsx"))["Change history"]
    cells = {(r[5], r[7]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert {("Email", "zaid@school.org"), ("Organisation", "Brent Council"), ("Notes", "back\\slash")} <= cells


def test_the_chain_verifies_after_an_import(db, imported):
    raw = db.engine.raw_connection()
    try:
        broken, checked = verify_chain(raw)
    finally:
        raw.close()
    assert broken is None and checked == _entries(db) == 3 + 3


def _as_read(db) -> list[tuple]:
    return [(c.table_name, c.record_id, c.record_name, c.action_label, c.field_label, c.new_text)
            for c in hs.iter_changes(db, hs.ChangeQuery())]


@pytest.mark.sqlite_only  # copies the file
def test_check_and_copy_to_a_team_database_and_back_keep_it(db, imported, pg_address, tmp_path, capsys):
    expected = _as_read(db)
    db.close()
    back = tmp_path / "back.sqlite3"
    assert cli.main(["check", "--db", str(db.path)]) == 0, capsys.readouterr()
    assert cli.main(["copy", "--from", str(db.path), "--to", pg_address]) == 0, capsys.readouterr()
    assert cli.main(["check", "--db", pg_address]) == 0, capsys.readouterr()
    assert cli.main(["copy", "--from", pg_address, "--to", str(back)]) == 0, capsys.readouterr()
    for target in (pg_address, str(back)):
        with Database.open_target(target) as copied:
            assert _as_read(copied) == expected


def test_an_import_that_fails_midway_leaves_no_history(db, tmp_path, monkeypatch):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "LBB"))
    before = _entries(db)

    def index_fails(*args, **kwargs):  # after the records and their history are written
        raise OSError("disk full")

    monkeypatch.setattr(search, "index_new", index_fails)
    with pytest.raises(OSError):
        run_import(db, "people", _csv(tmp_path))
    assert _entries(db) == before
    assert ms.list_people(db) == []
