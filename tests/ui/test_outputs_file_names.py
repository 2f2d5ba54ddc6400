"""The name the save dialog offers for an output keeps its extension, however long the
record's title: the yearly report window names the file once, by the report's title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.jobs import safe_file_name
from bscp_desktop.services import yearly_report as yr


@pytest.mark.slow  # a window each
@pytest.mark.parametrize("title", [
    "Brent Safeguarding Children Partnership yearly report " + "and its partners' work " * 7,
    "تقرير الشراكة السنوي لحماية الأطفال في برنت " * 4,
])
def test_the_yearly_report_window_offers_a_long_title_with_its_extension(qtbot, db, monkeypatch, title):
    from bscp_desktop.ui.yearly_report import window as module

    title = title[:200].strip()
    yr.create_report(db, yr.ReportFields(title, date(2023, 4, 1), date(2024, 3, 31)))
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    offered: list[str] = []

    def cancelled(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return "", ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", cancelled)
    for button in w.output_buttons:
        button.click()
    names = [Path(p).name for p in offered]
    assert names == [safe_file_name(title + ".pdf"), safe_file_name(title + ".docx")]
    assert names[0].endswith(".pdf") and names[1].endswith(".docx")
    stem = names[0].removesuffix(".pdf")
    assert len(stem) <= 120 and len(stem.encode("utf-8")) <= 200 and title.startswith(stem)


@pytest.mark.slow  # writes a workbook
@pytest.mark.parametrize("chosen,written", [
    ("Excel workbook (*.xlsx)", "Bookings 2023.24.xlsx"),
    ("CSV file (*.csv)", "Bookings 2023.24.csv"),
])
def test_a_blank_template_keeps_a_typed_name_with_a_dot(qtbot, tmp_path, monkeypatch, chosen, written):
    """"Bookings 2023.24" is saved whole with the format's extension, not as "Bookings 2023.xlsx"."""
    from PySide6.QtWidgets import QFileDialog, QWidget

    from bscp_desktop.ui.common import import_result

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "Bookings 2023.24"), chosen)))
    parent = QWidget()
    qtbot.addWidget(parent)
    path = import_result.save_template(parent, "bookings", "Save template", "bookings.xlsx")
    assert path == tmp_path / written and path.is_file()
    assert [p.name for p in tmp_path.iterdir()] == [written]
