"""The Case reviews tab driven through its real dialogs, with a fixed 'today'."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_review_clocks import STATUS_COLOURS
from bscp_desktop.domain.case_reviews import Decision, IncidentType
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.rules_editor import TEXT_COLUMN
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab, case_archive_note
from bscp_desktop.ui.common import list_page
from tests.ui.helpers import table_texts, type_text

TODAY = date(2024, 2, 1)  # a Thursday


@pytest.fixture
def tab(qtbot, db):
    widget = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def open_new(page, qtbot):
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def column(page, header: str) -> int:
    headers = [c.header for c in page.model.columns]
    return headers.index(header)


def cell(page, header: str, row: int = 0) -> str:
    return table_texts(page, column(page, header))[row]


def edit_first(page, qtbot):
    """The dialog of the first record of `page`, read again, not shown yet."""
    page.reload()
    page.table.selectRow(0)
    dialog = page.edit_dialog(page, page.selected())
    qtbot.addWidget(dialog)
    return dialog


def click_save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.slow
def test_record_a_case_and_see_its_next_deadline_in_the_tracker(tab, qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    page = tab.tracker
    assert "No case reviews yet" in page.empty.text()
    dialog = open_new(page, qtbot)
    assert not dialog.save_button.isEnabled()
    type_text(dialog.alias, "Child Ä")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.SERIOUS_HARM))
    qtbot.keyClicks(dialog.became_aware.line, "29/01/2024")
    dialog.themes.set_checked("Suicide and self-harm")
    dialog.agencies.set_checked(ms.list_organisations(db)[0].id)
    # the due date appears beside the date that meets it, with its rule
    assert dialog.due_labels["notification_sent"].text() == (
        "Due 05/02/2024: 5 working days after the date the local authority became aware. "
        "Due soon: 2 working days left."
    )
    assert dialog.save_button.isEnabled()
    click_save(qtbot, dialog)

    assert table_texts(page) == ["BSCP-2024-01"]
    assert cell(page, "Alias") == "Child Ä"
    assert cell(page, "Current stage") == "Awaiting notification"
    assert cell(page, "Next deadline or step") == "Serious incident notification to the Panel"
    assert cell(page, "Due") == "05/02/2024"
    assert cell(page, "Status") == "Due soon"
    assert cell(page, "Working days left") == "2 working days left"
    assert cell(page, "Rule") == "5 working days after the date the local authority became aware"
    status_index = page.proxy.index(0, column(page, "Status"))
    brush = page.proxy.data(status_index, Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == QColor(STATUS_COLOURS[DeadlineStatus.DUE_SOON])
    # the timeline of the selected case lists every clock in words
    timeline = page.timeline
    assert "BSCP-2024-01 (Child Ä)" in timeline.heading.text()
    assert timeline.table.item(0, 3).text() == "05/02/2024"
    assert timeline.table.item(0, 5).text() == "Due soon"
    case = cr.list_case_reviews(db)[0]
    assert case.themes == ("Suicide and self-harm",) and case.agency_names == ("Brent Council",)


def test_editing_the_case_moves_the_tracker_on(tab, qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 29)))
    page = tab.tracker
    dialog = edit_first(page, qtbot)
    dialog.show()
    qtbot.keyClicks(dialog.notification_sent.line, "02/02/2024")
    qtbot.keyClicks(dialog.partners_told.line, "02/02/2024")
    assert dialog.due_labels["notification_sent"].text().endswith("Met on time.")
    assert dialog.due_labels["rapid_review_sent"].text().startswith("Due 23/02/2024: 15 working days after")
    click_save(qtbot, dialog)
    assert cell(page, "Current stage") == "Notification sent"
    assert cell(page, "Next deadline or step") == "Rapid review sent to the Panel"
    assert cell(page, "Due") == "23/02/2024"
    assert cell(page, "Status") == "Not yet due"
    assert page.timeline.table.item(0, 5).text() == "Met on time"


@pytest.mark.slow
def test_ctrl_s_stopped_by_a_check_takes_the_officer_to_the_field_and_says_why(tab, qtbot, db):
    """The alias cleared by a slip, the officer lower down the long form: Ctrl+S (Save is greyed)
    moves the focus to Alias, scrolls it into view and says why on the line above the buttons;
    a screen reader reads the error with the field."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 29)))
    page = tab.tracker
    dialog = edit_first(page, qtbot)
    dialog.resize(720, 500)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading())
    dialog.alias.setFocus()
    dialog.alias.selectAll()
    qtbot.keyClick(dialog.alias, Qt.Key.Key_Delete)
    dialog.reviewer.setFocus()
    dialog.fields_area.ensureWidgetVisible(dialog.reviewer)
    qtbot.keyClicks(dialog.reviewer, "Ms Reviewer")
    qtbot.keyClick(dialog.reviewer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.alias)
    viewport = dialog.fields_area.viewport()
    assert QRect(dialog.alias.mapTo(viewport, QPoint(0, 0)), dialog.alias.size()).intersects(viewport.rect())
    assert dialog.status.text().startswith("Not saved. Alias is required")
    assert dialog.alias.accessibleDescription() == dialog.error_labels["alias"].text() != ""
    qtbot.keyClicks(dialog.alias, "Child A")  # put right: the field's own hint is read again
    assert dialog.alias.accessibleDescription() == dialog.hints["alias"]


