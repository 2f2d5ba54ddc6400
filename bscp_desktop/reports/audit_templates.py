"""Return workbooks partners fill in: one agency's Section 11 return, and one agency's case
audit return. Built from plain data.

Each workbook's question cells (the standards, the cases, the agency) are locked by sheet
protection (no password: it stops accidents, not people); the answer cells are unlocked and
tinted. Ratings and gradings are chosen from Excel drop-downs (data validation), and a second
line under the title says which cycle or audit and which agency the return belongs to, so the
importer can refuse any other workbook. User text is written as text, never as a formula, and
every cell through `set_cell` (text holding an `_xHHHH_` sequence reads as typed).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bscp_desktop.domain.audits import GRADING_COLOURS, Grading
from bscp_desktop.domain.section11 import RATING_COLOURS, RatingScale
from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.xlsx import MAX_CELL_CHARS, OFFICIAL_SENSITIVE, clean_text, set_cell
from bscp_desktop.reports.xlsx_cells import header_footer_text, split_long_text

S11_SHEET = "Section 11 return"
AUDIT_SHEET = "Audit return"
S11_MARKER = "Made by BSCP Desktop: Section 11 return, cycle {cycle}, agency {agency}. Keep this line."
AUDIT_MARKER = "Made by BSCP Desktop: audit return, audit {audit}, agency {agency}. Keep this line."

S11_HEADERS = ("No.", "Standard", "What to consider", "Rating", "Reason if not applicable", "Evidence",
               "Your improvement action", "Action due by")
AUDIT_HEADERS = ("Case", "Alias", "Age band", "Good practice", "Areas for development", "Grading")


def rating_choices(scale: RatingScale = RatingScale.RAG) -> tuple[str, ...]:
    """The drop-down of a return's Rating column: the cycle's scale, then Not applicable."""
    return tuple(r.label for r in scale.ratings)

GRADING_CHOICES = tuple(g.label for g in Grading)

_ANSWER_FILL = PatternFill("solid", start_color="FFF8DC", end_color="FFF8DC")
_HEADER_FILL = PatternFill("solid", start_color="DCE6F1", end_color="DCE6F1")
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(vertical="top", wrap_text=True)
_THIN = Side(style="thin", color="B8C2CC")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GREY = Font(color="666666", size=9, italic=True)
MAX_ROW_HEIGHT = 409  # points: Excel refuses a taller row
_LINE_HEIGHT = 15
_LINE_WIDTH = 150  # characters on a line of an instruction, merged across the sheet's columns
#: The most text (counted as Excel counts it) an instruction row shows at the tallest row Excel
#: allows; a longer line goes on in the rows below it, so none is hidden or cut.
_ROW_TEXT = (MAX_ROW_HEIGHT // _LINE_HEIGHT) * _LINE_WIDTH


@dataclass(frozen=True)
class S11TemplateRow:
    number: int
    title: str
    questions: tuple[str, ...]
    rating: str = ""  # the rating's label, when the agency already answered
    reason: str = ""
    evidence: str = ""
    action: str = ""
    action_due: date | None = None


@dataclass(frozen=True)
class S11Template:
    partnership_name: str
    cycle_id: int
    cycle_name: str
    due_on: date | None
    organisation_id: int
    organisation_name: str
    contact: str
    rows: tuple[S11TemplateRow, ...]
    scale: RatingScale = RatingScale.RAG  # the cycle's: red, amber, green, or a score from 0 to 3


@dataclass(frozen=True)
class AuditTemplateRow:
    case_reference: str
    alias: str
    age_band: str
    good_practice: str = ""
    areas_for_development: str = ""
    grading: str = ""


@dataclass(frozen=True)
class AuditTemplate:
    partnership_name: str
    audit_id: int
    reference: str
    title: str
    theme: str
    returns_due: date | None
    organisation_id: int
    organisation_name: str
    questions: tuple[str, ...]
    rows: tuple[AuditTemplateRow, ...]


# --------------------------------------------------------------------------- shared layout


def _put(ws, ref: str, value, *, kind: str = "text", locked: bool = True, bold: bool = False, wrap: bool = True,
         what: str = "", fix: str = ""):
    """Write one cell. Text too long for an Excel cell (counted as Excel counts it) is refused,
    naming it as `what` ("Standard 3's evidence for Brent Council") with `fix`: a return keeps
    one row per standard or case, which its import reads back, so the text cannot go on in the
    row below (the import would take that row for a standard without a number), and a cut cell
    imported back would save the cut text over the whole one."""
    if isinstance(value, str) and len(split_long_text(clean_text(value))) > 1:
        units = len(clean_text(value).encode("utf-16-le")) // 2
        raise ValueError(f"{what or 'Cell ' + ref} is too long for one cell of the return ({units:,} characters as "
                         f"Excel counts them, where emoji and some other characters count as two; Excel holds at "
                         f"most {MAX_CELL_CHARS:,}): {fix or 'shorten it'}, then write the return again.")
    cell = set_cell(ws[ref], value, kind)
    cell.protection = _LOCKED if locked else _UNLOCKED
    cell.alignment = _WRAP if wrap else Alignment(vertical="top")
    if bold:
        cell.font = Font(bold=True)
    if not locked:
        cell.fill = _ANSWER_FILL
        cell.border = _BOX
    return cell


def _title_block(ws, title: str, marker: str, facts: Sequence[tuple[str, object, str, bool]], last_col: str) -> int:
    """Title, the marker line and label/value facts; returns the next free row."""
    set_cell(ws["A1"], title).font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_col}1")
    set_cell(ws["A2"], marker).font = _GREY
    ws.merge_cells(f"A2:{last_col}2")
    row = 3
    for label, value, kind, answer in facts:
        _put(ws, f"A{row}", label, bold=True)
        cell = _put(ws, f"B{row}", value, kind=kind, locked=not answer, wrap=False)
        if kind == "date":
            cell.number_format = "dd/mm/yyyy"
        row += 1
    return row


def _height(lines: int) -> int:
    """A row's height in points for `lines` lines of text, no taller than Excel allows."""
    return min(MAX_ROW_HEIGHT, _LINE_HEIGHT * max(1, lines))


