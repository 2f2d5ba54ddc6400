"""Reading a CSV file into rows of text: `tabular.read_rows` for a CSV file.

The text is decoded and its separator found by `text_encoding` (UTF-8, UTF-16 or Windows-1252;
comma, semicolon or tab). A quote that opens a value and is never closed is refused naming its
line: it would swallow the rest of the file into one value. In a file that may be Excel's plain
CSV, a cell below the first row with a question mark where a letter stands is a `CellProblem`
(`text_encoding.lost_letter`), for `tabular.row_problems` to refuse its row naming the column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bscp_desktop.importers.tabular import CellProblem, ImportFileError, Rows, _heading_text, _keep


def csv_rows(path: Path) -> Rows:
    """Every non-blank row of the CSV file at `path`, with its line number, and its separator."""
    from bscp_desktop.importers.text_encoding import decode, may_have_lost_letters, sniff_delimiter

    data = path.read_bytes()
    text = decode(path, data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = Rows()
    rows.delimiter = delimiter
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            _keep(rows, number, list(cells), path)
    except csv.Error as exc:  # a value swallowing the rest of the file, most likely
        _refuse_unclosed_quote(path, text, delimiter)
        raise ImportFileError(_unreadable_row(path, number + 1, exc)) from exc
    _refuse_unclosed_quote(path, text, delimiter)
    if may_have_lost_letters(data, text):
        _mark_lost_letters(rows)
    return rows


def _refuse_unclosed_quote(path: Path, text: str, delimiter: str) -> None:
    opened = _unclosed_quote_line(text, delimiter)
    if opened is not None:
        raise ImportFileError(
            f"Line {opened} of {path.name} opens a quote (\") that is never closed, so the rest of the "
            "file would be read as one value: add the closing quote, or remove the opening one."
        )


def _unreadable_row(path: Path, number: int, exc: csv.Error) -> str:
    """Why row `number` of a CSV file cannot be read, in plain words (never the reader's own)."""
    if "field larger than field limit" in str(exc):
        return (f"Row {number} of {path.name} holds a value of more than {csv.field_size_limit():,} characters, "
                "far more than a cell of a list, so it cannot be read: a quote (\") opening a value and closed much "
                "further on makes everything between one value. Correct the row, then import again.")
    return (f"Row {number} of {path.name} is not written as a CSV file writes a row, so it cannot be read: save "
            "the file again from Excel as 'CSV UTF-8 (Comma delimited)' and import it again.")


def _mark_lost_letters(rows: Rows) -> None:
    """Make each cell below the first row with a question mark where a letter stands a `CellProblem`."""
    from bscp_desktop.importers.text_encoding import LOST_LETTER, lost_letter

    for _number, cells in rows[1:]:
        for i, cell in enumerate(cells):
            if lost_letter(cell):
                cells[i] = CellProblem(cell, LOST_LETTER.format(text=_heading_text(cell)))


def _unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line on which a quoted value starts that runs to the end of the file, if any.

    A strict reader stops with "unexpected end of data" exactly then; the records read before
    it give the line the unfinished one started on.
    """
    if '"' not in text:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last_line = 0
    while True:
        try:
            next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                return last_line + 1
            # other oddities (a stray quote inside a value) are read leniently, as before
        last_line = reader.line_num
