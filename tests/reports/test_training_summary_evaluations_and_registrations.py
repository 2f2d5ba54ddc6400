"""The training summary, as PDF and as a workbook, has what the window's Figures page shows:
the new LMS accounts (registrations) among the key figures with their change from the previous
period, worded as the page words it, and the evaluation results by course (the workbook's
Evaluations sheet: the PDF's table with numbers as numbers, or its line saying there are none)."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pypdf
from openpyxl import load_workbook

from bscp_desktop.domain.evaluations import Gain
from bscp_desktop.domain.training import Figures, Period
from bscp_desktop.reports import training as out

NEGLECT = out.GainLine("Neglect: recognising and responding", 5, Gain(5, Decimal("2.14"), Decimal("3.78")),
                       delegate_follow_ups=3, manager_follow_ups=1)
TYPED_AS_A_FORMULA = out.GainLine('=HYPERLINK("http://x","Click")', 2, Gain(2, Decimal("3.25"), Decimal("3.34")))
NO_SCORES = out.GainLine("Working Together 2023 briefing", 1, Gain(0, None, None))


def _data(gains=(), registrations=249, previous_registrations=168) -> out.TrainingData:
    line = out.FigureLine("Total", Figures(sessions=4, places=80, bookings=60, attended=50),
                          Figures(sessions=3, places=60, bookings=50, attended=40))
    figures = out.FiguresData(Period(date(2023, 4, 1), date(2024, 3, 31)), Period(date(2022, 4, 1), date(2023, 3, 31)),
                              line, (), (), (), (), registrations=registrations,
                              previous_registrations=previous_registrations, gains=tuple(gains))
    return out.TrainingData("Brent Safeguarding Children Partnership", date(2024, 4, 10), (), (), (), (), figures, None)


def _pdf_text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
                    for p in pypdf.PdfReader(path).pages)


def test_the_registrations_change_is_worded_in_the_pdf_and_the_summary_sheet(tmp_path):
    data = _data()
    assert "Registrations (new LMS accounts) 249 168 up 48% (from 168)" in _pdf_text(
        out.write_summary_pdf(data, tmp_path / "s.pdf"))
    rows = {r[0]: r for r in load_workbook(out.figures_workbook(data).save(tmp_path / "s.xlsx"))["Summary"]
            .iter_rows(values_only=True)}
    assert rows["Registrations (new LMS accounts)"] == ("Registrations (new LMS accounts)", 249, 168,
                                                        "up 48% (from 168)")


def test_registrations_unknown_for_the_previous_period_leave_its_cell_and_change_empty(tmp_path):
    rows = {r[0]: r for r in load_workbook(out.figures_workbook(_data(previous_registrations=None))
                                           .save(tmp_path / "s.xlsx"))["Summary"].iter_rows(values_only=True)}
    assert rows["Registrations (new LMS accounts)"][1:] == (249, None, None)
    none_recorded = _data(registrations=None, previous_registrations=None)
    assert all(k.label != out.REGISTRATIONS for k in out.key_figures(none_recorded.figures))


def test_the_workbook_has_the_evaluation_results_as_numbers(tmp_path):
    data = _data(gains=(NEGLECT, TYPED_AS_A_FORMULA, NO_SCORES))
    wb = load_workbook(out.figures_workbook(data).save(tmp_path / "s.xlsx"))
    assert wb.sheetnames[-1] == "Evaluations"
    sheet = wb["Evaluations"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Course", "Evaluations", "Before", "After", "Learning gain", "Follow-ups (delegate)",
                       "Follow-ups (manager)")
    # the scores as the PDF shows them: 2.1 before, 3.8 after, gain 1.7 (the after less the before as shown)
    assert rows[1] == ("Neglect: recognising and responding", 5, 2.1, 3.8, 1.7, 3, 1)
    assert rows[2] == ('=HYPERLINK("http://x","Click")', 2, 3.3, 3.3, 0, 0, 0)
    assert rows[3] == ("Working Together 2023 briefing", 1, None, None, None, 0, 0)
    assert sheet["A3"].data_type == "s"  # a course title typed like a formula stays text
    assert all(isinstance(sheet.cell(2, c).value, (int, float)) for c in range(2, 8))
    assert rows[-1][0] == out.EVALUATIONS_EXPLAINED
    text = _pdf_text(out.write_summary_pdf(data, tmp_path / "s.pdf"))
    assert "Neglect: recognising and responding 5 2.1 3.8 +1.7 3 / 1" in text


def test_the_evaluations_sheet_says_when_there_are_none(tmp_path):
    rows = list(load_workbook(out.figures_workbook(_data()).save(tmp_path / "s.xlsx"))["Evaluations"]
                .iter_rows(values_only=True))
    assert rows[0][0] == "Course" and rows[-1][0] == "No evaluations were recorded for sessions in this period."
    assert not any(r[1] for r in rows[1:])