def _instructions(ws, row: int, lines: Sequence[str], last_col: str) -> int:
    """Each line on its own merged row; a line longer than a row shows (an audit's many
    questions) goes on in the rows below it."""
    for line in lines:
        for piece in split_long_text(clean_text(line), _ROW_TEXT):
            _put(ws, f"A{row}", piece)
            ws.merge_cells(f"A{row}:{last_col}{row}")
            ws.row_dimensions[row].height = _height(len(piece) // _LINE_WIDTH + 1)
            row += 1
    return row + 1


def _header(ws, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col)
        set_cell(cell, text)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = _WRAP
        cell.protection = _LOCKED
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate
    ws.print_title_rows = f"{row}:{row}"


def _drop_down(ws, choices: Sequence[str], ref: str, what: str) -> DataValidation:
    validation = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorStyle="stop", errorTitle=f"Choose a {what}",
        error=f"Choose one of: {', '.join(choices)}.", showInputMessage=True, promptTitle=what.capitalize(),
        prompt=f"Choose from the list: {', '.join(choices)}.",
    )
    validation.add(ref)
    ws.add_data_validation(validation)
    return validation


def _colour_rules(ws, ref: str, colours: dict[str, str]) -> None:
    """Colour each choice of a drop-down column. A score is matched as the number Excel keeps
    when it is picked or typed and as text alike (an empty cell is no score of 0)."""
    top = ref.split(":")[0]
    for word, colour in colours.items():
        fill = PatternFill("solid", start_color=colour.lstrip("#").upper(), end_color=colour.lstrip("#").upper())
        if word.isdigit():
            rule = FormulaRule(formula=[f'OR(AND(ISNUMBER({top}),{top}={word}),{top}="{word}")'], fill=fill)
        else:
            rule = CellIsRule(operator="equal", formula=[f'"{word}"'], fill=fill)
        ws.conditional_formatting.add(ref, rule)


def _rating_value(label: str) -> str | int:
    """A rating as its cell holds it: a score as a number (as Excel keeps one picked from the
    drop-down), any other rating as its word."""
    return int(label) if label.isdigit() else label


