"""File > Export > Finance summary from a Finance tab not yet shown (or still adding up its
figures) reads nothing on the window's thread: adding up every year to find the latest with
money took over half a second on a large file. The output finds that year as it is written,
its file named "Finance summary"; once the figures are shown, it writes those, named for them."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.finance.summary import summary_file_name
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.ui.helpers import settled


def test_the_export_asks_no_figures_of_the_database_before_they_are_shown(qtbot, db, monkeypatch):
    asked: list[tuple[dict, str]] = []
    monkeypatch.setattr(outputs, "save_job", lambda _parent, _db, _job, _output, options, suggested, _title:
                        asked.append((options, suggested)))
    tab = FinanceTab(db, None, today=date(2024, 6, 3))
    qtbot.addWidget(tab)

    def refused(*_args, **_kwargs):
        raise AssertionError("the years were added up on the window's thread")

    monkeypatch.setattr(fin, "latest_year", refused)
    tab.report_pdf.trigger()
    assert asked == [({}, "Finance summary.pdf")]
    monkeypatch.undo()

    monkeypatch.setattr(outputs, "save_job", lambda _parent, _db, _job, _output, options, suggested, _title:
                        asked.append((options, suggested)))
    tab.show()
    tab.sections.setCurrentWidget(tab.summary)
    settled(tab.summary)
    asked.clear()
    tab.report_pdf.trigger()
    [(options, suggested)] = asked
    assert options == {"year": tab.summary.summary.label} and suggested == f"{summary_file_name(options)}.pdf"


def test_the_file_name_of_the_latest_year_not_known_yet():
    assert summary_file_name({}) == "Finance summary"
