"""The Training tab driven through its real widgets: the register kept by keyboard, a cancelled
booking offering its place to the waiting list, the charts, registrations, and an import."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.ui.common.import_result import ImportResultDialog
from bscp_desktop.ui.training.booking_dialogs import CancelDialog
from bscp_desktop.ui.training.register import RegisterDialog
from bscp_desktop.ui.training.registrations import RegistrationsDialog
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab, table_texts

LAST_WEEK = datetime.combine(date.today() - timedelta(days=7), time(9, 30))
NEXT_MONTH = datetime.combine(date.today() + timedelta(days=30), time(9, 30))


@pytest.fixture
def tab(qtbot, db):
    return shown_tab(qtbot, TrainingTab(db, None))


def _course(db, title="Neglect: recognising and responding", topic="Neglect"):
    return cs.create_course(db, cs.CourseFields(title=title, topic=topic, learning_outcomes=("Spot neglect",)))


def _session(db, course, when, capacity):
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, organisation="", booked_on=None):
    return bk.create_booking(db, bk.BookingFields(
        session_id=session.id, delegate_name=name, organisation_name=organisation,
        booked_on=booked_on or date.today() - timedelta(days=20)))


def _when_modal(qtbot, kind, act, timeout=5000):
    """Act on the next modal window of `kind` once it is open (exec() blocks the test)."""
    waited = {"ms": 0}

    def poll():
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
        elif waited["ms"] < timeout:
            waited["ms"] += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _wait_loaded(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)


@pytest.mark.slow
def test_the_tab_on_an_empty_database_says_what_to_do_next(tab, qtbot):
    titles = [tab.sections.tabText(i) for i in range(tab.sections.count())]
    assert titles == ["Sessions", "Bookings", "Courses", "Evaluations", "Figures and charts", "Charges"]
    _wait_loaded(qtbot, tab.sessions)
    assert tab.sessions.stack.currentWidget() is tab.sessions.empty
    assert "No courses yet: add a course on the Courses page first" in tab.sessions.empty.text()
    tab.sections.setCurrentWidget(tab.courses)
    assert "No courses yet" in tab.courses.empty.text()
    tab.sections.setCurrentWidget(tab.bookings)
    _wait_loaded(qtbot, tab.bookings)
    assert "No bookings in this period" in tab.bookings.empty.text()
    tab.sections.setCurrentWidget(tab.figures)
    _wait_loaded(qtbot, tab.figures)
    assert "No sessions have run in this period" in tab.figures.status.text()
    assert tab.figures.topic_chart.chart is None and tab.figures.topic_chart.empty.isVisibleTo(tab.figures)
    tab.sections.setCurrentWidget(tab.charges)
    _wait_loaded(qtbot, tab.charges)
    assert tab.charges.empty.isVisibleTo(tab.charges) and not tab.charges.totals.isVisibleTo(tab.charges)


def test_a_new_session_appears_with_its_places(tab, qtbot, db):
    course = _course(db)
    session = _session(db, course, NEXT_MONTH, 12)
    _book(db, session, "Ama Mensah")
    page = tab.sessions
    page.reload()
    _wait_loaded(qtbot, page)
    assert table_texts(page, 1) == [course.title]
    headers = [c.header for c in page.model.columns]
    assert table_texts(page, headers.index("Places"))[0] == "12"
    assert table_texts(page, headers.index("Places left"))[0] == "11"
    assert table_texts(page, headers.index("Register"))[0] == "Upcoming"
    page.select_id(session.id)
    assert not page.register_action.isEnabled()  # the register is kept on the day, not before
    assert page.register_action.toolTip() == (f"The register can be marked from the day of the session "
                                              f"({NEXT_MONTH:%d/%m/%Y}).")
    assert not page.spending_action.isEnabled()
    assert page.spending_action.toolTip() == "The session has no cost recorded: edit it to give one."


@pytest.mark.slow
def test_mark_a_sessions_register_by_keyboard(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 10)
    for name in ("Ama Mensah", "Bilal Khan", "Chloe Ahmed", "Dariusz Nowak"):
        _book(db, session, name)
    page = tab.sessions
    _wait_loaded(qtbot, page)
    page.select_id(session.id)
    assert page.register_action.isEnabled()
    assert page.register_action.toolTip() == "Mark who attended the selected session, by keyboard"
    dialog = RegisterDialog(db, session.id, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    grid = dialog.grid
    assert grid.hasFocus()
    assert [grid.item(r, 0).text() for r in range(grid.rowCount())] == [
        "Ama Mensah", "Bilal Khan", "Chloe Ahmed", "Dariusz Nowak"]
    qtbot.keyClick(grid, Qt.Key.Key_A)  # Ama attended, moves to Bilal
    qtbot.keyClick(grid, Qt.Key.Key_N)  # Bilal no-show, moves to Chloe
    qtbot.keyClick(grid, Qt.Key.Key_Space)  # Chloe attended, stays
    qtbot.keyClick(grid, Qt.Key.Key_Space)  # Chloe switched to no-show
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.item(3, 2).text() == "Not marked"
    qtbot.keyClick(grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert grid.item(3, 2).text() == "Attended"
    qtbot.keyClick(grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}
    assert outcomes == {"Ama Mensah": Outcome.ATTENDED, "Bilal Khan": Outcome.NO_SHOW,
                        "Chloe Ahmed": Outcome.NO_SHOW, "Dariusz Nowak": Outcome.ATTENDED}
    _wait_loaded(qtbot, page)
    headers = [c.header for c in page.model.columns]
    assert table_texts(page, headers.index("Attended")) == ["2"]
    assert table_texts(page, headers.index("Register")) == ["Marked"]


def test_escape_closes_the_register_without_saving(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 10)
    _book(db, session, "Ama Mensah")
    dialog = RegisterDialog(db, session.id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Escape)  # a mark made: asked first
    assert dialog.discard_question is not None
    next(b for b in dialog.discard_question.buttons() if b.text() == "Discard changes").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert bk.list_bookings(db, session_id=session.id)[0].outcome is Outcome.BOOKED


@pytest.mark.slow
def test_cancel_a_booking_and_the_window_offers_the_place_to_the_first_waiting(tab, qtbot, db):
    session = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, session, "Ama Mensah").booking
    first = _book(db, session, "Bilal Khan", booked_on=date.today() - timedelta(days=10))
    _book(db, session, "Chloe Ahmed", booked_on=date.today() - timedelta(days=5))
    assert first.booking.outcome is Outcome.WAITLISTED and "waiting list" in first.message
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.select_id(held.id)
    assert page.cancel_action.isEnabled()
    seen = {}

    def give_place(box: QMessageBox) -> None:
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    def cancel(dialog: CancelDialog) -> None:
        dialog.fields["cancelled_on"].set_value(date.today())
        _when_modal(qtbot, QMessageBox, give_place)
        dialog.save_button.click()

    _when_modal(qtbot, CancelDialog, cancel)
    page.cancel_booking()
    assert "Bilal Khan" in seen["text"] and "Offer them the place?" in seen["text"]
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}
    assert outcomes == {"Ama Mensah": Outcome.CANCELLED, "Bilal Khan": Outcome.BOOKED,
                        "Chloe Ahmed": Outcome.WAITLISTED}
    _wait_loaded(qtbot, page)
    page.outcome_filter.setCurrentText("Waiting list")
    _wait_loaded(qtbot, page)
    assert table_texts(page, 2) == ["Chloe Ahmed"]
    page.outcome_filter.setCurrentText("All bookings")
    page.search.setText("chloe")
    _wait_loaded(qtbot, page)
    assert table_texts(page, 2) == ["Chloe Ahmed"]


def test_the_cancel_booking_window_s_buttons_say_which_one_cancels_it(tab, qtbot, db):
    session = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, session, "Ama Mensah").booking
    dialog = CancelDialog(db, held, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = sorted(b.text() for b in dialog.buttons.buttons())
    assert texts == ["Cancel the booking", "Keep the booking"]  # no bare "Cancel" beside "Cancel the booking"
    next(b for b in dialog.buttons.buttons() if b.text() == "Keep the booking").click()
    assert not dialog.isVisible()
    assert bk.list_bookings(db, session_id=session.id)[0].outcome is Outcome.BOOKED


def test_a_cancellation_dated_tomorrow_is_refused_beside_its_date(tab, qtbot, db):
    session = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, session, "Ama Mensah").booking
    dialog = CancelDialog(db, held, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    tomorrow = date.today() + timedelta(days=1)
    dialog.fields["cancelled_on"].set_value(tomorrow)
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["cancelled_on"].text() == f"Cancelled on ({tomorrow:%d/%m/%Y}) cannot be in the future"
    dialog.fields["cancelled_on"].set_value(date.today())
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert bk.list_bookings(db, session_id=session.id)[0].outcome is Outcome.CANCELLED


def test_not_now_keeps_the_delegate_waiting(tab, qtbot, db):
    session = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, session, "Ama Mensah").booking
    _book(db, session, "Bilal Khan")
    offer = bk.cancel_booking(db, held.id, date.today()).offer
    assert offer is not None and offer.delegate_name == "Bilal Khan"
    _when_modal(qtbot, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click())
    tab.bookings.offer(offer)
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}["Bilal Khan"] \
        is Outcome.WAITLISTED


@pytest.mark.slow
def test_the_charts_render_in_the_window(qtbot, demo_db):
    tab = TrainingTab(demo_db, None)
    qtbot.addWidget(tab)
    tab.resize(1280, 900)
    tab.show()
    tab.sections.setCurrentWidget(tab.figures)
    page = tab.figures
    _wait_loaded(qtbot, page)
    assert page.report is not None and not page.report.empty
    for view, words in ((page.topic_chart, "Attendance by course topic"),
                        (page.organisation_chart, "Attendance by organisation"),
                        (page.year_chart, "year")):
        page.charts.setCurrentWidget(view)
        assert view.chart is not None and words.lower() in view.chart.title.lower()
        assert view.canvas.isVisibleTo(page) and view.canvas.height() > 100
        svg = view.canvas.svg()
        assert svg.startswith(b"<?xml") and b"<svg" in svg
        view.canvas.grab()  # painting it asks for its drawing at its width, made in a worker
        qtbot.waitUntil(view.canvas.drawn, timeout=10000)
        image = view.canvas.grab().toImage()
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 3, "the chart painted nothing but background"
        assert view.chart.title in view.accessibleName()
    # the numbers behind a chart are the table's
    page.charts.setCurrentWidget(page.topic_chart)
    page.topic_chart.toggle.click()
    assert page.topic_chart.table.isVisibleTo(page) and page.topic_chart.table.rowCount() >= 3


@pytest.mark.slow
def test_key_figures_show_rates_with_their_counts(qtbot, demo_db):
    tab = TrainingTab(demo_db, None)
    qtbot.addWidget(tab)
    tab.show()
    tab.sections.setCurrentWidget(tab.figures)
    _wait_loaded(qtbot, tab.figures)
    key = tab.figures.key
    rows = {key.item(r, 0).text(): key.item(r, 1).text() for r in range(key.rowCount())}
    f = tab.figures.report.total.figures
    assert rows["Attended"] == str(f.attended)
    assert rows["Take-up (attended / places)"].endswith(f"({f.attended} of {f.places})")
    assert tab.figures.by_course.item(tab.figures.by_course.rowCount() - 1, 0).text() == "Total"
    changes = {key.item(r, 0).text(): key.item(r, 3).text() for r in range(key.rowCount())}
    assert changes["Registrations (new LMS accounts)"].startswith(("up ", "down ", "no change"))  # as every figure


def test_enter_registrations_for_months(tab, qtbot, db):
    dialog = RegistrationsDialog(db, tab, today=date(2024, 5, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.year.currentText() == "2024/25"
    assert dialog.table.item(0, 0).text() == "April 2024"
    dialog.table.item(0, 1).setText("41")
    dialog.table.item(1, 1).setText("many")
    assert "May 2024" in dialog.error.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.table.item(1, 1).setText("2,5")  # a decimal comma, not twenty-five
    assert "May 2024" in dialog.error.text()
    dialog.table.item(1, 1).setText("²")
    assert "May 2024" in dialog.error.text()
    assert dialog.error.text() == "New accounts must be a whole number from 0 to 1,000,000: May 2024."
    dialog.table.item(1, 1).setText("2000000")  # over the limit: refused on saving, in the same words
    dialog.save()
    assert dialog.error.text() == "Registrations for May 2024 must be a whole number from 0 to 1,000,000."
    assert fg.list_registrations(db) == []
    dialog.table.item(1, 1).setText("1,205")
    assert dialog.error.text() == ""
    dialog.year.setCurrentText("2023/24")
    dialog.table.item(11, 1).setText("7")  # March 2024
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert fg.list_registrations(db) == [(date(2024, 3, 1), 7), (date(2024, 4, 1), 41), (date(2024, 5, 1), 1205)]


def test_import_bookings_from_the_window_checks_first_then_imports(tab, qtbot, db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    path = tmp_path / "lms.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation",
                    "Booked on", "Outcome", "Cancelled on"])
        w.writerow(["Neglect", "11/03/2024 09:30", "20", "Zoë Brown", "zoe@example.org", "Social worker",
                    "Brent Council", "01/02/2024", "Attended", ""])
        w.writerow(["Neglect", "11/03/2024 09:30", "20", "José Núñez", "", "", "Brent Council", "01/02/2024",
                    "No-show", ""])
    tab.importer.start("bookings", path=path)
    qtbot.waitUntil(lambda: isinstance(tab.importer.dialog, ImportResultDialog), timeout=10000)
    check = tab.importer.dialog
    assert "2" in check.summary.text()
    assert bk.list_bookings(db) == []  # the check writes nothing
    check.accept()
    qtbot.waitUntil(lambda: len(bk.list_bookings(db)) == 2, timeout=10000)
    assert {b.organisation for b in bk.list_bookings(db)} == {"Brent Council"}


def test_a_bad_row_rejects_the_file_in_the_window(tab, qtbot, db, tmp_path):
    path = tmp_path / "lms.csv"
    path.write_text("Course,Session start,Capacity,Delegate,Outcome\n"
                    "Neglect,11/03/2024 09:30,20,Ama,Attended\n"
                    "Neglect,31/02/2024 09:30,20,Bilal,Attended\n", encoding="utf-8")
    tab.importer.start("bookings", path=path)
    qtbot.waitUntil(lambda: tab.importer.dialog is not None and bool(tab.importer.dialog.bad_rows), timeout=10000)
    assert any("Row 3" in row or "row 3" in row for row in tab.importer.dialog.bad_rows)
    assert bk.list_bookings(db) == [] and cs.list_courses(db) == []


def test_outcomes_are_coloured_in_the_bookings_list(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 5)
    b = _book(db, session, "Ama Mensah").booking
    bk.mark_register(db, session.id, {b.id: Outcome.NO_SHOW})
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    headers = [c.header for c in page.model.columns]
    index = page.proxy.index(0, headers.index("Outcome"))
    assert page.proxy.data(index) == "No-show"
    assert page.proxy.data(index, Qt.ItemDataRole.BackgroundRole) == QColor("#f4b6b6")


def test_a_search_that_finds_no_booking_says_so_not_that_there_are_none(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 5)
    _book(db, session, "Ama Mensah")
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.search.setText("zzzz")
    _wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert "No bookings match the filter" in page.empty.text()
    page.search.clear()
    page.outcome_filter.setCurrentText("No-shows")
    _wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert "No bookings match the filter" in page.empty.text()


def test_a_delegate_typed_without_accents_is_found_in_the_bookings(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 5)
    _book(db, session, "Zoë Łukasiewicz")
    _book(db, session, "Ama Mensah")
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.search.setText("zoe lukasiewicz")
    qtbot.waitUntil(lambda: not page.filtering.loading() and page.proxy.rowCount() == 1, timeout=5000)
    assert page.model.rows[0].delegate_name == "Zoë Łukasiewicz"


def test_the_charges_buttons_offer_only_what_the_chosen_charge_allows(tab, qtbot, db):
    session = _session(db, _course(db), LAST_WEEK, 5)
    standing = _book(db, session, "Ama Mensah").booking
    waived = _book(db, session, "Bilal Khan").booking
    bk.mark_register(db, session.id, {standing.id: Outcome.NO_SHOW, waived.id: Outcome.NO_SHOW})
    bk.waive_charge(db, waived.id, "Family emergency")
    page = tab.charges
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    assert len(page.lines) == 2
    assert not page.waive_button.isEnabled() and not page.reinstate_button.isEnabled()  # nothing chosen
    for row, line in enumerate(page.lines):
        page.table.selectRow(row)
        assert page.waive_button.isEnabled() is (not line.waived)
        assert page.reinstate_button.isEnabled() is line.waived


def test_a_long_list_shows_the_latest_bookings_and_says_so(tab, qtbot, db, monkeypatch):
    from bscp_desktop.ui.training import bookings_page as pages

    monkeypatch.setattr(pages, "MAX_SHOWN", 2)
    course = _course(db)
    early = _session(db, course, NEXT_MONTH, 10)
    late = _session(db, course, NEXT_MONTH + timedelta(days=7), 10)
    for name in ("Ama Mensah", "Bilal Khan"):
        _book(db, early, name)
    _book(db, late, "Chloe Ahmed")
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    shown = table_texts(page, 2)
    assert len(shown) == 2 and shown[-1] == "Chloe Ahmed"  # the latest two, in order of session
    assert "Showing the latest 2 of 3 bookings" in page.shown_note.text() and page.shown_note.isVisibleTo(page)
    page.session_filter.setCurrentIndex(page.session_filter.findData(early.id))
    _wait_loaded(qtbot, page)
    assert sorted(table_texts(page, 2)) == ["Ama Mensah", "Bilal Khan"] and not page.shown_note.isVisibleTo(page)


def test_the_tab_offers_its_files_under_file_export(tab):
    texts = [a.text() for a in tab.export_actions()]
    assert any("Training workbook" in t for t in texts)
    assert any("Training summary" in t for t in texts)
    assert any("Charges statement" in t for t in texts)


def test_link_an_unmatched_organisation_name_in_the_settings(tab, qtbot, db, monkeypatch):
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    answers, asked = [False, True, True], []  # saved at once: asked first, No changes nothing
    monkeypatch.setattr("bscp_desktop.ui.training.settings_dialog.confirm",
                        lambda parent, title, text: asked.append(text) or answers.pop(0))

    nhs = ms.create_organisation(db, ms.OrganisationFields("NHS North West London", OrganisationKind.ICB))
    booking = _book(db, _session(db, _course(db), NEXT_MONTH, 10), "Ama Mensah", organisation="NWL ICB").booking
    assert booking.organisation_id is None
    dialog = TrainingSettingsDialog(db, tab, "names")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.unmatched.item(0).text() == "NWL ICB (1 booking)"
    dialog.unmatched.setCurrentRow(0)
    dialog.organisation.set_current_id(nhs.id)
    [link] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Link the selected name"]
    link.click()
    assert dialog.unmatched.count() == 1 and bk.get_booking(db, booking.id).organisation_id is None
    link.click()
    assert "will count for NHS North West London" in asked[-1] and "saved at once" in asked[-1]
    assert dialog.unmatched.count() == 0
    assert [dialog.aliases.item(i).text() for i in range(dialog.aliases.count())] == ["NWL ICB → NHS North West London"]
    assert bk.get_booking(db, booking.id).organisation_id == nhs.id
    assert ms.list_organisations(db)[0].aliases == ("NWL ICB",)
    dialog.aliases.setCurrentRow(0)
    [forget] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Forget the selected name"]
    forget.click()
    assert asked[-1].startswith("Forget NWL ICB → NHS North West London?") and dialog.aliases.count() == 0


def test_remove_and_forget_with_nothing_selected_say_why_instead_of_doing_nothing(tab, qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    said = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: said.append((title, text))))
    dialog = TrainingSettingsDialog(db, tab, "charges")
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    buttons["Remove the selected year"].click()
    buttons["Forget the selected name"].click()
    assert said == [("Remove a year", "There is no year to remove: no charges are set."),
                    ("Forget a name", "There is no other name to forget.")]
    buttons["Add a year"].click()
    dialog.rates.setCurrentCell(-1, -1)
    buttons["Remove the selected year"].click()
    assert said[-1] == ("Remove a year", "Select a year in the table first.") and dialog.rates.rowCount() == 1
    dialog.rates.setCurrentCell(0, 0)
    buttons["Remove the selected year"].click()
    assert dialog.rates.rowCount() == 0 and len(said) == 3


def test_another_systems_headings_are_mapped_once_in_the_window(tab, qtbot, db, tmp_path):
    from bscp_desktop.ui.training.imports import MappingDialog

    def write(name, rows):
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["Programme", "Slot", "Seats", "Who", "Attendance"])
            w.writerows(rows)
        return path

    first = write("q1.csv", [["Neglect", "11/03/2024 09:30", "20", "Ama Mensah", "Attended"]])
    chosen = {}

    def choose(dialog: MappingDialog) -> None:
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # Course is needed
        for key, heading in (("course", "Programme"), ("start", "Slot"), ("capacity", "Seats"),
                             ("delegate", "Who"), ("outcome", "Attendance")):
            combo = dialog.combos[key]
            combo.setCurrentIndex(combo.findData(heading))
        chosen["mapping"] = dialog.mapping()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    _when_modal(qtbot, MappingDialog, choose)
    tab.importer.start("bookings", path=first)
    qtbot.waitUntil(lambda: isinstance(tab.importer.dialog, ImportResultDialog), timeout=10000)
    assert chosen["mapping"]["Programme"] == "course"
    check = tab.importer.dialog
    check.accept()
    qtbot.waitUntil(lambda: tab.importer.dialog is not check, timeout=10000)  # what the import did
    assert len(bk.list_bookings(db)) == 1

    # the next file from the same system is read with the saved mapping: no dialog
    second = write("q2.csv", [["Neglect", "11/03/2024 09:30", "20", "Bilal Khan", "No-show"]])
    done = tab.importer.dialog
    tab.importer.start("bookings", path=second)
    qtbot.waitUntil(lambda: tab.importer.dialog is not done, timeout=10000)
    tab.importer.dialog.accept()
    qtbot.waitUntil(lambda: len(bk.list_bookings(db)) == 2, timeout=10000)
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)}["Bilal Khan"] is Outcome.NO_SHOW


def test_record_dialogs_open_their_history(tab, qtbot, db):
    from bscp_desktop.ui.training.dialogs import CourseDialog

    course = _course(db)
    dialog = CourseDialog(db, course, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.history_button.text() == "History…"


def test_a_sessions_cost_is_recorded_in_finance_from_the_sessions_page(tab, qtbot, db):
    from decimal import Decimal

    from bscp_desktop.services import finance as fin

    if fin.default_training_category(db) is None:
        fin.create_category(db, "External training facilitators")
    session = cs.create_session(db, cs.SessionFields(course_id=_course(db).id, starts_at=LAST_WEEK, capacity=20,
                                                     facilitator="Safe Lives", cost="450.00"))
    page = tab.sessions
    _wait_loaded(qtbot, page)
    headers = [c.header for c in page.model.columns]
    assert table_texts(page, headers.index("Cost")) == ["£450.00"]
    assert table_texts(page, headers.index("In Finance")) == [""]
    page.select_id(session.id)
    assert page.spending_action.isEnabled()
    _when_modal(qtbot, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    page.record_cost()
    [expense] = fin.list_expenses(db)
    assert (expense.amount, expense.payee, expense.training_session_id) == (Decimal("450.00"), "Safe Lives", session.id)
    _wait_loaded(qtbot, page)  # Finance's change reloads the page
    assert table_texts(page, headers.index("In Finance")) == ["£450.00"]
    page.select_id(session.id)
    assert not page.spending_action.isEnabled()  # recorded once
    assert cs.get_session(db, session.id).spent == Decimal("450.00")


def test_enter_an_evaluation_by_hand(tab, qtbot, db):
    from bscp_desktop.services.training import evaluations as ev
    from bscp_desktop.ui.training.booking_dialogs import EvaluationDialog

    session = _session(db, _course(db), LAST_WEEK, 10)
    booking = _book(db, session, "Ama Mensah").booking
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    dialog = EvaluationDialog(db, None, tab, session_id=session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    scores = dialog.scores
    assert [scores.item(r, 0).text() for r in range(scores.rowCount())] == ["Overall confidence", "Spot neglect"]
    dialog.booking.set_current_id(booking.id)
    scores.item(0, 1).setText("2")
    scores.item(0, 2).setText("6")
    assert "Row 1" in dialog.scores_error.text() and not dialog.save_button.isEnabled()
    scores.item(0, 2).setText("4")
    scores.item(1, 1).setText("1")
    scores.item(1, 2).setText("4")
    dialog.comments.setPlainText("Très utile: the case studies were real")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    [saved] = ev.list_evaluations(db, session_id=session.id)
    assert saved.booking_id == booking.id and saved.delegate_name == "Ama Mensah"
    assert [(s.before, s.after) for s in saved.scores] == [(2, 4), (1, 4)]
    assert saved.gain.mean_gain == 2.5
    page = tab.evaluations
    tab.sections.setCurrentWidget(page)
    assert table_texts(page, 2) == ["Ama Mensah"]


def test_the_evaluations_page_lists_the_follow_ups_due(tab, db):
    from bscp_desktop.services.training import evaluations as ev
    from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND

    course = _course(db)
    for weeks in (2, 8, 14):
        session = _session(db, course, datetime.combine(date.today() - timedelta(weeks=weeks), time(9, 30)), 10)
        ev.create_evaluation(db, ev.EvaluationFields(session.id, f"Delegate {weeks} weeks"))
    page = tab.evaluations
    tab.sections.setCurrentWidget(page)
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    column = headers.index("Follow-up")
    texts = dict(zip(table_texts(page, 2), table_texts(page, column), strict=True))
    assert texts["Delegate 2 weeks"].startswith("From ") and texts["Delegate 8 weeks"].startswith("Due by ")
    assert texts["Delegate 14 weeks"].startswith("Overdue: due by ")
    choice = page.filters["follow_up"]
    choice.setCurrentIndex(choice.findText("Due or overdue"))
    assert table_texts(page, 2) == ["Delegate 14 weeks", "Delegate 8 weeks"]
    choice.setCurrentIndex(choice.findText("Overdue"))
    assert table_texts(page, 2) == ["Delegate 14 weeks"]
    assert page.proxy.data(page.proxy.index(0, column), Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND


def test_a_new_user_adds_a_course_a_session_and_bookings_through_the_dialogs(tab, qtbot, db):
    from bscp_desktop.ui.training.booking_dialogs import BookingDialog
    from bscp_desktop.ui.training.dialogs import CourseDialog, SessionDialog

    course_dialog = CourseDialog(db, None, tab)
    qtbot.addWidget(course_dialog)
    course_dialog.show()
    assert not course_dialog.save_button.isEnabled()
    qtbot.keyClicks(course_dialog.title_box, "Neglect: recognising and responding")
    course_dialog.topic.setCurrentText("Neglect")
    course_dialog.cost.setText("twelve pounds")
    assert not course_dialog.save_button.isEnabled()
    course_dialog.cost.setText("£1,250.50")
    course_dialog.outcomes.setPlainText("Spot neglect\nMake a referral")
    course_dialog.save_button.click()
    [course] = cs.list_courses(db)
    assert (course.title, course.topic, str(course.cost), course.learning_outcomes) == (
        "Neglect: recognising and responding", "Neglect", "1250.50", ("Spot neglect", "Make a referral"))

    session_dialog = SessionDialog(db, None, tab, course_id=course.id)
    qtbot.addWidget(session_dialog)
    session_dialog.show()
    day = NEXT_MONTH.date()
    qtbot.keyClicks(session_dialog.day.line, day.strftime("%d/%m/%Y"))
    session_dialog.capacity.setValue(1)
    session_dialog.venue.setText("Brent Civic Centre")
    assert session_dialog.save_button.isEnabled(), session_dialog.check()
    session_dialog.save_button.click()
    [session] = cs.list_sessions(db)
    assert (session.day, session.capacity, session.where) == (day, 1, "Brent Civic Centre")

    for name, outcome in (("Ama Mensah", Outcome.BOOKED), ("Bilal Khan", Outcome.WAITLISTED)):
        dialog = BookingDialog(db, None, tab, session_id=session.id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.name, name)
        dialog.email.setText("not an address")
        assert not dialog.save_button.isEnabled()
        dialog.email.setText("")
        dialog.save_button.click()
        assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)}[name] is outcome
    assert "is full" in dialog.result_message and "waiting list" in dialog.result_message


def test_a_second_series_of_the_same_title_is_refused_beside_the_title(qtbot, db):
    from bscp_desktop.ui.training.dialogs import SeriesDialog

    cs.create_series(db, cs.SeriesFields("Serious Violence Series"))
    dialog = SeriesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_box.setText("serious violence series")
    dialog._on_save()  # Ctrl+S
    assert dialog.isVisible() and dialog.title_box.text() == "serious violence series"
    assert "already a series called" in dialog.error_labels["title"].text()
    assert [s.title for s in cs.list_series(db)] == ["Serious Violence Series"]


def test_raising_a_sessions_places_offers_them_to_those_waiting_in_turn(tab, qtbot, db):
    from bscp_desktop.ui.training.dialogs import SessionDialog

    session = _session(db, _course(db), NEXT_MONTH, 1)
    for name in ("Ama Mensah", "Bilal Khan", "Chloe Ahmed", "Dawit Bekele"):
        _book(db, session, name)
    page = tab.sessions
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.select_id(session.id)
    offers = []

    def answer(box):
        offers.append(box.text())
        button = QMessageBox.StandardButton.Yes if len(offers) < 3 else QMessageBox.StandardButton.No
        box.button(button).click()
        if len(offers) < 3:
            _when_modal(qtbot, QMessageBox, answer)

    def raise_places(dialog):
        dialog.capacity.setValue(4)  # three more places; three delegates wait
        _when_modal(qtbot, QMessageBox, answer)
        dialog.save_button.click()

    _when_modal(qtbot, SessionDialog, raise_places)
    page.on_edit()
    assert len(offers) == 3
    assert ["Bilal Khan" in offers[0], "Chloe Ahmed" in offers[1], "Dawit Bekele" in offers[2]] == [True] * 3
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}
    assert outcomes == {"Ama Mensah": Outcome.BOOKED, "Bilal Khan": Outcome.BOOKED, "Chloe Ahmed": Outcome.BOOKED,
                        "Dawit Bekele": Outcome.WAITLISTED}  # the team said not now to the third


def test_a_sessions_change_that_frees_no_place_offers_nothing(tab, qtbot, db):
    from bscp_desktop.ui.training.dialogs import SessionDialog

    session = _session(db, _course(db), NEXT_MONTH, 1)
    _book(db, session, "Ama Mensah")
    _book(db, session, "Bilal Khan")
    page = tab.sessions
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.select_id(session.id)
    _when_modal(qtbot, SessionDialog, lambda dialog: (dialog.venue.setText("Brent Civic Centre"),
                                                      dialog.save_button.click()))
    page.on_edit()
    assert QApplication.activeModalWidget() is None
    assert bk.waitlist_offer(db, session.id) is None
    assert [b.outcome for b in bk.list_bookings(db, session_id=session.id)] == [Outcome.BOOKED, Outcome.WAITLISTED]


def test_give_the_place_and_cancel_are_offered_only_when_they_can_do_something(tab, qtbot, db):
    full = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, full, "Ama Mensah").booking
    waiting = _book(db, full, "Bilal Khan").booking
    past = _session(db, _course(db, "Early help", "Early help"), LAST_WEEK, 5)
    came = _book(db, past, "Chloe Ahmed").booking
    bk.mark_register(db, past.id, {came.id: Outcome.ATTENDED})
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)

    def choose(booking_id):
        page.select_id(booking_id)
        return page.offer_action.isEnabled(), page.cancel_action.isEnabled()

    assert choose(waiting.id) == (False, True)  # the session is full: no place to give
    assert choose(came.id) == (False, False)  # attended: nothing to cancel
    bk.cancel_booking(db, held.id, date.today())  # a place comes free ("Not now" to the offer)
    _wait_loaded(qtbot, page)
    assert choose(waiting.id) == (True, True)


def test_the_charges_page_names_the_rates_of_the_years_of_its_period_only(tab, qtbot, db):
    from decimal import Decimal

    from bscp_desktop.domain.dates import financial_year_of
    from bscp_desktop.domain.training import ChargeRates, Period
    from bscp_desktop.services.training import settings as st

    year = financial_year_of(date.today())
    st.save_charge_rates(db, [ChargeRates(y, Decimal(f"{y - 2000}.00"), Decimal("5.00")) for y in (year - 1, year, year + 1)])
    page = tab.charges
    tab.sections.setCurrentWidget(page)
    _wait_loaded(qtbot, page)
    page.period_bar.show_dates(Period(date(year, 4, 1), date(year + 1, 3, 31)))
    _wait_loaded(qtbot, page)
    text = page.summary.text()
    assert f"no-show £{year - 2000}.00" in text
    assert f"£{year - 2001}.00" not in text and f"£{year - 1999}.00" not in text


def test_the_cancel_dialog_says_whether_the_day_typed_makes_it_late_and_asks_the_day_for_a_past_session(tab, qtbot, db):
    from bscp_desktop.domain.dates import add_working_days

    session = _session(db, _course(db), NEXT_MONTH, 1)
    held = _book(db, session, "Ama Mensah").booking
    waiting = _book(db, session, "Bilal Khan").booking
    dialog = CancelDialog(db, held, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.notice.text().startswith("In time: more than")  # today, a month ahead
    dialog.day.set_value(add_working_days(NEXT_MONTH.date(), -1))
    assert dialog.notice.text().startswith("A late cancellation: within")
    on_the_list = CancelDialog(db, waiting, tab)
    qtbot.addWidget(on_the_list)
    assert "with no charge" in on_the_list.notice.text()
    past = _session(db, _course(db, "Early help", "Early help"), LAST_WEEK, 5)
    came = _book(db, past, "Chloe Ahmed").booking
    after = CancelDialog(db, came, tab)
    qtbot.addWidget(after)
    after.show()
    assert after.day.text() == "" and not after.save_button.isEnabled()  # the day the team was told, not a guess


def test_tab_leaves_every_grid_a_training_dialog_edits_in(qtbot, db):
    """Tab went round and round the scores, charges and registrations grids: the fields after
    them, and Save, could not be reached by keyboard."""
    from bscp_desktop.ui.training.booking_dialogs import ScoresTable
    from bscp_desktop.ui.training.settings_dialog import RatesTable

    grids = [ScoresTable(["Overall confidence", "Spot neglect"], {}), RatesTable([])]
    dialog = RegistrationsDialog(db)
    qtbot.addWidget(dialog)
    grids.append(dialog.table)
    for grid in grids:
        assert not grid.tabKeyNavigation(), type(grid).__name__


def test_a_session_move_refused_says_why_beside_its_date(qtbot, db):
    from datetime import datetime

    from bscp_desktop.services.training import bookings as bk
    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.ui.training.dialogs import SessionDialog

    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 11, 9, 30), 5))
    bk.create_booking(db, bk.BookingFields(session.id, "Ann Lee", booked_on=date(2024, 3, 4)))
    dialog = SessionDialog(db, cs.get_session(db, session.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.set_value(date(2024, 3, 1))
    dialog._on_save()
    label = dialog.error_labels["day"]
    assert label.isVisible() and "cannot move to a day before its bookings were made" in label.text()
    assert cs.get_session(db, session.id).starts_at == datetime(2024, 3, 11, 9, 30)


def test_dates_typed_the_wrong_way_round_are_said_to_be_so_not_ignored(qtbot):
    from bscp_desktop.ui.training.period import CUSTOM, THIS_YEAR, PeriodBar

    bar = PeriodBar([THIS_YEAR], THIS_YEAR)
    qtbot.addWidget(bar)
    bar.show()
    periods = []
    bar.changed.connect(periods.append)
    bar.choice.setCurrentText(CUSTOM)
    bar.start.set_value(date(2024, 4, 1))
    periods.clear()
    bar.end.set_value(date(2023, 3, 31))
    assert periods == [] and bar.problem.isVisible()
    assert bar.problem.text() == ("The To date (31/03/2023) is before the From date (01/04/2024): still showing "
                                  "the period before.")
    bar.end.set_value(date(2025, 3, 31))
    assert not bar.problem.isVisible() and periods[-1].start == date(2024, 4, 1)
