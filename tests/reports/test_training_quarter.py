"""One quarter of bookings with a known answer, worked out by hand here, imported through the
command line and read back from the exported workbook and the summary PDF's text.

Quarter 1 of 2024/25 (April to June 2024), eight sessions:

    session                      places  attended  no-shows  cancelled (late)  waitlisted
    Neglect      08/04/2024 09:30    30        25         3            2 (1)            0
    Neglect      13/05/2024 09:30    30        24         2            3 (1)            0
    Domestic abuse 17/04/2024 10:00  25        18         4            2 (1)            0
    Domestic abuse 12/06/2024 10:00  25        20         3            1 (0)            0
    Exploitation 23/04/2024 13:00    30        22         2            3 (1)            0
    Briefing     07/05/2024 12:30    24        14         2            2 (1)            0
    Briefing     04/06/2024 12:30    24        24         0            1 (0)            3
    Briefing     25/06/2024 12:30    24         3         4            2 (1)            0
    total                           212       150        20           16 (6)           3

    bookings = 150 + 20 + 16 = 186 (the waiting list holds no place)
    take-up = 150 / 212 = 70.75%, shown as 71%
    attendance rate = 150 / 186 = 80.6%, shown as 81%
    no-show rate = 20 / 186 = 10.8%, shown as 11%
    cancellation rate = 16 / 186 = 8.6%, shown as 8.6%
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime, timedelta

import pypdf
import pytest
from openpyxl import load_workbook

from bscp_desktop.cli import main

SESSIONS = [
    ("Neglect: recognising and responding", datetime(2024, 4, 8, 9, 30), 30, 25, 3, 2, 1, 0),
    ("Neglect: recognising and responding", datetime(2024, 5, 13, 9, 30), 30, 24, 2, 3, 1, 0),
    ("Domestic abuse and coercive control", datetime(2024, 4, 17, 10, 0), 25, 18, 4, 2, 1, 0),
    ("Domestic abuse and coercive control", datetime(2024, 6, 12, 10, 0), 25, 20, 3, 1, 0, 0),
    ("Child exploitation", datetime(2024, 4, 23, 13, 0), 30, 22, 2, 3, 1, 0),
    ("Learning from cases briefing", datetime(2024, 5, 7, 12, 30), 24, 14, 2, 2, 1, 0),
    ("Learning from cases briefing", datetime(2024, 6, 4, 12, 30), 24, 24, 0, 1, 0, 3),
    ("Learning from cases briefing", datetime(2024, 6, 25, 12, 30), 24, 3, 4, 2, 1, 0),
]
ORGANISATIONS = ["Brent Council", "CNWL", "Kilburn Park School", "Sufra NW London"]


def _one_working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _rows() -> list[list[str]]:
    rows = []
    n = 0
    for course, start, places, attended, no_shows, cancelled, late, waiting in SESSIONS:
        outcomes = (["Attended"] * attended + ["No-show"] * no_shows + ["Cancelled"] * cancelled
                    + ["Waitlisted"] * waiting)
        late_left = late
        for outcome in outcomes:
            n += 1
            cancelled_on = ""
            if outcome == "Cancelled":
                when = _one_working_day_before(start.date()) if late_left else start.date() - timedelta(days=20)
                late_left -= 1 if late_left else 0
                cancelled_on = f"{when:%d/%m/%Y}"
            rows.append([course, f"{start:%d/%m/%Y %H:%M}", str(places), f"Delegate {n:03d}",
                         f"delegate{n:03d}@example.org", "Practitioner", ORGANISATIONS[n % 4],
                         f"{start.date() - timedelta(days=30):%d/%m/%Y}", outcome, cancelled_on])
    return rows


@pytest.mark.slow
def test_a_quarter_with_a_known_answer(db_file, tmp_path, capsys):
    db_path = db_file  # a new, empty database
    template = tmp_path / "template.csv"
    assert main(["template", "bookings", "-o", str(template)]) == 0
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig"))))
    bookings = tmp_path / "q1.csv"
    with open(bookings, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(_rows())
    assert main(["import", "bookings", str(bookings), "--db", str(db_path)]) == 0
    assert "189 rows; 189 added" in capsys.readouterr().out

    workbook = tmp_path / "training.xlsx"
    assert main(["export", "xlsx", "--area", "training", "--db", str(db_path), "-o", str(workbook)]) == 0
    wb = load_workbook(workbook)
    assert wb.sheetnames == ["Courses", "Sessions", "Bookings", "Evaluations", "Figures by course",
                             "Figures by organisation", "Charges"]
    sheet = wb["Figures by course"]
    header = [c.value for c in sheet[1]]
    total = {h: c for h, c in zip(header, sheet[sheet.max_row], strict=True)}
    assert total["Course"].value == "Total"
    assert total["Sessions run"].value == 8
    assert total["Places"].value == 212
    assert total["Bookings"].value == 186
    assert total["Attended"].value == 150
    assert total["No-shows"].value == 20
    assert total["Cancellations"].value == 16
    assert total["Late cancellations"].value == 6
    assert total["Waitlisted"].value == 3
    assert isinstance(total["Attended"].value, int)  # counts are numbers, not text
    assert abs(total["Take-up (attended / places)"].value - 150 / 212) < 1e-9
    assert total["Take-up (attended / places)"].number_format == "0.0%"
    assert abs(total["Attendance rate (attended / bookings)"].value - 150 / 186) < 1e-9
    neglect = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Neglect: recognising and responding")
    assert neglect[header.index("Places")] == 60 and neglect[header.index("Attended")] == 49
    orgs = wb["Figures by organisation"]
    org_total = [c.value for c in orgs[orgs.max_row]]
    org_header = [c.value for c in orgs[1]]
    assert org_total[0] == "Total" and org_total[org_header.index("Attended")] == 150
    assert sum(r[org_header.index("Attended")] for r in orgs.iter_rows(min_row=2, max_row=orgs.max_row - 2,
                                                                        values_only=True)) == 150
    # the Total stands after a blank row, outside the filter: sorting leaves it last
    assert all(c.value is None for c in orgs[orgs.max_row - 1])
    assert orgs.auto_filter.ref.endswith(str(orgs.max_row - 2)) and sheet.auto_filter.ref.endswith(str(sheet.max_row - 2))

    pdf = tmp_path / "summary.pdf"
    assert main(["report", "training-summary", "--from", "01/04/2024", "--to", "30/06/2024", "--db", str(db_path),
                 "-o", str(pdf)]) == 0
    text = " ".join(unicodedata.normalize("NFKC", p.extract_text()) for p in pypdf.PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "71% (150 of 212)" in text  # take-up
    assert "81% (150 of 186)" in text  # attendance rate
    assert "11% (20 of 186)" in text  # no-show rate
    assert "8.6% (16 of 186)" in text  # cancellation rate
    assert "Places 212" in text and "Bookings 186" in text and "Attended 150" in text
    assert "compared with 1 Jan 2024 to 31 Mar 2024" in text
    assert "Attendance by course topic" in text and "Attendance by organisation" in text
