"""Reading a sheet of an Excel workbook (.xlsx) into rows of text: `tabular.read_rows` for a workbook.

The zip container is checked first, so a damaged file, a password-protected one or a "zip bomb"
is refused before openpyxl opens it. The sheet read is the one named for the list ("People", or
"PEOPLE " with a space after it), else the one the workbook was saved showing, else the first one
shown: never a hidden one (hidden sheets hold lookups or old copies; one named for the list is
noted, `Rows.hidden_list`, for a refusal for want of the list's columns to name it). A workbook showing the sheet
named for the list and a copy of it ("People (2)", as Excel names a copy) is refused, naming both
and asking to keep one, as a return copied to a second sheet is ("Expenditure_2023" is another
year's sheet, not a copy). A Strict Open XML workbook, which openpyxl cannot read, is refused
saying how to save it as an ordinary one. With `holds` (what marks a
return: its marker line), it is the first sheet shown holding it, whatever it is called, and the
rows read name every sheet shown holding it (`Rows.holding`): a return copied to a second sheet
and filled in there is refused by its import, naming both, rather than one copy read and the
other's answers left out unsaid; a return on a hidden sheet alone is refused, naming the sheet to
show. The rows hidden in the sheet (or set to no height) are noted (`Rows.hidden`), each cell holding
anything in a column the sheet hides (or sets to no width) is a `CellProblem` saying so, and each
number cell is a `Figure`, for `tabular.row_problems` to refuse what the sheet hides or shows once
over two rows. The cells holding a formula whose result is 0 or nothing are noted (`Rows.no_value`).
Text is read as Excel shows it, with its `_xHHHH_` escapes (see `xlsx_escapes`).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from bscp_desktop.domain.validation import and_list
from bscp_desktop.importers.report import SHOW_HIDDEN
from bscp_desktop.importers.tabular import CellProblem, Figure, ImportFileError, Rows, _heading_text, _keep, _size_text, cell_text, fill_merged

MAX_UNZIPPED_BYTES = 250 * 1024 * 1024
MAX_ZIP_RATIO = 200  # a worksheet compresses well, but not this well
#: The first rows of a sheet in which `holds` looks for what marks it (a return's marker line).
MARK_ROWS = 6
#: How many columns a row's list of cells holds at most, unless the first row (a list's headings)
#: is wider: a cell further right is past every heading, and kept apart (`Rows.beyond`).
WIDE = 64
#: The most columns the first row of a sheet may reach: no import has nearly as many headings
#: (a survey's export of a few hundred questions still fits).
WIDEST = 2_048
#: The names of the sheets of instructions the program writes beside a list (a template's, a
#: workbook's notes): never a sheet whose rows an import would leave unread.
INSTRUCTIONS = ("How to fill this in", "Read me")


# How a password-protected workbook (and an Excel 97-2003 .xls) starts: a compound file, not a zip.
_COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1")
# The mark of a part of a zip file locked with a password (its general purpose flag's first bit).
_ENCRYPTED = 0x1
#: What to do with a workbook damaged where Excel may mend it.
REPAIR = "Open it in Excel, which offers to repair a damaged workbook, save it again as .xlsx and import that file."


def _unreadable(path: Path, exc: Exception) -> ImportFileError:
    """Why a workbook that opening or reading refused (`exc`) cannot be imported, in plain words:
    a part that cannot be unpacked, a part every workbook has missing, or what is in a part
    written wrongly (or anything else openpyxl refuses). Never the error's own name."""
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return ImportFileError(f"{path.name} is damaged: part of it cannot be unpacked, so it cannot be read. {REPAIR}")
    if isinstance(exc, KeyError):
        return ImportFileError(
            f"{path.name} is damaged, or is not an Excel workbook: a part every workbook has is missing from it. Open it "
            "in Excel, save it again as .xlsx and import that file (if Excel cannot open it either, ask for a new copy "
            "of the file).")
    # what a part holds is written wrongly (cut short, say), or is what a workbook never holds
    return ImportFileError(f"{path.name} is damaged, or was saved wrongly by the program that made it, so it cannot be "
                           "read: open it in Excel, save it again as .xlsx and import that file.")