def test_out_of_order_date_shows_its_message_and_saves_nothing(tab, qtbot, db):
    dialog = open_new(tab.tracker, qtbot)
    qtbot.keyClicks(dialog.alias, "Child B")
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.DEATH))
    qtbot.keyClicks(dialog.became_aware.line, "29/01/2024")
    qtbot.keyClicks(dialog.notification_sent.line, "05/02/2024")
    qtbot.keyClicks(dialog.rapid_review_sent.line, "03/02/2024")
    error = dialog.error_labels["rapid_review_sent"]
    assert error.isVisible()
    assert error.text() == (
        "Rapid review sent to the Panel (03/02/2024) cannot be before notification sent (05/02/2024)"
    )
    assert not dialog.save_button.isEnabled()
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert cr.list_case_reviews(db) == []
    assert table_texts(tab.tracker) == []


def test_a_refusal_from_the_service_is_shown_beside_the_field(tab, qtbot, db, monkeypatch):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    dialog = open_new(tab.tracker, qtbot)
    qtbot.keyClicks(dialog.alias, "Child A")  # the same alias: only the service can know
    dialog.incident_type.setCurrentIndex(dialog.incident_type.findData(IncidentType.DEATH))
    qtbot.keyClicks(dialog.became_aware.line, "30/01/2024")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "already used by case BSCP-2024-01" in dialog.error_labels["alias"].text()
    assert len(cr.list_case_reviews(db)) == 1


def test_bad_date_text_is_named(tab, qtbot):
    dialog = open_new(tab.tracker, qtbot)
    qtbot.keyClicks(dialog.became_aware.line, "31/02/2024")
    assert "is not a date" in dialog.error_labels["became_aware"].text()
    assert not dialog.save_button.isEnabled()


def test_filter_shows_overdue_cases(tab, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 2)))  # overdue
    cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 31)))  # not yet due
    page = tab.tracker
    page.reload()
    assert sorted(table_texts(page, column(page, "Alias"))) == ["Child A", "Child B"]
    page.filter.setCurrentText("Overdue")
    assert table_texts(page, column(page, "Alias")) == ["Child A"]
    assert cell(page, "Working days left") == "17 working days overdue"


