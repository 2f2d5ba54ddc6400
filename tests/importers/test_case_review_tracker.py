"""Importing the team's tracker: ten cases over the financial year 2023/24 with answers worked
out by hand, read back from the summary workbook and the summary PDF."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import AgeBand, Decision, IncidentType, Outcome
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportFileError, ImportRejected, run_import, template_columns, write_template
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

COLUMNS = [
    "Reference", "Alias", "Sex", "Age band", "Incident type", "Harm", "Looked after", "Incident date",
    "Became aware", "Considered on", "Outcome", "Notification sent", "Rapid review sent", "Decision",
    "Decision date", "Final report", "Sent to Panel and Secretary of State", "Published", "Closed", "Themes",
]
TEMPLATE_COLUMNS = [  # the columns the template began with keep their places; the other steps' dates follow
    *COLUMNS, "Safeguarding partners told", "Secretary of State and Ofsted told", "Rapid review meeting",
    "Panel response", "Terms of reference agreed", "Draft report", "Planned publication",
    # then the rest of what the program's own tracker (its Cases sheet) shows
    "Case Review Group recommended", "Panel's view", "Agencies involved", "Reason for delay", "Panel told of the delay",
    "Reason not published",
]
#: The tracker's columns: a review published after its due date records the reason for the delay.
TRACKER_COLUMNS = [*COLUMNS, "Reason for delay"]

# Bank holidays that matter here: 7 and 10 April, 1, 8 and 29 May, 28 August, 25 and 26 December
# 2023, 1 January and 29 March 2024.
TRACKER = [
    # A: notified on time (due Thu 13 Apr: Good Friday and Easter Monday skipped); rapid review due
    # Wed 3 May (1 May skipped), sent 28 Apr: on time
    ["CR-01", "Child A", "Female", "Under 1 year", "Serious harm", "Abuse", "No", "03/04/2023", "04/04/2023",
     "06/04/2023", "Notified", "11/04/2023", "28/04/2023", "No LCSPR", "28/04/2023", "", "", "", "30/06/2023",
     "Abusive head trauma; Neglect"],
    # B: considered, not notifiable: closed with no clocks
    ["CR-02", "Child B", "Male", "14 to 15 years", "Serious harm", "Neglect", "No", "", "12/05/2023",
     "15/05/2023", "Not notifiable", "", "", "", "", "", "", "", "", "Neglect"],
    # C: notification due Mon 12 Jun, sent Wed 14 Jun: 2 working days late; rapid review due Wed 5 Jul,
    # sent 3 Jul; LCSPR decided 10 Jul (publication due 10 Jan 2024); sent to the Panel 20 Dec, due
    # Fri 29 Dec (7 working days before 10 Jan, 1 Jan skipped); published 10 Jan: both on time
    ["CR-03", "Child C", "Female", "16 to 17 years", "Death", "Both", "No", "02/06/2023", "05/06/2023",
     "08/06/2023", "Notified", "14/06/2023", "03/07/2023", "LCSPR", "10/07/2023", "01/12/2023", "20/12/2023",
     "10/01/2024", "", "Suicide and self-harm; Parental mental health"],
    # D: notified on time (due Mon 10 Jul); rapid review due Fri 28 Jul, sent Wed 9 Aug: 8 working days late
    ["CR-04", "Child D", "Male", "5 to 9 years", "Serious harm", "Abuse", "No", "", "03/07/2023", "06/07/2023",
     "Notified", "07/07/2023", "09/08/2023", "No LCSPR", "09/08/2023", "", "", "", "", "Domestic abuse"],
    # E: notified on its due date (Mon 21 Aug); rapid review due Tue 12 Sep (28 Aug skipped), sent Fri 15
    # Sep: 3 working days late; the Panel takes a national review
    ["CR-05", "Child E", "Not known", "1 to 4 years", "Serious harm", "Neglect", "No", "", "14/08/2023",
     "17/08/2023", "Notified", "21/08/2023", "15/09/2023", "National review", "15/09/2023", "", "", "",
     "31/10/2023", "Neglect; Domestic abuse"],
    # F: not notifiable, closed the day it was considered
    ["CR-06", "Child F", "Female", "10 to 13 years", "Serious harm", "Other", "No", "", "02/10/2023", "05/10/2023",
     "Not notifiable", "", "", "", "", "", "", "", "", "Exploitation"],
    # G: notified and rapid review on time (due Mon 13 Nov and Fri 1 Dec); LCSPR decided 11 Dec 2023:
    # publication not due until 11 Jun 2024
    ["CR-07", "Child G", "Male", "Under 1 year", "Death", "Abuse", "No", "05/11/2023", "06/11/2023", "09/11/2023",
     "Notified", "10/11/2023", "01/12/2023", "LCSPR", "11/12/2023", "", "", "", "", "Abusive head trauma"],
    # H: notification due Mon 15 Jan 2024, sent Fri 19 Jan: 4 working days late; rapid review due Fri 9 Feb,
    # not sent by 31 March: overdue
    ["CR-08", "Child H", "Female", "14 to 15 years", "Serious harm", "Both", "No", "", "08/01/2024", "11/01/2024",
     "Notified", "19/01/2024", "", "", "", "", "", "", "", "Exploitation; Neglect"],
    # I: considered on 7 Mar 2024, not decided yet: notification due Mon 11 Mar, overdue on 31 March
    ["CR-09", "Child I", "Not known", "", "Serious harm", "", "No", "", "04/03/2024", "07/03/2024", "", "", "",
     "", "", "", "", "", "", ""],
    # J: considered in 2022/23; LCSPR published 2 Oct 2023, due 3 Aug: 41 working days late, the reason for
    # the delay recorded; its report sent 20 Sep, due Thu 21 Sep (7 working days before 2 Oct): on time
    ["CR-10", "Child J", "Male", "16 to 17 years", "Serious harm", "Abuse", "No", "", "10/01/2023", "12/01/2023",
     "Notified", "16/01/2023", "03/02/2023", "LCSPR", "03/02/2023", "01/06/2023", "20/09/2023", "02/10/2023",
     "15/12/2023", "Exploitation", "Criminal proceedings"],
]

FY_FROM, FY_TO = date(2023, 4, 1), date(2024, 3, 31)

EXPECTED_HEADLINES = {
    "Cases considered": 9,  # A to I; J was considered in 2022/23
    "Notifications sent": 6,  # A, C, D, E, G, H
    "Rapid reviews completed": 5,  # A, C, D, E, G
    "Local reviews started": 2,  # C and G
    "Local reviews published": 2,  # C and J
}
# clock: (met on time, met late, average working days late, overdue at the end of the period)
EXPECTED_TIMELINESS = {
    "Serious incident notification to the Panel": (4, 2, 3, 1),  # late: C 2, H 4; overdue: I
    # no case records telling the partners: open on C, D, G, H and I; stopped on closed A, E and J
    "Safeguarding partners told": (0, 0, 0, 5),
    "Rapid review sent to the Panel": (3, 2, 5.5, 1),  # late: D 8, E 3; overdue: H
    "LCSPR published": (1, 1, 41, 0),  # C on time, J 41 late; G not yet due
    "LCSPR report and improvement plan sent to the Panel and Secretary of State": (2, 0, 0, 0),
}
EXPECTED_BREAKDOWN = {
    "Incident type: Death": 2, "Incident type: Serious harm": 7,
    "Harm: Abuse": 3, "Harm: Neglect": 2, "Harm: Both": 2, "Harm: Other": 1, "Harm: Not recorded": 1,
    "Sex: Female": 4, "Sex: Male": 3, "Sex: Not known": 2,
    "Age band: Under 1 year": 2, "Age band: 1 to 4 years": 1, "Age band: 5 to 9 years": 1,
    "Age band: 10 to 13 years": 1, "Age band: 14 to 15 years": 2, "Age band: 16 to 17 years": 1,
    "Age band: 18 and over (care leaver)": 0, "Age band: Not recorded": 1,
    "Theme: Neglect": 4, "Theme: Abusive head trauma": 2, "Theme: Domestic abuse": 2, "Theme: Exploitation": 2,
    "Theme: Suicide and self-harm": 1, "Theme: Parental mental health": 1,
    "Outcome: Notified": 6, "Outcome: Not notifiable": 2, "Outcome: Not decided yet": 1,
}


def write_csv(path: Path, rows, columns=TRACKER_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows) -> Path:
    """The same tracker as Excel, with real date cells where the CSV has dd/mm/yyyy."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(TRACKER_COLUMNS)
    for row in rows:
        cells = []
        for value in row:
            try:
                cells.append(datetime.strptime(value, "%d/%m/%Y"))
            except ValueError:
                cells.append(value or None)
        ws.append(cells)
    wb.save(path)
    return path