def _check_zip(path: Path) -> None:
    not_excel = (
        f"{path.name} is not a valid Excel workbook: the file is damaged, or is another kind of "
        f"file with an {path.suffix} name. Open it in Excel and save it again as .xlsx."
    )
    if not zipfile.is_zipfile(path):
        with path.open("rb") as file:
            if file.read(8) == _COMPOUND_FILE:
                raise ImportFileError(
                    f"{path.name} is protected with a password (or is an Excel 97-2003 workbook "
                    f"with an {path.suffix} name): open it in Excel, remove the password (File, Info, "
                    "Protect Workbook) and save it as .xlsx."
                )
        raise ImportFileError(not_excel)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(not_excel) from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError(not_excel)
    if any(e.flag_bits & _ENCRYPTED for e in entries):  # its parts locked with a password, as a zip file's can be
        raise ImportFileError(f"{path.name} is protected by a password, so it cannot be read: open it, save it "
                              "without a password as an Excel workbook (.xlsx) and import that file.")
    total = sum(e.file_size for e in entries)
    worst = max(
        (e.file_size / max(e.compress_size, 1) for e in entries if e.file_size > 1024 * 1024),
        default=0,
    )
    if total > MAX_UNZIPPED_BYTES or worst > MAX_ZIP_RATIO:
        raise ImportFileError(
            f"{path.name} was refused because it would expand to {_size_text(total)} when opened, far more than "
            "a workbook to import holds (it may be damaged, or made to overload the computer). Open it in Excel, "
            "save it again as a new workbook and import that."
        )


def xlsx_rows(path: Path, prefer_sheet: str | None, holds: Callable[[Rows], object] | None = None) -> Rows:
    """The rows of the sheet read (see the module notes). `holds(rows)` says what a sheet's first
    MARK_ROWS rows hold that marks what is wanted (a return's marker line), or None."""
    _check_zip(path)
    from bscp_desktop.importers.xlsx_escapes import XlsxReader  # defusedxml is installed, so openpyxl parses safely

    try:
        reader = XlsxReader(path, read_only=True, data_only=True)
        reader.read()
        wb = reader.wb
        lost = [sheet.name for sheet, rel in reader.parser.find_sheets()
                if rel.target not in reader.valid_files and "chartsheet" not in rel.Type]
    except PermissionError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        _refuse_strict(path)
        raise _unreadable(path, exc) from exc
    try:
        if lost:  # openpyxl leaves out a sheet the workbook names but does not hold
            raise ImportFileError(
                f"{path.name} is damaged: the sheet '{lost[0]}' it lists is missing from it, so it cannot be read. {REPAIR}")
        sheets = wb.worksheets
        if not sheets:
            _refuse_strict(path)  # openpyxl finds no sheet in one: it reads only the ordinary kind
            raise ImportFileError(f"{path.name} has no worksheets: there is nothing to import.")
        # the sheet named for the list; else the sheet the workbook was saved showing (a list
        # after a sheet of instructions, or a hidden sheet of lookups), else the first one shown
        shown = [c for c in sheets if getattr(c, "sheet_state", "visible") == "visible"] or sheets
        sheet = _named(shown, prefer_sheet)
        if sheet is not None and holds is None:  # a return's copies are found by what they hold (`return_sheets`)
            _refuse_copies(path, sheet, [c for c in shown if c is not sheet and _copy_of(c.title, prefer_sheet)])
        # a sheet named for the list that is hidden is never read, but named where the list's columns are wanted
        hidden_list = _named([c for c in sheets if c not in shown], prefer_sheet) if sheet is None and holds is None else None
        if sheet is None:
            sheet = wb.active if wb.active in shown else shown[0]
        try:
            rows = _sheet_rows(path, wb, sheet)
            if holds:  # every sheet shown holding what is wanted, the first of them read if this one does not
                holding = [(c, mark) for c in shown
                           if (mark := holds(rows if c is sheet else _sheet_rows(path, wb, c, head=MARK_ROWS)))]
                if holding and all(c is not sheet for c, _mark in holding):
                    sheet = holding[0][0]
                    rows = _sheet_rows(path, wb, sheet)
                elif not holding:  # it may be on a hidden sheet: say so, not that the workbook holds none
                    _refuse_hidden_holding(path, wb, [c for c in sheets if c not in shown], holds)
                rows.holding = tuple((c.title, mark) for c, mark in holding)
                _refuse_beyond(path, sheet.title, rows)
        except (ImportFileError, PermissionError):
            raise
        except Exception as exc:
            raise _unreadable(path, exc) from exc
        if not rows and len(sheets) > 1:  # the list may be on another sheet: say which one was read
            raise ImportFileError(
                f"The sheet '{sheet.title}' of {path.name} is empty: put the list on that sheet "
                "(or delete the empty sheet) and import it again."
            )
        rows.sheet, rows.sheets = sheet.title, len(sheets)
        rows.hidden_list = hidden_list.title if hidden_list is not None else None
        rows.unread = tuple(c.title for c in shown if c is not sheet and c.title not in INSTRUCTIONS)
        return rows
    finally:
        wb.close()


