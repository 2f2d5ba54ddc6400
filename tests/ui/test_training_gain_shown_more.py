"""A learning gain reads as the difference of the confidence scores shown beside it, in every
output (2.1 before and 3.8 after gain +1.7, never +1.6), as the yearly report has it; a large
change in the training figures and the summary PDF's counts have thousands separators."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pypdf
import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.evaluations import Gain, learning_gain, shown_gain, shown_scores
from bscp_desktop.domain.training import Change, Figures, Period
from bscp_desktop.reports import training as out
from bscp_desktop.services.yearly_report import sections
from bscp_desktop.ui.common.table_model import _sorted
from bscp_desktop.ui.training.figures import FiguresPage
from bscp_desktop.ui.training.pages import evaluation_columns

#: 2.14 shows as 2.1 and 3.78 as 3.8; the gain of the two, 1.64, would show +1.6 rounded on its own.
APART = Gain(5, Decimal("2.14"), Decimal("3.78"))


def test_the_gain_is_the_after_less_the_before_as_shown():
    assert shown_scores(APART) == ("2.1", "3.8", "+1.7")
    assert shown_gain(APART) == Decimal("1.7")
    assert APART.text == "2.1 before, 3.8 after: gain +1.7 (5 scores)"
    assert shown_scores(Gain(2, Decimal("3.86"), Decimal("3.04"))) == ("3.9", "3.0", "-0.9")
    assert shown_scores(Gain(2, Decimal("3.25"), Decimal("3.34"))) == ("3.3", "3.3", "0.0")
    assert shown_scores(Gain(0, None, None)) == ("", "", "") and shown_gain(Gain(0, None, None)) is None


def test_the_figures_always_add_up():
    for pairs in ([(2, 4), (3, 4), (3, 5)], [(1, 5), (2, 2), (2, 3), (3, 3), (1, 4), (2, 4)], [(5, 1), (4, 2), (4, 4)]):
        before, after, gain = shown_scores(learning_gain(pairs))
        assert Decimal(after) - Decimal(before) == Decimal(gain)


def test_the_yearly_report_shows_the_same_gain(monkeypatch):
    from bscp_desktop.services.training import figures as fg

    report = SimpleNamespace(empty=False, total=SimpleNamespace(figures=Figures(), previous=Figures()), by_topic=[],
                             by_organisation=[], years=[], previous_period=None, counted_to=None,
                             upcoming_sessions=0, upcoming_bookings=0, called_off_note="",
                             gains=[SimpleNamespace(course_title="Neglect", evaluations=5, gain=APART)])
    monkeypatch.setattr(fg, "figures_report", lambda *_a, **_k: report)
    built = sections.training(None, date(2024, 4, 1), date(2025, 3, 31), date(2025, 4, 10))
    table = next(b for b in built.blocks if getattr(b, "title", "") == "Evaluations")
    assert table.rows == (("Neglect", "5", *shown_scores(APART)),)


def _evaluation(gain: Gain) -> SimpleNamespace:
    return SimpleNamespace(gain=gain)


def test_the_evaluations_list_shows_and_sorts_the_gain_as_shown():
    columns = evaluation_columns(lambda: date(2026, 12, 5))
    column = [c.header for c in columns].index("Gain")
    assert columns[column].value(_evaluation(APART)) == "+1.7"
    # 1.65 shows as +1.6 (2.05 is 2.1, 3.70 is 3.7), below 1.64's +1.7 above.
    other = Gain(4, Decimal("2.05"), Decimal("3.70"))
    rows = _sorted(columns, [_evaluation(APART), _evaluation(other)], column, Qt.SortOrder.AscendingOrder)
    assert [columns[column].value(r) for r in rows] == ["+1.6", "+1.7"]


def _figures_report() -> SimpleNamespace:
    return SimpleNamespace(
        total=SimpleNamespace(figures=Figures(), previous=Figures()), by_course=[], by_topic=[], by_organisation=[],
        by_sector=[], years=[],
        gains=[SimpleNamespace(course_title="Neglect", evaluations=5, gain=APART, delegate_follow_ups=1,
                               manager_follow_ups=0)])


def test_the_training_figures_page_shows_the_gain_as_shown():
    assert FiguresPage.tables_of(_figures_report())["gains"][0][2:5] == ["2.1", "3.8", "+1.7"]


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pypdf.PdfReader(path).pages)


@pytest.mark.slow
def test_the_summary_pdf_shows_the_gain_as_shown_and_counts_with_separators(tmp_path):
    big = Figures(sessions=1200, places=24_000, bookings=3362, attended=2500, no_shows=1100, cancellations=1234,
                  late_cancellations=1001, waitlisted=1500)
    line = out.FigureLine("Neglect", big)
    figures = out.FiguresData(
        period=Period(date(2024, 4, 1), date(2025, 3, 31)), previous_period=None, total=out.FigureLine("Total", big),
        by_course=(line,), by_topic=(line,), by_organisation=(line,), by_sector=(line,),
        gains=(out.GainLine("Neglect", 5, APART, (), 1010, 1002),), upcoming_sessions=1500, upcoming_bookings=12_345)
    data = out.TrainingData("Test Partnership", date(2025, 4, 10), (), (), (), (), figures, None)
    text = _text(out.write_summary_pdf(data, tmp_path / "summary.pdf"))
    assert "2.1 3.8 +1.7" in text and "+1.6" not in text
    assert "1,010 / 1,002" in text
    assert "1,234 (1,001)" in text and "1234" not in text
    assert "1,500 sessions later in the period (12,345 bookings)" in text


def test_a_large_change_has_thousands_separators():
    assert Change(200_680, 1_000).text == "up 19,968% (from 1,000)"
    assert Change(10, 1_000).text == "down 99% (from 1,000)"
