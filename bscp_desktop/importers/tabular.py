"""Reading a CSV or Excel file into rows of text, with the row numbers a person sees.

`read_table(path, fields)` returns the data rows as `{field key: text}` with their spreadsheet
row number (the header is row 1). Anything wrong with the file itself (unknown type, empty,
too big, damaged, missing required columns) raises `ImportFileError` with one clear sentence.

* CSV (read by `csv_rows`): UTF-8 with or without a byte order mark, UTF-16 ("Unicode text" from Excel), or
  Windows-1252 (Excel's plain "CSV" on Windows); comma, semicolon or tab separated (sniffed
  from the header line): see `text_encoding`, which refuses a file that is mostly UTF-8 but
  has stray bytes, naming the line, rather than garble its names. In a file that may be Excel's
  plain CSV (Windows-1252, or ASCII without a byte order mark) a cell with a question mark where
  a letter stands ("?ukasz": a letter that format cannot hold) is a bad cell. A quote that opens a
  value and is never closed is refused naming its line (it would swallow the rest of the file).
  A file full of NUL bytes is not text and is refused; a stray NUL in a value is dropped with
  the other control characters, wherever it is. A row with a value past the last heading, or
  under a blank one, is a bad row (a separator inside an unquoted value splits it in two, and
  the part after it would be lost).
* XLSX: read with openpyxl in read-only mode. A formula cell is read as the result Excel saved
  for it (a number, a date or text: `=A2&" "&B2` is the name it shows), never as the formula,
  which is never evaluated; a row holding nothing but formulas showing 0 or nothing (filled down
  past the rows filled in) is left out, its number in `Table.no_value` for the report to say so.
  A cell holding an error (#REF!, #N/A), or a formula with no saved result (a file written by
  another program), makes its row bad, naming the column; so every row is refused. A merged
  cell's value fills each row of its range (Excel keeps it in the top-left cell only), in one
  column: its own (or the first of the range with a heading), the range's other columns read as
  empty. A number merged over two data rows or more (one amount shown across two lines) is a
  bad row for each of them, naming the column: copied, it would count once on each row; one
  merged across two columns the import reads (Agreed and Received) is a bad row naming them, as
  which one it belongs to cannot be told. A row hidden in the workbook (by hand, by a filter, in
  a collapsed group) is a bad row too: the person importing did not see it, and a list filtered
  to what is wanted would bring in what was filtered out. A date cell at Excel's serial 60 (its
  29/02/1900, a day that never was), at its day 0 (00/01/1900) or outside the dates Excel can
  show is a bad cell. A number shown with leading zeros (a phone number under "00000000000") is
  read as Excel shows it. A value in a column with no heading (under a heading merged over two
  columns, say) is a bad row, as in a CSV file. The size a sheet declares for itself is ignored
  (it can understate the rows really there). The zip container is checked first, so a damaged
  file or a "zip bomb" is refused before openpyxl opens it. The sheet read is the one named for
  the list ("People"), else the one the workbook was saved showing: never a hidden one, even one
  named for the list (hidden sheets hold lookups or old copies: one named for the list is named,
  to show, where the sheet read lacks the list's columns); with `holds` (a return's marker
  line), the first sheet shown holding it, whatever it is called, every sheet shown holding it
  named in `Rows.holding` (see `workbook_sheets`). The other sheets shown are named in
  `Table.unread_sheets`, for the import's report to say so, and in the refusal of a sheet
  without the list's columns (the list may be on one of them).
* Both: a row repeating the headings lower down (two exports pasted one under the other) is left
  out, its number in `Table.headings_again` for the report to say so (`headings_again`). A date
  column's cell is read by `cell_date` (`cell_dates`, whose names are importable from here too).
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from bscp_desktop.domain.validation import clean_text, number_as_shown
from bscp_desktop.importers.cell_dates import EXCEL_MOMENT_HINT as EXCEL_MOMENT_HINT  # read from here too
from bscp_desktop.importers.cell_dates import EXCEL_NUMBER_HINT as EXCEL_NUMBER_HINT
from bscp_desktop.importers.cell_dates import cell_date as cell_date
from bscp_desktop.importers.cell_dates import cell_date_and_time as cell_date_and_time
from bscp_desktop.importers.cell_dates import excel_serial as excel_serial

MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
FILE_TYPES = "a CSV file (.csv) or an Excel workbook (.xlsx)"


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message is one sentence for the user."""


