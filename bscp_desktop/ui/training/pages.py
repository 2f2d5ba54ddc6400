"""The Training tab's lists: courses (and series), sessions and evaluations (bookings have a
module of their own: `bookings_page`). Sessions, bookings and evaluations are chosen by period
(`ByPeriod`, `PeriodBar`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from bscp_desktop.domain.evaluations import gain_text, score_text, shown_gain
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.training import Outcome, Period
from bscp_desktop.domain.validation import NotFoundError
from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance.spending import TRAINING_CATEGORY
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as chg
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.ui.common.editors import refill_combo
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.list_page import Filter, PageSpec, Query, RecordListPage
from bscp_desktop.ui.common.messages import done
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.training.booking_dialogs import EvaluationDialog
from bscp_desktop.ui.training.dialogs import CourseDialog, SeriesDialog, SessionDialog
from bscp_desktop.ui.training.period import EVERY_YEAR, LAST_QUARTER, LAST_YEAR, RECENT, THIS_QUARTER, THIS_YEAR, PeriodBar
from bscp_desktop.ui.training.register import RegisterDialog

KINDS = (RecordKind.TRAINING, RecordKind.MEMBERSHIPS)
SESSION_KINDS = (*KINDS, RecordKind.FINANCE)  # what Finance spent on each session
PRESETS = [RECENT, THIS_QUARTER, LAST_QUARTER, THIS_YEAR, LAST_YEAR, EVERY_YEAR]
OUTCOME_COLOURS = {
    Outcome.ATTENDED: "#c6e8c6", Outcome.NO_SHOW: "#f4b6b6", Outcome.WAITLISTED: "#ffe08a",
    Outcome.CANCELLED: "#eeeeee",
}


# ---------------------------------------------------------------- courses and series

COURSES = PageSpec(
    noun="course", kinds=KINDS,
    columns=[
        Column("Title", lambda c: c.title), Column("Topic", lambda c: c.topic),
        Column("Audience", lambda c: c.audience), Column("Format", lambda c: c.format),
        Column("Length", lambda c: c.length_text), Column("Facilitator", lambda c: c.facilitator),
        Column("Sessions", lambda c: c.sessions, align_right=True),
        Column("Learning outcomes", lambda c: "; ".join(c.learning_outcomes)),
    ],
    load=lambda db, q: cs.list_courses(db, include_archived=q.include_archived),
    empty_text="No courses yet: press New course, or import bookings from the LMS (their courses are added too).",
    dialog=CourseDialog, archive=cs.archive_course, restore=cs.restore_course,
    archive_note=bk.course_archive_note,  # its sessions still to come, and the places held on them, stay
)

SERIES = PageSpec(
    noun="series", plural="series", kinds=(RecordKind.TRAINING,),
    columns=[Column("Series", lambda s: s.title), Column("Sessions", lambda s: s.sessions, align_right=True),
             Column("Description", lambda s: s.description)],
    load=lambda db, q: cs.list_series(db, include_archived=q.include_archived),
    empty_text="No series yet: press New series to group sessions, for example a Serious Violence Series.",
    dialog=SeriesDialog, archive=cs.archive_series, restore=cs.restore_series,
)


class CoursesPage(RecordListPage):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(db, COURSES, parent)
        self.toolbar.addSeparator()
        self.series_action = self.add_tool("Series…", self.edit_series, "Name the series that group sessions")

    def edit_series(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Series of sessions")
        dialog.resize(640, 400)
        page = RecordListPage(self.db, SERIES, dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(page)
        layout.addWidget(buttons)
        dialog.exec()


# ---------------------------------------------------------------- sessions


def register_word(s: cs.SessionDTO, today: date) -> str:
    if s.day > today:
        return "Upcoming"
    if not s.held:
        return "No one booked"
    return "Marked" if s.register_marked else f"{s.still_booked} not marked"


def in_finance(s: cs.SessionDTO):
    """What Finance records for the session: its amount, marked when it is not the session's cost in its year."""
    return f"{format_money(s.spent)}, does not match" if s.finance_differs else s.spent or None


