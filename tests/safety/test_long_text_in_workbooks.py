"""Point 9 of data safety: text longer than an Excel cell continues on the rows below, marked,
never cut."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from bscp_desktop.reports.xlsx import CONTINUED, MAX_CELL_CHARS, Column, WorkbookBuilder, split_long_text


def _excel_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _joined(pieces):
    return pieces[0] + "".join(p[len(CONTINUED):] for p in pieces[1:])


def test_long_text_splits_into_cells_that_fit_and_join_back():
    text = ("Żółć Nguyễn said 🙂 the plan works. " * 4000) + "The end."
    pieces = split_long_text(text)
    assert len(pieces) > 1 and all(_excel_len(p) <= MAX_CELL_CHARS for p in pieces)
    assert all(p.startswith(CONTINUED) for p in pieces[1:])
    assert _joined(pieces) == text
    assert split_long_text("short") == ["short"]


def test_a_workbook_row_with_long_text_continues_on_the_rows_below(tmp_path):
    minutes = "".join(f"Paragraph {i}: the partnership agreed the next steps.\n" for i in range(2500))
    assert len(minutes) > 2 * MAX_CELL_CHARS
    wb = WorkbookBuilder("Minutes")
    wb.add_sheet("Agenda items", [Column("Meeting date", "date"), Column("Title"), Column("Minutes allotted", "int"),
                                  Column("Minutes")],
                 [[datetime(2024, 5, 1), "Neglect strategy", 20, minutes], [datetime(2024, 5, 1), "AOB", 5, "None."]])
    out = wb.save(tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(out)["Agenda items"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    pieces = [r[3] for r in rows[:-1]]
    assert len(rows) == 1 + len(pieces) and rows[-1][1] == "AOB"
    assert _joined(pieces) == minutes
    assert all(_excel_len(p) <= MAX_CELL_CHARS for p in pieces)
    for r in rows[1:-1]:
        assert r[1] == "Neglect strategy" and r[2] is None  # text repeats, numbers are not counted twice


@pytest.mark.slow
def test_long_minutes_reach_the_meetings_workbook_whole(tmp_path):
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import memberships as ms
    from tests.safety.helpers import cli

    path = tmp_path / "bscp.sqlite3"
    minutes = "".join(f"{i}. Zoë Adébáyọ̀ reported on item {i}; agreed 🙂\n" for i in range(2000))
    assert len(minutes) > 2 * MAX_CELL_CHARS
    with Database.open(path) as db:
        group = ms.create_group(db, ms.GroupFields("Executive", tier=1))
        meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Executive", datetime(2024, 5, 1, 10, 0)))
        item = mt.add_agenda_item(db, meeting.id, mt.AgendaItemFields("Neglect strategy", minutes_allotted=20))
        mt.save_item_minutes(db, item.id, minutes)
    out = tmp_path / "meetings.xlsx"
    result = cli("export", "xlsx", "--area", "meetings", "--db", path, "-o", out)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Agenda items"]
    header = [c.value for c in sheet[1]]
    column = header.index("Minutes")
    pieces = [r[column] for r in sheet.iter_rows(min_row=2, values_only=True) if r[column]]
    assert len(pieces) > 2 and _joined(pieces) == minutes