@dataclass(frozen=True)
class FieldSpec:
    """One column the importer understands: `key` in code, `label` shown to people, and other
    headings people commonly use for it."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    mapped: tuple[str, ...] = ()  # headings the team mapped to it: these win over any other field's

    def names(self) -> set[str]:
        return {normalise_header(n) for n in (self.label, self.key, *self.aliases, *self.mapped)}


@dataclass(frozen=True)
class RefusedRow:
    """A row `read_table(keep_going=True)` refused: its number, its cells that could be read
    ({field key: text}) and the field keys of those that could not (a spreadsheet error, 29/02/1900)."""

    number: int
    cells: dict[str, str]
    unreadable: frozenset[str]


@dataclass
class Table:
    """Data rows as `(row number, {field key: text})`; blank rows are left out."""

    source: str
    rows: list[tuple[int, dict[str, str]]]
    columns: list[str]  # field keys found, in file order
    ignored_headers: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # `read_table(keep_going=True)`: rows with a bad cell
    refused_rows: list[RefusedRow] = field(default_factory=list)  # the same rows, in the same order
    sheet: str | None = None  # the sheet read (None for a CSV file)
    unread_sheets: tuple[str, ...] = ()  # a workbook's other sheets shown, not read (but its instructions)
    no_value: list[int] = field(default_factory=list)  # rows left out holding only formulas showing 0 or nothing
    headings_again: list[int] = field(default_factory=list)  # rows left out repeating the headings (`headings_again`)


Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, text: str = "") -> None:
    return None


_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # not a tab or a line break of any kind


def normalise_header(text: str) -> str:
    """'  E-mail address * ' -> 'e mail address'; '(required)' and punctuation are ignored, and
    a stray control character (a NUL) is dropped, as it is from a value: 'Em\\0ail' is 'email'."""
    text = _STRAY_CONTROL.sub("", str(text)).casefold().replace("(required)", "").replace("(optional)", "")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# ------------------------------------------------------------------ raw rows


def read_rows(path: Path, prefer_sheet: str | None = None, holds: Callable[[Rows], object] | None = None) -> Rows:
    """All non-blank rows of the file as (row number, cells as text), and the sheet read (with
    `holds`, every sheet holding what is wanted: see `workbook_sheets`)."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"There is no file at {path}.")
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder, not a file to import.")
    if not path.is_file():
        raise ImportFileError(f"{path} is not an ordinary file (it is a device or a pipe), so it cannot be imported.")
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        hint = " Save it from Excel as .xlsx or CSV first." if suffix in (".xls", ".ods", ".numbers") else ""
        raise ImportFileError(f"{path.name} cannot be imported: choose {FILE_TYPES}.{hint}")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"{path.name} is empty: there is nothing to import.")
    if size > MAX_BYTES:
        raise ImportFileError(
            f"{path.name} is too big to import ({_size_text(size)}; at most {_size_text(MAX_BYTES)}): "
            "split it into smaller files."
        )
    try:
        if suffix in XLSX_SUFFIXES:
            # openpyxl says what it makes of an odd cell (a date serial out of range, a style it
            # cannot read) as a Python warning, which the command line would print with a path
            # inside the program: the row's own message names the cell instead
            from bscp_desktop.importers.workbook_sheets import xlsx_rows

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                return xlsx_rows(path, prefer_sheet, holds)
        from bscp_desktop.importers.csv_rows import csv_rows

        return csv_rows(path)
    except PermissionError as exc:  # Windows refuses to open a file another program holds
        raise ImportFileError(f"{path.name} is open in another program (or locked): close it there and import again.") from exc


def _keep(rows: list, number: int, cells: list[str], path: Path, beyond: bool = False) -> None:
    """Add a row read (its trailing blank cells left off; a blank row not at all, unless it holds
    cells `beyond` those given: see `Rows.beyond`), refusing a file of more rows than an import takes."""
    while cells and not cells[-1].strip():
        cells.pop()
    if cells or beyond:
        rows.append((number, cells))
        if len(rows) > MAX_ROWS + 1:
            raise ImportFileError(_too_many(path))


def _too_many(path: Path) -> str:
    return (
        f"{path.name} has more than {MAX_ROWS:,} rows, more than one import can take: "
        "split it into smaller files."
    )


