"""The Audits tab through its real dialogs: a Section 11 rating and an audit return entered
by hand change the grid's colour and word; a record's history opens from its dialog."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import GRADING_COLOURS, Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RATING_COLOURS, Rating
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from bscp_desktop.ui.common.history import HistoryDialog
from bscp_desktop.ui.common.import_result import ImportResultDialog
from tests.built_once import database_with
from tests.ui.helpers import shown_tab, type_text

TODAY = date(2024, 10, 1)


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    [old_council, _] = s11.add_agencies(db, old.id, [council.id, police.id])
    sr.save_rating(db, old_council.id, s11.list_standards(db, old.id)[0].id, sr.RatingFields("Red"))
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, new.id, [council.id, police.id])
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id, police.id)))
    return {"council": council, "police": police, "new": new, "audit": audit}


db, setup = database_with("audits-tab", build_setup, records="setup")


@pytest.fixture
def tab(qtbot, db, setup):
    widget = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: widget.section11.grid_data is not None)
    return widget


def grid_cell(page, agency: str, number: int):
    model = page.grid.grid_model
    row = next(i for i, a in enumerate(model.agencies) if a.organisation_name == agency)
    column = next(i for i, s in enumerate(model.standards, start=1) if s.number == number)
    return model.index(row, column)


def save(qtbot, dialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def answer_modal(qtbot, check) -> list:
    """When the next modal dialog opens, look at it with `check(dialog)` and close it."""
    seen: list = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen.append(check(dialog))
        dialog.reject()

    QTimer.singleShot(20, look)
    return seen


def test_enter_a_section_11_rating_and_see_the_grid_change(qtbot, tab, db):
    page = tab.section11
    assert page.cycle_combo.currentText() == "2024-26"
    index = grid_cell(page, "Brent Council", 1)
    model = page.grid.grid_model
    assert model.data(index) == "Not rated"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(RATING_COLOURS[None])

    # a double-click on the cell opens the rating dialog for that agency and standard
    seen = answer_modal(qtbot, lambda d: d.windowTitle())
    page.grid.doubleClicked.emit(index)
    assert seen == ["Brent Council: standard 1"]

    dialog = page.rating_dialog(model.cell(index))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.self_rating.setCurrentIndex(dialog.self_rating.findData(Rating.AMBER))
    type_text(dialog.evidence, "Żółć: board minutes of March 2024")
    save(qtbot, dialog)
    index = grid_cell(page, "Brent Council", 1)
    assert model.data(index) == "Amber\n▲ Improved"  # red in 2022-24
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(RATING_COLOURS[Rating.AMBER])
    earlier = page.earlier.grid_model
    assert earlier.data(earlier.index(index.row(), index.column())) == "Red"

    # moderated down at the challenge meeting: the moderated rating counts, and says so
    dialog = page.rating_dialog(model.cell(index))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.moderated.setCurrentIndex(dialog.moderated.findData(Rating.RED))
    assert not dialog.save_button.isEnabled()  # a changed rating needs its note
    qtbot.keyClicks(dialog.note, "No evidence of board reporting")
    save(qtbot, dialog)
    index = grid_cell(page, "Brent Council", 1)
    assert model.data(index) == "Red\n(moderated)\n= Same"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(RATING_COLOURS[Rating.RED])
    counts = [model.data(model.index(r, index.column())) for r in range(len(model.agencies), model.rowCount())]
    assert counts == ["1", "0", "0", "0", "1"]  # red, amber, green, n/a, not rated
    rating = sr.get_rating(db, model.cell(index).rating.participant_id, model.cell(index).rating.standard_id)
    assert (rating.self_rating, rating.moderated_rating, rating.evidence) == (
        Rating.AMBER, Rating.RED, "Żółć: board minutes of March 2024")


def test_record_a_late_return_and_the_chase_list(qtbot, tab, db):
    page = tab.section11
    assert "To chase (2 not returned" in page.chase.text()
    police = next(p for p in page.participants if p.organisation_name == "Metropolitan Police")
    dialog = page.return_dialog(police)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.sent_on.line, "02/04/2024")
    qtbot.keyClicks(dialog.returned_on.line, "12/07/2024")
    assert dialog.lateness.text() == "Returned 10 working days late"
    save(qtbot, dialog)
    row = next(r for r in range(page.returns.rowCount()) if page.returns.item(r, 0).text() == "Metropolitan Police")
    assert page.returns.item(row, 5).text() == "Returned 10 working days late"
    # Brent Council was never sent its return: not asked, so not overdue
    assert "To chase (1 not returned): Brent Council (not sent)" in page.chase.text()
    row = next(r for r in range(page.returns.rowCount()) if page.returns.item(r, 0).text() == "Brent Council")
    assert page.returns.item(row, 5).text() == "Not requested"


@pytest.mark.slow
def test_a_closure_day_added_in_the_settings_changes_a_returns_lateness_at_once(qtbot, tab, db):
    from dataclasses import replace

    from bscp_desktop.services import case_review_settings as crs

    page = tab.section11
    police = next(p for p in page.participants if p.organisation_name == "Metropolitan Police")
    sa_fields = replace(police.to_fields(), sent_on=date(2024, 4, 2), returned_on=date(2024, 7, 12))
    s11.update_participant(db, police.id, sa_fields)
    qtbot.waitUntil(lambda: "Returned 10 working days late" in table_column(page.returns, 5))
    settings = crs.load_settings(db)
    crs.save_settings(db, replace(settings, closures=settings.closures + (
        crs.ClosureDay(date(2024, 7, 1), "Office move"), crs.ClosureDay(date(2024, 7, 2), "Office move"))))
    qtbot.waitUntil(lambda: "Returned 8 working days late" in table_column(page.returns, 5))  # no reload by hand


def table_column(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_enter_an_audit_return_and_see_its_grading(qtbot, tab, db, setup):
    tab.sections.setCurrentWidget(tab.audits)
    page = tab.audits
    qtbot.waitUntil(lambda: page.audit_detail.audit is not None)
    detail = page.audit_detail
    assert detail.returns.rowCount() == 2
    ret = next(r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_name == "Metropolitan Police")
    dialog = detail.return_dialog(ret)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grading.setCurrentIndex(dialog.grading.findData(Grading.REQUIRES_IMPROVEMENT))
    assert not dialog.save_button.isEnabled()  # a graded return needs the date it came in
    qtbot.keyClicks(dialog.received_on.line, "20/02/2023")
    type_text(dialog.good_practice, "Strategy discussion held the same day — Żółć")
    save(qtbot, dialog)
    row = next(r for r in range(detail.returns.rowCount()) if detail.returns.item(r, 2).text() == "Metropolitan Police")
    grading = detail.returns.item(row, 5)
    assert grading.text() == "Requires improvement"
    assert grading.background().color() == QColor(GRADING_COLOURS[Grading.REQUIRES_IMPROVEMENT])
    assert detail.returns.item(row, 6).text() == "Strategy discussion held the same day — Żółć"
    assert detail.returns.item(row, 6).toolTip() == "Strategy discussion held the same day — Żółć"  # whole on hover
    assert "1 of 2 returns received" in detail.heading.text()
    council = next(r for r in range(detail.returns.rowCount()) if detail.returns.item(r, 2).text() == "Brent Council")
    assert detail.returns.item(council, 4).text() == "Not requested"  # never asked for: neither due nor overdue


@pytest.mark.slow
def test_open_a_records_history_from_its_dialog(qtbot, tab, db):
    page = tab.section11
    index = grid_cell(page, "Brent Council", 1)
    cell = page.grid.grid_model.cell(index)
    sr.save_rating(db, cell.rating.participant_id, cell.rating.standard_id, sr.RatingFields("Green"))
    sr.save_rating(db, cell.rating.participant_id, cell.rating.standard_id, sr.RatingFields("Amber"))
    page.reload()
    dialog = page.rating_dialog(page.grid.grid_model.cell(grid_cell(page, "Brent Council", 1)))
    qtbot.addWidget(dialog)
    dialog.show()

    def check(history) -> list[tuple[str, str, str]]:
        assert isinstance(history, HistoryDialog)
        view = history.view
        qtbot.waitUntil(lambda: not view.loading() and view.model.rowCount() > 0, timeout=10000)
        m = view.model
        return [(m.data(m.index(r, 5)), m.data(m.index(r, 6)), m.data(m.index(r, 7))) for r in range(m.rowCount())]

    seen = answer_modal(qtbot, check)
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    [rows] = seen
    assert rows[0] == ("Agency's own rating", "Green", "Amber")  # newest first, by the words the window uses
    assert ("Agency's own rating", "", "Green") in rows


def test_a_recommendation_and_its_action_through_the_dialogs(qtbot, tab, db, setup):
    tab.sections.setCurrentWidget(tab.recommendations)
    page = tab.recommendations
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert "No recommendations yet" in page.empty.text()
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()  # no audit chosen, no text
    dialog.raised_from.setCurrentIndex(dialog.raised_from.findData(setup["audit"].id))
    type_text(dialog.text, "Agencies use the neglect toolkit — Żółć")
    dialog.lead.setCurrentIndex(dialog.lead.findData(setup["council"].id))
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.actions.new_action.isEnabled())
    action = page.actions.new_dialog(page)
    qtbot.addWidget(action)
    action.show()
    assert any(label.text().startswith("From: Case audit ") and "recommendation 1" in label.text()
               for label in action.findChildren(QLabel))
    type_text(action.description, "Brief every team on the toolkit")
    assert action.organisation.current_id() == setup["council"].id  # the lead agency owns it by default
    assert not action.save_button.isEnabled()  # every action needs a due date
    action.due.set_value(date(2024, 9, 30))
    save(qtbot, action)
    qtbot.waitUntil(lambda: page.actions.model.rowCount() == 1)
    rec = page.model.rows[0]
    assert (rec.actions_total, rec.actions_open) == (1, 1)
    [logged] = al.list_action_log(db)
    assert logged.description == "Brief every team on the toolkit"
    assert logged.source.startswith("Case audit ")


def test_an_agencys_improvement_action_is_updated_from_the_section_11_page(qtbot, tab, db):
    page = tab.section11
    cell = page.grid.grid_model.cell(grid_cell(page, "Brent Council", 2))
    sr.save_rating(db, cell.rating.participant_id, cell.rating.standard_id,
                   sr.RatingFields("Amber", action="Train the new starters", action_due=date(2024, 9, 1)))
    qtbot.waitUntil(lambda: page.actions_table.rowCount() == 1)
    assert page.actions_table.item(0, 4).text() == "Overdue"
    page.actions_table.selectRow(0)

    def finish(dialog):
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE))
        type_text(dialog.evidence, "All new starters trained by September")
        save(qtbot, dialog)
        return dialog.windowTitle()

    seen = answer_modal(qtbot, finish)
    page.actions_table.doubleClicked.emit(page.actions_table.model().index(0, 0))
    assert seen == ["Edit action"]
    qtbot.waitUntil(lambda: page.actions_table.item(0, 4).text() == "Done")
    assert page.actions_table.item(0, 5).text() == "All new starters trained by September"


@pytest.mark.slow
def test_a_search_hit_shows_its_record_in_the_tab(qtbot, tab, db, setup):
    cell = tab.section11.grid.grid_model.cell(grid_cell(tab.section11, "Metropolitan Police", 3))
    rating = sr.save_rating(db, cell.rating.participant_id, cell.rating.standard_id,
                            sr.RatingFields("Green", evidence="Board minutes"))
    tab.sections.setCurrentWidget(tab.audits)
    tab.show_record("s11_rating", rating.id)
    assert tab.sections.currentWidget() is tab.section11
    current = tab.section11.grid.currentIndex()
    assert tab.section11.grid.grid_model.cell(current).rating.id == rating.id

    point = le.create_learning(db, le.LearningFields(setup["audit"].id, "Chronologies were missing"))
    le.archive_learning(db, point.id)
    tab.show_record("audit_learning", point.id)
    assert tab.sections.currentWidget() is tab.learning
    assert tab.learning.selected().id == point.id and tab.learning.show_archived.isChecked()

    [ret, *_] = sa.list_returns(db, setup["audit"].id)
    tab.show_record("audit_return", ret.id)
    assert tab.sections.currentWidget() is tab.audits and tab.audits.selected().id == setup["audit"].id


def test_the_change_log_is_saved_as_shown(qtbot, tab, db, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop import jobs

    page = tab.change_log
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() > 0, timeout=10000)
    page.set_area("memberships")
    qtbot.waitUntil(lambda: not page.loading() and page.query.area == "memberships", timeout=10000)
    row = next(r for r, c in enumerate(page.model.rows) if c.record_name == "Metropolitan Police")
    page.table.doubleClicked.emit(page.model.index(row, 0))
    qtbot.waitUntil(lambda: not page.loading() and page.query.record is not None, timeout=10000)
    options = page.output_options()
    out = jobs.write_report(db, "change-log", tmp_path / "shown.xlsx", **options)
    sheet = load_workbook(out)["Change log"]
    saved = [(r[3].value, r[5].value) for r in sheet.iter_rows(min_row=2) if r[0].value]
    assert saved and {record for record, _field in saved} == {"Organisation: Metropolitan Police"}
    assert len(saved) == page.model.rowCount()
    # the window offers exactly these two files, from the registered job
    texts = [a.text() for a in tab.export_actions()]
    assert texts[-2:] == ["Change log as shown (Excel)…", "Change log as shown (PDF)…"]


def test_the_audit_moves_on_one_step_at_a_time(qtbot, tab, db, setup, monkeypatch):
    tab.sections.setCurrentWidget(tab.audits)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None)
    assert detail.height() > 150 and detail.next_step.height() > 10  # the part below the list is on screen
    assert detail.next_step.text() == "Move to Returns requested"
    refused: list[str] = []
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error",
                        lambda parent, title, exc: refused.append(str(exc)))
    qtbot.mouseClick(detail.next_step, Qt.MouseButton.LeftButton)
    if refused:  # a step that needs something first says what, and nothing changes
        assert ca.get_audit(db, setup["audit"].id).status.label == "Planned"
        qtbot.mouseClick(detail.request, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(detail.next_step, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.audit.status.label == "Returns requested")
    assert "Returns requested" in detail.heading.text()
    if detail.request.isEnabled():  # moved on without asking for them: ask now
        qtbot.mouseClick(detail.request, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not detail.request.isEnabled())  # every return asked for: nothing left to request
    assert detail.request.toolTip() == "Every return has been requested or received."
    assert detail.next_step.text() == "Move to Returns in"
    assert ca.get_audit(db, setup["audit"].id).status.label == "Returns requested"


def test_adding_agencies_says_what_to_do_when_there_is_nobody_to_add(qtbot, db):
    from bscp_desktop.ui.audits.s11_dialogs import AddAgenciesDialog

    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    dialog = AddAgenciesDialog(db, cycle)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("no organisations yet" in text for text in labels)
    assert not dialog.save_button.isEnabled() or dialog.check()


@pytest.mark.slow
def test_write_an_agencys_return_and_import_it_from_the_window(qtbot, tab, db, setup, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from tests.importers.test_audit_returns import _fill_s11

    page = tab.section11
    out = tmp_path / "return.xlsx"
    monkeypatch.setattr("bscp_desktop.ui.audits.section11_page.choose_agency",
                        lambda parent, title, agencies: setup["police"].id)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.choose_save_path", lambda *args: out)
    qtbot.mouseClick(page.write_return, Qt.MouseButton.LeftButton)
    book = load_workbook(out)
    sheet = book["Section 11 return"]
    assert sheet["B3"].value == "Metropolitan Police"
    assert sheet.data_validations.dataValidation  # the ratings are a drop-down
    _fill_s11(out, {1: ("Red", None, "No board report — Żółć", None, None)})

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(out), "")))
    qtbot.mouseClick(page.import_return, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(ImportResultDialog) is not None, timeout=10000)
    result = page.findChild(ImportResultDialog)
    assert "1 added" in result.summary.text()
    index = grid_cell(page, "Metropolitan Police", 1)
    qtbot.waitUntil(lambda: page.grid.grid_model.data(index).startswith("Red"))
    assert page.grid.grid_model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(RATING_COLOURS[Rating.RED])
    result.close()


@pytest.mark.slow
def test_writing_a_return_records_it_sent_today_unless_it_was_sent_before(qtbot, tab, db, setup, tmp_path,
                                                                          monkeypatch):
    page = tab.section11
    said: list[str] = []
    monkeypatch.setattr("bscp_desktop.ui.audits.section11_page.choose_agency",
                        lambda parent, title, agencies: setup["police"].id)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.choose_save_path", lambda *args: tmp_path / "return.xlsx")
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.tell", lambda parent, text: said.append(text))

    def police():
        return next(p for p in s11.list_participants(db, setup["new"].id) if p.organisation_id == setup["police"].id)

    assert police().sent_on is None and police().status.label == "Not sent"
    qtbot.mouseClick(page.write_return, Qt.MouseButton.LeftButton)
    assert police().sent_on == TODAY and police().status.label == "Sent"
    assert "Its Sent date is recorded as 01/10/2024" in said[-1]
    s11.update_participant(db, police().id, replace(police().to_fields(), sent_on=date(2024, 4, 2)))
    qtbot.waitUntil(lambda: next(p for p in page.participants if p.organisation_id == setup["police"].id).sent_on
                    == date(2024, 4, 2))
    qtbot.mouseClick(page.write_return, Qt.MouseButton.LeftButton)  # written again: it went out before
    assert police().sent_on == date(2024, 4, 2) and "Sent date" not in said[-1]


def test_an_audit_return_with_a_bad_row_imported_from_the_window_changes_nothing(qtbot, tab, db, setup, tmp_path,
                                                                               monkeypatch):
    from openpyxl import load_workbook

    from tests.importers.test_audit_returns import _table

    tab.sections.setCurrentWidget(tab.audits)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None)
    out = tmp_path / "audit return.xlsx"
    monkeypatch.setattr("bscp_desktop.ui.audits.case_audits_page.choose_agency",
                        lambda parent, title, agencies: setup["police"].id)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.choose_save_path", lambda *args: out)
    qtbot.mouseClick(detail.write, Qt.MouseButton.LeftButton)
    book = load_workbook(out)
    sheet = book["Audit return"]
    header, cols = _table(sheet, "Case")
    sheet[f"{cols['Good practice']}{header + 1}"] = "=HYPERLINK(\"x\") Żółć"
    sheet[f"{cols['Good practice']}{header + 1}"].data_type = "s"  # text, as Excel keeps "=..." typed after an apostrophe
    sheet[f"{cols['Grading']}{header + 1}"] = "Excellent"
    book.save(out)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(out), "")))
    qtbot.mouseClick(detail.read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.findChild(ImportResultDialog) is not None, timeout=10000)
    result = detail.findChild(ImportResultDialog)
    assert len(result.bad_rows) == 1
    assert result.bad_rows[0].startswith(f"Row {header + 1}: Grading: 'Excellent' is not a grading")
    assert all(not r.received for r in sa.list_returns(db, setup["audit"].id))
    result.close()


def test_each_page_is_made_when_first_shown_with_its_outputs(tab, qtbot):
    """Opening the tab makes Section 11 only (with its summary and workbook buttons); Case audits
    is made when chosen, with the audit report, the workbook and the settings in its toolbar."""
    from PySide6.QtWidgets import QPushButton

    sections = tab.sections
    qtbot.waitUntil(lambda: sections.built_page("section11") is not None)
    assert [sections.built_page(n) for n in ("audits", "recommendations", "learning", "change_log")] == [None] * 4
    assert {"Summary (PDF)…", "Workbook…"} <= {b.text() for b in tab.section11.findChildren(QPushButton)}
    sections.setCurrentIndex(1)  # Case audits, as a click on the bar does
    qtbot.waitUntil(lambda: sections.built_page("audits") is not None)
    assert sections.currentWidget() is tab.audits
    assert "Audit settings…" in [a.text() for a in tab.audits.toolbar.actions()]


def test_the_selected_audits_cases_are_read_once_a_load_and_again_for_another_audit(qtbot, tab, db, setup, monkeypatch):
    second = ca.create_audit(db, ca.AuditFields("Domestic abuse audit", date(2022, 5, 1), theme="Domestic abuse"))
    tab.sections.setCurrentWidget(tab.audits)
    page, detail = tab.audits, tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None and not page.loading())
    read: list[int] = []
    on_window: list[int] = []  # those read on the window's thread
    real = sa.list_cases

    def list_cases(db, audit_id, include_archived=False):
        read.append(audit_id)
        if threading.current_thread() is threading.main_thread():
            on_window.append(audit_id)
        return real(db, audit_id, include_archived)

    monkeypatch.setattr(sa, "list_cases", list_cases)
    page.reload()  # as a change notice does
    qtbot.waitUntil(lambda: not page.loading())
    assert read == [setup["audit"].id]  # the list's load shows the audit below once, not once per step of it
    assert on_window == []  # read with the list, in its worker
    assert detail.returns.rowCount() == 2
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the same rows in another order: nothing to read
    assert read == [setup["audit"].id]
    page.select_id(second.id)  # another audit chosen: its cases are read as it is shown
    assert read == [setup["audit"].id, second.id] and detail.audit.id == second.id
    assert detail.cases.rowCount() == 0 and detail.returns.rowCount() == 0


def test_the_section_11_grid_shows_each_standards_heading_whole_in_a_large_font(qtbot, demo_db):
    from PySide6.QtGui import QFont

    from bscp_desktop.ui.audits.grid import S11GridView

    usual = QApplication.font()
    font = QFont(usual)
    font.setPointSize(14)  # a large system font
    QApplication.setFont(font)
    try:
        view = S11GridView()
        qtbot.addWidget(view)
        view.set_grid(sr.grid(demo_db, s11.list_cycles(demo_db)[0].id))
        model, header = view.grid_model, view.horizontalHeader()
        headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, model.columnCount())]
        assert headings and headings[0] == "Standard 1"
        for column, text in enumerate(headings, start=1):
            assert view.columnWidth(column) > header.fontMetrics().horizontalAdvance(text), text
        assert view.verticalHeader().defaultSectionSize() >= 2 * view.fontMetrics().lineSpacing()  # rating and change
    finally:
        QApplication.setFont(usual)


def test_record_a_return_with_nothing_chosen_says_what_to_choose(qtbot, tab, db, setup, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    tab.sections.setCurrentWidget(tab.audits)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None)
    assert detail.returns.rowCount() > 1  # with one row, that row is the one meant
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, words: said.append(words))
    detail.returns.setCurrentCell(-1, -1)
    qtbot.mouseClick(detail.record_return, Qt.MouseButton.LeftButton)
    assert detail.tabs.currentWidget() is detail.returns and "Select an agency's return" in said[-1]
    assert opened == []
    detail.returns.setCurrentCell(0, 0)
    qtbot.mouseClick(detail.record_return, Qt.MouseButton.LeftButton)
    assert len(opened) == 1


def test_without_a_cycle_the_section_11_page_offers_only_a_new_one(qtbot, db):
    from bscp_desktop.ui.audits.section11_page import Section11Page

    page = Section11Page(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert page.new_cycle.isEnabled()
    assert [b.text() for b in (page.edit_cycle, page.standards_button, page.add_agencies, page.write_return,
                               page.import_return) if b.isEnabled()] == []


def test_an_audits_meetings_remove_only_what_is_chosen(qtbot, db, setup):
    from datetime import datetime

    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.audits.audit_dialogs import AuditDialog

    group = ms.create_group(db, ms.GroupFields("Multi-agency Audit Group", 3))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Audit group", datetime(2024, 5, 2, 10)))
    dialog = AuditDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    links = dialog.meetings
    assert not links.remove_button.isEnabled()  # nothing to remove
    links.meeting.set_current_id(meeting.id)
    links._add()
    assert len(links.links()) == 1 and not links.remove_button.isEnabled()  # nothing chosen yet
    links.table.selectRow(0)
    assert links.remove_button.isEnabled()
    links.remove_button.click()
    assert links.links() == () and not links.remove_button.isEnabled()


def test_a_case_added_to_an_audit_warns_where_a_real_name_may_have_been_typed(qtbot, db, setup):
    from bscp_desktop.ui.audits.audit_dialogs import AuditCaseDialog

    dialog = AuditCaseDialog(db, ca.get_audit(db, setup["audit"].id))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.alias, "Jayden Smith")
    assert dialog.name_warning.isVisible()
    assert "The alias 'Jayden Smith' looks like a real name" in dialog.name_warning.text()
    assert dialog.save_button.isEnabled()  # a warning, never a refusal
    dialog.alias.clear()
    type_text(dialog.alias, "Child B")
    assert not dialog.name_warning.isVisible()
    dialog.summary.setPlainText("Lived with mum Kelly Smith.")
    dialog.revalidate()
    assert "The summary mentions 'Kelly Smith'" in dialog.name_warning.text()


def test_a_return_typed_in_warns_where_a_real_name_may_have_been_typed(qtbot, db, setup):
    from bscp_desktop.ui.audits.audit_dialogs import ReturnDialog

    ret = next(r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_name == "Metropolitan Police")
    dialog = ReturnDialog(db, ret)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.name_warning.isVisible()
    type_text(dialog.good_practice, "Jayden Smith was seen alone by the health visitor.")
    assert dialog.name_warning.isVisible()
    assert "The good practice mentions 'Jayden Smith', which looks like a real name" in dialog.name_warning.text()
    dialog.development.setPlainText("Speak to Kelly Brown sooner.")
    dialog.revalidate()
    assert "The areas for development mentions 'Kelly Brown'" in dialog.name_warning.text()
    qtbot.keyClicks(dialog.received_on.line, "20/02/2023")
    assert dialog.save_button.isEnabled()  # a warning, never a refusal, as the case dialogs give
    dialog.good_practice.clear()
    dialog.development.setPlainText("Ask the health visitor sooner.")
    dialog.revalidate()
    assert not dialog.name_warning.isVisible()


def test_an_audits_status_offers_only_where_it_can_go(qtbot, db, setup):
    from bscp_desktop.ui.audits.audit_dialogs import AuditDialog

    new = AuditDialog(db, None)
    qtbot.addWidget(new)
    assert [new.status_combo.itemText(i) for i in range(new.status_combo.count())] == ["Planned"]
    sa.request_returns(db, setup["audit"].id, date(2023, 2, 3))
    dialog = AuditDialog(db, ca.get_audit(db, setup["audit"].id))
    qtbot.addWidget(dialog)
    offered = [dialog.status_combo.itemText(i) for i in range(dialog.status_combo.count())]
    assert offered == ["Planned", "Returns requested", "Returns in"]  # a step back, where it is, a step on
    assert dialog.status_combo.currentText() == "Returns requested"


def test_the_cell_chosen_stays_chosen_when_the_grid_is_read_again(qtbot, tab, db):
    page = tab.section11
    index = grid_cell(page, "Brent Council", 3)
    page.grid.setCurrentIndex(index)
    page.reload()  # as a rating saved makes it
    qtbot.waitUntil(lambda: not page.loading())
    current = page.grid.currentIndex()
    assert (current.row(), current.column()) == (index.row(), index.column())  # the arrow keys go on from there
