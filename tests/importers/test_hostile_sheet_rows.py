"""Workbooks that show one thing and hold another: rows hidden by hand or by a filter, a number
merged over two rows, a sheet whose name has a space after it, and Excel's 29/02/1900."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.tabular import CellProblem, FieldSpec, read_rows, read_table
from bscp_desktop.services import finance as fin

EXPENDITURE = ["Date", "Category", "Payee", "Description", "Amount"]
HIDDEN = ("This row is hidden in the workbook (hidden by hand, filtered out or in a collapsed group): show it, "
          "or delete the rows you do not want imported, then import again.")
LEAP_DAY = ("holds 29/02/1900, which is not a real date (Excel's 1900 leap-year error): enter the date meant, "
            "then import again.")


def workbook(path: Path, rows: list[list], merge: tuple[str, ...] = (), hidden: tuple[int, ...] = (),
             title: str = "Expenditure") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    for number in hidden:
        ws.row_dimensions[number].hidden = True
    wb.save(path)
    return path


def spent(day: int, category: str, amount) -> list:
    return [datetime(2024, 5, day), category, "Venue Ltd", f"Forum {day}", amount]


# ------------------------------------------------------------------ hidden rows


@pytest.mark.slow
def test_rows_a_filter_hides_are_refused_each_by_number_and_nothing_is_saved(db, tmp_path):
    """An export filtered to the events spending: the rows filtered out would come in unseen."""
    rows = [EXPENDITURE, spent(1, "Events", 100), spent(2, "Practice reviews", 200), spent(3, "Events", 300),
            spent(4, "Practice reviews", 400)]
    path = tmp_path / "filtered.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    ws.auto_filter.ref = "A1:E5"
    ws.auto_filter.add_filter_column(1, ["Events"])
    for number in (3, 5, 7):  # row 7 is blank: nothing to import in it, so nothing to say
        ws.row_dimensions[number].hidden = True
    wb.save(path)
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as refused:
            run_import(db, "expenditure", path, dry_run=dry_run)
        assert refused.value.report.bad_rows == [f"Row 3: {HIDDEN}", f"Row 5: {HIDDEN}"]
        assert refused.value.report.rows == 4
    assert fin.list_expenses(db, 2024) == []
    # shown again, the same file imports
    workbook(path, rows)
    assert run_import(db, "expenditure", path).added == 4


def test_a_hidden_row_is_named_with_what_else_is_wrong_in_it_and_the_rows_shown_are_read(tmp_path):
    fields = [FieldSpec("name", "Name", required=True), FieldSpec("notes", "Notes")]
    path = workbook(tmp_path / "people.xlsx", [["Name", "Notes", "Kept"], ["Shown", "", ""],
                                               ["Hidden", "=1/0", ""], ["", "", "only an unread column"]],
                    hidden=(3, 4), title="People")
    table = read_table(path, fields, keep_going=True)
    assert [cells["name"] for _number, cells in table.rows] == ["Shown"]
    assert table.refused == [f"Row 3: {HIDDEN} Notes (column B) holds a formula Excel has not worked out ('=1/0'): "
                             "open the file in Excel, save it there, then import again."]


# ------------------------------------------------------------------ merged cells


def test_an_amount_merged_over_two_rows_refuses_both_naming_the_column(db, tmp_path):
    """One £3,000 invoice shown once across its two lines would be recorded as £6,000."""
    path = workbook(tmp_path / "merged.xlsx", [EXPENDITURE, spent(1, "Events", 3000), spent(1, "Practice reviews", None)],
                    merge=("E2:E3",))
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    said = ("Amount (column E) is one cell merged across rows 2\u20133, so it would count once on each row: "
            "unmerge it and give each row its own value, then import again.")
    assert refused.value.report.bad_rows == [f"Row 2: {said}", f"Row 3: {said}"]
    assert fin.year_summary(db, "2024/25").spending_total == Decimal("0.00")


def test_text_and_dates_merged_over_rows_are_still_copied_to_each(db, tmp_path):
    path = workbook(tmp_path / "labels.xlsx", [EXPENDITURE, spent(1, "Events", 100), [None, None, None, "Forum 2", 200],
                                              spent(3, "Events", Decimal("300.50"))],
                    merge=("A2:A3", "B2:B3", "C2:C3"))
    assert run_import(db, "expenditure", path).added == 3
    assert sorted((e.spent_on, e.amount) for e in fin.list_expenses(db, 2024)) == [
        (date(2024, 5, 1), Decimal("100.00")), (date(2024, 5, 1), Decimal("200.00")),
        (date(2024, 5, 3), Decimal("300.50"))]


def test_a_number_merged_where_it_counts_once_is_read_as_before(tmp_path):
    """Merged across columns of one row, over rows with nothing else in them, or in a column the
    import does not read: the number stands once, so nothing is refused."""
    fields = [FieldSpec("name", "Name", required=True), FieldSpec("places", "Places")]
    path = workbook(tmp_path / "once.xlsx", [["Name", "Places", None, "Unread"], ["A", 5, None, 7], ["", None],
                                             ["B", 6, None, None], ["C", 8, None, None]],
                    merge=("B2:C2", "D2:D5"), title="People")
    table = read_table(path, fields)
    assert [(cells["name"], cells["places"]) for _n, cells in table.rows] == [("A", "5"), ("B", "6"), ("C", "8")]
    path = workbook(tmp_path / "blank_below.xlsx", [["Name", "Places"], ["A", 5], [None, None], ["B", 6]],
                    merge=("B2:B3",), title="People")
    assert [cells["places"] for _n, cells in read_table(path, fields).rows] == ["5", "6"]


# ------------------------------------------------------------------ the sheet read


def test_the_sheet_named_for_the_list_is_found_with_spaces_round_its_name(tmp_path):
    wb = Workbook()
    notes = wb.active
    notes.title = "Instructions"
    notes.append(["Read me: the columns are below"])
    sheet = wb.create_sheet(" BOOKINGS ")
    sheet.append(["Course", "Session start", "Capacity", "Delegate", "Email"])
    sheet.append(["Safer sleep", "01/06/2024 10:00", "5", "Pat", "pat@example.org"])
    wb.active = 0
    wb.save(tmp_path / "named.xlsx")
    rows = read_rows(tmp_path / "named.xlsx", "Bookings")
    assert rows.sheet == " BOOKINGS " and rows[1][1][0] == "Safer sleep"


# ------------------------------------------------------------------ Excel's 29/02/1900


def _serials(path: Path, serials: list[float], epoch=None) -> Path:
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.append(["Date", "Category", "Payee", "Description", "Amount"])
    for number, serial in enumerate(serials, start=2):
        ws.append([serial, "Events", "Venue Ltd", "Forum", 10])
        ws.cell(number, 1).number_format = "dd/mm/yyyy hh:mm" if serial % 1 else "dd/mm/yyyy"
    wb.save(path)
    return path


def test_excels_29_february_1900_is_a_bad_cell_not_the_day_before(db, tmp_path):
    rows = read_rows(_serials(tmp_path / "leap.xlsx", [59, 60, 60.5, 61]))
    cells = [cells[0] for _number, cells in rows[1:]]
    assert cells == ["28/02/1900", "29/02/1900", "29/02/1900", "01/03/1900"]
    assert [isinstance(c, CellProblem) for c in cells] == [False, True, True, False]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", _serials(tmp_path / "one.xlsx", [60]))
    assert refused.value.report.bad_rows == [f"Row 2: Date (column A) {LEAP_DAY}"]
    # a workbook counting from 1904 has no such day: its serial 60 is 01/03/1904
    rows = read_rows(_serials(tmp_path / "mac.xlsx", [60], epoch=CALENDAR_MAC_1904))
    assert rows[1][1][0] == "01/03/1904" and not isinstance(rows[1][1][0], CellProblem)
