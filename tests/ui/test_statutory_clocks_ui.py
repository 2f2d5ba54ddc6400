"""Statutory clocks in the window: a closed case stops its clocks and the tracker and the
timeline say why; which kinds of case a clock applies to is edited in the settings."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.case_reviews import CaseKind, IncidentType
from bscp_desktop.domain.deadlines import DeadlineRule, DeadlineStatus
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog
from bscp_desktop.ui.case_reviews.rules_editor import APPLIES_COLUMN
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.common.column_widths import for_the_text_size
from tests.ui.helpers import table_texts

TODAY = date(2024, 2, 1)  # a Thursday


@pytest.fixture
def tab(qtbot, db):
    widget = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def column(page, header: str) -> int:
    return [c.header for c in page.model.columns].index(header)


def row_of(page, alias: str) -> int:
    return table_texts(page, column(page, "Alias")).index(alias)


def test_closing_a_notified_case_stops_its_clocks_and_the_tracker_says_why(tab, qtbot, db):
    # notified on time, the rapid review (15 working days from 03/01) was due 24/01: overdue on 01/02
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child A", "serious_harm", date(2024, 1, 2), notification_sent=date(2024, 1, 3),
        partners_told=date(2024, 1, 3)))
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("Overdue")
    assert table_texts(page, column(page, "Alias")) == ["Child A"]
    page.filter.setCurrentText("All cases")
    page.table.selectRow(row_of(page, "Child A"))
    dialog = page.edit_dialog(page, page.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.closed.line, "31/01/2024")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    clocks = {c.key: c for c in cr.tracker(db, today=TODAY)[0].clocks}
    assert clocks["rapid_review"].status is DeadlineStatus.MISSED  # due 24/01, before the case closed
    assert clocks["notification"].status is DeadlineStatus.MET_ON_TIME  # a clock met stays met
    page.filter.setCurrentText("Overdue")
    assert table_texts(page, column(page, "Alias")) == []
    page.filter.setCurrentText("All cases")
    row = row_of(page, "Child A")
    assert table_texts(page, column(page, "Status"))[row] == "Closed"
    assert table_texts(page, column(page, "Working days left"))[row] == ""  # no "overdue" count left running
    page.table.selectRow(row)
    timeline = page.timeline.table
    texts = [" ".join(timeline.item(r, c).text() for c in range(timeline.columnCount()) if timeline.item(r, c))
             for r in range(timeline.rowCount())]
    rapid = next(t for t in texts if t.startswith("Rapid review"))
    assert "Missed: due 24/01/2024, not done when the case was closed on 31/01/2024" in rapid
    assert "overdue" not in rapid.lower()
    assert cr.get_case_review(db, case.id).closed == date(2024, 1, 31)


def test_the_kinds_of_case_a_clock_applies_to_are_edited_in_the_settings(tab, qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Young person B", "death", date(2024, 1, 29), age_band="18_plus",
                                                  notification_sent=date(2024, 1, 30)))  # a care leaver's death
    assert "rapid_review" not in {c.key for c in cr.tracker(db, today=TODAY)[0].clocks}
    dialog = CaseReviewSettingsDialog(db, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    # the Secretary of State and Ofsted are told of a looked-after child's or a care leaver's death: fixed
    assert not dialog.rules.table.cellWidget(dialog.rules.keys.index("sos_ofsted"), APPLIES_COLUMN).isEnabled()
    row = dialog.rules.keys.index("rapid_review")
    kinds = dialog.rules.table.cellWidget(row, APPLIES_COLUMN)
    assert kinds.isEnabled()
    assert set(kinds.kinds()) == {CaseKind.SERIOUS_HARM.value, CaseKind.CHILD_DEATH.value, CaseKind.LOOKED_AFTER_DEATH.value}
    kinds.kind_actions[CaseKind.SERIOUS_HARM.value].setChecked(False)
    kinds.kind_actions[CaseKind.CARE_LEAVER_DEATH.value].setChecked(True)  # the team reviews a care leaver's death too
    assert kinds.text() == "3 kinds of case"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    rule = next(r for r in cr.load_settings(db).rules if r.key == "rapid_review")
    assert set(rule.applies_to) == {CaseKind.CHILD_DEATH.value, CaseKind.LOOKED_AFTER_DEATH.value,
                                    CaseKind.CARE_LEAVER_DEATH.value}
    clocks = {c.key: c for c in cr.tracker(db, today=TODAY)[0].clocks}
    assert clocks["rapid_review"].status is not DeadlineStatus.NOT_APPLICABLE


def test_the_case_dialog_shows_every_clock_a_date_meets_one_a_line(qtbot, db):
    settings = cr.load_settings(db)
    local = DeadlineRule("local_notification", "Local target: notification", "became_aware", 1, "working_days", 1,
                         "notification_sent")
    cr.save_settings(db, dataclasses.replace(settings, rules=(*settings.rules, local)))
    dialog = CaseReviewDialog(db, None, None, today=date(2024, 6, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    dialog.alias.setText("Child T")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    dialog.became_aware.set_value(date(2024, 5, 31))
    first, second = dialog.due_labels["notification_sent"].text().splitlines()
    assert first.startswith("Serious incident notification to the Panel: due 07/06/2024: 5 working days after")
    assert second.startswith("Local target: notification: due 03/06/2024: 1 working day after")
    assert dialog.due_labels["partners_told"].text().startswith("Due 07/06/2024: 5 working days after")  # one clock


@pytest.mark.slow  # a window at two widths
def test_the_rule_beside_each_date_keeps_room_on_a_narrow_window(qtbot, db):
    """On a laptop at 150% (about 900 logical pixels) the Rule column was squeezed to a word a
    line while Deadline and Working days kept 260 and 220 pixels."""
    cr.create_case_review(db, cr.CaseReviewFields(
        "Child A", "serious_harm", date(2024, 1, 2), notification_sent=date(2024, 1, 3)))
    widget = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widths = {}
    for width in (880, 1600):
        widget.resize(width, 700)
        widget.show()
        page = widget.tracker
        page.reload()
        qtbot.waitUntil(lambda p=page: not p.loading() and p.proxy.rowCount() == 1)
        page.table.selectRow(0)
        timeline = page.timeline.table
        qtbot.waitUntil(lambda t=timeline: t.rowCount() > 0)
        qtbot.wait(50)  # the columns are fitted on the next turn
        widths[width] = [timeline.columnWidth(c) for c in (0, 1, 6)]
    deadline, rule, working_days = widths[880]
    assert rule >= 150 and rule >= working_days, widths
    # a wide window keeps them as they were: Deadline 260 pixels at the usual text size, Working
    # days no wider, the Rule the rest
    deadline, rule, working_days = widths[1600]
    assert deadline == for_the_text_size(260, timeline.font()) and working_days <= deadline, widths
    assert rule > deadline, widths
