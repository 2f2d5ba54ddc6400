"""The Training tab's lists: courses (and series), sessions, bookings and evaluations.

Sessions, bookings and evaluations are chosen by period. A period's bookings are read in a
worker thread, so a decade of bookings never holds the window up; the outcome and session
filters and the search work on the rows already loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from bscp_desktop.domain.evaluations import gain_text, score_text, shown_gain
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.search import finds_every_term, fold
from bscp_desktop.domain.training import Outcome, Period
from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance.spending import TRAINING_CATEGORY
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as chg
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.ui.common.editors import after_a_pause, refill_combo
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.list_page import Filter, PageSpec, Query, RecordListPage
from bscp_desktop.ui.common.messages import done, show_error
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.training.booking_dialogs import BookingDialog, CancelDialog, EvaluationDialog, FollowUpDialog, WaiveDialog, give_place
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


class SessionsPage(ByPeriod):
    def __init__(self, db, parent: QWidget | None = None):
        self.period_bar = PeriodBar(PRESETS, RECENT)
        self.course_filter = QComboBox()
        self.course_filter.setAccessibleName("Course filter")
        super().__init__(db, PageSpec(
            noun="session", kinds=SESSION_KINDS, columns=session_columns, load=_period_sessions,
            empty_text="No sessions in this period: choose another period, press New session, or import bookings "
                       "from the LMS.",
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

    def loaded(self) -> None:
        """The courses of the period's sessions to filter by; then the course chosen."""
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


# ---------------------------------------------------------------- bookings

BOOKING_FILTERS: dict[str, Callable[[bk.BookingDTO], bool] | None] = {
    "All bookings": None,
    "Booked": lambda b: b.outcome is Outcome.BOOKED,
    "Waiting list": lambda b: b.outcome is Outcome.WAITLISTED,
    "Attended": lambda b: b.outcome is Outcome.ATTENDED,
    "No-shows": lambda b: b.outcome is Outcome.NO_SHOW,
    "No-shows not followed up": lambda b: b.outcome is Outcome.NO_SHOW and b.followed_up_on is None,
    "Cancelled": lambda b: b.outcome is Outcome.CANCELLED,
    "Late cancellations": lambda b: b.outcome is Outcome.CANCELLED and b.late_cancellation,
    "Chargeable": lambda b: b.charge is not None,
    "Organisation not matched": lambda b: b.organisation_id is None and bool(b.organisation_name),
}


MAX_SHOWN = 2_000  # bookings listed at once; the filters and the search reach every booking of the period


def _search_text(b: bk.BookingDTO) -> str:
    """What the search box finds a booking by (any case, without accents, as every search)."""
    return fold("\u0001".join((b.delegate_name, b.email, b.organisation, b.organisation_name, b.job_title,
                               b.course_title, b.session_name, b.outcome_text, b.non_attendance_reason)))


def charge_word(b: bk.BookingDTO) -> str:
    if b.charge is None:
        return ""
    return f"{b.charge.label} (waived)" if b.charge_waived else b.charge.label


BOOKING_COLUMNS = [
    Column("Session", lambda b: b.starts_at), Column("Course", lambda b: b.course_title),
    Column("Delegate", lambda b: b.delegate_name), Column("Organisation", lambda b: b.organisation),
    Column("Job title", lambda b: b.job_title), Column("Outcome", lambda b: b.outcome_text,
           background=lambda b: QColor(OUTCOME_COLOURS[b.outcome]) if b.outcome in OUTCOME_COLOURS else None),
    Column("Booked on", lambda b: b.booked_on), Column("Email", lambda b: b.email),
    Column("Reason for not attending", lambda b: b.non_attendance_reason), Column("Charge", charge_word),
    Column("Id", lambda b: b.id, align_right=True),  # what `report certificate --booking` takes
]


