"""Dialogs for bookings (new, edit, cancel, a place given out of turn, follow-up of a no-show,
waiving a charge) and evaluations (confidence before and after for each learning outcome, and
the follow-ups)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.evaluations import check_score
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import Checker, clean_email, email_problem
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training.booking_checks import follow_up_problem
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.dialog_fit import fit
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import as_typed, plain_label
from bscp_desktop.ui.common.messages import Cancelled, confirm
from bscp_desktop.ui.common.pickers import check_pick, organisation_picker, person_picker, picker
from bscp_desktop.ui.common.table_model import as_tall_as_its_rows

# ---------------------------------------------------------------- bookings

PASSED_OVER_NAMED = 3  # the delegates passed over a question about giving a place names; then how many more
MOST_SESSION_PICKER_WIDTH = 640  # pixels a session picker asks for at most (a very long title is cut)
SESSION_PICKER_FRAME = 40  # beside the label: the frame and the drop-down arrow


class SessionPicker(RecordCombo):
    """The sessions to choose from, each labelled by its course, date and time. It stretches to
    the width of the field and asks for room for its longest label (within reason), so the
    dialog opens wide enough to show the date; a session chosen later widens the dialog to its
    label if need be (within the screen), and the whole label is its tooltip."""

    def __init__(self, choices: list[tuple[str, int]], current: int | None):
        self._longest = max((label for label, _id in choices), key=len, default="")  # asked for as it is built
        super().__init__(blank="Choose…")
        self.set_items(choices, current)
        self.lineEdit().setCursorPosition(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, self.sizePolicy().verticalPolicy())
        self.setToolTip(as_typed(self.currentText()))  # the course's title, as typed
        self.currentTextChanged.connect(self._chosen)

    def _chosen(self, text: str) -> None:
        self.setToolTip(as_typed(text))
        window = self.window()
        if isinstance(window, QDialog) and window.isVisible():
            fit(window)  # the dialog grows, within the screen, to show the whole label

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        wanted = self.fontMetrics().horizontalAdvance(self._longest) + SESSION_PICKER_FRAME
        return QSize(max(hint.width(), min(wanted, MOST_SESSION_PICKER_WIDTH)), hint.height())


def session_picker(db, current: int | None) -> SessionPicker:
    return SessionPicker(cs.session_choices(db, include=[current] if current else []), current)


def offer_session_first(dialog: FormDialog, db) -> None:
    """A booking or an evaluation needs a session: with none yet, offer to add one."""

    def new_session(parent):
        from bscp_desktop.ui.training.dialogs import SessionDialog

        return SessionDialog(db, None, parent)

    offer_to_add_first(dialog, "session_id", dialog.session, "No sessions yet: add the session first.",
                       "Add a session…", new_session, lambda: cs.session_choices(db))

class BookingDialog(FormDialog):
    """A delegate booked on a session: from Memberships, or typed in as the LMS has them."""

    history_table = "training_booking"

    def __init__(self, db, record: bk.BookingDTO | None = None, parent: QWidget | None = None,
                 session_id: int | None = None):
        super().__init__(f"Edit booking: {record.delegate_name}" if record else "New booking", parent, db=db, record=record)
        r = record
        self.result: bk.BookingResult | None = None  # once saved: what the window says of it
        self.offer: bk.WaitlistOffer | None = None
        self.session = self.add_field("session_id", "Session", session_picker(db, r.session_id if r else session_id))
        offer_session_first(self, db)
        self.person = self.add_field("person_id", "Person", person_picker(db, r.person_id if r else None,
                                                                          "(not in Memberships)"),
                                     "Choose someone from Memberships, or leave this and type the delegate below.")
        self.name = self.add_field("delegate_name", "Delegate's name", QLineEdit(r.delegate_name if r else ""))
        self.email = self.add_field("email", "Email", QLineEdit(r.email if r else ""))
        self.job_title = self.add_field("job_title", "Job title", QLineEdit(r.job_title if r else ""))
        self.organisation_name = self.add_field(
            "organisation_name", "Organisation (as they wrote it)", QLineEdit(r.organisation_name if r else ""),
            "As the delegate wrote it; it is matched to an organisation by name, short name or another name.")
        self.organisation = self.add_field("organisation_id", "Organisation on record", organisation_picker(
            db, r.organisation_id if r else None, "(found from the organisation they wrote)"))
        self.booked_on = self.add_field("booked_on", "Booked on", DateEdit(value=r.booked_on if r else date.today()))
        outcome = enum_combo(Outcome, r.outcome if r else None,
                             blank=None if r else "Booked (waitlisted if the session is full)")
        self.outcome = self.add_field("outcome", "Outcome", outcome)
        self.cancelled_on = self.add_field("cancelled_on", "Cancelled on", DateEdit(value=r.cancelled_on if r else None),
                                           "Needed for a cancellation: it decides whether it was late.")
        self.reason = self.add_field("non_attendance_reason", "Reason for not attending",
                                     text_box(r.non_attendance_reason if r else "", 50))
        self.followed_up_on = self.add_field("followed_up_on", "Followed up on",
                                             DateEdit(value=r.followed_up_on if r else None))
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 50))

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        c = Checker()
        check_pick(c, self.session, "session_id", "sessions", required=True)
        check_pick(c, self.person, "person_id", "people", required=False)
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        if not self.name.text().strip() and self.person.current_id() is None:
            c.add("delegate_name", "Enter the delegate's name, or choose the person from Memberships")
        if problem := email_problem(clean_email(self.email.text())):  # as the service will clean it
            c.add("email", problem)
        for name in ("booked_on", "cancelled_on", "followed_up_on"):
            self.date_value(name, errors)
        if not errors:  # the dates as the service will check them: outcome, order, not ahead of today
            dated = bk.check_booking_fields(self.fields_value())[0].errors
            for name in ("cancelled_on", "followed_up_on"):
                if name in dated:
                    c.add(name, dated[name])
        return {**c.errors, **errors}

    def fields_value(self) -> bk.BookingFields:
        return bk.BookingFields(
            session_id=self.session.current_id(), delegate_name=self.name.text(), email=self.email.text(),
            job_title=self.job_title.text(), organisation_name=self.organisation_name.text(),
            organisation_id=self.organisation.current_id(), person_id=self.person.current_id(),
            booked_on=self.fields["booked_on"].value(), outcome=self.outcome.currentData(),
            cancelled_on=self.fields["cancelled_on"].value(), non_attendance_reason=editor_text(self.reason),
            followed_up_on=self.fields["followed_up_on"].value(), notes=editor_text(self.notes),
        )

    def save(self):
        if self.record is None:
            result = bk.create_booking(self.db, self.fields_value())
        else:
            result = bk.update_booking(self.db, self.record.id, self.fields_value())
        self.result = result
        self.offer = result.offer
        return result.booking

    @property
    def result_message(self) -> str:
        """What the window says once the booking is saved: on the waiting list, or counting for
        an organisation archived in Memberships ('' when nothing needs saying)."""
        return self.result.message if self.result is not None else ""


class CancelDialog(FormDialog):
    """Cancel a booking on a date (the notice decides whether it was late)."""

    def __init__(self, db, record: bk.BookingDTO, parent: QWidget | None = None):
        super().__init__(f"Cancel {record.delegate_name}'s booking", parent, db=db, record=record)
        self.offer: bk.WaitlistOffer | None = None
        about = plain_label(f"{record.session_name}\nBooked on {record.booked_on:%d/%m/%Y}.", wrap=True)
        self.form.addRow(about)
        # today for a session still to come; for one that has run, the day the team was told
        ahead = record.starts_at.date() >= date.today()
        self.day = self.add_field("cancelled_on", "Cancelled on", DateEdit(value=date.today() if ahead else None))
        self.notice = plain_label("", self, wrap=True)  # late or in time, as the date typed makes it
        self.form.addRow(self.notice)
        self.day.changed.connect(self._say_notice)
        self._say_notice()
        self.save_button.setText("Cancel the booking")
        # beside "Cancel the booking", a plain "Cancel" reads as the same thing: say what it does
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Keep the booking")

    def _say_notice(self, *_args) -> None:
        try:
            day = self.day.value()
        except ValueError:
            day = None
        self.notice.setText(bk.cancellation_notice(self.db, self.record.id, day) if day else "")
        self.notice.setVisible(bool(self.notice.text()))

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        c = Checker()
        day = self.date_value("cancelled_on", errors)
        if day is None and "cancelled_on" not in errors:
            c.add("cancelled_on", "Enter the date the booking was cancelled")
        c.not_future("cancelled_on", day, "Cancelled on", date.today())
        return {**c.errors, **errors}

    def save(self):
        result = bk.cancel_booking(self.db, self.record.id, self.fields["cancelled_on"].value())
        self.offer = result.offer
        return result.booking


def give_place(parent: QWidget, db, row: bk.BookingDTO) -> bk.BookingDTO:
    """Give the waitlisted delegate of `row` the free place (`bk.offer_place`). When others are
    before them on the waiting list, the officer is asked first, naming them; No raises
    `Cancelled` and nothing changes."""
    before = bk.ahead_of(db, row.id)
    if before and not confirm(parent, "Others are waiting before them", passing_over(row, before)):
        raise Cancelled
    return bk.offer_place(db, row.id)


def passing_over(row: bk.BookingDTO, before: tuple[str, ...]) -> str:
    """The question asked before giving a place to `row`'s delegate ahead of `before`."""
    names = bk.named(before, PASSED_OVER_NAMED)
    are = "is" if len(before) == 1 else "are"
    return (f"{names} {are} before {row.delegate_name} on the waiting list for {row.session_name}. "
            f"A place that comes free normally goes to the first in turn, {before[0]}.\n\n"
            f"Give the place to {row.delegate_name} all the same, ahead of {'them' if len(before) > 1 else before[0]}?")


