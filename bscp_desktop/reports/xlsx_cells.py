"""What a value becomes in an Excel cell, safely (see `reports.xlsx` for the table of column
kinds): user text never becomes a formula or anything else Excel evaluates, characters XML
cannot hold are removed, text too long for a cell continues on the next row, and sheet names
are made valid. Used by `WorkbookBuilder`; importable from `reports.xlsx` as well.

Under ECMA-376 a cell's text may hold `_xHHHH_`, read as the character U+HHHH (`_x003D_` is
"=", `_x202E_` a right-to-left override). Text holding such a sequence is written as runs of
one inline string, cut just after each underscore that begins one (`literal_runs`): a reader
decodes the sequences of each run's text alone, so Excel, calamine and openpyxl (the program's
own importers) all read the text as typed. (Excel's own escape, `_x005F_`, would be read back
by openpyxl's reader of inline strings as it stands.) Headers and footers, one string each,
take `_x005F_` (`escape_xstring`), which openpyxl decodes there.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from bscp_desktop.domain.validation import excel_length as _excel_length  # the length the services check

KINDS = frozenset({"text", "date", "datetime", "money", "int", "number", "percent", "bool"})

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = '"£"#,##0.00'
INT_FORMAT = "0"
PERCENT_FORMAT = "0.0%"

_NUMBER_FORMATS = {
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
    "money": MONEY_FORMAT,
    "int": INT_FORMAT,
    "percent": PERCENT_FORMAT,
}

MAX_CELL_CHARS = 32767
EXCEL_ROWS = 1_048_576  # rows an Excel sheet holds; WorkbookBuilder reads it as reports.xlsx.EXCEL_ROWS
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
MAX_SHEET_NAME = 31

# Everything XML 1.0 cannot carry: C0 controls other than tab/LF/CR, lone surrogates,
# U+FFFE and U+FFFF. (A superset of openpyxl's ILLEGAL_CHARACTERS_RE.) Spelt as the characters
# it matches, not as the complement of those it allows: the same set, compiled in a millisecond
# instead of twenty (it is compiled whenever the job modules load, e.g. as a meeting opens).
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# A cell starting with one of these could be taken as a formula when edited or re-imported.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_SHEET_NAME_BAD_RE = re.compile(r"[\[\]:*?/\\]")

# The underscore that begins an ECMA-376 escape sequence, `_xHHHH_`; and the whole sequence.
_XSTRING_START_RE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_XSTRING_RE = re.compile("_x([0-9A-Fa-f]{4})_")



@dataclass(frozen=True)
class Formula:
    """A formula the program writes itself (never user text), with the value it gives."""

    text: str  # "=SUM(F2:F9)"
    value: Any = None  # the program's own result, stored as the cell's cached value


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, how values are formatted, optional fixed width.

    `fills` optionally maps a cell's text to a background colour ("RRGGBB"), e.g. a status
    column; the text always stays in the cell, so the colour is never the only signal.
    """

    header: str
    kind: str = "text"
    width: float | None = None
    fills: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; use one of {sorted(KINDS)}")


def clean_text(text: str) -> str:
    """`text` without XML-illegal characters (never cut: see `split_long_text`)."""
    return XML_ILLEGAL_RE.sub("", text)


CONTINUED = "(continued from the row above) "
_NUMERIC_KINDS = ("int", "number", "money", "percent")


def split_long_text(text: str, limit: int = MAX_CELL_CHARS) -> list[str]:
    """`text` in pieces that each fit an Excel cell; after the first, every piece starts with
    CONTINUED. Pieces end at a line break or space where one is near the end."""
    if len(text) <= limit // 2 or _excel_length(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while rest:
        room = limit - (_excel_length(CONTINUED) if pieces else 0)
        if _excel_length(rest) <= room:
            cut = len(rest)
        else:
            cut, used = 0, 0
            for ch in rest:
                size = 2 if ord(ch) > 0xFFFF else 1
                if used + size > room:
                    break
                used += size
                cut += 1
            soft = max(rest.rfind("\n", 0, cut), rest.rfind(" ", 0, cut))
            if soft >= cut * 9 // 10:
                cut = soft + 1
        pieces.append((CONTINUED if pieces else "") + rest[:cut])
        rest = rest[cut:]
    return pieces