def test_settings_change_rules_and_closures_and_the_tracker_follows(tab, qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29), partners_told=date(2024, 1, 30),
                                                  notification_sent=date(2024, 1, 29)))
    tab.tracker.reload()
    dialog = CaseReviewSettingsDialog(db, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rules.keys.index("rapid_review")  # a local choice (the notification's 5 working days are not)
    dialog.rules.table.cellWidget(row, 1).setValue(6)
    assert dialog.rules.table.item(row, TEXT_COLUMN).text().startswith("6 working days after")
    qtbot.keyClicks(dialog.closure_date.line, "31/01/2024")
    qtbot.keyClicks(dialog.closure_reason, "Office move")
    qtbot.mouseClick(dialog.add_closure_button, Qt.MouseButton.LeftButton)
    assert dialog.closures.rowCount() == 1
    qtbot.keyClicks(dialog.new_theme, "County lines")
    qtbot.mouseClick(dialog.add_theme_button, Qt.MouseButton.LeftButton)
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    # 6 working days from the notification on Mon 29 Jan skipping Wed 31 Jan: 30 Jan, 1, 2, 5, 6, 7 Feb
    assert cell(tab.tracker, "Due") == "07/02/2024"
    assert cell(tab.tracker, "Rule").startswith("6 working days after")
    settings = cr.load_settings(db)
    assert settings.closures == (cr.ClosureDay(date(2024, 1, 31), "Office move"),)
    assert settings.themes[-1] == "County lines"


def test_a_theme_renamed_to_nothing_or_to_another_theme_keeps_its_name_and_says_why(tab, qtbot, db):
    dialog = CaseReviewSettingsDialog(db, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    themes = dialog.theme_list()
    first, second = dialog.themes.item(0), dialog.themes.item(1)
    first.setText("   ")
    assert dialog.theme_list() == themes
    assert "needs a name" in dialog.theme_error.text() and "Remove selected" in dialog.theme_error.text()
    first.setText(second.text().upper())
    assert dialog.theme_list() == themes and "already a theme" in dialog.theme_error.text()
    first.setText("  Neglect   and  drift ")
    assert dialog.theme_list()[0] == "Neglect and drift" and dialog.theme_error.text() == ""
    qtbot.keyClicks(dialog.new_theme, second.text().lower())
    qtbot.mouseClick(dialog.add_theme_button, Qt.MouseButton.LeftButton)
    assert len(dialog.theme_list()) == len(themes) and "already a theme" in dialog.theme_error.text()
    click_save(qtbot, dialog)
    assert cr.load_settings(db).themes == ("Neglect and drift", *themes[1:])


def test_settings_refuse_a_bad_prefix_and_save_nothing(tab, qtbot, db):
    dialog = CaseReviewSettingsDialog(db, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.prefix.setText("B S")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "reference prefix" in dialog.error.text()
    assert cr.load_settings(db).reference_prefix == "BSCP"


@pytest.mark.slow
def test_recommendation_and_action_through_dialogs(tab, qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 1)))
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    page.refill_filters()
    page.record_filter.setCurrentIndex(page.record_filter.findData(case.id))
    dialog = open_new(page, qtbot)
    assert dialog.raised_from.current_id() == case.id
    type_text(dialog.text, "Invite schools to every rapid review")
    dialog.lead.set_current_id(org.id)
    click_save(qtbot, dialog)
    assert table_texts(page, 0) == ["BSCP-2024-01"]
    page.table.selectRow(0)
    actions = page.actions
    assert actions.new_action.isEnabled()
    dialog = open_new(actions, qtbot)
    assert dialog.organisation.current_id() == org.id  # the lead agency is offered as owner
    type_text(dialog.description, "Write to all designated safeguarding leads")
    qtbot.keyClicks(dialog.due.line, "01/01/2024")
    click_save(qtbot, dialog)
    assert table_texts(actions) == ["Write to all designated safeguarding leads"]
    assert table_texts(actions, 3) == ["Overdue"]  # due before the fixed today
    assert table_texts(page, column(page, "Overdue")) == ["1"]  # the recommendation counts one overdue action

    actions.table.selectRow(0)
    dialog = actions.edit_dialog(actions, actions.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE))
    qtbot.keyClicks(dialog.completed.line, "15/01/2024")
    type_text(dialog.evidence, "All 80 schools replied")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert table_texts(actions, 3) == ["Done"]
    done = cr.recommendation_actions(db, cr.list_recommendations(db)[0].id)[0]
    assert done.status is ActionStatus.DONE and done.evidence == "All 80 schools replied"


def test_themes_page_counts_cases(tab, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2023, 5, 1), themes=("Neglect",)))
    cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 5), themes=("Neglect", "Exploitation")))
    tab.sections.setCurrentWidget(tab.themes)
    cells = tab.themes.cell_texts()
    header = [tab.themes.table.horizontalHeaderItem(c).text() for c in range(tab.themes.table.columnCount())]
    assert header == ["Theme", "2023/24", "Total"]
    rows = {r[0]: r[1:] for r in cells}
    assert rows["Neglect"] == ["2", "2"]
    assert rows["Exploitation"] == ["1", "1"]
    assert rows["Domestic abuse"] == ["0", "0"]


