"""The return workbooks partners fill in, read back as Excel would show them: every question of a
long question set reaches the partner within Excel's limits, and a score is coloured however it
was entered."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.db.models.audits import CaseAudit
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RATING_COLOURS, RatingScale
from bscp_desktop.importers import audits as imp
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.reports.xlsx import CONTINUED, MAX_CELL_CHARS
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

LONG = "consider the evidence of multi-agency working and the voice of the child "


def _read_back(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def _audit_data(questions) -> tpl.AuditTemplate:
    return tpl.AuditTemplate("Brent Safeguarding Children Partnership", 7, "MAA-2024-01", "Neglect audit", "Neglect",
                             date(2024, 6, 1), 3, "Brent Council", tuple(questions),
                             (tpl.AuditTemplateRow("MAA-2024-01-C1", "Child A", "5 to 9"),))


def _questions_line(ws) -> tuple[str, list[int]]:
    """The 'Questions to consider' line as written, put back together from the rows it goes on
    over, and those rows."""
    rows = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Questions to consider: ")]
    assert len(rows) == 1
    text, at = ws[f"A{rows[0]}"].value, rows[0] + 1
    while isinstance(ws[f"A{at}"].value, str) and ws[f"A{at}"].value.startswith(CONTINUED):
        text += ws[f"A{at}"].value.removeprefix(CONTINUED)
        rows.append(at)
        at += 1
    return text, rows


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("extra", ["", "😀 "], ids=["plain", "beyond U+FFFF"])
def test_every_question_of_a_long_set_reaches_the_return_within_excel_limits(extra):
    questions = [f"Question {i}: {extra}" + LONG * 4 for i in range(120)]
    questions.append("A question kept from before questions had a limit: " + (extra + LONG) * 600)
    ws = _read_back(tpl.audit_workbook(_audit_data(questions)))[tpl.AUDIT_SHEET]
    text, rows = _questions_line(ws)
    assert text == "Questions to consider: " + " ".join(f"({i}) {q}" for i, q in enumerate(questions, start=1))
    assert len(rows) > 1
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert _utf16(cell.value) <= MAX_CELL_CHARS, cell.coordinate
    heights = [d.height for d in ws.row_dimensions.values() if d.height is not None]
    assert max(heights) <= tpl.MAX_ROW_HEIGHT
    for row in rows:  # every row of the questions is merged across the sheet, as the line it goes on from
        assert f"A{row}:F{row}" in {str(m) for m in ws.merged_cells.ranges}


def test_a_short_question_set_stays_on_one_row():
    ws = _read_back(tpl.audit_workbook(_audit_data(["Was the child seen?", "Was the child heard?"])))[tpl.AUDIT_SHEET]
    text, rows = _questions_line(ws)
    assert text == "Questions to consider: (1) Was the child seen? (2) Was the child heard?" and len(rows) == 1
    assert ws.row_dimensions[rows[0]].height == 15


@pytest.mark.slow
def test_a_return_of_an_audit_with_a_long_question_set_is_imported(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 5, 1), returns_due=date(2024, 6, 1)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,)))
    with db.unit_of_work() as session:  # kept from before an audit's questions had a limit
        session.get(CaseAudit, audit.id).questions = "\n".join(f"Question {i}: " + LONG * 4 for i in range(120))
    path = imp.write_audit_template(db, audit.id, council.id, tmp_path / "return.xlsx")
    wb = load_workbook(path)
    ws = wb[tpl.AUDIT_SHEET]
    assert _questions_line(ws)[0].endswith(f"(120) Question 119: {LONG * 4}".rstrip())
    header = next(c.row for c in ws["A"] if c.value == "Case")
    ws[f"D{header + 1}"] = "Chronology kept up to date"
    ws[f"F{header + 1}"] = "Good"
    wb.save(path)
    report = imp.import_audit_return(db, path, today=date(2024, 5, 20))
    assert (report.added, report.bad_rows) == (1, [])
    [held] = sa.list_returns(db, audit.id, organisation_id=council.id)
    assert held.grading is Grading.GOOD and held.good_practice == "Chronology kept up to date"


# --------------------------------------------------------------------------- Section 11 scores


class _Blank:
    """An empty cell in a formula: 0 to a number, "" to text, and not a number."""

    def __eq__(self, other):
        return other in (0, "")

    __hash__ = None


def _excel(formula: str, top: str, value) -> bool:
    """What Excel makes of a conditional format's formula (of OR, AND, ISNUMBER and =) for a
    value in the rule's top cell."""
    python = re.sub(r"(?<![<>])=", "==", formula.replace(top, "_value"))
    return bool(eval(python, {  # noqa: S307 - the program's own formula, in a test
        "OR": lambda *a: any(a), "AND": lambda *a: all(a),
        "ISNUMBER": lambda v: isinstance(v, int | float) and not isinstance(v, bool), "_value": value,
    }))


