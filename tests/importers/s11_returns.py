"""A Section 11 return of the Metropolitan Police filled in (for the `cycle` of
tests/importers/conftest.py), for the tests of reading returns back."""

from __future__ import annotations

from openpyxl import load_workbook

from bscp_desktop.importers import audits as imp


def returned(db, cycle, path, answers: dict[int, dict[str, object]]) -> int:
    """The police's return written, then filled in: {standard number: {heading: value}}; the row
    of its headings."""
    imp.write_s11_template(db, cycle.id, "Metropolitan Police", path)
    wb = load_workbook(path)
    ws = wb["Section 11 return"]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "No.")
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    for number, cells in answers.items():
        for heading, value in cells.items():
            ws[f"{cols[heading]}{header + number}"] = value
    wb.save(path)
    return header
