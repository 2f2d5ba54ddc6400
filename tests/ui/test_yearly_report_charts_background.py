"""The yearly report window's charts are drawn in a worker, as the Training and Finance charts
are: painting a section's first chart never makes its drawing on the window's thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bscp_desktop.domain.yearly_report import ChartBlock, Para
from bscp_desktop.ui.common import chart_view
from bscp_desktop.ui.common.chart_view import ChartView
from bscp_desktop.ui.yearly_report.figures import show_charts


@pytest.mark.slow
def test_a_sections_charts_are_drawn_in_a_worker_and_waited_for(qtbot, monkeypatch, background_lists):
    drawn_on = []
    draw = chart_view.drawing_for

    def drawing_for(chart, width):
        drawn_on.append(threading.current_thread() is threading.main_thread())
        return draw(chart, width)

    monkeypatch.setattr(chart_view, "drawing_for", drawing_for)
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    chart = ChartBlock("Attendance", ("Neglect", "Exploitation"), (("2023/24", (3.0, 5.0)),), "Delegates", "Course",
                       "Attendance by course")
    show_charts(parent, layout, [Para("Figures"), chart])
    (view,) = parent.findChildren(ChartView)
    parent.resize(800, 600)
    parent.show()
    qtbot.waitExposed(parent)
    parent.repaint()  # painting starts the drawing in a worker; `loading()` is what pictures wait on
    qtbot.waitUntil(lambda: not view.canvas.loading() and view.canvas.drawn(), timeout=10000)
    assert drawn_on and not any(drawn_on)