def cell_text(value: object) -> str:
    """What a spreadsheet cell holds, as text (dates as dd/mm/yyyy, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value:%d/%m/%Y}"
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return number_as_shown(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class CellProblem(str):
    """A cell that cannot be imported (a spreadsheet error, a formula Excel has not worked out):
    its text, as it was read before, and `problem`, the words a row's message gives for it."""

    problem: str

    def __new__(cls, text: str, problem: str) -> CellProblem:
        cell = super().__new__(cls, text)
        cell.problem = problem
        return cell


class Figure(str):
    """A workbook cell that holds a number (not a date, not Yes/No), as text: `fill_merged` copies
    no number over rows without saying so."""

    __slots__ = ()


class Rows(list):
    """`read_rows`'s rows, with the sheet they were read from (None for a CSV file) and how many
    sheets the workbook has."""

    sheet: str | None = None
    sheets: int = 0
    delimiter: str | None = None  # a CSV file's separator (None for a workbook)
    merged: tuple = ()  # a workbook's merged ranges, for `fill_merged` below headings lower down
    holding: tuple = ()  # with `holds`: (title, what it holds) of each sheet shown holding what is wanted
    unread: tuple = ()  # the titles of the workbook's other sheets shown, but a sheet of instructions
    hidden: frozenset = frozenset()  # the numbers of the rows hidden in the workbook
    hidden_list: str | None = None  # a hidden sheet named for the list, where another sheet was read

    def __init__(self, *rows) -> None:
        super().__init__(*rows)
        # `fill_merged`: {row number: {column (from 0): (first row, last row)}} of each number
        # merged over two data rows or more, which it copied into each of them
        self.spread: dict[int, dict[int, tuple[int, int]]] = {}
        # `fill_merged`: {row number: [(first column, last column) (from 0), ...]} of each number
        # merged across two columns or more, which it gave to one of them
        self.across: dict[int, list[tuple[int, int]]] = {}
        # a workbook's cells far to the right of the first row (`workbook_sheets.WIDE`), past every
        # heading: {row number: ((column from 0, text), ...)}, left out of the row's list of cells,
        # which would otherwise hold a blank for every column before them (16,384 for column XFD)
        self.beyond: dict[int, tuple[tuple[int, str], ...]] = {}
        # a workbook's cells holding a formula whose result is 0 or nothing: {row number: columns (from 0)}
        self.no_value: dict[int, frozenset[int]] = {}


def fill_merged(rows: Rows, ranges, heading: int | None = None) -> None:
    """Each row a merged range below the headings (row `heading`, else the first) covers takes the
    range's value (Excel shows it over the whole range but keeps it in the top-left cell only), in
    one column: its own, or when its own has no heading the first of the range with one (a heading
    merged over two columns names one column). The range's other columns are read as empty: a
    payee shown over the description is no description. Columns beyond the headings are not
    filled. A number (`Figure`) merged over two of the rows or more is copied too, and noted in
    `rows.spread` for `read_table` to refuse those rows: one £3,000 shown over two lines would
    count as £3,000 on each. A number merged across two columns or more is noted in
    `rows.across`, for `read_table` to refuse its rows when the import reads two of them: which
    column it belongs to cannot be told."""
    at = dict(rows)
    heading = heading or rows[0][0]
    header = at.get(heading, ())
    width = len(header)
    numbers = sorted(at)
    budget = 2 * width * len(rows) + 1  # ranges in a sound workbook never overlap
    for merged in ranges:
        top = at.get(merged.min_row)
        if merged.min_row <= heading or top is None or merged.min_col > min(len(top), width):
            continue
        first, last = merged.min_col - 1, min(merged.max_col, width)
        value = top[first]
        to = next((i for i in range(first, last) if header[i].strip()), first)
        covered = numbers[bisect_left(numbers, merged.min_row):bisect_right(numbers, merged.max_row)]
        spread = isinstance(value, Figure) and len(covered) > 1
        for number in covered:
            if spread:
                rows.spread.setdefault(number, {})[to] = (merged.min_row, merged.max_row)
            if isinstance(value, Figure) and last - first > 1:
                rows.across.setdefault(number, []).append((first, last - 1))
            cells = at[number]
            cells.extend([""] * (last - len(cells)))
            cells[first:last] = [""] * (last - first)
            cells[first] = cells[to] = value
            budget -= last - first
        if budget < 0:
            return


