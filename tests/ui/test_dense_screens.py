"""Dense screens made readable (issue: daily use, point 9): full text on hover and in a detail
line, columns chosen from the header (remembered per user), the tracker within 1280 pixels,
the timeline's labels whole, 'Recorded' as a table, 'Time allowed', filters keep their text."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.common.settings_store import written
from bscp_desktop.ui.meetings.tab import MeetingsTab

TODAY = date(2024, 2, 1)
LONG = ("Write to every head teacher and designated safeguarding lead about the new neglect toolkit, the graded care "
        "profile and the spring training dates")


@pytest.fixture
def meetings(qtbot, db, world):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def test_the_selected_record_shows_in_full_under_the_list(meetings, qtbot, db, world):
    al.create_action(db, al.ActionFields(LONG, owner_organisation_id=world.police.id, due_date=date(2024, 6, 30)))
    log = meetings.action_log
    meetings.sections.setCurrentWidget(log)
    log.reload()
    assert not log.detail.isVisible()
    log.table.selectRow(0)
    assert log.detail.isVisible()
    assert LONG in log.detail.text() and "Metropolitan Police" in log.detail.text()
    assert log.detail.text().startswith("<b>Action:</b>")


def test_a_cut_cell_shows_its_whole_text_on_hover(meetings, qtbot, db, world):
    al.create_action(db, al.ActionFields(LONG, owner_organisation_id=world.police.id, due_date=date(2024, 6, 30)))
    log = meetings.action_log
    meetings.sections.setCurrentWidget(log)
    log.reload()
    index = log.proxy.index(0, 0)
    shown = log.table.visualRect(index).width()
    assert QFontMetrics(log.table.font()).horizontalAdvance(LONG) > shown  # the cell cuts it short
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

    rect = log.table.visualRect(index)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, rect.center(), log.table.viewport().mapToGlobal(rect.center()))
    option = QStyleOptionViewItem()
    option.font = log.table.font()
    assert log.table.itemDelegate().helpEvent(event, log.table, option, index)
    assert QToolTip.text() == LONG
    QToolTip.hideText()


def test_columns_are_chosen_from_the_header_and_remembered(meetings, qtbot, db, world):
    log = meetings.action_log
    chooser = log.columns_menu
    evidence = [c.header for c in log.model.columns].index("Evidence of impact")
    assert not log.table.isColumnHidden(evidence)
    menu = chooser.menu()
    action = next(a for a in menu.actions() if a.text() == "Evidence of impact")
    action.setChecked(False)
    assert log.table.isColumnHidden(evidence)
    written()  # in the settings file, written in the background
    assert "Evidence of impact" in QSettings().value(chooser.key)
    again = MeetingsTab(db)  # a new window remembers it
    qtbot.addWidget(again)
    assert again.action_log.table.isColumnHidden(evidence)
    chooser.reset()
    assert not log.table.isColumnHidden(evidence)
    assert log.table.horizontalHeader().contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


@pytest.mark.slow
def test_filters_keep_their_full_text(meetings, qtbot, db, world):
    log = meetings.action_log
    meetings.sections.setCurrentWidget(log)
    log.reload()
    for combo in (log.group_filter, log.owner_filter, log.status_filter):
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            qtbot.wait(1)  # the layout follows
            needed = QFontMetrics(combo.font()).horizontalAdvance(combo.currentText())
            assert combo.width() > needed + 20, combo.currentText()  # its text and the arrow


def test_the_tracker_fits_1280_pixels_and_the_timeline_shows_everything(qtbot, db):
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    case = cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8),
        notification_sent=date(2024, 1, 10), themes=("Neglect", "Domestic abuse", "Exploitation"),
    ))
    page = tab.tracker
    page.reload()
    page.select_id(case.id)
    qtbot.wait(50)
    assert page.table.horizontalScrollBar().maximum() == 0  # no scrolling sideways
    headers = [c.header for c in page.model.columns]
    assert page.table.isColumnHidden(headers.index("Themes")) and page.table.isColumnHidden(headers.index("Rule"))
    chart = page.timeline.chart
    metrics = QFontMetrics(chart.font())
    room = chart.label_width(metrics) - 8
    for clock in chart.clocks:  # every label fits on its lane, on one line or two
        lines = 1 if metrics.horizontalAdvance(clock.label) <= room else 2
        assert metrics.boundingRect(0, 0, room, 1000, Qt.TextFlag.TextWordWrap, clock.label).height() <= max(
            chart.LANE, lines * metrics.lineSpacing())
    pairs = dict(page.timeline.recorded_pairs())
    assert pairs["Date the local authority became aware"] == "08/01/2024"
    assert pairs["Notification sent to the Panel"] == "10/01/2024"


def test_time_allowed_is_what_the_agenda_calls_it(meetings, qtbot, db, world):
    from datetime import datetime

    from bscp_desktop.services import meetings as mt
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect", minutes_allotted=20))
    ws = meetings.open_meeting(m.id)
    headers = [c.header for c in ws.agenda.model.columns]
    assert "Time allowed (min)" in headers and not any("allotted" in h for h in headers)


def test_the_meeting_id_the_command_line_takes_is_shown_under_the_list(meetings, qtbot, db, world):
    from datetime import datetime

    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    page = meetings.meetings
    meetings.sections.setCurrentWidget(page)
    page.reload()
    headers = [c.header for c in page.model.columns]
    assert page.table.isColumnHidden(headers.index("Id"))  # hidden until asked for from the header
    page.select_id(m.id)
    assert f"<b>Id:</b> {m.id}" in page.detail.text()


def test_every_date_on_the_timeline_axis_is_whole(qtbot):
    """A tick near the chart's right edge has its date end at the edge, not run past it."""
    from datetime import timedelta

    from bscp_desktop.domain.case_review_clocks import Clock
    from bscp_desktop.domain.deadlines import DeadlineStatus
    from bscp_desktop.ui.case_reviews.timeline import TimelineChart

    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(460, 200)
    metrics = QFontMetrics(chart.font())
    would_have_run_past = 0
    for days in range(100, 400, 3):  # spans of weeks and of months, ending anywhere between ticks
        due = date(2024, 1, 10) + timedelta(days=days)
        chart.set_clocks([Clock("rapid", "Rapid review", "", date(2024, 1, 10), due, "", None,
                                DeadlineStatus.NOT_YET_DUE, 5)], None)
        free = 0.0
        labels = chart.tick_labels(metrics)
        for x, start, text in labels:
            would_have_run_past += x + 2 + metrics.horizontalAdvance(text) > chart.width()
            if text:  # whole, and clear of the date before it
                assert free <= start and start + metrics.horizontalAdvance(text) <= chart.width(), (due, text)
                free = start + metrics.horizontalAdvance(text)
        assert labels[0][2]  # the first tick always says its date
    assert would_have_run_past  # the spans tried do reach the edge

