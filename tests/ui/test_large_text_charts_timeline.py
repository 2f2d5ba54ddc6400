"""A case's timeline chart at a larger system font (14 points, on a laptop and at 150% scaling):
each deadline's name is drawn whole in its lane, however many lines it wraps to, and no lane
runs into the next or into the axis under them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QScrollArea


def _drawn_names(monkeypatch, chart) -> list[tuple[QRectF, str]]:
    """(room, name) of each clock's name as the chart paints it."""
    drawn = []
    original = QPainter.drawText

    def draw_text(painter, *args):
        if len(args) == 3 and isinstance(args[0], QRectF) and isinstance(args[2], str):
            drawn.append((QRectF(args[0]), args[2]))
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", draw_text)
    chart.grab()
    monkeypatch.undo()
    names = {clock.label for clock in chart.clocks}
    return [(room, text) for room, text in drawn if text in names]


@pytest.mark.parametrize(("width", "points"), [(1326, 14), (871, 14), (871, 9)])
def test_each_deadline_name_is_whole_in_its_lane(qtbot, demo_db, text_size, monkeypatch, width, points):
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.ui.case_reviews.timeline import TimelinePanel

    text_size(points)
    row = max(cr.tracker(demo_db), key=lambda r: len(r.clocks))
    panel = TimelinePanel()
    area = QScrollArea()  # as the tracker holds it: as tall as it needs, as wide as the window
    area.setWidget(panel)
    area.setWidgetResizable(True)
    qtbot.addWidget(area)
    area.resize(width, 600)
    area.show()
    panel.show_row(row)
    qtbot.wait(100)  # laid out at its width on a later turn
    chart = panel.chart
    assert len(chart.clocks) >= 4

    names = _drawn_names(monkeypatch, chart)
    assert [text for _room, text in names] == [clock.label for clock in chart.clocks]
    metrics = QFontMetrics(chart.font())
    flags = Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextWordWrap
    wrapped = 0
    for room, text in names:
        needed = metrics.boundingRect(QRect(0, 0, int(room.width()), 10_000), flags, text)
        wrapped += needed.height() > metrics.lineSpacing()
        assert needed.height() <= room.height(), (text, needed.height(), room.height())  # no line cut off
        assert 0 <= room.top() and room.bottom() <= chart.height()
    if width == 871 and points == 14:
        assert wrapped  # the case this is about: a name on more than one line
    for (above, _a), (below, _b) in zip(names, names[1:], strict=False):
        assert above.bottom() <= below.top()  # one lane under another, never over it
    axis_dates = names[-1][0].bottom() + 4 + metrics.height()
    assert axis_dates <= chart.height()  # the dates under the last lane in view