def test_every_control_in_the_case_dialog_has_an_accessible_name(tab, qtbot):
    dialog = open_new(tab.tracker, qtbot)
    for name, widget in dialog.fields.items():
        assert widget.accessibleName(), name


@pytest.mark.slow
def test_lcspr_dates_show_their_due_dates_once_the_decision_is_made(tab, qtbot):
    dialog = open_new(tab.tracker, qtbot)
    qtbot.keyClicks(dialog.became_aware.line, "01/08/2023")
    assert dialog.due_labels["published"].text().startswith("Rule: 6 months after the date of the decision")
    dialog.decision.setCurrentIndex(dialog.decision.findData(Decision.LCSPR))
    qtbot.keyClicks(dialog.decision_date.line, "31/08/2023")
    assert dialog.due_labels["published"].text().startswith("Due 29/02/2024: 6 months after")
    assert dialog.due_labels["sent_to_panel_sos"].text().startswith("Due 20/02/2024: 7 working days before")
    qtbot.keyClicks(dialog.final_report.line, "01/03/2024")
    qtbot.keyClicks(dialog.published.line, "29/02/2024")
    assert dialog.error_labels["published"].text() == (
        "Published (29/02/2024) cannot be before the final report (01/03/2024)"
    )


@pytest.mark.slow
def test_exports_from_the_tab_are_marked_official_sensitive(tab, qtbot, db, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    tab.tracker.reload()
    tab.tracker.table.selectRow(0)
    saved: list[str] = []
    from bscp_desktop.ui.common.saved_file import SavedFileBox

    # the "Saved …" box (Open, Print, Show in folder) says where, and how the file is marked
    monkeypatch.setattr(SavedFileBox, "show", lambda box: saved.append(f"{box.text()} {box.informativeText()}"))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: saved.append("ERROR " + text))
    names = iter(["tracker", "tracker", "summary", "themes", "themes", "period", "period"])

    def ask(parent, title, directory, file_filter):
        return str(tmp_path / next(names)), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    actions = tab.export_actions()
    assert [a.text() for a in actions] == [
        "Case review tracker (Excel)…",
        "Case review tracker (PDF)…",
        "Case summary of the selected case (PDF)…",
        "Case review themes (PDF)…",
        "Case review themes (Excel)…",
        "Case reviews summary (PDF)…",
        "Case reviews summary (Excel)…",
    ]
    for number, action in enumerate(actions, start=1):
        action.trigger()
        qtbot.waitUntil(lambda n=number: len(saved) == n, timeout=20000)
    assert not any(text.startswith("ERROR") for text in saved), saved
    assert all("OFFICIAL-SENSITIVE" in text for text in saved)
    for name in ("tracker.xlsx", "themes.xlsx", "period.xlsx"):
        wb = load_workbook(tmp_path / name)
        assert "OFFICIAL-SENSITIVE" in wb.properties.keywords
        assert all(ws.oddHeader.center.text == "OFFICIAL-SENSITIVE" for ws in wb.worksheets)
    for name in ("tracker.pdf", "summary.pdf", "themes.pdf", "period.pdf"):
        reader = PdfReader(str(tmp_path / name))
        assert "OFFICIAL-SENSITIVE" in reader.metadata.subject
        assert all(page.extract_text().count("OFFICIAL-SENSITIVE") >= 2 for page in reader.pages)
    assert "BSCP-2024-01" in PdfReader(str(tmp_path / "summary.pdf")).pages[0].extract_text()
    assert load_workbook(tmp_path / "period.xlsx")["Summary"]["A2"].value == "Cases considered"