def _protect_and_print(ws, wb: Workbook, title: str, partnership: str, sensitive: bool) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # partners may widen columns and rows to read long text
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = header_footer_text(partnership)
    ws.oddFooter.right.text = "Page &P of &N"
    props = wb.properties
    props.creator = "BSCP Desktop"
    props.title = clean_text(title) + (f" ({OFFICIAL_SENSITIVE})" if sensitive else "")
    if sensitive:
        props.keywords = OFFICIAL_SENSITIVE
        props.subject = OFFICIAL_SENSITIVE
        for part in (ws.oddHeader.center, ws.oddFooter.center):
            part.text = OFFICIAL_SENSITIVE
            part.font = ",Bold"


def _return_sheet(sheet: str, title: str, marker: str, facts: Sequence[tuple[str, object, str, bool]],
                  instructions: Sequence[str], headers: Sequence[str],
                  widths: Sequence[float]) -> tuple[Workbook, Worksheet, int]:
    """A return's workbook, its one sheet laid out down to its header row: the title, the
    marker line, the facts, the instructions, then the headers over columns of `widths`;
    with the sheet's first row of answers."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    last = get_column_letter(len(headers))
    row = _instructions(ws, _title_block(ws, title, marker, facts, last), instructions, last)
    _header(ws, row, headers)
    for col, (_heading, width) in enumerate(zip(headers, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return wb, ws, row + 1


def _save(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    buffer = io.BytesIO()
    wb.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


# --------------------------------------------------------------------------- Section 11


def s11_workbook(data: S11Template) -> Workbook:
    wb, ws, first = _return_sheet(
        S11_SHEET, f"Section 11 self-assessment {data.cycle_name}: {data.organisation_name}",
        S11_MARKER.format(cycle=data.cycle_id, agency=data.organisation_id),
        [("Agency", data.organisation_name, "text", False), ("Cycle", data.cycle_name, "text", False),
         ("Return due by", data.due_on, "date", False), ("Completed by", data.contact, "text", True)],
        [
            _rating_instruction(data.scale),
            "Give the evidence for your rating, and the improvement action you will take with the date it will be "
            "done by. Type only in the tinted cells; the other cells are locked. Keep the line under the title: "
            f"it tells {data.partnership_name} which return this is.",
        ],
        S11_HEADERS, (6, 34, 48, 16, 24, 44, 36, 13),
    )
    for offset, item in enumerate(data.rows):
        r = first + offset
        whose = f"Standard {item.number}'s {{}} for {data.organisation_name}"
        answer = {"locked": False, "fix": f"shorten it in the Audits tab (Section 11, {data.cycle_name})"}
        standard = {"fix": f"shorten the standard in the Audits tab (Section 11, {data.cycle_name})"}
        _put(ws, f"A{r}", item.number, kind="int", wrap=False)
        _put(ws, f"B{r}", item.title, what=whose.format("title"), **standard)
        _put(ws, f"C{r}", "\n".join(f"• {q}" for q in item.questions), what=whose.format("questions"), **standard)
        rating = _rating_value(item.rating)
        _put(ws, f"D{r}", rating, kind="int" if isinstance(rating, int) else "text", locked=False, wrap=False)
        _put(ws, f"E{r}", item.reason, what=whose.format("reason if not applicable"), **answer)
        _put(ws, f"F{r}", item.evidence, what=whose.format("evidence"), **answer)
        _put(ws, f"G{r}", item.action, what=whose.format("improvement action"), **answer)
        due = _put(ws, f"H{r}", item.action_due, kind="date", locked=False, wrap=False)
        due.number_format = "dd/mm/yyyy"
        ws.row_dimensions[r].height = max(60, _height(len(item.questions) + 1))
    last_row = first + max(len(data.rows), 1) - 1
    _drop_down(ws, rating_choices(data.scale), f"D{first}:D{last_row}", "rating")
    dates = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)", formula2="DATE(2200,12,31)",
                           allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle="Enter a date",
                           error="Enter the date the action will be done by, as dd/mm/yyyy.")
    dates.add(f"H{first}:H{last_row}")
    ws.add_data_validation(dates)
    _colour_rules(ws, f"D{first}:D{last_row}", {r.label: RATING_COLOURS[r] for r in data.scale.ratings})
    _protect_and_print(ws, wb, f"Section 11 return {data.cycle_name}: {data.organisation_name}",
                       data.partnership_name, sensitive=False)
    guide = wb.create_sheet("Ratings")
    guide["A1"], guide["B1"] = "Score" if data.scale is RatingScale.SCORE else "Rating", "Meaning"
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    for i, rating in enumerate(data.scale.ratings, start=2):
        set_cell(guide[f"A{i}"], _rating_value(rating.label), "int" if rating.label.isdigit() else "text")
        set_cell(guide[f"B{i}"], rating.meaning)
        colour = RATING_COLOURS[rating].lstrip("#").upper()
        guide[f"A{i}"].fill = PatternFill("solid", start_color=colour, end_color=colour)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 60
    guide.protection.sheet = True
    return wb


def _rating_instruction(scale: RatingScale) -> str:
    """The first line of a Section 11 return: how to rate, on the cycle's scale."""
    if scale is RatingScale.SCORE:
        return ("For each standard, choose a score from 0 to 3 in the Rating column: " + scale.guide
                + " The Ratings sheet says the same.")
    return ("For each standard, choose a rating in the Rating column: Red (below the minimum expected), Amber "
            "(meets the minimum but needs improvement), Green (fully met), or Not applicable (then say why).")


