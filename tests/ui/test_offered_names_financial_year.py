"""The file names the window offers write a financial year as "2026-27" from every output:
the Training summary and charges statement as the Finance summary does."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.training import Period
from bscp_desktop.ui.finance.summary import summary_file_name
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import settled, shown_tab

YEAR = Period(date(2026, 4, 1), date(2027, 3, 31))


def _offered(monkeypatch) -> list[str]:
    offered: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filter: offered.append(suggested) or ("", ""))
    return offered


def test_training_summary_and_charges_offer_the_year_as_finance_does(qtbot, db, monkeypatch):
    offered = _offered(monkeypatch)
    tab = shown_tab(qtbot, TrainingTab(db, None))
    for name in ("figures", "charges"):
        page = tab.sections.show_page(name)
        settled(page)
        page.period_bar.show_dates(YEAR)
        settled(page)
    for job in ("training-summary", "charges"):
        for index in (0, 1):  # PDF and Excel
            tab.output(job, index).trigger()
    names = [s.replace("\\", "/").rsplit("/", 1)[-1] for s in offered]
    assert names == ["Training summary 2026-27.pdf", "Training summary 2026-27.xlsx",
                     "Training charges 2026-27.pdf", "Training charges 2026-27.xlsx"]


def test_the_finance_summary_names_a_year_the_same_way():
    assert summary_file_name({"year": "2026/27"}) == "Finance 2026-27"
    assert summary_file_name({"date_from": date(2026, 4, 1), "date_to": date(2027, 3, 31)}) == "Finance 2026-27"
