"""The command line made consistent (issue: daily use, point 5): `report --help` lists every
report and its options, the output file's extension decides what is written (or the report is
refused), and records are named the way officers know them as well as by id."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.cli import main
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from tests.built_once import built_copy
from tests.meetings_world import build_world, meeting


def build_records(db):
    w = build_world(db)
    held = meeting(db, w.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Neglect strategy"))
    case = cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8),
    ))
    return held.id, case.reference


@pytest.fixture
def records(request, tmp_path):
    """A database file of the test's own (closed), a copy of one built once for the run."""
    path = tmp_path / "records.sqlite3"
    return path, *built_copy(request, "report-cli", build_records, path)


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_help_lists_every_report_with_its_options(capsys):
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0
    jobs.load_all()
    for name in jobs.REPORTS:
        assert f"\n  {name} " in out, name
    assert "--meeting MEETING" in out and "Executive Group 21/03/2024" in out
    attendance = out.split("\n  attendance ")[1].split("\n  audit ")[0]
    assert "Excel (.xlsx)" in attendance and "--from DATE" in attendance and "PDF" not in attendance.split("\n")[0]


def test_the_extension_decides_the_format_or_the_report_is_refused(records, tmp_path, capsys):
    path = records[0]
    code, _, err = run(capsys, "report", "attendance", "--db", path, "-o", tmp_path / "x.pdf")
    assert code == 2 and "writes Excel (.xlsx)" in err and "x.pdf" in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run(capsys, "report", "actions", "--db", path, "-o", tmp_path / "actions.xlsx")
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "actions.xlsx").sheetnames
    code, _, err = run(capsys, "report", "actions", "--xlsx", "--db", path, "-o", tmp_path / "actions.pdf")
    assert code == 2 and "--xlsx writes an Excel workbook" in err
    code, _, err = run(capsys, "report", "case-tracker", "--db", path, "-o", tmp_path / "tracker.docx")
    assert code == 2 and "PDF (.pdf)" in err


@pytest.mark.slow
def test_records_are_named_as_officers_know_them(records, tmp_path, capsys):
    path, meeting_id, reference = records
    code, _, err = run(capsys, "report", "agenda", "--db", path, "--meeting",
                       "safeguarding children forum, 14 March 2024", "-o", tmp_path / "agenda.pdf")
    assert code == 0, err
    assert "Neglect strategy" in pypdf.PdfReader(str(tmp_path / "agenda.pdf")).pages[0].extract_text()
    code, _, err = run(capsys, "report", "case", "--db", path, "--id", reference.lower(), "-o", tmp_path / "case.pdf")
    assert code == 0, err
    assert "Child A" in "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "case.pdf")).pages)
    code, _, err = run(capsys, "report", "agenda", "--db", path, "--meeting", "Safeguarding Children Forum 15/03/2024",
                       "-o", tmp_path / "none.pdf")
    assert code == 2 and "There is no meeting of 'Safeguarding Children Forum' on 15/03/2024" in err
    code, _, err = run(capsys, "report", "agenda", "--db", path, "--meeting", str(meeting_id), "-o", tmp_path / "by-id.pdf")
    assert code == 0, err


def test_finders_in_the_service_layer(db, world):
    w = world
    first = meeting(db, w.forum, datetime(2024, 3, 14, 10))
    assert mt.find_meeting(db, "Safeguarding Children Forum 14/3/24").id == first.id
    assert mt.find_meeting(db, first.id).id == first.id
    meeting(db, w.forum, datetime(2024, 3, 14, 14))
    from bscp_desktop.domain.validation import NotFoundError

    with pytest.raises(NotFoundError, match="met more than once"):
        mt.find_meeting(db, "Safeguarding Children Forum 14/03/2024")
    with pytest.raises(NotFoundError, match="give its id, or its group and date"):
        mt.find_meeting(db, "last Tuesday's one")


