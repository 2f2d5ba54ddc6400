"""Import and export from the command line, run as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.services import memberships as ms

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if data_dir is not None:
        env["BSCP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "bscp_desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=180, env=env, cwd=ROOT,
    )


def refused(result, lines_expected: int = 1) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == lines_expected, result.stderr
    return lines


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "cli.sqlite3"
    Database.open(path).close()
    return path


def test_import_organisations_then_people_then_export(empty_db, tmp_path):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Name;Short name;Kind\nBrent Council;LBB;local authority\nØrsted Trust;;voluntary\n", encoding="utf-8-sig")
    people = tmp_path / "people.csv"
    people.write_text(
        "Name,Organisation,Email,Job title\n"
        "Żółć,LBB,zolc@brent.gov.uk,=HYPERLINK(\"http://x\")\n"
        "Çelik,Ørsted Trust,,+1\n",
        encoding="utf-8",
    )
    result = cli("import", "organisations", orgs, "--db", empty_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Imported organisations from orgs.csv: 2 rows; 2 added, 0 updated, 0 unchanged."

    dry = cli("import", "people", people, "--db", empty_db, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run, nothing changed" in dry.stdout and "would add 2" in dry.stdout
    with Database.open(empty_db) as db:
        assert ms.list_people(db) == []

    result = cli("import", "people", people, "--db", empty_db)
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    again = cli("import", "people", people, "--db", empty_db)
    assert "0 added, 0 updated, 2 unchanged" in again.stdout

    out = tmp_path / "memberships.xlsx"
    result = cli("export", "xlsx", "--db", empty_db, "--area", "memberships", "-o", out)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Organisations", "People", "Groups", "Memberships", "Confidentiality agreements"]
    rows = {r[0].value: r for r in wb["People"].iter_rows(min_row=2)}
    assert set(rows) == {"Żółć", "Çelik"}
    assert rows["Żółć"][1].value == '=HYPERLINK("http://x")' and rows["Żółć"][1].data_type == "s"
    assert rows["Çelik"][2].value == "Ørsted Trust"


def test_every_write_appears_in_the_history_export(empty_db, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("Name,Email,Phone\nÓ Súilleabháin,os@example.org,0123\n", encoding="utf-8")
    assert cli("import", "people", people, "--db", empty_db).returncode == 0
    people.write_text("Name,Email,Phone\nÓ Súilleabháin,os@example.org,0456\n", encoding="utf-8")
    assert cli("import", "people", people, "--db", empty_db).returncode == 0
    with Database.open(empty_db) as db:
        person = ms.list_people(db)[0]
        group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
        ms.archive_person(db, person.id)

    out = tmp_path / "history.xlsx"
    result = cli("export", "xlsx", "--db", empty_db, "--area", "history", "-o", out)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Change history"]
    sheet = wb["Change history"]
    assert [c.value for c in sheet[1]] == [
        "When", "Who", "Table", "Record", "Action", "Field", "Old value", "New value",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    record = f"Ó Súilleabháin (#{person.id})"
    facts = {(r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows}
    assert ("Person", record, "Added", "Name", None, "Ó Súilleabháin") in facts
    assert ("Person", record, "Added", "Phone", None, "0123") in facts
    assert ("Person", record, "Changed", "Phone", "0123", "0456") in facts
    assert ("Group", f"Case Review Group (#{group.id})", "Added", "Needs agreement", None, "yes") in facts
    archived = [r for r in rows if r[4] == "Archived"]
    assert len(archived) == 1 and archived[0][3] == record and archived[0][6] is None and archived[0][7]
    assert all(r[0] is not None and r[1] for r in rows)  # when and who on every row


def test_bad_rows_print_every_row_and_import_nothing(empty_db, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("Name,Email\nGood,good@example.org\nBad,x\n,blank@example.org\n", encoding="utf-8")
    result = cli("import", "people", people, "--db", empty_db)
    lines = refused(result, lines_expected=3)
    assert lines[0].startswith("bscp-desktop: Nothing imported from people.csv: 2 of 3 rows have problems")
    assert lines[1].strip().startswith("Row 3: Email 'x' is not a valid email address")
    assert lines[2].strip() == "Row 4: Name is required."
    with Database.open(empty_db) as db:
        assert ms.list_people(db) == []


@pytest.mark.parametrize(
    "args,words",
    [
        (("import", "people", "{tmp}/nothere.csv"), "There is no file at"),
        (("import", "pets", "{tmp}/people.csv"), "invalid choice: 'pets'"),
        (("import", "people", "{tmp}/people.pdf"), "cannot be imported"),
        (("export", "xlsx", "--area", "nonsense", "-o", "{tmp}/x.xlsx"), "There is no workbook called 'nonsense'"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(empty_db, tmp_path, args, words):
    (tmp_path / "people.pdf").write_bytes(b"%PDF-1.7")
    args = [a.format(tmp=tmp_path) for a in args]
    (line,) = refused(cli(*args, "--db", empty_db))
    assert words in line


def test_template_command(tmp_path):
    out = tmp_path / "people.xlsx"
    result = cli("template", "people", "-o", out)
    assert result.returncode == 0, result.stderr
    assert [c.value for c in load_workbook(out)["People"][1]] == [
        "Name", "Job title", "Organisation", "Email", "Phone", "Notes",
    ]
    (line,) = refused(cli("template", "people", "-o", tmp_path / "people.ods"))
    assert ".csv or .xlsx" in line


def test_export_without_area_writes_everything_in_one_workbook(empty_db, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("Name,Notes\nØrsted,@SUM(A1)\n", encoding="utf-8")
    assert cli("import", "people", people, "--db", empty_db).returncode == 0
    out = tmp_path / "all.xlsx"
    result = cli("export", "xlsx", "--db", empty_db, "-o", out)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert {"People", "Memberships", "Change history"} <= set(wb.sheetnames)
    assert wb.sheetnames[-1] == "Change history"
    row = [c for c in wb["People"][2]]
    assert row[0].value == "Ørsted" and row[5].value == "@SUM(A1)" and row[5].data_type == "s"
    assert wb.properties.keywords == "OFFICIAL-SENSITIVE"  # it holds the change history


FULL_DISK = """
import errno, io, os, sys

class NoRoom(io.FileIO):  # the disk fills up after 2,000 bytes of the output
    def write(self, data):
        if self.tell() + len(data) > 2000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)

os.fdopen = lambda fd, mode="r", *a, **k: io.BufferedWriter(NoRoom(fd, "wb"))
from bscp_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("args", [
    ["export", "xlsx"],
    ["report", "training-summary", "--from", "1/4/2023", "--to", "31/3/2024"],
])
def test_an_output_to_a_full_disk_is_one_sentence_and_the_old_file_is_kept(empty_db, tmp_path, args):
    """It was "[Errno 28] No space left on device." then, for a workbook, its zip archive's
    traceback as the program ended ("seek of closed file")."""
    out = tmp_path / "outputs" / ("all.xlsx" if args[0] == "export" else "training.pdf")
    out.parent.mkdir()
    out.write_bytes(b"the earlier one")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", FULL_DISK, *args, "--db", str(empty_db), "-o", str(out)],
                            capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    (line,) = refused(result)
    assert line == (f"bscp-desktop: The folder {out.parent} is full (no space is left on its disk), so {out.name} "
                    "could not be written there; free some space on its disk and try again (nothing was changed).")
    assert out.read_bytes() == b"the earlier one" and [p.name for p in out.parent.iterdir()] == [out.name]
