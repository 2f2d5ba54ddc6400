"""The Training tab's Bookings page: a period's bookings, read in a worker thread, so a decade of
bookings never holds the window up; the outcome and session filters and the search work on the
rows already loaded, in a worker too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from bscp_desktop.domain.search import finds_every_term, fold
from bscp_desktop.domain.training import Outcome, Period
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.editors import after_a_pause, refill_combo
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.table_model import Column
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.training.booking_dialogs import BookingDialog, CancelDialog, FollowUpDialog, WaiveDialog, give_place
from bscp_desktop.ui.training.pages import KINDS, OUTCOME_COLOURS, PRESETS, offer_the_place, show_found, take_in_day
from bscp_desktop.ui.training.period import RECENT, PeriodBar

BOOKING_FILTERS: dict[str, Callable[[bk.BookingDTO], bool] | None] = {
    "All bookings": None,
    "Booked": lambda b: b.outcome is Outcome.BOOKED,
    "Waiting list": lambda b: b.outcome is Outcome.WAITLISTED,
    "Attended": lambda b: b.outcome is Outcome.ATTENDED,
    "No-shows": lambda b: b.outcome is Outcome.NO_SHOW,
    "No-shows not followed up": lambda b: b.outcome is Outcome.NO_SHOW and b.followed_up_on is None,
    "Cancelled": lambda b: b.outcome is Outcome.CANCELLED,
    "Late cancellations": lambda b: b.outcome is Outcome.CANCELLED and b.late_cancellation,
    "Called off by the partnership": lambda b: b.outcome is Outcome.CALLED_OFF,
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

    def show_record(self, record_id: int) -> None:
        """Select one booking (a search hit), its session's day taken into the period (`show_found`)."""
        show_found(self, bk.get_booking, record_id)

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
                        if row.outcome in (Outcome.CANCELLED, Outcome.ATTENDED) else
                        "The partnership called its session off: reinstate the session first (Sessions, Reinstate "
                        "session) to change the booking." if row.outcome is Outcome.CALLED_OFF else "")
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