def _s11_data(scale: RatingScale, ratings: list[str]) -> tpl.S11Template:
    rows = tuple(tpl.S11TemplateRow(n, f"Standard {n}", ("Is there a lead?",), rating)
                 for n, rating in enumerate(ratings, start=1))
    return tpl.S11Template("Brent Safeguarding Children Partnership", 4, "Scored 2025", date(2025, 9, 30), 3,
                           "Brent Council", "A. Officer", rows, scale)


def _rules(ws):
    return [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]


def test_a_score_is_written_as_a_number_and_coloured_as_a_number_or_as_text():
    wb = _read_back(tpl.s11_workbook(_s11_data(RatingScale.SCORE, ["2", "Not applicable", ""])))
    ws = wb[tpl.S11_SHEET]
    header = next(c.row for c in ws["A"] if c.value == "No.")
    first = header + 1
    assert (ws[f"D{first}"].value, ws[f"D{first}"].data_type) == (2, "n")
    assert ws[f"D{first + 1}"].value == "Not applicable"
    assert [c.value for c in wb["Ratings"]["A"][1:]] == [0, 1, 2, 3, "Not applicable"]
    rules = _rules(ws)
    assert {ref for ref, _rule in rules} == {f"D{first}:D{first + 2}"}
    for rating in RatingScale.SCORE.ratings:
        colour = RATING_COLOURS[rating].lstrip("#").upper()
        matched = [rule for _ref, rule in rules if rule.dxf.fill.fgColor.rgb[-6:] == colour]
        assert matched, rating
        for value in ((rating.label,) if not rating.label.isdigit() else (int(rating.label), rating.label)):
            hits = [r for r in matched if (r.type == "cellIs" and r.formula == [f'"{value}"'])
                    or (r.type == "expression" and _excel(r.formula[0], f"D{first}", value))]
            assert hits, (rating, value)
        if rating.label.isdigit():  # one rule per score, colouring that score only (and no empty cell)
            [rule] = [r for r in matched if r.type == "expression"]
            others = [v for v in (*range(4), *map(str, range(4)), "Red") if str(v) != rating.label] + [_Blank()]
            assert not any(_excel(rule.formula[0], f"D{first}", v) for v in others), rating


def test_a_red_amber_green_return_is_still_coloured_by_its_words():
    ws = _read_back(tpl.s11_workbook(_s11_data(RatingScale.RAG, ["Green"])))[tpl.S11_SHEET]
    header = next(c.row for c in ws["A"] if c.value == "No.")
    assert ws[f"D{header + 1}"].value == "Green" and ws[f"D{header + 1}"].data_type == "s"
    rules = _rules(ws)
    assert sorted((r.type, r.operator, r.formula[0]) for _ref, r in rules) == sorted(
        ("cellIs", "equal", f'"{label}"') for label in ("Red", "Amber", "Green", "Not applicable"))