def _across(header: list[str], spans: list[tuple[int, int]], read) -> list[str]:
    """Why a row is refused holding a number merged across two or more of the columns `read` (from
    0): `spans`, its numbers' merged ranges (first and last column, from 0: `Rows.across`)."""
    from openpyxl.utils import get_column_letter

    from bscp_desktop.domain.validation import and_list

    said = []
    for first, last in spans:
        columns = [i for i in read if first <= i <= last]
        if len(columns) > 1:
            names = and_list([f"{_heading_text(header[i])} (column {get_column_letter(i + 1)})" for i in columns])
            said.append(f"{names} are merged into one cell showing one number, so which of them it belongs to "
                        "cannot be told: unmerge them and put the number in the column it belongs to, then import again.")
    return said


# ------------------------------------------------------------------ matching headers


def read_table(
    path: Path | str,
    fields: Sequence[FieldSpec],
    prefer_sheet: str | None = None,
    progress: Progress = _no_progress,
    *,
    keep_going: bool = False,
    left_out: Callable[[dict[str, str]], bool] | None = None,
) -> Table:
    """Read `path` and match its header row to `fields` (case-insensitive, with aliases). A bad
    cell (a spreadsheet error, a formula with no saved result, or a value under no heading)
    refuses the file, naming every row that has one. With `keep_going` the table is returned
    instead, those rows left out of its rows, named in its `refused` and (what could be read of
    them) in its `refused_rows`: the import refuses and checks them with every other bad row.
    A row `left_out(cells)` picks (a workbook's total line, which the import leaves out) is kept
    among the rows as it is, its cells not checked: a sum saved without its result does not refuse it.
    A row repeating the headings lower down (two exports pasted one under the other) is left out of
    the rows, named in the table's `headings_again` for the report to say so (`headings_again`)."""
    path = Path(path)
    progress(0, 0, f"Reading {path.name}…")
    raw = read_rows(path, prefer_sheet)
    if not raw:
        raise ImportFileError(f"{path.name} is empty: there is nothing to import.")
    header_number, header = raw[0]
    by_name = {normalise_header(name): spec for spec in fields for name in spec.mapped}
    for spec in fields:
        for name in spec.names():
            by_name.setdefault(name, spec)
    index: dict[str, int] = {}
    ignored: list[str] = []
    for position, heading in enumerate(header):
        key = normalise_header(heading)
        if not key:
            continue
        spec = by_name.get(key)
        if spec is None:
            ignored.append(_heading_text(heading))
            continue
        if spec.key in index:
            raise two_columns(path, spec.label, header[index[spec.key]], heading)
        index[spec.key] = position
    missing = [spec.label for spec in fields if spec.required and spec.key not in index]
    if missing or not index:
        # a title above the headings, or another list altogether: say what the first row holds
        found = ", ".join(_heading_text(h) for h in header if h.strip()) or "nothing"
        expected = ", ".join(spec.label for spec in fields if not spec.key.startswith("_"))
        what = f"no {' or '.join(missing)} column" if missing else "none of the columns this import reads"
        where = f" of the sheet '{raw.sheet}'" if raw.sheet and raw.sheets > 1 else ""
        from bscp_desktop.importers.report import hidden_sheet, list_not_on_sheet

        others = " " + list_not_on_sheet(raw.sheet, raw.unread, prefer_sheet) if raw.sheet and raw.unread else ""
        others += f" {hidden_sheet(raw.hidden_list)}" if raw.hidden_list else ""
        raise ImportFileError(
            f"{path.name} has {what}. Its first row should name the "
            f"columns ({expected}); row {header_number}{where} holds: {found}.{others}"
        )
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    refused: list[RefusedRow] = []
    merged: dict[int, list] | None = None  # a workbook's merged ranges over each row, once one is needed
    read = sorted(index.values())
    headed = all(h.strip() for h in header)  # then only a cell past the last heading is under none
    no_value: list[int] = []  # rows holding nothing but formulas showing 0 or nothing: left out, and said
    from bscp_desktop.importers.headings_again import HeadingsAgain

    repeated = HeadingsAgain.of_fields(fields, list(index))
    again: list[int] = []  # rows repeating the headings: left out, and said
    for number, cells in raw[1:]:
        values = {key: (cells[i] if i < len(cells) else "") for key, i in index.items()}
        if left_out is not None and left_out(values):
            rows.append((number, values))
        elif repeated.repeats(values):
            again.append(number)
        elif number in raw.no_value and number not in raw.beyond and all(
                i in raw.no_value[number] for i, text in enumerate(cells) if text.strip()):
            no_value.append(number)
        elif any(v.strip() for v in values.values()):
            said = row_problems(raw, number, header, cells, read)
            said += _across(header, raw.across[number], read) if number in raw.across else []
            beyond = raw.beyond.get(number, ())
            if raw.merged and (beyond or _stray(header, cells, ()) is not None):
                merged = _merged_over(raw) if merged is None else merged
                said += _under_no_heading(header_number, header, cells, raw.delimiter, number, merged, beyond)
            elif beyond or len(cells) > len(header) or not headed:
                said += _under_no_heading(header_number, header, cells, raw.delimiter, beyond=beyond)
            if said:
                problems.append(f"Row {number}: " + " ".join(said))
                unread = _unread(raw, number, cells, index)
                refused.append(RefusedRow(number, {k: v for k, v in values.items() if k not in unread}, unread))
            if not (said and keep_going):
                rows.append((number, values))
    if not rows and not problems:
        held = f" (its {len(no_value):,} rows below it hold only formulas showing 0 or nothing)" if no_value else ""
        raise ImportFileError(f"{path.name} has a header row but no rows to import under it{held}.")
    if len(rows) + (len(problems) if keep_going else 0) > MAX_ROWS:
        raise ImportFileError(_too_many(path))
    if problems and not keep_going:  # refused before any row is checked against the records
        from bscp_desktop.importers.report import ImportRejected, ImportReport

        raise ImportRejected(ImportReport("", path.name, rows=len(rows), bad_rows=problems))
    ordered = sorted(index, key=lambda k: index[k])
    return Table(path.name, rows, ordered, ignored, refused=problems, refused_rows=refused,
                 sheet=raw.sheet, unread_sheets=raw.unread, no_value=no_value, headings_again=again)