class FollowUpDialog(FormDialog):
    """Why a delegate did not attend, found when the team followed them up."""

    def __init__(self, db, record: bk.BookingDTO, parent: QWidget | None = None):
        super().__init__(f"Follow up {record.delegate_name}", parent, db=db, record=record)
        self.reason = self.add_field("non_attendance_reason", "Reason for not attending",
                                     text_box(record.non_attendance_reason, 70))
        self.day = self.add_field("followed_up_on", "Followed up on",
                                  DateEdit(value=record.followed_up_on or date.today()))

    def check(self) -> dict[str, str]:
        """Not after today and, for a no-show, not before the session's day, as the service checks it."""
        errors: dict[str, str] = {}
        c = Checker()
        day = self.date_value("followed_up_on", errors)
        c.not_future("followed_up_on", day, "Followed up on", date.today())
        if "followed_up_on" not in c.errors and (
                problem := follow_up_problem(self.record.outcome, day, self.record.starts_at.date())):
            c.add("followed_up_on", problem)
        return {**c.errors, **errors}

    def save(self):
        return bk.record_follow_up(self.db, self.record.id, editor_text(self.reason), self.fields["followed_up_on"].value())


class WaiveDialog(FormDialog):
    """Waive a no-show or late-cancellation charge, keeping the reason."""

    def __init__(self, db, record: bk.BookingDTO, parent: QWidget | None = None):
        super().__init__(f"Waive the charge for {record.delegate_name}", parent, db=db, record=record)
        self.reason = self.add_field("waiver_reason", "Reason", text_box(record.waiver_reason, 70),
                                     "Kept with the booking and printed on the statement.")
        self.save_button.setText("Waive the charge")

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("waiver_reason", editor_text(self.reason), "The reason for waiving the charge", 2000)
        return c.errors

    def save(self):
        return bk.waive_charge(self.db, self.record.id, editor_text(self.reason))