#: How the parts of a Strict Open XML workbook name what they hold (an ordinary one's: schemas.openxmlformats.org).
_STRICT = b"http://purl.oclc.org/ooxml/"


def _refuse_strict(path: Path) -> None:
    """Refuse a workbook saved as a Strict Open XML Spreadsheet (Excel's Save As offers it), which openpyxl
    cannot read, saying how to save it as an ordinary one: its workbook part names the strict kind."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            strict = any(_STRICT in archive.read(name)[:4096] for name in ("xl/workbook.xml", "_rels/.rels") if name in names)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return
    if strict:
        raise ImportFileError(
            f"{path.name} is saved as a Strict Open XML Spreadsheet, which this program cannot read: open it in "
            "Excel, choose File, Save As, pick 'Excel Workbook (.xlsx)' as the type, save it and import that file.")


def _refuse_hidden_holding(path: Path, wb, hidden: list, holds: Callable[[Rows], object]) -> None:
    """Refuse a workbook whose return (what `holds` looks for) is on a hidden sheet alone, naming it:
    it is never read from there, as what is hidden is not imported."""
    for sheet in hidden:
        if holds(_sheet_rows(path, wb, sheet, head=MARK_ROWS)):
            raise ImportFileError(
                f"The sheet '{sheet.title}' of {path.name} holds the return, but it is hidden: show it {SHOW_HIDDEN}.")


def _refuse_far_first_row(path: Path, title: str, number: int, cells: list[str]) -> None:
    """Refuse a sheet whose first row reaches past `WIDEST` columns (every row would be read as
    wide), naming the cell: one standing apart after `WIDE` empty columns or more, else the last."""
    from openpyxl.utils import get_column_letter

    filled = [i for i, text in enumerate(cells) if text.strip()]
    apart = next((i for before, i in zip(filled, filled[1:], strict=False) if i - before > WIDE), None)
    where = apart if apart is not None else filled[-1]
    cell = f"Cell {get_column_letter(where + 1)}{number} of the sheet '{title}' of {path.name} holds '{_heading_text(cells[where])}'"
    if apart is not None:
        raise ImportFileError(f"{cell}, far to the right of the other headings: delete it, or move it next to them, "
                              "then import again.")
    raise ImportFileError(f"{cell}, the last of {len(filled):,} headings in its first row, where no import has more "
                          f"than {WIDEST:,}: keep only the columns to import, then import again.")


def _refuse_beyond(path: Path, title: str, rows: Rows) -> None:
    """Refuse a return with a cell far to the right of its table (`Rows.beyond`), naming it: it would not be imported."""
    if rows.beyond:
        from openpyxl.utils import get_column_letter

        number, ((column, text), *_others) = min(rows.beyond.items())
        raise ImportFileError(
            f"Cell {get_column_letter(column + 1)}{number} of the sheet '{title}' of {path.name} holds "
            f"'{_heading_text(text)}', far to the right of the return's table, so it would not be imported: move it "
            "into the column of answers it belongs in (or delete it), then import again.")


def _named(shown: list, name: str | None):
    """The sheet shown called `name`, whatever its capitals, and with spaces before or after its
    title ("BOOKINGS "); one called exactly `name` (capitals aside) first."""
    if not name:
        return None
    wanted = name.strip().casefold()
    return (next((c for c in shown if c.title.casefold() == name.casefold()), None)
            or next((c for c in shown if c.title.strip().casefold() == wanted), None))


#: A sheet's copy as Excel ("People (2)"), LibreOffice ("People_2") and Google Sheets ("Copy of People") name it;
#: a year after the name ("Expenditure_2023", "Contributions (2023)") makes another sheet, not a copy.
_COPY = re.compile(r"(?:copy of\s+)?(?P<name>.*?)(?:\s*\((?!(?:19|20)\d\d\))\d+\)|_(?!(?:19|20)\d\d$)\d+)?", re.IGNORECASE)
_HOW_MANY = {2: "Two", 3: "Three", 4: "Four"}


def _copy_of(title: str, name: str) -> bool:
    """Whether a sheet called `title` is the sheet called `name` or a copy of it, whatever its
    capitals and spaces before or after."""
    found = _COPY.fullmatch(title.strip())
    return found is not None and found["name"].strip().casefold() == name.strip().casefold()


def _refuse_copies(path: Path, sheet, copies: list) -> None:
    """Refuse a workbook showing the list's sheet and copies of it (the sheet copied in Excel and
    edited there), naming them all: which holds the rows meant cannot be told, and reading one
    would leave the other's changes out unsaid."""
    if copies:
        titles = and_list([f"'{c.title}'" for c in (sheet, *copies)])
        many = len(copies) + 1
        others = ("the other (or move it to a workbook of its own)" if many == 2
                  else "the others (or move them to workbooks of their own)")
        raise ImportFileError(
            f"{_HOW_MANY.get(many, many)} sheets of {path.name} hold the {sheet.title.strip()} list: {titles}, "
            f"{'a copy' if many == 2 else 'copies'} of it. Keep one: delete {others}, then import again.")