def _unread(raw: Rows, number: int, cells: list[str], index: dict[str, int]) -> frozenset[str]:
    """The fields of row `number` whose cell cannot be imported (`row_problems`, `_across`)."""
    spans = [(a, b) for a, b in raw.across.get(number, ()) if sum(a <= i <= b for i in index.values()) > 1]
    return frozenset(key for key, i in index.items() if (i < len(cells) and isinstance(cells[i], CellProblem))
                     or i in raw.spread.get(number, {}) or any(a <= i <= b for a, b in spans))


def two_columns(path: Path, label: str, first: str, second: str, columns: tuple[int, int] | None = None) -> ImportFileError:
    """Why a file is refused whose headings name one column twice (`first` and `second`, in `columns`
    from 0 when given): which of them holds what is meant cannot be told, and one would be lost."""
    from openpyxl.utils import get_column_letter

    first, second = f"'{_heading_text(first)}'", f"'{_heading_text(second)}'"
    if columns:
        first, second = (f"{heading} in column {get_column_letter(at + 1)}" for heading, at in zip((first, second), columns, strict=True))
    return ImportFileError(f"{path.name} has two {label} columns ({first} and {second}): keep one of them.")


def row_problems(raw: Rows, number: int, header: list[str], cells: list[str], read) -> list[str]:
    """Why row `number` (its `cells`, under `header`) cannot be imported as the workbook shows it,
    looking at the columns `read` (from 0): the row is hidden in the workbook, a cell cannot be
    imported, or a number is one cell merged over it and other rows. Empty if none of them."""
    said = [HIDDEN_ROW] if number in raw.hidden else []
    said += [_cell_problem(header, i, cells[i]) for i in read if i < len(cells) and isinstance(cells[i], CellProblem)]
    if number in raw.spread:
        said += [_spread(header, i, *raw.spread[number][i]) for i in read if i in raw.spread[number]]
    return said


def _cell_problem(header: list[str], position: int, cell: CellProblem) -> str:
    from openpyxl.utils import get_column_letter

    return f"{_heading_text(header[position])} (column {get_column_letter(position + 1)}) {cell.problem}."


HIDDEN_ROW = ("This row is hidden in the workbook (hidden by hand, filtered out or in a collapsed group): show "
              "it, or delete the rows you do not want imported, then import again.")


def _spread(header: list[str], position: int, first: int, last: int) -> str:
    """Why a row is refused whose number in a column is one cell merged over rows `first` to `last`."""
    from openpyxl.utils import get_column_letter

    return (f"{_heading_text(header[position])} (column {get_column_letter(position + 1)}) is one cell merged "
            f"across rows {first}\u2013{last}, so it would count once on each row: unmerge it and give each row "
            "its own value, then import again.")


_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