# ---------------------------------------------------------------- evaluations


class ScoresTable(QTableWidget):
    """One row per learning outcome (overall confidence first): before and after, 1 to 5."""

    def __init__(self, names: list[str], scores: dict[int, tuple[int | None, int | None]]):
        super().__init__(len(names), 3)
        self.setHorizontalHeaderLabels(["Learning outcome", "Before", "After"])  # the scale is in the form's caption
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as everywhere else (arrows move in it)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # as wide as their headings, the outcome taking the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName("Confidence scores")
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, 0, item)
            before, after = scores.get(row, (None, None))
            self.setItem(row, 1, QTableWidgetItem("" if before is None else str(before)))
            self.setItem(row, 2, QTableWidgetItem("" if after is None else str(after)))
        as_tall_as_its_rows(self, most=6)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        as_tall_as_its_rows(self, most=6)  # a longer outcome wraps at a narrower width

    def values(self) -> list[tuple[int, str, str]]:
        return [(row, self.item(row, 1).text(), self.item(row, 2).text()) for row in range(self.rowCount())]


class EvaluationDialog(FormDialog):
    history_table = "training_evaluation"

    def __init__(self, db, record: ev.EvaluationDTO | None = None, parent: QWidget | None = None,
                 session_id: int | None = None):
        super().__init__("Edit evaluation" if record else "New evaluation", parent, db=db, record=record)
        r = record
        self.setMinimumWidth(620)
        session_id = r.session_id if r else session_id
        self.session = self.add_field("session_id", "Session", session_picker(db, session_id))
        offer_session_first(self, db)
        self.session.setEnabled(r is None)
        self.booking = self.add_field("booking_id", "Delegate", picker([], None, "(anonymous, or type a name below)"))
        self.name = self.add_field("delegate_name", "Delegate's name", QLineEdit(r.delegate_name if r else ""),
                                   "Leave blank for an anonymous evaluation.")
        self.scores_box = QWidget()
        self.scores: ScoresTable | None = None
        self.form.addRow("Confidence (1 to 5):", self.scores_box)
        QVBoxLayout(self.scores_box).setContentsMargins(0, 0, 0, 0)
        self.scores_hint = plain_label("Choose the session first: its learning outcomes show here.")
        self.scores_box.layout().addWidget(self.scores_hint)
        self.scores_error = plain_label()  # quotes the score typed
        self.scores_error.setStyleSheet("color: #b00020;")
        self.scores_error.hide()
        self.form.addRow(self.scores_error)
        self.comments = self.add_field("comments", "Comments", text_box(r.comments if r else "", 60))
        self.delegate_follow_up = self.add_field("delegate_follow_up", "Delegate's follow-up",
                                                 text_box(r.delegate_follow_up if r else "", 50),
                                                 "6 to 12 weeks later: what changed in their practice.")
        self.delegate_on = self.add_field("delegate_follow_up_on", "Delegate replied on",
                                          DateEdit(value=r.delegate_follow_up_on if r else None))
        self.manager_follow_up = self.add_field("manager_follow_up", "Line manager's follow-up",
                                                text_box(r.manager_follow_up if r else "", 50))
        self.manager_on = self.add_field("manager_follow_up_on", "Line manager replied on",
                                         DateEdit(value=r.manager_follow_up_on if r else None))
        self.session.currentIndexChanged.connect(lambda _i: self._session_chosen())
        self._session_chosen()

    def _session_chosen(self) -> None:
        session_id = self.session.current_id()
        layout = self.scores_box.layout()
        if self.scores is not None:
            layout.removeWidget(self.scores)
            self.scores.deleteLater()
            self.scores = None
        choices: list[tuple[str, int]] = []
        self.scores_hint.setVisible(session_id is None)
        if session_id is not None:
            session = cs.get_session(self.db, session_id)
            course = cs.get_course(self.db, session.course_id)
            current = {s.outcome_number: (s.before, s.after) for s in self.record.scores} if self.record else {}
            self.scores = ScoresTable(ev.outcome_names(list(course.learning_outcomes)), current)
            layout.addWidget(self.scores)
            QWidget.setTabOrder(self.name, self.scores)  # Tab reaches it where it shows, before the comments
            self.scores.itemChanged.connect(lambda _i: (self.touched.add("scores"), self.revalidate()))
            choices = [(b.delegate_name, b.id) for b in bk.list_bookings(self.db, session_id=session_id)
                       if b.outcome is Outcome.ATTENDED]
        self.booking.set_items(choices, self.record.booking_id if self.record else None)

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        c = Checker()
        check_pick(c, self.session, "session_id", "sessions", required=True)
        self.date_value("delegate_follow_up_on", errors)
        self.date_value("manager_follow_up_on", errors)
        message = ""
        for row, before, after in self.scores.values() if self.scores else []:
            try:
                check_score(before, "Before")
                check_score(after, "After")
            except ValueError as exc:
                message = f"Row {row + 1}: {exc}"
                break
        self.scores_error.setText(message)
        self.scores_error.setVisible(bool(message))
        if message:
            errors["scores"] = message
        return {**c.errors, **errors}

    def fields_value(self) -> ev.EvaluationFields:
        scores = tuple(ev.ScoreFields(row, before or None, after or None)
                       for row, before, after in (self.scores.values() if self.scores else []))
        return ev.EvaluationFields(
            session_id=self.session.current_id(), delegate_name=self.name.text(),
            booking_id=self.booking.current_id(), scores=scores, comments=editor_text(self.comments),
            delegate_follow_up=editor_text(self.delegate_follow_up),
            delegate_follow_up_on=self.fields["delegate_follow_up_on"].value(),
            manager_follow_up=editor_text(self.manager_follow_up),
            manager_follow_up_on=self.fields["manager_follow_up_on"].value(),
        )

    def save(self):
        if self.record is None:
            return ev.create_evaluation(self.db, self.fields_value())
        return ev.update_evaluation(self.db, self.record.id, self.fields_value())
