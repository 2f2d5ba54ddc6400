"""The window shows a chart from the same definition as the PDF, with its numbers."""

from __future__ import annotations

from PySide6.QtGui import QColor

from bscp_desktop.reports.charts import Chart, Series
from bscp_desktop.ui.common.chart_view import ChartView


def _chart() -> Chart:
    return Chart(
        title="Attendance by course topic",
        categories=("Neglect", "Domestic abuse", "Żółć"),
        series=(Series("Attended", (40, 31, 12)),),
        value_label="Delegates who attended",
    )


def test_chart_draws_and_says_what_it_shows(qtbot, tmp_path):
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_chart(_chart())
    view.show()
    qtbot.waitExposed(view)
    assert view.accessibleName() == "Attendance by course topic"
    assert "highest is Neglect (40)" in view.accessibleDescription()
    image = view.canvas.grab().toImage()
    image.save(str(tmp_path / "chart.png"))
    navy = QColor("#1F3A5F")

    def near_navy(x: int, y: int) -> bool:
        c = QColor(image.pixel(x, y))
        return abs(c.red() - navy.red()) + abs(c.green() - navy.green()) + abs(c.blue() - navy.blue()) < 24

    bars = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4) if near_navy(x, y))
    assert bars > 50  # the bars are painted in the house navy
    assert b"Neglect" in view.canvas.svg()


def test_the_numbers_behind_the_chart_show_on_request(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(_chart())
    view.show()
    assert not view.table.isVisible()
    view.toggle.click()
    assert view.table.isVisible()
    assert view.toggle.text() == "Hide the numbers"
    cells = [[view.table.item(r, c).text() for c in range(2)] for r in range(3)]
    assert cells == [["Neglect", "40"], ["Domestic abuse", "31"], ["Żółć", "12"]]
    assert view.table.horizontalHeaderItem(1).text() == "Attended"


def test_no_chart_shows_what_to_do(qtbot):
    view = ChartView(empty_text="No bookings in this period: choose other dates.")
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible()
    assert not view.canvas.isVisible()
    assert view.accessibleDescription() == "No bookings in this period: choose other dates."


def test_the_drawing_follows_the_width(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(_chart())
    view.resize(500, 400)
    view.show()
    narrow = view.canvas.svg()
    view.resize(1000, 400)
    qtbot.wait(10)
    assert view.canvas.svg() != narrow


def test_a_chart_drawn_in_the_background_says_it_is_loading_until_drawn(qtbot, monkeypatch):
    """What waits for a page to be ready (a picture of the window, the start's "first tab
    filled") waits for a chart being drawn in a worker, and never for one that is not painted."""
    import threading

    from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

    from bscp_desktop.ui.common import chart_view
    from bscp_desktop.ui.common.chart_view import ChartCanvas

    release = threading.Event()
    real = chart_view.drawing_for

    def slow(chart, width):
        release.wait(10)
        return real(chart, width)

    monkeypatch.setattr(chart_view, "drawing_for", slow)
    canvas = ChartCanvas(background=True)
    qtbot.addWidget(canvas)
    canvas.resize(700, 300)
    canvas.set_chart(_chart())
    assert not canvas.loading()  # not on screen: nothing is being drawn
    canvas.show()
    qtbot.waitUntil(canvas.loading, timeout=5_000)  # painted: its drawing is made in a worker
    release.set()
    qtbot.waitUntil(lambda: not canvas.loading(), timeout=10_000)
    assert canvas.drawn()

    # below the fold of a scrolling page: shown, never painted, never waited for
    page, inner = QScrollArea(), QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(inner)
    spacer = QWidget()
    spacer.setFixedHeight(3000)
    below = ChartCanvas(background=True)
    below.set_chart(_chart())
    layout.addWidget(spacer)
    layout.addWidget(below)
    page.setWidget(inner)
    page.resize(700, 400)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    assert below.isVisible() and not below.drawn() and not below.loading()


def test_the_numbers_button_is_named_after_its_chart(qtbot):
    """Two charts on one page: a screen reader tells their "Show the numbers" buttons apart."""
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(_chart())
    assert view.toggle.accessibleName() == "Show the numbers behind the chart: Attendance by course topic"
