"""The Training tab's windows say what a change will do, and show what is chosen: archiving a
session names the charges and attendance that go with it, a new notice names the years and
charges it changed, a forgotten organisation name is listed as unmatched again, a delegate
booked twice or ahead of the waiting list is stopped, a booking restored onto the waiting list or
counting for an archived organisation says so, the session picker shows the session's whole
label, and the register shows a long course title, venue and names whole, and saves only the marks
changed, refusing one on a booking another officer changed since it was opened."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QSizePolicy

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import ChargeKind, ChargeRates, Outcome, Period
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.dialog_catalogue import clipped, settle
from bscp_desktop.ui.training.booking_dialogs import BookingDialog, EvaluationDialog
from bscp_desktop.ui.training.register import RegisterDialog
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab, when_modal

NEXT_MONTH = datetime.combine(date.today() + timedelta(days=30), time(9, 30))
LONG_TITLE = "Child Sexual Abuse: recognising and responding to disclosures"


@pytest.fixture
def tab(qtbot, db):
    return shown_tab(qtbot, TrainingTab(db, None))


def _session(db, when=NEXT_MONTH, capacity=5, title="Neglect basics"):
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect", learning_outcomes=("Spot neglect",)))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=capacity))


def _book(db, session, name, booked_on=None, **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                                  booked_on=booked_on or date.today() - timedelta(days=20), **kw))


def _answer_boxes(qtbot, seen: list, answers: list[QMessageBox.StandardButton], timeout=5000, titled=False):
    """Answer the message boxes that open, in turn, noting their text (with `titled`, their
    (title, text))."""
    waited = {"ms": 0}

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append((box.windowTitle(), box.text()) if titled else box.text())
            box.button(answers.pop(0)).click()
            if answers:
                QTimer.singleShot(0, poll)
        elif waited["ms"] < timeout:
            waited["ms"] += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_archiving_a_session_that_ran_says_what_goes_with_it_before_it_is_archived(tab, qtbot, db, monkeypatch):
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("75.00"), Decimal("40.00"))])
    ran = _session(db, datetime(2024, 3, 11, 9, 30))
    came = _book(db, ran, "Ama Came", booked_on=date(2024, 2, 1)).booking
    absent = _book(db, ran, "Bo Absent", booked_on=date(2024, 2, 1)).booking
    bk.mark_register(db, ran.id, {came.id: "attended", absent.id: "no_show"})
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda _p, _t, text: asked.append(text) or False)
    page = tab.sessions
    tab.sections.setCurrentWidget(page)
    page.period_bar.show_dates(Period(date(2023, 4, 1), date(2024, 3, 31)))
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    page.select_id(ran.id)
    page.on_archive()
    assert len(asked) == 1 and ("It has 1 attended and 1 chargeable no-show: its charges (£75.00) leave the "
                                "statement and Finance's income, and its attendance leaves the training figures.") \
        in asked[0]
    assert not cs.get_session(db, ran.id).archived  # the officer said no


def test_archiving_a_course_with_sessions_to_come_names_them_and_their_places_first(tab, qtbot, db, monkeypatch):
    to_come = _session(db, NEXT_MONTH, capacity=3, title="Exploitation")
    _book(db, to_come, "Ama Booked")
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda _p, _t, text: asked.append(text) or False)
    page = tab.courses
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and bool(page.model.rows), timeout=10000)
    page.select_id(to_come.course_id)
    page.on_archive()
    assert len(asked) == 1 and asked[0].startswith("Archive Exploitation? It has 1 session still to come: ")
    assert "(1 of 3 places held). The session stays on the Sessions list with its bookings" in asked[0]
    assert not cs.get_course(db, to_come.course_id).archived  # the officer said no


def test_a_new_notice_says_which_years_and_charges_it_changed(qtbot, db):
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    session = _session(db, NEXT_MONTH)
    booking = _book(db, session, "Ama Mensah", booked_on=date.today()).booking
    bk.cancel_booking(db, booking.id, date.today())  # about 21 working days before: in time
    dialog = TrainingSettingsDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notice.setValue(30)
    seen: list[str] = []
    _answer_boxes(qtbot, seen, [QMessageBox.StandardButton.Ok])
    dialog.save()
    assert bk.get_booking(db, booking.id).late_cancellation
    assert len(seen) == 1 and seen[0].startswith("1 cancellation was marked again as late or in time under the new "
                                                 "notice: ")
    assert "1 now late (no change to the charges)" in seen[0]
    assert "cancellations of earlier financial years keep what they were charged" in seen[0]


def test_a_forgotten_organisation_name_is_listed_as_unmatched_again(qtbot, db, monkeypatch):
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    monkeypatch.setattr("bscp_desktop.ui.training.settings_dialog.confirm", lambda *_a: True)
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    booking = _book(db, _session(db), "Zed Probe", organisation_name="Kilburn Free School Trust").booking
    assert st.map_organisation_name(db, "Kilburn Free School Trust", police.id) == 1  # the wrong organisation
    dialog = TrainingSettingsDialog(db, None, "names")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.unmatched.count() == 0
    dialog.aliases.setCurrentRow(0)
    [forget] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Forget the selected name"]
    forget.click()
    assert [dialog.unmatched.item(i).text() for i in range(dialog.unmatched.count())] == [
        "Kilburn Free School Trust (1 booking)"]
    assert bk.get_booking(db, booking.id).organisation_id is None


def test_the_same_delegate_booked_again_is_refused_beside_the_name(qtbot, db):
    session = _session(db)
    _book(db, session, "Ama Mensah")
    dialog = BookingDialog(db, None, None, session_id=session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Ama Mensah")
    dialog.email.setText("ama.mensah@brent.gov.uk")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error_labels["delegate_name"].text().startswith("Ama Mensah is already booked on this session: "
                                                                 "Ama Mensah (no e-mail address), booked on ")
    assert len(bk.list_bookings(db, session_id=session.id)) == 1


def test_a_new_booking_waits_behind_those_waiting_and_the_place_is_offered_to_the_first(tab, qtbot, db):
    session = _session(db, capacity=1)
    held = _book(db, session, "Ama Holder").booking
    first = _book(db, session, "Will First").booking
    assert bk.cancel_booking(db, held.id, date.today()).offer.booking_id == first.id  # "not now"
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    seen: list[str] = []

    def fill(dialog: BookingDialog) -> None:
        dialog.session.set_current_id(session.id)
        dialog.name.setText("Nadia Newcomer")
        _answer_boxes(qtbot, seen, [QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Yes])
        dialog.save_button.click()

    when_modal(fill, "New booking")
    page.on_new()
    assert "Nadia Newcomer joins the waiting list behind them" in seen[0]
    assert "The first delegate on the waiting list is Will First" in seen[1]
    outcomes = {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session.id)}
    assert outcomes == {"Ama Holder": Outcome.CANCELLED, "Will First": Outcome.BOOKED,
                        "Nadia Newcomer": Outcome.WAITLISTED}


@pytest.mark.parametrize("kind", [BookingDialog, EvaluationDialog])
def test_the_session_picker_stretches_to_its_field_and_gives_the_whole_label(qtbot, db, kind):
    session = _session(db, datetime(2024, 3, 19, 9, 30), title=LONG_TITLE)
    _session(db, datetime(2024, 3, 20, 9, 30), title="Neglect")
    dialog = kind(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.session
    picker.set_current_id(session.id)
    label = f"{LONG_TITLE}, 19 Mar 2024 09:30"
    assert picker.currentText() == label and picker.toolTip() == label
    assert picker.sizePolicy().horizontalPolicy() is QSizePolicy.Policy.Expanding
    assert picker.sizeHint().width() > picker.fontMetrics().horizontalAdvance(label)
    # the whole label in view: beside its label as wide as the text boxes below it, or on a row of its own
    qtbot.waitUntil(lambda: picker.width() > picker.fontMetrics().horizontalAdvance(label)
                    and picker.mapTo(dialog, picker.rect().topRight()).x() <= dialog.width(), timeout=2000)
    assert picker.width() >= dialog.name.width()


def test_the_register_shows_a_long_course_title_venue_and_names_whole_on_a_laptop_screen(qtbot, db, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1280, 760))  # 1280 x 800, less the task bar
    title = ("Multi-agency safeguarding practice: recognising, responding to and recording concerns about neglect, "
             "exploitation, domestic abuse and coercive control in families with very young children")
    venue = "Brent Civic Centre, 32 Engineers Way, Wembley HA9 0FJ, Boardroom 3 (ground floor, by the library)"
    course = cs.create_course(db, cs.CourseFields(title=title, topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=NEXT_MONTH, capacity=2, venue=venue))
    _book(db, session, "Maximilian-Alexander Oluwaseun Christopherson-Featherstonehaugh Vanderbilt-Montgomery",
          organisation_name="London North West University Healthcare NHS Trust, Safeguarding Children Team")
    dialog = RegisterDialog(db, session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    assert clipped(dialog) == []  # the title and the venue go on to more lines
    assert dialog.width() <= 1280
    grid = dialog.grid
    assert grid.columnViewportPosition(2) + grid.columnWidth(2) <= grid.viewport().width()  # each mark in view


def test_a_restored_booking_whose_place_has_gone_is_said_to_be_back_on_the_waiting_list(tab, qtbot, db):
    session = _session(db, capacity=1)
    archived = _book(db, session, "Ria Restored").booking
    bk.archive_booking(db, archived.id)
    _book(db, session, "Fay Full")
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading() and any(b.id == archived.id for b in page.model.rows), timeout=10000)
    page.select_id(archived.id)
    seen: list = []
    _answer_boxes(qtbot, seen, [QMessageBox.StandardButton.Ok], titled=True)
    page.on_restore()
    assert seen == [("On the waiting list", f"Ria Restored is back on the waiting list: the session is full "
                                            f"({session.name}). They will be offered the first place that comes free.")]
    assert bk.get_booking(db, archived.id).outcome is Outcome.WAITLISTED


def test_a_booking_naming_an_archived_organisation_says_it_counts_for_it(tab, qtbot, db):
    trust = ms.create_organisation(db, ms.OrganisationFields("Kilburn Free School Trust", OrganisationKind.EDUCATION))
    ms.archive_organisation(db, trust.id)
    session = _session(db)
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    seen: list = []

    def fill(dialog: BookingDialog) -> None:
        dialog.session.set_current_id(session.id)
        dialog.name.setText("Ama Mensah")
        dialog.organisation_name.setText("Kilburn Free School Trust")
        _answer_boxes(qtbot, seen, [QMessageBox.StandardButton.Ok], titled=True)
        dialog.save_button.click()

    when_modal(fill, "New booking")
    page.on_new()
    assert seen == [("Booking saved", "Kilburn Free School Trust is archived in Memberships: the booking counts for it.")]
    [booking] = bk.list_bookings(db, session_id=session.id)
    assert booking.organisation_id == trust.id


def _register_open_while_another_officer_marks_a_no_show(qtbot, db, theirs):
    """The register of a session last week (Ama Mensah, Bilal Khan), opened; then another
    officer marks Ama a no-show."""
    session = _session(db, when=datetime.combine(date.today() - timedelta(days=7), time(9, 30)))
    ama, _bilal = (_book(db, session, name).booking for name in ("Ama Mensah", "Bilal Khan"))
    dialog = RegisterDialog(db, session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    bk.mark_register(theirs, session.id, {ama.id: Outcome.NO_SHOW})
    return session, dialog


def test_the_register_saves_only_the_marks_changed_keeping_another_officers_no_show(qtbot, db, theirs):
    session, dialog = _register_open_while_another_officer_marks_a_no_show(qtbot, db, theirs)
    assert dialog.grid.marks == [Outcome.BOOKED, Outcome.BOOKED]  # as it was read
    dialog.grid.setCurrentCell(1, 0)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)  # Bilal attended; Ama left as shown
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [(b.delegate_name, b.outcome, b.charge) for b in bk.list_bookings(db, session_id=session.id)] == [
        ("Ama Mensah", Outcome.NO_SHOW, ChargeKind.NO_SHOW), ("Bilal Khan", Outcome.ATTENDED, None)]


def test_the_register_refuses_a_mark_on_a_booking_changed_since_and_keeps_the_marks(qtbot, db, theirs):
    session, dialog = _register_open_while_another_officer_marks_a_no_show(qtbot, db, theirs)
    dialog.grid.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)  # Ama attended, over the no-show not seen
    qtbot.keyClick(dialog.grid, Qt.Key.Key_A)  # Bilal attended
    seen: list[str] = []

    def answer(box):
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(answer, "The register was not saved")
    dialog.save()
    assert len(seen) == 1 and "Jane Smith changed" in seen[0] and "Ama Mensah" in seen[0]
    assert dialog.isVisible() and dialog.grid.marks == [Outcome.ATTENDED, Outcome.ATTENDED]
    assert [(b.outcome, b.charge) for b in bk.list_bookings(db, session_id=session.id)] == [
        (Outcome.NO_SHOW, ChargeKind.NO_SHOW), (Outcome.BOOKED, None)]
    assert dialog.changed_fields() == ["the register"]  # Escape still asks before the marks are lost


def test_an_address_pasted_with_mailto_or_an_invisible_character_is_booked_as_typed_clean(qtbot, db):
    session = _session(db)
    dialog = BookingDialog(db, None, None, session_id=session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Pat Lee")
    dialog.email.setText("mailto:pat.lee\u200b@brent.gov.uk")
    dialog.save_button.click()
    assert not dialog.isVisible(), dialog.error_labels["email"].text()
    assert [b.email for b in bk.list_bookings(db, session_id=session.id)] == ["pat.lee@brent.gov.uk"]


def test_an_address_the_service_would_refuse_is_refused_beside_it_with_the_reason(qtbot, db):
    session = _session(db)
    dialog = BookingDialog(db, None, None, session_id=session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Pat Lee")
    dialog.email.setText("pat:lee@brent.gov.uk")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "':' before the @" in dialog.error_labels["email"].text()
    assert bk.list_bookings(db, session_id=session.id) == []


def test_a_new_evaluation_says_its_scores_show_once_the_session_is_chosen(qtbot, db):
    session = _session(db)
    dialog = EvaluationDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.scores is None and dialog.scores_hint.isVisible()
    assert dialog.scores_hint.text() == "Choose the session first: its learning outcomes show here."
    dialog.session.set_current_id(session.id)
    assert dialog.scores is not None and not dialog.scores_hint.isVisible()
