"""The total line a workbook adds under its rows, which an import leaves out.

The program's own finance workbook ends its Contributions sheet with a line "Total" in its first
column (Financial year) and no organisation, and its Expenditure sheet with one "Total" in its
first column (Date) and no category, their sums as formulas. `TOTAL_LINES` says, for each list
that has one, whether a row is that line: `tabular.read_table` is given it (as `left_out`), so
that none of the line's cells is checked (a sum saved by a program that keeps formulas without
their results cannot be read, and is not needed), and `without_total_lines` leaves it out of
the rows imported, saying so in the report.
"""

from __future__ import annotations

from collections.abc import Callable

from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import Table, cell_value


def _total_line(first: str, named: str) -> Callable[[dict[str, str]], bool]:
    """Whether a row is a total line: "Total" in its first column (`first`) and nothing in the
    column that names what a row is about (`named`: the organisation, the category)."""
    return lambda cells: cell_value(cells, first).casefold() == "total" and not cell_value(cells, named)


#: {kind of import: whether a row of its list is the total line under the rows}
TOTAL_LINES: dict[str, Callable[[dict[str, str]], bool]] = {
    "contributions": _total_line("financial_year", "organisation"),
    "expenditure": _total_line("date", "category"),
}


def without_total_lines(table: Table, report: ImportReport, kind: str) -> list[tuple[int, dict[str, str]]]:
    """The table's rows less its total lines (`TOTAL_LINES[kind]`). Each is said to be left out,
    and not counted as a row read."""
    kept = []
    total_line = TOTAL_LINES[kind]
    for number, cells in table.rows:
        if total_line(cells):
            report.notes.append(f"Row {number}, a total line, was left out.")
            report.rows -= 1
        else:
            kept.append((number, cells))
    return kept