@pytest.mark.parametrize("args,words", [
    (("export", "xlsx", "-o", "{tmp}/out.txt"), "A workbook is Excel (.xlsx): name the output file (-o) .xlsx, not 'out.txt'"),
    (("export", "xlsx", "--area", "finance", "-o", "{tmp}/finance"), "not 'finance'"),
    (("export", "xlsx", "--partner", "Brent Council", "-o", "{tmp}/brent.pdf"), "writes Excel (.xlsx)"),
    (("export", "ics", "--meeting", "1", "-o", "{tmp}/meeting.txt"), "iCalendar (.ics)"),
    (("report", "minutes", "--meeting", "1", "-o", "{tmp}/minutes.docx"), "name the output file (-o) .pdf"),
    (("export", "xlsx", "--meeting", "1", "-o", "{tmp}/x.xlsx"), "A workbook (export xlsx) does not take --meeting"),
    (("export", "xlsx", "--from", "01/04/2024", "-o", "{tmp}/x.xlsx"), "does not take --from (--from and --to go with --partner)"),
    (("export", "xlsx", "--partner", "Brent", "--area", "finance", "-o", "{tmp}/x.xlsx"), "does not take --area"),
    (("export", "xlsx", "--partner", "Brent", "--from", "01/04/2024", "-o", "{tmp}/x.xlsx"),
     "One organisation's workbook covers a period: give --to as well"),
    (("export", "xlsx", "--partner", "Brent", "-o", "{tmp}/x.xlsx"), "give --from and --to as well"),
    (("export", "ics", "--area", "meetings", "--partner", "Brent", "-o", "{tmp}/x.ics"),
     "A calendar file (export ics) does not take --area or --partner"),
    (("export", "xlsx", "--area", "nonsense", "-o", "{tmp}/x.xlsx"), "choose one of: all, audits"),
    (("export", "ics", "--meeting", "1", "--series", "999", "-o", "{tmp}/x.ics"), "Give --meeting or --series, not both."),
    (("report", "ics", "--meeting", "1", "--series", "2", "-o", "{tmp}/x.ics"), "Give --meeting or --series, not both."),
    (("template", "people", "-o", "{tmp}/people.txt"), "Choose a file name (-o) ending in .csv or .xlsx"),
    (("template", "s11", "--cycle", "1", "--agency", "1", "-o", "{tmp}/return.pdf"), "(-o) ending in .xlsx"),
])
def test_every_output_command_refuses_a_file_or_option_it_cannot_write_before_opening_the_database(
        tmp_path, capsys, args, words):
    """The extension decides the format for every output command, as for `report`: a workbook
    was written under out.txt. Options an export does not use were silently ignored. Both are
    refused before the database is opened (here it is not even a database)."""
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in args], "--db", not_a_database)
    assert code == 2 and words in err, err
    assert "not a BSCP Desktop database" not in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


BIG = "99999999999999999999"  # more than a database's largest id


@pytest.mark.parametrize("args,words", [
    (("report", "minutes", "--meeting", BIG, "-o", "m.pdf"), f"argument --meeting: no record has the id {BIG}"),
    (("report", "certificate", "--booking", BIG, "-o", "c.pdf"), f"argument --booking: {BIG} is larger than any"),
    (("export", "ics", "--series", BIG, "-o", "s.ics"), "argument --series:"),
    (("report", "s11-summary", "--cycle", BIG, "-o", "s.pdf"), "argument --cycle: no record has the id"),
    (("template", "s11", "--cycle", "1", "--agency", BIG, "-o", "t.xlsx"), "argument --agency: no record has the id"),
    (("template", "audit-return", "--audit", BIG, "--agency", "1", "-o", "t.xlsx"), "argument --audit:"),
    (("search", "--limit", BIG, "neglect"), "argument --limit:"),
    (("report", "minutes", "--meeting", "²", "-o", "m.pdf"), "argument --meeting: '²': write a record's number in the digits 0 to 9"),
    (("report", "case", "--id", "١٢", "-o", "c.pdf"), "argument --id: '١٢': write a record's number in the digits 0 to 9"),
    (("report", "s11-summary", "--cycle", "²", "-o", "s.pdf"), "argument --cycle: '²'"),
    (("export", "xlsx", "--partner", "²", "-o", "p.xlsx"), "argument --partner: '²'"),
    (("report", "certificate", "--booking", "²", "-o", "c.pdf"), "argument --booking: '²' is not a whole number"),
])
def test_a_number_no_record_can_have_is_refused_naming_its_option(tmp_path, capsys, args, words):
    """A number beyond what the database holds stopped with "unexpected error: Python int too
    large to convert to SQLite INTEGER", and a superscript or Arabic-Indic digit with "invalid
    literal for int()" (or was read as another number). Now refused before the database opens."""
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database")
    args = [str(tmp_path / a) if a.endswith((".pdf", ".ics", ".xlsx")) else a for a in args]
    code, _, err = run(capsys, *args, "--db", not_a_database)
    assert code == 2 and words in err and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.slow