@pytest.fixture
def imported(db, tmp_path):
    report = run_import(db, "case-reviews", write_xlsx(tmp_path / "tracker.xlsx", TRACKER))
    assert (report.added, report.updated, report.bad_rows) == (10, 0, [])
    return db


def test_template_has_the_columns_in_order(tmp_path):
    assert template_columns("case-reviews") == TEMPLATE_COLUMNS
    assert TEMPLATE_COLUMNS[:len(COLUMNS)] == COLUMNS  # every earlier column keeps its name and place
    out = write_template("case-reviews", tmp_path / "t.csv")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(TEMPLATE_COLUMNS)
    wb = load_workbook(write_template("case-reviews", tmp_path / "t.xlsx"))
    assert [c.value for c in wb.worksheets[0][1]] == TEMPLATE_COLUMNS


def test_imported_cases_keep_every_value(imported):
    cases = {c.reference: c for c in cr.list_case_reviews(imported)}
    assert sorted(cases) == [f"CR-{n:02d}" for n in range(1, 11)]
    c = cases["CR-03"]
    assert (c.alias, c.incident_type, c.decision, c.outcome) == ("Child C", IncidentType.DEATH, Decision.LCSPR, Outcome.NOTIFIED)
    assert (c.sent_to_panel_sos, c.published) == (date(2023, 12, 20), date(2024, 1, 10))
    assert c.themes == ("Suicide and self-harm", "Parental mental health")
    assert cases["CR-02"].closed == date(2023, 5, 15)  # not notifiable: closed when considered
    assert cases["CR-09"].age_band is None and cases["CR-09"].outcome is None


