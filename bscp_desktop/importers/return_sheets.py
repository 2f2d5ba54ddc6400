"""A return workbook as read back: the sheet holding its marker line, the label/value lines
above its table, and the table of answers (see `importers.audits`, which imports them)."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils import get_column_letter

from bscp_desktop.domain.validation import and_list, clean_text
from bscp_desktop.importers.headings_again import HeadingsAgain, headings_again_note
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import CellProblem, ImportFileError, _heading_text, fill_merged, listed, normalise_header, read_rows, row_problems, two_columns
from bscp_desktop.importers.workbook_sheets import MARK_ROWS

S11_MARK = re.compile(r"Section 11 return, cycle (\d+), agency (\d+)", re.IGNORECASE)
AUDIT_MARK = re.compile(r"audit return, audit (\d+), agency (\d+)", re.IGNORECASE)
#: Each kind of return by its marker line: what it is called and where it is imported.
RETURNS = ((S11_MARK, "Section 11 return", "s11", "Section 11"),
           (AUDIT_MARK, "case audit return", "audit-return", "Case audits"))
_HOW_MANY = {2: "Two", 3: "Three", 4: "Four"}


def holds_a_return(rows) -> str | None:
    """The marker line a sheet's first rows hold (of a return of either kind), as its kind and
    numbers ("s11 2 9"); None if they hold none."""
    for _number, cells in rows[:MARK_ROWS]:
        for cell in cells:
            for mark, _what, kind, _page in RETURNS:
                if found := mark.search(cell or ""):
                    return f"{kind} {found[1]} {found[2]}"
    return None


def _held_twice(path: Path, holding: tuple) -> str:
    """Why a workbook with a return on more than one sheet shown is refused, naming the sheets."""
    sheets = and_list([f"'{title}'" for title, _mark in holding])
    many = f"{_HOW_MANY.get(len(holding), len(holding))} sheets of {path.name}"
    which = "the one" if len(holding) == 2 else "the ones"
    if len({mark for _title, mark in holding}) == 1:
        return f"{many} hold this return: {sheets}; delete {which} not to import and import again."
    return (f"{many} hold different returns: {sheets}; a workbook holds one return: delete (or move to a "
            f"workbook of its own) {which} not to import and import again.")


class ReturnSheet:
    """The rows of a return workbook: its marker, its label/value facts and its table. The sheet
    read is the one holding the marker line, whatever it is now called and whichever sheet the
    workbook was saved showing (a sheet of notes put in front, the Ratings sheet). A workbook
    with two sheets shown holding a marker line (the return copied and filled in on the copy)
    is refused, naming them: which one holds the answers meant cannot be told."""

    def __init__(self, path: Path, sheet: str, marker: re.Pattern, what: str, command: str, first_header: str):
        self.path = path
        self.rows = read_rows(path, prefer_sheet=sheet, holds=holds_a_return)
        if len(self.rows.holding) > 1:
            raise ImportFileError(_held_twice(path, self.rows.holding))
        self.refused: set[int] = set()  # the rows `note_cell_problems` found a cell to refuse in
        found = None
        for _number, cells in self.rows[:MARK_ROWS]:
            for cell in cells:
                found = marker.search(cell or "")
                if found:
                    break
            if found:
                break
        if not found:
            for mark, other, kind, page in RETURNS:
                if mark is not marker and any(mark.search(cell or "") for _n, cells in self.rows[:MARK_ROWS] for cell in cells):
                    raise ImportFileError(
                        f"{path.name} is a {other}, not a {what}: import it as a {other} (Audits tab, {page}; "
                        f"'import {kind}' at the command line).")
            raise ImportFileError(
                f"{path.name} is not a {what} written by BSCP Desktop, so it cannot be imported: write the "
                f"return with '{command}' (or the button in the Audits tab), fill that in and import it."
            )
        self.ids = (int(found[1]), int(found[2]))
        self.header_at, self.first_column = _heading_row(self.rows, first_header)
        if self.header_at is None:
            raise ImportFileError(
                f"{path.name} has lost its table of answers (the row headed '{first_header.capitalize()}'); "
                "write a new return and copy the answers into it."
            )
        # an answer merged over rows below the headings counts for each of them, as Excel shows it
        fill_merged(self.rows, self.rows.merged, self.rows[self.header_at][0])
        self.columns = _columns(path, self.rows[self.header_at][1])

    def fact(self, label: str) -> tuple[int, str] | None:
        """(row number, value) of a 'Label | value' line above the table; its value blank where
        its cell cannot be imported (`cell_problems` names it)."""
        wanted = normalise_header(label)
        for number, cells in self.rows[: self.header_at]:
            if (at := self._label_at(cells)) is not None and normalise_header(cells[at]) == wanted:
                value = cells[at + 1] if len(cells) > at + 1 else ""
                return number, "" if isinstance(value, CellProblem) else clean_text(value)
        return None

    def _label_at(self, cells: list[str]) -> int | None:
        """The column of a line's label above the table: the table's first column (one shifted
        right by a column added before it), else column A; None for a line with no label."""
        for at in dict.fromkeys((self.first_column, 0)):
            if at < len(cells) and cells[at].strip():
                return at
        return None

    def _spanning(self) -> set[int]:
        """The rows above the table of a title or instruction line: one cell merged across the
        sheet from the label's column, no 'Label | value' line."""
        heading_row = self.rows[self.header_at][0]
        return {number for merged in self.rows.merged
                if merged.min_col in (1, self.first_column + 1) and merged.max_col > merged.min_col
                for number in range(merged.min_row, min(merged.max_row, heading_row) + 1)}

    def labels(self) -> dict[int, str]:
        """{row number: label} of the 'Label | value' lines above the table (Agency, Completed by),
        which an import report names apart from the table's rows."""
        spanning = self._spanning()
        found = {}
        for number, cells in self.rows[: self.header_at]:
            if number not in spanning and (at := self._label_at(cells)) is not None:
                found[number] = clean_text(cells[at]).rstrip(":").strip()
        return found

    def cell_problems(self) -> list[tuple[int, str]]:
        """(row number, line) per row the import reads that cannot be imported as the workbook shows
        it, as every other import says it (`tabular.row_problems`): a row hidden in the workbook (by
        hand, by a filter, in a collapsed group), a cell that cannot be imported (a spreadsheet error
        such as #REF! or #N/A, a formula Excel has not worked out), named by its column, or a number
        merged over two rows of answers or more. Above the table, a 'Label | value' line's value (named
        by its label: a title or instruction line is not read); below it, the answers' columns of
        each row holding any."""
        problems = []
        header = self.rows[self.header_at][1]
        read = sorted(self.columns.values())
        spanning = self._spanning()  # a line of the title or the instructions is no 'Label | value' line
        for at, (number, cells) in enumerate(self.rows):
            if at < self.header_at:
                label = self._label_at(cells)
                labelled = (label is not None and len(cells) > label + 1 and cells[label + 1].strip()
                            and number not in spanning)
                said = row_problems(self.rows, number, [""] * (label + 1) + [cells[label]], cells,
                                    [label + 1]) if labelled else []  # named by its label
            elif at > self.header_at and any(cells[i].strip() for i in read if i < len(cells)):
                said = row_problems(self.rows, number, header, cells, read)
            else:
                continue
            if said:
                problems.append((number, f"Row {number}: " + " ".join(said)))
        return problems

    def merged_across(self) -> list[tuple[int, str]]:
        """(row number, line) per answer merged across two columns the import reads or more: Excel shows it
        over all of them, so which one it answers cannot be told."""
        number, header = self.rows[self.header_at]
        at, problems = dict(self.rows), []
        for merged in sorted(self.rows.merged, key=lambda m: (m.min_row, m.min_col)):
            top = at.get(merged.min_row, [])
            spanned = [i for i in sorted(self.columns.values()) if merged.min_col <= i + 1 <= merged.max_col]
            if merged.min_row > number and len(spanned) > 1 and "".join(top[merged.min_col - 1:merged.min_col]).strip():
                names = and_list([f"{_heading_text(header[i])} (column {get_column_letter(i + 1)})" for i in spanned])
                problems.append((merged.min_row, f"Row {merged.min_row}: {names} are merged into one cell: unmerge "
                                                 "them and put each answer in its own column, then import again."))
        return problems

    def note_cell_problems(self, report: ImportReport) -> None:
        """List in the report's bad rows each row the import reads that cannot be imported as the
        workbook shows it (`cell_problems`: hidden, a cell that cannot be imported, a number merged
        over rows), or holding an answer merged across two columns of answers, and keep those rows
        in `refused`, for the import to leave out while it checks the others: the return is
        refused, nothing saved, naming them with every other bad row in one go."""
        for number, line in self.cell_problems() + self.merged_across():
            report.bad_rows.append(line)
            self.refused.add(number)

    def unread(self, headings: tuple[str, ...]) -> list[str]:
        """Notes for the import report on what the table holds that is not imported: columns
        under a heading the return was not written with (`headings`), and text under none."""
        known = {normalise_header(h) for h in headings}
        header = self.rows[self.header_at][1]
        notes = []
        if others := [_heading_text(h) for h in header if h.strip() and normalise_header(h) not in known]:
            notes.append("Columns not imported (not recognised): " + ", ".join(others) + ".")
        stray = [f"{get_column_letter(i + 1)}{number}" for number, cells in self.rows[self.header_at + 1:]
                 for i, cell in enumerate(cells) if cell.strip() and (i >= len(header) or not header[i].strip())]
        if stray:
            notes.append(f"Text under no column heading is not imported (cell{'s' if len(stray) > 1 else ''} "
                         f"{listed(stray)}): move it into the column of answers it belongs in.")
        return notes

    def refuse_no_rows(self, table: list, none_of: str, headings: tuple[str, ...]) -> None:
        """Refuse a return whose table of answers holds no row at all (its rows deleted, or moved to
        another sheet), saying it holds `none_of` ("none of the standards of the cycle 2024-26"):
        read as it is, it would be imported as nothing without a word. A row left unanswered still
        names its standard or case, so a return sent back blank is not refused here. Where another
        sheet shown holds the table's `headings`, it is named: the rows were most likely moved there."""
        if table:
            return
        heading_row = self.rows[self.header_at][0]
        elsewhere = self._headings_elsewhere(headings)
        where = (f"the sheet '{elsewhere}' holds the table's headings, so move its rows back under the headings in "
                 f"row {heading_row} of the sheet '{self.rows.sheet}'" if elsewhere else
                 f"put the rows back under the headings in row {heading_row}")
        raise ImportFileError(
            f"The table of answers in {self.path.name} holds {none_of} (its rows have been deleted or moved), so "
            f"nothing was imported: {where} (or write the return again and copy the answers into it), then import "
            "it again.")

    def _headings_elsewhere(self, headings: tuple[str, ...]) -> str | None:
        """The title of another sheet shown with a row holding the table's first heading and two more
        of its `headings`, if any (only read when the table is empty)."""
        wanted = {normalise_header(h) for h in headings}
        first = normalise_header(headings[0])
        for title in self.rows.unread:
            try:
                rows = read_rows(self.path, prefer_sheet=title)
            except ImportFileError:  # an empty sheet, or one this import could not read: not the table
                continue
            for _number, cells in rows:
                named = {normalise_header(c) for c in cells} & wanted
                if first in named and len(named) >= 3:
                    return title
        return None

    def table(self) -> list[tuple[int, dict[str, str]]]:
        """The rows of the table of answers, but those repeating its headings (`headings_again`),
        which `note_headings_again` names."""
        repeated = HeadingsAgain({key: {key} for key in self.columns})
        out, self.headings_again = [], []
        for number, cells in self.rows[self.header_at + 1:]:
            values = {key: clean_text(cells[i]) if i < len(cells) else "" for key, i in self.columns.items()}
            if repeated.repeats(values):
                self.headings_again.append(number)
            elif any(values.values()):
                out.append((number, values))
        return out

    def note_headings_again(self, report: ImportReport) -> None:
        """Name in the report's notes the rows left out for repeating the headings (`table`)."""
        if note := headings_again_note(self.headings_again):
            report.notes.append(note)


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    """{heading as compared: column (from 0)} of a return's table, refusing a table with one heading twice
    (a column of answers copied beside itself): the answers of one of them would be lost without a word."""
    columns: dict[str, int] = {}
    for at, heading in enumerate(header):
        if not (key := normalise_header(heading)):
            continue
        if key in columns:
            first = header[columns[key]]
            raise two_columns(path, _heading_text(first), first, heading, (columns[key], at))
        columns[key] = at
    return columns