def test_outputs_are_written_while_a_window_has_the_database_open(records, tmp_path, capsys):
    """`report` and `export` were refused ("already open in another BSCP Desktop window") while
    an officer had the file open; they read it query-only beside the window, as its own outputs do."""
    from bscp_desktop.db.database import Database

    path = records[0]
    with Database.open(path):  # the window's hold on the file
        code, _, err = run(capsys, "report", "agenda", "--db", path, "--meeting", "safeguarding children forum, 14 March 2024",
                           "-o", tmp_path / "agenda.pdf")
        assert code == 0, err
        code, _, err = run(capsys, "export", "xlsx", "--area", "meetings", "--db", path, "-o", tmp_path / "meetings.xlsx")
        assert code == 0, err
    assert "Neglect strategy" in pypdf.PdfReader(str(tmp_path / "agenda.pdf")).pages[0].extract_text()
    assert openpyxl.load_workbook(tmp_path / "meetings.xlsx").sheetnames[0] == "Meetings"


def test_a_calendar_file_of_a_meeting_and_a_series_at_once_is_refused_wherever_it_is_asked_for():
    """`export ics --meeting 1 --series 999` wrote the meeting and ignored the series."""
    from bscp_desktop.domain.validation import ValidationError

    ics = jobs.find("report", "ics")
    with pytest.raises(ValidationError, match="Give --meeting or --series, not both"):
        jobs.find_records(None, ics, {"meeting": 1, "series": 999})
    assert jobs.find_records(None, ics, {"series": "3"}) == {"series": 3}


@pytest.mark.parametrize("args", [
    ("finance", "--from", "1/4/23"),
    ("partner", "--organisation", "Brent Council", "--from", "1/4/23"),
    ("training-summary", "--from", "1/4/23"),
], ids=["finance", "partner", "training-summary"])
def test_a_period_without_its_last_day_names_to(tmp_path, empty_file, capsys, args):
    """The finance summary said "Enter the last day of the period." and the partner workbook
    "Give the last day the report covers.": the window's words, naming no option."""
    from tests.safety.helpers import one_organisation_file

    path = one_organisation_file(tmp_path / "records.sqlite3", empty_file)
    out = tmp_path / ("report.xlsx" if args[0] == "partner" else "report.pdf")
    code, _, err = run(capsys, "report", *args, "--db", path, "-o", out)
    assert code == 2 and "last day" in err and err.count("--to dd/mm/yyyy") == 1 and err.count("\n") == 1, err
    assert not out.exists()


@pytest.mark.parametrize("args,option", [
    (("export", "xlsx", "-o", ""), "-o/--output"),
    (("backup", "-o", " "), "-o/--output"),
    (("check", "--db", ""), "--db"),
    (("--db", "\t", "check"), "--db"),
    (("offline", "take", "--meeting", "1", "--to", " "), "--to"),
    (("restore", "  "), "BACKUP"),
])
def test_a_blank_file_name_is_refused_naming_its_option(tmp_path, capsys, monkeypatch, args, option):
    """A blank name was taken as the folder the command ran in ("… is a folder"), and `backup -o " "`
    wrote a database named with a space."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 2 and f"argument {option}: " in err and "is blank; give a file's name" in err, err
    assert err.count("\n") == 1 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "said"), [
    (["report", "minutes"], "Say which meeting: give its id, or its group and date, with --meeting"),
    (["report", "case"], "Say which case: give its reference or id with --id"),
    (["report", "certificate"], "Say whose certificate: give the booking's id with --booking ID"),
    (["export", "ics"], "Say which meeting (--meeting ID) or series (--series ID)"),
])
def test_a_report_without_its_record_is_refused_before_the_database_is_opened(args, said, tmp_path, capsys, monkeypatch):
    """Nothing is opened, upgraded or backed up for a command that cannot run (the file need not even exist)."""
    from bscp_desktop import cli
    from bscp_desktop.db.database import Database

    def opened(*_args, **_kwargs):
        raise AssertionError("the database was opened")

    monkeypatch.setattr(Database, "open", opened)
    monkeypatch.setattr(Database, "open_target", opened)
    suffix = ".ics" if args[1] == "ics" else ".pdf"
    assert cli.main([*args, "--db", str(tmp_path / "none.sqlite3"), "-o", str(tmp_path / f"out{suffix}")]) == 2
    assert said in capsys.readouterr().err