def test_summary_workbook_gives_the_hand_worked_answers(imported, tmp_path):
    path = jobs.write_report(imported, "case-summary", tmp_path / "summary.xlsx", date_from=FY_FROM,
                             date_to=FY_TO, xlsx=True)
    wb = load_workbook(path)
    sheet = wb["Summary"]
    figures = {row[0]: row[1] for row in sheet.iter_rows(min_row=1, values_only=True) if row[0]}
    for label, number in EXPECTED_HEADLINES.items():
        assert figures[label] == number, label
        assert isinstance(figures[label], int)
    for clock, (on_time, late, average, overdue) in EXPECTED_TIMELINESS.items():
        assert figures[f"{clock}: met on time"] == on_time, clock
        assert figures[f"{clock}: met late"] == late, clock
        # an average of nothing late is left empty, as the Timeliness sheet leaves it
        assert figures[f"{clock}: average working days late"] == (average if late else None), clock
        assert figures[f"{clock}: overdue at the end of the period"] == overdue, clock
    for label, number in EXPECTED_BREAKDOWN.items():
        assert figures[label] == number, label
    shares = {row[0]: row[2] for row in sheet.iter_rows(min_row=1, values_only=True) if row[0]}
    assert shares["Theme: Neglect"] == pytest.approx(4 / 9, abs=0.001)  # beside its count, as a percentage
    neglect = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Theme: Neglect")
    assert neglect[2].number_format == "0.0%" and neglect[1].number_format != "0.0%"
    assert [row[0] for row in sheet.iter_rows(min_row=2, max_row=6, values_only=True)] == list(EXPECTED_HEADLINES)


