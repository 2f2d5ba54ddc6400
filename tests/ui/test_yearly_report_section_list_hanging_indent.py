"""The yearly report window's list of sections: a title too long for the list wraps with its
later lines under the title, not under the number, so a wrapped line that begins with a number
("…and Section 11 (built)") is never taken for a section of its own."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.common.labels import NumberedLines, wrapped_list
from bscp_desktop.ui.yearly_report.window import YearlyReportWindow
from tests.ui.helpers import line_starts


def test_at_the_default_size_no_wrapped_line_starts_where_a_number_does(qtbot, db):
    yr.create_report(db, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    window = YearlyReportWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1180, 760)
    window.show()
    qtbot.waitExposed(window)
    window.sections.setCurrentRow(9)  # the selected entry too

    lines = line_starts(window.sections)
    texts = [text for text, _starts in lines]
    assert "10 Multi-agency audits and Section 11 (built)" in texts  # the entry's text is unchanged
    wrapped = {text: starts for text, starts in lines if len(starts) > 1}
    assert "10 Multi-agency audits and Section 11 (built)" in wrapped  # the case this is about
    number = QFontMetrics(window.sections.font()).horizontalAdvance("10")
    for text, starts in lines:
        for later in starts[1:]:
            assert later > starts[0] + number, text  # under the title, beyond the number's place


def test_only_a_numbered_list_draws_its_lines_under_the_title(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    assert isinstance(wrapped_list(parent, "Agenda items", numbered=True).itemDelegate(), NumberedLines)
    plain = wrapped_list(parent, "Decisions on this item").itemDelegate()
    assert isinstance(plain, QStyledItemDelegate) and not isinstance(plain, NumberedLines)


def test_a_numbered_list_with_entries_of_every_kind_in_a_narrow_list(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    items = wrapped_list(parent, "Agenda items", numbered=True)
    items.addItems(["3. Apologies and declarations of interest from members 12 and 14",
                    "No number here, a long line that wraps all the same onto more lines",
                    "4 Supercalifragilisticexpialidociousnessly-long-word"])
    items.resize(150, 400)
    parent.show()
    qtbot.waitExposed(items)
    (numbered, starts), (_plain, plain_starts), (_long, long_starts) = line_starts(items)
    assert len(starts) >= 3 and all(later > starts[0] + 10 for later in starts[1:])
    assert len(plain_starts) >= 2 and max(plain_starts) - min(plain_starts) <= 1  # drawn as any other
    assert len(long_starts) >= 2 and all(later > long_starts[0] + 5 for later in long_starts[1:])