#: A row lower than this (in points) shows nothing: Excel draws it at no height (0.75 point is one pixel).
_SHOWS_NOTHING = 0.75


def _hidden(row_dimensions: dict) -> frozenset:
    """The numbers of the rows the sheet hides: hidden (by hand, by a filter, in a collapsed
    group), or given a height of 0 (or too low to show anything)."""
    return frozenset(int(number) for number, attrs in row_dimensions.items()
                     if str(attrs.get("hidden", "")).strip().casefold() in ("1", "true") or _no_height(attrs.get("ht")))


def _no_height(height: str | None) -> bool:
    """Whether a row's height as saved (`ht`, in points) is too low to show anything."""
    try:
        return 0 <= float(height) < _SHOWS_NOTHING
    except (TypeError, ValueError):  # none saved (the sheet's own), or not a number
        return False


#: A column narrower than this (in characters) shows nothing: Excel draws 0.08 as one pixel.
_NARROWEST = 0.08
#: Why a cell in a hidden column is refused, after its heading and column ("Notes (column F) ...").
HIDDEN_COLUMN = ("is hidden in the workbook (by hand, in a collapsed group or made too narrow to show): unhide the "
                 "column, or clear it, then import again")


def _hidden_columns(column_dimensions: dict, width: int) -> list[int]:
    """The columns (from 0, up to `width`) the sheet hides: hidden (by hand, in a collapsed group), or
    given a width too narrow to show anything. One entry of the sheet's columns covers the columns
    from its `min` to its `max` (a group of columns is often one)."""
    hidden: set[int] = set()
    for attrs in column_dimensions.values():
        if str(attrs.get("hidden", "")).strip().casefold() in ("1", "true") or _no_width(attrs.get("width")):
            try:
                first, last = int(attrs["min"]), int(attrs.get("max") or attrs["min"])
            except (KeyError, ValueError):  # not a column: nothing it could hide
                continue
            hidden.update(range(max(first, 1) - 1, min(last, width)))
    return sorted(hidden)


def _no_width(width: str | None) -> bool:
    """Whether a column's width as saved (in characters) is too narrow to show anything."""
    try:
        return 0 <= float(width) < _NARROWEST
    except (TypeError, ValueError):  # none saved (the sheet's own), or not a number
        return False


def _mark_hidden_cells(rows: Rows, column_dimensions: dict) -> None:
    """Make each cell holding anything in a column the sheet hides a `CellProblem` saying so, keeping
    its text: the person importing did not see it, as with a hidden row."""
    hidden = _hidden_columns(column_dimensions, max((len(cells) for _number, cells in rows), default=0))
    for _number, cells in rows if hidden else ():
        for i in hidden:
            if i >= len(cells):
                break
            if cells[i].strip():
                cells[i] = CellProblem(cells[i], HIDDEN_COLUMN)