@pytest.mark.slow
def test_summary_pdf_gives_the_same_answers(imported, tmp_path):
    path = jobs.write_report(imported, "case-summary", tmp_path / "summary.pdf", date_from=FY_FROM, date_to=FY_TO)
    reader = PdfReader(str(path))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "OFFICIAL-SENSITIVE" in text
    assert "1 Apr 2023 to 31 Mar 2024" in text
    for label, number in EXPECTED_HEADLINES.items():
        assert f"{label} {number}" in text, label
    assert "working days" in text
    assert "Serious incident notification to the Panel 4 2 3 1" in text
    assert "Rapid review sent to the Panel 3 2 5.5 1" in text
    assert "LCSPR published 1 1 41 0" in text
    assert "Neglect 4 44%" in text


@pytest.mark.slow
def test_reimport_changes_nothing_and_a_dry_run_writes_nothing(imported, tmp_path):
    path = write_csv(tmp_path / "again.csv", TRACKER)
    report = run_import(imported, "case-reviews", path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 10)
    changed = [row[:] for row in TRACKER]
    changed[7][12] = "12/02/2024"  # H's rapid review sent
    changed.append(["", "Child K", "", "", "Serious harm", "", "", "", "25/03/2024", "", "", "", "", "", "", "", "",
                    "", "", ""])
    dry = run_import(imported, "case-reviews", write_csv(tmp_path / "changed.csv", changed), dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged) == (1, 1, 9)
    assert len(cr.list_case_reviews(imported)) == 10
    assert cr.list_case_reviews(imported)[-1].alias != "Child K"
    done = run_import(imported, "case-reviews", tmp_path / "changed.csv")
    assert (done.added, done.updated) == (1, 1)
    new = next(c for c in cr.list_case_reviews(imported) if c.alias == "Child K")
    assert new.reference == "BSCP-2024-01"


def test_bad_rows_are_all_reported_and_nothing_is_imported(db, tmp_path):
    rows = [
        TRACKER[0],
        # notification before becoming aware: both dates named
        ["CR-20", "Child X", "", "", "Serious harm", "", "", "", "10/05/2023", "", "", "05/05/2023", "", "", "", "",
         "", "", "", ""],
        ["CR-21", "Child Y", "Boy", "", "Injury", "", "Maybe", "", "31/02/2024", "", "", "", "", "", "", "", "", "",
         "", ""],
        ["CR-22", "Child Z", "", "", "Death", "", "", "", "01/03/2024", "05/03/2024", "Not notifiable", "06/03/2024",
         "", "", "", "", "", "", "", ""],
        ["CR-01", "Child W", "", "", "Death", "", "", "", "01/03/2024", "", "", "", "", "", "", "", "", "", "", ""],
        # sent to the Panel after publication
        ["CR-23", "Child V", "", "", "Death", "", "", "", "01/02/2023", "", "Notified", "03/02/2023", "", "LCSPR",
         "20/02/2023", "", "10/09/2023", "01/09/2023", "", ""],
    ]
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", write_csv(tmp_path / "bad.csv", rows))
    bad = caught.value.report.bad_rows
    assert len(bad) == 5
    assert bad[0].startswith("Row 3:") and "05/05/2023" in bad[0] and "10/05/2023" in bad[0]
    assert bad[1].startswith("Row 4:") and "Sex 'Boy'" in bad[1] and "Incident type 'Injury'" in bad[1]
    assert "Looked after 'Maybe'" in bad[1] and "'31/02/2024' is not a date" in bad[1]
    assert bad[2].startswith("Row 5:") and "only for a notified case" in bad[2]
    assert bad[3].startswith("Row 6:") and "Repeats row 2" in bad[3]
    assert bad[4].startswith("Row 7:") and "10/09/2023" in bad[4] and "01/09/2023" in bad[4]
    assert cr.list_case_reviews(db) == []