def session_columns(today: Callable[[], date]) -> list[Column]:
    def after(s: cs.SessionDTO, value):
        return value if s.day <= today() else None

    return [
        Column("Starts", lambda s: s.starts_at), Column("Course", lambda s: s.course_title),
        Column("Where", lambda s: s.where), Column("Places", lambda s: s.capacity, align_right=True),
        Column("Booked", lambda s: s.held, align_right=True),
        Column("Places left", lambda s: s.places_left, align_right=True,
               background=lambda s: QColor("#ffe08a") if s.places_left == 0 else None),
        Column("Waiting", lambda s: s.waitlisted, align_right=True),
        Column("Attended", lambda s: after(s, s.attended), align_right=True),
        Column("No-shows", lambda s: after(s, s.no_shows), align_right=True),
        Column("Register", lambda s: register_word(s, today()),
               background=lambda s: QColor("#ffe08a") if s.day <= today() and s.still_booked else None),
        Column("Series", lambda s: s.series_title),
        Column("Cost", lambda s: s.cost or None, align_right=True),
        Column("In Finance", in_finance, align_right=True, sort=lambda s: s.spent or None,
               tooltip=lambda s: s.finance_difference or ("Its cost is not recorded in Finance yet." if s.cost and not s.spent else ""),
               background=lambda s: QColor("#f4b6b6") if s.finance_differs else QColor("#ffe08a") if s.cost and not s.spent else None),
        Column("Id", lambda s: s.id, align_right=True),  # what `report session-register --id` takes
    ]