def write_s11_template(data: S11Template, path: str | os.PathLike[str]) -> Path:
    return _save(s11_workbook(data), path)


# --------------------------------------------------------------------------- case audits


def audit_workbook(data: AuditTemplate) -> Workbook:
    wb, ws, first = _return_sheet(
        AUDIT_SHEET, f"Multi-agency case audit {data.reference}: {data.title}",
        AUDIT_MARKER.format(audit=data.audit_id, agency=data.organisation_id),
        [("Agency", data.organisation_name, "text", False), ("Audit", f"{data.reference} {data.title}", "text", False),
         ("Theme", data.theme, "text", False), ("Returns due by", data.returns_due, "date", False)],
        [
            f"{OFFICIAL_SENSITIVE}. Cases are named by the audit's reference and an alias only: never write a "
            "child's or family member's name, or a case number from your own system.",
            "For each case, note the good practice and the areas for development you found, and grade your "
            "agency's practice from the drop-down: Outstanding, Good, Requires improvement or Inadequate.",
            "Questions to consider: " + " ".join(f"({i}) {q}" for i, q in enumerate(data.questions, start=1)),
            "Type only in the tinted cells; the other cells are locked. Keep the line under the title.",
        ],
        AUDIT_HEADERS, (20, 14, 16, 50, 50, 22),
    )
    for offset, item in enumerate(data.rows):
        r = first + offset
        _put(ws, f"A{r}", item.case_reference, wrap=False)
        _put(ws, f"B{r}", item.alias, wrap=False)
        _put(ws, f"C{r}", item.age_band, wrap=False)
        whose = f"Case {item.case_reference}'s {{}} for {data.organisation_name}"
        answer = {"locked": False, "fix": f"shorten it in the Audits tab (Case audits, {data.reference})"}
        _put(ws, f"D{r}", item.good_practice, what=whose.format("good practice"), **answer)
        _put(ws, f"E{r}", item.areas_for_development, what=whose.format("areas for development"), **answer)
        _put(ws, f"F{r}", item.grading, locked=False, wrap=False)
        ws.row_dimensions[r].height = 90
    last_row = first + max(len(data.rows), 1) - 1
    _drop_down(ws, GRADING_CHOICES, f"F{first}:F{last_row}", "grading")
    _colour_rules(ws, f"F{first}:F{last_row}", {g.label: GRADING_COLOURS[g] for g in Grading})
    _protect_and_print(ws, wb, f"Audit return {data.reference}: {data.organisation_name}", data.partnership_name,
                       sensitive=True)
    return wb


def write_audit_template(data: AuditTemplate, path: str | os.PathLike[str]) -> Path:
    return _save(audit_workbook(data), path)