def test_a_title_above_the_headings_is_named_not_read_as_an_empty_file(db, tmp_path):
    wb = Workbook()
    wb.active.append(["Case review tracker, exported 01/04/2024"])
    wb.active.append(COLUMNS)
    wb.active.append(TRACKER[0])
    wb.save(tmp_path / "titled.xlsx")
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "case-reviews", tmp_path / "titled.xlsx")
    assert str(caught.value) == (
        "titled.xlsx has none of the columns this import reads. Its first row should name the columns ("
        + ", ".join(TEMPLATE_COLUMNS) + "); row 1 holds: Case review tracker, exported 01/04/2024."
    )
    assert cr.list_case_reviews(db) == []

def test_a_reference_the_file_gives_is_kept_for_its_row_and_new_cases_are_numbered_after_it(db, tmp_path):
    rows = [["", "Child P", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11,
            ["", "Child Q", "", "", "Serious harm", "", "", "", "02/03/2024"] + [""] * 11,
            ["bscp-2024-02", "Child R", "", "", "Serious harm", "", "", "", "03/03/2024"] + [""] * 11]
    assert run_import(db, "case-reviews", write_csv(tmp_path / "refs.csv", rows)).added == 3
    assert {c.alias: c.reference for c in cr.list_case_reviews(db)} == {
        "Child P": "BSCP-2024-03", "Child Q": "BSCP-2024-04", "Child R": "bscp-2024-02"}


def test_dry_run_warns_of_real_names_where_an_alias_belongs(db, tmp_path):
    rows = [["", "Mary Smith", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11,
            ["", "Child B", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11]
    report = run_import(db, "case-reviews", write_csv(tmp_path / "names.csv", rows), dry_run=True)
    warnings = [n for n in report.notes if "looks like a real name" in n]
    assert len(warnings) == 1 and warnings[0].startswith("Row 2:") and "Mary Smith" in warnings[0]
    assert cr.list_case_reviews(db) == []


def test_an_organisations_short_name_in_an_alias_is_not_warned_of_as_a_surname(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("London North West University Healthcare NHS Trust",
                                                     OrganisationKind.RELEVANT_AGENCY, "LNWUH"))
    rows = [["", "Referral LNWUH", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11,
            ["", "Referral Smith", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11]
    report = run_import(db, "case-reviews", write_csv(tmp_path / "short.csv", rows), dry_run=True)
    warnings = [n for n in report.notes if "looks like a real name" in n]
    assert len(warnings) == 1 and warnings[0].startswith("Row 3:") and "Referral Smith" in warnings[0]


@pytest.mark.slow  # the program in new processes; the tests above cover the import itself
def test_command_line_import_dry_run_and_summary(tmp_path):
    db_path = tmp_path / "cli.sqlite3"
    source = write_csv(tmp_path / "tracker.csv", TRACKER)

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "bscp_desktop", *args], capture_output=True, text=True,
                              timeout=300)

    from bscp_desktop.db.database import Database

    Database.open(db_path, create=True).close()
    dry = cli("import", "case-reviews", str(source), "--db", str(db_path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would add 10" in dry.stdout
    done = cli("import", "case-reviews", str(source), "--db", str(db_path))
    assert done.returncode == 0 and "10 added" in done.stdout
    out = tmp_path / "summary.xlsx"
    made = cli("report", "case-summary", "--from", "01/04/2023", "--to", "31/03/2024", "--db", str(db_path),
               "-o", str(out), "--xlsx")
    assert made.returncode == 0, made.stderr
    figures = {r[0]: r[1] for r in load_workbook(out)["Summary"].iter_rows(values_only=True)}
    assert figures["Cases considered"] == 9 and figures["Local reviews published"] == 2
    template = cli("template", "case-reviews", "-o", str(tmp_path / "blank.csv"))
    assert template.returncode == 0
    bad = cli("report", "case-summary", "--from", "31/03/2024", "--to", "01/04/2023", "--db", str(db_path),
              "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@pytest.mark.parametrize("text, band", [
    ("16-17", AgeBand.AGE_16_TO_17), ("14–15", AgeBand.AGE_14_TO_15), ("1 - 4", AgeBand.AGE_1_TO_4),
    ("Under 1", AgeBand.UNDER_1), ("18+", AgeBand.AGE_18_PLUS), ("10 to 13 years", AgeBand.AGE_10_TO_13),
])
def test_age_bands_as_trackers_write_them(text, band):
    from bscp_desktop.importers.case_reviews import parse_choice

    assert parse_choice("age_band", text) is band


def test_the_programs_own_tracker_workbook_imports_back_unchanged(imported, tmp_path):
    """The Cases sheet lists a case's themes as the import reads them: nothing is merged."""
    jobs.load_all()
    before = {c.reference: c.themes for c in cr.list_case_reviews(imported)}
    path = jobs.XLSX_AREAS["case-reviews"].run(imported, tmp_path / "tracker.xlsx")
    report = run_import(imported, "case-reviews", path)
    assert (report.added, report.updated, report.bad_rows) == (0, 0, [])
    assert {c.reference: c.themes for c in cr.list_case_reviews(imported)} == before


def test_themes_a_tracker_lists_with_commas_are_split_only_where_each_is_a_known_theme(imported, tmp_path):
    rows = [row[:] for row in TRACKER]
    rows[1][19] = "Neglect, Domestic abuse"  # both known: two themes
    rows[5][19] = "Exploitation, criminal and sexual\nNeglect"  # one new theme holding a comma, and another
    run_import(imported, "case-reviews", write_csv(tmp_path / "commas.csv", rows))
    cases = {c.reference: c.themes for c in cr.list_case_reviews(imported)}
    assert cases["CR-02"] == ("Neglect", "Domestic abuse")
    assert cases["CR-06"] == ("Exploitation, criminal and sexual", "Neglect")


def test_a_tracker_without_references_imports_again_matched_by_alias(db, tmp_path):
    columns = COLUMNS[1:]  # the team's own tracker: no Reference column
    rows = [["Child P", "", "", "Serious harm", "", "", "", "01/03/2024"] + [""] * 11,
            ["Child Q", "", "", "Death", "", "", "", "02/03/2024"] + [""] * 11]
    path = write_csv(tmp_path / "ours.csv", rows, columns)
    assert run_import(db, "case-reviews", path).added == 2
    again = run_import(db, "case-reviews", path)
    assert (again.added, again.updated, again.unchanged, again.bad_rows) == (0, 0, 2, [])
    changed = [row[:] for row in rows]
    changed[0][0] = "  child   p "  # case and spacing do not matter
    changed[0][8] = "04/03/2024"  # considered on
    report = run_import(db, "case-reviews", write_csv(tmp_path / "changed.csv", changed, columns))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    cases = {c.alias: c for c in cr.list_case_reviews(db)}
    assert len(cases) == 2 and cases["Child P"].considered_on == date(2024, 3, 4)
    # a row naming a case by Reference and another by its alias are the same case
    both = write_csv(tmp_path / "both.csv", [[cases["Child P"].reference, "Child P"], ["", "Child P"]], ["Reference", "Alias"])
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", both)
    assert caught.value.report.bad_rows == [f"Row 3: Repeats row 2 (the same case {cases['Child P'].reference})."]
    # an alias only an archived case has is a bad row, not a second case
    cr.archive_case_review(db, cases["Child Q"].id)
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", path)
    assert caught.value.report.bad_rows == [
        f"Row 3: Case {cases['Child Q'].reference} (Child Q) is archived: restore it in the Case reviews tab first."]
    assert len(cr.list_case_reviews(db, include_archived=True)) == 2