def _stray(header: list[str], cells: list[str], kept) -> int | None:
    """The first of a row's cells holding a value under no heading (past the last one, or under
    a blank one), leaving out the cells `kept`."""
    return next((i for i, cell in enumerate(cells)
                 if cell.strip() and (i >= len(header) or not header[i].strip()) and i not in kept), None)


def _merged_over(rows: Rows) -> dict[int, list]:
    """A workbook's merged ranges over each of its rows read."""
    numbers, over = sorted(n for n, _ in rows), {}
    # ranges in a sound workbook never overlap: at most one per cell of a row (to its last, far or not)
    budget = sum(rows.beyond[n][-1][0] + 1 if n in rows.beyond else len(cells) for n, cells in rows)
    for merged in rows.merged:
        for number in numbers[bisect_left(numbers, merged.min_row):bisect_right(numbers, merged.max_row)]:
            over.setdefault(number, []).append(merged)
            budget -= 1
        if budget < 0:
            break
    return over


def _shown_elsewhere(header: list[str], number: int, ranges: list, width: int) -> set[int]:
    """The columns (from 0, up to `width`) of row `number` whose value a merged range shows under a heading:
    every cell of a range but its top-left one (which holds the value), and that one too when a
    column of its range has a heading (`fill_merged` has put the value there)."""
    kept: set[int] = set()
    for merged in ranges:
        first = merged.min_col - 1
        kept.update(range(first + 1, min(merged.max_col, width)))
        if merged.min_row != number or any(h.strip() for h in header[first:merged.max_col]):
            kept.add(first)
    return kept


def _under_no_heading(header_number: int, header: list[str], cells: list[str], delimiter: str | None,
                      number: int = 0, merged: dict[int, list] | None = None,
                      beyond: tuple[tuple[int, str], ...] = ()) -> list[str]:
    """What is wrong with a row holding a value past the last heading or under a blank one
    (nothing when it holds none), which would be lost: in a CSV file a separator inside a value
    without quotes round it splits the value; in a workbook (`delimiter` None; `merged`, its
    merged ranges over each row; `beyond`, its cells far past the headings: `Rows.beyond`) the
    column wants a heading of its own."""
    from openpyxl.utils import get_column_letter

    ranges = merged.get(number, []) if merged else []
    width = beyond[-1][0] + 1 if beyond else len(cells)
    kept = _shown_elsewhere(header, number, ranges, width) if ranges else ()
    stray = _stray(header, cells, kept)
    if stray is None:  # then the first cell far past the headings, if any
        stray, value = next(((i, text) for i, text in beyond if i not in kept), (None, ""))
        if stray is None:
            return []
    else:
        value = cells[stray]
    column = get_column_letter(stray + 1)
    if delimiter is None:
        under_merged = any(m.min_row <= header_number <= m.max_row and m.min_col <= stray + 1 <= m.max_col
                           for m in (merged or {}).get(header_number, []))
        why = " (a heading merged over several columns names only the first of them)" if under_merged else ""
        return [f"Column {column} has no heading in row {header_number}{why}, so '{_heading_text(value)}' "
                f"would not be imported. Give column {column} a heading of its own, or move what it holds under "
                "the heading it belongs to."]
    if len(cells) > len(header):
        where = (f"This row has more cells than the file has column headings ({len(cells)} cells; row {header_number} "
                 f"has {len(header)} column{'s' if len(header) > 1 else ''})")
    else:
        where = f"Column {column} has no heading in row {header_number}"
    name = _SEPARATORS.get(delimiter, "separator")
    example = f' ("Smith{delimiter} John")' if delimiter in ",;" else ""
    return [f"{where}, so '{_heading_text(value)}' would not be imported. A {name} inside a value splits it "
            f"in two: put the value in double quotes{example}. A column of notes needs a heading of its own."]


def _heading_text(heading: str) -> str:
    heading = " ".join(heading.split())
    return heading if len(heading) <= 60 else heading[:40] + "…"


def cell_value(cells: dict[str, str], key: str) -> str:
    """A row's cell for a field, cleaned ("" when the file has no such column)."""
    return clean_text(cells.get(key, ""))


def listed(items: list[str], limit: int = 8, separator: str = ", ") -> str:
    """The first `limit` names of a list in a note, then how many more ("and 4,992 more")."""
    shown = separator.join(items[:limit])
    return shown + (f" and {len(items) - limit:,} more" if len(items) > limit else "")