def continued_rows(row: list[Any], columns: Sequence[Column]) -> list[list[Any]]:
    """A row whose text overflows a cell, as that row plus continuation rows below it: the long
    text goes on in its own column; other text and dates repeat (so sorting and filtering keep
    the rows together); numbers are left empty so no total counts them twice."""
    split = [split_long_text(v) if isinstance(v, str) else [v] for v in row]
    depth = max(len(s) for s in split)
    if depth == 1:
        return [row]
    rows = [[s[0] for s in split]]
    for i in range(1, depth):
        rows.append([
            (s[i] if i < len(s) else None) if len(s) > 1
            else (None if column.kind in _NUMERIC_KINDS or not isinstance(s[0], (str, date)) else s[0])
            for s, column in zip(split, columns, strict=True)
        ])
    return rows


_MAY_OVERFLOW = MAX_CELL_CHARS // 2  # shorter text fits a cell even if every character counts twice


def each_safe_row(name: str, cols: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Each row's values made safe (`safe_cell_value`), a row too long for a cell continued
    on the rows below it. A row longer than `cols` is a ValueError; a shorter one is padded."""
    kinds = [c.kind for c in cols]
    for number, row in enumerate(rows, start=1):
        values = list(row)
        if len(values) > len(cols):
            raise ValueError(
                f"Row {number} of sheet {name!r} has {len(values)} values for {len(cols)} columns"
            )
        values += [None] * (len(cols) - len(values))
        safe = [safe_cell_value(v, kind) for v, kind in zip(values, kinds, strict=True)]
        if any(type(v) is str and len(v) > _MAY_OVERFLOW for v in safe):
            yield from continued_rows(safe, cols)
        else:
            yield safe


def safe_cell_value(value: Any, kind: str = "text") -> Any:
    """Turn a Python value into what is safe to hand openpyxl for a column of `kind`.

    Returns None, a cleaned `str`, an `int`/`float`/`Decimal`, or a naive `date`/`datetime`.
    A returned `str` must still be written with data type "s" (see `set_cell`), otherwise
    openpyxl would turn "=..." into a formula.
    """
    if value is None:
        return None
    if type(value) is str:  # the most common value first
        return XML_ILLEGAL_RE.sub("", value)
    if isinstance(value, Formula):
        return value
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        if isinstance(label, str):
            return clean_text(label)
        return clean_text(str(value.value if isinstance(value.value, str) else value.name))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.date() if kind == "date" else value
    if isinstance(value, date):
        # Excel has no dates before 1900: such a date (kept by an earlier version) is written
        # as its text rather than as a meaningless number
        return value if value.year >= 1900 else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, time):
        return clean_text(value.strftime("%H:%M"))
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    return clean_text(str(value))


def xstring_decoded(text: str) -> str:
    """`text` as a reader following ECMA-376 would show it written as one run: each `_xHHHH_`
    read as the character U+HHHH."""
    if "_x" not in text:
        return text
    return _XSTRING_RE.sub(lambda found: chr(int(found.group(1), 16)), text)


def literal_runs(text: str) -> list[str]:
    """`text` in pieces that hold no `_xHHHH_` sequence, cut just after each underscore that
    begins one; one piece when it holds none. Written as the runs of one inline string, each is
    read as written, and the pieces join to `text`."""
    if "_x" not in text:
        return [text]
    cuts = [found.start() + 1 for found in _XSTRING_START_RE.finditer(text)]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def escape_xstring(text: str) -> str:
    """`text` with each underscore that begins an `_xHHHH_` sequence written as `_x005F_`, so a
    reader shows the sequence as typed (for text that is one string: a header or footer)."""
    return _XSTRING_START_RE.sub("_x005F_", text) if "_x" in text else text


def needs_quote_prefix(text: str) -> bool:
    """Whether text gets Excel's quote prefix: it starts with a formula character as written,
    or as a reader that decodes its `_xHHHH_` sequences would show it (`_x003D_` is "=")."""
    return text.startswith(FORMULA_TRIGGERS) or (
        text.startswith("_x") and xstring_decoded(text).startswith(FORMULA_TRIGGERS))


def number_format_of(value: Any, kind: str) -> str | None:
    """The number format for a (safe, non-text) value in a column of `kind`, if any."""
    if isinstance(value, Formula):
        value = value.value if value.value is not None else 0
    if value is None or kind not in _NUMBER_FORMATS:
        return None
    if kind in ("date", "datetime") and not isinstance(value, date):
        return None  # a number in a date column: leave it General rather than show 1900 dates
    return _NUMBER_FORMATS[kind]


def assign(cell: Any, value: Any) -> None:
    """Put an already safe value in a cell; a str is forced to data type "s" (one holding an
    `_xHHHH_` sequence written as the runs of `literal_runs`); only a `Formula` (written by the
    program) becomes a formula."""
    if isinstance(value, Formula):
        cell.value = value.text
        cell.data_type = "f"
        return
    if isinstance(value, str) and len(runs := literal_runs(value)) > 1:
        from openpyxl.cell.rich_text import CellRichText

        cell.value = CellRichText(runs)  # runs of plain text, each read as it stands
    else:
        cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # not "f" (formula) or "e" (error), whatever openpyxl guessed


def set_cell(cell: Any, value: Any, kind: str = "text") -> Any:
    """Assign `value` to an openpyxl cell safely (any `str` stays text, never a formula).

    Works for ordinary worksheet cells and write-only cells; use it when writing a sheet by
    hand. Sets the quote prefix on risky text and the number format for the column kind.
    Returns the cell.
    """
    value = safe_cell_value(value, kind)
    assign(cell, value)
    if isinstance(value, str):
        if needs_quote_prefix(value):
            cell.quotePrefix = True
    else:
        number_format = number_format_of(value, kind)
        if number_format:
            cell.number_format = number_format
    return cell


def sanitise_sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no edge apostrophes, at most 31 chars."""
    cleaned = _SHEET_NAME_BAD_RE.sub(" ", XML_ILLEGAL_RE.sub("", str(name)))
    cleaned = " ".join(cleaned.split()).strip("'").strip() or "Sheet"
    if cleaned.casefold() == "history":  # reserved by Excel
        cleaned = "History (1)"
    cleaned = cleaned[:MAX_SHEET_NAME].rstrip("' ") or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, n = cleaned, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = cleaned[: MAX_SHEET_NAME - len(suffix)].rstrip("' ") + suffix
        n += 1
    return candidate


def numbered_sheet_name(name: str, number: int, taken: Iterable[str]) -> str:
    """`name` with a number, "Change history (2)", at most 31 characters and none of `taken`
    (a greater number if it is)."""
    used = {t.casefold() for t in taken}
    while True:
        suffix = f" ({number})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)].rstrip("' ") + suffix
        if candidate.casefold() not in used:
            return candidate
        number += 1


def check_totals(name: str, cols: Sequence[Column], totals: Mapping[int, Any] | None) -> dict[int, Any] | None:
    """`totals` (column index -> the program's total of it) checked: each a number, of a column."""
    if totals is None:
        return None
    for index, value in totals.items():
        if not 0 <= index < len(cols):
            raise ValueError(f"Sheet {name!r} has no column {index} to total")
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(f"The total of {cols[index].header!r} must be a number")
    return dict(totals)


def header_footer_text(text: str, limit: int = 100) -> str:
    """Text for an Excel header/footer section: '&' is a control code there, so double it; an
    `_xHHHH_` sequence is escaped so that it shows as typed."""
    return escape_xstring(clean_text(text).replace("\n", " ").replace("\r", " ")[:limit].replace("&", "&&"))


def longest_width(rows: Iterable[Sequence[Any]], index: int, kind: str) -> int:
    """The widest value of a column in characters, looking no further once it is as wide as a
    column may be."""
    cap = MAX_COLUMN_WIDTH - 2
    longest = 0
    for row in rows:
        value = row[index]
        if value is None:
            continue
        width = len(value) if type(value) is str and "\n" not in value else display_length(value, kind)
        if width > longest:
            longest = width
            if longest >= cap:
                break
    return longest


def column_width(column: Column, longest: int) -> float:
    """A column's width: its own, else from its widest value (`longest` characters) and header."""
    if column.width is not None:
        return float(column.width)
    header_len = len(clean_text(column.header)) + 3  # room for the filter button
    return min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, longest + 2, header_len))


def display_length(value: Any, kind: str) -> int:
    """Rough width in characters that Excel needs to show `value` (already made safe)."""
    if value is None:
        return 0
    if isinstance(value, Formula):
        return display_length(value.value, kind)
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, datetime):
        return 16 if kind != "date" else 10
    if isinstance(value, date):
        return 10
    if kind == "money":
        return len(f"£{value:,.2f}")
    if kind == "percent":
        return len(f"{float(value) * 100:.1f}%")
    if isinstance(value, float):
        return min(len(repr(value)), 15)
    return len(str(value))