def offer_the_place(parent: QWidget, db, offer: bk.WaitlistOffer | None) -> bool:
    """A place is free: the window says who is first on the waiting list; the team confirms.
    Whether they were given it."""
    if offer is None:
        return False
    box = QMessageBox(QMessageBox.Icon.Question, "A place is free", as_typed(offer.sentence),  # names the delegate
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText("Give them the place")
    box.button(QMessageBox.StandardButton.No).setText("Not now")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    return done(parent, "Could not give the place", lambda: bk.offer_place(db, offer.booking_id))


def take_in_day(bar: PeriodBar, day: date) -> None:
    """Widen the period chosen to take in `day` (a record just saved outside it), without reading."""
    period = bar.period
    if not period.contains(day):
        bar.blockSignals(True)
        bar.show_dates(Period(min(period.start, day), max(period.end, day)))
        bar.blockSignals(False)


def show_found(page: RecordListPage, get, record_id: int) -> None:
    """Select one record of a page read by period (a search hit): the search and filters cleared,
    and the period widened to take in the day of the record `get(db, record_id)` reads."""
    try:
        record = get(page.db, record_id)
    except NotFoundError:
        record = None  # gone since it was found: the page is shown as it is
    page.clear_filters(record)
    page.reload(then=lambda: page._select_or_show_archived(record_id))


class ByPeriod(RecordListPage):
    """A list read a period at a time: the period chosen in `period_bar` is part of what the
    page's loader is asked for (`query["period"]`), and choosing another reads again."""

    period_bar: PeriodBar

    def add_period_bar(self) -> None:
        self.add_filter_widget(self.period_bar)
        self.period_bar.changed.connect(lambda _p: self.reload())

    def query(self) -> Query:
        query = super().query()
        return replace(query, filters={**query.filters, "period": self.period_bar.period})

    def clear_filters(self, record=None) -> None:
        super().clear_filters(record)
        if record is not None:  # sessions and evaluations: on the day of their session
            take_in_day(self.period_bar, record.starts_at.date())


def _period_sessions(db, q: Query) -> list[cs.SessionDTO]:
    return cs.list_sessions(db, include_archived=q.include_archived, start=q["period"].start, end=q["period"].end)


NO_SESSIONS = "No sessions in this period: choose another period, press New session, or import bookings from the LMS."
NO_COURSES = ("No courses yet: add a course on the Courses page first, then its sessions (or import bookings from "
              "the LMS, which adds their courses).")


class SessionsPage(ByPeriod):
    def __init__(self, db, parent: QWidget | None = None):
        self.period_bar = PeriodBar(PRESETS, RECENT)
        self.course_filter = QComboBox()
        self.course_filter.setAccessibleName("Course filter")
        super().__init__(db, PageSpec(
            noun="session", kinds=SESSION_KINDS, columns=session_columns, load=_period_sessions,
            empty_text=NO_SESSIONS,
            dialog=SessionDialog, archive=cs.archive_session, restore=cs.restore_session,
            archive_note=chg.session_archive_note,  # its charges, income and attendance go with it
            hidden_columns=("Id",),  # on the line under the list, or shown from the header's menu
        ), parent)
        self.add_period_bar()
        self.add_filter_widget(self.course_filter, "Course:")
        self.course_filter.currentIndexChanged.connect(lambda _i: self.set_predicate(self._course_predicate()))
        self.toolbar.addSeparator()
        self.register_action = self.add_tool("Register…", self.open_register,
                                    "Mark who attended the selected session, by keyboard")
        self.bookings_action = self.add_tool("Bookings", self.show_bookings, "The bookings of the selected session")
        self.spending_action = self.add_tool("Record the cost in Finance…", self.record_cost,
                                    "Record the selected session's cost as spending in the Finance tab")
        self.on_show_bookings: Callable[[cs.SessionDTO], None] | None = None

    def read_more(self, db, shown) -> bool:
        """Whether no course is on record to add a session to (asked only when none is shown)."""
        return not shown and not cs.any_live_course(db)

    def loaded(self) -> None:
        """The courses of the period's sessions to filter by; then the course chosen (which
        shows the list, or the sentence in its place: that there is no course yet, if so)."""
        self.empty_text = NO_COURSES if self.more else NO_SESSIONS
        refill_combo(self.course_filter, sorted({(s.course_title, s.course_id) for s in self.model.rows}),
                     ("All courses", None))
        self.set_predicate(self._course_predicate())

    def edited(self, value) -> None:
        """Places raised while delegates wait: each free place is offered to the first waiting,
        in turn, until the places are full, no one waits, or the team says not now."""
        if isinstance(value, cs.SessionDTO) and value.waitlisted and value.places_left > 0:
            while offer_the_place(self, self.db, bk.waitlist_offer(self.db, value.id)):
                pass

    def clear_filters(self, record=None) -> None:
        super().clear_filters(record)
        self.course_filter.setCurrentIndex(0)

    def show_record(self, record_id: int) -> None:
        """Select one session (a search hit), its day taken into the period (`show_found`)."""
        show_found(self, cs.get_session, record_id)

    def _course_predicate(self):
        course_id = self.course_filter.currentData()
        return None if course_id is None else (lambda s: s.course_id == course_id)

    def new_dialog(self, parent: QWidget):
        return SessionDialog(self.db, None, parent, course_id=self.course_filter.currentData())

    def update_actions(self, row) -> None:
        if row is None:
            register = spending = "Choose a session first."
        else:
            register = f"The register can be marked from the day of the session ({row.day:%d/%m/%Y})." \
                if row.day > self.today else ""
            spending = ("The session is archived." if row.archived else
                        "The session has no cost recorded: edit it to give one." if not row.cost else
                        "Its cost is recorded in Finance but does not match: correct the expense in the Finance tab "
                        "(Expenditure)." if row.finance_differs else "Its cost is already recorded in Finance." if row.spent else "")
        self.offer_tool(self.register_action, register)
        self.offer_tool(self.bookings_action, "" if row is not None else "Choose a session first.")
        self.offer_tool(self.spending_action, spending)

    def record_cost(self) -> None:
        """The session's cost becomes an expense in Finance (on its day, paid to its facilitator,
        linked to it), with Finance's own command."""
        row = self.selected()
        if row is None or not row.cost or row.spent:
            return
        category = fin.default_training_category(self.db)
        if category is None:
            QMessageBox.information(self, "Record the cost in Finance",
                                    f"Finance has no '{TRAINING_CATEGORY}' category: add the expense in the "
                                    "Finance tab (Expenditure) and choose this session there.")
            return
        if QMessageBox.question(
            self, "Record the cost in Finance",
            as_typed(f"Record {format_money(row.cost)}, the cost of {row.name}, as spending on "
                     f"{TRAINING_CATEGORY} in Finance, paid to {row.facilitator or 'the training facilitator'}?"),
        ) == QMessageBox.StandardButton.Yes:
            self.run_command(lambda: fin.record_session_costs(self.db, [row.id], category))

    def open_register(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.day > date.today():
            QMessageBox.information(self, "Register", "The register can be marked on the day of the session.")
            return
        RegisterDialog(self.db, row.id, self).exec()

    def show_bookings(self) -> None:
        row = self.selected()
        if row is not None and self.on_show_bookings is not None:
            self.on_show_bookings(row)


# ---------------------------------------------------------------- evaluations

FOLLOW_UPS_DUE, FOLLOW_UPS_OVERDUE = "due", "overdue"


def _load_evaluations(db, q: Query) -> list[ev.EvaluationDTO]:
    waiting = q["follow_up"]
    return ev.list_evaluations(db, period=q["period"], include_archived=q.include_archived,
                               follow_ups_due_on=q.today if waiting else None, overdue_only=waiting == FOLLOW_UPS_OVERDUE)


def _follow_up_column(today: Callable[[], date]) -> Column:
    """Where its 6 to 12 week follow-up stands, shaded once overdue."""
    def overdue(e: ev.EvaluationDTO) -> bool:
        return e.follow_up is not None and e.follow_up.overdue_on(today())

    return Column("Follow-up", lambda e: e.follow_up.text_on(today()) if e.follow_up else "",
                  background=lambda e: WARNING_BACKGROUND if overdue(e) else None)


def evaluation_columns(today: Callable[[], date]) -> list[Column]:
    """The Evaluations list's columns; the scores sort by their numbers, not their text."""
    return [
        Column("Session", lambda e: e.starts_at), Column("Course", lambda e: e.course_title),
        Column("Delegate", lambda e: e.delegate_name or "(anonymous)"),
        Column("Before", lambda e: score_text(e.gain.mean_before), align_right=True, sort=lambda e: e.gain.mean_before),
        Column("After", lambda e: score_text(e.gain.mean_after), align_right=True, sort=lambda e: e.gain.mean_after),
        Column("Gain", lambda e: gain_text(shown_gain(e.gain)), align_right=True, sort=lambda e: shown_gain(e.gain)),
        Column("Comments", lambda e: e.comments),
        _follow_up_column(today),
        Column("Delegate's follow-up", lambda e: e.delegate_follow_up),
        Column("Manager's follow-up", lambda e: e.manager_follow_up),
    ]


class EvaluationsPage(ByPeriod):
    def __init__(self, db, parent: QWidget | None = None):
        self.period_bar = PeriodBar(PRESETS, EVERY_YEAR)
        super().__init__(db, PageSpec(
            noun="evaluation", kinds=KINDS, columns=evaluation_columns, load=_load_evaluations,
            empty_text="No evaluations in this period: press New evaluation, or import them (Import…, Evaluations).",
            dialog=EvaluationDialog, archive=ev.archive_evaluation, restore=ev.restore_evaluation,
            filters=(Filter("follow_up", "Follow-up:", lambda _db: [("Due or overdue", FOLLOW_UPS_DUE),
                                                                    ("Overdue", FOLLOW_UPS_OVERDUE)], "Any"),),
        ), parent)
        self.add_period_bar()