def _heading_row(rows, first_header: str) -> tuple[int | None, int]:
    """(index in `rows`, column) of the table's headings: the row whose column A is headed
    `first_header`, else one where a column added before the table moved that heading right (with
    the headings after it still there); (None, 0) when there is none."""
    for i, (_n, cells) in enumerate(rows):
        if cells and normalise_header(cells[0]) == first_header:
            return i, 0
    for i, (_n, cells) in enumerate(rows):
        for column, cell in enumerate(cells[1:], start=1):
            if normalise_header(cell) == first_header and sum(1 for c in cells[column + 1:] if c.strip()) >= 2:
                return i, column
    return None, 0


def require_columns(sheet: ReturnSheet, path: Path, headings: tuple[str, ...]) -> None:
    """Refuse a return whose table lacks a column of answers (a heading changed or a column
    removed): its answers would otherwise be left out without a word."""
    missing = [h for h in headings if normalise_header(h) not in sheet.columns]
    if missing:
        named = and_list([f"'{h}'" for h in missing])
        raise ImportFileError(
            f"{path.name} has no {named} column{'s' if len(missing) > 1 else ''} in its table of answers: put "
            f"{'their headings' if len(missing) > 1 else 'its heading'} back as the return was written "
            "(or write the return again), then import it.")