class BookingsPage(RecordListPage):
    """A period's bookings, read and filtered in a worker thread (by outcome, session and the
    search box); the latest MAX_SHOWN that match are listed, so a decade of bookings never holds
    the window up."""

    def __init__(self, db, parent: QWidget | None = None):
        self.period_bar = PeriodBar(PRESETS, RECENT)
        self.outcome_filter = QComboBox()
        self.outcome_filter.setAccessibleName("Show bookings")
        self.outcome_filter.addItems(list(BOOKING_FILTERS))
        self.session_filter = QComboBox()
        self.session_filter.setAccessibleName("Session filter")
        self.session_filter.setMinimumContentsLength(30)
        self._wanted_session: int | None = None
        self._all: list[tuple[bk.BookingDTO, str]] = []  # every booking of the period, with its search text
        self._filter_timer = after_a_pause(None, 0, self._filter_now)
        self._then: Callable[[], None] | None = None  # run once the bookings asked for by `reload` are shown
        self._free: dict[int, int] = {}  # each session's places free, read with the bookings
        super().__init__(db, PageSpec(
            noun="booking", kinds=KINDS, columns=BOOKING_COLUMNS, load=lambda _db, _q: [],
            empty_text="No bookings in this period: choose another period, press New booking, or import bookings "
                       "from the LMS.",
            dialog=BookingDialog, archive=self._archive, restore=self._restore,
            hidden_columns=("Id",),  # on the line under the list, or shown from the header's menu
        ), parent)
        self.reading = LatestRead(self, "bookings", self._loaded, self._failed)  # the period's bookings
        self.filtering = LatestRead(self, "bookings filter", self._filtered, self._failed)  # those the filters pick
        self.add_filter_widget(self.period_bar)
        self.add_filter_widget(self.session_filter, "Session:")
        self.add_filter_widget(self.outcome_filter, "Show:")
        self.shown_note = QLabel(self)
        self.shown_note.setWordWrap(True)
        self.shown_note.setStyleSheet("color: #555555;")
        self.shown_note.hide()
        self.layout().insertWidget(2, self.shown_note)
        self.period_bar.changed.connect(lambda _p: self.reload())
        self.outcome_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.session_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.toolbar.addSeparator()
        self.cancel_action = self.add_tool("Cancel booking…", self.cancel_booking,
                                  "Cancel the selected booking; a free place is offered to the first delegate waiting")
        self.offer_action = self.add_tool("Give the place", self.offer_place, "Give the free place to the selected "
                                 "delegate on the waiting list (asked first if others are before them)")
        self.follow_up_action = self.add_tool("Follow-up…", self.follow_up, "Record why the delegate did not attend")
        self.waive_action = self.add_tool("Waive charge…", self.waive, "Waive (or charge again) a no-show or "
                                 "late-cancellation charge")

    def loading(self) -> bool:
        """True while the period is being read, or its bookings filtered, in the background."""
        return self.reading.loading() or self._filter_timer.isActive() or self.filtering.loading()

    def filtered_away(self) -> bool:
        return bool(self._all)  # the period's bookings, before the search, session and outcome filters

    def clear_filters(self, record=None) -> None:
        super().clear_filters(record)
        for combo in (self.session_filter, self.outcome_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        if record is not None:
            take_in_day(self.period_bar, record.starts_at.date())

    # -- reading the period, then filtering, each in a worker thread
    def reload(self, then: Callable[[], None] | None = None) -> None:
        self._stale = False
        self.today = self.fixed_today or date.today()
        self._filter_timer.stop()
        self.filtering.forget()  # what the filters picked of the last period is not wanted now
        self._then = then or self._then  # a reload on a change notice keeps what was asked to follow
        db, period, archived = self.db, self.period_bar.period, self.show_archived.isChecked()

        def read():
            rows = bk.list_bookings(db, start=period.start, end=period.end, include_archived=archived)
            sessions = sorted({(b.starts_at, b.session_id): b.session_name for b in rows}.items())
            free = {s.id: s.places_left for s in cs.list_sessions(db, include_archived=True, start=period.start,
                                                                  end=period.end)}
            return [(name, sid) for (_s, sid), name in sessions], [(b, _search_text(b)) for b in rows], free

        self.reading.start(read)

    def _loaded(self, result) -> None:
        sessions, searchable, self._free = result
        self._all = searchable
        refill_combo(self.session_filter, sessions, ("All sessions", None))
        if self._wanted_session is not None:
            self.session_filter.blockSignals(True)
            self.session_filter.setCurrentIndex(max(self.session_filter.findData(self._wanted_session), 0))
            self.session_filter.blockSignals(False)
            self._wanted_session = None
        self._filters_changed()

    def _failed(self, exc) -> None:
        show_error(self, "Could not load bookings", exc)

    def _filter_changed(self, _text: str) -> None:
        """The search box: searched with the other filters, in the worker."""
        self._filters_changed()

    def _filters_changed(self) -> None:
        """Filter once the event in hand is over: several filters changed together (or a word
        typed quickly) start one search, not one each."""
        self._filter_timer.start()

    def _filter_now(self) -> None:
        if self.reading.loading():
            return  # the period's bookings are filtered as they arrive
        outcome = BOOKING_FILTERS[self.outcome_filter.currentText()]
        session_id = self.session_filter.currentData()
        matches = finds_every_term(self.search.text()) if fold(self.search.text()).strip() else None
        everything = self._all
        prepare = self.model.prepared_rows()

        def pick():
            found = [b for b, text in everything
                     if (session_id is None or b.session_id == session_id) and (outcome is None or outcome(b))
                     and (matches is None or matches(text))]
            found.sort(key=lambda b: b.starts_at, reverse=True)
            latest = sorted(found[:MAX_SHOWN], key=lambda b: (b.starts_at, b.delegate_name.casefold()))
            return prepare(latest), len(found)  # sorted as the list is sorted, in the worker

        self.filtering.start(pick)

    def _filtered(self, result) -> None:
        prepared, matching = result
        self.model.set_rows(prepared)
        shown = self.model.rows
        if not self._sized and shown:
            self.size_columns()
        if matching > len(shown):
            self.shown_note.setText(f"Showing the latest {len(shown):,} of {matching:,} bookings that match. Choose a "
                                    "shorter period, a session or an outcome, or search, to see the others.")
        self.shown_note.setVisible(matching > len(shown))
        self._show_state()
        self.loaded()
        then, self._then = self._then, None
        if then is not None:
            then()

    def show_session(self, session: cs.SessionDTO) -> None:
        """Show one session's bookings (its day chosen as the period if it is not in the one shown)."""
        self._wanted_session = session.id
        if not self.period_bar.period.contains(session.day):
            self.period_bar.show_dates(Period(session.day, session.day))  # reloads
        elif self.session_filter.findData(session.id) >= 0:
            self.session_filter.setCurrentIndex(self.session_filter.findData(session.id))
            self._wanted_session = None
        else:
            self.reload()

    # -- commands on the selected booking
    def new_dialog(self, parent: QWidget):
        return BookingDialog(self.db, None, parent, session_id=self.session_filter.currentData())

    def on_new(self) -> None:
        dialog = self.new_dialog(self)
        if dialog.exec():
            self.say(dialog.result)
            self.offer(dialog.offer)  # a place free, kept for the delegates already waiting
            self.show_saved(dialog.result_value)

    def on_edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = BookingDialog(self.db, row, self)
        if dialog.exec():
            self.say(dialog.result)
            self.offer(dialog.offer)

    def update_actions(self, row) -> None:
        if row is None or row.archived:
            why = "Choose a booking first." if row is None else "The booking is archived: restore it first."
            for action in (self.cancel_action, self.offer_action, self.follow_up_action, self.waive_action):
                self.offer_tool(action, why)
            return
        outcome = row.outcome.label.lower()
        self.offer_tool(self.cancel_action, f"The booking is {outcome}: there is nothing to cancel."
                        if row.outcome in (Outcome.CANCELLED, Outcome.ATTENDED) else "")
        self.offer_tool(self.offer_action, "Only a delegate on the waiting list is given a place."
                        if row.outcome is not Outcome.WAITLISTED else
                        "The session has no free place." if self._free.get(row.session_id, 0) <= 0 else "")
        self.offer_tool(self.follow_up_action, "" if row.outcome in (Outcome.NO_SHOW, Outcome.CANCELLED)
                        else "Only a no-show or a cancellation is followed up.")
        self.offer_tool(self.waive_action, "" if row.charge is not None else "The booking has no charge to waive.")

    def _archive(self, db, booking_id: int) -> None:
        self.offer(bk.archive_booking(db, booking_id))

    def _restore(self, db, booking_id: int) -> None:
        result = bk.restore_booking(db, booking_id)
        self.say(result)  # back on the waiting list, if its place has gone
        self.offer(result.offer)

    def say(self, result: bk.BookingResult | None) -> None:
        """What a booking saved or restored leaves to say: on the waiting list, or counting for an
        organisation archived in Memberships."""
        if result is not None and result.message:
            title = "On the waiting list" if result.booking.outcome is Outcome.WAITLISTED else "Booking saved"
            QMessageBox.information(self, title, as_typed(result.message))  # names the delegate

    def offer(self, offer: bk.WaitlistOffer | None) -> None:
        offer_the_place(self, self.db, offer)

    def cancel_booking(self) -> None:
        row = self.selected()
        if row is None or row.outcome is Outcome.CANCELLED:
            return
        dialog = CancelDialog(self.db, row, self)
        if dialog.exec():
            self.offer(dialog.offer)

    def offer_place(self) -> None:
        row = self.selected()
        if row is not None and row.outcome is Outcome.WAITLISTED:
            self.run_command(lambda: give_place(self, self.db, row))  # asked first if out of turn

    def follow_up(self) -> None:
        row = self.selected()
        if row is not None:
            FollowUpDialog(self.db, row, self).exec()

    def waive(self) -> None:
        row = self.selected()
        if row is None or row.charge is None:
            return
        if row.charge_waived:
            answer = QMessageBox.question(self, "Charge waived", as_typed(f"The charge was waived: {row.waiver_reason}\n\n"
                                                                          "Charge it again?"))
            if answer == QMessageBox.StandardButton.Yes:
                self.run_command(lambda: bk.reinstate_charge(self.db, row.id))
            return
        WaiveDialog(self.db, row, self).exec()


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