def test_a_rule_another_counts_from_cannot_be_removed(tab, qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    dialog = CaseReviewSettingsDialog(db, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    rules = dialog.rules
    rules.table.selectRow(rules.keys.index("lcspr_publication"))
    rules.remove_rule()
    assert "counts from its due date" in told[0]
    assert "lcspr_publication" in rules.keys
    rules.table.selectRow(rules.keys.index("panel_report"))
    rules.remove_rule()  # a requirement, not a local choice
    assert "not a local choice" in told[1]
    assert "panel_report" in rules.keys
    rules.table.selectRow(rules.keys.index("rapid_review"))
    rules.remove_rule()
    assert "rapid_review" not in rules.keys
    qtbot.mouseClick(rules.add_button, Qt.MouseButton.LeftButton)
    assert rules.keys[-1] == "new_deadline"
    click_save(qtbot, dialog)
    assert [r.key for r in cr.load_settings(db).rules] == [
        "notification", "partners_told", "sos_ofsted", "partners_decision", "lcspr_publication", "panel_report", "new_deadline"
    ]


def test_close_a_case_as_not_notifiable_and_it_leaves_the_overdue_filter(tab, qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2)))  # overdue
    cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 3)))  # overdue
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("Overdue")
    assert sorted(table_texts(page, column(page, "Alias"))) == ["Child A", "Child B"]
    row = table_texts(page, column(page, "Alias")).index("Child A")
    page.table.selectRow(row)
    assert page.not_notifiable_action.isEnabled()
    dialog = page.not_notifiable_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.considered_on.set_value(None)
    qtbot.keyClicks(dialog.considered_on.line, "09/01/2024")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert table_texts(page, column(page, "Alias")) == ["Child B"]
    page.filter.setCurrentText("All cases")
    row = table_texts(page, column(page, "Alias")).index("Child A")
    assert cell(page, "Status", row) == "Not notifiable"
    assert cell(page, "Current stage", row) == "Closed: not notifiable"
    page.table.selectRow(row)
    assert page.timeline.table.rowCount() == 0 or "not notifiable" in page.timeline.heading.text().lower()
    case = next(c for c in cr.list_case_reviews(db) if c.alias == "Child A")
    assert (case.considered_on, case.closed) == (date(2024, 1, 9), date(2024, 1, 9))


def test_a_case_with_a_rapid_review_date_is_told_how_to_close_it_as_not_notifiable(tab, qtbot, db):
    """The dialog has no date boxes of the notified route: it says which dates stand in the way
    and what to do, before Save, instead of a refusal asking to clear a date it does not show."""
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2),
                                                  rapid_review_meeting=date(2024, 1, 20)))
    page = tab.tracker
    page.reload()
    page.table.selectRow(0)
    assert page.not_notifiable_action.isEnabled()  # not notified yet: it may be closed once the date goes
    dialog = page.not_notifiable_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    said = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "Rapid review meeting (20/01/2024)" in said
    assert "press Cancel, then Edit, clear those dates" in said
    assert "Clear this date" not in said  # no box here holds it
    assert not dialog.save_button.isEnabled()
    dialog.considered_on.set_value(date(2024, 1, 9))
    assert not dialog.save_button.isEnabled()  # still: typing cannot clear the date
    assert cr.list_case_reviews(db)[0].outcome is None


@pytest.mark.slow
def test_the_meeting_pickers_fill_in_the_background_keeping_what_was_chosen(tab, qtbot, db, world):
    """The dialog opens at once with the meeting the case is linked to; every meeting arrives
    from a worker thread, and a choice or text typed meanwhile is kept."""
    from datetime import datetime

    from bscp_desktop.services import meetings as mt

    crg = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case Review Group", datetime(2024, 1, 10, 10)))
    later = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Case Review Group", datetime(2024, 3, 6, 10)))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2),
                                                         considered_meeting_id=crg.id))
    page = tab.tracker
    dialog = edit_first(page, qtbot)
    dialog.show()
    picker = dialog.considered_meeting
    assert picker.currentText() == "Case Review Group (10/01/2024)" and picker.current_id() == crg.id
    dialog.rapid_review_meeting_link.setEditText("Case Review Group (06/03")  # typing, not finished
    qtbot.waitUntil(lambda: not dialog.loading())
    assert picker.current_id() == crg.id
    assert [picker.itemData(i) for i in range(picker.count())] == [None, later.id, crg.id]  # newest first
    assert dialog.rapid_review_meeting_link.currentText() == "Case Review Group (06/03"
    dialog.rapid_review_meeting_link.setEditText("Case Review Group (06/03/2024)")
    assert dialog.rapid_review_meeting_link.current_id() == later.id
    click_save(qtbot, dialog)
    saved = cr.list_case_reviews(db)[0]
    assert (saved.id, saved.considered_meeting_id, saved.rapid_review_meeting_id) == (case.id, crg.id, later.id)


