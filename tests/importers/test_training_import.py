"""Importing bookings from the LMS, evaluations and registrations: the template round trip,
encodings, Excel date cells, headings in any order, all or nothing, re-import, saved mappings."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, match_headings, run_import, template_columns, write_template
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

COLUMNS = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation",
           "Booked on", "Outcome", "Cancelled on"]
COURSE = "Neglect: recognising and responding"
ROWS = [
    [COURSE, "15/04/2024 10:00", "3", "Zoë Żółć", "zoe@brent.gov.uk", "Café manager", "Brent Council", "01/03/2024", "Attended", ""],
    [COURSE, "15/04/2024 10:00", "3", "Bo Chan", "bo@example.org", "Nurse", "LNWUH", "02/03/2024", "No-show", ""],
    [COURSE, "15/04/2024 10:00", "", "Cy Diaz", "", "Teacher", "Kilburn Park School", "03/03/2024", "Cancelled", "12/04/2024"],
    [COURSE, "15/04/2024 10:00", "", "Dee Eve", "dee@example.org", "", "Brent Council", "03/03/2024", "Booked", ""],
    [COURSE, "15/04/2024 10:00", "", "Ed Fox", "ed@example.org", "", "£ Fund for Families", "04/03/2024", "", ""],
    ["Domestic abuse briefing", "1/5/24 13:30", "20", "Ann Lee", "ann@example.org", "Officer", "brent council", "1 April 2024", "", ""],
]


def write_csv(path: Path, rows, encoding="utf-8", header=COLUMNS) -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def count(db, model) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def orgs(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority", "LBB"))
    ms.create_organisation(db, ms.OrganisationFields("London North West University Healthcare NHS Trust", "icb", "LNWUH"))


def _check_imported(db):
    bookings = {b.delegate_name: b for b in bk.list_bookings(db)}
    assert len(bookings) == 6
    assert bookings["Zoë Żółć"].outcome is Outcome.ATTENDED
    assert bookings["Zoë Żółć"].job_title == "Café manager"
    assert bookings["Bo Chan"].organisation == "London North West University Healthcare NHS Trust"
    assert bookings["Cy Diaz"].outcome is Outcome.CANCELLED and bookings["Cy Diaz"].late_cancellation
    assert bookings["Dee Eve"].outcome is Outcome.BOOKED
    assert bookings["Ed Fox"].outcome is Outcome.WAITLISTED  # 3 places: Zoë, Bo and Dee hold them
    assert bookings["Ed Fox"].organisation == "£ Fund for Families"
    assert bookings["Ann Lee"].starts_at == datetime(2024, 5, 1, 13, 30)
    assert bookings["Ann Lee"].booked_on == date(2024, 4, 1)
    assert bookings["Ann Lee"].organisation == "Brent Council"


def test_template_has_the_columns_in_order_and_round_trips(db, orgs, tmp_path):
    assert template_columns("bookings") == COLUMNS
    for suffix in (".csv", ".xlsx"):
        out = write_template("bookings", tmp_path / f"t{suffix}")
        if suffix == ".csv":
            assert out.read_bytes().startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode())
        else:
            wb = load_workbook(out)
            assert [c.value for c in wb["Bookings"][1]] == COLUMNS
            assert "How to fill this in" in wb.sheetnames
    wb = load_workbook(tmp_path / "t.xlsx")
    for row in ROWS:
        wb["Bookings"].append(row)
    wb.save(tmp_path / "filled.xlsx")
    report = run_import(db, "bookings", tmp_path / "filled.xlsx")
    assert (report.added, report.updated) == (6, 0)
    _check_imported(db)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_each_encoding_excel_writes(db, orgs, tmp_path, encoding):
    rows = [list(r) for r in ROWS]
    if encoding == "cp1252":
        rows[0][3] = "Zoë Zolc"  # Polish letters are not in Windows-1252
    path = write_csv(tmp_path / "b.csv", rows, encoding)
    report = run_import(db, "bookings", path)
    assert report.added == 6
    names = {b.delegate_name for b in bk.list_bookings(db)}
    assert ("Zoë Zolc" if encoding == "cp1252" else "Zoë Żółć") in names
    assert {b.organisation for b in bk.list_bookings(db)} >= {"£ Fund for Families"}
    assert {b.job_title for b in bk.list_bookings(db)} >= {"Café manager"}


def test_xlsx_with_excel_date_cells(db, orgs, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for row in ROWS:
        cells = list(row)
        cells[1] = datetime.strptime(row[1], "%d/%m/%Y %H:%M") if row[1].count("/") == 2 and len(row[1]) > 12 else datetime(2024, 5, 1, 13, 30)
        cells[2] = int(row[2]) if row[2] else None
        cells[7] = datetime.strptime(row[7], "%d/%m/%Y").date() if "/" in row[7] else date(2024, 4, 1)
        cells[9] = datetime(2024, 4, 12) if row[9] else None
        ws.append(cells)
    wb.save(tmp_path / "dates.xlsx")
    run_import(db, "bookings", tmp_path / "dates.xlsx")
    _check_imported(db)


def test_headings_in_another_order_and_case(db, orgs, tmp_path):
    order = [8, 0, 3, 1, 9, 2, 6, 7, 4, 5]
    header = [COLUMNS[i].upper() if i % 2 else COLUMNS[i].lower() for i in order]
    path = write_csv(tmp_path / "b.csv", [[r[i] for i in order] for r in ROWS], header=header)
    run_import(db, "bookings", path)
    _check_imported(db)


def test_a_bad_row_rejects_the_whole_file_with_its_reason(db, orgs, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][9] = ""  # a cancellation without its date
    rows[4][8] = "Maybe"
    rows.append([COURSE, "31/02/2024 10:00", "3", "X", "x@example.org", "", "", "", "", ""])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    bad = err.value.report.bad_rows
    assert len(bad) == 3
    assert bad[0].startswith("Row 4: Cancelled on is empty")
    assert bad[1].startswith("Row 6: Outcome 'Maybe' is not one of")
    assert bad[2].startswith("Row 8: Session start: '31/02/2024 10:00' is not a date and time")
    assert count(db, TrainingBooking) == count(db, TrainingCourse) == count(db, TrainingSession) == 0


def test_a_cancellation_dated_after_today_is_a_bad_row(db, orgs, tmp_path):
    from datetime import timedelta

    later = date.today() + timedelta(days=40)
    rows = [[COURSE, f"{later:%d/%m/%Y} 10:00", "3", "Cy Diaz", "", "", "", f"{date.today():%d/%m/%Y}", "Cancelled",
             f"{later - timedelta(days=3):%d/%m/%Y}"]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert err.value.report.bad_rows == [
        f"Row 2: Cancelled on ({later - timedelta(days=3):%d/%m/%Y}) cannot be in the future."]
    assert count(db, TrainingBooking) == 0


def test_reimport_adds_nothing_and_updates_what_changed(db, orgs, tmp_path):
    path = write_csv(tmp_path / "b.csv", ROWS)
    run_import(db, "bookings", path)
    again = run_import(db, "bookings", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert not any("waiting list" in n for n in again.notes)
    rows = [list(r) for r in ROWS]
    rows[3][8] = "Attended"
    rows[3][5] = ""  # a blank cell keeps what is held
    changed = run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows))
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 5)
    dee = next(b for b in bk.list_bookings(db) if b.delegate_name == "Dee Eve")
    assert dee.outcome is Outcome.ATTENDED
    assert count(db, TrainingBooking) == 6 and count(db, TrainingSession) == 2


def test_dry_run_says_what_would_be_created_and_writes_nothing(db, orgs, tmp_path):
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS), dry_run=True)
    assert report.added == 6
    assert "Would create 2 courses: Domestic abuse briefing, Neglect: recognising and responding." in report.notes
    assert any(n.startswith("Would create 2 sessions") for n in report.notes)
    assert any("put on the waiting list (row 6)" in n for n in report.notes)
    assert any("Kilburn Park School" in n and "kept as typed" in n for n in report.notes)
    assert count(db, TrainingBooking) == count(db, TrainingCourse) == 0


def test_sessions_need_a_capacity_and_one_capacity(db, tmp_path):
    rows = [
        ["New course", "01/04/2024 10:00", "", "A", "", "", "", "", "", ""],
        ["Other", "02/04/2024 10:00", "5", "B", "", "", "", "", "", ""],
        ["Other", "02/04/2024 10:00", "6", "C", "", "", "", "", "", ""],
        ["Other", "02/04/2024 10:00", "", "b", "", "", "", "", "", ""],
    ]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    text = " ".join(err.value.report.bad_rows)
    assert "Row 2: Capacity is empty, and New course has no session on 01/04/2024 10:00 yet" in text
    assert "Row 4: Capacity 6 differs from 5 on row 3" in text
    assert "Row 5: Repeats row 3 (b on the same session)" in text


def _ahead() -> str:
    from datetime import date, timedelta

    return (date.today() + timedelta(days=30)).strftime("%d/%m/%Y") + " 10:00"


def _booked(when: str, capacity: str, *names: str) -> list[list[str]]:
    return [[COURSE, when, capacity, name, f"{name.split()[0].lower()}@example.org", "", "", "", "Booked", ""]
            for name in names]


def test_capacity_cannot_drop_below_the_places_booked(db, tmp_path):
    when = _ahead()
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", _booked(when, "3", "Ann Lee", "Bo Chan", "Cy Diaz")))
    with pytest.raises(ImportRejected, match="problems") as err:
        run_import(db, "bookings", write_csv(tmp_path / "c.csv", _booked(when, "2", "Ann Lee")))
    assert err.value.report.bad_rows == [f"Row 2: Capacity 2 is too few for {COURSE}, {when}: 3 delegates hold places "
                                         "(booked, attended or did not come), so the capacity cannot be less than 3."]


def test_more_delegates_attending_than_places_is_a_fact_the_import_keeps(db, tmp_path):
    """Walk-ins: the LMS says 3 attended a session of 2 places, as a register may."""
    rows = [[COURSE, "15/04/2024 10:00", "2", name, "", "", "", "", "Attended", ""] for name in ("Ann Lee", "Bo Chan", "Cy Diaz")]
    assert run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows)).added == 3
    session = cs.list_sessions(db)[0]
    assert (session.capacity, session.attended) == (2, 3)


def test_a_mapping_saved_once_is_reused(db, orgs, tmp_path):
    header = ["Event Title", "Start Date/Time", "Max Places", "Learner", "Learner Email", "Role", "Employer",
              "Enrolled", "Attendance Status", "Withdrawn"]
    path = write_csv(tmp_path / "other.csv", ROWS, header=header)
    headings, found = match_headings(db, "bookings", path)
    assert found["course"] is None and found["start"] is None  # not recognised yet
    assert found["delegate"] == "Learner"
    assert found["job_title"] == "Role"
    mapping = {"Event Title": "course", "Start Date/Time": "start", "Max Places": "capacity", "Learner": "delegate",
               "Learner Email": "email", "Enrolled": "booked_on", "Attendance Status": "outcome",
               "Withdrawn": "cancelled_on"}
    st.save_mapping(db, "bookings", mapping)
    assert match_headings(db, "bookings", path)[1]["course"] == "Event Title"
    report = run_import(db, "bookings", path)  # no mapping given: the saved one is used
    assert report.added == 6
    _check_imported(db)


def test_evaluations_import_by_outcome_number_or_words(db, orgs, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    course = next(c for c in cs.list_courses(db) if c.title == COURSE)
    cs.update_course(db, course.id, cs.CourseFields(COURSE, learning_outcomes=("Spot neglect", "Make a referral")))
    header = ["Course", "Session start", "Delegate", "Email", "Learning outcome", "Before", "After", "Comments",
              "Delegate follow-up", "Manager follow-up"]
    rows = [
        [COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "1", "2", "4", "Très utile", "", ""],
        [COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "make a referral", "3", "5", "", "Refers sooner", ""],
        [COURSE, "15/04/2024 10:00", "Dee Eve", "", "", "3", "4", "", "", "Shared with the team"],
    ]
    path = write_csv(tmp_path / "e.csv", rows, header=header)
    assert template_columns("evaluations") == header
    report = run_import(db, "evaluations", path)
    assert report.added == 2
    evaluations = {e.delegate_name: e for e in ev.list_evaluations(db)}
    zoe = evaluations["Zoë Żółć"]
    assert [(s.outcome, s.before, s.after) for s in zoe.scores] == [("Spot neglect", 2, 4), ("Make a referral", 3, 5)]
    assert zoe.comments == "Très utile" and zoe.delegate_follow_up == "Refers sooner"
    assert zoe.booking_id is not None
    assert evaluations["Dee Eve"].scores[0].outcome == "Overall confidence"
    again = run_import(db, "evaluations", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    bad = [[COURSE, "15/04/2024 10:00", "Zoë Żółć", "", "Safe sleeping", "2", "4", "", "", ""],
           [COURSE, "16/04/2024 10:00", "Zoë Żółć", "", "", "2", "9", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "bad.csv", bad, header=header))
    text = " ".join(err.value.report.bad_rows)
    assert "Learning outcome 'Safe sleeping' is not one of the course's" in text
    assert "has no session on 16/04/2024 10:00" in text and "After '9' is not a score" in text



def test_an_evaluation_of_a_session_still_to_come_is_a_bad_row(db, orgs, tmp_path):
    from datetime import date, timedelta

    ahead = (date.today() + timedelta(days=30)).strftime("%d/%m/%Y") + " 10:00"
    bookings = [ROWS[0], [COURSE, ahead, "20", "Zoë Żółć", "zoe@brent.gov.uk", "", "Brent Council", "", "Booked", ""]]
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", bookings))
    rows = [[COURSE, ahead, "Zoë Żółć", "zoe@brent.gov.uk", "", "2", "4", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    assert err.value.report.bad_rows == [f"Row 2: The session on {ahead} has not run yet: it is evaluated once it has."]


def test_evaluation_text_longer_than_the_window_takes_is_a_bad_row(db, orgs, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    header = template_columns("evaluations")
    rows = [[COURSE, "15/04/2024 10:00", "Z" * 201, "", "", "2", "4", "", "", ""],
            [COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "", "2", "4", "c" * 20001, "", "m" * 20001]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=header))
    assert err.value.report.bad_rows == [
        "Row 2: Delegate is too long (201 characters; at most 200).",
        "Row 3: Comments is too long (20,001 characters; at most 20,000). "
        "Manager follow-up is too long (20,001 characters; at most 20,000).",
    ]
    assert ev.list_evaluations(db) == []


def test_a_delegates_comments_over_several_rows_are_held_to_the_windows_length_together(db, orgs, tmp_path):
    """One evaluation keeps the comments of its delegate's rows joined: three rows of 15,000
    characters made 45,005, more than the window can ever save again."""
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    header = template_columns("evaluations")
    rows = [[COURSE, "15/04/2024 10:00", "Zoë Żółć", "", "", *scores, letter * 15_000, "", ""]
            for letter, scores in (("a", ("2", "4")), ("b", ("", "")), ("c", ("", "")))]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=header))
    assert err.value.report.bad_rows == [
        "Row 3: Comments with row 2's is too long (30,001 characters together; at most 20,000).",
        "Row 4: Comments with row 2's is too long (30,001 characters together; at most 20,000).",
    ]
    assert ev.list_evaluations(db) == []


def test_registrations_import(db, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["April 2024", "30"], ["05/2024", "12"], ["2024-06-01", "7"]],
                     header=["Month", "Registrations"])
    assert run_import(db, "registrations", path).added == 3
    assert fg.list_registrations(db) == [(date(2024, 4, 1), 30), (date(2024, 5, 1), 12), (date(2024, 6, 1), 7)]
    assert run_import(db, "registrations", path).unchanged == 3


def test_registrations_of_a_month_to_come_or_with_no_number_are_bad_rows(db, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["April 2030", "30"], ["May 2024", ""]], header=["Month", "Registrations"])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "registrations", path)
    assert err.value.report.bad_rows == [
        "Row 2: April 2030 has not begun: its registrations are counted once it has.",
        "Row 3: Registrations is empty: give the number of new accounts in the month (0 if none).",
    ]
    with pytest.raises(ValidationError, match="has not begun"):
        fg.set_registrations(db, date(2030, 4, 1), 30)
    fg.set_registrations(db, date(2030, 4, 1), None)  # nothing to remove: fine
    assert fg.list_registrations(db) == []



def test_a_row_with_two_problems_found_at_different_times_is_listed_once_in_order(db, orgs, tmp_path):
    """The session's capacity is checked once every row is read: its problem joins its row's line."""
    when = _ahead()
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", _booked(when, "3", "Ann Lee", "Bo Chan", "Cy Diaz")))
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", _booked(when, "2", "Ann Lee", "Bo Chan") * 2))
    report = err.value.report
    assert report.bad_rows == [
        "Row 4: Repeats row 2 (ann@example.org on the same session).",
        "Row 5: Repeats row 3 (bo@example.org on the same session). Capacity 2 is too few for "
        f"{COURSE}, {when}: 5 delegates hold places (booked, attended or did not come), so the capacity cannot be "
        "less than 5.",
    ]
    assert report.summary().startswith("Nothing imported from b.csv: 2 of 4 rows have problems")
    assert cs.list_sessions(db)[0].capacity == 3


def test_numbers_python_cannot_read_or_store_are_bad_rows(db, orgs, tmp_path):
    """A superscript digit is a digit to str.isdigit() but not to int(); 10**20 overflows the database."""
    months = write_csv(tmp_path / "r.csv", [["April 2024", "²"], ["May 2024", "99999999999999999999"],
                                            ["June 2024", "1,000,000"]], header=["Month", "Registrations"])
    with pytest.raises(ImportRejected) as err:
        run_import(db, "registrations", months)
    assert err.value.report.bad_rows == [
        "Row 2: Registrations '²' is not a whole number from 0 to 1,000,000.",
        "Row 3: Registrations '99999999999999999999' is not a whole number from 0 to 1,000,000.",
    ]
    rows = [[COURSE, "15/04/2024 10:00", "³", "Zoë Żółć", "zoe@brent.gov.uk", "", "", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert err.value.report.bad_rows == ["Row 2: Capacity '³' is not a number of places from 1 to 10,000."]
    assert fg.list_registrations(db) == [] and bk.list_bookings(db) == []

@pytest.mark.slow
def test_command_line_import_dry_run_and_bad_rows(db_file, tmp_path, capsys):
    from bscp_desktop.cli import main

    path = write_csv(tmp_path / "b.csv", ROWS)
    assert main(["import", "bookings", str(path), "--db", str(db_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run, nothing changed" in out and "Would create 2 sessions" in out
    assert main(["import", "bookings", str(path), "--db", str(db_file)]) == 0
    assert "6 added" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [[COURSE, "15/04/2024 10:00", "3", "", "", "", "", "", "Perhaps", ""]])
    assert main(["import", "bookings", str(bad), "--db", str(db_file)]) == 2
    err = capsys.readouterr().err
    assert "Nothing imported from bad.csv" in err and "Row 2: Delegate is empty" in err and "Traceback" not in err
    for kind in ("bookings", "evaluations", "registrations"):
        assert main(["template", kind, "-o", str(tmp_path / f"{kind}.xlsx")]) == 0
    assert load_workbook(tmp_path / "registrations.xlsx")["Registrations"]["A1"].value == "Month"


def test_a_failure_while_saving_in_bulk_leaves_nothing(db, orgs, tmp_path, monkeypatch):
    from bscp_desktop.db import bulk
    from bscp_desktop.db.models import ChangeRecord
    from bscp_desktop.importers import training as training_import

    real, calls = bulk.add_new, []

    def fail_on_second_chunk(session, model, rows):
        if model is TrainingBooking:  # the new sessions go first, in bulk too
            calls.append(len(rows))
            if len(calls) == 2:
                raise RuntimeError("disk full")
        return real(session, model, rows)

    monkeypatch.setattr(training_import, "WRITE_CHUNK", 4)
    monkeypatch.setattr(bulk, "add_new", fail_on_second_chunk)
    before = count(db, ChangeRecord)
    with pytest.raises(RuntimeError):
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    assert calls == [4, 2]
    assert count(db, TrainingBooking) == count(db, TrainingSession) == count(db, TrainingCourse) == 0
    assert count(db, ChangeRecord) == before
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))  # and the file imports whole afterwards
    _check_imported(db)


def test_a_booking_archived_in_the_program_is_left_as_it_is_and_holds_no_place(db, tmp_path):
    when = _ahead()
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", _booked(when, "1", "Ann Lee")))
    ann = bk.list_bookings(db)[0]
    bk.archive_booking(db, ann.id)
    rows = _booked(when, "1", "Ann Lee", "Ben Ode")
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert "1 row (2) matches a booking archived in the program: left as it is (restore it to update from the file)." \
        in report.notes
    assert (report.added, report.unchanged) == (1, 1)
    live = {b.delegate_name: b.outcome for b in bk.list_bookings(db)}
    assert live == {"Ben Ode": Outcome.BOOKED}  # Ann's archived booking holds no place
    assert bk.list_bookings(db, include_archived=True)[0].archived


def test_a_session_start_without_a_time_is_a_bad_row_not_a_midnight_session(db, tmp_path):
    rows = [[COURSE, "10/01/2025", "20", "Ann Lee", "", "", "", "", "", ""],
            [COURSE, "10/01/2025 09:30", "20", "Bo Chan", "", "", "", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert err.value.report.bad_rows == ["Row 2: Session start: '10/01/2025' has no time: give the time the session "
                                         "starts too (dd/mm/yyyy HH:MM)."]
    assert cs.list_sessions(db) == []


def test_a_delegate_who_left_the_waiting_list_is_not_made_a_late_cancellation_by_the_import(db, tmp_path):
    when = datetime(2024, 3, 11, 9, 30)  # a Monday
    rows = [[COURSE, "11/03/2024 09:30", "1", "Ann Lee", "", "", "", "01/02/2024", "Booked", ""],
            [COURSE, "11/03/2024 09:30", "1", "Wally West", "", "", "", "02/02/2024", "Waitlisted", ""]]
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", rows))
    rows[1][8:] = ["Cancelled", "08/03/2024"]  # left the list the working day before
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    wally = next(b for b in bk.list_bookings(db) if b.delegate_name == "Wally West")
    assert wally.outcome is Outcome.CANCELLED and not wally.late_cancellation and wally.starts_at == when


def test_a_waiting_list_withdrawal_imported_stays_uncharged_when_its_date_or_the_notice_changes(db, tmp_path):
    rows = [[COURSE, "11/03/2024 09:30", "1", "Ann Lee", "", "", "", "01/02/2024", "Booked", ""],
            [COURSE, "11/03/2024 09:30", "1", "Wally West", "", "", "", "02/02/2024", "Waitlisted", ""]]
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", rows))
    rows[1][8:] = ["Cancelled", "04/03/2024"]  # left the list a week before
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows)).updated == 0  # the same file: no change
    st.save_settings(db, st.TrainingSettings(late_cancellation_days=10))  # a week before is late now
    rows[1][9] = "08/03/2024"  # the LMS's date corrected: the working day before
    run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows))
    wally = next(b for b in bk.list_bookings(db) if b.delegate_name == "Wally West")
    assert wally.cancelled_on == date(2024, 3, 8)
    assert not wally.late_cancellation and wally.charge is None and not wally.gave_up_place


def test_an_evaluation_row_from_a_delegate_who_did_not_come_is_a_bad_row(db, orgs, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))  # Bo Chan was a no-show
    rows = [[COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "", "2", "4", "", "", ""],
            [COURSE, "15/04/2024 10:00", "Bo Chan", "bo@example.org", "", "3", "5", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    assert err.value.report.bad_rows == ["Row 3: Bo Chan did not attend this session (no-show): an evaluation comes "
                                         "from a delegate who did."]
    assert ev.list_evaluations(db) == []
    rows[1][3] = ""  # the same delegate named without the address the booking has
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    assert err.value.report.bad_rows == ["Row 3: Bo Chan did not attend this session (no-show): an evaluation comes "
                                         "from a delegate who did."]
    run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows[:1], header=template_columns("evaluations")))
    zoe = next(b for b in bk.list_bookings(db) if b.delegate_name == "Zoë Żółć")
    rows[0][3] = ""  # named without the address: still Zoë's booking, whose evaluation it is
    run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows[:1], header=template_columns("evaluations")))
    assert {e.booking_id for e in ev.list_evaluations(db)} == {zoe.id}


def test_two_delegates_of_one_name_never_both_update_the_booking_made_without_an_address(db, orgs, tmp_path):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2023, 6, 5, 10), 10))
    bk.create_booking(db, bk.BookingFields(session.id, "Ann Smith", booked_on=date(2023, 5, 1)))
    header = ["Course", "Session start", "Delegate", "Email", "Outcome"]
    for second in ("ann.two@y.org", ""):
        rows = [["Neglect basics", "05/06/2023 10:00", "Ann Smith", "ann.one@x.org", "Attended"],
                ["Neglect basics", "05/06/2023 10:00", "ann  smith", second, "No-show"]]
        with pytest.raises(ImportRejected) as err:
            run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows, header=header))
        assert err.value.report.bad_rows == [
            "Row 3: This delegate (ann.two@y.org) and the one on row 2 (ann.one@x.org) both "
            "match the booking of Ann Smith, which has no e-mail address: give that booking its delegate's "
            "address in the Training tab, then import again."] if second else [  # one delegate, by the same rule
            "Row 3: Repeats row 2 (ann smith on the same session, without an e-mail address here and with one "
            "there): give the delegate one row."]
        [kept] = bk.list_bookings(db)
        assert (kept.email, kept.outcome) == ("", Outcome.BOOKED)  # nothing written
    rows = [["Neglect basics", "05/06/2023 10:00", "Ann Smith", "ann.one@x.org", "Attended"]]  # one of them: matched
    assert run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows, header=header)).updated == 1
    [kept] = bk.list_bookings(db)
    assert (kept.email, kept.outcome) == ("ann.one@x.org", Outcome.ATTENDED)


def test_a_cancellation_dated_after_the_session_is_a_bad_row(db, orgs, tmp_path):
    rows = [[COURSE, "15/04/2024 10:00", "3", "Cy Diaz", "", "", "", "01/03/2024", "Cancelled", "20/04/2024"],
            [COURSE, "15/04/2024 10:00", "3", "Dee Eve", "", "", "", "01/03/2024", "Cancelled", "15/04/2024"]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert err.value.report.bad_rows == [
        "Row 2: Cancelled on (20/04/2024) is after the session (15/04/2024): record it as a no-show."]
    assert count(db, TrainingBooking) == count(db, TrainingSession) == 0
    run_import(db, "bookings", write_csv(tmp_path / "ok.csv", rows[1:]))  # on the day: allowed, and late
    (dee,) = bk.list_bookings(db)
    assert dee.outcome is Outcome.CANCELLED and dee.late_cancellation


def test_evaluations_read_the_sessions_time_from_its_own_column_as_bookings_do(db, orgs, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    header = ["Course", "Session date", "Session time", "Delegate", "Email", "Learning outcome", "Before", "After"]
    rows = [[COURSE, "15/04/2024", "10:00", "Zoë Żółć", "zoe@brent.gov.uk", "", "2", "4"]]
    assert run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=header)).added == 1
    (evaluation,) = ev.list_evaluations(db)
    assert evaluation.delegate_name == "Zoë Żółć" and evaluation.booking_id is not None
    alone = [[COURSE, "15/04/2024", "Dee Eve", "dee@example.org", "", "3", "4"]]  # a date with no time at all
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "alone.csv", alone,
                                                header=["Course", "Session start", "Delegate", "Email",
                                                        "Learning outcome", "Before", "After"]))
    assert err.value.report.bad_rows == [
        "Row 2: Session start: '15/04/2024' has no time: give the time the session starts too (dd/mm/yyyy HH:MM)."]


def test_a_new_booking_queues_behind_the_delegates_already_waiting_as_in_the_window(db, tmp_path):
    session = ["Waiting list briefing", "20/05/2024 10:00", "2"]
    first = [[*session, "Ann Ash", "ann@example.org", "", "", "01/04/2024", "Booked", ""],
             [*session, "Bob Birch", "bob@example.org", "", "", "01/04/2024", "Booked", ""],
             [*session, "Cat Cole", "cat@example.org", "", "", "02/04/2024", "Booked", ""]]
    run_import(db, "bookings", write_csv(tmp_path / "first.csv", first))
    # the LMS later: Bob cancelled, freeing a place Cat waits for, and Dan booked
    later = [first[0], [*session, "Bob Birch", "bob@example.org", "", "", "01/04/2024", "Cancelled", "17/05/2024"],
             [*session, "Cat Cole", "cat@example.org", "", "", "02/04/2024", "", ""],
             [*session, "Dan Drake", "dan@example.org", "", "", "03/05/2024", "Booked", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "later.csv", later))
    assert ("Row 5: 1 delegate is already waiting for a place on Waiting list briefing, 20/05/2024 10:00: Dan Drake "
            "joins the waiting list behind them: the free place is to be offered to the first delegate waiting.") \
        in report.notes
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db)}
    assert outcomes == {"Ann Ash": Outcome.BOOKED, "Bob Birch": Outcome.CANCELLED, "Cat Cole": Outcome.WAITLISTED,
                        "Dan Drake": Outcome.WAITLISTED}
    again = run_import(db, "bookings", write_csv(tmp_path / "later.csv", later))  # Dan's Booked row passes Cat by no more
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)} == outcomes
    later[2][8] = "Booked"  # the LMS gives Cat the place: she is first on the waiting list
    run_import(db, "bookings", write_csv(tmp_path / "offered.csv", later))
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)} == {**outcomes, "Cat Cole": Outcome.BOOKED}


def test_an_in_time_cancellation_imported_again_still_gave_up_its_place(db, tmp_path):
    rows = [[COURSE, "11/03/2024 09:30", "2", "Ann Lee", "", "", "", "", "Cancelled", "01/03/2024"]]
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", rows))
    rows[0][5] = "Social worker"  # the LMS's next export: the job title added
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    (ann,) = bk.list_bookings(db)
    assert ann.job_title == "Social worker" and ann.gave_up_place and not ann.late_cancellation
    total = fg.figures_report(db, date(2024, 3, 1), date(2024, 3, 31), today=date(2024, 4, 1)).total.figures
    assert (total.bookings, total.cancellations) == (1, 1)


def test_bookings_naming_an_archived_organisation_count_for_it_and_the_report_says_so(db, orgs, tmp_path):
    trust = ms.create_organisation(db, ms.OrganisationFields("Kilburn Free School Trust", "education", "KFST"))
    ms.archive_organisation(db, trust.id)
    rows = [[COURSE, "15/04/2024 10:00", "5", name, "", "", organisation, "01/03/2024", "Attended", ""]
            for name, organisation in (("Ann Lee", "Kilburn Free School Trust"), ("Bo Chan", "Brent Council"),
                                       ("Cy Diaz", "kilburn free school trust"))]
    path = write_csv(tmp_path / "b.csv", rows)
    dry = run_import(db, "bookings", path, dry_run=True)
    assert "Kilburn Free School Trust is archived in Memberships: the bookings would count for it (rows 2, 4)." \
        in dry.notes
    report = run_import(db, "bookings", path)
    note = "Kilburn Free School Trust is archived in Memberships: the bookings count for it (rows 2, 4)."
    assert note in report.notes and not any("Brent Council" in n for n in report.notes)
    assert {b.delegate_name: b.organisation_id for b in bk.list_bookings(db)}["Cy Diaz"] == trust.id
    # imported again, the bookings already count for it: nothing more to say
    assert not any("archived in Memberships" in n for n in run_import(db, "bookings", path).notes)