def _sheet_rows(path: Path, wb, sheet, head: int | None = None) -> Rows:
    """The sheet's rows, each cell as Excel shows it (with `head`, its first rows only). Every row
    the sheet holds is read (the size it declares for itself can be wrong). A formula is read as
    the result Excel saved for it (a number, a date or text), never as the formula; a cell holding
    an error (#REF!, #N/A), or a formula with no saved result, is a `CellProblem`, and so is a date
    at Excel's serial 60 (its 29/02/1900, a day that never was: Excel counts 1900 as a leap year),
    or one Excel cannot show (`_number_shown`). A number shown with leading zeros is read so.
    A merged cell's value fills its range. The rows hidden are noted in `Rows.hidden`; a cell holding
    anything in a hidden column is a `CellProblem`. Text is read as Excel shows it (`xlsx_escapes`). A row's list of
    cells stops at the first row's width (at least `WIDE` columns; not with `head`): a cell further
    right is in `Rows.beyond`, so a stray value in column XFD costs no list of 16,384 cells."""
    from openpyxl.utils.datetime import WINDOWS_EPOCH
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    from bscp_desktop.importers.xlsx_escapes import decoded, line_breaks

    codes: dict[int, str | None] = {}  # each style's number format, once a number in it is read

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)  # with data_only, the saved result of a formula
            cell["error"] = element.get("t") == "e"  # as saved, not a date out of range
            if element.get("t", "n") == "n" and cell["value"] is not None:  # a number, perhaps shown as a date
                style = cell["style_id"] or 0
                code = codes[style] if style in codes else codes.setdefault(style, _format_code(wb, style))
                _number_shown(cell, element.findtext(VALUE_TAG), code, self.epoch == WINDOWS_EPOCH)
            if element.find(FORMULA_TAG) is not None:
                try:
                    formula = self.parse_formula(element)
                except Exception:  # a shared formula that cannot be worked out for this cell
                    formula = "="
                cell["formula"] = str(getattr(formula, "text", None) or formula)
                cell["no_value"] = _no_value(element.get("t", "n"), element.findtext(VALUE_TAG))
            value = cell["value"]
            if element.get("t") == "str" and isinstance(value, str):  # a formula's text result, as Excel saves it
                value = cell["value"] = line_breaks(decoded(value))
            if (cell["data_type"] == "d" and isinstance(value, datetime) and value.year == 1900
                    and value.month == 2 and value.day == 28 and self.epoch == WINDOWS_EPOCH):
                cell["leap_day"] = _serial_60(element.findtext(VALUE_TAG))  # 59 is 28/02/1900 too
            return cell

    rows, limit = Rows(), None  # the columns a row's list holds, once the first row is read
    with sheet._get_source() as source:
        parser = Parser(source, sheet._shared_strings, data_only=True, epoch=wb.epoch,
                        date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, found in parser.parse():
            if not found:
                continue
            if limit is not None and any(c["column"] > limit for c in found):
                far = sorted((c["column"] - 1, text) for c in found if c["column"] > limit and (text := _shown(c)).strip())
                if far:
                    rows.beyond[number] = tuple(far)
                found = [c for c in found if c["column"] <= limit]
            cells = [""] * max((c["column"] for c in found), default=0)
            for c in found:
                cells[c["column"] - 1] = _shown(c)
            if no_value := frozenset(c["column"] - 1 for c in found if c.get("no_value")):
                rows.no_value[number] = no_value
            _keep(rows, number, cells, path, number in rows.beyond)
            if head and len(rows) >= head:
                return rows
            if limit is None and rows and not head:
                limit = max(len(rows[0][1]), WIDE)
                if limit > WIDEST:  # a stray cell far along the first row would make every row that wide
                    _refuse_far_first_row(path, sheet.title, *rows[0])
    rows.hidden = _hidden(parser.row_dimensions)
    _mark_hidden_cells(rows, parser.column_dimensions)
    if rows and parser.merged_cells is not None:
        rows.merged = tuple(parser.merged_cells.mergeCell)
        fill_merged(rows, rows.merged)
    return rows


def _no_value(kind: str, saved: str | None) -> bool:
    """Whether a formula's result as saved (`saved`, of type `kind`) is 0 or nothing: what a formula
    filled down a column shows on the rows nobody has filled in."""
    if kind == "str":
        return not saved
    try:
        return kind == "n" and float(saved or "") == 0
    except ValueError:
        return False


def _serial_60(saved: str | None) -> bool:
    """Whether a date cell's saved serial is 60 (a time of day on it too): Excel's 29/02/1900."""
    try:
        return 60 <= float(saved or "") < 61
    except ValueError:
        return False


def _format_code(wb, style: int) -> str | None:
    """The number format of the workbook's cell style `style` ("dd/mm/yyyy", "00000"), None if it has none."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        number = wb._cell_styles[style].numFmtId
        return wb._number_formats[number - BUILTIN_FORMATS_MAX_SIZE] if number >= BUILTIN_FORMATS_MAX_SIZE else BUILTIN_FORMATS.get(number)
    except (IndexError, AttributeError, TypeError):
        return None


#: A number format showing a whole number with its leading zeros, as phone numbers and references are
#: given: zeros ("00000000000") or places (#) with spaces or hyphens between them ("00000 000000"), and
#: digits, spaces or hyphens in quotes or after a backslash ('"0"#### ######').
_PADDING = re.compile(r'(?:[0# -]|\\[0-9 -]|"[0-9 -]*")+')
_PIECE = re.compile(r'[0#]|\\(.)|"([^"]*)"|(.)')
#: A date format's day or year (a letter not after _ or a backslash): not a time of day alone; `_NOT_SHOWN` is
#: what in a format shows no date (text in quotes, a colour or locale in [brackets]).
_DAY_OR_YEAR = re.compile(r"(?<![_\\])[dyDY]")
_NOT_SHOWN = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')


def _number_shown(cell: dict, saved: str | None, code: str | None, windows: bool) -> None:
    """Note in `cell` what a number cell shows that its value does not: a date Excel cannot show
    (`no_date`: out of its range, before its first day, or its day 0, 00/01/1900, a day that never
    was), or the number with its leading zeros (`padded`), under its number format `code`, in a
    workbook counting from 1900 (`windows`, as Excel for Windows does) or from 1904."""
    value, first = cell["value"], "01/01/1900" if windows else "01/01/1904"
    if cell["data_type"] == "e":  # openpyxl's mark of a date too far on for Python's dates
        cell["no_date"] = (saved or "", f"holds a date outside the range of dates Excel can show ({first} to "
                                        "31/12/9999), so Excel shows ########: enter the date meant, then import again")
    elif cell["data_type"] == "d":
        serial = float(saved or 0)
        if serial < 0:
            cell["no_date"] = (saved or "", f"holds a date before {first}, the first date Excel can show: enter the "
                                            "date meant, then import again")
        elif serial < 1 and _DAY_OR_YEAR.search(_NOT_SHOWN.sub("", (code or "").split(";")[0])):
            if windows:  # openpyxl reads it as a time of day alone
                cell["no_date"] = ("00/01/1900", "holds 00/01/1900, which is not a real date (the number 0 shown as "
                                                 "a date): enter the date meant (or clear the cell), then import again")
            elif isinstance(value, time):  # a workbook counting from 1904: its day 0 is 01/01/1904
                cell["value"] = datetime.combine(date(1904, 1, 1), value)
    elif code and _PADDING.fullmatch(code) and isinstance(value, int | float):
        cell["padded"] = _padded(value, code)


def _padded(value: float, code: str) -> str | None:
    """A whole number (not below 0) as a zero-padding number format `code` (`_PADDING`) shows it:
    "07700900123" for 7700900123 under "00000000000"; None for another number, or a `code` padding nothing."""
    pieces = [(found[0] if found[0] in "0#" else None, found[1] or found[2] or found[3] or "")
              for found in _PIECE.finditer(code)]
    places = [at for at, (place, _text) in enumerate(pieces) if place]
    if (not places or not 0 <= value < 1e15 or float(value) != int(value)
            or not any(place == "0" or any(c.isdigit() for c in text) for place, text in pieces)):
        return None
    digits, out = str(int(value)) if value else "", []
    for at, (place, text) in reversed(list(enumerate(pieces))):
        if not place:
            out.append(text)
        elif at == places[0]:  # the first place takes every digit left (a number longer than the format)
            out.append(digits or ("0" if place == "0" else ""))
        else:
            out.append(digits[-1:] or ("0" if place == "0" else ""))
            digits = digits[:-1]
    return "".join(reversed(out))


def _shown(cell: dict) -> str:
    value, formula = cell["value"], cell.get("formula")
    if no_date := cell.get("no_date"):
        return CellProblem(*no_date)
    if cell["error"]:
        return CellProblem(formula or str(value), f"holds a spreadsheet error ({value}): correct the cell "
                                                  "in Excel (or clear it), then import again")
    if formula is not None and value is None and cell["data_type"] != "str":  # "str": the result is ""
        return CellProblem(formula, f"holds a formula Excel has not worked out ('{formula}'): open the "
                                    "file in Excel, save it there, then import again")
    if cell.get("leap_day"):
        return CellProblem("29/02/1900", "holds 29/02/1900, which is not a real date (Excel's 1900 leap-year error): "
                                         "enter the date meant, then import again")
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Figure(cell.get("padded") or cell_text(value))
    return cell_text(value)