def test_each_page_is_made_when_first_shown_and_counts_in_the_background(tab, qtbot, db, background_lists):
    """Opening the tab makes the tracker only (with its outputs); Themes and Summary for a
    period are made when chosen, and show figures worked out in a worker thread."""
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2023, 5, 1), themes=("Neglect",),
                                                  considered_on=date(2023, 6, 1)))
    sections = tab.sections
    qtbot.waitUntil(lambda: sections.built_page("tracker") is not None)
    assert [sections.built_page(n) for n in ("recommendations", "themes", "summary")] == [None, None, None]
    assert "Case review tracker (PDF)…" in [a.text() for a in tab.tracker.toolbar.actions()]
    sections.setCurrentIndex(2)  # Themes, as a click on the bar does
    qtbot.waitUntil(lambda: sections.built_page("themes") is not None)
    themes = sections.built_page("themes")
    qtbot.waitUntil(lambda: not themes.loading() and themes.table.rowCount() > 1)
    assert {r[0]: r[1:] for r in themes.cell_texts()}["Neglect"] == ["1", "1"]
    assert [b.text() for b in themes.findChildren(QPushButton)] == ["Case review themes (PDF)…",
                                                                     "Case review themes (Excel)…"]
    summary = tab.summary
    sections.setCurrentWidget(summary)
    summary.date_from.set_value(date(2023, 4, 1))
    summary.date_to.set_value(date(2024, 3, 31))
    qtbot.waitUntil(lambda: not summary.loading() and "01/04/2023" in summary.heading.text())
    assert summary.figure("Cases considered") == "1"


def test_a_short_window_scrolls_the_timeline_instead_of_drawing_its_parts_over_each_other(qtbot, demo_db):
    tab = CaseReviewsTab(demo_db, None)
    qtbot.addWidget(tab)
    tab.resize(1000, 420)  # the window made small, with a large font or the checklist above it
    tab.show()
    page = tab.tracker
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 0)
    page.table.selectRow(0)
    timeline = page.timeline
    qtbot.waitUntil(lambda: timeline.table.rowCount() > 0)
    qtbot.wait(20)  # the tables fit their rows on the next turn
    assert timeline.height() >= timeline.minimumSizeHint().height()
    parts = [timeline.heading, timeline.table, timeline.chart, timeline.legend, timeline.stages_heading, timeline.stages]
    for upper, lower in pairwise(parts):
        assert upper.geometry().bottom() < lower.geometry().top(), (upper, lower)


def test_working_days_left_sorts_by_the_days_the_most_overdue_first(tab, db):
    for alias, aware in (("Child A", date(2024, 1, 31)), ("Child B", date(2023, 12, 1)), ("Child C", date(2024, 1, 2)),
                         ("Child D", date(2024, 1, 26)), ("Child E", date(2024, 1, 29))):
        cr.create_case_review(db, cr.CaseReviewFields(alias, "death", aware))
    page = tab.tracker
    page.reload()
    page.table.sortByColumn(column(page, "Working days left"), Qt.SortOrder.AscendingOrder)
    shown = table_texts(page, column(page, "Working days left"))
    numbers = {r.case.alias: r.next.working_days_left for r in cr.tracker(db, today=TODAY)}
    assert [numbers[a] for a in table_texts(page, column(page, "Alias"))] == sorted(numbers.values())
    assert shown[0].endswith("overdue") and shown[-1].endswith("left")
    page.table.sortByColumn(column(page, "Working days left"), Qt.SortOrder.DescendingOrder)
    assert [numbers[a] for a in table_texts(page, column(page, "Alias"))] == sorted(numbers.values(), reverse=True)


def test_a_date_made_wrong_by_another_change_says_why_beside_it_not_fill_it_in(qtbot, db):
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

    case = cr.create_case_review(db, cr.CaseReviewFields("Child D", "serious_harm", date(2024, 1, 29),
                                                         notification_sent=date(2024, 1, 31)))
    dialog = CaseReviewDialog(db, cr.get_case_review(db, case.id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "notification_sent" in dialog.fields, timeout=3000)
    dialog.became_aware.set_value(date(2024, 2, 9))
    dialog.revalidate()
    label = dialog.error_labels["notification_sent"]
    assert not dialog.save_button.isEnabled()
    assert label.isVisible() and "before" in label.text()
    assert "fill in" not in dialog.status.text()


def test_close_as_not_notifiable_says_why_it_is_not_offered(tab, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2),
                                                  notification_sent=date(2024, 1, 4)))
    page = tab.tracker
    page.reload()
    page.table.selectRow(0)
    action = page.not_notifiable_action
    assert not action.isEnabled()
    assert action.toolTip() == "The Panel was notified on 04/01/2024: the case was notifiable."


def test_archiving_a_case_says_how_many_recommendations_and_open_actions_it_has(tab, db, monkeypatch):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    quiet = cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 29)))
    recs = [cr.create_recommendation(db, cr.RecommendationFields(case.id, text, org.id))
            for text in ("Invite schools to rapid reviews", "Update the guidance")]
    for description, status in (("Write to schools", ActionStatus.OPEN), ("Print the guidance", ActionStatus.IN_PROGRESS),
                                ("Brief the team", ActionStatus.DONE)):
        cr.add_recommendation_action(db, recs[0].id, action_log.ActionFields(
            description, owner_organisation_id=org.id, due_date=date(2024, 6, 1), status=status,
            completed_on=date(2024, 1, 30) if status is ActionStatus.DONE else None,
            evidence="Briefed" if status is ActionStatus.DONE else ""))
    asked = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: asked.append(text) or False)
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("All cases")
    page.table.selectRow(table_texts(page, column(page, "Alias")).index("Child A"))
    page.on_archive()
    assert "It has 2 recommendations, which leave the Recommendations page and the tracker workbook. It has 2 " \
           "open actions: “" in asked[0] and "They stay in the action log" in asked[0]
    assert cr.get_case_review(db, case.id).archived_at is None  # not confirmed
    assert case_archive_note(db, quiet.id) == ""


def test_the_local_closure_days_are_listed_in_date_order(qtbot, db):
    dialog = CaseReviewSettingsDialog(db)
    qtbot.addWidget(dialog)
    for day in (date(2024, 12, 27), date(2025, 4, 22), date(2024, 12, 30), date(2025, 1, 2), date(2024, 12, 31)):
        dialog.closure_date.set_value(day)
        dialog.closure_reason.setText("Council closure")
        dialog.add_closure()
    shown = [dialog.closures.item(row, 0).text()[:10] for row in range(dialog.closures.rowCount())]
    assert shown == ["27/12/2024", "30/12/2024", "31/12/2024", "02/01/2025", "22/04/2025"]
    assert [c.day for c in dialog.closure_days()] == sorted(c.day for c in dialog.closure_days())


def test_a_search_hit_for_a_case_clears_the_trackers_own_search_and_chooses_that_case(tab, qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child B", "death", date(2024, 1, 3)))
    wanted = cr.create_case_review(db, cr.CaseReviewFields("Child D", "death", date(2024, 1, 10)))
    page = tab.tracker
    page.reload()
    qtbot.waitUntil(lambda: not page.loading())
    page.search.setText("Child B")  # the tracker's own box hides the case found by Ctrl+K
    tab.show_record("case_review", wanted.id)
    qtbot.waitUntil(lambda: not page.loading() and page.selected() is not None and page.selected().id == wanted.id)
    assert page.search.text() == "" and page.filter.currentText() == "All cases"
    assert "Child D" in page.timeline.heading.text()


def test_the_trackers_show_choice_is_cleared_with_the_search(tab, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 31)))  # not yet due
    page = tab.tracker
    page.reload()
    page.filter.setCurrentText("Overdue")
    page.search.setText("Child A")
    assert page.empty.text().startswith("No case reviews match the filter")
    page.clear_filters()
    assert page.filter.currentText() == "All cases" and page.search.text() == ""
    assert table_texts(page, column(page, "Alias")) == ["Child A"]
